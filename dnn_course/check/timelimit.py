"""A time limit on student code: a loop that never ends becomes a red report, not a hung kernel.

In the main thread (where a notebook kernel runs every cell) a timer signal interrupts the
student's function wherever it is, even inside ``time.sleep``; it fires again every 0.1 s in
case a bare ``except:`` swallows it, and the previous handler and timer are put back
afterwards. Elsewhere (another thread, or Windows, which has no timer signals) a watchdog
thread raises the exception in the student's thread (``PyThreadState_SetAsyncExc``), which
stops any Python loop, though one long ``time.sleep`` or numpy call ends first.

The limit is ``DNN_COURSE_TIME_LIMIT`` seconds (5 by default) and ``time_limit(seconds)``
changes it for a block: ``with check.time_limit(30): check.L_model_forward(L_model_forward)``.
"""

import contextlib
import contextvars
import ctypes
import math
import os
import signal
import threading
import time

from ..guards import is_real, shown

MAX_SECONDS = 86400  # a day: the timer takes no more (1e300 s would overflow it)


def _checked(seconds, name):
    """``seconds`` as a float, if it is a number > 0 and at most MAX_SECONDS."""
    try:
        value = float(seconds) if is_real(seconds) or isinstance(seconds, str) else math.nan
    except (TypeError, ValueError, OverflowError):
        value = math.nan
    if not 0 < value <= MAX_SECONDS:
        raise ValueError(f"{name} must be a number of seconds > 0 and at most {MAX_SECONDS} "
                         f"(a day), got {shown(seconds)}")
    return value


DEFAULT = _checked(os.environ.get("DNN_COURSE_TIME_LIMIT", 5), "DNN_COURSE_TIME_LIMIT")
SECONDS = contextvars.ContextVar("seconds", default=DEFAULT)


class TimeLimitExceeded(BaseException):  # not an Exception: student code must not catch it
    """The student's function ran longer than the time limit."""


@contextlib.contextmanager
def time_limit(seconds):
    """Checks inside this block stop student code after ``seconds`` (a number > 0)."""
    token = SECONDS.set(_checked(seconds, "time_limit(seconds)"))
    try:
        yield
    finally:
        SECONDS.reset(token)


def call(function, *args):
    """``function(*args)``, stopped with TimeLimitExceeded after ``SECONDS`` seconds."""
    seconds = SECONDS.get()
    if threading.current_thread() is threading.main_thread() and hasattr(signal, "setitimer"):
        return _with_timer(seconds, function, args)
    return _with_watchdog(seconds, function, args)


_set_async_exc = ctypes.pythonapi.PyThreadState_SetAsyncExc
_set_async_exc.argtypes = (ctypes.c_ulong, ctypes.py_object)


def _stop(*_):
    raise TimeLimitExceeded


def _with_timer(seconds, function, args):
    previous = signal.signal(signal.SIGALRM, _stop)
    start = time.monotonic()
    old_delay, old_interval = signal.getitimer(signal.ITIMER_REAL)
    try:  # the handler and an outer timer are put back even if setitimer fails
        signal.setitimer(signal.ITIMER_REAL, seconds, 0.1)
        return function(*args)
    finally:
        try:
            signal.setitimer(signal.ITIMER_REAL, 0)
        finally:
            signal.signal(signal.SIGALRM, previous)
            if old_delay:  # an outer timer keeps counting from where it was
                remaining = max(old_delay - (time.monotonic() - start), 1e-3)
                signal.setitimer(signal.ITIMER_REAL, remaining, old_interval)


def _with_watchdog(seconds, function, args):
    target, done, lock = ctypes.c_ulong(threading.get_ident()), threading.Event(), threading.Lock()

    def watch():  # raise in the student's thread, again every 0.1 s until it gives up
        delay = seconds
        while not done.wait(delay):
            with lock:
                if not done.is_set():
                    _set_async_exc(target, ctypes.py_object(TimeLimitExceeded))
            delay = 0.1

    watchdog = threading.Thread(target=watch, daemon=True)
    watchdog.start()
    try:
        return function(*args)
    finally:
        with lock:
            done.set()
            _set_async_exc(target, ctypes.py_object())  # drop one raised but not delivered
        watchdog.join()

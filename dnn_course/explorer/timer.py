"""Play / Pause, paced by what the student's page can show.

While Play is on, the kernel runs a tick at most ``MAX_FPS`` times a second in its own
event loop, and each tick's frames (every view's, the iteration line, the gradient table)
go to the page in one message. The page says which frame it has drawn every ``AHEAD / 2``
frames (``static/clock.js``); the kernel never runs more than ``AHEAD`` frames ahead of
it. So it does nothing while paused, and stops within ``AHEAD`` frames once the page is
closed or hidden. A tick runs ``steps_per_tick`` iterations, or fewer when they do not fit
``TICK_BUDGET`` seconds, so a Pause click waits for at most one budget, whatever the
network and data size.

Outside a kernel (a script, a test) there is no event loop to tick in: call
``run_tick()`` (or the explorer's ``tick()``) yourself.
"""

import asyncio
import math
import time

import traitlets

from .browser import STATIC, Frames

MAX_FPS = 10  # updates a second: smooth to a person; more would only cost the server
AHEAD = 2 * MAX_FPS  # frames the kernel may run past the last one the page drew: 2 s
TICK_BUDGET = 0.1  # seconds of training per tick, at most (one step always runs)


def run_steps(step, n, budget=TICK_BUDGET):
    """Call ``step()`` n times, or stop early once ``budget`` seconds have passed.

    Returns the number of calls made (at least one when n >= 1).
    """
    deadline = time.perf_counter() + budget
    for done in range(1, n + 1):
        step()
        if time.perf_counter() >= deadline:
            return done
    return n


class Clock(Frames):
    """Runs ``tick()`` between play() and pause(), as fast as the page draws, at most
    ``MAX_FPS`` times a second. It carries the views' frames (see ``browser.Frames``) and
    shows the iteration line (``value``, HTML).

    Parameters
    ----------
    tick : callable with no arguments: the steps and the new frames of every view
    on_error : callable(error), called when a tick raises; Play stops first
    """

    _esm = STATIC / "clock.js"
    playing = traitlets.Bool(False).tag(sync=True)
    frame = traitlets.Int(0).tag(sync=True)  # ticks run so far
    ahead = traitlets.Int(AHEAD).tag(sync=True)
    value = traitlets.Unicode().tag(sync=True)  # HTML shown in the page

    def __init__(self, tick, on_error=None):
        super().__init__()
        self.tick, self.on_error = tick, on_error
        self.drawn = 0  # the latest frame a page said it has drawn
        self._next = None  # the scheduled tick (an asyncio TimerHandle)
        self._beat = -math.inf  # when the last tick was due (time.perf_counter())
        self.on_msg(self._page_drew)

    def play(self):
        """Start ticking (the page that pressed Play has drawn what there is)."""
        self.drawn, self.playing = self.frame, True
        self._schedule(0)

    def pause(self):
        self.playing = False
        if self._next is not None:
            self._next.cancel()
            self._next = None

    def _schedule(self, delay):
        """The next tick in ``delay`` seconds, if playing, not too far ahead of the page,
        and in a kernel's event loop."""
        if self._next is None and self.playing and self.frame - self.drawn < self.ahead:
            try:
                loop = asyncio.get_running_loop()
            except RuntimeError:  # no event loop: not in a kernel
                return
            self._next = loop.call_later(delay, self._due)

    def _due(self):
        self._next = None
        beat, now = 1 / MAX_FPS, time.perf_counter()
        on_time = now - (self._beat + beat) < beat / 2
        self._beat = self._beat + beat if on_time else now  # keep the beat; after a wait, anew
        self.run_tick()
        self._schedule(max(0.0, self._beat + beat - time.perf_counter()))

    def _page_drew(self, _widget, content, _buffers):
        """A page drew frame ``content["drawn"]``; anything else from a page is ignored."""
        frame = content.get("drawn")
        if type(frame) is int and self.drawn < frame <= self.frame:
            self.drawn = frame
            self._schedule(0)

    def run_tick(self):
        """One tick, sent as one message; on an error, stop Play and report it."""
        if not self.playing:
            return
        with self.hold_sync():  # the views' frames, the iteration and the frame number
            try:
                self.tick()
            except Exception as error:  # shown to the user instead of a silent stop
                self.pause()
                if self.on_error is not None:
                    self.on_error(error)
                return
            self.frame += 1

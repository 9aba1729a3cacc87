"""Play / Pause, paced by what the student's page can show.

The page asks for each tick (``static/clock.js``): while Play is on, it sends a request
at most ``MAX_FPS`` times a second, and only after the previous tick's frame has reached
it and been drawn. The kernel runs one tick per request, so it never works ahead of the
screen, does nothing while paused, and nothing at all once the page is closed. A tick runs
``steps_per_tick`` iterations, or fewer when they do not fit ``TICK_BUDGET`` seconds, so
a Pause click waits for at most one budget, whatever the network and data size.
"""

import time

import anywidget
import traitlets

from .browser import STATIC

MAX_FPS = 12  # smooth to a person; more would only cost the server
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


class Clock(anywidget.AnyWidget):
    """Runs ``tick()`` when the page asks for the next frame, between play() and pause().

    It also shows the iteration line (``value``, HTML): what a tick changes there travels
    in one message with the new ``frame`` number, the last message of the tick.

    Parameters
    ----------
    tick : callable with no arguments: the steps and the new frames of every view
    on_error : callable(error), called when a tick raises; Play stops first
    """

    _esm = STATIC / "clock.js"
    playing = traitlets.Bool(False).tag(sync=True)
    frame = traitlets.Int(0).tag(sync=True)  # ticks run so far: the page's acknowledgement
    interval_ms = traitlets.Int(1000 // MAX_FPS).tag(sync=True)
    value = traitlets.Unicode().tag(sync=True)  # HTML shown in the page

    def __init__(self, tick, on_error=None):
        super().__init__()
        self.tick, self.on_error = tick, on_error
        self.on_msg(self._requested)

    def play(self):
        self.playing = True

    def pause(self):
        self.playing = False

    def _requested(self, _widget, content, _buffers):
        """A page drew frame ``content["request"]`` and asks for the next one.

        Requests for an older frame (a second view of the same explorer) are dropped.
        """
        if self.playing and content.get("request") == self.frame:
            self.run_tick()

    def run_tick(self):
        """One tick; on an error, stop Play and report it instead of ticking on."""
        with self.hold_sync():  # value and frame in one message, after the views' frames
            try:
                self.tick()
            except Exception as error:  # shown to the user instead of a silent stop
                self.playing = False
                if self.on_error is not None:
                    self.on_error(error)
                return
            self.frame += 1

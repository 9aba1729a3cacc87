"""Play / Pause: run ``tick`` again and again on the kernel's asyncio loop.

Each tick runs to completion, then the timer sleeps ``interval`` seconds with
``await asyncio.sleep``; during that sleep the kernel handles widget messages, so the
notebook stays responsive and a Pause click cancels the loop before the next tick.
"""

import asyncio


class Timer:
    """Call ``tick()`` every ``interval`` seconds between ``play()`` and ``pause()``.

    Parameters
    ----------
    tick : callable with no arguments
    interval : float, seconds of rest between two ticks
    on_error : callable(error), called when a tick raises; the timer stops first
    """

    def __init__(self, tick, interval=0.03, on_error=None):
        self.tick = tick
        self.interval = interval
        self.on_error = on_error
        self._task = None

    @property
    def playing(self):
        """True between play() and pause() (or a failing tick)."""
        return self._task is not None and not self._task.done()

    def play(self):
        """Start ticking on the running asyncio loop (a Jupyter kernel always has one)."""
        if self.playing:
            return
        try:
            loop = asyncio.get_running_loop()
        except RuntimeError:
            raise RuntimeError(
                "Play needs a running asyncio loop, as in a Jupyter kernel; in a plain "
                "script call tick() or step(n) instead"
            ) from None
        self._task = loop.create_task(self._run())

    def pause(self):
        """Stop before the next tick (a tick that is running always finishes)."""
        if self._task is not None:
            self._task.cancel()
            self._task = None

    async def _run(self):
        while True:
            try:
                self.tick()
            except Exception as error:  # shown to the user instead of a silent stop
                self._task = None
                if self.on_error is not None:
                    self.on_error(error)
                return
            await asyncio.sleep(self.interval)

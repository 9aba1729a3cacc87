"""What the page draws is the package's own numbers, sent only when they change, in one
message per Play tick; Play is paced by the page, and a tick fits its time budget whatever
the network."""

import asyncio
import concurrent.futures
import time

import numpy as np
import pytest

from dnn_course.explorer import Explorer, Settings
from dnn_course.explorer.browser import pack, unpack
from dnn_course.explorer.timer import AHEAD, MAX_FPS, TICK_BUDGET, run_steps
from dnn_course.explorer.views import GRID, boundary_grid


@pytest.fixture
def ex():
    ex = Explorer(Settings(m=120, hidden_layers=3, neurons=(5, 4, 3)), figures="browser")
    ex.step(500)  # more than HISTORY_POINTS: every 2nd iteration is kept, and the latest
    return ex


def test_pack_keeps_shape_and_values_as_bytes():
    A = np.arange(6.0).reshape(2, 3) / 7
    packed = pack(A)
    assert isinstance(packed["data"], bytes) and packed["shape"] == [2, 3]
    np.testing.assert_allclose(unpack(packed), A, rtol=1e-7)
    assert unpack(pack([1, 0, 1], "uint8")).tolist() == [1, 0, 1]


def test_the_boundary_sent_to_the_page_is_the_session_own(ex):
    data, frame = ex.views["boundary"].data, ex.views["boundary"].frame
    X = np.hstack([ex.session.X_train, ex.session.X_test])
    np.testing.assert_allclose(unpack(data["X"]), X, rtol=1e-6)
    Y = np.hstack([ex.session.Y_train, ex.session.Y_test])[0]
    np.testing.assert_array_equal(unpack(data["Y"]), Y)
    assert data["m_train"] == ex.session.X_train.shape[1]
    grid = boundary_grid(data)
    assert grid.shape == (2, GRID * GRID)
    assert grid[0].min() < X[0].min() and grid[1].max() > X[1].max()  # all points inside
    AL = ex.session.probabilities(grid).reshape(GRID, GRID)
    np.testing.assert_allclose(unpack(frame["level"]) / 255, AL, rtol=0, atol=0.5 / 255)
    assert unpack(frame["level"]).dtype == np.uint8  # the colour map's 256 levels


def test_the_curves_sent_to_the_page_are_the_recorded_costs_and_norms(ex):
    data, frame = ex.views["curves"].data, ex.views["curves"].frame
    assert data["names"] == ["train J", "test J", "||dW[1]||", "||dW[2]||", "||dW[3]||",
                             "||dW[4]||"]
    state = ex.state()
    steps, series = unpack(frame["steps"]), unpack(frame["series"])
    np.testing.assert_array_equal(steps, [*range(0, 500, 2), 499])
    np.testing.assert_array_equal(steps, state["steps"])
    np.testing.assert_allclose(series[0], state["costs"], rtol=1e-6)
    np.testing.assert_allclose(series[1], state["test_costs"], rtol=1e-6)
    np.testing.assert_allclose(series[2:], np.array(state["grad_norms"]).T, rtol=1e-6)
    x_max, cost_top, low, high = frame["limits"]
    assert x_max >= 500 and cost_top >= series[:2].max()  # what is drawn fits
    assert low <= series[2:].min() and high >= series[2:].max()


def messages(ex, monkeypatch):
    """The state messages the explorer's widgets send, as (widget class, sorted keys)."""
    sent = []
    widgets = {id(w): w for w in _walk(ex.widget)}
    for widget in [*widgets.values(), ex.clock]:
        monkeypatch.setattr(widget, "send_state", lambda key=None, w=widget: sent.append(
            (type(w).__name__, [key] if isinstance(key, str) else sorted(key or []))))
    return sent


def _walk(widget):
    yield widget
    for child in getattr(widget, "children", ()):
        yield from _walk(child)


def test_nothing_is_sent_when_nothing_changed(ex, monkeypatch):
    sent = messages(ex, monkeypatch)
    ex.refresh()  # same iteration: the same numbers
    assert sent == []
    ex.step(1)
    assert {"boundary", "curves"} <= set(sum((keys for _, keys in sent), []))


def test_a_play_tick_is_one_message_with_every_view_the_iteration_and_the_frame(ex,
                                                                                 monkeypatch):
    sent = messages(ex, monkeypatch)
    ex.play()
    sent.clear()
    ex.clock.run_tick()  # a detail tick: the inside views and the table too
    assert sent == [("Clock", ["boundary", "chain", "curves", "frame", "network", "table",
                               "value"])]
    assert "iteration 510" in ex.clock.value
    sent.clear()
    ex.clock.run_tick()
    assert sent == [("Clock", ["boundary", "curves", "frame", "value"])]
    np.testing.assert_allclose(  # what rode on the clock is the boundary view's frame
        unpack(ex.clock.boundary["level"]), unpack(ex.views["boundary"].frame["level"]))


def test_play_is_paced_by_the_page_and_stops_without_it():
    """In a kernel's event loop: at most MAX_FPS ticks a second, never more than AHEAD
    frames past what the page said it drew, on again when it says more, none after Pause."""
    ex = Explorer(Settings(m=60, hidden_layers=1), figures="browser")

    async def play():
        loop = asyncio.get_running_loop()
        start = loop.time()
        ex.play()
        while ex.clock.frame < AHEAD and loop.time() - start < 30:
            await asyncio.sleep(0.05)
        elapsed = loop.time() - start
        assert ex.clock.frame == AHEAD <= MAX_FPS * elapsed + 1
        await asyncio.sleep(3 / MAX_FPS)
        assert ex.clock.frame == AHEAD  # no page: it waits
        ex.clock._page_drew(ex.clock, {"drawn": AHEAD // 2}, [])  # what clock.js sends
        while ex.clock.frame < AHEAD + AHEAD // 2 and loop.time() - start < 60:
            await asyncio.sleep(0.05)
        await asyncio.sleep(3 / MAX_FPS)
        assert ex.clock.frame == AHEAD + AHEAD // 2
        ex.clock._page_drew(ex.clock, {"drawn": ex.clock.frame}, [])
        await asyncio.sleep(3 / MAX_FPS)
        ex.pause()
        paused, trained = ex.clock.frame, ex.session.iteration
        assert paused > AHEAD + AHEAD // 2
        await asyncio.sleep(3 / MAX_FPS)
        # A tick trains up to steps/tick iterations (fewer when they take over its 0.1 s,
        # as on a busy machine), so the count after Pause is compared with itself.
        assert ex.clock.frame == paused and ex.session.iteration == trained

    # In a thread of its own, as a kernel's loop: a browser test's Playwright may keep an
    # event loop running in this thread for the whole session.
    with concurrent.futures.ThreadPoolExecutor(1) as pool:
        pool.submit(asyncio.run, play()).result()


def test_a_tick_stops_at_its_time_budget_but_always_takes_a_step():
    calls = []

    def slow_step():
        calls.append(1)
        time.sleep(TICK_BUDGET / 4)

    start = time.perf_counter()
    assert run_steps(slow_step, 1000) == len(calls)
    assert 1 <= len(calls) <= 5 and time.perf_counter() - start < 3 * TICK_BUDGET
    assert run_steps(lambda: time.sleep(2 * TICK_BUDGET), 1000) == 1
    assert run_steps(lambda: None, 7) == 7


def test_a_heavy_play_tick_returns_within_its_budget():
    ex = Explorer(Settings(m=2000, hidden_layers=6, neurons=16, steps_per_tick=1000),
                  figures="browser")
    ex.play()
    start = time.perf_counter()
    ex.clock.run_tick()
    elapsed = time.perf_counter() - start
    assert 1 <= ex.session.iteration < 1000
    one_step = elapsed / ex.session.iteration
    assert elapsed < TICK_BUDGET + one_step + 0.5  # the budget, one step over it, the redraw

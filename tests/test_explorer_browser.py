"""What the page draws is the package's own numbers, sent only when they change, and a
Play tick fits its time budget whatever the network."""

import time

import numpy as np
import pytest

from dnn_course.explorer import Explorer, Settings
from dnn_course.explorer.browser import pack, unpack
from dnn_course.explorer.timer import TICK_BUDGET, run_steps
from dnn_course.explorer.views import GRID, boundary_grid


@pytest.fixture
def ex():
    ex = Explorer(Settings(m=120, hidden_layers=3, neurons=(5, 4, 3)), figures="browser")
    ex.step(250)  # more than CURVE_POINTS: the curves show every 2nd iteration
    return ex


def test_pack_keeps_shape_and_values_as_bytes():
    A = np.arange(6.0).reshape(2, 3) / 7
    packed = pack(A)
    assert isinstance(packed["data"], bytes) and packed["shape"] == [2, 3]
    np.testing.assert_allclose(unpack(packed), A, rtol=1e-7)
    assert unpack(pack([1, 0, 1], "uint8")).tolist() == [1, 0, 1]


def test_the_boundary_sent_to_the_page_is_the_session_own(ex):
    data, frame = ex.views.boundary.data, ex.views.boundary.frame
    X = np.hstack([ex.session.X_train, ex.session.X_test])
    np.testing.assert_allclose(unpack(data["X"]), X, rtol=1e-6)
    Y = np.hstack([ex.session.Y_train, ex.session.Y_test])[0]
    np.testing.assert_array_equal(unpack(data["Y"]), Y)
    assert data["m_train"] == ex.session.X_train.shape[1]
    grid = boundary_grid(data)
    assert grid.shape == (2, GRID * GRID)
    assert grid[0].min() < X[0].min() and grid[1].max() > X[1].max()  # all points inside
    AL = ex.session.probabilities(grid).reshape(GRID, GRID)
    np.testing.assert_allclose(unpack(frame["AL"]), AL, rtol=1e-6, atol=1e-7)


def test_the_curves_sent_to_the_page_are_the_recorded_costs_and_norms(ex):
    data, frame = ex.views.curves.data, ex.views.curves.frame
    assert data["names"] == ["train J", "test J", "||dW[1]||", "||dW[2]||", "||dW[3]||",
                             "||dW[4]||"]
    state = ex.state()
    steps, series = unpack(frame["steps"]), unpack(frame["series"])
    np.testing.assert_array_equal(steps, np.arange(0, 250, 2))
    np.testing.assert_allclose(series[0], np.array(state["costs"])[::2], rtol=1e-6)
    np.testing.assert_allclose(series[1], np.array(state["test_costs"])[::2], rtol=1e-6)
    np.testing.assert_allclose(series[2:], np.array(state["grad_norms"])[::2].T, rtol=1e-6)
    x_max, cost_top, low, high = frame["limits"]
    assert x_max >= 250 and cost_top >= max(state["costs"] + state["test_costs"])
    assert low <= series[2:].min() and high >= series[2:].max()


def test_nothing_is_sent_when_nothing_changed(ex, monkeypatch):
    sent = []
    for view in (ex.views.boundary, ex.views.curves):
        monkeypatch.setattr(view, "send_state", lambda key=None, view=view: sent.append(key))
    ex.refresh()  # same iteration: the same numbers
    assert sent == []
    ex.step(1)
    assert sorted(sent) == ["frame", "frame"]


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
    ex.clock._requested(ex.clock, {"request": 0}, [])
    elapsed = time.perf_counter() - start
    assert 1 <= ex.session.iteration < 1000
    one_step = elapsed / ex.session.iteration
    assert elapsed < TICK_BUDGET + one_step + 0.5  # the budget, one step over it, the redraw


def test_a_play_tick_sends_the_views_then_the_iteration_with_the_frame_number(ex, monkeypatch):
    sent = []
    for name, widget in (("boundary", ex.views.boundary), ("curves", ex.views.curves),
                         ("clock", ex.clock)):
        monkeypatch.setattr(widget, "send_state",
                            lambda key=None, name=name: sent.append(
                                (name, [key] if isinstance(key, str) else sorted(key))))
    ex.play()
    sent.clear()
    ex.clock._requested(ex.clock, {"request": ex.clock.frame}, [])
    assert sent[:2] == [("boundary", ["frame"]), ("curves", ["frame"])]
    assert sent[-1] == ("clock", ["frame", "value"])  # one message, the tick's last
    assert "iteration 260" in ex.clock.value

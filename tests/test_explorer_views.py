"""The explorer's boundary figure says what it shows, and its fast redraw shows the same."""

import numpy as np
import pytest
from matplotlib.colors import to_rgba

from dnn_course.explorer import Explorer, Settings
from dnn_course.explorer.views import COLORS, EDGES


@pytest.fixture
def ex():
    ex = Explorer(Settings(m=120), figures="inline")
    ex.step(5)
    return ex


def pixels(figure):
    return np.asarray(figure.canvas.buffer_rgba()).copy()


def test_the_boundary_has_a_title_axis_labels_and_a_key(ex):
    figure = ex.views.renderers["boundary"].figure
    ax = figure.axes[0]
    assert ax.get_title() == "AL = P(y = 1 | x)"
    assert (ax.get_xlabel(), ax.get_ylabel()) == ("x1", "x2")
    (legend,) = figure.legends
    assert [text.get_text() for text in legend.get_texts()] == ["y = 0", "y = 1", "train", "test"]
    y0, y1, train, test = legend.legend_handles
    assert (y0.get_color(), y1.get_color()) == COLORS
    assert (train.get_markeredgecolor(), test.get_markeredgecolor()) == EDGES
    points = ax.get_lines()  # train y = 0, train y = 1, test y = 0, test y = 1
    assert [to_rgba(p.get_color()) for p in points] == [to_rgba(c) for c in COLORS * 2]
    assert [p.get_markeredgecolor() for p in points] == [EDGES[0]] * 2 + [EDGES[1]] * 2
    assert legend.get_window_extent().y1 <= ax.get_window_extent().y0  # it hides no point


def test_a_tick_redraws_only_what_moves_and_matches_a_full_draw(ex):
    figure = ex.views.renderers["boundary"].figure
    before = pixels(figure)
    ex.step(20)
    blitted = pixels(figure)
    assert not np.array_equal(blitted, before)  # the heatmap moved
    figure.canvas.draw()
    np.testing.assert_array_equal(blitted, pixels(figure))


def test_new_data_redraws_the_frame(ex):
    ex.controls["dataset"].value = "xor"
    figure = ex.views.renderers["boundary"].figure
    shown = pixels(figure)
    figure.canvas.draw()
    np.testing.assert_array_equal(shown, pixels(figure))
    points = np.hstack([line.get_xydata().T for line in figure.axes[0].get_lines()])
    X = np.hstack([ex.session.X_train, ex.session.X_test])
    np.testing.assert_allclose(np.sort(points, axis=1), np.sort(X, axis=1), atol=0)

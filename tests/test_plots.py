"""The figures carry the data they claim to show, with labelled axes, titles and legends."""

import matplotlib
import matplotlib.pyplot as plt
import numpy as np
import pytest

import dnn_course as dc
from dnn_course.plots import plot_chain, plot_costs, plot_decision_boundary, plot_mislabeled


@pytest.fixture(autouse=True)
def close_figures():
    yield
    plt.close("all")


def texts(ax):
    return "\n".join(t.get_text() for t in ax.texts)


def right_of_the_axes(ax):
    """True when the legend, as drawn, starts right of the axes' plotting area."""
    ax.figure.canvas.draw()
    return ax.get_legend().get_window_extent().x0 >= ax.get_window_extent().x1


def test_cost_curve_plots_costs_every_100_iterations():
    costs = [0.69, 0.5, 0.31, 0.2]
    ax = plot_costs(costs)
    (line,) = ax.get_lines()
    np.testing.assert_allclose(line.get_xdata(), [0, 100, 200, 300], atol=0)
    np.testing.assert_allclose(line.get_ydata(), costs, atol=0)
    assert (ax.get_xlabel(), ax.get_ylabel()) == ("iteration", "cost J")
    assert ax.get_title()


def test_cost_curves_share_an_axes_with_a_legend():
    ax = plot_costs([0.7, 0.6], label="scale 0.01")
    plot_costs([0.7, 0.2], iterations=[0, 50], ax=ax, label="xavier")
    assert [t.get_text() for t in ax.get_legend().get_texts()] == ["scale 0.01", "xavier"]
    np.testing.assert_allclose(ax.get_lines()[1].get_xdata(), [0, 50], atol=0)
    assert right_of_the_axes(ax)  # a legend inside would hide part of some curve


@pytest.mark.parametrize("costs, iterations", [([], None), ([0.5, 0.4], [0])])
def test_cost_curve_rejects_mismatched_input(costs, iterations):
    with pytest.raises(ValueError, match="cost"):
        plot_costs(costs, iterations)


def test_decision_boundary_shows_the_points_and_the_model_output():
    X, Y = dc.make_dataset("gaussians", m=40, rng=2)
    parameters = dc.initialize_parameters_deep([2, 3, 1], rng=0, scale="xavier")
    ax = plot_decision_boundary(parameters, X, Y, resolution=30)
    scatters = ax.collections[-2:]
    shown = np.concatenate([s.get_offsets() for s in scatters])
    np.testing.assert_allclose(np.sort(shown, axis=0), np.sort(X.T, axis=0), atol=0)
    assert len(scatters[1].get_offsets()) == int(Y.sum())
    assert (ax.get_xlabel(), ax.get_ylabel()) == ("x1", "x2")
    labels = [t.get_text() for t in ax.get_legend().get_texts()]
    assert labels == ["y = 0", "y = 1", "boundary: y-hat = 0.5"]
    assert right_of_the_axes(ax)  # a legend inside would hide points


def test_decision_boundary_needs_two_features():
    parameters = dc.initialize_parameters_deep([3, 1], rng=0)
    with pytest.raises(ValueError, match=r"X must be \(2, m\)"):
        plot_decision_boundary(parameters, np.zeros((3, 4)), np.zeros((1, 4)))


def test_chain_shows_every_shape_and_cache():
    text = texts(plot_chain([2, 4, 3, 1], "tanh", m=5))
    for piece in ["A[0] = X\n(2, 5)", "W[1] (4, 2)", "b[1] (4, 1)", "W[2] (3, 4)",
                  "W[3] (1, 3)", "Z[2], A[2]\n(3, 5)", "LINEAR->TANH", "LINEAR->SIGMOID",
                  "y-hat = A[3]\n(1, 5)", "cache 2: A[1],\nW[2], b[2], Z[2]"]:
        assert piece in text
    assert "dW[1]" not in text


def test_chain_backward_row_runs_from_dAL_to_an_unused_dA0():
    ax = plot_chain([2, 4, 3, 1], backward=True)
    text = texts(ax)
    for piece in ["(4, m)", "dA[3] =\n-Y/A[3] +\n(1-Y)/(1-A[3])", "dW[1] (4, 2)", "db[3] (1, 1)",
                  "dA[2]", "dA[1]", "dA[0]\n(not used)"]:
        assert piece in text
    assert "backward" in ax.get_title()


def test_chain_cache_labels_are_as_large_as_the_boxes_text_and_dark():
    """The labels under the boxes say what each cache keeps: not small light-grey print."""
    ax = plot_chain([2, 4, 3, 1], backward=True)
    boxes = [t for t in ax.texts if t.get_text().startswith("layer 1\n")]
    labels = [t for t in ax.texts if t.get_text().startswith(("cache ", "dA[0]"))]
    assert len(labels) == 4 and boxes
    for label in labels:
        assert label.get_fontsize() >= boxes[0].get_fontsize()
        assert max(matplotlib.colors.to_rgb(label.get_color())) <= 0.2  # near black


def test_chain_rejects_a_network_without_layers():
    with pytest.raises(ValueError, match="layer_dims"):
        plot_chain([2])


def test_mislabeled_grid_shows_only_the_mistakes():
    images = np.arange(5 * 64, dtype=float).reshape(5, 8, 8)
    Y = np.array([[1, 0, 1, 0, 1]])
    predictions = np.array([[1, 1, 0, 0, 1]])
    fig = plot_mislabeled(images, Y, predictions, classes=["8", "3"])
    shown = [ax for ax in fig.axes if ax.get_images()]
    assert [ax.get_title() for ax in shown] == ["predicted 3\nlabel 8", "predicted 8\nlabel 3"]
    np.testing.assert_allclose(shown[1].get_images()[0].get_array(), images[2], atol=0)
    assert fig._suptitle.get_text() == "Model: 2 of 5 test images misclassified"


def test_mislabeled_title_says_when_only_the_first_mistakes_are_shown():
    Y, predictions = np.zeros((1, 5)), np.array([[1, 1, 0, 1, 0]])
    fig = plot_mislabeled(np.zeros((5, 8, 8)), Y, predictions, ["8", "3"], max_images=2,
                          title="2-layer model")
    assert len([ax for ax in fig.axes if ax.get_images()]) == 2
    assert (fig._suptitle.get_text()
            == "2-layer model: 3 of 5 test images misclassified (the first 2 shown)")


def test_mislabeled_grid_needs_one_label_per_image():
    with pytest.raises(ValueError, match="one of each per example"):
        plot_mislabeled(np.zeros((3, 8, 8)), np.zeros((1, 2)), np.zeros((1, 2)), ["0", "1"])


def test_every_figure_has_a_text_alternative_that_names_what_it_shows():
    ax = plot_costs([0.69, 0.3], label="2 layers")
    plot_costs([0.7, 0.5, 0.1], ax=ax, label="4 layers", title="Cost J, two runs")
    assert dc.plots.text_alternative(ax.figure) == (
        "Line chart 'Cost J, two runs', cost J against iteration: 2 layers (solid line) from "
        "0.690 at 0 to 0.300 at 100; 4 layers (dashed line) from 0.700 at 0 to 0.100 at 200.")
    X, Y = dc.make_dataset("gaussians", m=40, rng=2)
    parameters = dc.initialize_parameters_deep([2, 3, 1], rng=0, scale="xavier")
    ax = plot_decision_boundary(parameters, X, Y, resolution=20)
    AL, _ = dc.L_model_forward(X, parameters)
    right = int(np.sum((AL[0] > 0.5) == (Y[0] == 1)))
    text = dc.plots.text_alternative(ax.figure)
    assert f"{int(Y.sum())} points with y = 1 (purple triangles)" in text
    assert f"{right} of 40 points are on their label's side" in text
    text = dc.plots.text_alternative(plot_chain([2, 4, 1], m=5, backward=True).figure)
    assert "layer 1 LINEAR->RELU with W[1] (4, 2), b[1] (4, 1)" in text
    assert "y-hat = A[2] (1, 5)" in text and "dA[0] is not used" in text
    fig = plot_mislabeled(np.zeros((3, 8, 8)), [[1, 0, 1]], [[0, 0, 1]], ["three", "eight"])
    assert dc.plots.text_alternative(fig) == (
        "Model: 1 of 3 test images misclassified. predicted three, label eight.")


def test_lines_and_points_differ_by_more_than_colour():
    ax = plot_costs([0.5, 0.4], label="a")
    for label in "bcd":
        plot_costs([0.5, 0.4], ax=ax, label=label)
    assert len({line.get_linestyle() for line in ax.get_lines()}) == 4
    X, Y = dc.make_dataset("gaussians", m=40, rng=2)
    ax = plot_decision_boundary(dc.initialize_parameters_deep([2, 1], rng=0), X, Y,
                                resolution=10)
    markers = {tuple(map(tuple, s.get_paths()[0].vertices.round(3))) for s in ax.collections[-2:]}
    assert len(markers) == 2  # circles for y = 0, triangles for y = 1


def test_a_notebook_shows_figures_as_images_with_their_alt_text():
    from IPython.core.interactiveshell import InteractiveShell

    shell = InteractiveShell.instance()
    dc.plots._register_alt_text()
    ax = plot_chain([2, 3, 1])
    data, _ = shell.display_formatter.format(ax.figure)
    alt = dc.plots.text_alternative(ax.figure).replace("'", "&#x27;").replace(">", "&gt;")
    assert data["text/html"].startswith(f'<img class="dnn-figure" alt="{alt}" src="data:image/png')
    InteractiveShell.clear_instance()

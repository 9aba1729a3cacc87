"""The widget callbacks of notebooks 00, 01 and 03, tested without a browser."""

import html
import re

import ipywidgets as widgets
import matplotlib.pyplot as plt
import numpy as np
import pytest

import dnn_course as dc
from dnn_course import walkthrough as wt
from dnn_course.plots import text_alternative


@pytest.fixture(autouse=True)
def close_figures():
    yield
    plt.close("all")


@pytest.fixture(scope="module")
def trained():
    result = wt.train_three_layer(2, "relu")
    yield result
    plt.close(result.figure)


def test_architecture_text_names_sizes_and_activations():
    expected = "architecture: 2 -> 8 -> 8 -> 1 (relu, relu, sigmoid)"
    assert wt.architecture_text([2, 8, 8, 1]) == expected
    assert (wt.architecture_text([64, 7, 1], "tanh")
            == "architecture: 64 -> 7 -> 1 (tanh, sigmoid)")


@pytest.mark.parametrize("depth", [0, 2.0, True, "2"])
def test_depth_must_be_a_positive_integer(depth):
    with pytest.raises(ValueError, match=r"depth must be an integer >= 1.*hidden layers"):
        wt.forward_chain(depth)


def test_forward_chain_caches_match_the_package_forward():
    result = wt.forward_chain(3, "tanh", m=5, hidden_units=4)
    assert result.architecture == "architecture: 2 -> 4 -> 4 -> 4 -> 1 (tanh, tanh, tanh, sigmoid)"
    assert [cache.activation_cache.shape for cache in result.caches] == [(4, 5)] * 3 + [(1, 5)]
    parameters = {}
    for l, cache in enumerate(result.caches, start=1):
        parameters[f"W{l}"], parameters[f"b{l}"] = cache.linear_cache.W, cache.linear_cache.b
        assert np.abs(cache.linear_cache.b).min() > 0  # biases non-zero: the broadcast shows
    AL, _ = dc.L_model_forward(result.X, parameters, "tanh")
    np.testing.assert_allclose(result.AL, AL, rtol=1e-12, atol=0)
    assert result.caches[0].linear_cache.A_prev is result.X


def test_forward_chain_report_prints_every_Z_and_A_with_its_shape():
    result = wt.forward_chain(2, "relu")
    report = result.report()
    assert report.splitlines()[0] == "architecture: 2 -> 3 -> 3 -> 1 (relu, relu, sigmoid)"
    Z2 = result.caches[1].activation_cache
    A2 = result.caches[2].linear_cache.A_prev
    assert f"Z[2] = W[2] A[1] + b[2], shape (3, 4):\n{Z2}" in report
    assert f"A[2] = relu(Z[2]), shape (3, 4):\n{A2}" in report
    assert f"A[3] = sigmoid(Z[3]), shape (1, 4):\n{result.AL}" in report
    np.testing.assert_allclose(A2, np.maximum(0, Z2), atol=0)


def test_forward_chain_figure_follows_depth_and_activation():
    shallow = "\n".join(t.get_text() for t in wt.forward_chain(1, "relu").figure.axes[0].texts)
    deep = "\n".join(t.get_text() for t in wt.forward_chain(3, "sigmoid").figure.axes[0].texts)
    assert "W[2] (1, 3)" in shallow and "W[3]" not in shallow
    assert "W[4] (1, 3)" in deep and "LINEAR->SIGMOID" in deep and "LINEAR->RELU" not in deep


def test_changing_the_activation_changes_the_forward_values():
    relu, tanh = wt.forward_chain(2, "relu"), wt.forward_chain(2, "tanh")
    np.testing.assert_allclose(relu.X, tanh.X, atol=0)
    assert not np.allclose(relu.AL, tanh.AL, rtol=1e-6, atol=0)


def test_training_learns_the_circle(trained):
    assert trained.architecture == "architecture: 2 -> 8 -> 8 -> 1 (relu, relu, sigmoid)"
    assert trained.costs[-1] < 0.5 * trained.costs[0]
    assert trained.train_accuracy > 0.9 and trained.test_accuracy > 0.85
    assert trained.iterations[:3] == [0, 10, 20] and trained.iterations[-1] == 999


def test_training_accuracies_and_costs_are_the_package_numbers(trained):
    X, Y = dc.make_dataset("circle", m=300, rng=0)
    expected = dc.accuracy(dc.predict(X, trained.parameters), Y)
    np.testing.assert_allclose(trained.train_accuracy, expected, atol=0)
    AL, _ = dc.L_model_forward(X, dc.initialize_parameters_deep([2, 8, 8, 1], rng=0,
                                                                scale="xavier"))
    np.testing.assert_allclose(trained.costs[0], dc.compute_cost(AL, Y), rtol=1e-12)


def test_training_figure_shows_cost_curve_and_boundary(trained):
    ax_cost, ax_plane = trained.figure.axes[:2]
    np.testing.assert_allclose(ax_cost.get_lines()[0].get_ydata(), trained.costs, atol=0)
    np.testing.assert_allclose(ax_cost.get_lines()[0].get_xdata(), trained.iterations, atol=0)
    assert (ax_cost.get_xlabel(), ax_cost.get_ylabel()) == ("iteration", "cost J")
    assert (ax_plane.get_xlabel(), ax_plane.get_ylabel()) == ("x1", "x2")
    assert ax_cost.get_legend().get_texts()[0].get_text() == "2 hidden, relu"


def test_training_report_prints_the_numbers(trained):
    lines = trained.report().splitlines()
    assert lines[0] == trained.architecture
    assert lines[1] == (f"cost J: {trained.costs[0]:.6f} at iteration 0, "
                        f"{trained.costs[-1]:.6f} at iteration 999")
    assert f"train accuracy: {trained.train_accuracy:.3f}" in lines[2]


@pytest.mark.parametrize("depth, activation", [(3, "relu"), (2, "tanh")])
def test_changing_depth_or_activation_changes_the_model(trained, depth, activation):
    other = wt.train_three_layer(depth, activation, num_iterations=50)
    assert other.architecture != trained.architecture
    assert len(other.parameters) == 2 * (depth + 1)
    assert other.layers_dims == [2] + [8] * depth + [1]
    assert not np.isclose(other.costs[-1], trained.costs[5], rtol=1e-6)


def test_training_rejects_an_unknown_activation():
    with pytest.raises(ValueError, match="unknown activation 'softmax'"):
        wt.train_three_layer(2, "softmax", num_iterations=1)


def test_three_layer_widget_has_the_dom_classes_and_retrains():
    ui = wt.three_layer_widget()
    (depth, activation), out = ui.children[0].children, ui.children[1]
    assert isinstance(depth, widgets.IntSlider) and "dnn-depth" in depth._dom_classes
    assert "dnn-activation" in activation._dom_classes
    assert list(activation.options) == list(dc.ACTIVATIONS)  # every registered g, in order
    assert "dnn-three-layer-output" in out._dom_classes
    assert "architecture: 2 -> 8 -> 8 -> 1 (relu, relu, sigmoid)" in html.unescape(out.value)
    first = out.value
    depth.value = 1
    assert "architecture: 2 -> 8 -> 1 (relu, sigmoid)" in html.unescape(out.value)
    assert image_of(out.value) != image_of(first)
    activation.value = "leaky_relu"
    assert "architecture: 2 -> 8 -> 1 (leaky_relu, sigmoid)" in html.unescape(out.value)


def image_of(html):
    """The PNG (base64) and alt text of the one figure in a widget's HTML."""
    images = re.findall(r'<img class="dnn-figure" alt="([^"]+)" src="data:image/png;base64,'
                        r'([A-Za-z0-9+/=]+)">', html)
    assert len(images) == 1, html[:300]
    return images[0]


def test_the_widgets_show_the_report_and_the_figure_in_the_page_only():
    """The report and the figure with its text alternative, in the widget; no figure is left
    open for the notebook to show a second time under it."""
    plt.close("all")
    out = wt.three_layer_widget().children[1]
    result = wt.train_three_layer(2, "relu")
    plt.close(result.figure)
    assert f'>{html.escape(result.report())}</pre>' in out.value
    alt, _ = image_of(out.value)
    assert html.unescape(alt) == text_alternative(result.figure)
    assert "Decision boundary" in alt
    assert plt.get_fignums() == []


def test_chain_widget_redraws_for_a_new_depth():
    ui = wt.chain_widget()
    depth, activation = ui.children[0].children
    out = ui.children[1]
    assert "dnn-chain-depth" in depth._dom_classes
    assert "dnn-chain-output" in out._dom_classes
    depth.value = 3
    shown = html.unescape(out.value)
    assert "architecture: 2 -> 3 -> 3 -> 3 -> 1 (relu, relu, relu, sigmoid)\n" in shown
    assert "Z[4] = W[4] A[3] + b[4], shape (1, 4):" in shown
    image_of(out.value)


def test_widget_smoke_check_echoes_the_slider():
    slider, echo = wt.widget_smoke_check().children
    assert echo.value.startswith("The kernel received 3")
    slider.value = 7
    assert echo.value.startswith("The kernel received 7")

"""What the walkthrough notebooks' widgets call: plain functions that return results.

``forward_chain`` (notebook 01) runs one forward pass on a small batch and draws the chain
of boxes; ``backprop_views`` (notebooks 01-03) shows it live, with real tensors, and
``walk_text`` prints its numbers; ``train_three_layer`` (notebook 03) trains the
lecture's network on a 2-D data set and draws its cost curve and decision boundary. Each
returns a result whose ``report()`` is the text the widget prints, so a plain cell can
print the same numbers.
"""

import html
from typing import NamedTuple

import ipywidgets as widgets
import matplotlib.pyplot as plt
import numpy as np
from matplotlib.figure import Figure

from .activations import ACTIVATIONS
from .data import make_dataset
from .explorer.chain import chain_payload, pass_steps
from .explorer.chain_view import ChainView, chain_text, draw_chain
from .explorer.network import plane_activations, plane_grid
from .explorer.network_view import NetworkView, draw_network, network_text
from .explorer.slider_names import SliderNames
from .guards import check_integer
from .initialization import initialize_parameters_deep
from .model import L_model_forward, layer_activations
from .pictured import PicturedBox, png, stack
from .plots import figure_html, plot_chain, plot_costs, plot_decision_boundary, text_alternative
from .training import L_layer_model, accuracy, predict

MAX_DEPTH = 5
# the report as a notebook prints text: code font, so the columns of Z and A line up
REPORT_STYLE = "font-family: var(--jp-code-font-family, monospace); line-height: 1.3; margin: 0"


def architecture_text(layer_dims, hidden_activation="relu"):
    """'architecture: 2 -> 8 -> 8 -> 1 (relu, relu, sigmoid)': sizes n[0..L], then g[1..L]."""
    names = layer_activations(hidden_activation, len(layer_dims) - 1)
    sizes = " -> ".join(str(n) for n in layer_dims)
    return f"architecture: {sizes} ({', '.join(names)})"


def _layer_dims(depth, n_x, hidden_units):
    """[n_x, hidden_units (depth times), 1], after checking depth in the lecture's terms."""
    check_integer("depth", depth, 1, " (the number of hidden layers)")
    return [n_x] + [hidden_units] * int(depth) + [1]


class ChainResult(NamedTuple):
    """One forward pass: A[0] = X, then caches[l-1] holds layer l's (A[l-1], W[l], b[l]), Z[l]."""

    architecture: str
    activations: list
    X: np.ndarray
    caches: list
    AL: np.ndarray
    figure: plt.Figure

    def report(self):
        """The architecture, then A[0] and every layer's Z[l] and A[l] with shapes and values."""
        lines = [self.architecture, f"A[0] = X, shape {self.X.shape}:", str(self.X)]
        for l, cache in enumerate(self.caches, start=1):
            Z = cache.activation_cache
            A = self.AL if l == len(self.caches) else self.caches[l].linear_cache.A_prev
            lines += [f"Z[{l}] = W[{l}] A[{l - 1}] + b[{l}], shape {Z.shape}:", str(Z),
                      f"A[{l}] = {self.activations[l - 1]}(Z[{l}]), shape {A.shape}:", str(A)]
        return "\n".join(lines)


def forward_chain(depth=2, activation="relu", m=4, hidden_units=3, seed=1):
    """Forward-propagate m points of the circle data set through ``depth`` hidden layers.

    The biases are drawn at random (not zero) so their broadcast over the m columns
    shows in Z. Returns a ChainResult whose figure is the chain of boxes with every shape.
    """
    layer_dims = _layer_dims(depth, 2, hidden_units)
    rng = np.random.default_rng(seed)
    X, _ = make_dataset("circle", m=m, rng=rng)
    parameters = initialize_parameters_deep(layer_dims, rng=rng, scale="xavier")
    for l in range(1, len(layer_dims)):
        parameters[f"b{l}"] = 0.1 * rng.standard_normal((layer_dims[l], 1))
    AL, caches = L_model_forward(X, parameters, activation)
    ax = plot_chain(layer_dims, activation, m=m)
    names = layer_activations(activation, len(layer_dims) - 1)
    return ChainResult(architecture_text(layer_dims, activation), names, X, caches, AL,
                       ax.figure)


class TrainingResult(NamedTuple):
    """A trained network, its cost history, its accuracies and the figure that shows them."""

    architecture: str
    layers_dims: list
    parameters: dict
    iterations: list
    costs: list
    train_accuracy: float
    test_accuracy: float
    figure: plt.Figure

    def report(self):
        """The architecture line, then the first and last cost and both accuracies."""
        return (f"{self.architecture}\n"
                f"cost J: {self.costs[0]:.6f} at iteration 0, {self.costs[-1]:.6f} at "
                f"iteration {self.iterations[-1]}\n"
                f"train accuracy: {self.train_accuracy:.3f}   "
                f"test accuracy: {self.test_accuracy:.3f}")


def train_three_layer(depth=2, activation="relu", dataset="circle", m=300, hidden_units=8,
                      learning_rate=0.5, num_iterations=1000, seed=0):
    """Train [LINEAR -> activation] * depth -> LINEAR -> SIGMOID on a 2-D data set.

    depth = 2 is the lecture's three-layer network X -> ReLU -> ReLU -> sigmoid. The test
    set is m fresh points from the same data set. The figure has the cost curve (every 10
    iterations) on the left and the decision boundary over the training points on the right.
    """
    layers_dims = _layer_dims(depth, 2, hidden_units)
    X, Y = make_dataset(dataset, m=m, rng=seed)
    X_test, Y_test = make_dataset(dataset, m=m, rng=seed + 1)
    history = []

    def record(i, cost, parameters, grads):
        history.append((i, cost))

    parameters, _ = L_layer_model(X, Y, layers_dims, learning_rate, num_iterations,
                                  hidden_activation=activation, rng=seed, callback=record,
                                  callback_every=10, progress=False)
    iterations, costs = (list(column) for column in zip(*history, strict=True))
    fig, (ax_cost, ax_plane) = plt.subplots(1, 2, figsize=(10, 4))
    plot_costs(costs, iterations, ax=ax_cost, label=f"{depth} hidden, {activation}")
    plot_decision_boundary(parameters, X, Y, activation, ax=ax_plane)
    fig.tight_layout()
    return TrainingResult(
        architecture_text(layers_dims, activation), layers_dims, parameters, iterations, costs,
        accuracy(predict(X, parameters, activation), Y),
        accuracy(predict(X_test, parameters, activation), Y_test), fig)


def _controls(prefix, output_class, show):
    """A depth slider and an activation menu that redraw ``show(depth, activation)``.

    The result's report and figure go into one HTML widget, replaced whole at each change.
    (An Output widget capturing print and plt.show() would do the same in JupyterLab, but
    Voila, which runs the notebook on the server before the page opens, can wait forever
    on a cell that fills an Output widget.) Its picture is the figure on display.
    """
    depth = widgets.IntSlider(value=2, min=1, max=MAX_DEPTH, description="hidden layers",
                              style={"description_width": "initial"}, continuous_update=False)
    activation = widgets.Dropdown(options=list(ACTIVATIONS), value="relu",
                                  description="activation")
    out = widgets.HTML()
    shown = []  # the result on display

    def redraw(change=None):
        shown[:] = [show(depth.value, activation.value)]
        out.value = result_html(shown[0])

    def picture():
        figure = shown[0].figure
        return png(figure), (f"{depth.description} = {depth.value}, activation = "
                             f"{activation.value}. {text_alternative(figure)}")

    depth.observe(redraw, "value")
    activation.observe(redraw, "value")
    redraw()
    depth.add_class(f"{prefix}-depth")
    activation.add_class(f"{prefix}-activation")
    out.add_class(output_class)
    return PicturedBox([widgets.HBox([depth, activation]), out, SliderNames()], picture)


def result_html(result):
    """A result's report as preformatted text, then its figure (closed: shown only here)."""
    plt.close(result.figure)
    return (f'<pre class="dnn-report" style="{REPORT_STYLE}">{html.escape(result.report())}'
            f"</pre>{figure_html(result.figure)}")


def chain_widget():
    """Notebook 01: depth and activation redraw the chain and show Z[l], A[l] for 4 examples."""
    return _controls("dnn-chain", "dnn-chain-output", forward_chain)


def three_layer_widget():
    """Notebook 03: depth and activation retrain the network and redraw its figure."""
    return _controls("dnn", "dnn-three-layer-output", train_three_layer)


def backprop_views(X, Y, parameters, hidden_activation="relu"):
    """Notebooks 01-03: the live chain of boxes and the network for one pass on (X, Y).

    Next / Previous walk forward l = 1..L, the loss, then backward l = L..1, showing each
    step's real tensors; ``walk_text`` prints the same numbers.
    """
    steps, activations = pass_steps(X, Y, parameters, hidden_activation)
    chain, network = ChainView(), NetworkView()
    chain.show(steps, activations)
    planes = None
    if X.shape[0] == 2:
        planes = plane_activations(parameters, activations, plane_grid(X))
    network.show(steps, activations, planes)

    def picture():  # both views at the step they show, drawn by matplotlib
        shown = chain.payload(), network.payload()
        return (stack([png(draw_chain(shown[0])), png(draw_network(shown[1]))]),
                f"{chain_text(shown[0])}\n{network_text(shown[1])}")

    return PicturedBox([chain, network], picture)


def walk_text(X, Y, parameters, hidden_activation="relu"):
    """What the chain view shows at each of its 2L + 1 steps, one paragraph per step."""
    steps, activations = pass_steps(X, Y, parameters, hidden_activation)
    return "\n\n".join(chain_text(chain_payload(steps, index, activations))
                       for index in range(len(steps)))


def widget_smoke_check():
    """Notebook 00: a slider whose value the kernel echoes into a label, if widgets work."""
    slider = widgets.IntSlider(value=3, min=0, max=10, description="move me")
    echo = widgets.Label()

    def update(change=None):
        echo.value = f"The kernel received {slider.value}: widgets work in this notebook."

    def picture():  # the slider and the echo, as a static page cannot move them
        figure = Figure(figsize=(5, 0.8), dpi=72)
        ax = figure.add_axes((0.25, 0.55, 0.7, 0.3), xlim=(slider.min, slider.max), yticks=[])
        ax.plot([slider.min, slider.max], [0, 0], color="0.6", linewidth=3)
        ax.plot([slider.value], [0], "o", color="#5e3c99", markersize=10)
        ax.set_title(f"{slider.description}: {slider.value}", x=-0.18, y=-0.4, ha="right")
        ax.spines[["left", "right", "top"]].set_visible(False)
        figure.text(0.02, 0.05, echo.value)
        return png(figure), (f"A slider '{slider.description}' at {slider.value} and the "
                             f"kernel's answer: {echo.value}")

    slider.observe(update, names="value")
    update()
    return PicturedBox([slider, echo], picture)

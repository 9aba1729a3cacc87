"""Figures for the walkthrough: cost curve, decision boundary, the chain of boxes, mistakes.

Every function draws on a matplotlib Axes (made for you when ``ax`` is None) and returns
it, or returns the Figure for the multi-panel image grid, so a notebook cell can end with
``plt.show()`` and a test can read the data back from the artists.

Open to every student: each function also writes a short text alternative of what it drew
(``text_alternative(figure)``), which a notebook shows as the image's ``alt`` text; lines
and points differ by line style or marker shape as well as by colour, and the colours are
the colour-blind-safe orange / purple of ColorBrewer's PuOr.
"""

import base64
import html
import weakref

import matplotlib.pyplot as plt
import numpy as np
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.patches import FancyBboxPatch

from .guards import as_matrix
from .model import L_model_forward, layer_activations

COLORS = ("#e66101", "#5e3c99")  # label 0 orange, label 1 purple (PuOr's ends)
MARKERS = ("o", "^")  # label 0 circles, label 1 triangles
LINE_STYLES = (("-", "solid"), ("--", "dashed"), (":", "dotted"), ("-.", "dash-dot"))
_ALT = weakref.WeakKeyDictionary()  # Axes -> its text alternative


def _axes(ax, figsize):
    return plt.subplots(figsize=figsize)[1] if ax is None else ax


def text_alternative(figure):
    """The figure's short text alternative: what each of its Axes shows, or their titles."""
    parts = [_ALT.get(ax) or ax.get_title() for ax in figure.axes]
    title = figure.get_suptitle() and figure.get_suptitle() + "."
    return " ".join(part for part in [title, *parts] if part) or "A figure without a title."


def figure_html(figure):
    """The figure as an HTML image whose alt text is ``text_alternative(figure)``."""
    from IPython.core.pylabtools import print_figure

    png = base64.b64encode(print_figure(figure, "png", bbox_inches="tight")).decode()
    alt = html.escape(text_alternative(figure), quote=True)
    return f'<img class="dnn-figure" alt="{alt}" src="data:image/png;base64,{png}">'


def _register_alt_text():
    """In a notebook, show every matplotlib figure as an image with its alt text."""
    try:
        from IPython import get_ipython
    except ImportError:
        return
    shell = get_ipython()
    if shell is not None:
        shell.display_formatter.formatters["text/html"].for_type(Figure, figure_html)


_register_alt_text()


def plot_costs(costs, iterations=None, ax=None, label=None, title="Cost J during training"):
    """Plot the cost J against the iteration; ``iterations`` defaults to 0, 100, 200, ...

    ``costs`` is what ``L_layer_model`` returns (one cost every 100 iterations); call
    again on the same ``ax`` with a ``label`` to compare runs: the legend sits outside the
    axes, on the right, so it never hides a curve.
    """
    costs = np.asarray(costs, dtype=float)
    if costs.ndim != 1 or costs.size == 0:
        raise ValueError(f"costs must be a non-empty list of numbers, got shape {costs.shape}")
    iterations = np.arange(costs.size) * 100 if iterations is None else np.asarray(iterations)
    if iterations.shape != costs.shape:
        raise ValueError(f"{costs.size} costs but {iterations.size} iterations: one per cost")
    ax = _axes(ax, (5, 3.5))
    style, _ = LINE_STYLES[len(ax.get_lines()) % len(LINE_STYLES)]
    ax.plot(iterations, costs, style, label=label)
    ax.set(xlabel="iteration", ylabel="cost J", title=title)
    if label is not None:
        ax.legend(loc="upper left", bbox_to_anchor=(1.02, 1), fontsize=8)
    _ALT[ax] = f"Line chart '{title}', cost J against iteration: " + "; ".join(
        _describe_line(line) for line in ax.get_lines()) + "."
    return ax


def _describe_line(line):
    x, y = line.get_xdata(), line.get_ydata()
    style = dict(LINE_STYLES).get(line.get_linestyle(), line.get_linestyle())
    name = "" if line.get_label().startswith("_") else f"{line.get_label()} "
    return f"{name}({style} line) from {y[0]:.3f} at {x[0]:g} to {y[-1]:.3f} at {x[-1]:g}"


def plot_decision_boundary(parameters, X, Y, hidden_activation="relu", ax=None, resolution=150):
    """Colour the plane by y-hat = A[L](x) and draw the boundary y-hat = 0.5 over the points.

    X is (2, m), Y is (1, m): the points are the columns, coloured by their label. The
    legend sits outside the axes, on the right, so it hides no point.
    """
    X = as_matrix("X", X, "(2, m)")
    if X.shape[0] != 2:
        raise ValueError(f"X must be (2, m) to draw a plane, got {X.shape}")
    Y = as_matrix("Y", Y).ravel()
    low, high = X.min(axis=1) - 0.3, X.max(axis=1) + 0.3
    x1, x2 = np.meshgrid(*(np.linspace(low[i], high[i], resolution) for i in range(2)))
    AL, _ = L_model_forward(np.stack([x1.ravel(), x2.ravel()]), parameters, hidden_activation)
    y_hat = AL.reshape(x1.shape)
    ax = _axes(ax, (4.5, 4))
    ax.contourf(x1, x2, y_hat, levels=np.linspace(0, 1, 11), cmap="PuOr", alpha=0.45)
    ax.contour(x1, x2, y_hat, levels=[0.5], colors="k", linewidths=1.5)
    for label, (colour, marker) in enumerate(zip(COLORS, MARKERS, strict=True)):
        on = Y == label
        ax.scatter(X[0, on], X[1, on], s=14, c=colour, marker=marker, edgecolors="k",
                   linewidths=0.3, label=f"y = {label}")
    handles = ax.get_legend_handles_labels()[0]
    boundary = Line2D([], [], color="k", label="boundary: y-hat = 0.5")
    ax.legend(handles=[*handles, boundary], loc="upper left", bbox_to_anchor=(1.02, 1),
              fontsize=8)
    ax.set(xlabel="x1", ylabel="x2", title="Decision boundary", aspect="equal")
    AL, _ = L_model_forward(X, parameters, hidden_activation)
    right = int(np.sum((AL.ravel() > 0.5) == (Y == 1)))
    _ALT[ax] = (
        f"Decision boundary over the plane x1 from {low[0]:.1f} to {high[0]:.1f}, x2 from "
        f"{low[1]:.1f} to {high[1]:.1f}, shaded by y-hat (purple near 1, orange near 0), a "
        f"black line where y-hat = 0.5; {int(np.sum(Y == 1))} points with y = 1 (purple "
        f"triangles) and {int(np.sum(Y == 0))} with y = 0 (orange circles); {right} of "
        f"{Y.size} points are on their label's side."
    )
    return ax


LABEL_FONTSIZE, LABEL_COLOUR = 9, "0.15"  # chain labels: readable, near black


def _box(ax, x, y, text, colour, width=0.86, height=1.1):
    ax.add_patch(FancyBboxPatch((x - width / 2, y - height / 2), width, height,
                                boxstyle="round,pad=0.03", fc=colour, ec="0.3"))
    ax.text(x, y, text, ha="center", va="center", fontsize=8, family="monospace")


def _arrow(ax, start, end, text, colour="0.2", dashed=False, below=False):
    ax.annotate("", xy=end, xytext=start, arrowprops=dict(
        arrowstyle="->", color=colour, linestyle="--" if dashed else "-", lw=1.3))
    middle = ((start[0] + end[0]) / 2, (start[1] + end[1]) / 2 + (-0.1 if below else 0.1))
    ax.text(*middle, text, ha="center", va="top" if below else "bottom", fontsize=LABEL_FONTSIZE,
            color=colour)


def _shape(rows, m):
    return f"({rows}, {'m' if m is None else m})"


def plot_chain(layer_dims, hidden_activation="relu", m=None, backward=False, ax=None):
    """The chain of boxes X = A[0] -> layer 1 -> ... -> layer L -> y-hat, with every shape.

    Each layer box shows W[l] (n[l], n[l-1]), b[l] (n[l], 1) and Z[l], A[l] (n[l], m) and
    what its cache keeps; with ``backward=True`` a second row runs from dA[L] back to dA[0]
    (which layer 1 could compute but nobody uses), each layer giving dW[l] and db[l].
    ``m`` is a number of examples, or None to write the symbol m.
    """
    L = len(layer_dims) - 1
    if L < 1:
        raise ValueError(f"layer_dims must be [n_x, n[1], ..., n[L]], got {layer_dims}")
    names = layer_activations(hidden_activation, L)
    ax = _axes(ax, (1.9 * (L + 2) + 0.6, 5.6 if backward else 2.8))
    _box(ax, 0, 1, f"A[0] = X\n{_shape(layer_dims[0], m)}", "#e8e8e8")
    for l in range(1, L + 1):
        n, n_prev = layer_dims[l], layer_dims[l - 1]
        _box(ax, 1.2 * l, 1, f"layer {l}\nLINEAR->{names[l - 1].upper()}\n"
             f"W[{l}] ({n}, {n_prev})\nb[{l}] ({n}, 1)\nZ[{l}], A[{l}]\n{_shape(n, m)}",
             "#fff3c4" if l < L else "#ffd9c4", height=1.3)
        _arrow(ax, (1.2 * (l - 1) + 0.45, 1), (1.2 * l - 0.45, 1), f"A[{l - 1}]")
        ax.text(1.2 * l, 0.22, f"cache {l}: A[{l - 1}],\nW[{l}], b[{l}], Z[{l}]",
                ha="center", va="top", fontsize=LABEL_FONTSIZE, color=LABEL_COLOUR)
    _box(ax, 1.2 * (L + 1), 1, f"y-hat = A[{L}]\n{_shape(1, m)}\n-> loss", "#d6ecff")
    _arrow(ax, (1.2 * L + 0.45, 1), (1.2 * (L + 1) - 0.45, 1), f"A[{L}]")
    _ALT[ax] = "Diagram of the forward chain: A[0] = X " + _shape(layer_dims[0], m) + "".join(
        f" -> layer {l} LINEAR->{names[l - 1].upper()} with W[{l}] ({layer_dims[l]}, "
        f"{layer_dims[l - 1]}), b[{l}] ({layer_dims[l]}, 1), caching A[{l - 1}], W[{l}], b[{l}], "
        f"Z[{l}]" for l in range(1, L + 1)) + f" -> y-hat = A[{L}] {_shape(1, m)} -> loss."
    if backward:
        _backward_row(ax, layer_dims, L)
        _ALT[ax] += (f" Backward row: dA[{L}] from the loss, then layers {L} to 1, each "
                     "computing dZ[l] = dA[l] * g'(Z[l]) from its cache and giving dW[l], "
                     "db[l] and dA[l-1]; dA[0] is not used.")
    ax.set(xlim=(-0.6, 1.2 * (L + 1) + 0.6), ylim=(-2.3 if backward else -0.3, 1.75))
    ax.set_title("Forward" + (" and backward" if backward else "") + " propagation, every shape")
    ax.axis("off")
    return ax


def _backward_row(ax, layer_dims, L):
    y = -1.45
    _box(ax, 1.2 * (L + 1), y, f"dA[{L}] =\n-Y/A[{L}] +\n(1-Y)/(1-A[{L}])", "#d6ecff")
    for l in range(L, 0, -1):
        n, n_prev = layer_dims[l], layer_dims[l - 1]
        _box(ax, 1.2 * l, y, f"layer {l} back\ndZ[{l}]=dA[{l}]*\ng'(Z[{l}])\n"
             f"dW[{l}] ({n}, {n_prev})\ndb[{l}] ({n}, 1)", "#e3f5e1", height=1.3)
        _arrow(ax, (1.2 * (l + 1) - 0.45, y), (1.2 * l + 0.45, y), f"dA[{l}]")
        _arrow(ax, (1.2 * l, -0.12), (1.2 * l, y + 0.67), "", colour="0.55", dashed=True)
    _arrow(ax, (1.2 - 0.45, y), (0.1, y), "dA[0]\n(not used)", colour=LABEL_COLOUR, dashed=True,
           below=True)


def plot_mislabeled(images, Y, predictions, classes, max_images=12, ncols=6, title="Model"):
    """A grid of the test images whose prediction differs from the label, titled with both.

    images : (m, h, w);  Y, predictions : (1, m) of 0/1;  classes[y] names label y.
    The figure's title reads "<title>: 4 of 107 test images misclassified".
    """
    images = np.asarray(images)
    Y, predictions = (as_matrix(n, v).ravel() for n, v in
                      (("Y", Y), ("predictions", predictions)))
    if not len(images) == Y.size == predictions.size:
        raise ValueError(f"{len(images)} images, {Y.size} labels and {predictions.size} "
                         "predictions: there must be one of each per example")
    wrong = np.flatnonzero(predictions != Y)[:max_images]
    ncols = max(1, min(ncols, len(wrong)))
    nrows = max(1, -(-len(wrong) // ncols))
    fig, axes = plt.subplots(nrows, ncols, figsize=(1.6 * ncols, 1.9 * nrows), squeeze=False)
    for ax in axes.flat:
        ax.axis("off")
    for ax, i in zip(axes.flat, wrong, strict=False):
        ax.imshow(images[i], cmap="gray_r")
        ax.set_title(f"predicted {classes[int(predictions[i])]}\nlabel {classes[int(Y[i])]}",
                     fontsize=8)
    total = int(np.sum(predictions != Y))
    shown = f" (the first {len(wrong)} shown)" if len(wrong) < total else ""
    fig.suptitle(f"{title}: {total} of {Y.size} test images misclassified{shown}")
    for ax in axes.flat:
        if ax.get_title():
            _ALT[ax] = ax.get_title().replace("\n", ", ") + "."
    fig.tight_layout()
    return fig

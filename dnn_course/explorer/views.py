"""The explorer's live views: decision boundary, cost curves, gradient norms per layer.

Each view is drawn from two payloads computed here from the session's own numbers:
``data`` (what changes at Reset: the points, the axes) and ``frame`` (what changes every
tick: AL's colour level over the grid, the curves). In a Jupyter kernel the page draws them
(``browser.BrowserView``: the kernel only sends numbers); with ``figures="inline"``
(tests, scripts, static outputs) matplotlib draws the same payloads in the kernel
(``inline.py``). See ``browser.py`` for the pattern a new view follows.
"""

import math

import numpy as np

from .browser import BrowserView, esm, pack
from .palette import CYCLE, colour_table

GRID = 60  # the boundary heatmap evaluates AL on GRID x GRID points
COLORS = ("#e66101", "#5e3c99")  # label 0, label 1
EDGES = ("white", "black")  # train, test
CMAP, HEATMAP_ALPHA = "PuOr", 0.6


def curve_limits(n, costs, norms):
    """Axis limits that change rarely: x doubles, cost tops are powers of 2, norms decades
    (at most the largest float's, so any finite number can be drawn)."""
    x_max = 100 * 2 ** max(0, math.ceil(math.log2(max(n, 1) / 100)))
    top = math.log2(max(costs, default=1.0) or 1.0) + math.log2(1.1)  # J * 1.1, in log 2
    cost_top = 2.0 ** min(1023, max(0, math.ceil(top)))
    norms = np.maximum(norms, 1e-12) if np.size(norms) else np.array([1e-3, 1.0])
    decades = math.floor(np.log10(norms.min())), math.ceil(np.log10(norms.max()) + 1e-9)
    return x_max, cost_top, (10.0 ** decades[0], 10.0 ** min(308, decades[1]))


def boundary_data(session):
    """The points (train first, then test), their labels, the plane shown, the colours, and
    the figure in words (its text alternative)."""
    X = np.hstack([session.X_train, session.X_test])
    low, high = X.min(axis=1) - 0.2, X.max(axis=1) + 0.2
    cmap = np.column_stack([colour_table(), np.full(256, 255)])  # RGBA, as the page reads it
    return {
        "extent": [float(low[0]), float(high[0]), float(low[1]), float(high[1])],
        "X": pack(X), "Y": pack(np.hstack([session.Y_train, session.Y_test])[0], "uint8"),
        "m_train": session.X_train.shape[1],
        "colors": list(COLORS), "edges": list(EDGES),
        "cmap": pack(cmap, "uint8"), "alpha": HEATMAP_ALPHA,
        "label": "Decision boundary: AL = P(y = 1 | x) over the plane, orange near 0, purple "
                 f"near 1; {session.X_train.shape[1]} train points (white edge) and "
                 f"{session.X_test.shape[1]} test points (black edge), orange y = 0, purple y = 1",
    }


def boundary_grid(data):
    """The GRID x GRID points (2, GRID**2) of the plane where AL is evaluated, row by row."""
    x0, x1, y0, y1 = data["extent"]
    xs, ys = np.linspace(x0, x1, GRID), np.linspace(y0, y1, GRID)
    return np.stack([g.ravel() for g in np.meshgrid(xs, ys)])


def boundary_frame(AL):
    """AL = P(y = 1 | x) on the grid, (1, GRID**2), as the heatmap's colour level
    round(255 AL): (GRID, GRID) bytes, row 0 at the bottom (y0). The colour map has 256
    levels, so this is all the page can show, in a quarter of the bytes of float32."""
    return {"level": pack(np.rint(255 * AL.reshape(GRID, GRID)), "uint8")}


def curves_data(session):
    """The names and colours of the curves: train J, test J, then ||dW[l]|| for l = 1..L."""
    L = len(session.parameters) // 2
    names = ["train J", "test J"] + [f"||dW[{l}]||" for l in range(1, L + 1)]
    return {"names": names, "colors": [CYCLE[i % len(CYCLE)] for i in (0, 1, *range(L))],
            "label": "Cost J of the train and test sets (top) and ||dW[l]|| of each layer on a "
                     "log scale (bottom) against the iteration; the table beside it gives the "
                     "latest values"}


def curves_frame(session):
    """J (train, test) and ||dW[l]|| at the iterations the history keeps, and the axis limits
    of what is drawn: at most HISTORY_POINTS points, so a tick costs the same at any
    iteration (``Session.record``)."""
    steps = np.array(session.steps, dtype=np.int64)
    L = len(session.parameters) // 2
    norms = np.array(session.grad_norms, dtype=float).reshape(len(steps), L)
    costs = np.array([session.costs, session.test_costs], dtype=float)
    series = np.vstack([costs.reshape(2, len(steps)), np.maximum(norms, 1e-12).T])
    n = int(steps[-1]) + 1 if len(steps) else 0
    x_max, cost_top, norm_limits = curve_limits(n, costs.ravel().tolist(), norms)
    return {"steps": pack(steps, "float64"), "series": pack(series),
            "limits": [x_max, cost_top, *norm_limits]}


class BoundaryView(BrowserView):
    """The decision boundary, drawn by the page (static/boundary.js)."""

    _esm = esm("boundary.js")


class CurvesView(BrowserView):
    """Cost J and ||dW[l]|| against the iteration, drawn by the page (static/curves.js)."""

    _esm = esm("curves.js")


def in_kernel():
    """True inside a Jupyter kernel (a page can draw the views)."""
    try:
        from IPython import get_ipython
    except ImportError:
        return False
    return getattr(get_ipython(), "kernel", None) is not None


class Views:
    """The boundary and the curves, drawn by the page or inline.

    Parameters
    ----------
    figures : "auto" (the page draws when in a kernel), "browser" or "inline"
    frames : the browser.Frames widget that carries their frames (Play's clock)
    """

    def __init__(self, figures="auto", frames=None):
        if figures not in ("auto", "browser", "inline"):
            raise ValueError(f'figures must be "auto", "browser" or "inline", got {figures!r}')
        self.browser = in_kernel() if figures == "auto" else figures == "browser"
        if self.browser:
            self.boundary = BoundaryView(frames, "boundary")
            self.curves = CurvesView(frames, "curves")
            self.boundary_widget, self.curves_widget = self.boundary, self.curves
        else:
            from .inline import InlineBoundary, InlineCurves  # matplotlib only when needed

            self.boundary, self.curves = InlineBoundary(), InlineCurves()
            self.boundary_widget, self.curves_widget = self.boundary.widget, self.curves.widget
        self.grid, self.grid_pass = None, None

    def draw_data(self, session):
        """What changes only at Reset: the points and the plane, the curves' names."""
        data = boundary_data(session)
        self.grid = boundary_grid(data)
        self.boundary.data, self.curves.data = data, curves_data(session)

    def update(self, session):
        """The boundary, the cost curves and ||dW[l]|| for the session's current state.

        The grid's forward pass (about 1 MB of Z[l], A[l]) is kept until the next one:
        freed every tick, the C allocator would return it to the system and fault it back
        in, which cost a sixth of a Play tick's CPU.
        """
        AL, self.grid_pass = session.forward(self.grid)
        self.boundary.frame = boundary_frame(AL)
        self.curves.frame = curves_frame(session)

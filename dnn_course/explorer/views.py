"""The explorer's live views, in one place: ``Views`` holds every view the panel shows.

The explorer registers the decision boundary, the network and the cost curves side by
side on the screen and the chain across it (``Explorer.__init__``); ``Explorer.add_view``
registers more, under the screen. Each view is a ``browser.BrowserView`` (the kernel sends
the package's numbers, the page draws them) and is updated here: ``reset`` at Reset,
``update`` after every change, every view's frame of a Play tick in one message.

The boundary and the curves are defined here too: ``data`` (what changes at Reset: the
points, the axes) and ``frame`` (what changes every tick: AL's colour level over the grid,
the curves), computed from the session's own numbers. They also have a matplotlib renderer
(``inline.py``) for ``figures="inline"``: tests, scripts, static outputs.
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
    """The decision boundary, drawn by the page (static/boundary.js), every Play tick."""

    _esm = esm("boundary.js")
    every_tick, inline, flex = True, "boundary", "0 0 auto"  # it keeps its size

    def reset(self, session):
        """The points and the plane; the grid where AL is evaluated."""
        self.data = boundary_data(session)
        self.grid = boundary_grid(self.data)

    def update(self, session, steps):
        """AL over the grid. Its forward pass (about 1 MB of Z[l], A[l]) is kept until the
        next one: freed every tick, the C allocator would return it to the system and fault
        it back in, which cost a sixth of a Play tick's CPU."""
        AL, self.grid_pass = session.forward(self.grid)
        self.frame = boundary_frame(AL)


class CurvesView(BrowserView):
    """Cost J and ||dW[l]|| against the iteration, drawn by the page (static/curves.js)."""

    _esm = esm("curves.js")
    every_tick, inline, flex = True, "curves", "0 1 403px"

    def reset(self, session):
        self.data = curves_data(session)

    def update(self, session, steps):
        self.frame = curves_frame(session)


def in_kernel():
    """True inside a Jupyter kernel (a page can draw the views)."""
    try:
        from IPython import get_ipython
    except ImportError:
        return False
    return getattr(get_ipython(), "kernel", None) is not None


PLACES = ("screen", "across", "below")  # side by side; across the screen; under it


class Views:
    """Every live view of one explorer, with where the panel lays it out.

    Parameters
    ----------
    figures : "auto" (the page draws when in a kernel), "browser" or "inline" (matplotlib
        in the kernel draws the views that have an ``inline`` renderer: the boundary and
        the curves; the others are drawn by the page in both cases)
    """

    def __init__(self, figures="auto"):
        if figures not in ("auto", "browser", "inline"):
            raise ValueError(f'figures must be "auto", "browser" or "inline", got {figures!r}')
        self.browser = in_kernel() if figures == "auto" else figures == "browser"
        self.views, self.places = {}, {}  # by key: the view, its place
        self.shown, self.renderers = {}, {}  # by key: the widget shown, the inline renderer

    def add(self, view, place="below"):
        """Register ``view`` (built with Play's clock and a key of its own) at ``place``;
        what is shown gets the CSS class ``dnn-<key>``."""
        if place not in PLACES:
            raise ValueError(f"a view's place is one of {', '.join(PLACES)}, got {place!r}")
        if view.key in self.views:
            raise ValueError(f"the explorer has a view {view.key!r} already: give it another key")
        self.views[view.key], self.places[view.key] = view, place
        shown = view
        if not self.browser and view.inline:
            from . import inline  # matplotlib only when needed

            self.renderers[view.key] = renderer = inline.follow(view)
            shown = renderer.widget
        self.shown[view.key] = shown.add_class(f"dnn-{view.key}")  # for CSS and tests
        shown.layout.min_width = "0"
        if place != "across":
            shown.layout.flex = view.flex  # the boundary keeps its size, others shrink
        return view

    def __getitem__(self, key):
        return self.views[key]

    def at(self, place):
        """The widgets shown at ``place``, in the order their views were added."""
        return [self.shown[key] for key, where in self.places.items() if where == place]

    def reset(self, session):
        """What changes only at Reset: the points and the plane, the curves' names."""
        for view in self.views.values():
            view.reset(session)

    def update(self, session, steps=None):
        """Every view's frame for the session's current state; ``steps`` are its chain
        steps (one forward and backward pass, ``chain.session_steps``). Without them, only
        the views drawn every Play tick (``every_tick``: the boundary and the curves)."""
        for view in self.views.values():
            if steps is not None or view.every_tick:
                view.update(session, steps)

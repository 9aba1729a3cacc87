"""The explorer's live figures: decision boundary, cost curves, gradient norms per layer.

With ipympl in a running kernel each figure is an ipympl canvas updated in place (no
flicker); the browser asks for each redraw when it is ready, so a fast Play never queues
frames. Otherwise (plain Python, tests, no ipympl) each is an ``ipywidgets.Image`` holding
an image that every ``update`` re-renders, blitted: the frame (axes, labels, legend) is
drawn once and kept, and a tick draws only what moves on top of it: the heatmap and the
points, and the curves (whose axes are redrawn only when a limit changes), so a tick
costs the same at iteration 10 or 10000.
"""

import io
import math

import ipywidgets as widgets
import numpy as np
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from PIL import Image

GRID = 60  # the boundary heatmap evaluates AL on GRID x GRID points
CURVE_POINTS = 200  # longer histories are drawn with every k-th iteration
COLORS = ("#e66101", "#5e3c99")  # label 0, label 1
EDGES = ("white", "black")  # train, test


def ipympl_available():
    """True inside a Jupyter kernel where ipympl is installed."""
    try:
        import ipympl.backend_nbagg  # noqa: F401
        from IPython import get_ipython
    except ImportError:
        return False
    return getattr(get_ipython(), "kernel", None) is not None


def curve_limits(n, costs, norms):
    """Axis limits that change rarely: x doubles, cost tops are powers of 2, norms decades."""
    x_max = 100 * 2 ** max(0, math.ceil(math.log2(max(n, 1) / 100)))
    cost_top = 2.0 ** max(0, math.ceil(math.log2(max(costs, default=1.0) * 1.1)))
    norms = np.maximum(norms, 1e-12) if np.size(norms) else np.array([1e-3, 1.0])
    decades = math.floor(np.log10(norms.min())), math.ceil(np.log10(norms.max()) + 1e-9)
    return x_max, cost_top, (10.0 ** decades[0], 10.0 ** decades[1])


def _key():
    """Legend handles: the colour of each label, the edge of each set (train, test)."""
    dot = dict(marker="o", linestyle="", markersize=6, markeredgewidth=1.2)
    return [Line2D([], [], color=color, label=f"y = {label}", markeredgecolor=color, **dot)
            for label, color in enumerate(COLORS)] + [
        Line2D([], [], color="0.6", label=name, markeredgecolor=edge, **dot)
        for name, edge in zip(("train", "test"), EDGES, strict=True)]


class Views:
    """Two figures: the boundary (with train and test points) and the training curves.

    Parameters
    ----------
    figures : "auto" (ipympl when available), "ipympl" or "inline"
    """

    def __init__(self, figures="auto"):
        if figures not in ("auto", "ipympl", "inline"):
            raise ValueError(f'figures must be "auto", "ipympl" or "inline", got {figures!r}')
        self.ipympl = ipympl_available() if figures == "auto" else figures == "ipympl"
        self.boundary = Figure(figsize=(4.2, 4), dpi=72)
        self.boundary.subplots_adjust(0.06, 0.14, 0.98, 0.93)
        self.boundary.legend(handles=_key(), loc="lower center", ncols=4, fontsize="small",
                             facecolor="0.8", handletextpad=0.1, columnspacing=1.0)
        self.curves = Figure(figsize=(5.6, 4), dpi=72)
        self.ax_cost, self.ax_norm = self.curves.subplots(2, 1, sharex=True)
        self.lines = []
        self.curves.subplots_adjust(0.14, 0.1, 0.97, 0.97, hspace=0.1)
        self.boundary_widget = self._widget(self.boundary)
        self.curves_widget = self._widget(self.curves)
        self.moving = {self.boundary: [], self.curves: []}  # drawn on top of the frame
        self.frames = {}  # inline: each figure's saved frame, taken by _draw_moving
        for figure in self.moving:
            figure.canvas.mpl_connect("draw_event", lambda event, f=figure: self._draw_moving(f))

    def _widget(self, figure):
        if self.ipympl:
            from ipympl.backend_nbagg import Canvas, FigureManager

            canvas = Canvas(figure)
            FigureManager(canvas, 0)
            canvas.header_visible = canvas.footer_visible = canvas.toolbar_visible = False
            canvas.resizable = False
            return canvas
        FigureCanvasAgg(figure)
        return widgets.Image(format="png")

    def draw_data(self, session):
        """Draw what changes only at reset: the points, the axes and one line per layer."""
        ax = self.boundary.gca()
        ax.clear()
        X = np.hstack([session.X_train, session.X_test])
        low, high = X.min(axis=1) - 0.2, X.max(axis=1) + 0.2
        xs, ys = np.linspace(low[0], high[0], GRID), np.linspace(low[1], high[1], GRID)
        self.grid = np.stack([g.ravel() for g in np.meshgrid(xs, ys)])
        self.heatmap = ax.imshow(
            np.zeros((GRID, GRID)), origin="lower", cmap="PuOr", vmin=0, vmax=1, alpha=0.6,
            interpolation="bilinear", extent=(low[0], high[0], low[1], high[1]), aspect="auto",
        )
        for X_, Y_, edge in ((session.X_train, session.Y_train, EDGES[0]),
                             (session.X_test, session.Y_test, EDGES[1])):
            for label, color in enumerate(COLORS):  # markers of a line draw fast in Agg
                points = X_[:, Y_[0] == label]
                ax.plot(points[0], points[1], "o", color=color, markersize=4,
                        markeredgecolor=edge, markeredgewidth=0.6)
        self.moving[self.boundary] = [self.heatmap, *ax.get_lines()]
        ax.set(xticks=[], yticks=[])
        ax.set_xlabel("x1", labelpad=1)
        ax.set_ylabel("x2", labelpad=1)
        ax.set_title("AL = P(y = 1 | x)", fontsize="medium", pad=3)
        self.ax_cost.clear()
        self.lines = [self.ax_cost.plot([], [], label=f"{name} J")[0] for name in ("train", "test")]
        self.ax_cost.set(ylabel="cost J")
        self.ax_norm.clear()
        L = len(session.parameters) // 2
        self.lines += [self.ax_norm.plot([], [], label=f"||dW[{l}]||")[0] for l in range(1, L + 1)]
        self.ax_norm.set(yscale="log", xlabel="iteration", ylabel="gradient norm")
        for ax in (self.ax_cost, self.ax_norm):
            ax.legend(loc="upper right", fontsize="small", ncols=4)
        self.moving[self.curves] = self.lines
        for artist in self.moving[self.boundary] + self.lines:  # inline: left out of the frame
            artist.set_animated(not self.ipympl)
        self.frames.clear()
        self.limits = None

    def update(self, session):
        """Redraw the boundary, the cost curves and ||dW[l]|| for the session's current state."""
        self.heatmap.set_data(session.probabilities(self.grid).reshape(GRID, GRID))
        shown = slice(None, None, 1 + len(session.costs) // CURVE_POINTS)
        steps = np.arange(len(session.costs))[shown]
        norms = np.array(session.grad_norms[shown]).reshape(len(steps), len(self.lines) - 2)
        series = [session.costs[shown], session.test_costs[shown], *np.maximum(norms, 1e-12).T]
        for line, values in zip(self.lines, series, strict=True):
            line.set_data(steps, values)
        limits = curve_limits(len(session.costs), session.costs + session.test_costs, norms)
        changed = limits != self.limits
        if changed:
            self.limits = limits
            self.ax_cost.set(xlim=(0, limits[0]), ylim=(0, limits[1]))
            self.ax_norm.set(ylim=limits[2])
        self._show(self.boundary, self.boundary_widget, full=False, image_format="jpeg")
        self._show(self.curves, self.curves_widget, full=changed)

    def _draw_moving(self, figure):
        """After a full draw of a figure: keep its frame, then draw what moves on top."""
        if self.ipympl:  # ipympl always draws the whole figure
            return
        self.frames[figure] = figure.canvas.copy_from_bbox(figure.bbox)
        for artist in self.moving[figure]:
            figure.draw_artist(artist)

    def _show(self, figure, widget, full, image_format="png"):
        """Render the figure: fully, or only what moves on the saved frame (blitting)."""
        if self.ipympl:
            widget.draw_idle()  # the browser asks for a full draw when it is ready for one
            return
        if full or figure not in self.frames:
            figure.canvas.draw()  # the draw_event handler draws the moving artists
        else:
            figure.canvas.restore_region(self.frames[figure])
            for artist in self.moving[figure]:
                figure.draw_artist(artist)
        rgb = np.ascontiguousarray(np.asarray(figure.canvas.buffer_rgba())[..., :3])
        options = {"quality": 90} if image_format == "jpeg" else {"compress_level": 1}
        with io.BytesIO() as file:  # JPEG for the heatmap: a fifth of the time of a PNG
            Image.fromarray(rgb).save(file, format=image_format, **options)
            widget.format, widget.value = image_format, file.getvalue()

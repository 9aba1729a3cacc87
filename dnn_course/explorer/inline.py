"""The boundary and the curves drawn by matplotlib in the kernel, from their views' payloads.

For ``figures="inline"`` (tests, scripts, static outputs and exports) ``views.Views`` shows
``follow(view)``'s image instead of the view; ``picture(view)`` draws a view once. A view
names its renderer here (``BoundaryView.inline = "boundary"``). Each figure is an
``ipywidgets.Image``, blitted: the frame (axes, labels, key) is drawn once and kept, and
a tick draws only what moves on top of it (the heatmap and the points; the curves, whose
axes are redrawn only when a limit changes), so a tick costs the same at any iteration.
"""

import io

import ipywidgets as widgets
import numpy as np
import traitlets
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.colors import ListedColormap
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from PIL import Image

from .browser import unpack

# Lines of one axes differ by dash pattern as well as colour, as in the page's curves.js.
DASHES = ("-", (0, (6, 3)), (0, (2, 2)), (0, (8, 3, 2, 3)), (0, (1, 3)), (0, (10, 4)),
          (0, (4, 2, 1, 2)))


def _key(colors, edges):
    """Legend handles: the colour of each label, the edge of each set (train, test)."""
    dot = dict(marker="o", linestyle="", markersize=6, markeredgewidth=1.2)
    return [Line2D([], [], color=color, label=f"y = {label}", markeredgecolor=color, **dot)
            for label, color in enumerate(colors)] + [
        Line2D([], [], color="0.6", label=name, markeredgecolor=edge, **dot)
        for name, edge in zip(("train", "test"), edges, strict=True)]


class InlineFigure(traitlets.HasTraits):
    """A matplotlib figure shown as an image widget, redrawn by blitting what moves.

    As the page does for a view, setting ``data`` (at Reset) or ``frame`` (every tick)
    draws it (``draw_data``, ``draw_frame``), and setting an equal value draws nothing.
    """

    data, frame = traitlets.Dict(), traitlets.Dict()

    def __init__(self, figure, image_format):
        super().__init__()
        self.observe(lambda change: change.new and getattr(self, f"draw_{change.name}")(
            change.new), ["data", "frame"])  # an empty one: nothing to draw yet
        self.figure, self.format = figure, image_format
        FigureCanvasAgg(figure)
        self.widget = widgets.Image(format=image_format)
        self.moving, self.background = [], None
        figure.canvas.mpl_connect("draw_event", lambda event: self._draw_moving())

    def _draw_moving(self):
        """After a full draw: keep the frame, then draw what moves on top."""
        self.background = self.figure.canvas.copy_from_bbox(self.figure.bbox)
        for artist in self.moving:
            self.figure.draw_artist(artist)

    def show(self, full):
        """Render fully, or only what moves on the saved frame; put the image in the widget."""
        canvas = self.figure.canvas
        if full or self.background is None:
            canvas.draw()  # the draw_event handler draws the moving artists
        else:
            canvas.restore_region(self.background)
            for artist in self.moving:
                self.figure.draw_artist(artist)
        rgb = np.ascontiguousarray(np.asarray(canvas.buffer_rgba())[..., :3])
        options = {"quality": 90} if self.format == "jpeg" else {"compress_level": 1}
        with io.BytesIO() as file:  # JPEG for the heatmap: a fifth of the time of a PNG
            Image.fromarray(rgb).save(file, format=self.format, **options)
            self.widget.value = file.getvalue()

    def animate(self, artists):
        self.moving = artists
        for artist in artists:
            artist.set_animated(True)  # left out of the saved frame
        self.background = None


class InlineBoundary(InlineFigure):
    """AL over the plane as a heatmap, with the train (white edge) and test points."""

    def __init__(self):
        super().__init__(Figure(figsize=(4.2, 4), dpi=72), "jpeg")
        self.figure.subplots_adjust(0.06, 0.14, 0.98, 0.93)
        self.ax = self.figure.subplots()

    def draw_data(self, data):
        ax = self.ax
        ax.clear()
        self.figure.legends.clear()
        self.figure.legend(handles=_key(data["colors"], data["edges"]), loc="lower center",
                           ncols=4, fontsize="small", facecolor="0.8", handletextpad=0.1,
                           columnspacing=1.0)
        cmap = ListedColormap(unpack(data["cmap"]) / 255)
        heatmap = ax.imshow(np.zeros((2, 2)), origin="lower", cmap=cmap, vmin=0, vmax=1,
                            alpha=data["alpha"], interpolation="bilinear",
                            extent=data["extent"], aspect="auto")
        X, Y, m_train = unpack(data["X"]), unpack(data["Y"]), data["m_train"]
        for part, edge in ((slice(None, m_train), data["edges"][0]),
                           (slice(m_train, None), data["edges"][1])):
            for label, color in enumerate(data["colors"]):  # markers of a line draw fast
                points = X[:, part][:, Y[part] == label]
                ax.plot(points[0], points[1], "o", color=color, markersize=4,
                        markeredgecolor=edge, markeredgewidth=0.6)
        ax.set(xticks=[], yticks=[])
        ax.set_xlabel("x1", labelpad=1)
        ax.set_ylabel("x2", labelpad=1)
        ax.set_title("AL = P(y = 1 | x)", fontsize="medium", pad=3)
        self.animate([heatmap, *ax.get_lines()])

    def draw_frame(self, frame):
        self.moving[0].set_data(unpack(frame["level"]) / 255)
        self.show(full=False)


class InlineCurves(InlineFigure):
    """Train and test J above, ||dW[l]|| per layer (log scale) below, against the iteration."""

    def __init__(self):
        super().__init__(Figure(figsize=(5.6, 4), dpi=72), "png")
        self.ax_cost, self.ax_norm = self.figure.subplots(2, 1, sharex=True)
        self.figure.subplots_adjust(0.14, 0.1, 0.97, 0.97, hspace=0.1)

    def draw_data(self, data):
        self.ax_cost.clear()
        self.ax_norm.clear()
        lines = [(self.ax_cost if i < 2 else self.ax_norm).plot(
                     [], [], label=name, color=c, linestyle=DASHES[(i if i < 2 else i - 2) % 7])[0]
                 for i, (name, c) in enumerate(zip(data["names"], data["colors"], strict=True))]
        self.ax_cost.set(ylabel="cost J")
        self.ax_norm.set(yscale="log", xlabel="iteration", ylabel="gradient norm")
        for ax in (self.ax_cost, self.ax_norm):
            ax.legend(loc="upper right", fontsize="small", ncols=4)
        self.animate(lines)
        self.limits = None

    def draw_frame(self, frame):
        steps, series = unpack(frame["steps"]), unpack(frame["series"])
        for line, values in zip(self.moving, series, strict=True):
            line.set_data(steps, values)
        changed = frame["limits"] != self.limits
        if changed:
            self.limits = x_max, cost_top, *norms = frame["limits"]
            self.ax_cost.set(xlim=(0, x_max), ylim=(0, cost_top))
            self.ax_norm.set(ylim=norms)
        self.show(full=changed)


RENDERERS = {"boundary": InlineBoundary, "curves": InlineCurves}


def follow(view):
    """The view's renderer, drawing every ``data`` and ``frame`` the view is given."""
    renderer = RENDERERS[view.inline]()
    traitlets.dlink((view, "data"), (renderer, "data"))
    traitlets.dlink((view.frames, view.key), (renderer, "frame"))
    return renderer


def picture(view):
    """The view as it is now, drawn once: PNG (or JPEG) bytes."""
    renderer = RENDERERS[view.inline]()
    renderer.data, renderer.frame = view.data, view.frame
    return renderer.widget.value

"""Views the browser draws: the kernel sends the package's numbers, the page draws them.

A view is three pieces (every view of the explorer follows it: ``views.py``,
``chain_view.py``, ``network_view.py``):

1. **payload functions** in Python, pure and unit-testable, that read the package's own
   numbers (a Session, its chain steps) and return plain dicts: ``data`` for what
   changes only at Reset (points, axes) and ``frame`` for what changes every tick.
   Arrays go in with ``pack(array)``: float32 or uint8 bytes plus their shape, which
   ipywidgets sends as binary buffers, never as JSON text. The view's text alternative
   (its aria-label) is ``data["label"]``, or ``frame["label"]`` when it changes with the frame.
2. **a view class**: ``class MyView(BrowserView): _esm = esm("my_view.js")`` with
   ``update(self, session, steps)`` setting ``self.frame`` (and ``reset(self, session)``
   setting ``self.data``, if it has any); setting an equal value sends nothing.
3. **a JavaScript renderer**, ``static/my_view.js`` (package data: no build step, no CDN),
   that exports ``{render}`` and draws with ``whenChanged(model, el, draw)`` from
   ``static/common.js`` (prepended by ``esm``): at most one draw per animation frame, each
   counted in the element's ``data-frames`` (the benchmark counts them).

``Explorer.add_view(MyView(ex.clock, "my_view"))`` registers it with the others
(``views.Views``). A view's frame is kept on a ``Frames`` widget, not on the view: the
explorer gives all its views one, Play's clock (``timer.Clock``), so everything a Play tick
changes reaches the page in one message. The server's and the kernel's cost is per
message, not per byte. A view may also name a matplotlib renderer in ``inline.py``
(``inline``) that draws the same payloads for ``figures="inline"``: the boundary and the
curves have one, for static outputs and exports.
"""

from pathlib import Path

import anywidget
import ipywidgets
import numpy as np
import traitlets

STATIC = Path(__file__).parent / "static"


def esm(name):
    """The ES module of a view: the shared helpers of common.js, then static/<name> (or the
    file at ``name``, if it is a path of its own)."""
    return (STATIC / "common.js").read_text() + "\n" + (STATIC / name).read_text()


def pack(array, dtype="float32"):
    """An array as ``{"shape", "dtype", "data"}``; ``data`` travels as a binary buffer."""
    array = np.ascontiguousarray(array, dtype=dtype)
    return {"shape": list(array.shape), "dtype": array.dtype.name, "data": array.tobytes()}


def unpack(packed):
    """The array ``pack`` sent (what the page reads), e.g. to compare it in a test."""
    data = np.frombuffer(packed["data"], dtype=packed["dtype"])
    return data.reshape(packed["shape"])


class Frames(anywidget.AnyWidget):
    """Holds the frames of views, one synced trait per view: whatever changes together in
    a ``hold_sync()`` block goes to the page in one message. Draws nothing itself."""

    _esm = "export default {};"

    def carry(self, key):
        """A new trait ``key`` for one view's frame."""
        if not self.has_trait(key):
            self.add_traits(**{key: traitlets.Dict().tag(sync=True)})


class BrowserView(anywidget.AnyWidget):
    """A view drawn by the page from ``data`` (set at Reset) and ``frame`` (every tick).

    Parameters
    ----------
    frames : the Frames widget that carries ``frame`` (default: one of its own)
    key : the name of the frame there (default: the class name)
    """

    data = traitlets.Dict().tag(sync=True)
    every_tick = False  # updated on every Play tick, not only with the views of the pass
    inline = None  # the name of its matplotlib renderer in inline.py, if it has one
    flex = "1 1 520px"  # its CSS flex beside the others on the screen
    frames = traitlets.Instance(Frames).tag(sync=True, **ipywidgets.widget_serialization)
    key = traitlets.Unicode().tag(sync=True)

    def __init__(self, frames=None, key=None, **kwargs):
        frames = Frames() if frames is None else frames
        key = key or type(self).__name__
        frames.carry(key)
        super().__init__(frames=frames, key=key, **kwargs)

    @property
    def frame(self):
        return getattr(self.frames, self.key)

    def reset(self, session):
        """What changes only at Reset (``self.data``): nothing, unless a view says so."""

    def update(self, session, steps):
        """Set ``self.frame`` from ``session`` and its chain steps (``chain.session_steps``;
        None on a Play tick that updates only the ``every_tick`` views)."""
        raise NotImplementedError(f"{type(self).__name__} must define update(session, steps)")

    @frame.setter
    def frame(self, value):
        setattr(self.frames, self.key, value)


class HTMLView(BrowserView):
    """Text the kernel changes often (``value``, HTML), carried like a view's frame."""

    _esm = esm("html_view.js")

    @property
    def value(self):
        return self.frame.get("html", "")

    @value.setter
    def value(self, html):
        self.frame = {"html": html}

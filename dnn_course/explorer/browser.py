"""Views the browser draws: the kernel sends the package's numbers, the page draws them.

A view is four small pieces (the boundary and the curves in ``views.py`` follow it):

1. **payload functions** in Python, pure and unit-testable, that read the package's own
   numbers (a Session, its caches and grads) and return plain dicts: ``data`` for what
   changes only at Reset (points, axes) and ``frame`` for what changes every tick.
   Arrays go in with ``pack(array)``: float32 or uint8 bytes plus their shape, which
   ipywidgets sends as binary buffers, never as JSON text.
2. **a widget class**: ``class MyView(BrowserView): _esm = esm("my_view.js")``; setting
   ``view.data`` or ``view.frame`` sends it, and setting an equal value sends nothing.
3. **a JavaScript renderer**, ``static/my_view.js`` (package data: no build step, no CDN),
   that exports ``{render}`` and draws with ``whenChanged(model, el, draw)`` from
   ``static/common.js`` (prepended by ``esm``): at most one draw per animation frame, each
   counted in the element's ``data-frames`` (the benchmark counts them). ``label`` is the
   view's text alternative (aria-label).
4. **an inline renderer** (``inline.py``): matplotlib in the kernel drawing the same
   payloads, for ``figures="inline"``: static outputs, nbval, exports, tests.

Play is paced by the page (``timer.Clock``): the kernel runs a tick only when the page
asks for one, after it has drawn the previous one, so a closed page costs nothing.
"""

from pathlib import Path

import anywidget
import numpy as np
import traitlets

STATIC = Path(__file__).parent / "static"


def esm(name):
    """The ES module of a view: the shared helpers of common.js, then static/<name>."""
    return (STATIC / "common.js").read_text() + "\n" + (STATIC / name).read_text()


def pack(array, dtype="float32"):
    """An array as ``{"shape", "dtype", "data"}``; ``data`` travels as a binary buffer."""
    array = np.ascontiguousarray(array, dtype=dtype)
    return {"shape": list(array.shape), "dtype": array.dtype.name, "data": array.tobytes()}


def unpack(packed):
    """The array ``pack`` sent (what the page reads), e.g. to compare it in a test."""
    data = np.frombuffer(packed["data"], dtype=packed["dtype"])
    return data.reshape(packed["shape"])


class BrowserView(anywidget.AnyWidget):
    """A view drawn by the page from ``data`` (set at Reset) and ``frame`` (every tick)."""

    data = traitlets.Dict().tag(sync=True)
    frame = traitlets.Dict().tag(sync=True)
    label = traitlets.Unicode().tag(sync=True)

"""Widgets that also carry a picture of themselves: readable before any kernel runs.

A notebook saves a displayed widget as a reference to a live model in the kernel. Where
no kernel runs (GitHub, nbviewer, ``jupyter nbconvert --to html``, a notebook JupyterLab
does not trust yet) there is no model, and the output would read "model not found" or
``VBox(...)``. So a widget here is displayed with three things in one output:

- the widget view, which JupyterLab and Voila draw live;
- ``image/png``, a picture of the widget as it is now, drawn with matplotlib, and the same
  picture as ``text/html``, an image whose ``alt`` is its text alternative (as
  ``plots.figure_html`` shows a figure), for the pages that render HTML;
- ``text/plain``, the text alternative itself, not ``VBox(...)``.

A static page shows the picture; JupyterLab and Voila prefer the live widget. A Voila
page is never saved, so there the picture is not drawn (it costs about a second).
"""

import base64
import html
import io
import os

import ipywidgets as widgets


def png(figure):
    """A matplotlib figure as PNG bytes (a figure made without pyplot works too)."""
    with io.BytesIO() as file:
        figure.savefig(file, format="png", bbox_inches="tight")
        return file.getvalue()


def stack(images, across=False):
    """Images (PNG or JPEG bytes) one under the other, or side by side: one PNG."""
    from PIL import Image  # here: a dashboard, which draws no picture, never loads it

    parts = [Image.open(io.BytesIO(image)).convert("RGB") for image in images]
    sizes = [part.size for part in parts]
    if across:
        size = sum(w for w, _ in sizes), max(h for _, h in sizes)
    else:
        size = max(w for w, _ in sizes), sum(h for _, h in sizes)
    whole, offset = Image.new("RGB", size, "white"), 0
    for part in parts:
        whole.paste(part, (offset, 0) if across else (0, offset))
        offset += part.size[0] if across else part.size[1]
    with io.BytesIO() as file:
        whole.save(file, format="png")
        return file.getvalue()


def in_voila():
    """True in a kernel Voila started (it sets SERVER_SOFTWARE=voila/<version>)."""
    return os.environ.get("SERVER_SOFTWARE", "").startswith("voila/")


def with_picture(bundle, picture):
    """A widget's output ``bundle`` plus its picture: ``picture()`` returns (PNG bytes,
    text alternative); the text replaces ``VBox(...)``. In Voila, the bundle as it is.

    Returns (data, metadata), as IPython's ``_repr_mimebundle_`` may.
    """
    if in_voila():
        return bundle, {}
    image_png, text = picture()
    encoded = base64.b64encode(image_png).decode("ascii")
    image = (f'<img class="dnn-figure" alt="{html.escape(text, quote=True)}" '
             f'src="data:image/png;base64,{encoded}">')
    data = {**bundle, "image/png": encoded, "text/html": image, "text/plain": text}
    return data, {"image/png": {"alt": text}}


class PicturedBox(widgets.VBox):
    """A VBox displayed with a picture of itself: ``picture()`` returns (PNG bytes, text)."""

    def __init__(self, children, picture, **kwargs):
        super().__init__(children, **kwargs)
        self.picture = picture

    def _repr_mimebundle_(self, **kwargs):
        return with_picture(super()._repr_mimebundle_(**kwargs), self.picture)

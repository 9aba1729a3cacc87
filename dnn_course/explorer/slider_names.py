"""Accessible names for ipywidgets' slider handles, given in the page.

An ipywidgets slider's handle is a div with role="slider" and no name, so a screen reader
announces "slider" and axe reports a serious violation (WCAG 4.1.2, name, role, value).
``SliderNames()`` is an invisible widget: shown once beside sliders, its script names
every handle on the page after its slider's description, and keeps doing so as widgets
are redrawn.
"""

import anywidget

from .browser import STATIC


class SliderNames(anywidget.AnyWidget):
    """Invisible; names every slider handle on the page after its description."""

    _esm = (STATIC / "slider_names.js").read_text()

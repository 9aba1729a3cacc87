"""What the chain and the network views share: they show one forward and backward pass.

A pass view keeps the pass it was last shown (``show``); a control in the page (a trait
named in ``redraw_on``, e.g. the chain's step) asks the kernel for another payload of the
same pass. Its frame is the packed payload plus its text alternative, ``frame["label"]``.
"""

from .browser import STATIC, BrowserView, pack
from .palette import colour_table

CMAP = "PuOr"  # ColorBrewer's diverging map: colour-blind safe, 0 is its white middle


class PassView(BrowserView):
    """A view of one pass; subclasses give ``payload``, ``packed`` and ``text``."""

    _css = (STATIC / "backprop_views.css").read_text()
    redraw_on = ()  # the traits the page's controls set

    def __init__(self, frames=None, key=None):
        super().__init__(frames, key)
        self.data = {"cmap": pack(colour_table(), "uint8")}
        self._pass = None
        self.observe(lambda change: self.redraw(), list(self.redraw_on))

    def redraw(self):
        """Send the payload the page's controls select, if a pass has been shown."""
        if self._pass is not None:
            payload = self.payload()
            self.frame = {**self.packed(payload), "label": self.text(payload)}

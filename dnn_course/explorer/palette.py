"""The explorer's colours, without importing a plotting library.

The page draws with the colours matplotlib uses inline, but a dashboard that only shows
the page's drawings should not pay for matplotlib (about 30 MB and a third of a second per
kernel). ``PUOR`` is ColorBrewer's 11-class diverging scheme PuOr (colorbrewer2.org, Cynthia
Brewer), which matplotlib's "PuOr" interpolates; ``CYCLE`` is matplotlib's default colour
cycle ("tab10"). tests/test_explorer_views.py checks both against matplotlib itself.
"""

import functools

import numpy as np

PUOR = ("#7f3b08", "#b35806", "#e08214", "#fdb863", "#fee0b6", "#f7f7f7",
        "#d8daeb", "#b2abd2", "#8073ac", "#542788", "#2d004b")
CYCLE = ("#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd",
         "#8c564b", "#e377c2", "#7f7f7f", "#bcbd22", "#17becf")


@functools.cache
def colour_table(anchors=PUOR, n=256):
    """The colour map as n RGB rows (uint8): the anchors evenly spaced on [0, 1] and
    linear in between, sampled at n evenly spaced levels, as matplotlib samples it."""
    rgb = np.array([[int(colour[i:i + 2], 16) / 255 for i in (1, 3, 5)] for colour in anchors])
    levels, knots = np.linspace(0, 1, n), np.linspace(0, 1, len(anchors))
    table = np.round(np.column_stack([np.interp(levels, knots, c) for c in rgb.T]) * 255)
    table.flags.writeable = False  # one table for every view
    return table

"""The network view: the page draws ``network.network_payload``; matplotlib draws it inline.

    view = NetworkView()
    view.show(session_steps(session), session.activations, planes)   # after every change

The page's buttons set ``edges`` ("W" or "dW"), a click on a unit or the layer / unit menus
set ``selected``; the kernel answers with a new payload. Its text alternative,
``frame["label"]``, gives the layer sizes, the edges' range and the dead units. While the
chain asks a question (``asking``), the network keeps W[l] on its edges and marks no dead
unit: the sign of a dW[l] entry and a dead unit are what the chain asks.
"""

import numpy as np
import traitlets

from ..guards import is_integer, shown
from .browser import esm, pack
from .network import network_payload, plane_activations, plane_grid
from .pass_view import CMAP, PassView

COLORS = {True: "#5e3c99", False: "#e66101"}  # W > 0 purple solid, W < 0 orange dashed


def packed(payload):
    """The payload with its arrays packed (binary buffers, not JSON)."""
    selected = payload["selected"] and {
        **payload["selected"], **{k: pack(payload["selected"][k]) for k in ("W", "Z", "dZ")}}
    return {**payload, "edges": [pack(W) for W in payload["edges"]],
            "dead": [mask.tolist() for mask in payload["dead"]],
            "planes": payload["planes"] and [pack(A) for A in payload["planes"]],
            "selected": selected}


def network_text(payload):
    """The network in one paragraph: sizes, activations, edges, dead units, selection."""
    dims, kind = payload["layer_dims"], payload["edge_kind"]
    dead = [f"{int(np.sum(mask))} in layer {l}" for l, mask in enumerate(payload["dead"], 1)
            if np.any(mask)]
    dead = "shown once the question is answered" if payload.get("hidden") else \
        ", ".join(dead) or "none"
    text = (f"Network {' -> '.join(map(str, dims))} ({', '.join(payload['activations'])}); "
            f"edges show {kind}[l], largest |{kind}| = {payload['edge_limit']:.3g}; "
            f"dead ReLU units: {dead}.")
    if payload.get("focus"):
        f = payload["focus"]
        text += f" Highlighted: layer {f['layer']}, the chain's {f['row']} step."
    if payload["selected"]:
        s = payload["selected"]
        text += f" Selected: layer {s['layer']}, unit {s['unit']}, b = {s['b']:.4g}."
    return text


class NetworkView(PassView):
    """Neurons and weights of the current network (see the module docstring)."""

    _esm = esm("network_view.js")
    edges = traitlets.Unicode("W").tag(sync=True)
    selected = traitlets.List([1, 0]).tag(sync=True)
    redraw_on = ("edges", "selected")
    packed, text = staticmethod(packed), staticmethod(network_text)

    @traitlets.validate("edges")
    def _valid_edges(self, proposal):
        """The page's edge kind is refused, and the current one kept, unless W or dW."""
        if proposal["value"] not in ("W", "dW"):
            raise traitlets.TraitError(f'edges must be "W" (weights) or "dW" (gradients), '
                                       f"got {shown(proposal['value'])}")
        return proposal["value"]

    @traitlets.validate("selected")
    def _valid_unit(self, proposal):
        """The page's unit [l, i] is refused, and the current one kept, unless the network
        shown has it: layer l in 1..L, unit i in 0..n[l] - 1."""
        value = proposal["value"]
        sizes = [1] if self._pass is None else [
            step.values[f"b[{l}]"].shape[0]
            for l, step in enumerate(self._pass[0][:(len(self._pass[0]) - 1) // 2], start=1)]
        if not (len(value) == 2 and all(map(is_integer, value)) and 1 <= value[0] <= len(sizes)
                and 0 <= value[1] < sizes[value[0] - 1]):
            raise traitlets.TraitError(f"a unit is [l, i] with layer l from 1 to {len(sizes)} "
                                       f"and i from 0 to n[l] - 1, got {shown(value)}")
        return list(value)

    focus = None  # (row, l): the chain view's step, highlighted in the network
    asking = False  # the chain asks a question: no dW[l] edges, no dead marks until answered

    def follow(self, row, l):
        """Highlight the chain's step: layer l, with dW[l] on the edges on a backward step
        (once its question, if any, is answered) and W[l] on a forward one (one redraw)."""
        self.focus = (row, l)
        edges = "dW" if row == "backward" and not self.asking else "W"
        if self.edges != edges:
            self.edges = edges  # redraws
        else:
            self.redraw()

    def update(self, session, steps):
        """The explorer's call after every change: the session's pass, and each unit's
        activation over the input plane."""
        planes = plane_activations(session.parameters, session.activations,
                                   plane_grid(session.X_train))
        self.show(steps, session.activations, planes)

    def show(self, steps, activations, planes=None):
        """Show a new pass; keep the edge kind, and the selected unit while it exists."""
        self._pass = (steps, list(activations), planes)
        L = (len(steps) - 1) // 2
        l, i = self.selected
        n = steps[min(l, L) - 1].values[f"b[{min(l, L)}]"].shape[0]
        if l > L or i >= n:
            self.selected = [1, 0]  # redraws
        else:
            self.redraw()

    def payload(self):
        steps, activations, planes = self._pass
        payload = network_payload(steps, activations, self.edges, tuple(self.selected), planes)
        if self.asking:
            payload["dead"] = [np.zeros_like(mask) for mask in payload["dead"]]
            payload["hidden"] = True
        return {**payload, "focus": self.focus and {"row": self.focus[0], "layer": self.focus[1]}}


def draw_network(payload, figure=None):
    """The same network with matplotlib: units (thumbnails for 2-D data), edges, dead units."""
    from matplotlib.collections import LineCollection  # only here: the page draws without it
    from matplotlib.figure import Figure

    figure = figure or Figure(figsize=(7, 3.6), dpi=72)
    figure.clear()
    ax = figure.add_axes((0, 0, 1, 0.92))
    dims, limit = payload["layer_dims"], payload["edge_limit"] or 1.0
    L, r = len(dims) - 1, 0.4
    centre = [[(3 * l, i - (n - 1) / 2) for i in range(n)] for l, n in enumerate(dims)]
    segments, widths, styles, colors = [], [], [], []
    for l, W in enumerate(payload["edges"], start=1):
        for (i, j), w in np.ndenumerate(W):
            (x0, y0), (x1, y1) = centre[l - 1][j], centre[l][i]
            segments.append([(x0 + r, y0), (x1 - r, y1)])
            widths.append(0.3 + 3.5 * abs(w) / limit)
            styles.append("-" if w >= 0 else "--")
            colors.append(COLORS[w >= 0])
    ax.add_collection(LineCollection(segments, linewidths=widths, linestyles=styles,
                                     colors=colors))
    boxes, crosses = [], []
    for l, units in enumerate(centre):
        for i, (x, y) in enumerate(units):
            if payload["planes"] is not None:
                A = payload["planes"][l][i]
                a = max(float(np.max(np.abs(A))), 1e-12)
                ax.imshow(A, cmap=CMAP, vmin=-a, vmax=a, origin="lower",
                          extent=(x - r, x + r, y - r, y + r))
            boxes.append([(x - r, y - r), (x + r, y - r), (x + r, y + r), (x - r, y + r),
                          (x - r, y - r)])
            if l > 0 and payload["dead"][l - 1][i]:
                crosses += [[(x - r, y - r), (x + r, y + r)], [(x - r, y + r), (x + r, y - r)]]
    ax.add_collection(LineCollection(boxes + crosses, colors="k", linewidths=1))
    ax.set(xlim=(-1, 3 * L + 1), ylim=(-max(dims) / 2 - 0.5, max(dims) / 2 + 0.5), aspect="equal")
    ax.axis("off")
    figure.suptitle(f"edges: {payload['edge_kind']}[l] (solid > 0, dashed < 0); "
                    "crossed out: dead ReLU", fontsize=9)
    return figure

"""The network view's numbers: neurons as nodes, W[l] (or dW[l]) as edges.

Edge j -> i between layer l-1 and layer l is W[l][i, j]: its sign gives the edge's
colour and line style, |W[l][i, j]| its width. For 2-D data each neuron also shows its
activation over the input plane, A[l][i] at every point of a grid, from the package's own
``L_model_forward``; a ReLU unit with Z[l][i] <= 0 on every training example is dead.
Every number is read from the chain steps (``chain.chain_steps``), which hold the
package's own caches and grads.
"""

import numpy as np

from ..model import L_model_forward
from .chain import COLUMNS
from .session import dead_mask

THUMBNAIL = 16  # each neuron's activation over the plane is a 16 x 16 image


def layer_values(steps, l, row):
    """The values of layer l's forward or backward step."""
    L = (len(steps) - 1) // 2
    return steps[l - 1 if row == "forward" else 2 * L + 1 - l].values


def plane_grid(X, size=THUMBNAIL, margin=0.2):
    """(2, size * size) points covering the data X (2, m), row by row from the bottom left."""
    low, high = X.min(axis=1) - margin, X.max(axis=1) + margin
    x1, x2 = np.meshgrid(np.linspace(low[0], high[0], size), np.linspace(low[1], high[1], size))
    return np.stack([x1.ravel(), x2.ravel()])


def plane_activations(parameters, activations, grid, size=THUMBNAIL):
    """A[l] of every unit over the grid, l = 0..L, each (n[l], size, size), by L_model_forward."""
    AL, caches = L_model_forward(grid, parameters, list(activations))
    A = [cache.linear_cache.A_prev for cache in caches] + [AL]
    return [values.reshape(len(values), size, size) for values in A]


def network_payload(steps, activations, edges="W", selected=None, planes=None,
                    columns=COLUMNS):
    """What the network view draws: nodes per layer, edges, dead units, the selected neuron.

    Parameters
    ----------
    steps : list of the 2L + 1 chain steps (``chain.chain_steps``)
    activations : hidden activation names, layers 1..L-1
    edges : "W" (the weights) or "dW" (their gradients) sizes and colours the edges
    selected : (l, i), unit i of layer l (1..L), whose W[l][i], b[l][i], Z[l][i], dZ[l][i]
        are shown; or None
    planes : ``plane_activations`` output for 2-D data, or None
    """
    if edges not in ("W", "dW"):
        raise ValueError(f'edges must be "W" (weights) or "dW" (gradients), got {edges!r}')
    L = (len(steps) - 1) // 2
    names = [*activations, "sigmoid"]
    forward = [layer_values(steps, l, "forward") for l in range(1, L + 1)]
    backward = [layer_values(steps, l, "backward") for l in range(1, L + 1)]
    matrices = [(forward if edges == "W" else backward)[l - 1][f"{edges}[{l}]"]
                for l in range(1, L + 1)]
    sizes = [matrices[0].shape[1], *(W.shape[0] for W in matrices)]
    return {
        "layer_dims": sizes, "activations": names, "edge_kind": edges,
        "edges": matrices,
        "edge_limit": max(float(np.max(np.abs(W))) for W in matrices),
        "dead": [dead_mask(forward[l - 1][f"Z[{l}]"], names[l - 1]) for l in range(1, L + 1)],
        "planes": planes,
        "selected": _neuron(forward, backward, selected, columns),
    }


def _neuron(forward, backward, selected, columns):
    """Unit i of layer l: its row of W[l], b[l][i], and Z[l][i], dZ[l][i] (first columns)."""
    if selected is None:
        return None
    l, i = selected
    if not 1 <= l <= len(forward) or not 0 <= i < len(forward[l - 1][f"b[{l}]"]):
        raise ValueError(f"no unit {i} in layer {l} of this network")
    return {"layer": l, "unit": i, "W": forward[l - 1][f"W[{l}]"][i],
            "b": float(forward[l - 1][f"b[{l}]"][i, 0]),
            "Z": forward[l - 1][f"Z[{l}]"][i, :columns],
            "dZ": backward[l - 1][f"dZ[{l}]"][i, :columns]}

"""The live chain view's numbers: the lecture's picture, one step at a time.

The picture is a forward row (layer boxes 1..L, then the loss) and a backward row (layer
boxes L..1), with each layer's cache handed down from the forward box to the backward
box. Stepping walks 2L + 1 steps: forward l = 1..L, the loss, backward l = L..1. A step's
numbers are the step-through's (``forward_steps`` + ``backward_steps``), which read the
package's own caches and grads; ``chain_payload`` only picks what the active box shows.
"""

import numpy as np

from ..activations import get_activation
from ..cost import compute_cost
from ..guards import check_integer
from ..model import L_model_backward, L_model_forward, hidden_activations
from .stepthrough import backward_steps, forward_steps

COLUMNS = 12  # per-example tensors (one column per example) show their first 12 columns,
# 14 px a cell: readable entry by entry on a 1280x800 screen
NOT_NEEDED = 'dA[0] = W[1]^T dZ[1] "could be computed, but we won\'t use it": not needed'


def chain_steps(AL, Y, caches, grads, activations):
    """The 2L + 1 steps: layers 1..L forward, dA[L] from the loss, layers L..1 backward."""
    return [*forward_steps(AL, caches, activations),
            *backward_steps(AL, Y, caches, grads, activations)]


def position(index, L):
    """Step ``index`` (0..2L) as (row, l): ("forward", 1..L), ("loss", L), ("backward", L..1)."""
    check_integer("step", index, 0, f" (2L, with L = {L} layers)", most=2 * L)
    if index < L:
        return "forward", index + 1
    return ("loss", L) if index == L else ("backward", 2 * L - index + 1)


def shown_names(row, l):
    """The tensors the active box shows, in the order the equations use them."""
    if row == "forward":
        return [f"A[{l - 1}]", f"W[{l}]", f"b[{l}]", f"Z[{l}]", f"A[{l}]"]
    if row == "loss":
        return [f"A[{l}]", "Y", f"dA[{l}]"]
    return [f"dA[{l}]", f"dZ[{l}]", f"dW[{l}]", f"db[{l}]", f"dA[{l - 1}]"]


def tensor(name, value, columns=COLUMNS):
    """One heatmap: symbol, full shape, the entries shown (float64), and its colour limit.

    A, Z, dA, dZ and Y have one column per example: only the first ``columns`` are shown.
    ``value`` None is dA[0], which the lecture does not compute.
    """
    if value is None:
        return {"name": name, "shape": None, "data": None, "limit": 0.0, "note": NOT_NEEDED}
    m = value.shape[1]
    per_example = name.startswith(("A[", "Z[", "dA[", "dZ[", "Y"))
    data = value[:, :columns] if per_example and m > columns else value
    note = f"columns: examples 0..{columns - 1} of m = {m}" if data is not value else ""
    limit = float(np.max(np.abs(data))) if data.size else 0.0
    return {"name": name, "shape": tuple(value.shape), "data": data, "limit": limit, "note": note}


def _number(x):
    return f"{float(x) + 0.0:.4g}"  # + 0.0: -0.0 prints as 0


def _dot(left, right, terms=3):
    """'(0.5)(1.2) + (-0.3)(0.7) + ...' for the first ``terms`` products of a sum."""
    shown = [f"({_number(a)})({_number(b)})" for a, b in zip(left[:terms], right[:terms],
                                                             strict=True)]
    return " + ".join(shown) + (f" + ... ({len(left)} terms)" if len(left) > terms else "")


def worked(row, l, step, activations, unit=0):
    """The equations for entry [unit, 0] (unit ``unit`` of layer l, first example) with
    the values used: row ``unit`` of W[l], Z[l], dZ[l], dW[l]."""
    v, g, i = step.values, [*activations, "sigmoid"][l - 1], unit
    if row == "forward":
        A_prev, W, b, Z, A = (v[name] for name in shown_names(row, l))
        return [f"Z[{l}][{i},0] = W[{l}][{i},:] A[{l - 1}][:,0] + b[{l}][{i}] = "
                f"{_dot(W[i], A_prev[:, 0])} + ({_number(b[i, 0])}) = {_number(Z[i, 0])}",
                f"A[{l}][{i},0] = {g}({_number(Z[i, 0])}) = {_number(A[i, 0])}"]
    if row == "loss":
        AL, Y, dA = (v[name] for name in shown_names(row, l))
        a, y = AL[0, 0], Y[0, 0]
        return [f"dA[{l}][0,0] = -({_number(y)} / {_number(a)}) + (1 - {_number(y)}) / "
                f"(1 - {_number(a)}) = {_number(dA[0, 0])}",
                f"J = -(1/m) sum(Y log A[{l}] + (1 - Y) log(1 - A[{l}])) = "
                f"{_number(compute_cost(AL, Y))}"]
    dA, Z, dZ, A_prev = v[f"dA[{l}]"], v[f"Z[{l}]"], v[f"dZ[{l}]"], v[f"A[{l - 1}]"]
    slope = get_activation(g)[1](np.ones((1, 1)), Z[i:i + 1, :1])[0, 0]  # g'(Z[l][i,0])
    m = dZ.shape[1]
    lines = [f"dZ[{l}][{i},0] = dA[{l}][{i},0] * {g}'(Z[{l}][{i},0]) = ({_number(dA[i, 0])})"
             f"({_number(slope)}) = {_number(dZ[i, 0])}",
             f"dW[{l}][{i},0] = (1/{m}) dZ[{l}][{i},:] A[{l - 1}][0,:]^T = (1/{m})"
             f"[{_dot(dZ[i], A_prev[0])}] = {_number(v[f'dW[{l}]'][i, 0])}",
             f"db[{l}][{i}] = (1/{m}) sum(dZ[{l}][{i},:]) = {_number(v[f'db[{l}]'][i, 0])}"]
    if f"dA[{l - 1}]" in v:
        W = v[f"W[{l}]"]
        lines.append(f"dA[{l - 1}][0,0] = W[{l}][:,0]^T dZ[{l}][:,0] = "
                     f"{_dot(W[:, 0], dZ[:, 0])} = {_number(v[f'dA[{l - 1}]'][0, 0])}")
    return lines


def formula(name, g):
    """The equation that gives entry [i, j] of tensor ``name``, in the lecture's symbols
    (the page fills in i and j and the value under the pointer)."""
    kind, l = name.split("[")[0], name[name.find("[") + 1:name.find("]")]
    k = int(l) if l.isdecimal() else 0
    return {
        "Z": f"Z[{k}][i,j] = W[{k}][i,:] A[{k - 1}][:,j] + b[{k}][i]",
        "A": f"A[{k}][i,j] = {g}(Z[{k}][i,j])" if k else "A[0] = X: x_i of example j",
        "W": f"W[{k}][i,j]: weight from unit j of layer {k - 1} to unit i of layer {k}",
        "b": f"b[{k}][i]: bias of unit i of layer {k}",
        "Y": "Y[0,j]: label of example j",
        "dA": f"dA[{k}][i,j] = W[{k + 1}][:,i]^T dZ[{k + 1}][:,j]  (from layer {k + 1})",
        "dZ": f"dZ[{k}][i,j] = dA[{k}][i,j] * {g}'(Z[{k}][i,j])",
        "dW": f"dW[{k}][i,j] = (1/m) sum over examples of dZ[{k}][i,:] A[{k - 1}][j,:]",
        "db": f"db[{k}][i] = (1/m) sum over examples of dZ[{k}][i,:]",
    }[kind]


def boxes(L, activations):
    """The picture's boxes: forward row layers 1..L and the loss; backward row layers L..1."""
    names = [*activations, "sigmoid"]
    forward = [f"layer {l}: LINEAR->{names[l - 1].upper()}" for l in range(1, L + 1)]
    backward = [f"layer {l} back: dZ, dW, db, dA[{l - 1}]" for l in range(L, 0, -1)]
    return {"forward": [*forward, "loss J"], "backward": backward}


def chain_payload(steps, index, activations, columns=COLUMNS, unit=None):
    """What the chain view draws at step ``index``: boxes, active box, equation, heatmaps.

    ``unit`` (l, i), the unit selected in the network: when it is in the step's layer,
    its row is the worked entry and is outlined in every heatmap of that layer.
    """
    L = (len(steps) - 1) // 2
    row, l = position(index, L)
    step = steps[index]
    i = unit[1] if unit is not None and unit[0] == l and row != "loss" else 0
    g = [*activations, "sigmoid"]
    tensors = [tensor(name, step.values.get(name), columns) for name in shown_names(row, l)]
    for t in tensors:
        layer = t["name"][t["name"].find("[") + 1:t["name"].find("]")]
        t["formula"] = formula(t["name"], g[int(layer) - 1] if layer not in ("", "0") else "")
        t["outline"] = i if layer == str(l) and row != "loss" else None
    return {
        "L": L, "index": int(index), "row": row, "layer": l, "title": step.title,
        "equation": step.equation.split("\n"), "note": step.note, "unit": i,
        "worked": worked(row, l, step, activations, i), "boxes": boxes(L, activations),
        "tensors": tensors,
    }


def pass_steps(X, Y, parameters, hidden_activation="relu"):
    """The chain steps of one pass on (X, Y), and the hidden activation names.

    One L_model_forward and one L_model_backward, as a training step runs them (dA[0]
    not computed): the chain and network views both read these.
    """
    AL, caches = L_model_forward(X, parameters, hidden_activation)
    activations = hidden_activations(hidden_activation, len(caches))
    grads = L_model_backward(AL, Y, caches, activations, compute_dA0=False)
    return chain_steps(AL, Y, caches, grads, activations), activations


def session_steps(session):
    """The chain steps of a Session's current parameters on its training set."""
    return pass_steps(session.X_train, session.Y_train, session.parameters,
                      session.activations)[0]

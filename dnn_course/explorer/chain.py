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

COLUMNS = 24  # per-example tensors (one column per example) show their first 24 columns
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
    note = f"first {columns} of m = {m} columns" if data is not value else ""
    limit = float(np.max(np.abs(data))) if data.size else 0.0
    return {"name": name, "shape": tuple(value.shape), "data": data, "limit": limit, "note": note}


def _number(x):
    return f"{float(x) + 0.0:.4g}"  # + 0.0: -0.0 prints as 0


def _dot(left, right, terms=3):
    """'(0.5)(1.2) + (-0.3)(0.7) + ...' for the first ``terms`` products of a sum."""
    shown = [f"({_number(a)})({_number(b)})" for a, b in zip(left[:terms], right[:terms],
                                                             strict=True)]
    return " + ".join(shown) + (f" + ... ({len(left)} terms)" if len(left) > terms else "")


def worked(row, l, step, activations):
    """The equations for entry [0, 0] (first unit, first example) with the values used."""
    v, g = step.values, [*activations, "sigmoid"][l - 1]
    if row == "forward":
        A_prev, W, b, Z, A = (v[name] for name in shown_names(row, l))
        return [f"Z[{l}][0,0] = W[{l}][0,:] A[{l - 1}][:,0] + b[{l}][0] = "
                f"{_dot(W[0], A_prev[:, 0])} + ({_number(b[0, 0])}) = {_number(Z[0, 0])}",
                f"A[{l}][0,0] = {g}({_number(Z[0, 0])}) = {_number(A[0, 0])}"]
    if row == "loss":
        AL, Y, dA = (v[name] for name in shown_names(row, l))
        a, y = AL[0, 0], Y[0, 0]
        return [f"dA[{l}][0,0] = -({_number(y)} / {_number(a)}) + (1 - {_number(y)}) / "
                f"(1 - {_number(a)}) = {_number(dA[0, 0])}",
                f"J = -(1/m) sum(Y log A[{l}] + (1 - Y) log(1 - A[{l}])) = "
                f"{_number(compute_cost(AL, Y))}"]
    dA, Z, dZ, A_prev = v[f"dA[{l}]"], v[f"Z[{l}]"], v[f"dZ[{l}]"], v[f"A[{l - 1}]"]
    slope = get_activation(g)[1](np.ones((1, 1)), Z[:1, :1])[0, 0]  # g'(Z[l][0,0])
    m = dZ.shape[1]
    lines = [f"dZ[{l}][0,0] = dA[{l}][0,0] * {g}'(Z[{l}][0,0]) = ({_number(dA[0, 0])})"
             f"({_number(slope)}) = {_number(dZ[0, 0])}",
             f"dW[{l}][0,0] = (1/{m}) dZ[{l}][0,:] A[{l - 1}][0,:]^T = (1/{m})"
             f"[{_dot(dZ[0], A_prev[0])}] = {_number(v[f'dW[{l}]'][0, 0])}",
             f"db[{l}][0] = (1/{m}) sum(dZ[{l}][0,:]) = {_number(v[f'db[{l}]'][0, 0])}"]
    if f"dA[{l - 1}]" in v:
        W = v[f"W[{l}]"]
        lines.append(f"dA[{l - 1}][0,0] = W[{l}][:,0]^T dZ[{l}][:,0] = "
                     f"{_dot(W[:, 0], dZ[:, 0])} = {_number(v[f'dA[{l - 1}]'][0, 0])}")
    return lines


def boxes(L, activations):
    """The picture's boxes: forward row layers 1..L and the loss; backward row layers L..1."""
    names = [*activations, "sigmoid"]
    forward = [f"layer {l}: LINEAR->{names[l - 1].upper()}" for l in range(1, L + 1)]
    backward = [f"layer {l} back: dZ, dW, db, dA[{l - 1}]" for l in range(L, 0, -1)]
    return {"forward": [*forward, "loss J"], "backward": backward}


def chain_payload(steps, index, activations, columns=COLUMNS):
    """What the chain view draws at step ``index``: boxes, active box, equation, heatmaps."""
    L = (len(steps) - 1) // 2
    row, l = position(index, L)
    step = steps[index]
    return {
        "L": L, "index": int(index), "row": row, "layer": l, "title": step.title,
        "equation": step.equation.split("\n"), "note": step.note,
        "worked": worked(row, l, step, activations), "boxes": boxes(L, activations),
        "tensors": [tensor(name, step.values.get(name), columns) for name in shown_names(row, l)],
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

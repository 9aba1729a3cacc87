"""Predict, then reveal: one question about each chain step, from the current pass's numbers.

Before a step of the chain view shows its tensors, the student answers one question about
it; the answer and its reason (in the lecture's terms) come from the same steps the view
shows, so the questions change with the settings and with training::

    question(steps, index, activations, unit=(l, i))
    # {"text": ..., "choices": [...], "answer": ..., "reason": ...}

Forward steps ask the shape of Z[l] (or, for a ReLU layer, whether the selected unit is
dead); the loss step asks which layer's ||dW[l]|| is smallest; backward steps ask the shape
of dW[l] (or the sign of the selected unit's dW[l][i, 0]).
"""

import numpy as np

from .chain import position


def _shape(shape):
    return f"({shape[0]}, {shape[1]})"


def shape_question(name, value, equation, why):
    """Which of four shapes is ``name``'s: the right one and three a slip would give."""
    n, k = value.shape
    wrong = {(k, n), (n, n), (k, k), (1, k), (n, 1)} - {(n, k)}
    choices = sorted({_shape((n, k)), *map(_shape, sorted(wrong)[:3])})
    return {"kind": "shape", "text": f"What is the shape of {name}?", "choices": choices,
            "answer": _shape((n, k)), "reason": f"{equation}: {why}, so {name} is "
            f"{_shape((n, k))}."}


def dead_question(l, i, Z):
    """Is unit i of ReLU layer l dead: Z[l][i, j] <= 0 for every example j?"""
    positive = int(np.sum(Z[i] > 0))
    dead = positive == 0
    return {"kind": "dead", "text": f"Is unit {i} of layer {l} a dead ReLU (Z[{l}][{i},:] <= 0 "
            "on every example)?", "choices": ["yes", "no"], "answer": "yes" if dead else "no",
            "reason": f"Z[{l}][{i},:] > 0 on {positive} of {Z.shape[1]} examples"
            + (f": relu'(Z) = 0 everywhere, so dZ[{l}][{i},:] = 0 and W[{l}][{i},:] stops "
               "learning." if dead else f": on those examples relu'(Z) = 1, so dZ[{l}][{i},:] "
               f"passes the gradient and W[{l}][{i},:] keeps learning.")}


def sign_question(l, i, dW, dZ):
    """The sign of dW[l][i, 0], and which way gradient descent moves W[l][i, 0]."""
    value = float(dW[i, 0])
    sign = "positive" if value > 0 else "negative" if value < 0 else "zero"
    move = {"positive": "down", "negative": "up", "zero": "nowhere"}[sign]
    reason = (f"dW[{l}][{i},0] = (1/m) sum_j dZ[{l}][{i},j] A[{l - 1}][0,j] = {value:.3g}; "
              f"W := W - alpha dW moves W[{l}][{i},0] {move}.")
    if sign == "zero" and not np.any(dZ[i]):
        reason += f" dZ[{l}][{i},:] is 0 on every example: the unit is dead."
    return {"kind": "sign", "text": f"Is dW[{l}][{i},0] positive, negative or zero?",
            "choices": ["positive", "negative", "zero"], "answer": sign, "reason": reason}


def smallest_norm_question(steps):
    """Which layer's ||dW[l]|| is the smallest in this pass?"""
    L = (len(steps) - 1) // 2
    norms = {l: float(np.linalg.norm(steps[2 * L + 1 - l].values[f"dW[{l}]"]))
             for l in range(1, L + 1)}
    smallest = min(norms, key=norms.get)
    listed = ", ".join(f"||dW[{l}]|| = {norm:.2e}" for l, norm in norms.items())
    return {"kind": "smallest", "text": "Which layer's ||dW[l]|| will be the smallest?",
            "choices": [str(l) for l in norms], "answer": str(smallest),
            "reason": f"{listed}. On its way back dZ is multiplied by W[l]^T and g'(Z[l]) "
                      "at every layer, so gradients can shrink (or grow) layer by layer."}


def question(steps, index, activations, unit=(1, 0)):
    """The question asked before step ``index`` of the chain (2L + 1 steps) is revealed.

    ``unit`` (l, i) is the unit selected in the network view; a question about one unit
    asks about it when it is in the step's layer, else about unit 0.
    """
    L = (len(steps) - 1) // 2
    row, l = position(index, L)
    i = unit[1] if unit[0] == l else 0
    g = [*activations, "sigmoid"][l - 1]
    values = steps[index].values
    if row == "loss":
        return smallest_norm_question(steps)
    if row == "forward":
        Z = values[f"Z[{l}]"]
        if g == "relu" and index % 2:
            return dead_question(l, i, Z)
        return shape_question(f"Z[{l}]", Z, f"Z[{l}] = W[{l}] A[{l - 1}] + b[{l}]",
                              f"W[{l}] is {_shape(values[f'W[{l}]'].shape)} and A[{l - 1}] is "
                              f"{_shape(values[f'A[{l - 1}]'].shape)}: one row per unit, one "
                              "column per example")
    dW = values[f"dW[{l}]"]
    if index % 2:
        return sign_question(l, i, dW, values[f"dZ[{l}]"])
    return shape_question(f"dW[{l}]", dW, f"dW[{l}] = (1/m) dZ[{l}] A[{l - 1}]^T",
                          f"dZ[{l}] is {_shape(values[f'dZ[{l}]'].shape)} and A[{l - 1}]^T is "
                          f"{_shape(values[f'A[{l - 1}]'].T.shape)}; a gradient has its "
                          f"parameter's shape, W[{l}]'s")

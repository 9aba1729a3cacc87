"""Forward and backward step-throughs: each layer's equation with the package's own numbers.

The values are read from ``caches`` (L_model_forward) and ``grads`` (L_model_backward);
only dA[L] and dZ[l], which the package does not keep, are recomputed with the package's
own ``dAL`` and activation backward functions from the cached Z[l].
"""

from typing import NamedTuple

import numpy as np

from ..activations import get_activation
from ..cost import dAL
from ..model import layer_activations


class Step(NamedTuple):
    """One layer of a step-through: its title, its equations and the arrays they use."""

    title: str
    equation: str
    values: dict
    note: str = ""


def forward_steps(AL, caches, activations):
    """Layer l = 1..L: Z[l] = W[l] A[l-1] + b[l], A[l] = g[l](Z[l]), from caches[l-1]."""
    L = len(caches)
    names = layer_activations(activations, L)
    steps = []
    for l, cache in enumerate(caches, start=1):
        (A_prev, W, b), Z = cache
        A = caches[l].linear_cache.A_prev if l < L else AL  # A[l] is layer l+1's A_prev
        steps.append(Step(
            f"layer {l} of {L}, forward",
            f"Z[{l}] = W[{l}] A[{l - 1}] + b[{l}]    A[{l}] = {names[l - 1]}(Z[{l}])",
            {f"A[{l - 1}]": A_prev, f"W[{l}]": W, f"b[{l}]": b, f"Z[{l}]": Z, f"A[{l}]": A},
            describe_cache(l, cache),
        ))
    return steps


def backward_steps(AL, Y, caches, grads, activations):
    """Layer l = L..1: dZ[l], dW[l], db[l], dA[l-1] from dA[l], starting at dA[L].

    Every gradient is L_model_backward's, read from ``grads``; dA[L] and dZ[l], which it
    does not keep, come from ``dAL`` and the activation's backward.
    """
    L = len(caches)
    names = layer_activations(activations, L)
    dA = dAL(AL, Y)
    steps = [Step(
        f"start: dA[{L}], the derivative of the loss with respect to A[{L}] = AL "
        f"(m times dJ/dA[{L}])",
        f"dA[{L}] = -(Y / A[{L}]) + (1 - Y) / (1 - A[{L}])",
        {f"A[{L}]": AL, "Y": Y, f"dA[{L}]": dA},
    )]
    for l in range(L, 0, -1):
        (A_prev, W, _), Z = caches[l - 1]
        dA = dA if l == L else grads[f"dA{l}"]
        dZ = get_activation(names[l - 1])[1](dA, Z)
        values = {f"dA[{l}]": dA, f"Z[{l}]": Z, f"dZ[{l}]": dZ, f"A[{l - 1}]": A_prev,
                  f"dW[{l}]": grads[f"dW{l}"], f"db[{l}]": grads[f"db{l}"], f"W[{l}]": W}
        if f"dA{l - 1}" in grads:
            values[f"dA[{l - 1}]"] = grads[f"dA{l - 1}"]
        steps.append(Step(
            f"layer {l} of {L}, backward ({names[l - 1]})",
            f"dZ[{l}] = dA[{l}] * {names[l - 1]}'(Z[{l}])    "
            f"dW[{l}] = (1/m) dZ[{l}] A[{l - 1}]^T\n"
            f"db[{l}] = (1/m) sum(dZ[{l}], axis=1)    dA[{l - 1}] = W[{l}]^T dZ[{l}]",
            values,
        ))
    return steps


def describe_cache(l, cache):
    """How the package stores caches[l-1]: field names and shapes, as a student would unpack it."""
    (A_prev, W, b), Z = cache
    return (
        f"caches[{l - 1}] = LayerCache(linear_cache=LinearCache(A_prev {A_prev.shape}, "
        f"W {W.shape}, b {b.shape}), activation_cache=Z {Z.shape})"
    )


def format_step(step, columns=3):
    """The step as text: title, equations, then each array with its shape.

    A, Z, dA, dZ and Y have one column per example; they show their first ``columns``.
    """
    lines = [step.title, step.equation, *([step.note] if step.note else []), ""]
    for name, value in step.values.items():
        m = value.shape[1]
        per_example = name.startswith(("A[", "Z[", "dA[", "dZ[", "Y"))
        shown = value[:, :columns] if per_example and m > columns else value
        note = f"  (first {columns} of m = {m} columns)" if shown is not value else ""
        text = np.array2string(shown, precision=4, suppress_small=True, max_line_width=90)
        lines.append(f"{name}  shape {value.shape}{note}\n{text}")
    return "\n".join(lines)

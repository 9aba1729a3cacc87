"""Checker for the whole backward chain, L_model_backward (ReLU hidden, sigmoid output).

It names the first wrong layer: the highest l whose gradients are wrong, since backward
starts at layer L.
"""

from ..cost import dAL
from ..model import L_model_backward as reference_backward
from . import cases
from .backward import linear_activation_backward
from .compare import MISSING
from .diagnose import (
    DZ_MISTAKES,
    HIDDEN_SIGMOID,
    LINEAR_MISTAKES,
    OUTPUT_RELU,
    RECOMPUTED,
    SWAPPED,
    backward_chain,
    recomputed,
)
from .helpers import blame_helper
from .runner import Spec, WrongReturnError, run
from .unpack import kind


def _shift(grads, prefixes, by):
    """The same grads with the layer number of the keys starting with ``prefixes`` moved."""
    def key(k):
        head, number = k[:2], k[2:]
        return f"{head}{int(number) + by}" if head in prefixes and number.isdigit() else k
    return {key(k): v for k, v in grads.items()}


def _backward_mistakes(AL, Y, caches):
    L = len(caches)
    lecture = ["relu"] * (L - 1) + ["sigmoid"]
    grads = reference_backward(AL, Y, caches)
    shifted_dA = ("dA keys shifted by one: grads['dA' + str(l)] is dJ/dA[l], so layer l stores "
                  "its dA_prev under dA{l-1} (keys dA0 .. dA{L-1}).")
    shifted_dW = "dW and db keys shifted by one: layer l's gradients are dW{l} and db{l}, l = 1..L."
    out = [
        ("the sign of dA[L] is flipped: dA[L] = -(Y/AL) + (1-Y)/(1-AL), so that with a sigmoid "
         "output dZ[L] = AL - Y (not Y - AL).",
         backward_chain(AL, Y, caches, lecture, dA=-dAL(AL, Y))),
        ("AL - Y is dZ[L], not dA[L]: either pass dA[L] = -(Y/AL - (1-Y)/(1-AL)) to the "
         "sigmoid backward, or start from dZ[L] = AL - Y without multiplying by sigmoid' again.",
         backward_chain(AL, Y, caches, lecture, dA=AL - Y)),
        (HIDDEN_SIGMOID, backward_chain(AL, Y, caches, ["sigmoid"] * L)),
        (OUTPUT_RELU, backward_chain(AL, Y, caches, ["relu"] * L)),
        (SWAPPED, backward_chain(AL, Y, caches, ["sigmoid"] * (L - 1) + ["relu"])),
        (RECOMPUTED, backward_chain(AL, Y, [recomputed(c) for c in caches], lecture)),
        ("grads has no dA0: store dA_prev of layer 1 as grads['dA0'] too, even though "
         "training does not use it.", {k: v for k, v in grads.items() if k != "dA0"}),
        (shifted_dA, _shift(grads, ("dA",), 1)),
        (shifted_dA, _shift(grads, ("dA",), -1)),
        (shifted_dW, _shift(grads, ("dW", "db"), -1)),
        (shifted_dW, _shift(grads, ("dW", "db"), 1)),
        ("layer 1 was skipped: a layer index off by one — backward visits l = L, L-1, ..., 1.",
         {k: v for k, v in grads.items() if k not in ("dA0", "dW1", "db1")}),
    ]
    out += [(text, backward_chain(AL, Y, caches, lecture, dZ_mistake=(g, f)))
            for text, g, f in DZ_MISTAKES]
    out += [(text, backward_chain(AL, Y, caches, lecture, linear=f))
            for text, f in LINEAR_MISTAKES]
    return [(text, outputs) for text, outputs in out if outputs is not None]


def _backward_expected(AL, Y, caches):
    grads = reference_backward(AL, Y, caches)
    return {k: grads[k] for l in range(len(caches), 0, -1) for k in (f"dW{l}", f"db{l}",
                                                                     f"dA{l - 1}")}


def _unpack_backward(returned, expected):
    if not isinstance(returned, dict):
        raise WrongReturnError(
            f"Your L_model_backward must return the dict grads, got {kind(returned)}"
            + (": is `return grads` missing?" if returned is None else ".")
        )
    missing = [k for k in expected if k not in returned]
    problems = [(f"grads has no {', '.join(missing)}; its keys are {sorted(returned)}.", None)]
    return {k: returned.get(k, MISSING) for k in expected}, problems if missing else []


def _backward_layer(name, expected, got):
    number = int(name[2:])
    l = number + 1 if name.startswith("dA") else number
    L = max(int(n[2:]) for n in expected if n.startswith("dW"))
    return f"The first wrong layer is layer {l} (backward runs from layer L = {L} down to 1)."


def L_model_backward(student):
    """Check ``L_model_backward(AL, Y, caches) -> grads`` (ReLU hidden, sigmoid output)."""
    result = run(Spec("L_model_backward", ("AL", "Y", "caches"), cases.model_backward_cases(),
                      _backward_expected, _unpack_backward, _backward_mistakes,
                      _backward_layer), student)
    return blame_helper(result, student, ("linear_activation_backward",
                                          linear_activation_backward))

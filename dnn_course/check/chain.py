"""Checkers for the whole chain: L_model_forward and L_model_backward.

Both name the first wrong layer: for forward the lowest l whose cache or output is wrong,
for backward the highest l (backward starts at layer L).
"""

import re

from ..activations import get_activation
from ..cost import dAL
from ..model import L_model_backward as reference_backward
from ..model import L_model_forward as reference_forward
from . import cases
from .compare import MISSING, same
from .diagnose import DZ_MISTAKES, LINEAR_MISTAKES, RECOMPUTED, backward_chain, recomputed
from .runner import Spec, WrongReturnError, run
from .unpack import as_tuple, kind, layer_cache, linear_cache_outputs

HIDDEN_SIGMOID = "sigmoid used in the hidden layers: they are ReLU; only the output is sigmoid."
OUTPUT_RELU = "relu used at the output layer: layer L is sigmoid (AL is a probability)."
SWAPPED = "the activations are swapped: ReLU in the hidden layers, sigmoid at the output."


def _forward_outputs(AL, caches):
    out = {}
    for i, (linear_cache, Z) in enumerate(caches):
        out.update(linear_cache_outputs(linear_cache, f"caches[{i}]"))
        out[f"caches[{i}].Z"] = Z
    return {**out, "AL": AL}


def _chain(X, parameters, activations, feed_X=False, bias=True, keep="Z"):
    A, caches = X, []
    for l, g in enumerate(activations, 1):
        A_prev = X if feed_X else A
        W, b = parameters[f"W{l}"], parameters[f"b{l}"]
        if W.shape[1] != A_prev.shape[0]:
            return None  # this mistake breaks the shapes on these inputs
        Z = W @ A_prev + (b if bias else 0)
        A = get_activation(g)[0](Z)[0]
        caches.append(((A_prev, W, b), Z if keep == "Z" else A))
    return _forward_outputs(A, caches)


def _forward_mistakes(X, parameters):
    L = len(parameters) // 2
    relu = ["relu"] * (L - 1)
    AL, caches = reference_forward(X, parameters)
    out = [
        (HIDDEN_SIGMOID, _chain(X, parameters, ["sigmoid"] * L)),
        (OUTPUT_RELU, _chain(X, parameters, ["relu"] * L)),
        (SWAPPED, _chain(X, parameters, ["sigmoid"] * (L - 1) + ["relu"])),
        ("X fed to every layer instead of A_prev: layer l takes A_prev = A[l-1], the output "
         "of layer l-1; only layer 1 takes X.", _chain(X, parameters, relu + ["sigmoid"], True)),
        ("b is missing: Z = W A_prev + b.", _chain(X, parameters, relu + ["sigmoid"], bias=False)),
        ("caches appended in the wrong order: caches[l-1] must be layer l's cache, appended "
         "right after layer l is computed (layer 1 first).", _forward_outputs(AL, caches[::-1])),
        ("the activation cache must be Z (backward needs g'(Z)), not A.",
         _chain(X, parameters, relu + ["sigmoid"], keep="A")),
    ]
    return [(text, outputs) for text, outputs in out if outputs is not None]


def _unpack_forward(returned, expected):
    AL, caches = as_tuple(returned, 2, "L_model_forward", "(AL, caches)")
    L = sum(name.endswith(".Z") for name in expected)
    if not isinstance(caches, list | tuple):
        raise WrongReturnError(
            f"caches must be a list with one cache per layer, got {kind(caches)}."
        )
    if len(caches) != L:
        raise WrongReturnError(
            f"caches has {len(caches)} entries but the network has L = {L} layers.",
            ["a layer index off by one, or caches appended once too often or too "
             "rarely: append exactly one cache per layer, l = 1..L."]
            if abs(len(caches) - L) == 1 else [],
        )
    problems, unpacked = [], []
    for i, cache in enumerate(caches):
        linear_cache, Z, found = layer_cache(cache, f"caches[{i}]")
        problems += found
        unpacked.append((linear_cache, Z))
    return _forward_outputs(AL, unpacked), problems


def _forward_layer(name, expected, got):
    match = re.match(r"caches\[(\d+)\]\.(\w+)", name)
    if match is None:  # AL, the output of layer L
        L = sum(n.endswith(".Z") for n in expected)
        return f"The first wrong layer is layer {L}, the output layer: AL is wrong."
    l, field = int(match.group(1)) + 1, match.group(2)
    if field != "A_prev" or l == 1:
        return f"The first wrong layer is layer {l}: caches[{l - 1}].{field} is wrong."
    if same(expected["caches[0].A_prev"], got[name]):
        return f"The first wrong layer is layer {l}: it was given X instead of A[{l - 1}]."
    return (f"The first wrong layer is layer {l - 1}: its Z is right but its output "
            f"A[{l - 1}] = g(Z[{l - 1}]), the input of layer {l} (caches[{l - 1}].A_prev), "
            "is wrong.")


def L_model_forward(student):
    """Check ``L_model_forward(X, parameters) -> (AL, caches)``: ReLU hidden, sigmoid output."""
    return run(Spec("L_model_forward", ("X", "parameters"), cases.model_cases(),
                    lambda X, p: _forward_outputs(*reference_forward(X, p)),
                    _unpack_forward, _forward_mistakes, _forward_layer), student)


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
        (shifted_dA, _shift(grads, ("dA",), 1)),
        (shifted_dA, _shift(grads, ("dA",), -1)),
        (shifted_dW, _shift(grads, ("dW", "db"), -1)),
        (shifted_dW, _shift(grads, ("dW", "db"), 1)),
        ("grads['dA0'] is missing: store layer 1's dA_prev too (keys dA0 .. dA{L-1}).",
         {k: v for k, v in grads.items() if k != "dA0"}),
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
    return run(Spec("L_model_backward", ("AL", "Y", "caches"), cases.model_backward_cases(),
                    _backward_expected, _unpack_backward, _backward_mistakes,
                    _backward_layer), student)

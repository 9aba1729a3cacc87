"""Checker for the whole forward chain, L_model_forward (ReLU hidden, sigmoid output).

It names the first wrong layer: the lowest l whose cache or output is wrong.
"""

import re

from ..activations import get_activation
from ..model import L_model_forward as reference_forward
from . import cases
from .compare import same
from .diagnose import CACHE_ORDER, HIDDEN_SIGMOID, OUTPUT_RELU, SWAPPED
from .forward import linear_activation_forward
from .helpers import blame_helper
from .runner import Spec, WrongReturnError, run
from .unpack import as_tuple, kind, layer_cache, linear_cache_outputs

FED_X = ("X fed to every layer instead of A_prev: layer l takes A_prev = A[l-1], the output "
         "of layer l-1; only layer 1 takes X.")


def _forward_outputs(AL, caches):
    out = {}
    for i, (linear_cache, Z) in enumerate(caches):
        out.update(linear_cache_outputs(linear_cache, f"caches[{i}]"))
        out[f"caches[{i}].Z"] = Z
    return {**out, "AL": AL}


def _chain(X, parameters, activations, feed_X="", bias=True, keep="Z"):
    """L_model_forward with one thing changed; feed_X is "hidden" or "all" to feed X."""
    A, caches = X, []
    for l, g in enumerate(activations, 1):
        A_prev = X if feed_X and (l < len(activations) or feed_X == "all") else A
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
    out = [
        (HIDDEN_SIGMOID, _chain(X, parameters, ["sigmoid"] * L)),
        (OUTPUT_RELU, _chain(X, parameters, ["relu"] * L)),
        (SWAPPED, _chain(X, parameters, ["sigmoid"] * (L - 1) + ["relu"])),
        (FED_X, _chain(X, parameters, relu + ["sigmoid"], feed_X="hidden")),
        (FED_X, _chain(X, parameters, relu + ["sigmoid"], feed_X="all")),
        ("b is missing: Z = W A_prev + b.", _chain(X, parameters, relu + ["sigmoid"], bias=False)),
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
    outputs = _forward_outputs(AL, unpacked)
    return outputs, problems + _order_problem(outputs, expected, L)


def _order_problem(got, expected, L):
    """[(line, CACHE_ORDER)] when every layer's cache is there but in another order."""
    layers = list(range(1, L + 1))
    order = [next((l for l in layers if same(expected[f"caches[{l - 1}].W"],
                                             got[f"caches[{i}].W"])), 0) for i in range(L)]
    if sorted(order) != layers or order == layers:
        return []
    return [(f"caches holds the layers in the order {order} instead of {layers}.", CACHE_ORDER)]


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
    result = run(Spec("L_model_forward", ("X", "parameters"), cases.model_cases(),
                      lambda X, p: _forward_outputs(*reference_forward(X, p)),
                      _unpack_forward, _forward_mistakes, _forward_layer), student)
    return blame_helper(result, student, ("linear_activation_forward",
                                          linear_activation_forward))

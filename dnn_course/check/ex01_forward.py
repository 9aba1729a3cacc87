"""Exercise 01, forward propagation and the cost: the checkers of linear_forward,
linear_activation_forward, L_model_forward and compute_cost, each beside the known
mistakes it recognises.

A known mistake is computed, not described: the outputs the classic error would give on
the same inputs, with the text that names it.
"""

import itertools
import re

import numpy as np

from ..activations import get_activation
from ..cost import compute_cost as reference_cost
from ..guards import is_real
from ..linear import linear_forward as reference_linear
from ..model import L_model_forward as reference_forward
from ..model import forward_layers, layer_activations
from ..model import linear_activation_forward as reference_activation
from .blame import blame_helper
from .cases import activation_cases, cost_cases, linear_cases, model_cases
from .compare import same
from .mistakes import HIDDEN_SIGMOID, OUTPUT_RELU, SWAPPED, TRANSPOSE, products
from .runner import Spec, WrongReturnError, run
from .unpack import as_tuple, kind, layer_cache, linear_cache_outputs


# ---- linear_forward: Z = W A_prev + b ----------------------------------------------------
def linear_Z_mistakes(A_prev, W, b):
    """(text, Z) for the usual ways to get Z = W A_prev + b wrong."""
    out = [("b is missing: Z = W A_prev + b (b is added to every column).", W @ A_prev)]
    for P in products(W, A_prev):
        for bias in (b, b.T):
            try:
                out.append((TRANSPOSE.format("Z", "Z = W A_prev + b"), P + bias))
            except ValueError:  # b cannot broadcast to this product
                continue
    if W.shape == A_prev.shape:
        out.append(("`*` is element-wise; Z = W A_prev + b is a matrix product: "
                    "np.dot(W, A_prev) or W @ A_prev.", W * A_prev + b))
    return out


def _linear_outputs(Z, cache, prefix="linear_cache"):
    return {"Z": Z, **linear_cache_outputs(cache, prefix)}


def _linear_mistakes(A_prev, W, b):
    cache = (A_prev, W, b)
    out = [(text, _linear_outputs(Z, cache)) for text, Z in linear_Z_mistakes(A_prev, W, b)]
    named = {"A_prev": A_prev, "W": W, "b": b}
    for order in itertools.permutations(named):
        if order != ("A_prev", "W", "b"):
            out.append((f"linear_cache holds ({', '.join(order)}); it must hold (A_prev, W, b) "
                        "in this order, the order backward unpacks it.",
                        _linear_outputs(W @ A_prev + b, tuple(named[k] for k in order))))
    return out


def _unpack_linear(returned, expected):
    Z, cache = as_tuple(returned, 2, "linear_forward", "(Z, linear_cache)")
    return _linear_outputs(Z, cache), []


def linear_forward(student):
    """Check ``linear_forward(A_prev, W, b) -> (Z, linear_cache)``: Z = W A_prev + b."""
    return run(Spec("linear_forward", ("A_prev", "W", "b"), linear_cases(),
                    lambda *a: _linear_outputs(*reference_linear(*a)),
                    _unpack_linear, _linear_mistakes), student)


# ---- linear_activation_forward: A = g(W A_prev + b) ------------------------------------
def _activation_outputs(A, linear_cache, Z):
    return {"A": A, **linear_cache_outputs(linear_cache), "activation_cache": Z}


def _activation_mistakes(A_prev, W, b, activation):
    g = get_activation(activation)[0]
    other = "sigmoid" if activation == "relu" else "relu"
    cache = (A_prev, W, b)
    Z = W @ A_prev + b
    A = g(Z)[0]
    out = [
        (f"{other} used where activation={activation!r}: A = {activation}(Z).",
         _activation_outputs(get_activation(other)[0](Z)[0], cache, Z)),
        ("the activation was not applied: A = g(Z), not Z.", _activation_outputs(Z, cache, Z)),
        ("the activation cache must be Z (backward needs g'(Z)), not A.",
         _activation_outputs(A, cache, A)),
    ]
    out += [(text, _activation_outputs(g(Zw)[0], cache, Zw))
            for text, Zw in linear_Z_mistakes(A_prev, W, b)]
    return out


def _activation_expected(A_prev, W, b, activation):
    A, (linear_cache, Z) = reference_activation(A_prev, W, b, activation)
    return _activation_outputs(A, linear_cache, Z)


def _unpack_activation(returned, expected):
    A, cache = as_tuple(returned, 2, "linear_activation_forward", "(A, cache)")
    linear_cache, Z, problems = layer_cache(cache, "cache")
    return _activation_outputs(A, linear_cache, Z), problems


def linear_activation_forward(student):
    """Check ``linear_activation_forward(A_prev, W, b, activation) -> (A, cache)``."""
    result = run(Spec("linear_activation_forward", ("A_prev", "W", "b", "activation"),
                      activation_cases(), _activation_expected,
                      _unpack_activation, _activation_mistakes), student)
    return blame_helper(result, student, ("linear_forward", linear_forward))


# ---- L_model_forward: the chain of L layers, ReLU hidden, sigmoid output -------------------
FED_X = ("X fed to every layer instead of A_prev: layer l takes A_prev = A[l-1], the output "
         "of layer l-1; only layer 1 takes X.")
CACHE_ORDER = ("caches appended in the wrong order: caches[l-1] must be layer l's cache, "
               "appended right after layer l is computed (layer 1 first).")


def _forward_outputs(AL, caches):
    out = {}
    for i, (linear_cache, Z) in enumerate(caches):
        out.update(linear_cache_outputs(linear_cache, f"caches[{i}]"))
        out[f"caches[{i}].Z"] = Z
    return {**out, "AL": AL}


def _chain(X, parameters, activations, feed_X="", bias=True, keep="Z"):
    """The package's forward loop with one thing changed in each layer (None if that breaks
    the shapes); feed_X is "hidden" or "all" to feed X to those layers."""
    W_L = parameters[f"W{len(activations)}"]

    def layer(A_prev, W, b, g):
        A_prev = X if feed_X == "all" or feed_X and W is not W_L else A_prev
        Z = W @ A_prev + (b if bias else 0)
        A = get_activation(g)[0](Z)[0]
        return A, ((A_prev, W, b), Z if keep == "Z" else A)

    try:
        return _forward_outputs(*forward_layers(X, parameters, activations, layer))
    except ValueError:  # this mistake breaks the shapes on these inputs
        return None


def _forward_mistakes(X, parameters):
    L = len(parameters) // 2
    lecture = layer_activations("relu", L)
    out = [
        (HIDDEN_SIGMOID, _chain(X, parameters, ["sigmoid"] * L)),
        (OUTPUT_RELU, _chain(X, parameters, ["relu"] * L)),
        (SWAPPED, _chain(X, parameters, ["sigmoid"] * (L - 1) + ["relu"])),
        (FED_X, _chain(X, parameters, lecture, feed_X="hidden")),
        (FED_X, _chain(X, parameters, lecture, feed_X="all")),
        ("b is missing: Z = W A_prev + b.", _chain(X, parameters, lecture, bias=False)),
        ("the activation cache must be Z (backward needs g'(Z)), not A.",
         _chain(X, parameters, lecture, keep="A")),
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
    result = run(Spec("L_model_forward", ("X", "parameters"), model_cases(),
                      lambda X, p: _forward_outputs(*reference_forward(X, p)),
                      _unpack_forward, _forward_mistakes, _forward_layer), student)
    return blame_helper(result, student, ("linear_activation_forward",
                                          linear_activation_forward))


# ---- compute_cost: J = -(1/m) sum(Y log AL + (1-Y) log(1-AL)) -----------------------
def _cost_mistakes(AL, Y):
    J = reference_cost(AL, Y)
    m = Y.shape[1]
    no_negative_term = -np.sum(Y * np.log(AL)) / m
    return [
        ("the cost has the wrong sign: J = -(1/m) sum(Y log(AL) + (1 - Y) log(1 - AL)).",
         {"cost": -J}),
        ("the cost is not averaged over m: multiply the sum by 1/m.", {"cost": m * J}),
        ("the cost has the wrong sign and is not averaged over m.", {"cost": -m * J}),
        ("the (1 - Y) log(1 - AL) term is missing: it is the loss of the examples with y = 0.",
         {"cost": no_negative_term}),
    ]


def _unpack_cost(returned, expected):
    if isinstance(returned, np.ndarray) and returned.ndim > 0:
        line = f"Your compute_cost returned an array of shape {returned.shape}."
        diagnosis = ("the cost was returned as an array instead of a number: finish with "
                     "cost = np.squeeze(cost), a 0-d array, as the course does.")
        value = returned.reshape(()) if returned.size == 1 else returned
        return {"cost": value}, [(line, diagnosis)]
    if not (is_real(returned) or isinstance(returned, np.ndarray)):
        raise WrongReturnError(f"Your compute_cost must return a number, got {kind(returned)}.")
    return {"cost": returned}, []


def compute_cost(student):
    """Check ``compute_cost(AL, Y) -> cost``: J = -(1/m) sum(Y log AL + (1-Y) log(1-AL))."""
    return run(Spec("compute_cost", ("AL", "Y"), cost_cases(),
                    lambda AL, Y: {"cost": reference_cost(AL, Y)},
                    _unpack_cost, _cost_mistakes), student)

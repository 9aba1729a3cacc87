"""Checkers for one layer's forward step and for the cost: linear_forward,
linear_activation_forward and compute_cost."""

import itertools

import numpy as np

from ..activations import get_activation
from ..cost import compute_cost as reference_cost
from ..linear import linear_forward as reference_linear
from ..model import linear_activation_forward as reference_activation
from . import cases
from .diagnose import linear_Z_mistakes
from .helpers import blame_helper
from .runner import Spec, WrongReturnError, run
from .unpack import as_tuple, kind, layer_cache, linear_cache_outputs


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
    return run(Spec("linear_forward", ("A_prev", "W", "b"), cases.linear_cases(),
                    lambda *a: _linear_outputs(*reference_linear(*a)),
                    _unpack_linear, _linear_mistakes), student)


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
                      cases.activation_cases(), _activation_expected,
                      _unpack_activation, _activation_mistakes), student)
    return blame_helper(result, student, ("linear_forward", linear_forward))


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
                     "cost = float(np.squeeze(cost)).")
        value = returned.reshape(()) if returned.size == 1 else returned
        return {"cost": value}, [(line, diagnosis)]
    if isinstance(returned, bool) or not isinstance(returned, int | float | np.number
                                                       | np.ndarray):
        raise WrongReturnError(f"Your compute_cost must return a number, got {kind(returned)}.")
    return {"cost": returned}, []


def compute_cost(student):
    """Check ``compute_cost(AL, Y) -> cost``: J = -(1/m) sum(Y log AL + (1-Y) log(1-AL))."""
    return run(Spec("compute_cost", ("AL", "Y"), cases.cost_cases(),
                    lambda AL, Y: {"cost": reference_cost(AL, Y)},
                    _unpack_cost, _cost_mistakes), student)

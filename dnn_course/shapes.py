"""The shapes the lecture fixes: W[l] is (n[l], n[l-1]), b[l] is (n[l], 1), and each cache
is the tuple its forward function returned.

Checks that turn a network or a cache that does not fit into an error in those terms;
like ``validation``, they do nothing inside ``checks_skipped()``.
"""

import re

import numpy as np

from .validation import as_matrix, check_finite, skipping


def _wrong(name, value, expected):
    """A TypeError for ``value`` in place of ``expected``; a cache one level up names the field."""
    field = f" — pass cache.{name}" if name in getattr(value, "_fields", ()) else ""
    return TypeError(f"{name} must be {expected}; you passed a {type(value).__name__}{field}")


def check_cache(name, cache, fields, origin):
    """O(1): raise unless ``cache`` is the tuple ``fields`` that ``origin`` returned."""
    if not (isinstance(cache, tuple | list) and len(cache) == len(fields)):
        raise _wrong(name, cache, f"({', '.join(fields)}) from {origin}")


def check_dA(dA, activation_cache):
    """dA and the cached Z go together element-wise: two arrays of shape (n[l], m)."""
    if skipping():
        return
    if not isinstance(dA, np.ndarray):
        raise _wrong("dA", dA, "a numpy array of shape (n[l], m)")
    if not isinstance(activation_cache, np.ndarray):
        raise _wrong("activation_cache", activation_cache, "the Z array cached by forward")
    if dA.shape != activation_cache.shape:
        raise ValueError(
            f"dA has shape {dA.shape} but the cached Z has shape {activation_cache.shape}; "
            "they are combined element-wise, so their shapes must be equal"
        )


def num_layers(parameters, prefix=""):
    """Return L for a dict holding W1, b1, ..., WL, bL (or dW1, db1, ... with prefix "d")."""
    if skipping():
        return sum(1 for key in parameters if key.startswith(prefix + "W"))
    if not isinstance(parameters, dict):
        raise TypeError(
            f"parameters must be a dict like {{'W1': ..., 'b1': ...}}, "
            f"got {type(parameters).__name__}"
        )
    layer_keys = (re.fullmatch(prefix + r"[Wb]([0-9]+)", str(key)) for key in parameters)
    L = max((int(match[1]) for match in layer_keys if match), default=0)
    if L == 0:
        raise ValueError(f"no {prefix}W1 found; keys present: {sorted(parameters)}")
    for l in range(1, L + 1):
        for key in (f"{prefix}W{l}", f"{prefix}b{l}"):
            if key not in parameters:
                raise KeyError(
                    f"{key} is missing: a network with {L} layers needs "
                    f"{prefix}W1..{prefix}W{L} and {prefix}b1..{prefix}b{L}; "
                    f"keys present: {sorted(parameters)}"
                )
    return L


def check_network(X, parameters):
    """Check X and every W[l], b[l] against the chain X -> layer 1 -> ... -> layer L.

    Returns L. W[l] must be (n[l], n[l-1]) with n[0] = n_x, and b[l] must be (n[l], 1).
    """
    L = num_layers(parameters)
    if skipping():
        return L
    n_prev = X.shape[0]
    for l in range(1, L + 1):
        W = as_matrix(f"W{l}", parameters[f"W{l}"], f"(n[{l}], n[{l - 1}])")
        b = as_matrix(f"b{l}", parameters[f"b{l}"], f"(n[{l}], 1)")
        if W.shape[1] != n_prev:
            if l == 1:
                raise ValueError(
                    f"X has {X.shape[0]} rows but W1 expects {W.shape[1]} input features"
                    f" — examples are columns: X must be (n_x, m) = ({W.shape[1]}, m), got "
                    f"{X.shape}" + (" (try X.T)" if X.shape[1] == W.shape[1] else "")
                )
            raise ValueError(
                f"W{l} has shape {W.shape} but layer {l - 1} has n[{l - 1}] = {n_prev} "
                f"units: W{l} must be (n[{l}], n[{l - 1}]) = ({W.shape[0]}, {n_prev})"
            )
        if b.shape != (W.shape[0], 1):
            raise ValueError(
                f"b{l} has shape {b.shape} but W{l} has {W.shape[0]} rows: b{l} must be "
                f"(n[{l}], 1) = ({W.shape[0]}, 1)"
            )
        check_finite(f"W{l}", W)
        check_finite(f"b{l}", b)
        n_prev = W.shape[0]
    return L

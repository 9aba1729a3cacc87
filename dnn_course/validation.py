"""Input checks that turn a bad shape or value into an error in the lecture's terms.

The functions that take a student's arrays (layers, backward steps, model, cost, update,
training, gradient checking, saving) call these before they compute anything, so a
student sees "X has 209 rows but W1 expects 12288 input features" instead of a bare
numpy broadcasting error; only the forward activations g(Z) take any array unchecked.
The checks only read their inputs: valid input gives the same numbers with or without.

``checks_skipped()`` switches them off for arrays that were already checked: from its
second iteration on, ``L_layer_model`` feeds the same X and Y and the package's own
W[l], b[l] back in, and re-checking them every iteration only costs time.
"""

import contextlib
import contextvars
import re

import numpy as np

_SKIP = contextvars.ContextVar("skip_checks", default=False)


@contextlib.contextmanager
def checks_skipped(skip=True):
    """Inside this block (when ``skip`` is true) the checks below return at once."""
    token = _SKIP.set(skip)
    try:
        yield
    finally:
        _SKIP.reset(token)


def as_matrix(name, value, shape_hint):
    """Return ``value`` as a 2-D numeric numpy array, or raise a clear error."""
    if _SKIP.get():
        return value
    if isinstance(value, np.ndarray):
        value = np.asarray(value)  # an np.matrix would turn * into a matrix product
    else:
        if value is None or isinstance(value, str | dict):
            raise TypeError(
                f"{name} must be a numpy array of shape {shape_hint}, got {type(value).__name__}"
            )
        value = np.asarray(value, dtype=float)
    if value.dtype == object or not np.issubdtype(value.dtype, np.number):
        raise TypeError(f"{name} must hold numbers, got an array of dtype {value.dtype}")
    if value.ndim != 2:
        hint = ""
        if value.ndim == 1 and shape_hint.startswith("(1,"):
            hint = f" — use {name}.reshape(1, -1) for a row"
        elif value.ndim == 1 and shape_hint.endswith(", 1)"):
            hint = f" — use {name}.reshape(-1, 1) for a column"
        raise ValueError(
            f"{name} must be a 2-D array of shape {shape_hint}, got shape {value.shape}{hint}"
        )
    return value


def check_finite(name, value):
    """Raise if ``value`` holds NaN or inf: they would spread to every later layer."""
    if _SKIP.get():
        return
    with np.errstate(over="ignore", invalid="ignore"):
        total = value.sum()  # cheap: a NaN or inf anywhere makes the sum non-finite
    if np.isfinite(total):
        return
    if not np.isfinite(value).all():
        bad = int(value.size - np.isfinite(value).sum())
        raise ValueError(
            f"{name} contains NaN or inf ({bad} of {value.size} entries); every layer after it "
            "would be NaN too — check the data or lower the learning rate"
        )


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
    if _SKIP.get():
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


def as_binary(name, value, hint):
    """Return ``value`` as a 2-D array of 0/1 labels (True/False count as 1/0), or raise."""
    if isinstance(value, np.ndarray) and value.dtype == bool:
        value = value.astype(float)
    value = as_matrix(name, value, "(1, m)")
    if not np.isin(value, (0, 1)).all():
        odd = np.unique(value[~np.isin(value, (0, 1))])[:5]
        raise ValueError(f"{name} must hold binary labels 0 or 1{hint}; found {odd}")
    return value


def check_labels(Y, AL, other="AL"):
    """Y must be a (1, m) row of 0/1 labels, one column per example, like AL."""
    if _SKIP.get():
        return Y
    Y = as_binary("Y", Y, " (the output is one sigmoid unit)")
    if Y.shape != AL.shape:
        hint = ""
        if Y.shape == AL.shape[::-1] or Y.shape[::-1] == AL.shape:
            hint = " — examples are columns: use Y.reshape(1, -1)"
        raise ValueError(
            f"Y has shape {Y.shape} but {other} has shape {AL.shape}: labels must be a row "
            f"(1, m) with one column per example{hint}"
        )
    return Y


def check_positive(name, value):
    """Raise unless ``value`` is a finite real number > 0."""
    if _SKIP.get():
        return
    if isinstance(value, bool) or not isinstance(value, int | float | np.number):
        raise TypeError(f"{name} must be a number, got {type(value).__name__}")
    if not 0 < value < np.inf:
        raise ValueError(f"{name} must be > 0 and finite, got {value}")


def num_layers(parameters, prefix=""):
    """Return L for a dict holding W1, b1, ..., WL, bL (or dW1, db1, ... with prefix "d")."""
    if _SKIP.get():
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
    if _SKIP.get():
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

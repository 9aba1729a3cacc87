"""Input checks that turn a bad array or value into an error in the lecture's terms.

The functions that take a student's arrays (layers, backward steps, model, cost, update,
training, gradient checking, saving) call these, and the network and cache checks of
``shapes.py``, before they compute anything, so a student sees "X has 209 rows but W1
expects 12288 input features" instead of a bare numpy broadcasting error; only the
forward activations g(Z) take any array unchecked.
The checks only read their inputs: valid input gives the same numbers with or without.

``checks_skipped()`` switches them off for arrays that were already checked: from its
second iteration on, ``L_layer_model`` feeds the same X and Y and the package's own
W[l], b[l] back in, and re-checking them every iteration only costs time.
"""

import contextlib
import contextvars

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


def skipping():
    """True inside ``checks_skipped()``."""
    return _SKIP.get()


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

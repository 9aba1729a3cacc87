"""Gradient checking: compare backprop's gradients with centred finite differences.

    dJ/dtheta ~ (J(theta + h) - J(theta - h)) / (2 h)

computed one entry at a time in float64. A relative error below 1e-7 means the
backward pass is right; above 1e-3 means it is wrong.
"""

import numpy as np

from .cost import compute_cost
from .guards import num_layers
from .model import L_model_backward, L_model_forward

THRESHOLD = 1e-7


def numerical_gradient(f, x, h=1e-5, df=None):
    """Centred differences of f at x: (f(x + h e_i) - f(x - h e_i)) / (2h) for every i.

    Parameters
    ----------
    f : callable taking an array shaped like x; returns a number (the cost J), or an
        array when ``df`` is given
    x : ndarray of float64, perturbed in place and restored. It is not copied, so an f
        that reads the same array (a closure over ``parameters``) sees every nudge; an
        integer array is refused, since x[i] + h would round back to x[i].
    h : float, the step
    df : ndarray or None
        The upstream gradient dL/df. With it, the result is the gradient of
        sum(f(x) * df), so one layer's backward can be checked on its own.

    Returns
    -------
    grad : ndarray shaped like x
    """
    if not isinstance(x, np.ndarray) or x.dtype != np.float64:
        kind = f"an array of dtype {x.dtype}" if isinstance(x, np.ndarray) else type(x).__name__
        raise TypeError(
            f"x must be a float64 numpy array (it is nudged in place by +-h), got {kind}; "
            "pass np.array(x, dtype=float) and let f read that array"
        )
    grad = np.zeros_like(x, dtype=float)
    for i in np.ndindex(x.shape):
        original = x[i]
        x[i] = original + h
        f_plus = _value(f, x, df)
        x[i] = original - h
        f_minus = _value(f, x, df)
        x[i] = original
        grad[i] = (f_plus - f_minus) / (2 * h)
    return grad


def _value(f, x, df):
    """f(x) as one number: f(x) itself, or sum(f(x) * df) with an upstream gradient df."""
    value = f(x)
    if df is not None:
        if np.shape(value) != np.shape(df):
            raise ValueError(
                f"f(x) has shape {np.shape(value)} but df has shape {np.shape(df)}: the "
                "upstream gradient df must have the shape of f's output"
            )
        return np.sum(value * df)
    if np.ndim(value) != 0 or not np.issubdtype(np.asarray(value).dtype, np.number):
        got = f"an array of shape {np.shape(value)}" if np.ndim(value) else repr(value)
        raise TypeError(
            f"f(x) must return one number, the cost J, got {got}; for an f that returns "
            "an array, pass its upstream gradient as df"
        )
    return value


def relative_error(a, b):
    """||a - b|| / (||a|| + ||b||), the course's measure; 0.0 when both are zero.

    a and b must have the same shape (a (3, 1) column against a (3,) row would broadcast
    to a (3, 3) difference and give a meaningless number).
    """
    a, b = np.asarray(a, dtype=float), np.asarray(b, dtype=float)
    if a.shape != b.shape:
        raise ValueError(
            f"a has shape {a.shape} but b has shape {b.shape}: compare a gradient with the "
            "numerical gradient of the same array, entry by entry"
        )
    denominator = np.linalg.norm(a) + np.linalg.norm(b)
    return 0.0 if denominator == 0 else float(np.linalg.norm(a - b) / denominator)


def gradient_check(parameters, X, Y, hidden_activation="relu", h=1e-6, grads=None):
    """Relative error between backprop's dW[l], db[l] and numerical ones, per parameter.

    The cost is J = compute_cost(L_model_forward(X, parameters)[0], Y); each entry of
    every W[l] and b[l] is nudged by +-h in a copy of ``parameters``. ``grads`` are the
    gradients to check (e.g. from your own backward); None computes them with
    ``L_model_backward``.

    Returns
    -------
    errors : dict  {"W1": relative error of dW1, "b1": ..., "WL": ..., "bL": ...}
    """
    L = num_layers(parameters)
    if grads is None:
        AL, caches = L_model_forward(X, parameters, hidden_activation)
        grads = L_model_backward(AL, Y, caches, hidden_activation)
    theta = {f"{p}{l}": np.array(parameters[f"{p}{l}"], dtype=float)
             for l in range(1, L + 1) for p in ("W", "b")}

    def cost_at(_):
        return compute_cost(L_model_forward(X, theta, hidden_activation)[0], Y)

    errors = {}
    for l in range(1, L + 1):
        for p in ("W", "b"):
            numerical = numerical_gradient(cost_at, theta[f"{p}{l}"], h)
            errors[f"{p}{l}"] = relative_error(grads[f"d{p}{l}"], numerical)
    return errors

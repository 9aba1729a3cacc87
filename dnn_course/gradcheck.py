"""Gradient checking: compare backprop's gradients with centred finite differences.

    dJ/dtheta ~ (J(theta + h) - J(theta - h)) / (2 h)

computed one entry at a time in float64. A relative error below 1e-7 means the
backward pass is right; above 1e-3 means it is wrong.
"""

import numpy as np

from .cost import compute_cost
from .model import L_model_backward, L_model_forward
from .validation import num_layers

THRESHOLD = 1e-7


def numerical_gradient(f, x, h=1e-5, df=None):
    """Centred differences of f at x: (f(x + h e_i) - f(x - h e_i)) / (2h) for every i.

    Parameters
    ----------
    f : callable taking an array shaped like x; returns a number, or an array when
        ``df`` is given
    x : ndarray (float64); it is perturbed in place and restored
    h : float, the step
    df : ndarray or None
        The upstream gradient dL/df. With it, the result is the gradient of
        sum(f(x) * df), so one layer's backward can be checked on its own.

    Returns
    -------
    grad : ndarray shaped like x
    """
    grad = np.zeros_like(x, dtype=float)
    for i in np.ndindex(x.shape):
        original = x[i]
        x[i] = original + h
        f_plus = f(x)
        x[i] = original - h
        f_minus = f(x)
        x[i] = original
        if df is not None:
            f_plus, f_minus = np.sum(f_plus * df), np.sum(f_minus * df)
        grad[i] = (f_plus - f_minus) / (2 * h)
    return grad


def relative_error(a, b):
    """||a - b|| / (||a|| + ||b||), the course's measure; 0.0 when both are zero."""
    a, b = np.asarray(a, dtype=float), np.asarray(b, dtype=float)
    denominator = np.linalg.norm(a) + np.linalg.norm(b)
    return 0.0 if denominator == 0 else float(np.linalg.norm(a - b) / denominator)


def gradient_check(parameters, X, Y, hidden_activation="relu", h=1e-6):
    """Relative error between backprop's dW[l], db[l] and numerical ones, per parameter.

    The cost is J = compute_cost(L_model_forward(X, parameters)[0], Y); each entry of
    every W[l] and b[l] is nudged by +-h in a copy of ``parameters``.

    Returns
    -------
    errors : dict  {"W1": relative error of dW1, "b1": ..., "WL": ..., "bL": ...}
    """
    L = num_layers(parameters)
    AL, caches = L_model_forward(X, parameters, hidden_activation)
    grads = L_model_backward(AL, Y, caches, hidden_activation)
    theta = {key: np.array(value, dtype=float) for key, value in parameters.items()}

    def cost_at(_):
        return compute_cost(L_model_forward(X, theta, hidden_activation)[0], Y)

    errors = {}
    for l in range(1, L + 1):
        for p in ("W", "b"):
            numerical = numerical_gradient(cost_at, theta[f"{p}{l}"], h)
            errors[f"{p}{l}"] = relative_error(grads[f"d{p}{l}"], numerical)
    return errors

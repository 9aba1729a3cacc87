"""The linear part of a layer: Z[l] = W[l] A[l-1] + b[l], and its backward step."""

from typing import NamedTuple

import numpy as np

from .guards import check_dZ, check_layer, checked_by


class LinearCache(NamedTuple):
    """What the linear forward keeps for backward: dW needs A_prev, dA_prev needs W.

    Unpacks like the course's tuple: ``A_prev, W, b = linear_cache``.
    """

    A_prev: np.ndarray
    W: np.ndarray
    b: np.ndarray


@checked_by(check_layer)
def linear_forward(A_prev, W, b):
    """Z[l] = W[l] A[l-1] + b[l]   (b broadcasts over the m columns).

    A_prev (n[l-1], m) are the previous layer's activations (A[0] = X), W (n[l], n[l-1]),
    b (n[l], 1). Returns Z (n[l], m) and linear_cache = LinearCache(A_prev, W, b).
    """
    Z = np.dot(W, A_prev) + b
    return Z, LinearCache(A_prev, W, b)


@checked_by(check_dZ)
def linear_backward(dZ, linear_cache, compute_dA_prev=True):
    """dW[l] = (1/m) dZ[l] A[l-1]^T,  db[l] = (1/m) sum(dZ[l], axis=1),  dA[l-1] = W[l]^T dZ[l].

    dZ is (n[l], m) and linear_cache the LinearCache(A_prev, W, b) from ``linear_forward``.
    Returns dA_prev (n[l-1], m), dW (n[l], n[l-1]) and db (n[l], 1); with
    ``compute_dA_prev=False`` dA_prev is None, as layer 1 has no use for dA[0].
    """
    A_prev, W, b = linear_cache
    m = A_prev.shape[1]
    dW = (1 / m) * np.dot(dZ, A_prev.T)
    db = (1 / m) * dZ.sum(axis=1, keepdims=True)
    dA_prev = np.dot(W.T, dZ) if compute_dA_prev else None
    return dA_prev, dW, db

"""Known mistakes, computed: what each classic error would output on the same inputs.

A checker compares the student's wrong outputs with these; a match names the mistake.
Every mistake reuses the package's own functions with one thing changed.
"""

import numpy as np

from ..activations import get_activation, relu, sigmoid
from ..cost import dAL
from ..linear import LinearCache, linear_backward
from ..model import LayerCache

TRANSPOSE = "a missing or extra transpose in {0}: the lecture writes {1}."
RECOMPUTED = (
    "Z recomputed instead of taken from the cache: backward must use the Z stored by "
    "forward (linear_cache, Z = cache), not W A_prev + b computed again."
)
HIDDEN_SIGMOID = "sigmoid used in the hidden layers: they are ReLU; only the output is sigmoid."
OUTPUT_RELU = "relu used at the output layer: layer L is sigmoid (AL is a probability)."
SWAPPED = "the activations are swapped: ReLU in the hidden layers, sigmoid at the output."
CACHE_ORDER = ("caches appended in the wrong order: caches[l-1] must be layer l's cache, "
               "appended right after layer l is computed (layer 1 first).")
RELU_AT_ZERO = (
    "relu' is wrong at Z <= 0: relu'(Z) is 1 where Z > 0 and 0 where Z <= 0, so Z = 0 "
    "must give 0 — use dA * (Z > 0), not (Z >= 0)."
)


def products(X, Y):
    """Every product of X or X^T with Y or Y^T, either order, and its transpose."""
    out = []
    for P in (X, X.T):
        for Q in (Y, Y.T):
            for left, right in ((P, Q), (Q, P)):
                if left.shape[1] == right.shape[0]:
                    out += [left @ right, (left @ right).T]
    return out


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


# ---- backward: dZ = dA * g'(Z) --------------------------------------------------------
DZ_MISTAKES = [  # (text, activation it applies to, dZ = f(dA, Z))
    (RELU_AT_ZERO, "relu", lambda dA, Z: dA * (Z >= 0)),
    ("relu' is wrong at Z <= 0: dZ = dA * relu'(Z) is 0 where Z <= 0, but yours passes dA "
     "through unchanged.", "relu", lambda dA, Z: dA),
    ("relu' is wrong: dZ = dA * relu'(Z) needs the derivative (1 where Z > 0, 0 where "
     "Z <= 0), not relu(Z) itself.", "relu", lambda dA, Z: dA * relu(Z)[0]),
    ("relu' is wrong at Z <= 0: the mask must come from the cached Z (0 where Z <= 0), "
     "not from the sign of dA.", "relu", lambda dA, Z: np.maximum(dA, 0)),
    ("sigmoid' is wrong: sigmoid'(Z) = s (1 - s) with s = sigmoid(Z), not s.", "sigmoid",
     lambda dA, Z: dA * sigmoid(Z)[0]),
    ("sigmoid' is wrong: the cache holds Z, not A, so sigmoid'(Z) = s (1 - s) needs "
     "s = sigmoid(Z) first.", "sigmoid", lambda dA, Z: dA * Z * (1 - Z)),
    ("dZ = dA * g'(Z): the factor g'(Z) is missing.", "sigmoid", lambda dA, Z: dA),
    ("relu used where activation='sigmoid': the output layer is sigmoid, so "
     "dZ = dA * s (1 - s).", "sigmoid", lambda dA, Z: get_activation("relu")[1](dA, Z)),
    ("sigmoid used where activation='relu' (in a hidden layer): hidden layers are ReLU, "
     "so dZ = dA * relu'(Z).", "relu", lambda dA, Z: get_activation("sigmoid")[1](dA, Z)),
]


def dZ_mistakes(dA, Z, activation):
    """(text, dZ) for the mistakes that apply to this activation."""
    return [(text, f(dA, Z)) for text, g, f in DZ_MISTAKES if g == activation]


def recomputed(cache):
    """The same cache with Z replaced by W A_prev + b (what a student recomputes)."""
    A_prev, W, b = cache.linear_cache
    return LayerCache(LinearCache(A_prev, W, b), W @ A_prev + b)


# ---- backward: the linear step ----------------------------------------------------------
def _scaled(dA_factor, dW_factor, db_factor):
    def mistake(dZ, linear_cache):
        A_prev, W, _ = linear_cache
        m, n_prev = A_prev.shape[1], A_prev.shape[0]
        dA_prev, dW, db = linear_backward(dZ, linear_cache)
        f = {"1": 1, "m": m, "1/m": 1 / m, "m/n": m / n_prev}
        return dA_prev * f[dA_factor], dW * f[dW_factor], db * f[db_factor]
    return mistake


LINEAR_MISTAKES = [  # (text, (dZ, linear_cache) -> (dA_prev, dW, db))
    ("dW is missing the factor 1/m: dW = (1/m) dZ A_prev^T.", _scaled("1", "m", "1")),
    ("db is missing the factor 1/m: db = (1/m) np.sum(dZ, axis=1, keepdims=True).",
     _scaled("1", "1", "m")),
    ("dW and db are both missing the factor 1/m.", _scaled("1", "m", "m")),
    ("m is the number of examples, A_prev.shape[1] (examples are columns), not "
     "A_prev.shape[0].", _scaled("1", "m/n", "m/n")),
    ("dA_prev = W^T dZ has no 1/m (the 1/m belongs to dW and db only).",
     _scaled("1/m", "1", "1")),
    (TRANSPOSE.format("dW", "dW = (1/m) dZ A_prev^T"), lambda dZ, linear_cache: (
        linear_cache[1].T @ dZ, dZ @ linear_cache[0] / dZ.shape[1], dZ.mean(1, keepdims=True))),
    (TRANSPOSE.format("dA_prev", "dA_prev = W^T dZ"), lambda dZ, linear_cache: (
        linear_cache[1] @ dZ, *linear_backward(dZ, linear_cache)[1:])),
]


def linear_backward_mistakes(dZ, linear_cache):
    """(text, (dA_prev, dW, db)) for the usual ways to get the linear backward wrong."""
    A_prev, W, _ = linear_cache
    m = A_prev.shape[1]
    dA_prev, dW, db = linear_backward(dZ, linear_cache)
    out = []
    for text, f in LINEAR_MISTAKES:
        try:
            out.append((text, f(dZ, linear_cache)))
        except ValueError:  # this mistake cannot happen with these shapes
            continue
    out += [("db must sum over the m examples, axis=1 (one value per unit), not axis=0.",
             (dA_prev, dW, np.sum(dZ, axis=0, keepdims=True) / m)),
            ("db must sum over axis=1 only (one value per unit), not over all of dZ.",
             (dA_prev, dW, np.sum(dZ) / m))]
    out += [(TRANSPOSE.format("dW", "dW = (1/m) dZ A_prev^T"), (dA_prev, P / m, db))
            for P in products(dZ, A_prev)]
    out += [(TRANSPOSE.format("dA_prev", "dA_prev = W^T dZ"), (P, dW, db))
            for P in products(W, dZ)]
    return out


def backward_chain(AL, Y, caches, activations, dA=None, dZ_mistake=None, linear=None):
    """L_model_backward with one thing changed; returns grads (or None if it cannot run).

    ``dA`` replaces dA[L]; ``dZ_mistake`` is ``(activation, f(dA, Z))`` from DZ_MISTAKES;
    ``linear`` replaces linear_backward.
    """
    grads, dA = {}, dAL(AL, Y) if dA is None else dA
    try:
        for l in range(len(caches), 0, -1):
            linear_cache, Z = caches[l - 1]
            g = activations[l - 1]
            if dZ_mistake is not None and dZ_mistake[0] == g:
                dZ = dZ_mistake[1](dA, Z)
            else:
                dZ = get_activation(g)[1](dA, Z)
            dA, grads[f"dW{l}"], grads[f"db{l}"] = (linear or linear_backward)(dZ, linear_cache)
            grads[f"dA{l - 1}"] = dA
    except ValueError:  # this mistake breaks the shapes on these inputs
        return None
    return grads

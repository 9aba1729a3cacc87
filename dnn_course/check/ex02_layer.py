"""Exercise 02, sections 1-2, one layer backward: the checkers of linear_backward and
linear_activation_backward, each beside the known mistakes it recognises.

A known mistake is computed, not described: the outputs the classic error would give on
the same inputs (the package's own functions with one thing changed), with the text
that names it. ``ex02_network.py`` reuses these mistakes inside the whole backward pass.
"""

import numpy as np

from ..activations import get_activation, relu, sigmoid
from ..linear import LinearCache
from ..linear import linear_backward as reference_linear
from ..model import LayerCache
from ..model import linear_activation_backward as reference_activation
from .blame import blame_helper
from .cases import activation_backward_cases, linear_backward_cases
from .mistakes import TRANSPOSE, products
from .runner import Spec, run
from .unpack import as_tuple

NAMES = ("dA_prev", "dW", "db")
RECOMPUTED = (
    "Z recomputed instead of taken from the cache: backward must use the Z stored by "
    "forward (linear_cache, Z = cache), not W A_prev + b computed again."
)


# ---- linear_backward: dW = (1/m) dZ A_prev^T, db = (1/m) sum(dZ), dA_prev = W^T dZ ----
def _scaled(dA_factor, dW_factor, db_factor):
    def mistake(dZ, linear_cache):
        A_prev, W, _ = linear_cache
        m, n_prev = A_prev.shape[1], A_prev.shape[0]
        dA_prev, dW, db = reference_linear(dZ, linear_cache)
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
        linear_cache[1] @ dZ, *reference_linear(dZ, linear_cache)[1:])),
]


def linear_backward_mistakes(dZ, linear_cache):
    """(text, (dA_prev, dW, db)) for the usual ways to get the linear backward wrong."""
    A_prev, W, _ = linear_cache
    m = A_prev.shape[1]
    dA_prev, dW, db = reference_linear(dZ, linear_cache)
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


def _outputs(values):
    return dict(zip(NAMES, values, strict=True))


def _unpack_three(name):
    def unpack(returned, expected):
        return _outputs(as_tuple(returned, 3, name, "(dA_prev, dW, db)")), []
    return unpack


def linear_backward(student):
    """Check ``linear_backward(dZ, linear_cache) -> (dA_prev, dW, db)``."""
    return run(Spec("linear_backward", ("dZ", "linear_cache"), linear_backward_cases(),
                    lambda dZ, cache: _outputs(reference_linear(dZ, cache)),
                    _unpack_three("linear_backward"),
                    lambda dZ, cache: [(t, _outputs(v))
                                       for t, v in linear_backward_mistakes(dZ, cache)]), student)


# ---- linear_activation_backward: dZ = dA * g'(Z), then the linear step ---------------
DZ_MISTAKES = [  # (text, activation it applies to, dZ = f(dA, Z))
    ("relu' is wrong at Z <= 0: relu'(Z) is 1 where Z > 0 and 0 where Z <= 0, so Z = 0 "
     "must give 0 — use dA * (Z > 0), not (Z >= 0).", "relu", lambda dA, Z: dA * (Z >= 0)),
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


def _activation_mistakes(dA, cache, activation):
    """One mistake in dZ, or one in the linear step, or one of each."""
    linear_cache, Z = cache
    g_backward = get_activation(activation)[1]
    Z_again = recomputed(cache).activation_cache
    dZ_variants = [(None, g_backward(dA, Z)), (RECOMPUTED, g_backward(dA, Z_again))]
    dZ_variants += dZ_mistakes(dA, Z, activation)
    dZ_variants += [(f"{RECOMPUTED} Also: {text}", dZ)
                    for text, dZ in dZ_mistakes(dA, Z_again, activation)]
    out = []
    for dZ_text, dZ in dZ_variants:
        if dZ_text is not None:
            out.append((dZ_text, _outputs(reference_linear(dZ, linear_cache))))
        for text, values in linear_backward_mistakes(dZ, linear_cache):
            out.append((f"{dZ_text} Also: {text}" if dZ_text else text, _outputs(values)))
    return out


def linear_activation_backward(student):
    """Check ``linear_activation_backward(dA, cache, activation) -> (dA_prev, dW, db)``."""
    result = run(Spec("linear_activation_backward", ("dA", "cache", "activation"),
                      activation_backward_cases(),
                      lambda *args: _outputs(reference_activation(*args)),
                      _unpack_three("linear_activation_backward"), _activation_mistakes,
                      mutation_text="{names} changed in place: dZ = dA makes dZ the same "
                      "array as dA, so changing dZ changes the caller's dA; start from a "
                      "copy: dZ = np.array(dA, copy=True)"),
                 student)
    return blame_helper(result, student, ("linear_backward", linear_backward))

"""The inputs every checker feeds to a student's function.

All cases have non-zero biases and m > 1 examples. One case of each layer checker is square
(n[l] = n[l-1] = m), so that a missing or extra transpose gives wrong numbers instead of a
shape error and can be named. Backward caches hold a Z that is NOT W A_prev + b (and has
exact zeros and negatives), so a Z recomputed instead of taken from the cache, or a
relu' that is wrong at Z <= 0, changes the answer.
"""

import numpy as np

from ..activations import get_activation
from ..linear import LinearCache, linear_forward
from ..model import LayerCache

SEED = 20261125
SHAPES = [(3, 4, 5), (1, 3, 2), (3, 3, 3)]  # (n[l], n[l-1], m)
DEPTHS = [[5, 4, 3, 1], [3, 2, 1], [4, 4, 4, 1], [2, 5, 3, 4, 1]]  # layer_dims


def _layer(rng, n, n_prev, m):
    A_prev = rng.normal(size=(n_prev, m))
    W = rng.normal(size=(n, n_prev)) / np.sqrt(n_prev)
    b = rng.normal(size=(n, 1)) * 0.5
    return A_prev, W, b


def _parameters(rng, layer_dims):
    parameters = {}
    for l in range(1, len(layer_dims)):
        n, n_prev = layer_dims[l], layer_dims[l - 1]
        _, parameters[f"W{l}"], parameters[f"b{l}"] = _layer(rng, n, n_prev, 1)
    return parameters


def _label(n, n_prev, m):
    return f"n[l] = {n}, n[l-1] = {n_prev}, m = {m}"


def linear_cases():
    """(label, (A_prev, W, b)) for linear_forward."""
    rng = np.random.default_rng(SEED)
    return [(_label(*s), _layer(rng, *s)) for s in SHAPES]


def activation_cases():
    """(label, (A_prev, W, b, activation)) for linear_activation_forward."""
    rng = np.random.default_rng(SEED + 1)
    return [
        (f"activation = {g!r}, {_label(*s)}", (*_layer(rng, *s), g))
        for g in ("relu", "sigmoid") for s in SHAPES
    ]


def model_cases():
    """(label, (X, parameters)) for L_model_forward: several depths, one all-square chain."""
    rng = np.random.default_rng(SEED + 2)
    return [
        (f"layer_dims = {dims}, L = {len(dims) - 1}, m = 4",
         (rng.normal(size=(dims[0], 4)), _parameters(rng, dims)))
        for dims in DEPTHS
    ]


def cost_cases():
    """(label, (AL, Y)) for compute_cost."""
    rng = np.random.default_rng(SEED + 3)
    cases = []
    for m in (4, 5, 7):
        AL = rng.uniform(0.05, 0.95, size=(1, m))
        Y = (np.arange(m) % 2).reshape(1, m).astype(float)
        cases.append((f"m = {m}", (AL, Y)))
    return cases


def stored_cache(rng, A_prev, W, b, activation):
    """A LayerCache whose Z differs from W A_prev + b and has exact zeros and negatives."""
    Z = linear_forward(A_prev, W, b)[0] + rng.normal(size=(W.shape[0], A_prev.shape[1]))
    Z.flat[0::3] = np.abs(Z.flat[0::3]) + 0.1
    Z.flat[1::3] = 0.0
    Z.flat[2::3] = -np.abs(Z.flat[2::3]) - 0.1
    A, _ = get_activation(activation)[0](Z)
    return A, LayerCache(LinearCache(A_prev, W, b), Z)


def linear_backward_cases():
    """(label, (dZ, linear_cache)) for linear_backward."""
    rng = np.random.default_rng(SEED + 4)
    cases = []
    for n, n_prev, m in SHAPES:
        A_prev, W, b = _layer(rng, n, n_prev, m)
        cases.append((_label(n, n_prev, m), (rng.normal(size=(n, m)), LinearCache(A_prev, W, b))))
    return cases


def activation_backward_cases():
    """(label, (dA, cache, activation)) for linear_activation_backward."""
    rng = np.random.default_rng(SEED + 5)
    cases = []
    for g in ("relu", "sigmoid"):
        for n, n_prev, m in SHAPES:
            _, cache = stored_cache(rng, *_layer(rng, n, n_prev, m), g)
            cases.append((f"activation = {g!r}, {_label(n, n_prev, m)}, Z with zeros",
                          (rng.normal(size=(n, m)), cache, g)))
    return cases


def model_backward_cases():
    """(label, (AL, Y, caches)) for L_model_backward: ReLU hidden layers, sigmoid output."""
    rng = np.random.default_rng(SEED + 6)
    cases = []
    for dims in DEPTHS:
        L, m = len(dims) - 1, 4
        A, parameters, caches = rng.normal(size=(dims[0], m)), _parameters(rng, dims), []
        for l in range(1, L + 1):
            g = "sigmoid" if l == L else "relu"
            A, cache = stored_cache(rng, A, parameters[f"W{l}"], parameters[f"b{l}"], g)
            caches.append(cache)
        Y = (np.arange(m) % 2).reshape(1, m).astype(float)
        cases.append((f"layer_dims = {dims}, L = {L}, m = {m}", (A, Y, caches)))
    return cases


def update_cases():
    """(label, (parameters, grads, learning_rate)) for update_parameters."""
    rng = np.random.default_rng(SEED + 7)
    cases = []
    for dims, alpha in (([3, 2, 1], 0.1), ([4, 3, 2, 1], 0.05)):
        parameters = _parameters(rng, dims)
        grads = {f"d{k}": rng.normal(size=v.shape) for k, v in parameters.items()}
        grads.update({f"dA{l}": rng.normal(size=(dims[l], 2)) for l in range(len(dims) - 1)})
        cases.append((f"layer_dims = {dims}, learning_rate = {alpha}", (parameters, grads, alpha)))
    return cases


def two_layer_sizes():
    """(label, (n_x, n_h, n_y)) for initialize_parameters; the first is the course's."""
    return [(f"n_x, n_h, n_y = {sizes}", sizes) for sizes in ((3, 2, 1), (5, 4, 1), (2, 3, 2))]


def deep_sizes():
    """(label, (layer_dims,)) for initialize_parameters_deep; the first is the course's."""
    return [(f"layer_dims = {dims}", (dims,)) for dims in ([5, 4, 3], [4, 5, 3, 1],
                                                           [2, 6, 6, 4, 1])]


def training_cases(deep):
    """(label, (X, Y, layers_dims, learning_rate, num_iterations)) for the training loops:
    one run long enough to record 3 costs, one of a single iteration (a b updated with dW
    still gives arrays to compare), one that records 2."""
    X = np.random.default_rng(SEED + 8).normal(size=(4, 10))
    Y = np.array([[1, 1, 1, 1, 0, 0, 0, 1, 1, 0]])
    dims = ([4, 5, 3, 1], [4, 3, 1], [4, 6, 4, 2, 1]) if deep else ([4, 5, 1], [4, 3, 1],
                                                                    [4, 7, 1])
    return [(f"layers_dims = {d}, learning_rate = {alpha}, num_iterations = {n}",
             (X, Y, d, alpha, n))
            for d, alpha, n in zip(dims, (0.1, 0.5, 0.3), (201, 1, 101), strict=True)]

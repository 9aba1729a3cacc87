"""One layer LINEAR -> ACTIVATION, and the L-layer chain X -> ... -> AL and back.

The default network is the lecture's: ReLU in every hidden layer, sigmoid at the
output. ``caches[l-1]`` is layer l's cache; grads use the keys dA0..dA{L-1},
dW1..dWL, db1..dbL, where dA{l} is the gradient with respect to A[l].
"""

from typing import NamedTuple

import numpy as np

from .activations import ACTIVATIONS
from .cost import dAL
from .guards import (
    check_activation_layer,
    check_caches,
    check_hidden_activation,
    check_layer_activations,
    check_layer_backward,
    check_network,
    checked_by,
)
from .linear import LinearCache, linear_backward, linear_forward


class LayerCache(NamedTuple):
    """Layer l's cache: the linear cache (A_prev, W, b) and the activation cache Z.

    Unpacks like the course's tuple: ``linear_cache, activation_cache = cache``.
    """

    linear_cache: LinearCache
    activation_cache: np.ndarray


@checked_by(check_activation_layer, choices=ACTIVATIONS)
def linear_activation_forward(A_prev, W, b, activation):
    """Z[l] = W[l] A[l-1] + b[l],  A[l] = g[l](Z[l]).

    Returns A (n[l], m) and cache = LayerCache(linear_cache=(A_prev, W, b), activation_cache=Z).
    """
    g, _ = ACTIVATIONS[activation]
    Z, linear_cache = linear_forward.unchecked(A_prev, W, b)
    A, activation_cache = g(Z)
    return A, LayerCache(linear_cache, activation_cache)


@checked_by(check_layer_backward, choices=ACTIVATIONS)
def linear_activation_backward(dA, cache, activation, compute_dA_prev=True):
    """dZ[l] = dA[l] * g[l]'(Z[l]), then the linear backward gives dA[l-1], dW[l], db[l].

    dA is (n[l], m), cache the LayerCache from ``linear_activation_forward`` and activation
    the name given to it (the cache does not hold it). Returns (dA_prev, dW, db) as
    ``linear_backward`` does.
    """
    _, g_backward = ACTIVATIONS[activation]
    linear_cache, activation_cache = cache
    dZ = g_backward.unchecked(dA, activation_cache)
    return linear_backward.unchecked(dZ, linear_cache, compute_dA_prev)


def hidden_activations(hidden_activation, L):
    """[g[1], ..., g[L-1]]: one name for every hidden layer, or one name per hidden layer."""
    return check_hidden_activation(hidden_activation, L, ACTIVATIONS)


@checked_by(check_layer_activations, choices=ACTIVATIONS)
def layer_activations(hidden_activation, L):
    """[g[1], ..., g[L]]: the hidden activations (one name, or one per hidden layer), then
    sigmoid at the output layer L."""
    if isinstance(hidden_activation, str):
        return [hidden_activation] * (L - 1) + ["sigmoid"]
    return [*hidden_activation, "sigmoid"]


@checked_by(check_network, choices=ACTIVATIONS)
def L_model_forward(X, parameters, hidden_activation="relu"):
    """A[0] = X;  A[l] = g[l](W[l] A[l-1] + b[l]) for l = 1..L;  the output g[L] is sigmoid.

    X is (n_x, m), one column per example; parameters holds W1, b1, ..., WL, bL;
    hidden_activation is one name for layers 1..L-1, or one per layer. The caches do not
    record it: pass the same one to ``L_model_backward``. Returns AL (1, m), the predictions
    y-hat, and caches, a list of L LayerCache: caches[l-1] belongs to layer l.
    """
    L = len(parameters) // 2
    return forward_layers(X, parameters, layer_activations.unchecked(hidden_activation, L))


def forward_layers(X, parameters, activations, layer=linear_activation_forward.unchecked):
    """A[0] = X, then A[l], caches[l-1] = layer(A[l-1], W[l], b[l], g[l]) for l = 1..L.

    The lecture's forward loop, for ``L_model_forward`` and for the exercise checks, which
    pass a ``layer`` with a student's mistake in it.
    """
    A, caches = X, []
    for l, g in enumerate(activations, start=1):
        A, cache = layer(A, parameters[f"W{l}"], parameters[f"b{l}"], g)
        caches.append(cache)
    return A, caches


@checked_by(check_caches, choices=ACTIVATIONS)
def L_model_backward(AL, Y, caches, hidden_activation="relu", compute_dA0=True):
    """Backward from dA[L] = -(Y/AL) + (1-Y)/(1-AL) through layers L, L-1, ..., 1.

    For each layer: dZ[l] = dA[l] * g[l]'(Z[l]), dW[l] = (1/m) dZ[l] A[l-1]^T,
    db[l] = (1/m) sum(dZ[l], axis=1), dA[l-1] = W[l]^T dZ[l].

    AL (1, m) and caches come from ``L_model_forward``, Y (1, m) holds the 0/1 labels.
    Pass the same hidden_activation as to ``L_model_forward``: the caches hold Z but not
    which g made A from it, so another name here gives wrong gradients silently.
    ``compute_dA0=False`` skips dA0 = W[1]^T dZ[1] (the lecture: "we won't use it"), a
    whole matrix product that training saves. Returns grads, a dict with dA0 .. dA{L-1},
    dW1 .. dWL, db1 .. dbL.
    """
    L = len(caches)
    dA = dAL.unchecked(AL, Y)
    return backward_layers(dA, caches, layer_activations.unchecked(hidden_activation, L),
                           compute_dA0)


def backward_layers(dA, caches, activations, compute_dA0=True,
                    layer=linear_activation_backward.unchecked):
    """From dA = dA[L], for l = L, ..., 1: dA[l-1], dW[l], db[l] = layer(dA[l], caches[l-1], g[l]).

    The lecture's backward loop, for ``L_model_backward``, the exercise checks (which pass
    a ``layer`` with a student's mistake in it) and the explorer's step-through. Returns
    grads with dA0 .. dA{L-1} (dA0 only if ``compute_dA0``), dW1 .. dWL, db1 .. dbL.
    """
    grads = {}
    for l in range(len(caches), 0, -1):
        dA, grads[f"dW{l}"], grads[f"db{l}"] = layer(
            dA, caches[l - 1], activations[l - 1], compute_dA_prev=l > 1 or compute_dA0
        )
        if dA is not None:
            grads[f"dA{l - 1}"] = dA
    return grads

"""One layer LINEAR -> ACTIVATION, and the L-layer chain X -> ... -> AL and back.

The default network is the lecture's: ReLU in every hidden layer, sigmoid at the
output. ``caches[l-1]`` is layer l's cache; grads use the keys dA0..dA{L-1},
dW1..dWL, db1..dbL, where dA{l} is the gradient with respect to A[l].
"""

from typing import NamedTuple

import numpy as np

from .activations import ACTIVATIONS, get_activation
from .cost import dAL
from .linear import LinearCache, linear_backward, linear_forward
from .shapes import check_cache, check_network
from .validation import as_matrix, check_finite


class LayerCache(NamedTuple):
    """Layer l's cache: the linear cache (A_prev, W, b) and the activation cache Z.

    Unpacks like the course's tuple: ``linear_cache, activation_cache = cache``.
    """

    linear_cache: LinearCache
    activation_cache: np.ndarray


def linear_activation_forward(A_prev, W, b, activation):
    """Z[l] = W[l] A[l-1] + b[l],  A[l] = g[l](Z[l]).

    Returns
    -------
    A : ndarray, (n[l], m)
    cache : LayerCache(linear_cache=(A_prev, W, b), activation_cache=Z)
    """
    g, _ = get_activation(activation)
    Z, linear_cache = linear_forward(A_prev, W, b)
    A, activation_cache = g(Z)
    return A, LayerCache(linear_cache, activation_cache)


def linear_activation_backward(dA, cache, activation, compute_dA_prev=True):
    """dZ[l] = dA[l] * g[l]'(Z[l]), then the linear backward gives dA[l-1], dW[l], db[l].

    Parameters
    ----------
    dA : ndarray, (n[l], m)
    cache : LayerCache (linear_cache, activation_cache) from ``linear_activation_forward``
    activation : the name given to ``linear_activation_forward`` (the cache does not hold it)

    Returns
    -------
    dA_prev : ndarray (n[l-1], m), or None when ``compute_dA_prev`` is False
    dW : ndarray (n[l], n[l-1])
    db : ndarray (n[l], 1)
    """
    _, g_backward = get_activation(activation)
    check_cache("cache", cache, LayerCache._fields, "linear_activation_forward")
    linear_cache, activation_cache = cache
    dZ = g_backward(dA, activation_cache)
    return linear_backward(dZ, linear_cache, compute_dA_prev)


def hidden_activations(hidden_activation, L):
    """The activation names of layers 1..L-1: one name for all, or one name per layer."""
    if isinstance(hidden_activation, str):
        names = [hidden_activation] * (L - 1)
    elif isinstance(hidden_activation, list | tuple):
        names = list(hidden_activation)
        if len(names) != L - 1:
            raise ValueError(
                f"hidden_activation lists {len(names)} names but this network has "
                f"L - 1 = {L - 1} hidden layers: give one name, or one per hidden layer"
            )
    else:
        raise TypeError(
            f"hidden_activation must be one name ({', '.join(map(repr, ACTIVATIONS))}) or a "
            f"list of L - 1 = {L - 1} names, one per hidden layer; got {hidden_activation!r}"
        )
    for name in names:
        get_activation(name)
    return names


def L_model_forward(X, parameters, hidden_activation="relu"):
    """A[0] = X;  A[l] = g[l](W[l] A[l-1] + b[l]) for l = 1..L;  the output g[L] is sigmoid.

    Parameters
    ----------
    X : ndarray, (n_x, m)   one column per example
    parameters : dict with W1, b1, ..., WL, bL
    hidden_activation : str or list of str   for layers 1..L-1
        The caches do not record it: pass the same one to ``L_model_backward``.

    Returns
    -------
    AL : ndarray, (1, m)    the predictions y-hat
    caches : list of L LayerCache; caches[l-1] belongs to layer l
    """
    X = as_matrix("X", X, "(n_x, m)")
    check_finite("X", X)
    L = check_network(X, parameters)
    activations = hidden_activations(hidden_activation, L) + ["sigmoid"]
    caches = []
    A = X
    for l in range(1, L + 1):
        A, cache = linear_activation_forward(
            A, parameters[f"W{l}"], parameters[f"b{l}"], activations[l - 1]
        )
        caches.append(cache)
    return A, caches


def L_model_backward(AL, Y, caches, hidden_activation="relu", compute_dA0=True):
    """Backward from dA[L] = -(Y/AL) + (1-Y)/(1-AL) through layers L, L-1, ..., 1.

    For each layer: dZ[l] = dA[l] * g[l]'(Z[l]), dW[l] = (1/m) dZ[l] A[l-1]^T,
    db[l] = (1/m) sum(dZ[l], axis=1), dA[l-1] = W[l]^T dZ[l].

    Parameters
    ----------
    AL : ndarray, (1, m)    from ``L_model_forward``
    Y : ndarray, (1, m)     0/1 labels
    caches : list of LayerCache from ``L_model_forward``
    hidden_activation : str or list of str
        Pass the same hidden_activation as to ``L_model_forward``: the caches hold Z but
        not which g made A from it, so another name here gives wrong gradients silently.
    compute_dA0 : bool
        False skips dA0 = W[1]^T dZ[1] (the lecture: "we won't use it"), which saves
        a whole matrix product in layer 1; training uses that.

    Returns
    -------
    grads : dict with dA0 .. dA{L-1}, dW1 .. dWL, db1 .. dbL
    """
    AL = as_matrix("AL", AL, "(1, m)")
    L = len(caches) if isinstance(caches, list | tuple) else 0
    if L == 0 or np.shape(caches[-1][1]) != AL.shape:
        raise ValueError("caches must be the list returned by L_model_forward with this AL")
    activations = hidden_activations(hidden_activation, L) + ["sigmoid"]
    grads = {}
    dA = dAL(AL, Y)
    for l in range(L, 0, -1):
        dA_prev, grads[f"dW{l}"], grads[f"db{l}"] = linear_activation_backward(
            dA, caches[l - 1], activations[l - 1], compute_dA_prev=l > 1 or compute_dA0
        )
        if dA_prev is not None:
            grads[f"dA{l - 1}"] = dA_prev
        dA = dA_prev
    return grads

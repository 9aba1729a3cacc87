"""Small networks for tests: non-zero biases, non-symmetric values, Z away from 0.

Zero biases can hide a broken db or a broken broadcast, so every network here has
them non-zero; ReLU checks keep Z away from the kink so finite differences are exact.
"""

import numpy as np

import dnn_course as dc


def make_network(layer_dims, m=5, seed=0):
    """X (n_x, m), 0/1 labels Y (1, m), and parameters with non-zero biases."""
    rng = np.random.default_rng(seed)
    parameters = dc.initialize_parameters_deep(layer_dims, rng=rng, scale=0.8)
    for l in range(1, len(layer_dims)):
        parameters[f"b{l}"] = rng.uniform(-0.5, 0.5, (layer_dims[l], 1))
    X = rng.standard_normal((layer_dims[0], m))
    Y = (np.arange(m) % 2).reshape(1, m).astype(float)
    return X, Y, parameters


def away_from_kink(X, parameters, hidden_activation="relu", margin=1e-3):
    """True when no pre-activation Z[l] lies within ``margin`` of 0 (the ReLU kink)."""
    _, caches = dc.L_model_forward(X, parameters, hidden_activation)
    return all(np.abs(cache.activation_cache).min() > margin for cache in caches)

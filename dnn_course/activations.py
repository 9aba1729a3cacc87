"""Activation functions g(Z) and their backward steps dZ = dA * g'(Z).

Each forward ``g(Z) -> (A, activation_cache)`` caches Z, (n[l], m), and each backward
``g_backward(dA, activation_cache) -> dZ`` computes g'(Z) from that cached Z (checked by
``guards.check_dA``; ``g_backward.unchecked`` is the equation alone). ``ACTIVATIONS`` maps a
name to its pair, so adding an activation touches one place.
"""

import numpy as np

from .guards import check_choice, check_dA, checked_by

LEAKY_SLOPE = 0.01


def sigmoid(Z):
    """A = sigmoid(Z) = 1 / (1 + exp(-Z)), element-wise, values in [0, 1]; the cache is Z."""
    with np.errstate(over="ignore"):  # exp(-Z) = inf for Z < -709, and 1/(1+inf) = 0
        A = 1 / (1 + np.exp(-Z))
    return A, Z


@checked_by(check_dA)
def sigmoid_backward(dA, activation_cache):
    """dZ = dA * g'(Z) with g'(Z) = s (1 - s), s = sigmoid(Z)."""
    Z = activation_cache
    s, _ = sigmoid(Z)
    dZ = dA * s * (1 - s)
    return dZ


def relu(Z):
    """A = relu(Z) = max(0, Z), element-wise; the cache is Z."""
    A = np.maximum(Z, 0)
    return A, Z


@checked_by(check_dA)
def relu_backward(dA, activation_cache):
    """dZ = dA * g'(Z) with g'(Z) = 1 where Z > 0 and 0 where Z <= 0."""
    Z = activation_cache
    dZ = dA * (Z > 0)
    return dZ


def tanh(Z):
    """A = tanh(Z), element-wise; the cache is Z."""
    A = np.tanh(Z)
    return A, Z


@checked_by(check_dA)
def tanh_backward(dA, activation_cache):
    """dZ = dA * g'(Z) with g'(Z) = 1 - tanh(Z)^2."""
    Z = activation_cache
    dZ = dA * (1 - np.tanh(Z) ** 2)
    return dZ


def leaky_relu(Z):
    """A = max(0.01 Z, Z), element-wise; the cache is Z."""
    A = np.where(Z > 0, Z, LEAKY_SLOPE * Z)
    return A, Z


@checked_by(check_dA)
def leaky_relu_backward(dA, activation_cache):
    """dZ = dA * g'(Z) with g'(Z) = 1 where Z > 0 and 0.01 where Z <= 0."""
    Z = activation_cache
    dZ = dA * np.where(Z > 0, 1.0, LEAKY_SLOPE)
    return dZ


ACTIVATIONS = {
    "relu": (relu, relu_backward),
    "sigmoid": (sigmoid, sigmoid_backward),
    "tanh": (tanh, tanh_backward),
    "leaky_relu": (leaky_relu, leaky_relu_backward),
}


def get_activation(name):
    """Return the ``(forward, backward)`` pair registered under ``name``."""
    check_choice("activation", name, ACTIVATIONS)
    return ACTIVATIONS[name]

"""Gradient descent on the L-layer model: forward, cost, backward, update, repeated."""

import functools
from typing import NamedTuple

import numpy as np

from .activations import ACTIVATIONS
from .compat import RecordedCost
from .cost import compute_cost
from .divergence import Watch
from .guards import (
    check_layer_dims,
    check_predictions,
    check_step,
    check_training,
    checked_by,
)
from .initialization import initialize_parameters, initialize_parameters_deep
from .model import L_model_backward, L_model_forward
from .update import update_parameters

PROGRESS_FROM = 1000  # iterations; shorter runs finish before a bar would help


class Step(NamedTuple):
    """One iteration of gradient descent: its A[L] and caches, J, grads, and the new W, b."""

    AL: np.ndarray
    caches: list
    cost: float
    grads: dict
    parameters: dict


@checked_by(check_step, choices=ACTIVATIONS)
def gradient_step(X, Y, parameters, learning_rate, hidden_activation="relu", on_forward=None):
    """AL, caches = forward(X);  J = cost(AL, Y);  grads = backward(AL, Y, caches) without
    dA0;  W[l], b[l] := W[l], b[l] - learning_rate * (dW[l], db[l]).  Returns a Step.

    ``gradient_step.unchecked`` skips the input checks, for inputs a checked step already
    read: the same X and Y, and the parameters the last step returned. ``on_forward(AL,
    caches)``, if given, runs before the cost (a training run stops there when A[L] is inf
    or NaN). A caller that checks for inf and NaN itself, as training does, runs the step and
    its check under one ``np.errstate(over="ignore", invalid="ignore")``.
    """
    AL, caches = L_model_forward.unchecked(X, parameters, hidden_activation)
    if on_forward is not None:
        on_forward(AL, caches)
    cost = float(compute_cost.unchecked(AL, Y))
    grads = L_model_backward.unchecked(AL, Y, caches, hidden_activation, compute_dA0=False)
    return Step(AL, caches, cost, grads,
                update_parameters.unchecked(parameters, grads, learning_rate))


def L_layer_model(X, Y, layers_dims, learning_rate=0.0075, num_iterations=3000, print_cost=False,
                  hidden_activation="relu", scale="xavier", rng=None, parameters=None,
                  callback=None, callback_every=100, progress=None):
    """Train [LINEAR -> g]*(L-1) -> LINEAR -> SIGMOID by gradient descent.

    Each iteration: AL, caches = forward(X);  J = cost(AL, Y);
    grads = backward(AL, Y, caches) without dA0;  W, b -= learning_rate * (dW, db).

    X is (n_x, m), Y (1, m) of 0/1, layers_dims [n_x, n[1], ..., 1]. print_cost prints J
    every 100 iterations and at the last one; hidden_activation is one name, or one per
    hidden layer. scale and rng go to ``initialize_parameters_deep`` unless ``parameters``
    are given to continue training; with ``rng=None``, ``np.random.seed(1)`` before the call
    gives the course's numbers. ``callback(i, cost, parameters, grads)`` runs every
    ``callback_every`` iterations and at the last one (e.g. a live plot): cost and grads are
    iteration i's, computed before its update; parameters are the ones after it.
    ``progress`` shows a progress bar; None shows one for runs of 1000+ iterations.

    Raises ``divergence.DivergedError`` (a ValueError naming the iteration and the learning
    rate, holding the last finite parameters) when W[l] or A[L] become inf or NaN, and warns
    when J stays far above its start. Returns the trained parameters and costs, J at
    iterations 0, 100, 200, ..., each a 0-d array as in the course (``RecordedCost``).
    """
    X, Y, layers_dims, parameters = check_training(
        X, Y, layers_dims, learning_rate, num_iterations, hidden_activation, parameters,
        callback_every, choices=ACTIVATIONS)
    if parameters is None:
        parameters = initialize_parameters_deep(layers_dims, rng=rng, scale=scale)
    from tqdm.auto import tqdm  # here, not at import: the explorer never shows a progress bar

    show = num_iterations >= PROGRESS_FROM if progress is None else progress
    costs, watch = [], Watch(X, learning_rate)
    for i in tqdm(range(num_iterations), disable=not show, desc="training"):
        # X, Y and the parameters were checked above, so the step runs unchecked; an inf
        # or NaN A[L] or W, b stops, named (not warned about); J far above its start warns.
        with np.errstate(over="ignore", invalid="ignore"):
            step = gradient_step.unchecked(X, Y, parameters, learning_rate, hidden_activation,
                                           functools.partial(watch.forward, i,
                                                             parameters=parameters, costs=costs))
            watch.update(i, step.cost, step.parameters, parameters, costs)
        cost, grads = step.cost, step.grads
        parameters = step.parameters
        last = i == num_iterations - 1
        if i % 100 == 0:
            costs.append(RecordedCost(cost))
        if print_cost and (i % 100 == 0 or last):
            print(f"Cost after iteration {i}: {cost:.6f}")
        if callback is not None and (i % callback_every == 0 or last):
            callback(i, cost, parameters, grads)
    return parameters, costs


def two_layer_model(X, Y, layers_dims, learning_rate=0.0075, num_iterations=3000,
                    print_cost=False, rng=None):
    """The course's 2-layer model: LINEAR -> RELU -> LINEAR -> SIGMOID, trained as above.

    layers_dims = (n_x, n_h, n_y); the parameters start from
    ``initialize_parameters(n_x, n_h, n_y)`` (0.01 randn), then ``L_layer_model`` runs the
    same loop. With ``rng=None``, ``np.random.seed(1)`` before the call gives the course's
    numbers. Returns (parameters, costs) like ``L_layer_model``.
    """
    layers_dims = check_layer_dims(layers_dims, two_layer=True)
    parameters = initialize_parameters(*layers_dims, rng=rng)
    return L_layer_model(X, Y, layers_dims, learning_rate, num_iterations, print_cost,
                         parameters=parameters)


def predict(X, parameters, hidden_activation="relu", threshold=0.5):
    """y-hat = 1 where AL > threshold, else 0; returns an int array of shape (1, m)."""
    AL, _ = L_model_forward(X, parameters, hidden_activation)
    return (AL > threshold).astype(int)


def accuracy(predictions, Y):
    """The fraction of examples where the prediction equals the label, as a float.

    predictions and Y are (1, m) rows of 0/1 (True/False count as 1/0); predictions come
    from ``predict``, not the probabilities AL.
    """
    predictions, Y = check_predictions(predictions, Y)
    return float(np.mean(predictions == Y))

"""Exercise 03, initialization and the training loop: the checkers of initialize_parameters,
initialize_parameters_deep, two_layer_model and L_layer_model, each beside the known
mistakes it recognises.

Like the course's, these functions draw W[l] from NumPy's global generator, so every case
starts from ``np.random.seed(SEED)`` (``Spec.seed``), and each known mistake is the same
computation with one thing changed, run from the same seed.
"""

import numpy as np

from ..cost import compute_cost
from ..model import L_model_backward, L_model_forward
from . import cases
from .blame import blame_helper
from .runner import Spec, WrongReturnError, run
from .unpack import kind, parameters_dict

SEED = 3
SCALE = 0.01  # the std of every W[l], as in the course's step-by-step exercise
SYMMETRY = ("W[l] is all zeros: every unit of a layer then computes the same Z and gets the "
            "same gradient, so they stay identical forever (symmetry) — draw W[l] with "
            "np.random.randn; only b[l] starts at zero.")
BIASES = "b[l] must start at zero, np.zeros((n[l], 1)): only W[l] is drawn at random."
INNER_SEEDS = (0, 1, 2, 42)  # 1 and 2 are the seeds the course's own functions set inside


def seeded_inside(seed):
    """The mistake of calling np.random.seed(seed) inside the function."""
    return (f"your function calls np.random.seed({seed}) itself (the course's versions do): "
            "here the caller seeds the generator (the check calls np.random.seed(3) before "
            "each call) and your seed replaces it, so other numbers come out. Remove the "
            "np.random.seed line from the function.")


# ---- initialization: W[l] = scale * randn(n[l], n[l-1]) in layer order, b[l] = 0 ----------
def drawn(layer_dims, scale=lambda n_prev: SCALE, order=None, transposed=False, biases=None,
          zero_weights=False):
    """W[l] = scale(n[l-1]) randn(n[l], n[l-1]), b[l] = 0, drawn from the global generator
    in ``order`` (default 1..L); the other arguments are the known mistakes: W drawn as
    (n[l-1], n[l]) then transposed, biases ``biases(n)`` drawn in the same loop, zero W."""
    L = len(layer_dims) - 1
    parameters = {}
    for l in order or range(1, L + 1):
        n, n_prev = layer_dims[l], layer_dims[l - 1]
        if zero_weights:
            W = np.zeros((n, n_prev))
        elif transposed:
            W = np.random.randn(n_prev, n).T * scale(n_prev)
        else:
            W = np.random.randn(n, n_prev) * scale(n_prev)
        b = np.zeros((n, 1)) if biases is None else biases(n)
        parameters[f"W{l}"], parameters[f"b{l}"] = W, b
    return {k: parameters[k] for l in range(1, L + 1) for k in (f"W{l}", f"b{l}")}


WRONG_SCALES = [  # (text, the std of W[l] from n[l-1])
    ("W[l] has no scale: multiply np.random.randn(...) by 0.01.", lambda n_prev: 1.0),
    ("the scale is 0.01: yours is 10 times too large.", lambda n_prev: 0.1),
    ("the scale is 0.01: yours is 10 times too small.", lambda n_prev: 0.001),
    ("1/sqrt(n[l-1]) is the course application's scale (notebook 04); this exercise, like "
     "the course's step-by-step one, draws W[l] = 0.01 randn.", lambda n_prev: 1 / np.sqrt(n_prev)),
    ("sqrt(2/n[l-1]) is He's scale; this exercise draws W[l] = 0.01 randn.",
     lambda n_prev: np.sqrt(2 / n_prev)),
]


def _init_mistakes(layer_dims):
    """(text, parameters) for the usual ways to get an initialization wrong."""
    L = len(layer_dims) - 1
    variations = [(text, {"scale": scale}) for text, scale in WRONG_SCALES] + [
        (SYMMETRY, {"zero_weights": True}),
        ("W[l] must be drawn with the shape (n[l], n[l-1]): np.random.randn(n[l], n[l-1]), "
         "not drawn as (n[l-1], n[l]) and transposed (other numbers come out).",
         {"transposed": True}),
        ("draw W1 first, then W2, ...: the course's numbers come from drawing in layer order.",
         {"order": range(L, 0, -1)}),
        (BIASES, {"biases": lambda n: np.random.randn(n, 1) * SCALE}),
        (BIASES, {"biases": lambda n: np.random.randn(n, 1)}),
        (BIASES, {"biases": lambda n: np.ones((n, 1))}),
    ]
    out = []
    for text, changes in variations:
        np.random.seed(SEED)
        out.append((text, drawn(layer_dims, **changes)))
    for seed in INNER_SEEDS:
        np.random.seed(seed)
        out.append((seeded_inside(seed), drawn(layer_dims)))
    return out


def _unpack_parameters(name):
    def unpack(returned, expected):
        return parameters_dict(returned, expected, name)
    return unpack


def initialize_parameters(student):
    """Check ``initialize_parameters(n_x, n_h, n_y) -> parameters`` (W = 0.01 randn)."""
    return run(Spec("initialize_parameters", ("n_x", "n_h", "n_y"), cases.two_layer_sizes(),
                    lambda *dims: drawn(dims), _unpack_parameters("initialize_parameters"),
                    lambda *dims: _init_mistakes(dims), seed=SEED), student)


def initialize_parameters_deep(student):
    """Check ``initialize_parameters_deep(layer_dims) -> parameters`` (W = 0.01 randn)."""
    return run(Spec("initialize_parameters_deep", ("layer_dims",), cases.deep_sizes(),
                    drawn, _unpack_parameters("initialize_parameters_deep"), _init_mistakes,
                    seed=SEED), student)


# ---- the training loop: forward, cost, backward, update; a cost every 100 iterations ------
def train(X, Y, layers_dims, learning_rate, num_iterations, reinit=False, sign=-1,
          b_step="db", backward_hidden="relu", forward_hidden="relu",
          recorded=lambda i, n: i % 100 == 0, seed_inside=None):
    """The lecture's loop from ``np.random.seed(SEED)``; returns outputs, or None when the
    variation (a known mistake) breaks the shapes on these inputs."""
    np.random.seed(SEED if seed_inside is None else seed_inside)
    parameters, costs = drawn(layers_dims), []
    L = len(layers_dims) - 1
    try:
        for i in range(num_iterations):  # the check's own inputs: nothing to check
            if reinit:
                parameters = drawn(layers_dims)
            AL, caches = L_model_forward.unchecked(X, parameters, forward_hidden)
            cost = compute_cost.unchecked(AL, Y)
            if np.isnan(cost):  # A[L] is NaN: this variation diverged, no outputs to compare
                return None
            grads = L_model_backward.unchecked(AL, Y, caches, backward_hidden, compute_dA0=False)
            for l in range(1, L + 1):
                parameters[f"W{l}"] = parameters[f"W{l}"] + sign * learning_rate * grads[
                    f"dW{l}"]
                parameters[f"b{l}"] = parameters[f"b{l}"] + sign * learning_rate * grads[
                    f"{b_step}{l}"]
            if recorded(i, num_iterations):
                costs.append(cost)
    except ValueError:  # b updated with dW: (n[l], 1) - (n[l], n[l-1]) no longer fits
        return None
    return {**parameters, "costs": np.array(costs)}


def _training_mistakes(X, Y, layers_dims, learning_rate, num_iterations):
    """(text, outputs) for the usual ways to get the training loop wrong."""
    variations = [
        ("the parameters are initialized inside the loop: initialize once, before "
         "`for i in range(num_iterations)`, or every iteration starts again from scratch.",
         {"reinit": True}),
        ("the update must subtract the gradient: W := W - learning_rate dW (yours adds it, "
         "which climbs the cost instead of descending).", {"sign": 1}),
        ("b is updated with dW: b := b - learning_rate db (the bias has its own gradient, "
         "of shape (n[l], 1)).", {"b_step": "dW"}),
        ("forward and backward use different hidden activations: backward must use the "
         "g of forward (relu), since dZ = dA * g'(Z) differentiates what forward did.",
         {"backward_hidden": "sigmoid"}),
        ("forward and backward use different hidden activations: the hidden layers are "
         "relu in both.", {"forward_hidden": "sigmoid"}),
        ("record the cost every 100 iterations (i % 100 == 0), not every iteration.",
         {"recorded": lambda i, n: True}),
        ("record the cost at iterations 0, 100, 200, ... (i % 100 == 0), including 0.",
         {"recorded": lambda i, n: i % 100 == 0 and i > 0}),
        ("record the cost at iterations 0, 100, 200, ...: (i + 1) % 100 == 0 records "
         "99, 199, ...", {"recorded": lambda i, n: (i + 1) % 100 == 0}),
        ("record the cost every 100 iterations, not only at the end.",
         {"recorded": lambda i, n: i == n - 1}),
        *((seeded_inside(seed), {"seed_inside": seed}) for seed in INNER_SEEDS),
    ]
    args = (X, Y, layers_dims, learning_rate, num_iterations)
    found = [(text, train(*args, **changes)) for text, changes in variations]
    return [(text, outputs) for text, outputs in found if outputs is not None]


def _unpack_training(name):
    def unpack(returned, expected):
        if not isinstance(returned, tuple | list) or len(returned) != 2:
            raise WrongReturnError(
                f"Your {name} must return (parameters, costs), got {kind(returned)}"
                + (": is `return parameters, costs` missing?" if returned is None else ".")
            )
        parameters, costs = returned
        got, problems = _unpack_parameters(name)(parameters, {k: v for k, v in expected.items()
                                                              if k != "costs"})
        try:
            got["costs"] = np.array([float(np.squeeze(J)) for J in costs])
        except (TypeError, ValueError):
            raise WrongReturnError(
                f"costs must be a list of numbers (one cost every 100 iterations), got "
                f"{kind(costs)}") from None
        return got, problems
    return unpack


def _training_spec(name, training_cases):
    return Spec(name, ("X", "Y", "layers_dims", "learning_rate", "num_iterations"),
                training_cases, train, _unpack_training(name), _training_mistakes, seed=SEED)


def two_layer_model(student):
    """Check ``two_layer_model(X, Y, layers_dims, learning_rate, num_iterations)``."""
    result = run(_training_spec("two_layer_model", cases.training_cases(deep=False)), student)
    return blame_helper(result, student, ("initialize_parameters", initialize_parameters))


def L_layer_model(student):
    """Check ``L_layer_model(X, Y, layers_dims, learning_rate, num_iterations)``."""
    result = run(_training_spec("L_layer_model", cases.training_cases(deep=True)), student)
    return blame_helper(result, student, ("initialize_parameters_deep",
                                          initialize_parameters_deep))

"""Every classic mistake, written as a student would, must fail its check with the right
diagnosis (and, for the whole chain, the right first wrong layer)."""

import copy
import types

import exercise_solutions
import numpy as np
import pytest

import dnn_course as dc
from dnn_course import check, relu_backward, sigmoid_backward
from dnn_course.check.mistakes import HIDDEN_SIGMOID


# ---- linear_backward -------------------------------------------------------------------
def dW_without_1_over_m(dZ, cache):
    A_prev, W, b = cache
    m = A_prev.shape[1]
    return W.T @ dZ, dZ @ A_prev.T, np.sum(dZ, axis=1, keepdims=True) / m


def db_without_1_over_m(dZ, cache):
    A_prev, W, b = cache
    m = A_prev.shape[1]
    return W.T @ dZ, dZ @ A_prev.T / m, np.sum(dZ, axis=1, keepdims=True)


def db_without_keepdims(dZ, cache):
    A_prev, W, b = cache
    m = A_prev.shape[1]
    return W.T @ dZ, dZ @ A_prev.T / m, np.sum(dZ, axis=1) / m


def dW_missing_transpose(dZ, cache):
    A_prev, W, b = cache
    m = A_prev.shape[1]
    return np.dot(W.T, dZ), np.dot(dZ, A_prev) / m, np.sum(dZ, axis=1, keepdims=True) / m


def dA_prev_missing_transpose(dZ, cache):
    A_prev, W, b = cache
    m = A_prev.shape[1]
    return np.dot(W, dZ), np.dot(dZ, A_prev.T) / m, np.sum(dZ, axis=1, keepdims=True) / m


def dW_extra_transpose(dZ, cache):
    A_prev, W, b = cache
    m = A_prev.shape[1]
    return W.T @ dZ, (A_prev @ dZ.T) / m, np.sum(dZ, axis=1, keepdims=True) / m


def m_from_the_wrong_axis(dZ, cache):
    A_prev, W, b = cache
    m = A_prev.shape[0]
    return W.T @ dZ, dZ @ A_prev.T / m, np.sum(dZ, axis=1, keepdims=True) / m


# ---- linear_activation_backward --------------------------------------------------------
def Z_recomputed(dA, cache, activation):
    (A_prev, W, b), _ = cache
    Z = np.dot(W, A_prev) + b
    dZ = relu_backward(dA, Z) if activation == "relu" else sigmoid_backward(dA, Z)
    return dc.linear_backward(dZ, (A_prev, W, b))


def relu_derivative_one_at_zero(dA, cache, activation):
    linear_cache, Z = cache
    if activation == "relu":
        dZ = np.array(dA, copy=True)
        dZ[Z < 0] = 0
    else:
        dZ = sigmoid_backward(dA, Z)
    return dc.linear_backward(dZ, linear_cache)


def relu_without_mask(dA, cache, activation):
    linear_cache, Z = cache
    dZ = dA if activation == "relu" else sigmoid_backward(dA, Z)
    return dc.linear_backward(dZ, linear_cache)


def relu_mask_changes_dA(dA, cache, activation):
    linear_cache, Z = cache
    if activation == "relu":
        dZ = dA
        dZ[Z <= 0] = 0
    else:
        dZ = sigmoid_backward(dA, Z)
    return dc.linear_backward(dZ, linear_cache)


def activations_swapped_backward(dA, cache, activation):
    linear_cache, Z = cache
    dZ = sigmoid_backward(dA, Z) if activation == "relu" else relu_backward(dA, Z)
    return dc.linear_backward(dZ, linear_cache)


def sigmoid_derivative_from_the_cache_as_A(dA, cache, activation):
    linear_cache, Z = cache
    dZ = relu_backward(dA, Z) if activation == "relu" else dA * Z * (1 - Z)
    return dc.linear_backward(dZ, linear_cache)


def own_linear_backward_without_1_over_m(dA, cache, activation):
    linear_cache, Z = cache
    dZ = relu_backward(dA, Z) if activation == "relu" else sigmoid_backward(dA, Z)
    return dW_without_1_over_m(dZ, linear_cache)


# ---- L_model_backward ------------------------------------------------------------------
def model_backward(dAL_sign=1, hidden="relu", output="sigmoid", recompute=False, dA_key=-1,
                   linear=dc.linear_backward, first=1):
    def L_model_backward(AL, Y, caches):
        grads = {}
        L = len(caches)
        dA = dAL_sign * -(np.divide(Y, AL) - np.divide(1 - Y, 1 - AL))
        for l in reversed(range(first, L + 1)):
            (A_prev, W, b), Z = caches[l - 1]
            if recompute:
                Z = W @ A_prev + b
            g = output if l == L else hidden
            dZ = relu_backward(dA, Z) if g == "relu" else sigmoid_backward(dA, Z)
            dA, grads["dW" + str(l)], grads["db" + str(l)] = linear(dZ, (A_prev, W, b))
            grads["dA" + str(l + dA_key)] = dA
        return grads
    return L_model_backward


def model_backward_with_AL_minus_Y_as_dAL(AL, Y, caches):
    grads = {}
    L = len(caches)
    dA = AL - Y
    for l in reversed(range(1, L + 1)):
        dA, grads[f"dW{l}"], grads[f"db{l}"] = dc.linear_activation_backward(
            dA, caches[l - 1], "sigmoid" if l == L else "relu")
        grads[f"dA{l - 1}"] = dA
    return grads


def model_backward_cache_index_off_by_one(AL, Y, caches):
    grads = {}
    L = len(caches)
    dA = -(Y / AL - (1 - Y) / (1 - AL))
    for l in reversed(range(1, L + 1)):
        dA, grads[f"dW{l}"], grads[f"db{l}"] = dc.linear_activation_backward(
            dA, caches[l], "sigmoid" if l == L else "relu")
        grads[f"dA{l - 1}"] = dA
    return grads


def model_backward_without_dA0(AL, Y, caches):
    grads = model_backward()(AL, Y, caches)
    del grads["dA0"]  # "nothing uses it"
    return grads


# ---- L_model_forward -------------------------------------------------------------------
def model_forward(hidden="relu", output="sigmoid", feed_X=False, insert=False, last_hidden=None,
                  output_from_X=False):
    def L_model_forward(X, parameters):
        caches = []
        A = X
        L = len(parameters) // 2
        for l in range(1, L if last_hidden is None else last_hidden(L)):
            A_prev = X if feed_X else A
            A, cache = dc.linear_activation_forward(
                A_prev, parameters["W" + str(l)], parameters["b" + str(l)], hidden)
            caches.insert(0, cache) if insert else caches.append(cache)
        AL, cache = dc.linear_activation_forward(
            X if output_from_X else A, parameters["W" + str(L)], parameters["b" + str(L)], output)
        caches.insert(0, cache) if insert else caches.append(cache)
        return AL, caches
    return L_model_forward


def model_forward_from_W0(X, parameters):
    caches, A, L = [], X, len(parameters) // 2
    for l in range(L - 1):
        A, cache = dc.linear_activation_forward(A, parameters[f"W{l}"], parameters[f"b{l}"], "relu")
        caches.append(cache)
    AL, cache = dc.linear_activation_forward(A, parameters[f"W{L}"], parameters[f"b{L}"],
                                             "sigmoid")
    return AL, caches + [cache]


def model_forward_caches_swapped(X, parameters):
    AL, caches = dc.L_model_forward(X, parameters)
    return AL, [(Z, linear_cache) for linear_cache, Z in caches]


def model_forward_output_cache_first(X, parameters):
    L, A, hidden_caches = len(parameters) // 2, X, []
    for l in range(1, L):
        A, cache = dc.linear_activation_forward(A, parameters[f"W{l}"], parameters[f"b{l}"], "relu")
        hidden_caches.append(cache)
    AL, cache = dc.linear_activation_forward(A, parameters[f"W{L}"], parameters[f"b{L}"],
                                             "sigmoid")
    return AL, [cache] + hidden_caches


# ---- forward, one layer ----------------------------------------------------------------
def linear_forward_without_b(A_prev, W, b):
    return np.dot(W, A_prev), (A_prev, W, b)


def linear_forward_W_transposed(A_prev, W, b):
    return np.dot(W.T, A_prev) + b, (A_prev, W, b)


def linear_forward_elementwise(A_prev, W, b):
    return W * A_prev + b, (A_prev, W, b)


def linear_forward_cache_order(A_prev, W, b):
    return W @ A_prev + b, (W, A_prev, b)


def linear_forward_cache_b_before_W(A_prev, W, b):
    return W @ A_prev + b, (A_prev, b, W)


def activation_forward(swap=False, cache_A=False, cache_swapped=False):
    def linear_activation_forward(A_prev, W, b, activation):
        Z, linear_cache = dc.linear_forward(A_prev, W, b)
        use = {"relu": "sigmoid", "sigmoid": "relu"}[activation] if swap else activation
        A, Z_cache = dc.relu(Z) if use == "relu" else dc.sigmoid(Z)
        activation_cache = A if cache_A else Z_cache
        return A, (activation_cache, linear_cache) if cache_swapped else (linear_cache,
                                                                          activation_cache)
    return linear_activation_forward


# ---- compute_cost ----------------------------------------------------------------------
def cost_wrong_sign(AL, Y):
    m = Y.shape[1]
    return float(np.sum(Y * np.log(AL) + (1 - Y) * np.log(1 - AL)) / m)


def cost_not_averaged(AL, Y):
    return float(-np.sum(Y * np.log(AL) + (1 - Y) * np.log(1 - AL)))


def cost_as_array(AL, Y):
    m = Y.shape[1]
    return -(np.dot(Y, np.log(AL).T) + np.dot(1 - Y, np.log(1 - AL).T)) / m


def cost_as_array_with_wrong_sign(AL, Y):
    return -cost_as_array(AL, Y)


# ---- update_parameters -----------------------------------------------------------------
def update_callers_dict(parameters, grads, learning_rate):
    for l in range(1, len(parameters) // 2 + 1):
        parameters[f"W{l}"] = parameters[f"W{l}"] - learning_rate * grads[f"dW{l}"]
        parameters[f"b{l}"] = parameters[f"b{l}"] - learning_rate * grads[f"db{l}"]
    return parameters


def update_callers_arrays(parameters, grads, learning_rate):
    new = parameters.copy()  # a shallow copy shares the arrays
    for l in range(1, len(new) // 2 + 1):
        new[f"W{l}"] -= learning_rate * grads[f"dW{l}"]
        new[f"b{l}"] -= learning_rate * grads[f"db{l}"]
    return new


def update(sign=-1, use_rate=True, layers=lambda L: range(1, L + 1), biases=True):
    def update_parameters(parameters, grads, learning_rate):
        new = copy.deepcopy(parameters)
        alpha = learning_rate if use_rate else 1
        for l in layers(len(new) // 2):
            new[f"W{l}"] = new[f"W{l}"] + sign * alpha * grads[f"dW{l}"]
            if biases:
                new[f"b{l}"] = new[f"b{l}"] + sign * alpha * grads[f"db{l}"]
        return new
    return update_parameters


IN_PLACE = ("parameters updated in place (the caller's dict was mutated); build a new dict "
            "instead, e.g. start with parameters = {key: value.copy() for key, value in "
            "parameters.items()}")
MISTAKES = [  # (checker, student function, words the diagnosis must contain)
    ("linear_forward", linear_forward_without_b, "b is missing"),
    ("linear_forward", linear_forward_W_transposed, "missing or extra transpose in Z"),
    ("linear_forward", linear_forward_elementwise, "`*` is element-wise"),
    ("linear_forward", linear_forward_cache_order, "holds (W, A_prev, b); it must hold"),
    ("linear_forward", linear_forward_cache_b_before_W, "holds (A_prev, b, W); it must hold"),
    ("linear_activation_forward", activation_forward(swap=True), "used where activation="),
    ("linear_activation_forward", activation_forward(cache_A=True), "must be Z"),
    ("linear_activation_forward", activation_forward(cache_swapped=True),
     "holds (activation_cache, linear_cache): the parts are swapped"),
    ("L_model_forward", model_forward(hidden="sigmoid"), "sigmoid used in the hidden layers"),
    ("L_model_forward", model_forward(output="relu"), "relu used at the output layer"),
    ("L_model_forward", model_forward(feed_X=True), "X fed to every layer instead of A_prev"),
    ("L_model_forward", model_forward(feed_X=True, output_from_X=True),
     "X fed to every layer instead of A_prev"),
    ("L_model_forward", model_forward(insert=True), "caches appended in the wrong order"),
    ("L_model_forward", model_forward_caches_swapped, "the parts are swapped"),
    ("L_model_forward", model_forward_output_cache_first, "caches appended in the wrong order"),
    ("L_model_forward", model_forward(last_hidden=lambda L: L - 1), "layer index off by one"),
    ("L_model_forward", model_forward(last_hidden=lambda L: L + 1), "layer index off by one"),
    ("L_model_forward", model_forward_from_W0, "layer index off by one"),
    ("compute_cost", cost_wrong_sign, "the cost has the wrong sign"),
    ("compute_cost", cost_not_averaged, "not averaged over m"),
    ("compute_cost", cost_as_array, "returned as an array instead of a number"),
    ("compute_cost", cost_as_array_with_wrong_sign, "returned as an array instead of a number"),
    ("compute_cost", cost_as_array_with_wrong_sign, "the cost has the wrong sign"),
    ("linear_backward", dW_without_1_over_m, "dW is missing the factor 1/m"),
    ("linear_backward", db_without_1_over_m, "db is missing the factor 1/m"),
    ("linear_backward", db_without_keepdims, "without keepdims"),
    ("linear_backward", dW_missing_transpose, "missing or extra transpose in dW"),
    ("linear_backward", dW_extra_transpose, "missing or extra transpose"),
    ("linear_backward", dA_prev_missing_transpose, "missing or extra transpose in dA_prev"),
    ("linear_backward", m_from_the_wrong_axis, "m is the number of examples"),
    ("linear_activation_backward", Z_recomputed, "Z recomputed instead of taken from the cache"),
    ("linear_activation_backward", relu_derivative_one_at_zero, "relu' is wrong at Z <= 0"),
    ("linear_activation_backward", relu_without_mask, "relu' is wrong at Z <= 0"),
    ("linear_activation_backward", relu_mask_changes_dA, "dA changed in place"),
    ("linear_activation_backward", activations_swapped_backward, "used where activation="),
    ("linear_activation_backward", sigmoid_derivative_from_the_cache_as_A, "holds Z, not A"),
    ("linear_activation_backward", own_linear_backward_without_1_over_m,
     "dW is missing the factor 1/m"),
    ("L_model_backward", model_backward(dAL_sign=-1), "the sign of dA[L] is flipped"),
    ("L_model_backward", model_backward(hidden="sigmoid"), "sigmoid used in the hidden layers"),
    ("L_model_backward", model_backward(output="relu"), "relu used at the output layer"),
    ("L_model_backward", model_backward(recompute=True), "Z recomputed instead of taken"),
    ("L_model_backward", model_backward(dA_key=0), "dA keys shifted by one"),
    ("L_model_backward", model_backward(dA_key=-2), "dA keys shifted by one"),
    ("L_model_backward", model_backward(linear=dW_without_1_over_m),
     "dW is missing the factor 1/m"),
    ("L_model_backward", model_backward(linear=db_without_1_over_m),
     "db is missing the factor 1/m"),
    ("L_model_backward", model_backward(linear=db_without_keepdims), "without keepdims"),
    ("L_model_backward", model_backward(linear=dW_missing_transpose),
     "missing or extra transpose in dW"),
    ("L_model_backward", model_backward(linear=dA_prev_missing_transpose),
     "missing or extra transpose"),
    ("L_model_backward", model_backward(first=2), "layer index off by one"),
    ("L_model_backward", model_backward_with_AL_minus_Y_as_dAL, "AL - Y is dZ[L], not dA[L]"),
    ("L_model_backward", model_backward_cache_index_off_by_one, "layer index off by one"),
    ("L_model_backward", model_backward_without_dA0,
     "grads has no dA0: store dA_prev of layer 1 as grads['dA0'] too"),
    ("update_parameters", update_callers_dict, IN_PLACE),
    ("update_parameters", update_callers_arrays, IN_PLACE),
    ("update_parameters", update(sign=1), "must subtract the gradient"),
    ("update_parameters", update(use_rate=False), "learning rate is missing"),
    ("update_parameters", update(layers=lambda L: range(1, L)), "layer index off by one"),
    ("update_parameters", update(biases=False), "biases were not updated"),
]


@pytest.mark.parametrize("name, student, words", MISTAKES,
                         ids=[f"{n}-{w[:30]}" for n, _, w in MISTAKES])
def test_mistake_fails_with_its_diagnosis(name, student, words):
    result = getattr(check, name)(student)
    assert result.passed is False and bool(result) is False
    text = str(result)
    if " raised " in text:  # the mistake raised: the hint after the student's line names it
        assert words in text.split("  at line ", 1)[1], text
    else:
        assert any(words in d for d in result.diagnoses), text
        assert f"Likely mistake: {next(d for d in result.diagnoses if words in d)}" in text


FIRST_WRONG_LAYER = [  # (checker, student, the sentence naming the first wrong layer)
    ("L_model_forward", model_forward(hidden="sigmoid"), "The first wrong layer is layer 1"),
    ("L_model_forward", model_forward(output="relu"), "The first wrong layer is layer 3"),
    ("L_model_forward", model_forward(feed_X=True),
     "The first wrong layer is layer 2: it was given X instead of A[1]"),
    ("L_model_backward", model_backward(dAL_sign=-1), "The first wrong layer is layer 3"),
    ("L_model_backward", model_backward(hidden="sigmoid"), "The first wrong layer is layer 2"),
]


@pytest.mark.parametrize("name, student, sentence", FIRST_WRONG_LAYER)
def test_chain_checkers_name_the_first_wrong_layer(name, student, sentence):
    result = getattr(check, name)(student)
    assert result.passed is False
    assert sentence in str(result), str(result)


def test_a_missing_dA0_alone_is_not_called_a_shift():
    text = str(check.L_model_backward(model_backward_without_dA0))
    assert "shifted" not in text and "even though training does not use it" in text, text


def test_swapped_caches_are_reported_once_however_many_layers():
    result = check.L_model_forward(model_forward_caches_swapped)
    assert result.passed is False
    assert str(result).count("swapped") == 1, str(result)


# ---- a wrong earlier function is blamed, not the one that calls it ----------------------
def filled_notebook(**replaced):
    """The reference solutions sharing one namespace, as in a filled exercise notebook,
    with some of them replaced by the student functions ``replaced``."""
    namespace = dict(vars(exercise_solutions), **replaced)
    for f in exercise_solutions.SOLUTIONS:
        if f.__name__ not in replaced:
            namespace[f.__name__] = types.FunctionType(f.__code__, namespace, f.__name__)
    return namespace


WRONG_HELPER = [  # (checker, the wrong earlier function, student replacing it, its own words)
    ("L_model_forward", "linear_activation_forward", activation_forward(swap=True),
     "the activations are swapped"),
    ("linear_activation_forward", "linear_forward", linear_forward_without_b, "b is missing"),
    ("linear_activation_backward", "linear_backward", db_without_keepdims, "lost an axis"),
    ("L_model_backward", "linear_backward", db_without_keepdims, "lost an axis"),
    ("L_model_backward", "linear_activation_backward", activations_swapped_backward,
     "used where activation="),
]


@pytest.mark.parametrize("name, helper, wrong, words", WRONG_HELPER,
                         ids=[f"{n}-{h}" for n, h, _, _ in WRONG_HELPER])
def test_a_wrong_earlier_function_is_blamed_instead_of_the_caller(name, helper, wrong, words):
    notebook = filled_notebook(**{helper: wrong})
    result = getattr(check, name)(notebook[name])
    text = str(result)
    assert result.passed is False
    called = {"L_model_backward": "linear_activation_backward",
              "L_model_forward": "linear_activation_forward"}.get(name, helper)
    assert result.diagnoses == [
        f"your {name} calls your {called}, which does not pass its own check yet, and "
        f"everything wrong here may come from it: make the {called} check green first, "
        "then run this check again."], text
    assert words not in text, text


def test_a_right_earlier_function_is_not_blamed():
    notebook = filled_notebook()
    source = exercise_solutions.SOURCE["L_model_forward"]
    exec(source.replace('"relu"', '"sigmoid"'), notebook)  # the student's cell, run
    result = check.L_model_forward(notebook["L_model_forward"])
    assert result.passed is False
    assert result.diagnoses == [HIDDEN_SIGMOID], str(result)


# ---- exercise 03: initialization and the training loop ---------------------------------
def init_two(scale=0.01, zeros=False, bias=False, order=(1, 2)):
    def initialize_parameters(n_x, n_h, n_y):
        shapes = {1: (n_h, n_x), 2: (n_y, n_h)}
        parameters = {}
        for l in order:
            n, n_prev = shapes[l]
            W = np.zeros((n, n_prev)) if zeros else np.random.randn(n, n_prev) * scale
            b = np.random.randn(n, 1) * scale if bias else np.zeros((n, 1))
            parameters["W" + str(l)], parameters["b" + str(l)] = W, b
        return parameters
    return initialize_parameters


def init_deep(scale=lambda n, n_prev: 0.01, zeros=False, bias=False, transposed=False):
    def initialize_parameters_deep(layer_dims):
        parameters = {}
        for l in range(1, len(layer_dims)):
            n, n_prev = layer_dims[l], layer_dims[l - 1]
            if zeros:
                W = np.zeros((n, n_prev))
            elif transposed:
                W = np.random.randn(n_prev, n).T * scale(n, n_prev)
            else:
                W = np.random.randn(n, n_prev) * scale(n, n_prev)
            b = np.random.randn(n, 1) * 0.01 if bias else np.zeros((n, 1))
            parameters["W" + str(l)], parameters["b" + str(l)] = W, b
        return parameters
    return initialize_parameters_deep


def seeded_inside(seed, initialize):
    """The course's own version of ``initialize``: it calls np.random.seed(seed) first."""
    def initialize_parameters(*args):
        np.random.seed(seed)
        return initialize(*args)
    return initialize_parameters


def training(two_layer, reinit=False, sign=-1, bias_gradient="db", backward_hidden="relu",
             record=lambda i: i % 100 == 0, seed=None):
    """A student's two_layer_model or L_layer_model with one mistake."""
    def start(layers_dims):
        if two_layer:
            return exercise_solutions.initialize_parameters(*layers_dims)
        return exercise_solutions.initialize_parameters_deep(layers_dims)

    def model(X, Y, layers_dims, learning_rate=0.0075, num_iterations=3000, print_cost=False):
        if seed is not None:  # the course's application models seed inside
            np.random.seed(seed)
        parameters, costs, L = start(layers_dims), [], len(layers_dims) - 1
        for i in range(num_iterations):
            if reinit:
                parameters = start(layers_dims)
            AL, caches = dc.L_model_forward(X, parameters)
            cost = dc.compute_cost(AL, Y)
            grads = dc.L_model_backward(AL, Y, caches, backward_hidden)
            for l in range(1, L + 1):
                parameters["W" + str(l)] = (parameters["W" + str(l)]
                                            + sign * learning_rate * grads["dW" + str(l)])
                parameters["b" + str(l)] = (parameters["b" + str(l)]
                                            + sign * learning_rate * grads[bias_gradient + str(l)])
            if record(i):
                costs.append(cost)
        return parameters, costs
    return model


TRAINING_MISTAKES = [
    ("initialize_parameters", init_two(zeros=True), "(symmetry)"),
    ("initialize_parameters", init_two(scale=1), "W[l] has no scale"),
    ("initialize_parameters", init_two(scale=0.1), "10 times too large"),
    ("initialize_parameters", init_two(bias=True), "b[l] must start at zero"),
    ("initialize_parameters", init_two(order=(2, 1)), "draw W1 first"),
    ("initialize_parameters", seeded_inside(1, init_two()), "calls np.random.seed(1) itself"),
    ("initialize_parameters_deep", seeded_inside(42, init_deep()),
     "calls np.random.seed(42) itself"),
    ("initialize_parameters_deep", init_deep(scale=lambda n, n_prev: 1 / np.sqrt(n_prev)),
     "the course application's scale"),
    ("initialize_parameters_deep", init_deep(scale=lambda n, n_prev: 0.001),
     "10 times too small"),
    ("initialize_parameters_deep", init_deep(scale=lambda n, n_prev: np.sqrt(2 / n_prev)),
     "He's scale"),
    ("initialize_parameters_deep", init_deep(zeros=True), "(symmetry)"),
    ("initialize_parameters_deep", init_deep(transposed=True), "not drawn as (n[l-1], n[l])"),
    ("initialize_parameters_deep", init_deep(bias=True), "b[l] must start at zero"),
    ("L_layer_model", training(False, reinit=True), "initialized inside the loop"),
    ("L_layer_model", training(False, sign=1), "must subtract the gradient"),
    ("L_layer_model", training(False, bias_gradient="dW"), "b is updated with dW"),
    ("L_layer_model", training(False, backward_hidden="sigmoid"), "different hidden activations"),
    ("L_layer_model", training(False, record=lambda i: True), "not every iteration"),
    ("L_layer_model", training(False, record=lambda i: i % 100 == 0 and i > 0), "including 0"),
    ("two_layer_model", training(True, reinit=True), "initialized inside the loop"),
    ("two_layer_model", training(True, sign=1), "must subtract the gradient"),
    ("two_layer_model", training(True, bias_gradient="dW"), "b is updated with dW"),
    ("two_layer_model", training(True, backward_hidden="sigmoid"), "different hidden activations"),
    ("two_layer_model", training(True, record=lambda i: (i + 1) % 100 == 0), "records 99, 199"),
    ("two_layer_model", training(True, seed=1), "calls np.random.seed(1) itself"),
    ("L_layer_model", training(False, seed=2), "calls np.random.seed(2) itself"),
]


@pytest.mark.parametrize("name, student, words", TRAINING_MISTAKES)
def test_training_mistake_fails_with_its_diagnosis(name, student, words):
    test_mistake_fails_with_its_diagnosis(name, student, words)


def test_the_training_checks_pass_the_right_loop_and_reproduce_the_course():
    """The reference loop passes; the course's own numbers come from the same draws."""
    assert check.L_layer_model(training(False)).passed
    assert check.two_layer_model(training(True)).passed
    np.random.seed(1)
    assert np.allclose(exercise_solutions.initialize_parameters(3, 2, 1)["W1"][0],
                       [0.01624345, -0.00611756, -0.00528172])


@pytest.mark.parametrize("name, helper, wrong, words", [
    ("two_layer_model", "initialize_parameters", init_two(scale=1), "has no scale"),
    ("L_layer_model", "initialize_parameters_deep", init_deep(zeros=True), "symmetry"),
])
def test_a_wrong_initialization_is_blamed_instead_of_the_loop(name, helper, wrong, words):
    test_a_wrong_earlier_function_is_blamed_instead_of_the_caller(name, helper, wrong, words)

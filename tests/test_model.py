import numpy as np
import pytest
from networks import away_from_kink, make_network
from numpy.testing import assert_allclose, assert_array_equal

import dnn_course as dc
from dnn_course.activations import ACTIVATIONS


def test_forward_chain_and_caches(network):
    X, _, parameters = network
    AL, caches = dc.L_model_forward(X, parameters)
    assert len(caches) == 3 and AL.shape == (1, X.shape[1])
    assert caches[0].linear_cache.A_prev is X  # A[0] = X
    A = X
    for l, g in enumerate(["relu", "relu", "sigmoid"], start=1):
        (A_prev, W, b), Z = caches[l - 1]  # caches[l-1] belongs to layer l
        assert W is parameters[f"W{l}"] and b is parameters[f"b{l}"]
        assert_array_equal(A_prev, A)
        assert_allclose(Z, parameters[f"W{l}"] @ A + parameters[f"b{l}"], rtol=1e-15)
        A = ACTIVATIONS[g][0](Z)[0]
    assert_array_equal(AL, A)


def test_layer_cache_prints_field_names(network):
    X, _, parameters = network
    _, caches = dc.L_model_forward(X, parameters)
    text = repr(caches[0])
    assert text.startswith("LayerCache(linear_cache=LinearCache(A_prev=")
    assert "activation_cache=" in text


def test_backward_keys_follow_the_lecture(network):
    X, Y, parameters = network
    AL, caches = dc.L_model_forward(X, parameters)
    grads = dc.L_model_backward(AL, Y, caches)
    expected = {"dA0", "dA1", "dA2", "dW1", "dW2", "dW3", "db1", "db2", "db3"}
    assert set(grads) == expected
    for l in range(1, 4):
        assert grads[f"dW{l}"].shape == parameters[f"W{l}"].shape
        assert grads[f"db{l}"].shape == parameters[f"b{l}"].shape
    assert grads["dA0"].shape == X.shape


def test_dA_l_is_the_gradient_with_respect_to_A_l(network):
    """dA{l} = W[l+1]^T dZ[l+1]: nudging A[l] inside layer l+1 changes J at that rate (times m)."""
    X, Y, parameters = network
    AL, caches = dc.L_model_forward(X, parameters)
    grads = dc.L_model_backward(AL, Y, caches)
    m = X.shape[1]
    A1 = caches[1].linear_cache.A_prev.copy()

    def cost_from_A1(a1):
        A2 = dc.relu(parameters["W2"] @ a1 + parameters["b2"])[0]
        return dc.compute_cost(dc.sigmoid(parameters["W3"] @ A2 + parameters["b3"])[0], Y)

    numerical = dc.numerical_gradient(cost_from_A1, A1) * m
    assert dc.relative_error(grads["dA1"], numerical) < 1e-8


def test_output_layer_gives_dZ_equal_AL_minus_Y(network):
    X, Y, parameters = network
    AL, caches = dc.L_model_forward(X, parameters)
    grads = dc.L_model_backward(AL, Y, caches)
    m = X.shape[1]
    A2 = caches[2].linear_cache.A_prev
    assert_allclose(grads["dW3"], (AL - Y) @ A2.T / m, rtol=1e-12)
    assert_allclose(grads["db3"], np.sum(AL - Y, axis=1, keepdims=True) / m, rtol=1e-12)


def test_compute_dA0_false_skips_only_dA0(network):
    X, Y, parameters = network
    AL, caches = dc.L_model_forward(X, parameters)
    full = dc.L_model_backward(AL, Y, caches)
    lean = dc.L_model_backward(AL, Y, caches, compute_dA0=False)
    assert set(full) - set(lean) == {"dA0"}
    for key in lean:
        assert_array_equal(lean[key], full[key])


@pytest.mark.parametrize("hidden", list(ACTIVATIONS))
def test_whole_model_gradient_check_for_every_hidden_activation(hidden):
    X, Y, parameters = make_network([3, 4, 4, 2, 1], m=5, seed=11)
    assert away_from_kink(X, parameters, hidden)
    errors = dc.gradient_check(parameters, X, Y, hidden)
    assert set(errors) == {f"{p}{l}" for l in range(1, 5) for p in "Wb"}
    assert max(errors.values()) < 1e-7, errors


def test_one_activation_per_hidden_layer():
    X, Y, parameters = make_network([3, 4, 4, 1], m=5, seed=2)
    hidden = ["tanh", "leaky_relu"]
    AL, caches = dc.L_model_forward(X, parameters, hidden)
    assert_allclose(caches[1].linear_cache.A_prev, np.tanh(caches[0].activation_cache))
    assert max(dc.gradient_check(parameters, X, Y, hidden).values()) < 1e-7
    with pytest.raises(ValueError, match="lists 3 names but this network has L - 1 = 2 hidden"):
        dc.L_model_forward(X, parameters, ["relu"] * 3)


def test_single_layer_network_is_logistic_regression():
    X, Y, parameters = make_network([3, 1], m=4, seed=5)
    AL, caches = dc.L_model_forward(X, parameters)
    grads = dc.L_model_backward(AL, Y, caches)
    assert_allclose(grads["dW1"], (AL - Y) @ X.T / 4, rtol=1e-12)
    assert set(grads) == {"dA0", "dW1", "db1"}


def test_saturated_output_stays_finite():
    """In float64 the sigmoid is exactly 1.0 for Z > 37 and exactly 0.0 for Z < -745."""
    X = np.array([[1.0, -1.0, 2.0, -2.0]])
    parameters = {"W1": np.array([[400.0]]), "b1": np.array([[0.0]])}
    Y = np.array([[0, 1, 1, 1]])  # the first and the last example are confidently wrong
    AL, caches = dc.L_model_forward(X, parameters)
    assert {0.0, 1.0} <= set(AL.ravel())
    grads = dc.L_model_backward(AL, Y, caches)
    cost = dc.compute_cost(AL, Y)
    assert np.isfinite(cost) and cost > 10
    for value in grads.values():
        assert np.isfinite(value).all()


def test_ordinary_outputs_are_untouched_by_the_saturation_guard(network):
    X, Y, parameters = network
    AL, _ = dc.L_model_forward(X, parameters)
    assert_array_equal(dc.dAL(AL, Y), -(Y / AL) + (1 - Y) / (1 - AL))


@pytest.mark.parametrize("hidden", [None, 3])
def test_hidden_activation_that_is_neither_a_name_nor_a_list(network, hidden):
    X, _, parameters = network
    with pytest.raises(TypeError, match=r"hidden_activation.*'relu'.*L - 1 = 2.*" + repr(hidden)):
        dc.L_model_forward(X, parameters, hidden)


def test_both_docstrings_say_to_pass_the_same_hidden_activation():
    """The caches do not record g, so a different name in backward is silently wrong."""
    for function in (dc.L_model_forward, dc.L_model_backward):
        assert "same" in function.__doc__ and "hidden_activation" in function.__doc__


def test_layer_backward_given_a_linear_cache_names_the_layer_cache(network):
    X, _, parameters = network
    _, caches = dc.L_model_forward(X, parameters)
    with pytest.raises(TypeError, match=r"cache.*\(linear_cache, activation_cache\).*LinearCache"):
        dc.linear_activation_backward(np.ones((5, 6)), caches[0].linear_cache, "relu")


def test_boolean_labels_give_the_same_gradients(network):
    X, Y, parameters = network
    AL, caches = dc.L_model_forward(X, parameters)
    expected = dc.L_model_backward(AL, Y, caches)
    grads = dc.L_model_backward(AL, Y.astype(bool), caches)
    for key in expected:
        assert_array_equal(grads[key], expected[key])

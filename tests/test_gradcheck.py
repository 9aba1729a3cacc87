"""Gradient checking is the oracle, so it must prove it has teeth: broken backwards fail it."""

import numpy as np
import pytest
from networks import away_from_kink, make_network
from numpy.testing import assert_allclose

import dnn_course as dc
import dnn_course.model
from dnn_course.activations import ACTIVATIONS
from dnn_course.gradcheck import THRESHOLD
from dnn_course.guards import check_dA, check_dZ, checked_by


def test_numerical_gradient_of_a_known_function():
    x = np.array([[0.5, -1.0], [2.0, 0.25]])
    grad = dc.numerical_gradient(lambda v: np.sum(v**3), x.copy())
    assert_allclose(grad, 3 * x**2, rtol=1e-8)


def test_numerical_gradient_with_an_upstream_gradient():
    x = np.array([[0.5, -1.0, 2.0]])
    df = np.array([[1.0, 2.0, -3.0]])
    grad = dc.numerical_gradient(np.sin, x.copy(), df=df)
    assert_allclose(grad, np.cos(x) * df, rtol=1e-8)


def test_numerical_gradient_restores_its_input():
    x = np.array([[0.5, -1.0, 2.0]])
    before = x.copy()
    dc.numerical_gradient(lambda v: float(np.sum(v**2)), x)
    assert np.array_equal(x, before)


def test_relative_error():
    assert dc.relative_error(np.zeros(3), np.zeros(3)) == 0.0
    # ||(3, 4) - (3, 4.5)|| / (5 + ||(3, 4.5)||)
    expected = 0.5 / (5 + np.hypot(3, 4.5))
    assert_allclose(dc.relative_error([3.0, 4.0], [3.0, 4.5]), expected, rtol=1e-15)


@pytest.fixture
def square_network():
    """gradient_check's arguments for a network with square hidden layers (n[1] = n[2] =
    n[0]), so that a dropped transpose keeps every shape and nothing raises."""
    X, Y, parameters = make_network([4, 4, 4, 1], m=6, seed=21)
    assert away_from_kink(X, parameters)
    return parameters, X, Y


def test_correct_backward_passes(square_network):
    assert max(dc.gradient_check(*square_network).values()) < THRESHOLD


def mutant_linear_backward(mutation):
    """A linear_backward with one classic mistake; shapes stay valid so nothing raises."""

    @checked_by(check_dZ)
    def linear_backward(dZ, linear_cache, compute_dA_prev=True):
        A_prev, W, b = linear_cache
        m = A_prev.shape[1]
        dW = (1 / m) * (dZ @ A_prev.T)
        db = (1 / m) * np.sum(dZ, axis=1, keepdims=True)
        dA_prev = W.T @ dZ
        if mutation == "dW doubled":
            dW = 2 * dW
        if mutation == "db without 1/m":
            db = np.sum(dZ, axis=1, keepdims=True)
        if mutation == "transpose dropped" and W.shape[0] == W.shape[1]:
            dA_prev = W @ dZ
        return (dA_prev if compute_dA_prev else None), dW, db

    return linear_backward


@pytest.mark.parametrize("mutation", ["dW doubled", "db without 1/m", "transpose dropped"])
def test_broken_linear_backward_fails_the_check(square_network, monkeypatch, mutation):
    monkeypatch.setattr(dnn_course.model, "linear_backward", mutant_linear_backward(mutation))
    errors = dc.gradient_check(*square_network)
    assert max(errors.values()) > 1e-3, errors


def test_relu_derivative_of_one_everywhere_fails_the_check(square_network, monkeypatch):
    relu, _ = ACTIVATIONS["relu"]
    one = checked_by(check_dA)(lambda dA, Z: dA * np.ones_like(Z))
    monkeypatch.setitem(ACTIVATIONS, "relu", (relu, one))
    parameters, X, Y = square_network
    _, caches = dc.L_model_forward(X, parameters)
    assert (caches[0].activation_cache < 0).any()  # there are units for relu' = 0 to matter
    errors = dc.gradient_check(parameters, X, Y)
    assert max(errors.values()) > 1e-3, errors


def test_the_unmutated_control_passes_with_the_same_harness(square_network, monkeypatch):
    monkeypatch.setattr(dnn_course.model, "linear_backward", mutant_linear_backward("none"))
    errors = dc.gradient_check(*square_network)
    assert max(errors.values()) < THRESHOLD


def test_gradient_check_does_not_change_the_callers_parameters(square_network):
    parameters, X, Y = square_network
    before = {key: value.copy() for key, value in parameters.items()}
    dc.gradient_check(parameters, X, Y)
    for key in before:
        assert np.array_equal(parameters[key], before[key])


def test_numerical_gradient_refuses_an_integer_x():
    """x[i] = 1 + h would round back to 1 in an int array: the gradient would be garbage."""
    with pytest.raises(TypeError, match=r"x must be a float64 numpy array.*dtype int64"):
        dc.numerical_gradient(lambda x: float(np.sum(x**2)), np.array([1, 2, 3]))
    with pytest.raises(TypeError, match="x must be a float64 numpy array.*got list"):
        dc.numerical_gradient(lambda x: 0.0, [1.0, 2.0])


@pytest.mark.parametrize(("f", "got"), [(lambda x: None, "got None"), (lambda x: 2 * x, r"\(2,\)")])
def test_numerical_gradient_needs_a_number_from_f(f, got):
    with pytest.raises(TypeError, match=f"f\\(x\\) must return one number, the cost J, .*{got}"):
        dc.numerical_gradient(f, np.array([1.0, 2.0]))


def test_numerical_gradient_upstream_gradient_of_the_wrong_shape():
    with pytest.raises(ValueError, match=r"f\(x\) has shape \(2,\) but df has shape \(3,\)"):
        dc.numerical_gradient(lambda x: 2 * x, np.array([1.0, 2.0]), df=np.ones(3))


def test_relative_error_refuses_shapes_that_would_broadcast():
    column = np.array([[1.0], [2.0], [3.0]])
    with pytest.raises(ValueError, match=r"a has shape \(3, 1\) but b has shape \(3,\)"):
        dc.relative_error(column, column.ravel())


def test_gradient_check_ignores_keys_other_than_W_and_b(square_network):
    parameters, X, Y = square_network
    errors = dc.gradient_check({**parameters, "name": "my net", "costs": [0.7]}, X, Y)
    assert sorted(errors) == sorted(parameters)
    assert max(errors.values()) < THRESHOLD


def test_gradient_check_judges_the_grads_it_is_given(network):
    """Given grads whose dW1 lacks the 1/m, only W1 is flagged."""
    X, Y, parameters = network
    AL, caches = dc.L_model_forward(X, parameters)
    grads = dc.L_model_backward(AL, Y, caches)
    buggy = {**grads, "dW1": X.shape[1] * grads["dW1"]}
    errors = dc.gradient_check(parameters, X, Y, grads=buggy)
    assert errors["W1"] > 0.5
    assert max(error for name, error in errors.items() if name != "W1") < 1e-7

import numpy as np
import pytest
from networks import make_network
from numpy.testing import assert_allclose

import dnn_course as dc


@pytest.fixture
def step():
    X, Y, parameters = make_network([3, 4, 1], m=5, seed=8)
    AL, caches = dc.L_model_forward(X, parameters)
    return parameters, dc.L_model_backward(AL, Y, caches)


def test_gradient_descent_step(step):
    parameters, grads = step
    new = dc.update_parameters(parameters, grads, learning_rate=0.3)
    assert set(new) == set(parameters)
    for key in parameters:
        assert_allclose(new[key], parameters[key] - 0.3 * grads["d" + key], rtol=1e-15)


def test_input_dict_and_arrays_stay_untouched(step):
    parameters, grads = step
    snapshot = {key: value.copy() for key, value in parameters.items()}
    arrays = {key: value for key, value in parameters.items()}
    new = dc.update_parameters(parameters, grads, 0.3)
    assert new is not parameters
    for key in snapshot:
        assert parameters[key] is arrays[key]
        assert np.array_equal(parameters[key], snapshot[key])
        assert not np.shares_memory(new[key], parameters[key])


def test_a_step_lowers_the_cost():
    X, Y, parameters = make_network([3, 4, 1], m=8, seed=8)
    AL, caches = dc.L_model_forward(X, parameters)
    new = dc.update_parameters(parameters, dc.L_model_backward(AL, Y, caches), 0.05)
    assert dc.compute_cost(dc.L_model_forward(X, new)[0], Y) < dc.compute_cost(AL, Y)


@pytest.mark.parametrize("missing", ["dW2", "db1"])
def test_missing_gradient_is_named(step, missing):
    parameters, grads = step
    del grads[missing]
    with pytest.raises(KeyError, match=missing):
        dc.update_parameters(parameters, grads, 0.1)


@pytest.mark.parametrize("missing", ["W2", "b2"])
def test_missing_parameter_is_named(step, missing):
    parameters, grads = step
    del parameters[missing]
    with pytest.raises(KeyError, match=missing):
        dc.update_parameters(parameters, grads, 0.1)


@pytest.mark.parametrize("learning_rate", [0, -0.01])
def test_learning_rate_must_be_positive(step, learning_rate):
    with pytest.raises(ValueError, match="learning_rate must be > 0"):
        dc.update_parameters(*step, learning_rate)


def test_gradient_of_the_wrong_shape(step):
    parameters, grads = step
    grads["dW1"] = grads["dW1"].T
    with pytest.raises(ValueError, match=r"dW1 has shape \(3, 4\) but W1 has shape \(4, 3\)"):
        dc.update_parameters(parameters, grads, 0.1)


def test_nested_lists_are_read_as_the_arrays_they_spell():
    parameters = {"W1": [[1.0, 2.0]], "b1": [[0.5]]}
    grads = {"dW1": [[0.1, -0.2]], "db1": [[1.0]]}
    new = dc.update_parameters(parameters, grads, 0.5)
    np.testing.assert_allclose(new["W1"], [[0.95, 2.1]])
    np.testing.assert_allclose(new["b1"], [[0.0]])
    assert parameters["W1"] == [[1.0, 2.0]]  # the input is left as it was


def test_a_gradient_that_is_not_an_array_is_named():
    parameters = {"W1": np.ones((1, 2)), "b1": np.zeros((1, 1))}
    with pytest.raises(TypeError, match="dW1 must be a numpy array"):
        dc.update_parameters(parameters, {"dW1": None, "db1": np.ones((1, 1))}, 0.1)

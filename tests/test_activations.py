import warnings

import numpy as np
import pytest
from networks import make_network
from numpy.testing import assert_allclose, assert_array_equal

import dnn_course as dc
from dnn_course.activations import ACTIVATIONS, LEAKY_SLOPE, get_activation

Z = np.array([[-2.0, -0.5, 0.0, 0.5, 3.0], [1.0, -1.0, 2.0, -3.0, 0.25]])


def test_forward_values_by_hand():
    assert_array_equal(dc.relu(Z)[0], [[0, 0, 0, 0.5, 3], [1, 0, 2, 0, 0.25]])
    assert_allclose(dc.leaky_relu(Z)[0][0], [-0.02, -0.005, 0, 0.5, 3], rtol=1e-15)
    assert_allclose(dc.sigmoid(np.array([[0.0, np.log(3)]]))[0], [[0.5, 0.75]], rtol=1e-15)
    assert_allclose(dc.tanh(np.array([[np.log(2)]]))[0], [[0.6]], rtol=1e-15)  # (4-1)/(4+1)


@pytest.mark.parametrize("name", list(ACTIVATIONS))
def test_forward_caches_Z_itself(name):
    forward, _ = ACTIVATIONS[name]
    A, activation_cache = forward(Z)
    assert activation_cache is Z
    assert A.shape == Z.shape


def test_backward_derivatives_by_hand():
    dA = np.full_like(Z, 2.0)
    assert_array_equal(dc.relu_backward(dA, Z)[0], [0, 0, 0, 2, 2])  # relu'(0) = 0
    assert_allclose(dc.leaky_relu_backward(dA, Z)[0], [0.02, 0.02, 0.02, 2, 2], rtol=1e-15)
    assert_allclose(dc.sigmoid_backward(np.ones((1, 1)), np.zeros((1, 1))), [[0.25]], rtol=1e-15)
    assert_allclose(dc.tanh_backward(np.ones((1, 1)), np.zeros((1, 1))), [[1.0]], rtol=1e-15)


@pytest.mark.parametrize("name", list(ACTIVATIONS))
def test_backward_matches_numerical_gradient(name):
    """dZ = dA * g'(Z) against centred differences of sum(g(Z) * dA), away from the kink."""
    forward, backward = ACTIVATIONS[name]
    rng = np.random.default_rng(7)
    Zs = rng.uniform(0.1, 2.0, (3, 4)) * rng.choice([-1, 1], (3, 4))
    dA = rng.standard_normal((3, 4))
    numerical = dc.numerical_gradient(lambda z: forward(z)[0], Zs.copy(), df=dA)
    assert dc.relative_error(backward(dA, Zs), numerical) < 1e-9


def test_backward_reads_the_cached_Z_not_the_output():
    """relu' is decided by the sign of Z in the cache; dA alone says nothing about it."""
    dA = np.ones((1, 2))
    assert_array_equal(dc.relu_backward(dA, np.array([[-1.0, 1.0]])), [[0, 1]])
    assert_array_equal(dc.relu_backward(dA, np.array([[1.0, -1.0]])), [[1, 0]])


def test_sigmoid_saturates_without_warnings():
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        A, _ = dc.sigmoid(np.array([[-1000.0, -40.0, 40.0, 1000.0]]))
    assert A[0, 0] == 0.0 and A[0, -1] == 1.0
    assert 0 < A[0, 1] < 1e-17


def test_leaky_slope_is_the_courses():
    assert LEAKY_SLOPE == 0.01


def test_backward_with_mismatched_shapes_names_both():
    with pytest.raises(ValueError, match=r"dA has shape \(2, 3\).*cached Z has shape \(3, 2\)"):
        dc.relu_backward(np.ones((2, 3)), np.ones((3, 2)))


def test_unknown_activation_lists_the_valid_names():
    with pytest.raises(ValueError, match="softmax") as error:
        get_activation("softmax")
    for name in ACTIVATIONS:
        assert repr(name) in str(error.value)


def test_backward_given_the_whole_layer_cache_says_which_field_to_pass():
    X, _, parameters = make_network([3, 2, 1], seed=5)
    _, caches = dc.L_model_forward(X, parameters)
    dA = np.ones((2, 5))
    with pytest.raises(TypeError, match=r"activation_cache.*LayerCache.*cache\.activation_cache"):
        dc.relu_backward(dA, caches[0])


def test_backward_given_a_list_for_dA():
    with pytest.raises(TypeError, match=r"dA.*numpy array.*\(n\[l\], m\).*list"):
        dc.sigmoid_backward([[1.0, 2.0]], np.ones((1, 2)))

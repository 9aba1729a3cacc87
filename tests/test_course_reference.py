"""The course exercise's published outputs, reproduced from the same seeds.

These numbers are the programming exercise's "expected output" tables: the external
oracle that lets a student move between the course and this package. The course's grader
tests, with the full published arrays, are in test_course_graders.py.
"""

import numpy as np
from numpy.testing import assert_allclose

import dnn_course as dc

PRINTED = dict(rtol=0, atol=5e-9)  # the course prints 8 decimals


def test_initialize_parameters_deep_reproduces_seed_3():
    parameters = dc.initialize_parameters_deep([5, 4, 3], rng=np.random.RandomState(3))
    assert_allclose(
        parameters["W1"][0], [0.01788628, 0.0043651, 0.00096497, -0.01863493, -0.00277388],
        **PRINTED,
    )
    assert_allclose(parameters["W2"][0], [-0.01185047, -0.0020565, 0.01486148, 0.00236716],
                    **PRINTED)
    assert parameters["b1"].shape == (4, 1) and not parameters["b1"].any()


def test_linear_forward_seed_1():
    np.random.seed(1)
    A, W, b = np.random.randn(3, 2), np.random.randn(1, 3), np.random.randn(1, 1)
    Z, _ = dc.linear_forward(A, W, b)
    assert_allclose(Z, [[3.26295337, -1.23429987]], **PRINTED)


def test_linear_activation_forward_seed_2():
    np.random.seed(2)
    A, W, b = np.random.randn(3, 2), np.random.randn(1, 3), np.random.randn(1, 1)
    assert_allclose(dc.linear_activation_forward(A, W, b, "sigmoid")[0],
                    [[0.96890023, 0.11013289]], **PRINTED)
    assert_allclose(dc.linear_activation_forward(A, W, b, "relu")[0], [[3.43896131, 0.0]],
                    **PRINTED)


def test_compute_cost():
    cost = dc.compute_cost(np.array([[0.8, 0.9, 0.4]]), np.array([[1, 1, 0]]))
    assert_allclose(cost, 0.2797765635793422, rtol=1e-15)


def test_linear_backward_seed_1():
    np.random.seed(1)
    dZ, A, W, b = (np.random.randn(3, 4), np.random.randn(5, 4), np.random.randn(3, 5),
                   np.random.randn(3, 1))
    dA_prev, dW, db = dc.linear_backward(dZ, (A, W, b))
    assert_allclose(dA_prev[0], [-1.15171336, 0.06718465, -0.3204696, 2.09812712], **PRINTED)
    assert_allclose(dW[0], [0.07313866, -0.0976715, -0.87585828, 0.73763362, 0.00785716],
                    **PRINTED)
    assert_allclose(db, [[-0.14713786], [-0.11313155], [-0.13209101]], **PRINTED)


def test_linear_activation_backward_seed_2():
    np.random.seed(2)
    dA, A, W, b, Z = (np.random.randn(1, 2), np.random.randn(3, 2), np.random.randn(1, 3),
                      np.random.randn(1, 1), np.random.randn(1, 2))
    dA_prev, dW, db = dc.linear_activation_backward(dA, ((A, W, b), Z), "sigmoid")
    assert_allclose(dA_prev[:, 0], [0.11017994, 0.09466817, -0.05743092], **PRINTED)
    assert_allclose(dW, [[0.10266786, 0.09778551, -0.01968084]], **PRINTED)
    assert_allclose(db, [[-0.05729622]], **PRINTED)
    dA_prev, dW, db = dc.linear_activation_backward(dA, ((A, W, b), Z), "relu")
    assert_allclose(dA_prev[:, 0], [0.44090989, 0.37883606, -0.2298228], **PRINTED)
    assert_allclose(dW, [[0.44513824, 0.37371418, -0.10478989]], **PRINTED)
    assert_allclose(db, [[-0.20837892]], **PRINTED)


def test_initialize_parameters_seed_1():
    """The course's 2-layer initialization, after its np.random.seed(1): 0.01 randn."""
    np.random.seed(1)
    parameters = dc.initialize_parameters(3, 2, 1)
    assert_allclose(parameters["W1"], [[0.01624345, -0.00611756, -0.00528172],
                                       [-0.01072969, 0.00865408, -0.02301539]], **PRINTED)
    assert_allclose(parameters["W2"], [[0.01744812, -0.00761207]], **PRINTED)
    assert not parameters["b1"].any() and parameters["b2"].shape == (1, 1)


def test_rng_none_draws_from_numpy_global_generator():
    """np.random.seed(3) before a call reproduces the course, and the draw advances it."""
    np.random.seed(3)
    first = dc.initialize_parameters_deep([5, 4, 3])
    assert_allclose(first["W1"][0], [0.01788628, 0.0043651, 0.00096497, -0.01863493,
                                     -0.00277388], **PRINTED)
    second = dc.initialize_parameters_deep([5, 4, 3])
    assert not np.allclose(first["W1"], second["W1"])


def test_L_layer_model_seed_1_records_costs_as_the_course_does():
    """The course's application: np.random.seed(1), X = randn(10, 10), 1/sqrt(n) weights."""
    np.random.seed(1)
    X, Y = np.random.randn(10, 10), np.array([[1, 1, 1, 1, 0, 0, 0, 1, 1, 0]])
    np.random.seed(1)
    parameters, costs = dc.L_layer_model(X, Y, (10, 5, 6, 1), 0.0075, 2)
    assert_allclose(parameters["b3"], [[0.0013201]], **PRINTED)
    assert_allclose(costs, [0.70723944], **PRINTED)
    assert isinstance(costs[0], np.ndarray) and costs[0].shape == ()

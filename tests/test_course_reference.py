"""The course exercise's published outputs, reproduced from the same seeds.

These numbers are the programming exercise's "expected output" tables: the external
oracle that lets a student move between the course and this package.
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


def test_L_model_forward_seed_6():
    np.random.seed(6)
    X = np.random.randn(5, 4)
    parameters = {}
    for l, shape in enumerate([(4, 5), (3, 4), (1, 3)], start=1):
        parameters[f"W{l}"] = np.random.randn(*shape)
        parameters[f"b{l}"] = np.random.randn(shape[0], 1)
    AL, caches = dc.L_model_forward(X, parameters)
    assert_allclose(AL, [[0.03921668, 0.70498921, 0.19734387, 0.04728177]], **PRINTED)
    assert len(caches) == 3


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


def test_L_model_backward_seed_3_with_plain_tuple_caches():
    np.random.seed(3)
    AL, Y = np.random.randn(1, 2), np.array([[1, 0]])
    A1, W1, b1, Z1 = (np.random.randn(4, 2), np.random.randn(3, 4), np.random.randn(3, 1),
                      np.random.randn(3, 2))
    A2, W2, b2, Z2 = (np.random.randn(3, 2), np.random.randn(1, 3), np.random.randn(1, 1),
                      np.random.randn(1, 2))
    grads = dc.L_model_backward(AL, Y, (((A1, W1, b1), Z1), ((A2, W2, b2), Z2)))
    assert_allclose(grads["dW1"], [[0.41010002, 0.07807203, 0.13798444, 0.10502167],
                                   [0, 0, 0, 0],
                                   [0.05283652, 0.01005865, 0.01777766, 0.0135308]], **PRINTED)
    assert_allclose(grads["db1"], [[-0.22007063], [0], [-0.02835349]], **PRINTED)
    assert_allclose(grads["dA1"], [[0.12913162, -0.44014127], [-0.14175655, 0.48317296],
                                   [0.01663708, -0.05670698]], **PRINTED)

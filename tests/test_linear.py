import numpy as np
import pytest
from numpy.testing import assert_allclose, assert_array_equal

import dnn_course as dc

# A hand-checkable layer: n[l-1] = 2, n[l] = 2, m = 3, non-zero biases.
A_prev = np.array([[1.0, 0.0, 2.0], [0.0, 1.0, -1.0]])
W = np.array([[1.0, 2.0], [3.0, 4.0]])
b = np.array([[0.5], [-1.0]])


def test_linear_forward_by_hand():
    Z, cache = dc.linear_forward(A_prev, W, b)
    # column 1: [1 + 0.5, 3 - 1]; column 2: [2 + 0.5, 4 - 1]; column 3: [2 - 2 + 0.5, 6 - 4 - 1]
    assert_array_equal(Z, [[1.5, 2.5, 0.5], [2.0, 3.0, 1.0]])
    assert cache.A_prev is A_prev and cache.W is W and cache.b is b


def test_linear_cache_unpacks_like_the_course_tuple_and_prints_field_names():
    _, cache = dc.linear_forward(A_prev, W, b)
    A, W_cached, b_cached = cache
    assert A is A_prev and W_cached is W and b_cached is b
    assert repr(cache).startswith("LinearCache(A_prev=")


def test_b_broadcasts_over_the_columns():
    Z, _ = dc.linear_forward(A_prev, W, b)
    assert_allclose(Z - W @ A_prev, np.repeat(b, 3, axis=1), rtol=0, atol=0)


def test_linear_backward_by_hand():
    dZ = np.array([[1.0, 0.0, 1.0], [0.0, 2.0, -1.0]])
    dA_prev, dW, db = dc.linear_backward(dZ, (A_prev, W, b))
    assert_allclose(dW, [[1, -1 / 3], [-2 / 3, 1]], rtol=1e-15)  # (1/3) dZ A_prev^T
    assert_allclose(db, [[2 / 3], [1 / 3]], rtol=1e-15)  # (1/3) row sums
    assert_array_equal(dA_prev, [[1, 6, -2], [2, 8, -2]])  # W^T dZ
    assert db.shape == (2, 1)


def test_linear_backward_matches_numerical_gradient():
    rng = np.random.default_rng(1)
    A, Wr = rng.standard_normal((4, 6)), rng.standard_normal((3, 4))
    br = rng.standard_normal((3, 1))
    dZ = rng.standard_normal((3, 6))
    dA_prev, dW, db = dc.linear_backward(dZ, (A, Wr, br))
    m = A.shape[1]
    # the loss sum(Z * dZ) / m has these exact gradients w.r.t. W and b; A's gradient is W^T dZ
    num_dW = dc.numerical_gradient(lambda w: dc.linear_forward(A, w, br)[0], Wr.copy(), df=dZ) / m
    num_db = dc.numerical_gradient(lambda v: dc.linear_forward(A, Wr, v)[0], br.copy(), df=dZ) / m
    num_dA = dc.numerical_gradient(lambda a: dc.linear_forward(a, Wr, br)[0], A.copy(), df=dZ)
    assert dc.relative_error(dW, num_dW) < 1e-9
    assert dc.relative_error(db, num_db) < 1e-9
    assert dc.relative_error(dA_prev, num_dA) < 1e-9


def test_skipping_dA_prev_changes_nothing_else():
    dZ = np.array([[1.0, 0.0, 1.0], [0.0, 2.0, -1.0]])
    full = dc.linear_backward(dZ, (A_prev, W, b))
    dA_prev, dW, db = dc.linear_backward(dZ, (A_prev, W, b), compute_dA_prev=False)
    assert dA_prev is None
    assert_array_equal(dW, full[1])
    assert_array_equal(db, full[2])


@pytest.mark.parametrize(
    ("args", "pattern"),
    [
        ((np.ones((3, 4)), W, b), r"W has shape \(2, 2\) but A_prev has 3 rows"),
        ((A_prev, W, np.ones((1, 2))), r"b has shape \(1, 2\).*\(n\[l\], 1\) = \(2, 1\)"),
        ((A_prev, W, np.ones(2)), r"b must be a 2-D array of shape \(n\[l\], 1\)"),
        ((np.ones(3), W, b), r"A_prev must be a 2-D array"),
    ],
)
def test_linear_forward_shape_errors(args, pattern):
    with pytest.raises(ValueError, match=pattern):
        dc.linear_forward(*args)


def test_linear_forward_rejects_non_arrays():
    with pytest.raises(TypeError, match="W must be a numpy array"):
        dc.linear_forward(A_prev, "W1", b)


def test_linear_backward_rejects_dZ_of_the_wrong_shape():
    with pytest.raises(ValueError, match=r"dZ has shape \(3, 2\).*\(2, 3\)"):
        dc.linear_backward(np.ones((3, 2)), (A_prev, W, b))


def test_linear_backward_names_a_cache_of_the_wrong_level():
    A_prev, W, b = np.ones((3, 4)), np.ones((2, 3)), np.zeros((2, 1))
    _, layer_cache = dc.linear_activation_forward(A_prev, W, b, "relu")
    with pytest.raises(TypeError, match=r"LayerCache.*cache\.linear_cache"):
        dc.linear_backward(np.ones((2, 4)), layer_cache)


def test_linear_backward_reads_a_nested_list_dZ_as_the_array():
    cache = (np.arange(12.0).reshape(3, 4), np.ones((2, 3)), np.zeros((2, 1)))
    dZ = [[1.0, -2.0, 3.0, 0.5], [0.0, 1.0, -1.0, 2.0]]
    for got, expected in zip(dc.linear_backward(dZ, cache), dc.linear_backward(np.array(dZ), cache),
                             strict=True):
        assert_array_equal(got, expected)

import math

import numpy as np
import pytest
from numpy.testing import assert_allclose, assert_array_equal

import dnn_course as dc


def test_cost_by_hand():
    AL, Y = np.array([[0.8, 0.9, 0.4]]), np.array([[1, 1, 0]])
    expected = -(math.log(0.8) + math.log(0.9) + math.log(0.6)) / 3
    assert_allclose(dc.compute_cost(AL, Y), expected, rtol=1e-15)
    assert_allclose(dc.compute_cost(np.array([[0.5, 0.5]]), np.array([[1, 0]])), math.log(2),
                    rtol=1e-15)


def test_cost_is_the_courses_0d_array_and_prints_like_a_float():
    """The course's compute_cost returns np.squeeze(cost), a 0-d array, and its grader checks
    the recorded costs are np.ndarray; printing and formatting stay those of a float."""
    cost = dc.compute_cost(np.array([[0.8, 0.3]]), np.array([[1, 0]]))
    J = float(-(np.log(0.8) + np.log(0.7)) / 2)
    assert isinstance(cost, np.ndarray) and cost.shape == ()
    assert repr(cost) == str(cost) == repr(J) and f"{cost:.6f}" == f"{J:.6f}"
    assert type(cost + 1) is not type(cost)  # arithmetic gives plain numbers back


def test_cost_is_finite_for_saturated_outputs():
    Y = np.array([[1, 0, 1, 0]])
    cost = dc.compute_cost(np.array([[0.0, 1.0, 1.0, 0.0]]), Y)
    nearly = dc.compute_cost(np.array([[1e-12, 1 - 1e-12, 1.0, 0.0]]), Y)
    assert np.isfinite(cost)
    assert cost > nearly > 10  # being exactly wrong costs more than being nearly wrong


def test_cost_rejects_probabilities_outside_0_1():
    with pytest.raises(ValueError, match=r"AL must hold probabilities in \[0, 1\]"):
        dc.compute_cost(np.array([[1.5, 0.2]]), np.array([[1, 0]]))


def test_dAL_is_the_lecture_formula_with_the_right_sign():
    AL, Y = np.array([[0.8, 0.25]]), np.array([[1, 0]])
    # -(1/0.8) for the positive example, 1/(1 - 0.25) for the negative one
    assert_allclose(dc.dAL(AL, Y), [[-1.25, 4 / 3]], rtol=1e-15)


def test_dAL_matches_the_numerical_derivative_of_the_cost():
    AL, Y = np.array([[0.7, 0.2, 0.45]]), np.array([[1, 0, 0]])
    m = AL.shape[1]
    numerical = dc.numerical_gradient(lambda a: dc.compute_cost(a, Y), AL.copy())
    assert_allclose(dc.dAL(AL, Y), m * numerical, rtol=1e-8)


def test_sigmoid_output_simplifies_to_AL_minus_Y():
    Z = np.array([[-1.3, 0.2, 2.5, 0.0]])
    Y = np.array([[0, 1, 1, 0]])
    AL, activation_cache = dc.sigmoid(Z)
    assert_allclose(dc.sigmoid_backward(dc.dAL(AL, Y), activation_cache), AL - Y, rtol=1e-12)


def test_dAL_is_finite_at_exact_0_and_1():
    out = dc.dAL(np.array([[0.0, 1.0, 0.0, 1.0]]), np.array([[1, 0, 0, 1]]))
    assert np.isfinite(out).all()
    assert_allclose(out[0, 2:], [1.0, -1.0], rtol=1e-15)


@pytest.mark.parametrize("shape", [(4, 1), (4,)])
def test_column_or_flat_labels_are_refused_not_broadcast(shape):
    AL = np.array([[0.8, 0.3, 0.6, 0.1]])
    with pytest.raises(ValueError, match=r"Y .*shape \(4,( 1)?\).*reshape\(1, -1\)"):
        dc.compute_cost(AL, np.array([1, 0, 1, 0]).reshape(shape))


def test_labels_must_be_binary():
    with pytest.raises(ValueError, match=r"0 or 1.*found \[2\.?\]"):
        dc.compute_cost(np.array([[0.8, 0.3]]), np.array([[2, 0]]))


def test_boolean_labels_count_as_0_1():
    AL = np.array([[0.8, 0.3, 0.6, 0.1]])
    Y = np.array([[True, False, True, True]])
    assert dc.compute_cost(AL, Y) == dc.compute_cost(AL, Y.astype(float))
    assert_array_equal(dc.dAL(AL, Y), dc.dAL(AL, Y.astype(float)))


def test_only_exact_0_1_and_subnormal_AL_move_off_the_edges():
    tiny, below_one = np.finfo(float).tiny, np.nextafter(1.0, 0.0)
    AL = np.array([[0.0, tiny / 4, tiny, 0.3, below_one, 1.0]])
    Y = np.array([[1, 1, 1, 0, 0, 0]])
    moved = np.array([[tiny, tiny, tiny, 0.3, below_one, below_one]])
    assert_array_equal(dc.dAL(AL, Y), -(Y / moved) + (1 - Y) / (1 - moved))
    assert dc.compute_cost(AL, Y) == dc.compute_cost(moved, Y)  # np.clip there, as AL is in [0, 1]

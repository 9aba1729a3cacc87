"""Training that runs away is named: inf or NaN stops it with the iteration and the learning
rate, a cost stuck far above its start warns, and data too large is named as the cause."""

import warnings

import numpy as np
import pytest

import dnn_course as dc
from dnn_course.divergence import FAR_ABOVE, PATIENCE, DivergedError


@pytest.fixture
def circle():
    return dc.make_dataset("circle", m=300, rng=0)


def test_an_overflowing_learning_rate_stops_with_the_iteration_and_the_rate(circle):
    X, Y = circle
    with pytest.raises(DivergedError, match=r"training diverged at iteration (\d+): W\d became "
                                            r"inf or NaN, .*learning_rate = 1e\+300 is too high"
                       ) as error:
        dc.L_layer_model(X, Y, [2, 8, 8, 1], learning_rate=1e300, num_iterations=50, rng=1)
    # what training had before the step that diverged is kept, and is finite
    assert error.value.parameters.keys() == {"W1", "b1", "W2", "b2", "W3", "b3"}
    assert all(np.isfinite(value).all() for value in error.value.parameters.values())
    assert "AL must hold probabilities" not in str(error.value)


def test_a_cost_stuck_far_above_its_start_warns(circle):
    X, Y = circle
    with pytest.warns(RuntimeWarning, match=r"has stayed above 1.5 times its start .* lower "
                                            r"learning_rate = 1000, e.g. to 100") as caught:
        _, costs = dc.L_layer_model(X, Y, [2, 8, 8, 1], learning_rate=1e3, num_iterations=400,
                                    rng=1)
    assert len([w for w in caught if "overshooting" in str(w.message)]) == 1  # once per run
    assert costs[-1] > FAR_ABOVE * costs[0]  # the warning describes what happened


def test_a_run_that_learns_gives_no_warning(circle):
    X, Y = circle
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        _, costs = dc.L_layer_model(X, Y, [2, 8, 8, 1], learning_rate=0.3,
                                    num_iterations=2 * PATIENCE + 1, rng=1)
    assert costs[-1] < costs[0]


def test_huge_coordinates_are_named_not_blamed_on_the_learning_rate(circle):
    X, Y = circle
    with pytest.raises(ValueError, match=r"X holds values up to 1.\d+e\+200: .*scale the "
                                         r"features") as error:
        dc.L_layer_model(X * 1e200, Y, [2, 8, 8, 1], num_iterations=5, rng=1)
    assert "learning" not in str(error.value)


def test_an_overflow_before_any_update_blames_the_data(circle):
    X, Y = circle
    parameters = dc.initialize_parameters_deep([2, 8, 8, 1], rng=1, scale=1e160)
    with pytest.raises(DivergedError, match=r"iteration 0: Z2 became inf or NaN, before any "
                                            r"update, so the learning rate is not the cause"):
        dc.L_layer_model(X, Y, [2, 8, 8, 1], num_iterations=5, parameters=parameters)


def test_no_examples_is_named(circle):
    X, Y = circle
    with pytest.raises(ValueError, match=r"X has m = 0 examples \(shape \(2, 0\)\)"):
        dc.L_layer_model(X[:, :0], Y[:, :0], [2, 3, 1], num_iterations=5, rng=1)

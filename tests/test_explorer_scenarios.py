"""Each instructor scenario shows what its lesson says, measured on the real training run."""

import numpy as np
import pytest

from dnn_course.explorer import SCENARIOS, Session


def run(name, iterations, **changes):
    session = Session(SCENARIOS[name].settings().replace(**changes))
    session.step(iterations)
    return session


def test_xor_needs_a_hidden_layer():
    linear = run("xor_needs_hidden", 400)
    hidden = run("xor_needs_hidden", 400, hidden_layers=1)
    assert linear.costs[-1] > 0.6  # logistic regression stays near log 2
    assert hidden.costs[-1] < 0.2


def test_sigmoid_hidden_layers_make_the_first_gradients_vanish():
    norms = np.array(run("sigmoid_vanishing", 1).grad_norms[0])
    assert len(norms) == 7
    assert norms[0] < 1e-3 * norms[-1]
    assert np.all(np.diff(np.log(norms)) > 0)  # smaller and smaller towards layer 1


def test_the_vanishing_lesson_holds_under_play():
    """What the lesson says of a Play run: layer 1 smallest for ~100 iterations, then the
    base-rate plateau; ReLU hidden layers learn instead."""
    session = run("sigmoid_vanishing", 1000)
    norms = np.array(session.grad_norms)
    assert np.all(np.argmin(norms[np.array(session.steps) < 100], axis=1) == 0)
    p = session.Y_train.mean()
    base_rate = -(p * np.log(p) + (1 - p) * np.log(1 - p))
    np.testing.assert_allclose(session.costs[-1], base_rate, rtol=1e-3)
    assert norms[-1].max() < 1e-3 * norms[0].max()
    relu = run("sigmoid_vanishing", 1000, hidden_activation="relu")
    assert relu.costs[-1] < 0.5 * base_rate


def test_a_large_learning_rate_kills_relu_units_for_good():
    session = run("dead_relu", 300)
    dead = np.array(session.dead)
    assert dead[-1].sum() > dead[0].sum()
    assert dead[-1][1] == session.settings.hidden_dims()[1]  # a whole layer is dead
    np.testing.assert_allclose(session.grad_norms[-1], 0, atol=1e-12)
    np.testing.assert_allclose(session.costs[-1], session.costs[-50], rtol=1e-9)


def test_a_too_high_learning_rate_makes_the_cost_jump():
    costs = np.array(run("learning_rate_too_high", 100).costs)
    assert np.sum(np.diff(costs) > 0) > 20  # many steps go uphill
    assert costs.max() > 2 * costs[0]


def test_a_too_small_initialization_stalls_at_the_base_rate():
    session = run("init_too_small", 400)
    assert max(session.grad_norms[0][:-1]) < 1e-4
    p = session.Y_train.mean()
    base_rate = -(p * np.log(p) + (1 - p) * np.log(1 - p))
    np.testing.assert_allclose(session.costs[-1], base_rate, rtol=1e-3)


def test_a_link_names_a_scenario_and_an_unknown_name_lists_the_valid_ones():
    from dnn_course.explorer import Explorer
    from dnn_course.explorer.scenarios import scenario_in_query

    assert scenario_in_query("token=abc&scenario=dead_relu") == "dead_relu"
    assert scenario_in_query("token=abc") is None and scenario_in_query(None) is None
    with pytest.raises(ValueError, match="valid names") as error:
        scenario_in_query("scenario=dead_relus")
    assert all(name in str(error.value) for name in SCENARIOS)

    explorer = Explorer(figures="inline")
    explorer.open_link("scenario=init_too_small&token=abc")
    assert explorer.settings == SCENARIOS["init_too_small"].settings()
    before = explorer.settings
    explorer.open_link("scenario=nope")
    assert explorer.settings == before and "dead_relu" in explorer.controls["lesson"].value

"""The explorer's plain-Python core: a step is the package's own loop, reset and JSON restore."""

import json
import re

import numpy as np
import pytest

from dnn_course import (
    L_model_backward,
    L_model_forward,
    compute_cost,
    initialize_parameters_deep,
    make_dataset,
    train_test_split,
    update_parameters,
)
from dnn_course.explorer import (
    SCENARIOS,
    Session,
    Settings,
    dead_units,
    from_json,
    gradient_norms,
    to_json,
)

SMALL = Settings(m=120, hidden_layers=2, neurons=(5, 3), hidden_activation=("relu", "tanh"))


def test_reset_builds_the_data_and_parameters_with_the_package_functions():
    session = Session(SMALL)
    X, Y = make_dataset("circle", 120, 0.1, rng=SMALL.data_seed)
    X_train, Y_train, X_test, Y_test = train_test_split(X, Y, SMALL.test_fraction, rng=0)
    np.testing.assert_array_equal(session.X_train, X_train)
    np.testing.assert_array_equal(session.Y_test, Y_test)
    expected = initialize_parameters_deep([2, 5, 3, 1], rng=SMALL.seed, scale="he")
    assert sorted(session.parameters) == sorted(expected)
    for key in expected:
        np.testing.assert_array_equal(session.parameters[key], expected[key])


def test_one_step_is_forward_cost_backward_update_of_the_package():
    session = Session(SMALL)
    before = session.state()["parameters"]
    AL, caches = L_model_forward(session.X_train, before, ["relu", "tanh"])
    grads = L_model_backward(AL, session.Y_train, caches, ["relu", "tanh"])
    expected = update_parameters(before, grads, SMALL.learning_rate)
    session.step(1)
    for key in expected:
        np.testing.assert_allclose(session.parameters[key], expected[key], rtol=0, atol=0)
    np.testing.assert_allclose(session.costs, [compute_cost(AL, session.Y_train)], rtol=1e-15)
    np.testing.assert_allclose(session.grad_norms[0], gradient_norms(grads), rtol=1e-15)
    AL_test, _ = L_model_forward(session.X_test, before, ["relu", "tanh"])
    np.testing.assert_allclose(session.test_costs[0], compute_cost(AL_test, session.Y_test),
                               rtol=1e-15)
    assert session.iteration == 1


def test_steps_lower_the_cost_and_reset_restores_the_start():
    session = Session(SMALL)
    start = session.state()
    session.step(200)
    assert session.iteration == 200 and len(session.costs) == 200
    assert session.costs[-1] < session.costs[0] - 0.1
    session.reset()
    assert session.iteration == 0 and session.costs == [] and session.grad_norms == []
    for key, value in start["parameters"].items():
        np.testing.assert_array_equal(session.parameters[key], value)


def test_gradient_norms_are_the_frobenius_norm_of_each_dW():
    rng = np.random.default_rng(3)
    grads = {"dW1": rng.normal(size=(4, 2)), "db1": rng.normal(size=(4, 1)),
             "dW2": rng.normal(size=(1, 4)), "db2": rng.normal(size=(1, 1))}
    direct = [np.sqrt(np.sum(grads[k] ** 2)) for k in ("dW1", "dW2")]
    np.testing.assert_allclose(gradient_norms(grads), direct, rtol=1e-14)


def test_dead_units_counts_relu_units_with_Z_nonpositive_on_every_example():
    rng = np.random.default_rng(4)
    X = rng.normal(size=(2, 50))
    parameters = initialize_parameters_deep([2, 6, 4, 1], rng=5, scale="he")
    parameters["b1"][[1, 4]] = -100.0  # units 2 and 5 of layer 1 never fire
    parameters["b2"][0] = -100.0
    _, caches = L_model_forward(X, parameters, "relu")
    direct = [sum(all(z <= 0 for z in row) for row in cache.activation_cache)
              for cache in caches[:-1]]
    assert dead_units(caches, ["relu", "relu"]) == direct
    assert direct[0] >= 2 and direct[1] >= 1
    assert dead_units(caches, ["tanh", "relu"]) == [0, direct[1]]


def test_json_round_trip_restores_parameters_history_and_predictions():
    session = Session(SMALL)
    session.step(37)
    restored = from_json(to_json(session))
    assert restored.iteration == 37 and restored.settings == session.settings
    for key, value in session.parameters.items():
        np.testing.assert_array_equal(restored.parameters[key], value)
    assert restored.costs == session.costs and restored.grad_norms == session.grad_norms
    grid = np.random.default_rng(0).uniform(-1.5, 1.5, (2, 200))
    np.testing.assert_array_equal(restored.probabilities(grid), session.probabilities(grid))
    session.step(5)
    restored.step(5)
    np.testing.assert_array_equal(restored.parameters["W1"], session.parameters["W1"])


def test_json_round_trip_keeps_own_data():
    rng = np.random.default_rng(1)
    X = rng.normal(size=(2, 30))
    Y = (X[0] > 0).astype(float).reshape(1, -1)
    session = Session(Settings(hidden_layers=1), X, Y)
    session.step(3)
    restored = from_json(to_json(session))
    assert restored.settings.dataset == "custom"
    np.testing.assert_array_equal(restored.X_train, session.X_train)
    np.testing.assert_array_equal(restored.parameters["W2"], session.parameters["W2"])


@pytest.mark.parametrize(
    ("edit", "message"),
    [
        (lambda d: "not json", "not valid JSON"),
        (lambda d: {**d, "format": "other"}, '"format"'),
        (lambda d: {k: v for k, v in d.items() if k != "parameters"}, "lacks ['parameters']"),
        (lambda d: {**d, "settings": {**d["settings"], "colour": 1}}, "unknown setting"),
        (lambda d: {**d, "settings": {**d["settings"], "hidden_layers": 9}}, "hidden_layers"),
        (lambda d: {**d, "parameters": {**d["parameters"], "W1": [[1.0, 2.0]]}}, "shape"),
        (lambda d: {**d, "parameters": {**d["parameters"], "b1": "x"}}, "b1"),
        (lambda d: {**d, "iteration": -1}, "iteration"),
        (lambda d: {**d, "costs": [0.5] * 10}, "costs"),
        (lambda d: {**d, "grad_norms": []}, "grad_norms has 0 entries but costs has 2"),
        (lambda d: {**d, "costs": ["a", 0.5]}, "costs[0] must be a number 0 <= J <= 744.4, got"),
        (lambda d: {**d, "test_costs": [0.5, True]}, "test_costs[1] must be a number 0 <= J"),
        (lambda d: {**d, "grad_norms": [[1.0]] * 2}, "grad_norms[0] must be a list of L = 3"),
        (lambda d: {**d, "dead_units": [[0, 0.5]] * 2}, "dead_units[0] must be a list of L - 1"),
        (lambda d: {**d, "settings": {**d["settings"], "hidden_activation": [["relu"], ["tanh"]]}},
         "unknown activation ['relu']"),
        (lambda d: {**d, "settings": {**d["settings"], "dataset": "custom"}}, '"data": {"X"'),
        (lambda d: {**d, "settings": {**d["settings"], "dataset": "custom"}, "data": {"Y": [[1]]}},
         '"data": {"X"'),
        (lambda d: {**d, "settings": {**d["settings"], "dataset": "custom"},
                    "data": {"X": None, "Y": [[0, 1, 0, 1]]}}, "data: X must be"),
    ],
)
def test_malformed_json_state_gets_a_clear_error(edit, message):
    session = Session(SMALL)
    session.step(2)
    document = json.loads(to_json(session))
    edited = edit(document)
    text = edited if isinstance(edited, str) else json.dumps(edited)
    with pytest.raises(ValueError, match=re.escape(message)):
        from_json(text)


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"hidden_layers": 7}, "hidden_layers must be an integer from 0 to 6"),
        ({"neurons": (8, 8, 8)}, "neurons gives 3 values but there are hidden_layers = 2"),
        ({"hidden_activation": "softmax"}, "unknown activation 'softmax'"),
        ({"hidden_activation": ("relu;tanh",)}, "unknown activation 'relu;tanh'"),
        ({"hidden_activation": (["relu"], ["relu"])}, r"unknown activation \['relu'\]"),
        ({"learning_rate": 0}, "learning_rate must be between 0 and 100"),
        ({"init_scale": "huge"}, "init_scale must be a number"),
        ({"dataset": "circles"}, "dataset must be one of circle"),
        ({"speed": 3}, "unknown setting"),
    ],
)
def test_bad_settings_are_named_in_the_error(changes, message):
    with pytest.raises(ValueError, match=message):
        Settings().replace(**changes)


def test_an_update_to_inf_stops_with_a_learning_rate_message_and_keeps_the_parameters():
    session = Session(Settings(learning_rate=50.0))
    session.parameters = {key: value * 1e200 + 1e200 for key, value in session.parameters.items()}
    before = session.state()["parameters"]
    with pytest.raises(ValueError, match="learning_rate = 50.0 is too high"):
        session.step(1)
    assert session.iteration == 0 and session.costs == []
    for key, value in before.items():
        np.testing.assert_array_equal(session.parameters[key], value)


@pytest.mark.parametrize("name", list(SCENARIOS))
def test_scenarios_are_default_settings_with_their_changes(name):
    scenario = SCENARIOS[name]
    settings = scenario.settings()
    for field, value in vars(Settings()).items():
        assert getattr(settings, field) == scenario.changes.get(field, value)


def test_a_failed_configure_keeps_the_settings_and_the_run():
    session = Session(SMALL)
    session.step(3)
    with pytest.raises(ValueError, match='dataset "custom" needs your own X and Y'):
        session.configure(dataset="custom")
    assert session.settings == SMALL and session.iteration == 3
    assert from_json(to_json(session)).settings == SMALL
    session.step(1)
    assert session.iteration == 4


def test_a_training_step_skips_dA0_which_the_lecture_does_not_use():
    session = Session(SMALL)
    AL, caches = session.forward()
    assert "dA0" not in session.backward(AL, caches) and "dA1" in session.backward(AL, caches)
    grads = session.backward(AL, caches, compute_dA0=True)
    expected = L_model_backward(AL, session.Y_train, caches, ["relu", "tanh"])
    np.testing.assert_allclose(grads["dA0"], expected["dA0"], rtol=0, atol=0)


def test_the_history_stays_bounded_and_spans_the_whole_run():
    """Hours of Play keep at most HISTORY_POINTS iterations, evenly spaced, and the latest."""
    from dnn_course.explorer.session import HISTORY_POINTS

    session = Session(Settings(m=8, hidden_layers=1, neurons=2))
    for _ in range(6):
        session.step(1000)
        n, steps = session.iteration, session.steps
        assert len(steps) <= HISTORY_POINTS and steps[0] == 0 and steps[-1] == n - 1
        assert [len(session.costs), len(session.test_costs), len(session.grad_norms),
                len(session.dead)] == [len(steps)] * 4
        assert len(set(np.diff(steps[:-1]))) == 1 and np.diff(steps).max() <= 2 * n / HISTORY_POINTS
    J_last = compute_cost(session.forward()[0], session.Y_train)  # the next step's J
    session.step(1)
    assert session.steps[-1] == 6000 and session.costs[-1] == J_last


def test_the_exported_history_is_what_the_curves_draw_and_old_files_still_load():
    from dnn_course.explorer.session import HISTORY_POINTS
    from dnn_course.explorer.views import curves_frame

    session = Session(SMALL)
    session.step(1000)
    document = json.loads(to_json(session))
    frame = curves_frame(session)
    assert document["steps"] == np.frombuffer(frame["steps"]["data"]).tolist()
    assert len(document["costs"]) == len(document["steps"]) <= HISTORY_POINTS
    restored = from_json(json.dumps(document))
    assert (restored.steps, restored.costs) == (session.steps, session.costs)
    first = {**document, "format": "dnn_course.explorer/1"}  # one entry per iteration
    del first["steps"]
    full = Session(SMALL)
    full.record = lambda *entry: [column.append(value) for column, value in zip(
        (full.steps, full.costs, full.test_costs, full.grad_norms, full.dead), entry,
        strict=True)]
    full.step(1000)  # an old explorer's unthinned history
    first.update(costs=full.costs, test_costs=full.test_costs, grad_norms=full.grad_norms,
                 dead_units=full.dead)
    old = from_json(json.dumps(first))
    assert old.iteration == 1000 and (old.steps, old.costs) == (session.steps, session.costs)


def test_an_impossible_cost_is_refused_and_huge_norms_are_drawn():
    from dnn_course.explorer.views import curve_limits

    session = Session(SMALL)
    session.step(2)
    document = json.loads(to_json(session))
    with pytest.raises(ValueError, match=r"costs\[1\] must be a number 0 <= J <= 744.4"):
        from_json(json.dumps({**document, "costs": [0.5, 1e308]}))
    huge = from_json(json.dumps({**document, "grad_norms": [[1e308] * 3] * 2}))
    x_max, cost_top, (low, high) = curve_limits(2, [744.0, 1e308], np.array(huge.grad_norms))
    assert cost_top >= 744 and low <= 1e308 <= high

"""The explorer's per-step numbers (test J, ||dW[l]||, dead units) are computed only for the
iterations its history keeps and for the latest one shown, with the numbers a full
computation of every iteration gives."""

import json

import numpy as np
import pytest

from dnn_course import L_model_backward, L_model_forward, compute_cost, update_parameters
from dnn_course.explorer import Session, Settings, dead_units, from_json, gradient_norms, to_json
from dnn_course.explorer import session as session_module

SETTINGS = Settings(m=120, hidden_layers=2, neurons=(5, 3), hidden_activation=("relu", "tanh"),
                    learning_rate=3.0)
HISTORY_POINTS = 16  # small, so that a short run doubles the stride several times
CHUNKS = [1, 10, 10, 3, 37, 10, 1, 1, 64, 10, 200, 7, 10, 10, 90]  # Play ticks and ex.step(n)


@pytest.fixture
def few_points(monkeypatch):
    monkeypatch.setattr(session_module, "HISTORY_POINTS", HISTORY_POINTS)


def full_run(session, n):
    """Every iteration's J, test J, ||dW[l]|| and dead units, from the package's functions."""
    parameters, rows = Session(session.settings).parameters, []
    activations = session.activations
    for _ in range(n):
        AL, caches = L_model_forward(session.X_train, parameters, activations)
        grads = L_model_backward(AL, session.Y_train, caches, activations)
        AL_test, _ = L_model_forward(session.X_test, parameters, activations)
        rows.append((float(compute_cost(AL, session.Y_train)),
                     float(compute_cost(AL_test, session.Y_test)),
                     gradient_norms(grads), dead_units(caches, activations)))
        parameters = update_parameters(parameters, grads, session.settings.learning_rate)
    return rows


def history(session):
    state = session.state()
    return list(zip(state["costs"], state["test_costs"], state["grad_norms"],
                    state["dead_units"], strict=True))


def test_the_kept_and_the_shown_iterations_have_the_numbers_of_a_full_computation(few_points):
    session = Session(SETTINGS)
    full = full_run(session, sum(CHUNKS))
    shown = []
    for n in CHUNKS:
        session.step(n)
        shown.append((session.iteration - 1, history(session)[-1]))  # what the page shows
        assert len(session.steps) <= HISTORY_POINTS
    assert session.stride >= 32  # the history dropped iterations several times
    assert {dead for row in full for dead in row[3]} != {0}  # dead units come and go
    for i, row in shown:
        assert row == full[i]
    assert history(session) == [full[i] for i in session.steps]


def test_an_exported_state_holds_the_latest_numbers_and_round_trips(few_points):
    session = Session(SETTINGS)
    session.step(101)  # the latest, iteration 100, is off the stride: its numbers are owed
    assert session.steps[-1] % session.stride
    document = json.loads(to_json(session))
    full = full_run(session, 101)
    assert document["test_costs"][-1] == full[100][1]
    assert document["grad_norms"][-1] == full[100][2]
    assert document["dead_units"][-1] == full[100][3]
    restored = from_json(json.dumps(document))
    assert history(restored) == history(session) and restored.steps == session.steps
    restored.step(1)
    session.step(1)
    assert history(restored)[-1] == history(session)[-1] == full_run(session, 102)[101]


def test_the_test_set_is_not_run_for_every_iteration(few_points, monkeypatch):
    """Play: ticks of 10 iterations, each tick reads the latest numbers. Counted: forward
    passes on the test set, which a full computation makes once per iteration."""
    session, passes = Session(SETTINGS), []

    def forward(X, *rest):
        passes.append(X is session.X_test)
        return L_model_forward.unchecked(X, *rest)

    forward.unchecked = forward
    monkeypatch.setattr(session_module, "L_model_forward", forward)
    ticks = 200
    for _ in range(ticks):
        for _ in range(10):
            session.step(1)
        assert session.test_costs[-1] is not None and session.dead[-1] is not None
    assert all(passes)
    kept = HISTORY_POINTS * np.log2(10 * ticks / HISTORY_POINTS)  # about half at each doubling
    assert len(passes) <= ticks + kept < 10 * ticks / 5

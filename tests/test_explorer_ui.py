"""The explorer's widgets drive its model: set a control, click a button, read the result.

No browser: ipywidgets objects work in plain Python, and ``button.click()`` runs the
same callbacks a click in JupyterLab or Voila runs.
"""

import datetime
import functools
import json
import math
import re

import numpy as np
import pytest

from dnn_course import initialize_parameters_deep, make_dataset
from dnn_course.explorer import SCENARIOS, Explorer, Session, Settings, timer, ui


@pytest.fixture
def ex(monkeypatch):
    # These tests count the iterations a tick runs. On a busy machine a stall can use up a
    # tick's time budget (tested in test_explorer_browser.py) and cut it short, so here the
    # budget is lifted.
    monkeypatch.setattr(ui, "run_steps", functools.partial(timer.run_steps, budget=math.inf))
    return Explorer(Settings(m=120), figures="inline")


def test_the_root_widget_and_the_dom_contract_classes(ex):
    assert "dnn-explorer" in ex.widget._dom_classes
    for name, css in (("play", "dnn-play"), ("pause", "dnn-pause"), ("step", "dnn-step"),
                      ("reset", "dnn-reset"), ("iteration", "dnn-iteration"),
                      ("learning_rate", "dnn-learning-rate"), ("dataset", "dnn-dataset"),
                      ("hidden_activation", "dnn-hidden-activation")):
        assert css in ex.controls[name]._dom_classes
    assert [b.description for b in ex.controls["scenarios"].values()] == [
        s.title for s in SCENARIOS.values()]
    assert all("dnn-scenario" in b._dom_classes for b in ex.controls["scenarios"].values())
    assert ex.views.shown["boundary"].value[:2] == b"\xff\xd8"  # a JPEG
    assert ex.views.shown["curves"].value[:4] == b"\x89PNG"


def test_step_button_runs_one_iteration_and_updates_the_readouts(ex):
    before_png = ex.views.shown["boundary"].value
    ex.controls["step"].click()
    assert ex.session.iteration == 1
    assert "iteration 1" in ex.controls["iteration"].value
    assert ex.views.shown["boundary"].value != before_png
    ex.step(9)
    assert "iteration 10" in ex.controls["iteration"].value
    norms = ex.state()["grad_norms"][-1]
    assert f"{norms[0]:.3e}" in ex.controls["norms"].value


def test_reset_button_restores_iteration_zero_and_the_seeded_parameters(ex):
    ex.step(20)
    ex.controls["reset"].click()
    expected = initialize_parameters_deep([2, 8, 8, 1], rng=ex.settings.seed, scale="he")
    assert ex.state()["iteration"] == 0
    np.testing.assert_array_equal(ex.state()["parameters"]["W2"], expected["W2"])


def test_tick_runs_steps_per_tick_iterations(ex):
    ex.controls["steps_per_tick"].value = 7
    ex.tick()
    ex.tick()
    assert ex.session.iteration == 14


def test_learning_rate_slider_changes_the_update_without_restarting(ex):
    ex.step(3)
    ex.controls["learning_rate"].value = 0.03
    assert ex.settings.learning_rate == 0.03
    assert ex.session.iteration == 3
    W1 = ex.session.parameters["W1"]
    ex.step(1)
    dW1 = (W1 - ex.session.parameters["W1"]) / 0.03
    np.testing.assert_allclose(np.linalg.norm(dW1), ex.state()["grad_norms"][-1][0], rtol=1e-9)


def test_network_controls_rebuild_the_model(ex):
    ex.controls["hidden_layers"].value = 4
    ex.controls["neurons"].value = 5
    assert sorted(ex.session.parameters) == sorted(
        f"{p}{l}" for l in range(1, 6) for p in "Wb")
    assert ex.session.parameters["W2"].shape == (5, 5)
    ex.controls["hidden_activation"].value = "tanh"
    assert ex.session.activations == ["tanh"] * 4
    ex.controls["activation_per_layer"].value = "relu, tanh, sigmoid, leaky_relu"
    assert ex.session.activations == ["relu", "tanh", "sigmoid", "leaky_relu"]
    ex.controls["neurons_per_layer"].value = "6,3"
    assert ex.settings.hidden_layers == 2 and ex.session.parameters["W2"].shape == (3, 6)
    assert ex.session.activations == ["tanh", "tanh"]  # 4 names no longer fit 2 layers
    ex.controls["hidden_layers"].value = 0
    assert sorted(ex.session.parameters) == ["W1", "b1"]
    assert ex.controls["layer"].max == 1


def test_data_controls_change_the_data(ex):
    ex.controls["dataset"].value = "xor"
    ex.controls["noise"].value = 0.0
    X, Y = make_dataset("xor", 120, 0.0, rng=0)
    assert ex.session.X_train.shape[1] + ex.session.X_test.shape[1] == 120
    np.testing.assert_array_equal(np.sort(np.hstack([ex.session.X_train, ex.session.X_test])[0]),
                                  np.sort(X[0]))
    ex.controls["test_fraction"].value = 0.5
    assert ex.session.X_test.shape[1] == 60


def test_a_bad_value_shows_a_message_and_keeps_the_model(ex):
    ex.controls["neurons_per_layer"].value = "8,x"
    assert "must be a whole number" in ex.controls["message"].value
    ex.controls["activation_per_layer"].value = "relu"  # 1 name for 2 hidden layers
    assert "hidden_activation gives 1 values" in ex.controls["message"].value
    assert ex.session.activations == ["relu", "relu"]


@pytest.mark.parametrize("name", list(SCENARIOS))
def test_scenario_buttons_set_the_settings_and_the_controls(ex, name):
    ex.step(5)
    ex.controls["scenarios"][name].click()
    assert ex.settings == SCENARIOS[name].settings()
    assert ex.session.iteration == 0
    assert ex.controls["hidden_layers"].value == ex.settings.hidden_layers
    assert ex.controls["learning_rate"].value == ex.settings.learning_rate
    assert ex.controls["init_scale"].value == ex.settings.init_scale
    assert SCENARIOS[name].title in ex.controls["lesson"].value


def test_export_and_import_buttons_round_trip_the_picture(ex):
    ex.controls["hidden_activation"].value = "tanh"
    ex.step(25)
    ex.controls["export"].click()
    text = ex.controls["json"].value
    assert "explorer_state.json" in ex.controls["download"].value
    other = Explorer(figures="inline")
    other.controls["json"].value = text
    other.controls["import"].click()
    assert other.settings == ex.settings and other.session.iteration == 25
    assert other.controls["hidden_activation"].value == "tanh"
    np.testing.assert_array_equal(other.session.parameters["W3"], ex.session.parameters["W3"])
    assert other.views.shown["boundary"].value == ex.views.shown["boundary"].value
    other.controls["json"].value = "{broken"
    other.controls["import"].click()
    assert "not valid JSON" in other.controls["message"].value
    assert other.session.iteration == 25


def test_presenter_toggle_switches_the_layout_class():
    ex = Explorer(figures="inline", presenter=True)
    assert "dnn-presenter" in ex.widget._dom_classes
    ex.controls["presenter"].value = False
    assert "dnn-presenter" not in ex.widget._dom_classes


def ask(ex):
    """What the kernel's event loop does while Play is on: run the clock's next tick."""
    ex.clock.run_tick()


def test_play_runs_ticks_and_none_after_pause(ex):
    ask(ex)
    assert ex.session.iteration == 0  # not playing: no tick
    ex.controls["play"].click()
    assert ex.clock.playing
    for _ in range(3):
        ask(ex)
    assert ex.session.iteration == 3 * ex.settings.steps_per_tick
    assert ex.clock.frame == 3
    ex.controls["pause"].click()
    assert not ex.clock.playing
    ask(ex)
    assert ex.session.iteration == 3 * ex.settings.steps_per_tick  # nothing ran after Pause


@pytest.mark.filterwarnings("ignore:overflow:RuntimeWarning")
def test_play_shows_the_error_and_stops_when_a_tick_fails(ex):
    ex.session.parameters = {k: v * 1e200 + 1e200 for k, v in ex.session.parameters.items()}
    ex.play()
    ask(ex)
    assert not ex.clock.playing
    assert "too high" in ex.controls["message"].value


def test_an_imported_state_with_unlisted_values_shows_them_in_the_dropdowns():
    source = Explorer(Settings(learning_rate=0.07, init_scale=0.5, m=100), figures="inline")
    ex = Explorer(figures="inline")
    ex.load_json(source.to_json())
    assert ex.controls["learning_rate"].value == 0.07
    assert ex.controls["init_scale"].value == 0.5
    assert ex.settings == source.settings


def test_own_data_disables_the_generator_controls():
    X = np.random.default_rng(0).normal(size=(2, 20))
    ex = Explorer.from_arrays(X, (X[0] > 0).reshape(1, -1), figures="inline")
    assert ex.controls["dataset"].value == "custom" and ex.controls["m"].disabled
    assert ex.controls["m"].value == 20  # the slider widens to show the real m
    ex.controls["dataset"].value = "moons"
    assert ex.session.own_data is None and not ex.controls["m"].disabled
    assert ex.settings.m == ex.controls["m"].value == 20


def test_a_tick_runs_steps_per_tick_iterations(ex):
    ex.tick()
    ex.tick()
    assert ex.session.iteration == 2 * ex.settings.steps_per_tick
    assert f"<b>iteration {ex.session.iteration}</b>" in ex.controls["iteration"].value


def test_uploading_a_state_file_restores_it(ex):
    ex.step(12)
    text = ex.to_json()
    other = Explorer(figures="inline")
    other.controls["upload_json"].value = ({
        "name": "explorer_state.json", "type": "application/json", "size": len(text),
        "content": memoryview(text.encode()), "last_modified": datetime.datetime.now()},)
    assert other.session.iteration == 12 and other.settings == ex.settings
    np.testing.assert_array_equal(other.session.parameters["W1"], ex.session.parameters["W1"])
    assert other.controls["upload_json"].value == ()


def test_from_json_and_from_csv_build_explorers(tmp_path):
    source = Explorer(Settings(m=60, hidden_layers=1), figures="inline")
    source.step(4)
    copy = Explorer.from_json(source.to_json(), figures="inline")
    assert copy.state()["iteration"] == 4
    path = tmp_path / "points.csv"
    rows = "\n".join(f"{x:.3f},{-x:.3f},{int(x > 0)}" for x in np.linspace(-1, 1, 12))
    path.write_text("x1,x2,label\n" + rows + "\n")
    mine = Explorer.from_csv(path, figures="inline")
    assert mine.settings.dataset == "custom" and mine.settings.m == 12


def test_browser_views_sit_in_their_containers_with_the_clock():
    ex = Explorer(Settings(m=60), figures="browser")
    widgets = list(_walk(ex.widget))
    boundary = next(child for child in widgets if "dnn-boundary" in child._dom_classes)
    assert type(boundary).__name__ == "BoundaryView"
    assert ex.clock in widgets  # displayed, so the page can say what it has drawn
    ex.step(2)
    assert ex.session.iteration == 2


def _walk(widget):
    yield widget
    for child in getattr(widget, "children", ()):
        yield from _walk(child)


@pytest.mark.parametrize(
    ("edit", "message"),
    [
        (lambda d: {**d, "grad_norms": []}, "grad_norms has 0 entries but costs has 5"),
        (lambda d: {**d, "costs": ["a"] * 5}, "costs[0] must be a number 0 &lt;= J &lt;= 744.4"),
        (lambda d: {**d, "settings": {**d["settings"], "hidden_activation": [["relu"]] * 2}},
         "unknown activation [&#x27;relu&#x27;]"),
        (lambda d: {**d, "settings": {**d["settings"], "dataset": "custom"}, "data": {"Y": [[1]]}},
         "must hold &quot;data&quot;"),
        (lambda d: {**d, "costs": [1e308] * 5}, "costs[0] must be a number 0 &lt;= J &lt;= 744.4"),
    ],
)
def test_a_malformed_import_shows_the_field_and_leaves_the_explorer_as_it_was(ex, edit, message):
    ex.step(5)
    before, picture = ex.state(), ex.views.shown["boundary"].value
    ex.controls["json"].value = json.dumps(edit(json.loads(ex.to_json())))
    ex.controls["import"].click()
    assert message in ex.controls["message"].value
    after = ex.state()
    assert after["settings"] == before["settings"] and after["costs"] == before["costs"]
    assert after["grad_norms"] == before["grad_norms"] and after["iteration"] == 5
    np.testing.assert_array_equal(after["parameters"]["W1"], before["parameters"]["W1"])
    assert ex.views.shown["boundary"].value == picture
    ex.controls["step"].click()
    assert ex.controls["message"].value == "" and "iteration 6" in ex.controls["iteration"].value


def test_a_session_that_cannot_be_shown_is_not_taken(ex):
    ex.step(2)
    other = Session(Settings(m=60))
    other.step(3)
    other.grad_norms = []  # a history that no longer matches the costs
    with pytest.raises(ValueError):
        ex.load_session(other)
    assert ex.session is not other and ex.session.iteration == 2
    assert "iteration 2" in ex.controls["iteration"].value
    ex.step(1)
    assert ex.session.iteration == 3


def test_the_dataset_dropdown_offers_custom_only_with_own_data(ex):
    assert "custom" not in ex.controls["dataset"].options
    with pytest.raises(ValueError, match='dataset "custom" needs your own X and Y'):
        ex.configure(dataset="custom")
    assert ex.settings.dataset == ex.controls["dataset"].value == "circle"
    assert Explorer.from_json(ex.to_json(), figures="inline").settings == ex.settings
    X = np.random.default_rng(0).normal(size=(2, 20))
    ex.load_data(X, (X[0] > 0).reshape(1, -1))
    assert ex.controls["dataset"].options[-1] == ex.controls["dataset"].value == "custom"
    ex.controls["dataset"].value = "xor"
    assert "custom" not in ex.controls["dataset"].options and ex.session.own_data is None


@pytest.mark.parametrize(
    ("name", "text", "message"),
    [
        ("neurons_per_layer", "8,²", "n[l] per layer must be a whole number like 8, got &#x27;²"),
        ("activation_per_layer", "relu;tanh", "unknown activation &#x27;relu;tanh&#x27;"),
        ("neurons_per_layer", "8," + "9" * 5000,
         "n[l] per layer must be at most 16, got a number of 5000 digits"),
    ],
)
def test_a_bad_per_layer_text_shows_a_message_and_keeps_the_model(ex, name, text, message):
    ex.controls[name].value = text
    assert message in ex.controls["message"].value
    assert ex.settings == Settings(m=120)
    ex.controls["step"].click()
    assert ex.session.iteration == 1


def test_the_page_cannot_make_the_kernel_allocate_or_work(ex):
    """The live views are drawn by the page at a fixed size: no ipympl canvas, whose resize
    message (20000 x 20000 pixels) made the kernel allocate gigabytes. The only message the
    page sends is the clock's "drawn" frame number; anything else is ignored."""
    widgets = list(_walk(Explorer(Settings(m=60), figures="browser").widget))
    assert not [w for w in widgets if type(w).__module__.startswith("ipympl")]
    ex.play()
    for content in ({"resize": {"width": 20000, "height": 20000}}, {"drawn": "0"},
                    {"drawn": True}, {"drawn": ex.clock.frame + 1}, {}):
        ex.clock._page_drew(ex.clock, content, [])
    assert ex.session.iteration == 0 and ex.clock.frame == 0 and ex.clock.drawn == 0


@pytest.mark.parametrize(("view", "state", "message"), [
    ("chain_view", {"step": -1}, "the chain has steps 0 to 6; got step -1"),
    ("chain_view", {"step": 7}, "the chain has steps 0 to 6; got step 7"),
    ("network_view", {"selected": ["a", 0]}, "a unit is [l, i] with layer l from 1 to 3"),
    ("network_view", {"selected": [2, 8]}, "and i from 0 to n[l] - 1, got [2, 8]"),
    ("network_view", {"selected": [1]}, "a unit is [l, i]"),
    ("network_view", {"edges": "b"}, 'edges must be "W" (weights) or "dW" (gradients), got'),
])
def test_a_value_the_page_sends_is_refused_before_it_is_kept(ex, view, state, message):
    """What the page's chain and network controls send is checked first: a bad value is
    refused with its reason and the old one kept, so Play, Step and Reset go on working."""
    import traitlets

    widget = getattr(ex, view)
    before = {key: getattr(widget, key) for key in state}
    with pytest.raises(traitlets.TraitError, match=re.escape(message)):
        widget.set_state(state)  # as a message from the page arrives
    assert {key: getattr(widget, key) for key in state} == before
    ex.controls["step"].click()
    ex.tick()
    assert ex.controls["message"].value == ""
    assert ex.session.iteration == 1 + ex.settings.steps_per_tick
    ex.controls["reset"].click()
    assert ex.controls["message"].value == "" and ex.session.iteration == 0

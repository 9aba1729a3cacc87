"""The explorer in a real browser, in JupyterLab and in Voila: Step advances the iteration
counter, Play trains and redraws the decision boundary, Pause stops, Reset restores, and a
scenario button changes the settings to the scenario's own."""

import re

import pytest
from jupyter_servers import EXPLORER, NOTEBOOKS
from jupyter_ui import (
    count_code_cells,
    figure_fingerprint,
    iteration_of,
    open_notebook,
    run_all_and_wait,
    wait_for,
    widget_value,
)

from dnn_course.explorer.scenarios import SCENARIOS

pytestmark = pytest.mark.browser

SCENARIO = SCENARIOS["sigmoid_vanishing"]  # differs from the defaults in activation and rate


def first_number(text):
    match = re.search(r"[-+]?\d*\.?\d+(?:e[-+]?\d+)?", text)
    assert match, f"no number in {text!r}"
    return float(match.group())


def check_explorer(page, root):
    counter = root.locator(".dnn-iteration")
    boundary = root.locator(".dnn-boundary")
    counter.wait_for(timeout=120_000)
    start = iteration_of(counter)
    initial = steady_fingerprint(page, boundary)

    root.locator(".dnn-step").click()  # "one iteration of gradient descent"
    stepped = start + 1
    wait_for(
        page, lambda: iteration_of(counter) == stepped, 30,
        lambda: f"Step left the counter at {counter.inner_text()!r} (was iteration {start})",
    )
    after_step = wait_for(
        page, lambda: figure_fingerprint(boundary) != initial and figure_fingerprint(boundary),
        30, lambda: "the decision boundary was not redrawn after Step",
    )

    root.locator(".dnn-play").click()
    playing = wait_for(
        page, lambda: iteration_of(counter) > stepped and iteration_of(counter), 30,
        lambda: f"Play did not advance the counter past iteration {stepped}",
    )
    wait_for(
        page, lambda: iteration_of(counter) > playing, 30,
        lambda: f"Play stopped by itself at iteration {playing}",
    )
    wait_for(
        page, lambda: figure_fingerprint(boundary) != after_step, 30,
        lambda: "the decision boundary did not change while training",
    )

    root.locator(".dnn-pause").click()
    paused = wait_for(page, lambda: settled(page, counter), 30,
                      lambda: "the counter kept moving after Pause")
    page.wait_for_timeout(1500)
    assert iteration_of(counter) == paused, "the counter moved again after Pause"

    root.locator(".dnn-reset").click()
    wait_for(page, lambda: iteration_of(counter) == start, 30,
             lambda: f"Reset left {counter.inner_text()!r}, expected iteration {start}")
    wait_for(page, lambda: steady_fingerprint(page, boundary) == initial, 30,
             lambda: "Reset did not bring back the initial decision boundary")

    check_scenario_button(page, root)


def steady_fingerprint(page, boundary):
    """The figure's fingerprint once it has stopped changing (the first draw may be late)."""
    previous = figure_fingerprint(boundary)
    for _ in range(60):
        page.wait_for_timeout(500)
        current = figure_fingerprint(boundary)
        if current == previous:
            return current
        previous = current
    raise AssertionError("the decision boundary kept changing for 30 s while idle")


def settled(page, counter):
    """The iteration, once two readings one second apart agree (a tick may be in flight)."""
    before = iteration_of(counter)
    page.wait_for_timeout(1000)
    return before if iteration_of(counter) == before else None


def check_scenario_button(page, root):
    expected = SCENARIO.settings()
    activation = root.locator(".dnn-hidden-activation")
    rate = root.locator(".dnn-learning-rate")
    root.locator(".dnn-settings-toggle").click()  # the side panel: scenarios and settings
    activation.wait_for(state="visible")
    assert widget_value(activation) != expected.hidden_activation
    root.locator(".dnn-scenario", has_text=SCENARIO.title).click()
    wait_for(
        page, lambda: widget_value(activation).lower() == expected.hidden_activation, 30,
        lambda: f"after {SCENARIO.title!r} the activation shows {widget_value(activation)!r}",
    )
    shown = first_number(widget_value(rate))
    assert shown == pytest.approx(expected.learning_rate, rel=1e-2), (
        f"after {SCENARIO.title!r} the learning rate shows {shown}"
    )
    dataset = widget_value(root.locator(".dnn-dataset"))
    assert dataset.lower() == expected.dataset, f"the dataset control shows {dataset!r}"


def test_explorer_in_jupyterlab(lab_page, lab):
    panel = open_notebook(lab_page, lab, EXPLORER)
    errors = run_all_and_wait(lab_page, panel, count_code_cells(NOTEBOOKS / EXPLORER))
    assert errors == []
    check_explorer(lab_page, panel.locator(".dnn-explorer"))


def test_explorer_in_voila(page, voila):
    # Voila answers once it has run every cell; on a loaded machine that can take longer
    # than a page load's default 30 s, so wait for the explorer itself (check_explorer).
    page.goto(voila.url("/"), wait_until="commit")
    check_explorer(page, page.locator(".dnn-explorer"))

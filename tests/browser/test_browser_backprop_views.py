"""The chain and network views in a real browser: the keyboard walks the chain, the boxes,
equations and heatmaps follow with the package's own numbers, the network view changes
while Play runs, the keyboard alone runs Play, Pause, Step and Reset, and axe finds no
serious or critical violation (explorer in Voila and in JupyterLab at 1280x800 with the
file browser open; notebook 03's widget)."""

import re
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe
from jupyter_servers import EXPLORER
from jupyter_ui import iteration_of, open_notebook, run_all, wait_for
from playwright.sync_api import expect

from dnn_course.explorer import Session
from dnn_course.explorer.chain import chain_payload, session_steps

pytestmark = pytest.mark.browser
SERIOUS = ("serious", "critical")
SHOTS = Path(__file__).resolve().parents[2] / "test-results" / "screenshots"


def serious_violations(page, context=None):
    """axe's serious and critical findings: rule, impact and the first offending nodes.

    In JupyterLab ``context`` limits axe to our widgets: JupyterLab's own interface is
    not this project's to fix.
    """
    results = Axe().run(page, context=context)
    return [(v["id"], v["impact"], [n["target"] for n in v["nodes"][:3]])
            for v in results.response["violations"] if v["impact"] in SERIOUS]


def check_axe(page, context=None):
    found = serious_violations(page, context)
    assert not found, "axe:\n" + "\n".join(map(str, found))


def screenshots(page, root, where):
    """1280x800 screenshots of the views (and the presenter layout) for a person to look at."""
    SHOTS.mkdir(parents=True, exist_ok=True)
    chain = root.locator(".dnn-chain")
    for _ in range(5):  # to layer 2 backward: dA[2], dZ[2], dW[2], db[2], dA[1]
        chain.locator(".dnn-chain-next").click()
    expect(chain.locator(".dnn-chain-position")).to_contain_text("layer 2 of 3, backward")
    for part in ("dnn-iteration", "dnn-chain", "dnn-network"):
        root.locator(f".{part}").scroll_into_view_if_needed()
        page.screenshot(path=SHOTS / f"{where}_{part}.png")
    root.locator(".dnn-explorer-presenter, .widget-toggle-button", has_text="Presenter").click()
    root.locator(".dnn-chain").scroll_into_view_if_needed()
    page.wait_for_timeout(500)
    page.screenshot(path=SHOTS / f"{where}_presenter_chain.png")
    root.locator(".widget-toggle-button", has_text="Presenter").click()


def check_views(page, root):
    chain = root.locator(".dnn-chain")
    chain.locator(".dnn-chain-worked").wait_for(timeout=120_000)
    steps = session_steps(Session())  # the explorer opens on the default settings
    L = (len(steps) - 1) // 2
    for index in range(2 * L + 1):
        expected = chain_payload(steps, index, Session().activations)
        wait_for(page, lambda e=expected: chain.locator(".dnn-chain-worked").inner_text()
                 == "\n".join(e["worked"]), 30,
                 lambda e=expected: f"step {e['index'] + 1}: the page shows "
                 f"{chain.locator('.dnn-chain-worked').inner_text()!r}, the package "
                 f"{e['worked']!r}")
        active = chain.locator("[aria-current=step]")
        assert f"layer {expected['layer']}" in active.first.inner_text() or \
            expected["row"] == "loss", active.first.inner_text()
        names = [t["name"] for t in expected["tensors"] if t["data"] is not None]
        labels = chain.locator(".dnn-heatmap canvas").evaluate_all(
            "nodes => nodes.map(n => n.getAttribute('aria-label'))")
        assert [label.split(",")[0] for label in labels] == names
        if index == 2 * L:  # layer 1 backward: dA[0] "could be computed, but we won't use it"
            assert "not needed" in chain.locator(".dnn-not-needed").inner_text()
        chain.locator(".dnn-chain-next").focus()
        page.keyboard.press("Enter")  # the keyboard alone walks the chain

    network = root.locator(".dnn-network canvas")
    before = network.evaluate("c => c.toDataURL()")
    root.locator(".dnn-play").focus()
    page.keyboard.press("Enter")
    wait_for(page, lambda: network.evaluate("c => c.toDataURL()") != before, 30,
             lambda: "the network view did not change while Play ran")
    root.locator(".dnn-pause").focus()
    page.keyboard.press("Enter")
    counter = root.locator(".dnn-iteration")
    page.wait_for_timeout(2000)  # a tick may still be in flight when Pause lands
    paused = iteration_of(counter)
    root.locator(".dnn-step").focus()
    page.keyboard.press("Enter")
    wait_for(page, lambda: iteration_of(counter) == paused + 1, 30,
             lambda: f"Enter on Step left {counter.inner_text()!r} (paused at {paused})")
    root.locator(".dnn-reset").focus()
    page.keyboard.press("Enter")
    wait_for(page, lambda: iteration_of(counter) == 0, 30,
             lambda: f"Enter on Reset left {counter.inner_text()!r}")


def test_views_in_voila(page, voila):
    page.set_viewport_size({"width": 1280, "height": 800})
    page.goto(voila.url("/"), wait_until="commit", timeout=240_000)  # Voila runs it all first
    root = page.locator(".dnn-explorer")
    check_views(page, root)
    screenshots(page, root, "voila")
    check_axe(page)


def test_a_question_open_in_the_compact_presenter_layout_is_axe_clean(page, voila):
    """Voila at 1280x720 in the presenter layout (its compact form), Predict on and a
    question open, then answered."""
    page.set_viewport_size({"width": 1280, "height": 720})
    page.goto(voila.url("/"), wait_until="commit", timeout=240_000)
    root = page.locator(".dnn-explorer")
    chain = root.locator(".dnn-chain")
    chain.locator(".dnn-chain-worked").wait_for(timeout=120_000)
    root.locator(".widget-toggle-button", has_text="Presenter").click()
    expect(root).to_have_class(re.compile("dnn-presenter"))
    chain.locator(".dnn-chain-predict").click()
    expect(chain.locator(".dnn-question-text")).to_be_visible()
    check_axe(page)
    chain.locator(".dnn-question-choice").first.click()
    expect(chain.locator(".dnn-question-feedback")).not_to_be_empty()
    check_axe(page)


def test_views_in_jupyterlab(lab_page, lab):
    lab_page.set_viewport_size({"width": 1280, "height": 800})
    panel = open_notebook(lab_page, lab, EXPLORER)
    run_all(lab_page)  # check_views waits for the explorer's views to appear
    check_views(lab_page, panel.locator(".dnn-explorer"))
    screenshots(lab_page, panel.locator(".dnn-explorer"), "jupyterlab")
    check_axe(lab_page, ".dnn-explorer")


def test_three_layer_widget_in_jupyterlab_is_axe_clean(lab_page, lab):
    lab_page.set_viewport_size({"width": 1280, "height": 800})
    name = "03_three_layer_example.ipynb"
    panel = open_notebook(lab_page, lab, name)
    run_all(lab_page)
    widget = panel.locator(".jp-OutputArea-output:has(.dnn-depth)")
    widget.locator(".dnn-three-layer-output img").first.wait_for(timeout=300_000)
    handle = widget.locator(".dnn-depth .noUi-handle")
    assert handle.get_attribute("aria-label") == "hidden layers"
    handle.focus()
    lab_page.keyboard.press("ArrowRight")  # the keyboard alone moves the depth slider
    wait_for(lab_page, lambda: "3 hidden" in widget.locator(".dnn-three-layer-output img")
             .first.get_attribute("alt"), 120, lambda: "depth 3 was not drawn")
    check_axe(lab_page, ".jp-OutputArea-output:has(.dnn-depth)")


def test_three_layer_widget_in_voila_is_axe_clean(lab_page, lab):
    """Notebook 03 as a Voila dashboard (the Jupyter server's voila/render route)."""
    lab_page.set_viewport_size({"width": 1280, "height": 800})
    lab_page.goto(lab.url("/voila/render/03_three_layer_example.ipynb"), wait_until="commit",
                  timeout=240_000)  # Voila runs the whole notebook before the page loads
    output = lab_page.locator(".dnn-three-layer-output img").first
    output.wait_for(timeout=240_000)
    assert "Decision boundary" in output.get_attribute("alt")
    handle = lab_page.locator(".dnn-depth .noUi-handle")
    assert handle.get_attribute("aria-label") == "hidden layers"
    chain = lab_page.locator(".dnn-chain").first
    chain.locator(".dnn-chain-next").focus()
    lab_page.keyboard.press("Enter")
    expect(chain.locator(".dnn-chain-position")).to_contain_text("step 2 of 7")
    check_axe(lab_page)

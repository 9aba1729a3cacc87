"""The explorer on one screen: at 1280x800 the run controls, the boundary, the network graph
and the chain's current step (equations and heatmaps) are all in the window at once, in
Voila and in JupyterLab with the file browser closed; the views are linked (a unit picked in
the network is the chain's worked entry, the chain's step is highlighted in the network)
and "Play the pass" walks a pass and takes the update. The presenter layout shows the same
parts with text of at least 18 px at 1920x1080 (Voila and JupyterLab) and 1280x720 (Voila);
while a question of Predict, then reveal is open no text gives its answer."""

import re
from pathlib import Path

import pytest
from jupyter_servers import EXPLORER
from jupyter_ui import iteration_of, open_notebook, run_all, wait_for
from playwright.sync_api import expect

from dnn_course.explorer import Session
from dnn_course.explorer.chain import chain_payload, session_steps
from dnn_course.explorer.predict import question

pytestmark = pytest.mark.browser
WIDTH, HEIGHT = 1280, 800
SHOTS = Path(__file__).resolve().parents[2] / "test-results" / "screenshots"
PARTS = {"Play": ".dnn-play", "the boundary": ".dnn-boundary canvas",
         "the network graph": ".dnn-network canvas", "the chain's equations":
         ".dnn-chain-equation", "the worked entry": ".dnn-chain-worked",
         "the heatmaps": ".dnn-chain-heatmaps canvas"}


BACKWARD = {k: PARTS[k] for k in ("the chain's equations", "the heatmaps")}


def outside(root, parts, width, height):
    """The parts (name: selector) whose boxes are not inside the width x height window."""
    found = []
    for name, selector in parts.items():
        boxes = root.locator(selector).evaluate_all(
            "nodes => nodes.map(n => { const r = n.getBoundingClientRect();"
            " return [r.left, r.top, r.right, r.bottom]; })")
        assert boxes, f"no {name} ({selector}) in the page"
        found += [(name, box) for box in boxes
                  if box[0] < 0 or box[1] < 0 or box[2] > width or box[3] > height]
    return found


def at_a_backward_step(page, root):
    """Step 1, then Step (the iteration line grows), then the chain at layer 2 backward (its
    longest equations); the run bar at the top of the window again."""
    counter = root.locator(".dnn-iteration")
    root.locator(".dnn-step").click()
    wait_for(page, lambda: "train J" in counter.inner_text(), 60, lambda: "Step did nothing")
    chain = root.locator(".dnn-chain")
    for _ in range(5):  # L = 3: forward 1, 2, 3, the loss, backward 3, backward 2
        chain.locator(".dnn-chain-next").click()
    expect(chain.locator(".dnn-chain-position")).to_contain_text("layer 2 of 3, backward",
                                                                 timeout=60_000)
    page.wait_for_timeout(500)
    root.locator(".dnn-run").evaluate("node => node.scrollIntoView({block: 'start'})")
    page.wait_for_timeout(300)


def check_one_screen(page, root):
    """Every part's box lies inside the window once the explorer's top is at the top; the
    equations and heatmaps of a backward step too, after a Step."""
    root.locator(".dnn-chain-heatmaps canvas").first.wait_for(timeout=300_000)
    root.locator(".dnn-run").evaluate("node => node.scrollIntoView({block: 'start'})")
    page.wait_for_timeout(500)
    found = outside(root, PARTS, WIDTH, HEIGHT)
    assert not found, f"outside the {WIDTH}x{HEIGHT} window: {found}"
    at_a_backward_step(page, root)
    found = outside(root, BACKWARD, WIDTH, HEIGHT)
    assert not found, f"at layer 2 backward, outside the {WIDTH}x{HEIGHT} window: {found}"


def test_one_screen_in_voila(page, voila):
    page.set_viewport_size({"width": WIDTH, "height": HEIGHT})
    page.goto(voila.url("/"), wait_until="commit", timeout=240_000)  # Voila runs it all first
    check_one_screen(page, page.locator(".dnn-explorer"))


def test_one_screen_in_jupyterlab_with_the_file_browser_closed(lab_page, lab):
    lab_page.set_viewport_size({"width": WIDTH, "height": HEIGHT})
    panel = open_notebook(lab_page, lab, EXPLORER)
    lab_page.locator(".lm-MenuBar-itemLabel", has_text=re.compile(r"^View$")).click()
    lab_page.locator(".lm-Menu-itemLabel", has_text=re.compile(r"^File Browser$")).click()
    expect(lab_page.locator(".jp-FileBrowser")).to_be_hidden()
    run_all(lab_page)
    check_one_screen(lab_page, panel.locator(".dnn-explorer"))


def unit_centre(canvas, dims, l, i, width=520, height=236):
    """Where network_view.js draws unit i of layer l, in page coordinates."""
    box = canvas.bounding_box()
    size = max(8, min(32, (height - 20) // max(dims) - 3))
    x = 30 + l * (width - 60) / (len(dims) - 1)
    y = height / 2 + (i - (dims[l] - 1) / 2) * (size + 3)
    return box["x"] + x * box["width"] / width, box["y"] + y * box["height"] / height


def test_linked_views_and_play_the_pass_in_voila(page, voila):
    page.set_viewport_size({"width": WIDTH, "height": HEIGHT})
    page.goto(voila.url("/"), wait_until="commit", timeout=240_000)  # Voila runs it all first
    root = page.locator(".dnn-explorer")
    chain, network = root.locator(".dnn-chain"), root.locator(".dnn-network")
    worked = chain.locator(".dnn-chain-worked")
    worked.wait_for(timeout=120_000)
    session = Session()  # the explorer opens on the default settings
    steps, dims = session_steps(session), session.settings.layer_dims()

    page.mouse.click(*unit_centre(network.locator("canvas"), dims, 1, 5))  # a click picks
    expected = chain_payload(steps, 0, session.activations, unit=(1, 5))
    wait_for(page, lambda: worked.inner_text() == "\n".join(expected["worked"]), 30,
             lambda: f"after a click on unit 5 of layer 1 the chain shows {worked.inner_text()!r}")
    assert chain.locator(".dnn-heatmap-row").count() == 4  # W[1], b[1], Z[1], A[1]

    Z = chain.locator(".dnn-heatmap canvas").nth(3)  # Z[1], (8, 12 of m) at 14 px a cell

    def hover():  # row 5, column 2 (a redraw makes a new canvas: move onto it again)
        Z.scroll_into_view_if_needed()
        box = Z.bounding_box()
        page.mouse.move(box["x"] + 2.5 * box["width"] / 12, box["y"] + 5.5 * box["height"] / 8)
        page.mouse.move(box["x"] + 2.6 * box["width"] / 12, box["y"] + 5.5 * box["height"] / 8)
        return Z.get_attribute("title")

    title = wait_for(page, hover, 10, lambda: "no value shown under the pointer")
    value, formula = re.fullmatch(r"Z\[1\]\[5,2\] = (\S+)\n(.*)", title).groups()
    assert formula == "Z[1][5,2] = W[1][5,:] A[0][:,2] + b[1][5]"
    assert float(value) == pytest.approx(steps[0].values["Z[1]"][5, 2], rel=1e-3)

    network.locator(".dnn-network-layer").select_option("2")  # the keyboard's way
    network.locator(".dnn-network-unit").select_option("3")
    chain.locator(".dnn-chain-next").focus()
    page.keyboard.press("ArrowRight")  # to layer 2 forward
    expected = chain_payload(steps, 1, session.activations, unit=(2, 3))
    wait_for(page, lambda: worked.inner_text() == "\n".join(expected["worked"]), 30,
             lambda: f"layer 2 forward, unit 3: the chain shows {worked.inner_text()!r}")

    L = len(dims) - 1
    for _ in range(L):  # to layer L backward
        page.keyboard.press("ArrowRight")
    label = network.locator("canvas")
    wait_for(page, lambda: f"Highlighted: layer {L}, the chain's backward step"
             in (label.get_attribute("aria-label") or ""), 30,
             lambda: f"network after a backward step: {label.get_attribute('aria-label')!r}")
    assert "edges show dW[l]" in label.get_attribute("aria-label")
    page.keyboard.press("ArrowLeft")  # the loss; one more back is layer L forward: W again
    page.keyboard.press("ArrowLeft")
    wait_for(page, lambda: "edges show W[l]" in label.get_attribute("aria-label"), 30,
             lambda: f"network after a forward step: {label.get_attribute('aria-label')!r}")

    counter = root.locator(".dnn-iteration")
    start = iteration_of(counter)
    chain.locator(".dnn-chain-pace").select_option("1")
    play = chain.locator(".dnn-chain-play")
    play.click()
    expect(play).to_have_attribute("aria-pressed", "true")
    wait_for(page, lambda: iteration_of(counter) == start + 1, 30,  # a pass, then the update
             lambda: f"Play the pass left {counter.inner_text()!r} (was iteration {start})")
    position = chain.locator(".dnn-chain-position")
    wait_for(page, lambda: "step 2 of" in position.inner_text(), 10,
             lambda: f"the next pass did not start: {position.inner_text()!r}")
    play.focus()
    page.keyboard.press("p")  # pause from the keyboard
    expect(play).to_have_attribute("aria-pressed", "false")
    held = position.inner_text()
    page.wait_for_timeout(2500)
    assert position.inner_text() == held and iteration_of(counter) == start + 1

    session.step(1)  # the update Play the pass took: predict from the numbers after it
    index = int(re.search(r"step (\d+) of", held).group(1)) - 1
    expected = question(session_steps(session), index, session.activations, unit=(2, 3))
    chain.locator(".dnn-chain-predict").click()
    asked = chain.locator(".dnn-question-text")
    expect(asked).to_have_text(expected["text"])
    expect(chain.locator(".dnn-question-hidden")).to_be_visible()  # numbers not shown yet
    assert chain.locator(".dnn-heatmap canvas").count() == 0
    expect(chain).to_have_attribute("aria-label", re.compile("Predict, then reveal: "))
    expect(root.locator(".dnn-stepthrough")).to_contain_text("a question is open")
    expect(chain.locator(".dnn-chain-note")).to_have_count(0) if index >= L else \
        expect(chain.locator(".dnn-chain-note")).to_be_hidden()  # caches[l-1]'s shapes
    told = " ".join([chain.get_attribute("aria-label"), root.locator(".dnn-stepthrough")
                     .inner_text(), root.locator(".dnn-gradient-norms").inner_text()])
    worked = chain_payload(session_steps(session), index, session.activations,
                           unit=(2, 3))["worked"]
    assert not [line for line in worked if line in told]  # no entry, no value before
    chain.locator(".dnn-question-choice", has_text=re.compile(
        f"^{re.escape(expected['answer'])}$")).click()
    expect(chain.locator(".dnn-question-feedback")).to_contain_text("✓ Right.")
    expect(chain.locator(".dnn-chain-score")).to_have_text("score 1 / 1")
    expect(chain.locator(".dnn-heatmap canvas").first).to_be_visible()  # revealed
    expect(chain).to_have_attribute("aria-label", re.compile(re.escape(worked[0])))
    expect(root.locator(".dnn-stepthrough")).not_to_contain_text("a question is open")


SMALLEST_TEXT = """root => Math.min(...[...root.querySelectorAll('*')].filter(n =>
  n.checkVisibility() && [...n.childNodes].some(c => c.nodeType === 3 && c.textContent.trim()))
  .map(n => parseFloat(getComputedStyle(n).fontSize) * n.currentCSSZoom))"""


@pytest.mark.parametrize("size", [(1920, 1080), (1280, 720)])
def test_the_presenter_layout_fills_a_projector_with_text_of_18_px(page, voila, size):
    page.set_viewport_size({"width": size[0], "height": size[1]})
    page.goto(voila.url("/"), wait_until="commit", timeout=240_000)
    check_presenter(page, page.locator(".dnn-explorer"), *size, "voila")


@pytest.mark.parametrize("size", [(1920, 1080)])
def test_the_presenter_layout_in_jupyterlab_with_the_file_browser_closed(lab_page, lab, size):
    """(JupyterLab's menu, tabs, toolbar and status bar take 120 of 720 px: there the chain's
    step starts under the fold; a projector of 1280x720 gets make demo's Voila page.)"""
    lab_page.set_viewport_size({"width": size[0], "height": size[1]})
    panel = open_notebook(lab_page, lab, EXPLORER)
    lab_page.locator(".lm-MenuBar-itemLabel", has_text=re.compile(r"^View$")).click()
    lab_page.locator(".lm-Menu-itemLabel", has_text=re.compile(r"^File Browser$")).click()
    expect(lab_page.locator(".jp-FileBrowser")).to_be_hidden()
    run_all(lab_page)
    check_presenter(lab_page, panel.locator(".dnn-explorer"), *size, "lab")


def check_presenter(page, root, width, height, where):
    """Presenter on: smallest text 18 px; the run bar, the boundary, the network and the
    chain's step in the window once the explorer's top is at the top."""
    root.locator(".dnn-chain-heatmaps canvas").first.wait_for(timeout=300_000)
    root.locator(".widget-toggle-button", has_text="Presenter").click()
    expect(root).to_have_class(re.compile("dnn-presenter"), timeout=120_000)  # the kernel's
    page.wait_for_timeout(500)
    assert root.evaluate(SMALLEST_TEXT) >= 18
    root.locator(".dnn-run").evaluate("node => node.scrollIntoView({block: 'start'})")
    page.wait_for_timeout(300)
    found = outside(root, PARTS, width, height)  # the run bar, the boundary, the network,
    SHOTS.mkdir(parents=True, exist_ok=True)  # the chain's step: all of it
    page.screenshot(path=SHOTS / f"presenter_{where}_{width}x{height}.png")
    assert not found, f"outside the {width}x{height} window: {found}"
    for selector, natural in ((".dnn-boundary canvas", 302), (".dnn-network canvas", 520)):
        shown = root.locator(selector).first.bounding_box()["width"]  # its 12 px text, 18 px
        assert shown >= 1.5 * natural - 1, (selector, shown)
    if width == 1920:  # it fills the projector: the screen is most of its width
        screen = root.locator(".dnn-screen").bounding_box()
        assert screen["width"] >= 0.9 * width
    at_a_backward_step(page, root)
    page.screenshot(path=SHOTS / f"presenter_{where}_{width}x{height}_backward.png")
    found = outside(root, BACKWARD, width, height)
    assert not found, f"at layer 2 backward, outside the {width}x{height} window: {found}"

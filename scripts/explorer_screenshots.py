"""The explorer's screenshots in docs/img, from a real run: make demo's notebook in Voila,
Debian's Chromium (headless), about 12 s of Play, then the chain at layer 2 backward with
unit 3 of layer 2 selected.

    .venv/bin/python scripts/explorer_screenshots.py [folder]    # default: docs/img
"""

import secrets
import shutil
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(REPO), str(REPO / "tests" / "browser")]

from jupyter_servers import DASHBOARD, NOTEBOOKS, start_voila, stop  # noqa: E402
from playwright.sync_api import sync_playwright  # noqa: E402

from tests.support import chromium  # noqa: E402

PLAY_SECONDS = 12


def open_explorer(browser, server, width, height):
    page = browser.new_page(viewport={"width": width, "height": height})
    page.goto(server.url("/"), wait_until="commit", timeout=240_000)
    root = page.locator(".dnn-explorer")
    root.locator(".dnn-chain-heatmaps canvas").first.wait_for(timeout=300_000)
    return page, root


def played(page, root):
    """About PLAY_SECONDS of Play, then unit 3 of layer 2 and the chain at layer 2 backward."""
    root.locator(".dnn-play").click()
    page.wait_for_timeout(1000 * PLAY_SECONDS)
    root.locator(".dnn-pause").click()
    page.wait_for_timeout(1500)
    network, chain = root.locator(".dnn-network"), root.locator(".dnn-chain")
    network.locator(".dnn-network-layer").select_option("2")
    network.locator(".dnn-network-unit").select_option("3")
    chain.locator(".dnn-chain-start").click()
    for _ in range(5):  # L = 3: forward 1, 2, 3, the loss, backward 3, backward 2
        chain.locator(".dnn-chain-next").click()
    chain.locator(".dnn-chain-position").filter(has_text="layer 2 of 3, backward").wait_for()
    page.wait_for_timeout(1000)


def presenter(page, root):
    root.locator(".widget-toggle-button", has_text="Presenter").click()
    page.wait_for_function("() => document.querySelector('.dnn-explorer.dnn-presenter')")
    page.wait_for_timeout(1000)
    root.locator(".dnn-run").evaluate("node => node.scrollIntoView({block: 'start'})")


def main(folder):
    folder.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        served = Path(tmp) / "notebooks"
        shutil.copytree(NOTEBOOKS, served)
        home = Path(tmp) / "home"
        home.mkdir()
        server = start_voila(served / DASHBOARD, home, secrets.token_hex(16))
        try:
            with sync_playwright() as playwright:
                browser = chromium.launch(playwright)
                page, root = open_explorer(browser, server, 1280, 800)
                played(page, root)
                page.screenshot(path=folder / "explorer_1280x800.png")
                chain = root.locator(".dnn-chain")
                chain.locator(".dnn-chain-predict").click()
                chain.locator(".dnn-question-text").wait_for()
                page.wait_for_timeout(500)
                chain.screenshot(path=folder / "explorer_predict_question.png")
                chain.locator(".dnn-question-choice").first.click()
                chain.locator(".dnn-question-feedback").filter(has_text="answer").or_(
                    chain.locator(".dnn-question-feedback").filter(has_text="Right")).wait_for()
                page.wait_for_timeout(1000)
                chain.screenshot(path=folder / "explorer_predict_answer.png")
                page.close()
                for width, height in ((1920, 1080), (1280, 720)):
                    page, root = open_explorer(browser, server, width, height)
                    played(page, root)
                    presenter(page, root)
                    page.screenshot(path=folder / f"explorer_presenter_{width}x{height}.png")
                    page.close()
                browser.close()
        finally:
            stop(server.process)


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else REPO / "docs" / "img")

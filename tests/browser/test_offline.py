"""No page of the course asks for anything outside this machine, and its equations are typeset
all the same.

Every browser test fails on a request to a host that is not loopback (conftest.py records
them all); the tests here show that the recorder catches one, and that the pages whose
templates used to link CDNs (Voila standalone, as `make demo` serves it; JupyterLab's
/voila/render route, which the Binder badge and the hub use; nbgrader's feedback page)
typeset their TeX offline: MathJax's output is there and no `$...$` source is left.
"""

import secrets
import shutil

import nbformat
import pytest
from jupyter_servers import EXPLORER, start_voila, stop

from tests.support import chromium

TEX_LEFT = """() => [...document.querySelectorAll('.jp-MarkdownOutput, .text_cell_render')]
    .map(e => e.innerText).filter(t => /\\$[^$\\s][^$]*\\$/.test(t))"""


def test_the_recorder_catches_a_request_to_another_host(browser):
    """What the autouse check relies on: a page that links a CDN is seen doing it."""
    fresh = chromium.RecordingBrowser(browser.browser)  # not the shared record: this one fails
    page = fresh.new_page()
    try:
        page.set_content('<link rel="stylesheet" href="https://cdn.jsdelivr.net/x/all.min.css">'
                         '<img src="http://127.0.0.1:9/local.png">')
        page.wait_for_timeout(500)
    finally:
        page.close()
    assert fresh.outside_requests() == ["https://cdn.jsdelivr.net/x/all.min.css"]
    assert "http://127.0.0.1:9/local.png" in fresh.requests


def typeset(page, selector):
    """Wait until MathJax has typeset every equation of the page (no TeX source left in its
    markdown); return how many it typeset."""
    page.locator(selector).first.wait_for(state="attached", timeout=120_000)
    page.wait_for_function(f"() => ({TEX_LEFT})().length === 0", timeout=120_000)
    return page.locator(selector).count()


def test_voila_as_make_demo_serves_it_works_offline(voila, page):
    """make demo's dashboard: the explorer, no CDN link, no TeX source left on the page."""
    page.goto(voila.url("/"), wait_until="commit")
    page.get_by_role("button", name="Play", exact=True).wait_for(timeout=120_000)
    assert page.locator('link[href*="fontawesome"]').count() == 0
    assert page.evaluate(TEX_LEFT) == []


def test_voila_standalone_typesets_notebook_05_offline(served_notebooks, tmp_path, page):
    """Standalone Voila, as make demo runs it, on a notebook with equations (05)."""
    server = start_voila(served_notebooks / EXPLORER, tmp_path, secrets.token_hex(16))
    try:
        page.goto(server.url("/"), wait_until="commit")
        page.get_by_role("button", name="Play", exact=True).wait_for(timeout=180_000)
        assert page.locator('link[href*="fontawesome"]').count() == 0
        typeset(page, "mjx-container")
    finally:
        stop(server.process)


def test_jupyterlab_voila_route_typesets_notebook_03_offline(lab_sessions, page):
    """The route the second Binder badge and the hub's explorer link use."""
    page.goto(lab_sessions.url("/voila/render/03_three_layer_example.ipynb"), wait_until="commit")
    page.locator(".widget-slider").first.wait_for(timeout=180_000)
    assert page.locator('link[href*="fontawesome"]').count() == 0
    typeset(page, "mjx-container")


@pytest.mark.slow
def test_a_feedback_page_typesets_offline(browser, page, tmp_path):
    """nbgrader's feedback for a student of 01_forward, opened from the course folder."""
    from course.build_nbgrader import build, nbgrader

    course, release = tmp_path / "course", tmp_path / "release"
    course.mkdir(), release.mkdir()
    build(course, release_to=release)
    folder = course / "submitted" / "ada" / "01_forward"
    folder.mkdir(parents=True)
    shutil.copyfile(release / "01_forward.ipynb", folder / "01_forward.ipynb")
    nbformat.read(folder / "01_forward.ipynb", as_version=4)  # a real notebook was handed in
    nbgrader(course, "autograde", "01_forward", "--force")
    nbgrader(course, "generate_feedback", "01_forward", "--force")
    feedback = course / "feedback" / "ada" / "01_forward" / "01_forward.html"
    assert "cdnjs" not in feedback.read_text()
    page.goto(feedback.as_uri())
    typeset(page, ".MathJax_CHTML, .MathJax, .MathJax_SVG")

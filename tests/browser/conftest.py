"""Fixtures for the real-browser tests: Debian's Chromium driven by Playwright against one
JupyterLab server and one Voila server per test session.

Without Chromium the browser tests are skipped with the install command; with ``CI=true`` a
missing browser is an error instead, so CI cannot pass without running them. Every request
of every page is recorded: a test whose pages asked for anything outside this machine (a CDN,
say) fails, whatever else it checks. When a test fails, a full-page screenshot and a
Playwright trace (``playwright show-trace trace.zip``) are written to
``test-results/<test name>/``.
"""

import os
import re
import secrets
import shutil

import pytest
from jupyter_servers import DASHBOARD, NOTEBOOKS, REPO, start_lab, start_voila, stop

from tests.support import chromium

RESULTS = REPO / "test-results"
@pytest.hookimpl(wrapper=True, tryfirst=True)
def pytest_runtest_makereport(item, call):
    """Keep each phase's report on the test item, so fixtures can tell a failure."""
    report = yield
    setattr(item, f"rep_{report.when}", report)
    return report


def failed(request):
    """Whether the test that ``request`` belongs to failed in its call phase."""
    report = getattr(request.node, "rep_call", None)
    return report is not None and report.failed


@pytest.fixture(scope="package")
def browser():
    path = chromium.path()
    if not (os.path.isfile(path) and os.access(path, os.X_OK)):
        message = (f"Chromium not found at {path}: install it with "
                   "`apt-get install -y chromium` (or set CHROMIUM=/path)")
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(message, pytrace=False)
        pytest.skip(message)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = chromium.launch(playwright)
        yield browser
        browser.close()


@pytest.fixture(autouse=True)
def nothing_leaves_the_machine(request):
    """Fail a browser test whose pages requested a host that is not loopback."""
    if "browser" not in request.fixturenames:
        yield
        return
    browser = request.getfixturevalue("browser")
    start = len(browser.requests)
    yield
    outside = browser.outside_requests(since=start)
    assert not outside, f"the pages asked for {len(outside)} URLs outside this machine: {outside}"


@pytest.fixture
def page(browser, request):
    """A fresh browser context per test, traced; evidence is kept only if the test fails."""
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    context.set_default_timeout(30_000)
    context.tracing.start(screenshots=True, snapshots=True, sources=True)
    tab = context.new_page()
    errors = []  # what the page's own scripts reported: shown if the test fails
    tab.on("pageerror", lambda error: errors.append(f"page error: {error}"))
    tab.on("console", lambda message: message.type == "error"
           and errors.append(f"console error: {message.text}"))
    yield tab
    if failed(request):
        folder = RESULTS / re.sub(r"[^\w.-]+", "_", request.node.nodeid)
        folder.mkdir(parents=True, exist_ok=True)
        tab.screenshot(path=folder / "failure.png", full_page=True)
        context.tracing.stop(path=folder / "trace.zip")
        print(f"\nscreenshot and trace saved in {folder}")
        print("\n".join(errors[-20:]) or "no errors in the page's console")
        print(f"the page's text: {tab.locator('body').inner_text(timeout=5_000)[:1500]!r}")
    else:
        context.tracing.stop()
    context.close()


@pytest.fixture(scope="package")
def served_notebooks(tmp_path_factory):
    """A throw-away copy of notebooks/, so nothing a test does can change the originals."""
    root = tmp_path_factory.mktemp("served") / "notebooks"
    shutil.copytree(NOTEBOOKS, root, ignore=shutil.ignore_patterns(".ipynb_checkpoints"))
    return root


@pytest.fixture(scope="package")
def lab(served_notebooks, tmp_path_factory):
    server = start_lab(served_notebooks, tmp_path_factory.mktemp("lab_home"), secrets.token_hex(16))
    yield server
    stop(server.process)


@pytest.fixture
def lab_sessions(browser, lab):
    """Afterwards shut down every kernel session, so the next test cannot re-attach to an
    old kernel (JupyterLab keys sessions by notebook path). Asks for the browser first, so
    that without Chromium no server is started just to be skipped."""
    yield lab
    for session in lab.api("GET", "/api/sessions"):
        lab.api("DELETE", f"/api/sessions/{session['id']}")


@pytest.fixture
def lab_page(lab_sessions, page, request):
    """A page for JupyterLab (set up after, so torn down before, the session clean-up:
    a failure's screenshot still shows the live notebook). A failure prints the end of the
    server's log, where kernel and Voila errors go."""
    yield page
    if failed(request):
        print(f"\nthe end of {lab_sessions.log.name}:\n{lab_sessions.log.read_text()[-4000:]}")


@pytest.fixture(scope="package")
def voila(served_notebooks, tmp_path_factory):
    notebook = served_notebooks / DASHBOARD
    if not notebook.exists():
        pytest.fail(f"{NOTEBOOKS / DASHBOARD} is missing", pytrace=False)
    server = start_voila(notebook, tmp_path_factory.mktemp("voila_home"), secrets.token_hex(16))
    yield server
    stop(server.process)

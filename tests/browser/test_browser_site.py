"""The course website as a student meets it: `make site` builds it, a static host serves it.

The site is built once by its make target into a temporary folder and served by a plain
static file server on 127.0.0.1, as GitHub Pages or any web server would serve it. Every
page a test opens records each request the browser makes: none may leave the machine
(MathJax, fonts, icons and search come with the site) and none may fail.
"""

import functools
import json
import re
import subprocess
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
import yaml
from jupyter_servers import REPO

pytestmark = [pytest.mark.browser, pytest.mark.slow]

TOC = yaml.safe_load((REPO / "site" / "_toc.yml").read_text())
PAGES = [chapter["file"] for part in TOC["parts"] for chapter in part["chapters"]]
ROOT = TOC["root"]


def title(page):
    """A page's title as the site shows it: its first heading."""
    path = REPO / page
    if path.with_suffix(".ipynb").exists():
        first = json.loads(path.with_suffix(".ipynb").read_text())["cells"][0]["source"]
        text = "".join(first)
    else:
        text = path.with_suffix(".md").read_text()
    return re.search(r"^# (.+)$", text, re.MULTILINE).group(1).strip()


class QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    """The base URL of the site `make site` built, served from 127.0.0.1."""
    out = tmp_path_factory.mktemp("site")
    build = subprocess.run(["make", "--no-print-directory", "site", f"SITE_OUT={out}"],
                           cwd=REPO, capture_output=True, text=True, timeout=1200)
    assert build.returncode == 0, f"make site failed:\n{build.stdout[-3000:]}{build.stderr[-3000:]}"
    root = out / "_build" / "html"
    server = ThreadingHTTPServer(("127.0.0.1", 0),
                                 functools.partial(QuietHandler, directory=str(root)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}/"
    server.shutdown()
    server.server_close()


class Visit:
    """A page whose every request is recorded; ``offline()`` says what went wrong."""

    def __init__(self, page, base):
        self.page, self.base, self.requests, self.failures = page, base, [], []
        page.on("request", lambda request: self.requests.append(request.url))
        page.on("requestfailed", lambda request: request.failure != "net::ERR_ABORTED"
                and self.failures.append(f"{request.failure}: {request.url}"))
        page.on("response", lambda response: response.status >= 400
                and self.failures.append(f"{response.status}: {response.url}"))

    def open(self, path):
        self.page.goto(self.base + path)
        self.page.wait_for_load_state("networkidle")
        return self.page

    def offline(self):
        """Requests that left the machine, and requests that failed (none expected).

        about:blank is MathJax's probe of whether the browser takes web fonts: no request.
        A request the next navigation aborts (MathJax still loading a file) is no failure.
        """
        outside = [url for url in self.requests
                   if not url.startswith((self.base, "data:", "blob:", "about:blank"))]
        return outside + [failure for failure in self.failures if "about:blank" not in failure]


@pytest.fixture
def visit(page, site):
    visit = Visit(page, site)
    yield visit
    assert visit.requests, "no page was opened"


def test_the_pages_come_in_the_lectures_order(visit):
    page = visit.open("")  # the site's root forwards to its first page
    page.wait_for_url(re.compile(r"site/index\.html$"))
    nav = page.locator("nav.bd-docs-nav a.reference.internal")
    shown = [text.strip().replace("\u2019", "'") for text in nav.all_inner_texts()]
    assert shown == [title(p) for p in [ROOT, *PAGES]]
    for expected in [title(p) for p in PAGES[:2]]:  # "Next" walks the same order
        page.locator("a.right-next").click()
        page.wait_for_load_state("networkidle")
        assert page.locator("article h1").first.inner_text().strip().startswith(expected)
    assert visit.offline() == []


def test_equations_are_typeset_from_the_site_itself(visit):
    page = visit.open("notebooks/01_forward_propagation.html")
    typeset = page.locator("article .MathJax")
    typeset.first.wait_for(state="visible")
    assert typeset.count() >= 5
    assert page.locator("article .MathJax_Error, article .merror").count() == 0
    assert "\\(" not in page.locator("article").inner_text()  # no TeX source left on show
    assert any("/_static/mathjax/" in url for url in visit.requests)
    assert visit.offline() == []


@pytest.mark.parametrize(("path", "alt"), [
    ("notebooks/00_start_here.html", "A slider"),
    ("notebooks/01_forward_propagation.html", "Chain of boxes"),
    ("notebooks/03_three_layer_example.html", "hidden layers = 2"),
    ("notebooks/05_explorer.html", "The backprop explorer at iteration"),
])
def test_a_widget_shows_its_picture(visit, path, alt):
    page = visit.open(path)
    picture = page.locator(f'article img[alt^="{alt}"]').first
    picture.scroll_into_view_if_needed()
    assert picture.is_visible()
    assert picture.evaluate("img => img.complete && img.naturalWidth") > 100
    outputs = page.locator("article .cell_output")
    assert outputs.get_by_text(re.compile(r"model not found|VBox\(")).count() == 0
    assert visit.offline() == []


def test_search_finds_the_lecture_pages(visit):
    page = visit.open("search.html?q=cache")
    results = page.locator("#search-results ul.search li a")
    results.first.wait_for(state="visible")
    found = " ".join(results.all_inner_texts())
    assert title("notebooks/01_forward_propagation") in found
    assert visit.offline() == []


def test_each_notebook_page_links_to_launch_it(visit):
    for page_path in PAGES:
        notebook = Path(page_path).with_suffix(".ipynb")
        if not (REPO / notebook).exists():
            continue
        page = visit.open(f"{page_path}.html")
        binder = page.locator(f'a[href*="/v2/gh/"][href$="{notebook.as_posix()}"]')
        assert binder.count() == 1, f"{page_path}: no Binder link for {notebook}"
    assert visit.offline() == []


def test_exercises_are_shown_unexecuted_with_their_instructions(visit):
    page = visit.open("notebooks/exercises/01_forward.html")
    article = page.locator("article")
    assert "NotImplementedError" in article.inner_text()  # the stub the student replaces
    assert article.locator(".cell_output").count() == 0
    assert article.locator("p").count() >= 3  # the instructions between the exercises
    assert visit.offline() == []

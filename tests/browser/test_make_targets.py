"""`make lab` and `make demo` as a user runs them: the one URL printed opens, strangers are refused.

Each server is started through its Makefile target (overriding PORT, and the Voila limits
through the environment) in the Jupyter sandbox, and stopped by process group. "Refused"
means a redirect to the login page or 401/403, never the page, the API answer or the file;
"a stranger" is a request without a token or with the token of another run.
"""

import asyncio
import concurrent.futures
import re
import secrets
import subprocess
import time
import urllib.error
import urllib.request
from pathlib import Path
from typing import NamedTuple

import pytest
from jupyter_servers import REPO, free_port, http_status, isolated_env, stop

pytestmark = pytest.mark.browser

URL = re.compile(r"http://[\w.:-]+/\S*")


LAB_ROUTES = ("/lab", "/lab/tree/00_start_here.ipynb", "/api/kernelspecs", "/api/contents",
              "/api/kernels", "/api/sessions", "/files/00_start_here.ipynb",
              "/api/contents/00_start_here.ipynb", "/voila/render/explorer.ipynb")


class Made(NamedTuple):
    """A server started by ``make <target>``: the URL it printed, its output, its process."""

    url: str
    base: str
    token: str
    stdout: Path
    stderr: Path
    process: subprocess.Popen


def make(target, home, env=None, timeout=180):
    """Run ``make <target> PORT=<free port>`` and wait until the printed URL's server answers."""
    out, err = home / "stdout", home / "stderr"
    process = subprocess.Popen(
        ["make", "--no-print-directory", target, f"PORT={free_port()}"], cwd=REPO,
        env={**isolated_env(home), "BROWSER": "true", **(env or {})},
        stdout=out.open("w"), stderr=err.open("w"), start_new_session=True)
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline and process.poll() is None:
        printed = URL.findall(out.read_text())
        if printed:
            base = re.match(r"http://[\w.:-]+", printed[0]).group(0)
            try:
                http_status(base + "/api/status")  # answers (with a refusal): it is up
            except OSError:
                time.sleep(0.5)
                continue
            token = re.search(r"token=(\w+)", printed[0]).group(1)
            return Made(printed[0], base, token, out, err, process)
        time.sleep(0.5)
    stop(process)
    raise RuntimeError(f"make {target} did not serve:\n{out.read_text()}\n"
                       f"{err.read_text()[-3000:]}")


def get(url):
    with urllib.request.urlopen(url, timeout=60) as response:
        return response.status, response.read().decode()


def refused(url):
    """True if a GET is forbidden or sent to the login page, never answered."""
    try:
        with urllib.request.build_opener(_NoRedirect).open(url, timeout=30):
            return False
    except urllib.error.HTTPError as error:
        if error.code == 302:
            return error.headers.get("Location", "").startswith("/login")
        return error.code in (401, 403)


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def websocket_opens(url):
    """True if a kernel websocket at ``url`` accepts the connection."""
    from tornado.httpclient import HTTPClientError
    from tornado.websocket import websocket_connect

    async def connect():
        try:
            connection = await websocket_connect(url)
        except HTTPClientError:
            return False
        connection.close()
        return True

    # Playwright's sync API keeps an event loop in this thread: run ours in another.
    with concurrent.futures.ThreadPoolExecutor(1) as pool:
        return pool.submit(asyncio.run, connect()).result(60)


def listening_addresses(port):
    """The local addresses of every socket listening on ``port`` (from /proc/net/tcp*)."""
    addresses = []
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        for line in Path(table).read_text().splitlines()[1:]:
            local, state = line.split()[1], line.split()[3]
            address, hex_port = local.split(":")
            if state == "0A" and int(hex_port, 16) == port:  # 0A = LISTEN
                addresses.append(address)
    return addresses


def print_urls(made):
    """Every URL the command printed on stdout and stderr."""
    return URL.findall(made.stdout.read_text()), URL.findall(made.stderr.read_text())


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    made = make("demo", tmp_path_factory.mktemp("make_demo"))
    yield made
    stop(made.process)


@pytest.fixture(scope="module")
def lab(tmp_path_factory):
    made = make("lab", tmp_path_factory.mktemp("make_lab"))
    yield made
    stop(made.process)


@pytest.mark.parametrize("target", ["demo", "lab"])
def test_the_one_printed_url_carries_the_servers_token(target, request):
    made = request.getfixturevalue(target)
    stdout_urls, stderr_urls = print_urls(made)
    assert stdout_urls == [made.url]
    # The server's own log may repeat its address; it never shows another token.
    for url in stderr_urls:
        assert f"token={made.token}" in url or "token=..." in url or "token" not in url, url
    port = int(made.base.rsplit(":", 1)[1])
    assert listening_addresses(port) and set(listening_addresses(port)) == {"0100007F"}


@pytest.mark.parametrize("target", ["demo", "lab"])
def test_a_browser_without_the_token_gets_the_login_page(target, browser, request):
    made = request.getfixturevalue(target)
    page = browser.new_page(viewport={"width": 1280, "height": 800})
    try:
        for query in ("", f"?token={secrets.token_hex(16)}"):
            page.goto(made.url.split("?")[0] + query)
            page.locator("input[type=password]").first.wait_for(timeout=60_000)
            assert "/login" in page.url
            assert page.get_by_role("button", name="Play", exact=True).count() == 0
            assert page.locator(".jp-Notebook").count() == 0
    finally:
        page.close()


def test_make_demo_url_opens_the_explorer(demo, browser):
    """At 1280 x 800 the page opens with Play, the boundary and the curves on the first
    screen: an instructor presses Play without scrolling, and the class sees it train."""
    page = browser.new_page(viewport={"width": 1280, "height": 800})
    try:
        page.goto(demo.url)
        page.get_by_role("button", name="Play", exact=True).wait_for(timeout=120_000)
        page.screenshot(path=demo.stdout.parent / "demo.png")
        for part in (page.get_by_role("button", name="Play", exact=True),
                     page.locator(".dnn-boundary canvas").first,
                     page.locator(".dnn-curves canvas").first):
            part.wait_for()
            box = part.bounding_box()
            assert 0 <= box["y"] and box["y"] + box["height"] <= 800, (part, box)
    finally:
        page.close()


def test_make_demo_refuses_strangers_on_every_route(demo):
    stranger = secrets.token_hex(16)
    status, html = get(demo.url)
    kernel = re.search(r'"kernelId": "([\w-]+)"', html).group(1)
    socket = f"ws://{demo.base[len('http://'):]}/api/kernels/{kernel}/channels"
    for query in ("", f"?token={stranger}"):
        for route in ("/", "/voila/render/explorer.ipynb", f"/api/kernels/{kernel}",
                      "/voila/files/explorer.ipynb", "/api/contents", "/api/kernels"):
            assert refused(demo.base + route + query), route + query
        assert not websocket_opens(socket + query), f"kernel websocket open with {query!r}"
    assert websocket_opens(f"{socket}?token={demo.token}")  # the refusals are the token's doing


def test_make_lab_url_opens_the_start_notebook(lab, browser):
    page = browser.new_page(viewport={"width": 1280, "height": 800})
    try:
        page.goto(lab.url)
        notebook = page.locator(".jp-Notebook").first
        notebook.get_by_role("heading", name="Start here").first.wait_for(timeout=120_000)
    finally:
        page.close()


def test_make_lab_refuses_strangers_on_every_route(lab):
    auth = {"Authorization": f"token {lab.token}"}
    request = urllib.request.Request(f"{lab.base}/api/kernels", data=b"{}", headers=auth)
    with urllib.request.urlopen(request, timeout=60) as response:
        kernel = re.search(r'"id": "([\w-]+)"', response.read().decode()).group(1)
    socket = f"ws://{lab.base[len('http://'):]}/api/kernels/{kernel}/channels"
    try:
        for query in ("", f"?token={secrets.token_hex(16)}"):
            for route in LAB_ROUTES:
                assert refused(lab.base + route + query), route + query
            assert not websocket_opens(socket + query), f"kernel websocket open with {query!r}"
        assert websocket_opens(f"{socket}?token={lab.token}")
        assert get(f"{lab.base}/api/contents?token={lab.token}")[0] == 200
    finally:
        urllib.request.urlopen(urllib.request.Request(
            f"{lab.base}/api/kernels/{kernel}", method="DELETE", headers=auth), timeout=60)


def test_make_demo_caps_and_culls_kernels(tmp_path):
    made = make("demo", tmp_path, env={"DEMO_MAX_KERNELS": "1", "DEMO_CULL_SECONDS": "2"})
    try:
        assert get(made.url)[0] == 200  # one page, one kernel; nothing keeps it connected
        assert http_status(made.url) == 503
        deadline = time.monotonic() + 120
        while http_status(made.url) == 503:  # a page that gets in starts the next kernel
            assert time.monotonic() < deadline, "the abandoned page's kernel was not culled"
            time.sleep(1)
        assert "Culling 'idle' kernel" in made.stderr.read_text()
    finally:
        stop(made.process)


def test_make_demo_frees_a_closed_tabs_place_at_once(tmp_path, browser):
    """With room for one explorer: a second tab is refused with the server's message (a page
    that asks for nothing outside this machine, as every page here); closing the first tab,
    as a student closes it, shuts its kernel down, and the second tab's reload gets in, long
    before the abandoned kernel would have been culled (600 s)."""
    made = make("demo", tmp_path, env={"DEMO_MAX_KERNELS": "1"})
    first, second = (browser.new_context(viewport={"width": 1280, "height": 800})
                     for _ in range(2))
    try:
        tab = first.new_page()
        tab.goto(made.url)
        tab.get_by_role("button", name="Play", exact=True).wait_for(timeout=120_000)
        refused_tab = second.new_page()
        assert refused_tab.goto(made.url).status == 503
        refused_tab.get_by_text("Too many explorers open (1): close an explorer tab").wait_for()
        tab.close(run_before_unload=True)  # the tab closes: the page's unload handlers run
        deadline = time.monotonic() + 30
        while refused_tab.reload().status == 503:
            assert time.monotonic() < deadline, "the closed tab's kernel is still running"
            time.sleep(1)
        refused_tab.get_by_role("button", name="Play", exact=True).wait_for(timeout=120_000)
        assert "Culling 'idle' kernel" not in made.stderr.read_text()
    finally:
        first.close(), second.close()
        stop(made.process)


def load(url):
    """(status, body) of a GET, a refusal's page included."""
    try:
        return get(url)
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode()


def test_make_demo_cap_holds_for_page_loads_at_once(tmp_path):
    made = make("demo", tmp_path, env={"DEMO_MAX_KERNELS": "2"})
    try:
        with concurrent.futures.ThreadPoolExecutor(6) as pool:
            answers = list(pool.map(load, [made.url] * 6))
        assert sorted(status for status, _ in answers) == [200, 200, 503, 503, 503, 503]
        assert made.stderr.read_text().count("Kernel started") == 2
        refusal = next(body for status, body in answers if status == 503)
        assert "Too many explorers open (2): close an explorer tab" in refusal
        assert "then reload this page" in refusal
    finally:
        stop(made.process)


def test_make_demo_sends_its_scripts_before_the_notebook_runs(demo):
    """The page's application script comes once, before the first cell (the browser loads
    it while the kernel runs the notebook), not after the last."""
    html = get(demo.url)[1]
    assert html.count('/voila.js"') == 1
    assert html.index('/voila.js"') < html.index('cell-index="1"')


@pytest.mark.parametrize("scenario", ["dead_relu", "init_too_small"])
def test_a_scenario_link_opens_that_scenario(demo, browser, scenario):
    from dnn_course.explorer import SCENARIOS

    page = browser.new_page(viewport={"width": 1280, "height": 800})
    try:
        page.goto(f"{demo.url}&scenario={scenario}")
        page.get_by_text(SCENARIOS[scenario].title + ".").wait_for(timeout=120_000)
    finally:
        page.close()


def test_an_unknown_scenario_link_shows_the_valid_names(demo, browser):
    from dnn_course.explorer import SCENARIOS

    page = browser.new_page(viewport={"width": 1280, "height": 800})
    try:
        page.goto(f"{demo.url}&scenario=dead_relus")
        message = page.locator(".dnn-lesson")
        message.get_by_text("valid names").wait_for(timeout=120_000)
        assert all(name in message.inner_text() for name in SCENARIOS), message.inner_text()
    finally:
        page.close()


def kernel_cores(made, seconds):
    """The CPU cores the demo's kernels used over ``seconds`` (from /proc)."""
    from benchmarks.classroom import measure

    return measure(made.process.pid, seconds)["kernel"]


def test_play_stops_working_once_the_demo_page_is_closed(tmp_path, browser):
    """The kernel runs ahead of what the page drew by at most 2 s of Play: a student who
    closes the tab while playing leaves a kernel that does nothing."""
    made = make("demo", tmp_path)
    try:
        page = browser.new_page(viewport={"width": 1280, "height": 800})
        page.goto(made.url)
        page.get_by_role("button", name="Play", exact=True).click(timeout=120_000)
        counter = page.locator(".dnn-iteration")
        page.wait_for_function("() => /iteration [1-9]/.test("
                               "document.querySelector('.dnn-iteration').textContent)",
                               timeout=60_000)
        assert "iteration" in counter.inner_text()
        playing = kernel_cores(made, 2)
        page.close()
        deadline = time.monotonic() + 60
        while (closed := kernel_cores(made, 2)) > playing / 4:  # the 2 s it may run ahead
            assert time.monotonic() < deadline, f"still {closed:.3f} cores after closing"
        assert playing > 0.02 and kernel_cores(made, 3) < 0.01, (playing, closed)
    finally:
        stop(made.process)

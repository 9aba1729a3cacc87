"""A class on JupyterHub: `make hub` with the shipped configuration (see jupyter_hub.py for
the little a test changes), configurable-http-proxy from npm, two students in Chromium.

Each student logs in and lands on their own server's 00_start_here.ipynb; runs notebook
03's widget through /user/<name>/lab and the explorer through the hub's Voila route; cannot
reach the other's files or server; and a server left idle is stopped by the idle culler.

Needs Node.js and configurable-http-proxy (`make proxy`); without them the test is skipped
with what to install, and with CI=true it fails instead.
"""

import os
import re
import shutil
from pathlib import Path
from typing import NamedTuple

import nbformat
import pytest
from jupyter_hub import CULL_EVERY, CULL_TIMEOUT, PROXY, SHIPPED_CONFIG, start_hub, stop_hub
from jupyter_servers import DASHBOARD, NOTEBOOKS, http_status
from jupyter_ui import ERROR_OUTPUT, iteration_of, open_notebook, wait_for
from jupyterhub.spawner import Spawner
from playwright.sync_api import expect
from test_browser_three_layer import NOTEBOOK, architecture_line, layer_dims
from traitlets.config.loader import PyFileConfigLoader

from dnn_course.walkthrough import architecture_text

pytestmark = pytest.mark.browser

STUDENTS = ("ada", "grace")
SHIPPED = Spawner(config=PyFileConfigLoader(SHIPPED_CONFIG.name,
                                            str(SHIPPED_CONFIG.parent)).load_config())


class StudentServer(NamedTuple):
    """A student's server behind the hub, for the helpers of jupyter_ui (the browser
    carries the student's login cookie, so URLs need no token)."""

    base: str
    name: str

    def url(self, path):
        return f"{self.base}/user/{self.name}{path}"


def missing_proxy():
    if not shutil.which("node"):
        return "Node.js is missing: apt-get install -y nodejs npm, then make proxy"
    if not PROXY.exists() and not shutil.which("npm"):
        return "configurable-http-proxy is missing: apt-get install -y npm, then make proxy"
    return None


@pytest.fixture(scope="module")
def hub(browser, tmp_path_factory):
    """The hub, started by `make hub` (asks for the browser first: no Chromium, no hub)."""
    message = missing_proxy()
    if message:
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(message, pytrace=False)
        pytest.skip(message)
    hub = start_hub(tmp_path_factory.mktemp("hub"), STUDENTS)
    yield hub
    stop_hub(hub.process)


@pytest.fixture(scope="module")
def desks(browser, hub):
    """One browser context per student (separate cookies), kept for the whole module."""
    contexts = {name: browser.new_context(viewport={"width": 1400, "height": 1000})
                for name in STUDENTS}
    pages = {}
    for name, context in contexts.items():
        context.set_default_timeout(30_000)
        pages[name] = context.new_page()
    yield pages
    for context in contexts.values():
        context.close()


def server_environment(hub, name):
    """The environment the hub gave the student's server process."""
    environ = Path(f"/proc/{hub.server(name)['state']['pid']}/environ").read_text()
    return dict(line.split("=", 1) for line in environ.split("\0") if "=" in line)


def log_in(page, hub, name):
    page.goto(f"{hub.base}/hub/login")
    page.fill("#username_input", name)
    page.fill("#password_input", "any password will do for the test authenticator")
    page.click("#login_submit")


def test_each_student_logs_in_and_lands_on_a_server_of_their_own(hub, desks):
    for name, page in desks.items():  # both at once, as a class does
        log_in(page, hub, name)
    for name, page in desks.items():
        page.wait_for_url(re.compile(rf"/user/{name}/lab/tree/00_start_here\.ipynb"),
                          timeout=120_000)
        expect(page.locator("#jp-main-statusbar")).to_contain_text(
            re.compile(r"\| Idle"), timeout=60_000)
        expect(page.locator(".jp-NotebookPanel:not(.lm-mod-hidden)")).to_be_visible()
    pids = set()
    for name in STUDENTS:
        server = hub.server(name)
        assert server["ready"] and server["url"] == f"/user/{name}/"
        copied = hub.homes / name / "dnn_course"
        assert sorted(p.name for p in copied.glob("0*.ipynb")) == sorted(
            p.name for p in NOTEBOOKS.glob("0*.ipynb"))
        pids.add(server["state"]["pid"])
        env = server_environment(hub, name)
        # The shipped limits reach the server, and it serves the student's own folder.
        assert (env["MEM_LIMIT"], env["CPU_LIMIT"]) == (str(SHIPPED.mem_limit),
                                                        str(SHIPPED.cpu_limit))
        assert env["JUPYTERHUB_ROOT_DIR"] == "~/dnn_course" and env["HOME"] == str(
            hub.homes / name)
    assert len(pids) == len(STUDENTS)


def test_a_stranger_cannot_log_in(hub, browser):
    context = browser.new_context()
    page = context.new_page()
    log_in(page, hub, "mallory")
    expect(page.locator(".login_error")).to_contain_text("Invalid username or password")
    context.close()
    assert "mallory" not in {user["name"] for user in hub.api("GET", "/users")}


def test_a_student_cannot_see_another_students_files_or_server(hub, desks):
    ada = desks["ada"].request
    own = ada.get(f"{hub.base}/user/ada/api/contents")
    assert own.status == 200
    assert "03_three_layer_example.ipynb" in {item["name"] for item in own.json()["content"]}

    notebook = "/api/contents/03_three_layer_example.ipynb"
    assert ada.get(f"{hub.base}/user/grace{notebook}").status == 403
    assert ada.get(f"{hub.base}/user/grace/api/kernels").status == 403
    page = ada.get(f"{hub.base}/user/grace/lab")  # redirects to the hub, which refuses
    assert page.status == 403 and "03_three_layer" not in page.text()
    assert ada.get(f"{hub.base}/hub/api/users/grace").status in (403, 404)
    # Out of her own server's folder: the server refuses paths above its root.
    assert ada.get(f"{hub.base}/user/ada/api/contents/..%2F..%2Fgrace").status in (400, 404)
    assert desks["grace"].request.get(f"{hub.base}/user/grace{notebook}").status == 200


def listening_addresses(port):
    """The local addresses of the TCP sockets listening on ``port`` (/proc/net/tcp, IPv4;
    a listener on every interface would show as 0.0.0.0 here or :: in tcp6)."""
    found = set()
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        for line in Path(table).read_text().splitlines()[1:]:
            local, state = line.split()[1], line.split()[3]
            address, hex_port = local.split(":")
            if state == "0A" and int(hex_port, 16) == port:  # 0A: LISTEN
                found.add(address)
    return found


def test_every_part_listens_on_127_0_0_1_and_asks_for_a_token(hub, desks):
    # Where the proxy sends /user/<name>/: each student's server itself.
    servers = [server_environment(hub, name)["JUPYTERHUB_SERVICE_URL"] for name in STUDENTS]
    hub_port, proxy_api_port = hub.inner_ports
    urls = {
        f"{hub.base}/hub/api/users": "the hub's API, through the proxy",
        f"http://127.0.0.1:{hub_port}/hub/api/users": "the hub's API, directly",
        f"http://127.0.0.1:{proxy_api_port}/api/routes": "the proxy's API",
        **{f"{url.rstrip('/')}/api/contents": "a student's server, past the proxy"
           for url in servers},
    }
    for url, what in urls.items():
        assert http_status(url) == 403, f"{what} answered a request without a token: {url}"
        port = int(re.search(r":(\d+)/", url).group(1))
        assert listening_addresses(port) == {"0100007F"}, f"{what} listens beyond 127.0.0.1"


def widget_cell():
    """1-based number of notebook 03's code cell that shows the depth/activation widget."""
    cells = nbformat.read(NOTEBOOKS / NOTEBOOK, as_version=4).cells
    sources = [cell.source for cell in cells if cell.cell_type == "code"]
    return next(n for n, source in enumerate(sources, 1) if "three_layer_widget()" in source)


def run_up_to_the_widget(page, panel, timeout=300):
    """Run the notebook from the top down to the widget's cell, as a student reading it
    does (the cells after it train more networks, which the hub adds nothing to)."""
    last = widget_cell()
    cells = panel.locator(".jp-CodeCell")

    def menu(name, item):
        page.locator(".lm-MenuBar-itemLabel", has_text=re.compile(f"^{name}$")).click()
        page.locator(".lm-Menu-itemLabel", has_text=re.compile(f"^{item}$")).click()

    menu("Edit", "Clear Outputs of All Cells")  # the saved [n] prompts would pass as run
    cells.nth(last).locator(".jp-InputPrompt").click()  # the cell after the widget's
    menu("Run", "Run All Above Selected Cell")
    prompts = cells.locator(".jp-InputArea-prompt")

    def finished():
        labels = [text.strip() for text in prompts.all_inner_texts()[:last]]
        return all(re.fullmatch(r"\[\d+\]:?", label) for label in labels)

    wait_for(page, finished, timeout, lambda: f"cells 1-{last} did not all run: "
             f"{prompts.all_inner_texts()[:last]}")
    assert panel.locator(ERROR_OUTPUT).all_inner_texts() == []


@pytest.mark.parametrize("name", STUDENTS)
def test_walkthrough_widget_and_explorer_through_the_hub(hub, desks, name):
    page = desks[name]
    panel = open_notebook(page, StudentServer(hub.base, name), NOTEBOOK)
    assert page.url.startswith(f"{hub.base}/user/{name}/lab/")
    run_up_to_the_widget(page, panel)
    output = panel.locator(".dnn-three-layer-output")
    first = wait_for(page, lambda: architecture_line(output), 60,
                     lambda: f"no architecture line in {output.inner_text()!r}")
    dims = layer_dims(first)
    panel.locator(".dnn-depth .noUi-handle").focus()
    page.keyboard.press("ArrowRight")
    deeper = architecture_text([dims[0], *[dims[1]] * (len(dims) - 1), dims[-1]], "relu")
    wait_for(page, lambda: architecture_line(output) == deeper, 60,
             lambda: f"after one more layer the output shows {architecture_line(output)!r}")

    explorer = page.context.new_page()  # the Lab tab stays open: the student is active
    explorer.goto(f"{hub.base}/user/{name}/voila/render/{DASHBOARD}")
    root = explorer.locator(".dnn-explorer")
    counter = root.locator(".dnn-iteration")
    counter.wait_for(timeout=120_000)
    start = iteration_of(counter)
    root.locator(".dnn-step").click()
    wait_for(explorer, lambda: iteration_of(counter) == start + 1, 30,
             lambda: f"Step left the counter at {counter.inner_text()!r}")
    explorer.close()


def test_an_idle_server_is_culled_and_an_active_one_is_not(hub, desks):
    desks["ada"].context.close()  # ada leaves; grace's JupyterLab stays open
    wait_for(desks["grace"], lambda: hub.server("ada") is None, CULL_TIMEOUT + 6 * CULL_EVERY,
             lambda: f"ada's server still runs {CULL_TIMEOUT} s after she left")
    assert re.search(r"Culling server ada \(inactive for", hub.log.read_text())
    assert hub.server("grace") is not None, "the culler stopped grace, who was still working"

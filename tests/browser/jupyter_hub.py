"""Start the project's JupyterHub the way the README tells an instructor to (`make hub`),
from the shipped jupyterhub/jupyterhub_config.py, with only what a test must change:

- the authenticator: DummyAuthenticator (a test-only authenticator that takes any
  password; the allow list still applies) instead of PAM, which needs Unix accounts;
- the spawner: each student's server runs as the user running the tests, in a home folder
  of its own under ``homes`` (SimpleLocalProcessSpawner), instead of as the student's Unix
  user; here the Python interpreter lives where other users cannot run it, and a test
  should not create Unix accounts. Everything else a student gets comes from the shipped
  configuration: the notebooks copied in by ``copy-notebooks``, the default URL, the
  kernel culling, the idle culler, 127.0.0.1 and tokens;
- free ports, a state folder, a short culler timeout, and an observer token that may read
  and stop servers (so the test can watch the hub).

Also used by benchmarks/hub.py.
"""

import json
import os
import re
import secrets
import signal
import subprocess
import time
import urllib.error
import urllib.request
from pathlib import Path
from typing import NamedTuple

from jupyter_servers import LAB_SETTINGS, REPO, free_port

SHIPPED_CONFIG = REPO / "jupyterhub" / "jupyterhub_config.py"
PROXY = REPO / ".venv" / "proxy" / "node_modules" / ".bin" / "configurable-http-proxy"
CULL_TIMEOUT, CULL_EVERY = 15, 5  # seconds, for the test; the shipped hub uses 3600, 300

TEST_CONFIG = """\
load_subconfig({shipped!r})
c = get_config()  # noqa: F821
c.JupyterHub.authenticator_class = "dummy"
c.Authenticator.allowed_users = {students!r}
c.JupyterHub.spawner_class = "simple"
c.SimpleLocalProcessSpawner.home_dir_template = {homes!r} + "/{{username}}"
c.Spawner.args.extend({extra_args!r})
c.JupyterHub.hub_port = {hub_port}
c.ConfigurableHTTPProxy.api_url = "http://127.0.0.1:{proxy_api_port}"
c.JupyterHub.last_activity_interval = {cull_every}
culler = next(s for s in c.JupyterHub.services if s["name"] == "idle-culler")
culler["command"] = [a for a in culler["command"] if not a.startswith(("--timeout", "--cull-"))]
culler["command"] += ["--timeout={cull_timeout}", "--cull-every={cull_every}"]
c.JupyterHub.services.append({{"name": "observer", "api_token": {token!r}}})
c.JupyterHub.load_roles.append({{"name": "observer", "services": ["observer"],
                                "scopes": ["list:users", "read:users", "admin:servers",
                                           "admin:server_state"]}})
"""


class Hub(NamedTuple):
    base: str  # the URL `make hub` printed, without /hub/login
    token: str  # the observer's
    homes: Path
    process: subprocess.Popen
    log: Path
    inner_ports: tuple  # the hub's own API for the proxy and services, the proxy's API

    def api(self, method, path):
        """Call the hub's REST API (``/hub/api`` + path) with the observer's token."""
        request = urllib.request.Request(f"{self.base}/hub/api{path}", method=method,
                                         headers={"Authorization": f"token {self.token}"})
        with urllib.request.urlopen(request, timeout=30) as response:
            body = response.read()
        return json.loads(body) if body else None

    def server(self, name):
        """The student's default server as the hub reports it, or None when not running."""
        return self.api("GET", f"/users/{name}")["servers"].get("")


def prepare_home(home):
    """A student's home with JupyterLab's news toast and autosave off (as in the other
    browser tests), so the browser sees the same Lab."""
    for relative, values in LAB_SETTINGS.items():
        path = home / ".jupyter" / "lab" / "user-settings" / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(values))


def start_hub(root, students, timeout=120):
    """`make hub` with the test's config in ``root``; waits until the hub answers."""
    homes = root / "homes"
    for name in students:
        prepare_home(homes / name)
    token = secrets.token_hex(16)
    hub_port, proxy_api_port = free_port(), free_port()
    config = root / "test_config.py"
    config.write_text(TEST_CONFIG.format(
        shipped=str(SHIPPED_CONFIG), students=set(students), homes=str(homes),
        extra_args=["--allow-root"] if os.geteuid() == 0 else [],
        hub_port=hub_port, proxy_api_port=proxy_api_port, token=token,
        cull_timeout=CULL_TIMEOUT, cull_every=CULL_EVERY,
    ))
    log = root / "hub.log"
    process = subprocess.Popen(
        ["make", "--no-print-directory", "-C", str(REPO), "hub", f"HUB_CONFIG={config}",
         f"HUB_STATE={root / 'state'}", f"HUB_PORT={free_port()}"],
        stdout=log.open("w"), stderr=subprocess.STDOUT, start_new_session=True,
    )
    deadline = time.monotonic() + timeout
    while True:
        printed = re.search(r"JupyterHub on (http://127\.0\.0\.1:\d+)/hub/login", log.read_text())
        if printed:
            hub = Hub(printed.group(1), token, homes, process, log, (hub_port, proxy_api_port))
            try:
                hub.api("GET", "/")
                return hub
            except (OSError, urllib.error.HTTPError):
                pass
        if process.poll() is not None or time.monotonic() > deadline:
            stop_hub(process)
            raise RuntimeError(f"the hub did not start:\n{log.read_text()[-3000:]}")
        time.sleep(0.25)


def children(pid):
    """Every process descended from ``pid`` (read from /proc)."""
    parents = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        parents.setdefault(int(fields[1]), []).append(int(stat.parent.name))
    found, todo = [], [pid]
    while todo:
        kids = parents.get(todo.pop(), [])
        found += kids
        todo += kids
    return found


def running(pid):
    """True while ``pid`` exists and is not a zombie waiting to be reaped."""
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0] != "Z"
    except OSError:
        return False


def stop_hub(process, timeout=60):
    """Stop `make hub`: the hub then stops the students' servers, the culler and the proxy
    (each runs in a session of its own). Whatever of them still runs after ``timeout``
    seconds is killed."""
    started = children(process.pid)
    try:
        os.killpg(process.pid, signal.SIGTERM)
    except ProcessLookupError:
        pass
    deadline = time.monotonic() + timeout
    while any(map(running, started)) and time.monotonic() < deadline:
        time.sleep(0.25)
    for pid in filter(running, started):
        os.kill(pid, signal.SIGKILL)
    process.wait(10)

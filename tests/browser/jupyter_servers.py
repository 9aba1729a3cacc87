"""Start real JupyterLab and Voila servers on 127.0.0.1 with a token, and stop them.

Each server runs in its own process group (``start_new_session=True``) so that stopping it
with ``os.killpg`` also stops the kernels it started. Jupyter's configuration, data,
runtime, settings and workspace folders point into a temporary ``home``; the user
settings written there switch off JupyterLab's news toast and autosave (autosave would
write outputs into the notebooks under test) and keep every cell attached to the page.
"""

import json
import os
import re
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path
from typing import NamedTuple

from tests.support.jupyter_sandbox import sandbox_env

REPO = Path(__file__).resolve().parents[2]
NOTEBOOKS = REPO / "notebooks"
EXPLORER = "05_explorer.ipynb"  # the walkthrough, run in JupyterLab
DASHBOARD = "explorer.ipynb"  # the explorer alone: make demo, Binder's and the hub's Voila

LAB_SETTINGS = {
    "@jupyterlab/apputils-extension/notification.jupyterlab-settings": {
        "fetchNews": "false",
        "checkForUpdates": False,
    },
    "@jupyterlab/docmanager-extension/plugin.jupyterlab-settings": {"autosave": False},
    "@jupyterlab/notebook-extension/tracker.jupyterlab-settings": {"windowingMode": "none"},
}


class Server(NamedTuple):
    """A running server: where it listens, its token, the folder it serves, its log."""

    base: str
    token: str
    root: Path
    process: subprocess.Popen
    log: Path

    def url(self, path):
        """``path`` on this server with the token as a query parameter."""
        separator = "&" if "?" in path else "?"
        return f"{self.base}{path}{separator}token={self.token}"

    def api(self, method, path):
        """Call the Jupyter REST API with the token in the Authorization header."""
        request = urllib.request.Request(
            self.base + path, method=method, headers={"Authorization": f"token {self.token}"}
        )
        with urllib.request.urlopen(request, timeout=30) as response:
            body = response.read()
        return json.loads(body) if body else None


def isolated_env(home):
    """Environment variables that keep every Jupyter and matplotlib file inside ``home``,
    with the JupyterLab user settings above."""
    env = sandbox_env(home, dict(os.environ, PYTHONUNBUFFERED="1"))
    env.pop("MPLBACKEND")  # the kernels choose their own (inline or ipympl)
    for relative, values in LAB_SETTINGS.items():
        path = Path(env["JUPYTERLAB_SETTINGS_DIR"]) / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(values))
    return env


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def http_status(url):
    """HTTP status of a GET without credentials; redirects are reported, not followed."""

    class NoRedirect(urllib.request.HTTPRedirectHandler):
        def redirect_request(self, *args, **kwargs):
            return None

    try:
        with urllib.request.build_opener(NoRedirect).open(url, timeout=10) as response:
            return response.status
    except urllib.error.HTTPError as error:
        return error.code


def start(command, cwd, home, token, timeout=120):
    """Start ``command`` and wait until it answers HTTP on the port it reports.

    Both servers move to the next port when theirs has just been taken (by a kernel, say),
    so the port is read from the "running at" line of the log, not assumed.
    """
    log = home / "server.log"
    process = subprocess.Popen(
        command,
        cwd=cwd,
        env=isolated_env(home),
        stdout=log.open("w"),
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    deadline = time.monotonic() + timeout
    while True:
        found = re.search(r"running at:.*\n.*?(http://127\.0\.0\.1:\d+)/", log.read_text())
        try:
            if found:
                # A cheap page that starts no kernel (Voila starts one per GET of its notebook)
                http_status(f"{found.group(1)}/api/status")
                return Server(found.group(1), token, Path(cwd), process, log)
        except OSError:
            pass
        if process.poll() is not None or time.monotonic() > deadline:
            stop(process)
            raise RuntimeError(f"{command[2]} did not start:\n{log.read_text()[-3000:]}")
        time.sleep(0.25)


def start_lab(root, home, token):
    port = free_port()
    command = [sys.executable, "-m", "jupyterlab", "--no-browser", "--ip=127.0.0.1",
               f"--port={port}", f"--IdentityProvider.token={token}",
               f"--ServerApp.root_dir={root}"]
    if os.geteuid() == 0:
        command.append("--allow-root")
    return start(command, root, home, token)


def start_voila(notebook, home, token):
    # Voila 0.5 ignores --IdentityProvider.token (it serves without any token then);
    # --Voila.token is the option it honours. test_browser_servers.py checks the refusal.
    port = free_port()
    command = [sys.executable, "-m", "voila", notebook.name, "--no-browser",
               "--Voila.ip=127.0.0.1", f"--port={port}", f"--Voila.token={token}"]
    return start(command, notebook.parent, home, token)


def stop(process):
    """Stop the server and every kernel in its process group."""
    try:
        os.killpg(process.pid, signal.SIGTERM)
        process.wait(20)
    except ProcessLookupError:
        return
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait(10)

"""JupyterHub for one class on one machine: `make hub` starts it (see
docs/instructors.md, "Hosting a class on JupyterHub").

- Students log in with their Unix account and password (PAM); only the names listed in
  students.txt beside this file (and the instructors in instructors.txt, who are admins)
  may log in. Create the accounts first: `useradd -m -K HOME_MODE=0700 NAME && passwd NAME`.
- Each student gets one JupyterLab server, started as their own Unix user, in
  ~/dnn_course, opening on 00_start_here.ipynb. Before it starts, the course's notebooks
  are copied in (`python -m dnn_course.handout copy-notebooks`, run as the student),
  keeping every notebook the student already has.
- The explorer is at /user/<name>/voila/render/explorer.ipynb (Voila, a server extension);
  05_explorer.ipynb is its walkthrough, run in JupyterLab.
- jupyterhub-idle-culler stops servers idle for an hour; kernels idle for 20 min are shut
  down by the server itself.
- Everything listens on 127.0.0.1; put a TLS-terminating reverse proxy (nginx, Caddy) in
  front to open the hub to the class. Every route needs a login cookie or a token: the
  hub's, the proxy's API (a random CONFIGPROXY_AUTH_TOKEN) and each student's server
  (the hub's OAuth).

The hub, its proxy and the students' servers run in the Python environment that has
dnn_course installed (`pip install -r binder/requirements.txt`), so they use one set of
widget versions. Run the hub from a folder of its own: it keeps its database
(jupyterhub.sqlite) and cookie secret there.
"""

import asyncio
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
COURSE_FOLDER = "dnn_course"  # inside each student's home
c = get_config()  # noqa: F821 (JupyterHub provides get_config when it reads this file)

# --- Per-student resources, from docs/performance.md (kernels measured by
# benchmarks/student.py, the server behind this hub by benchmarks/hub.py). A
# student who leaves all eight notebooks open holds 928 MiB of kernels plus a 173 MiB
# server; the limit adds half again for growth (a server grows with use, the explorer's
# history with training). CPU: Run All of notebook 03 takes 3.5 CPU s, one Play in the
# explorer 0.087 of a core (kernel + server); one core per student lets either run at full speed.
# The guarantees (what a scheduler reserves, used by Zero to JupyterHub) are one student at
# work: the server plus the heaviest notebook's kernel (04: 190 MiB), and one Play's share.
ALL_KERNELS_MIB, HEAVIEST_KERNEL_MIB, SERVER_MIB, PLAY_CORES = 928, 190, 173, 0.087
c.Spawner.mem_limit = f"{round(1.5 * (ALL_KERNELS_MIB + SERVER_MIB))}M"
c.Spawner.mem_guarantee = f"{HEAVIEST_KERNEL_MIB + SERVER_MIB}M"
c.Spawner.cpu_limit = 1.0
c.Spawner.cpu_guarantee = round(PLAY_CORES, 1)
# LocalProcessSpawner cannot enforce these: it passes them to the server as MEM_LIMIT and
# CPU_LIMIT (jupyter-resource-usage, if installed, shows them). The Littlest JupyterHub
# (systemd) and Zero to JupyterHub (Kubernetes) enforce the same numbers:
# docs/instructors.md, "Hosting a class on JupyterHub".

# --- Network: the hub and the proxy on 127.0.0.1 only (`make hub HUB_PORT=...` changes 8000).
c.JupyterHub.bind_url = "http://127.0.0.1:8000"
c.JupyterHub.hub_ip = "127.0.0.1"
c.ConfigurableHTTPProxy.api_url = "http://127.0.0.1:8001"
# configurable-http-proxy: the one `make proxy` installs with npm, else the one on PATH.
proxy = Path(sys.prefix) / "proxy" / "node_modules" / ".bin" / "configurable-http-proxy"
if proxy.exists():
    c.ConfigurableHTTPProxy.command = [str(proxy)]


# --- Who may log in.
def names(filename):
    """The user names listed in a file beside this one, one a line; '#' starts a comment."""
    path = HERE / filename
    lines = path.read_text().splitlines() if path.exists() else []
    return {line.split("#")[0].strip() for line in lines} - {""}


c.JupyterHub.authenticator_class = "pam"
c.Authenticator.allowed_users = names("students.txt")
c.Authenticator.admin_users = names("instructors.txt")

# --- One server per student, as that student, in ~/dnn_course, opening on the first notebook.
c.JupyterHub.spawner_class = "localprocess"
c.Spawner.ip = "127.0.0.1"
c.Spawner.cmd = [sys.executable, "-m", "jupyterhub.singleuser"]
c.Spawner.notebook_dir = f"~/{COURSE_FOLDER}"
c.Spawner.default_url = "/lab/tree/00_start_here.ipynb"
c.Spawner.args = [
    "--MappingKernelManager.cull_idle_timeout=1200",  # a kernel idle 20 min is shut down
    "--MappingKernelManager.cull_interval=120",
    "--MappingKernelManager.cull_connected=True",  # also when a forgotten tab is still open
]
c.Spawner.http_timeout = 60
c.Spawner.start_timeout = 120


async def hand_out_notebooks(spawner):
    """Copy the course's notebooks into ~/dnn_course as the student, keeping their work."""
    copy = await asyncio.create_subprocess_exec(
        sys.executable, "-m", "dnn_course.handout", "copy-notebooks", COURSE_FOLDER,
        preexec_fn=spawner.make_preexec_fn(spawner.user.name),  # the student's uid, cd ~
        env=spawner.user_env({"PATH": "/usr/bin:/bin"}),
        stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.STDOUT,
    )
    output = (await copy.communicate())[0].decode().strip()
    if copy.returncode:
        raise RuntimeError(f"could not copy the notebooks for {spawner.user.name}: {output}")
    spawner.log.info("%s: %s", spawner.user.name, output)


c.Spawner.pre_spawn_hook = hand_out_notebooks

# --- Stop servers nobody has used for an hour (jupyterhub-idle-culler, a hub service).
c.JupyterHub.services = [
    {
        "name": "idle-culler",
        "command": [sys.executable, "-m", "jupyterhub_idle_culler",
                    "--timeout=3600", "--cull-every=300"],
    }
]
c.JupyterHub.load_roles = [
    {
        "name": "idle-culler",
        "scopes": ["list:users", "read:users:activity", "read:servers", "delete:servers"],
        "services": ["idle-culler"],
    }
]

"""Jupyter, IPython and matplotlib state in a throw-away folder instead of $HOME.

Used by the tests (the root conftest.py), the benchmarks and the scripts, so that none of
them reads a user's settings or leaves files behind. Kernels and servers started from a
sandboxed process inherit it; the kernel's own log is quieted so a runner's summary stays
the last line.
"""

import atexit
import os
import shutil
import tempfile
from pathlib import Path

FOLDERS = {
    "JUPYTER_CONFIG_DIR": "jupyter_config",
    "JUPYTER_DATA_DIR": "jupyter_data",
    "JUPYTER_RUNTIME_DIR": "jupyter_runtime",
    "JUPYTERLAB_SETTINGS_DIR": "lab_settings",
    "JUPYTERLAB_WORKSPACES_DIR": "lab_workspaces",
    "IPYTHONDIR": "ipython",
    "MPLCONFIGDIR": "matplotlib",
}


def sandbox_env(home, base=None):
    """A copy of ``base`` (default: os.environ) whose Jupyter state lives under ``home``."""
    home = Path(home)
    env = dict(os.environ if base is None else base, MPLBACKEND="Agg")
    for variable, folder in FOLDERS.items():
        (home / folder).mkdir(parents=True, exist_ok=True)
        env[variable] = str(home / folder)
    profile = home / FOLDERS["IPYTHONDIR"] / "profile_default"
    profile.mkdir(parents=True, exist_ok=True)
    (profile / "ipython_kernel_config.py").write_text("c.IPKernelApp.log_level = 'CRITICAL'\n")
    return env


def isolate():
    """Sandbox this process (and what it starts) in a new folder, removed at exit."""
    home = tempfile.mkdtemp(prefix="dnn_course_jupyter_")
    atexit.register(shutil.rmtree, home, ignore_errors=True)
    os.environ.update(sandbox_env(home))
    return home

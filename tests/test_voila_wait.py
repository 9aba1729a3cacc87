"""Voila waits for the messages that draw the explorer, on both routes a class opens.

After a notebook's cell has run, Voila (nbclient) waits ``iopub_timeout`` seconds for the
kernel's output; the explorer's is about 190 widget models. With nbclient's 4 s, pages that
a class opened together stayed blank ("Timeout waiting for IOPub output": 5 to 8 of 10 in
``python -m benchmarks.pageload --at-once 10``). Both routes must wait far longer.
"""

import subprocess
import sys
from pathlib import Path

from traitlets.config import PyFileConfigLoader

REPO = Path(__file__).resolve().parents[1]
ENOUGH = 60  # seconds: ten pages at once on two cores needed about 25


def test_make_demo_waits_for_the_explorers_messages():
    config = PyFileConfigLoader("voila.py", path=str(REPO / "demo")).load_config()
    assert config.VoilaExecutor.iopub_timeout >= ENOUGH


def test_the_voila_render_route_of_jupyterlab_waits_too(tmp_path):
    shown = subprocess.run(
        [sys.executable, "-m", "jupyterlab", "--show-config"], cwd=tmp_path,
        capture_output=True, text=True, timeout=120,
    ).stdout
    assert "VoilaExecutor" in shown, shown
    seconds = shown.split("VoilaExecutor", 1)[1].split(".iopub_timeout = ", 1)[1].split()[0]
    assert int(seconds) >= ENOUGH

"""The engine as it was at an earlier commit, imported next to the current one.

``python -m benchmarks --before REV`` times ``dnn_course_before.L_layer_model`` (the
package at git revision REV) in the same rounds as today's ``dnn_course``, so the
before/after comparison sees the same machine load. The package's own imports are
relative, so the copy works under another name.
"""

import importlib
import io
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
NAME = "dnn_course_before"


def load_engine(rev):
    """Import dnn_course as it was at git revision ``rev``, as ``dnn_course_before``."""
    archive = subprocess.run(
        ["git", "archive", rev, "dnn_course"], cwd=ROOT, capture_output=True, check=True
    ).stdout
    folder = Path(tempfile.mkdtemp(prefix="dnn_course_before_"))
    with tarfile.open(fileobj=io.BytesIO(archive)) as tar:
        tar.extractall(folder, filter="data")
    (folder / "dnn_course").rename(folder / NAME)
    sys.path.insert(0, str(folder))
    try:
        return importlib.import_module(NAME)
    finally:
        sys.path.remove(str(folder))


def describe(rev):
    """``rev`` as a short commit hash."""
    done = subprocess.run(
        ["git", "log", "-1", "--format=%h", rev], cwd=ROOT, capture_output=True, text=True
    )
    return done.stdout.strip() or rev


def engine_version():
    """The commit of the checkout, and whether the engine modules have uncommitted edits."""
    dirty = subprocess.run(
        ["git", "status", "--porcelain", "--", ":(glob)dnn_course/*.py"], cwd=ROOT,
        capture_output=True, text=True,
    ).stdout.strip()
    return describe("HEAD") + (" + uncommitted changes to dnn_course/*.py" if dirty else "")

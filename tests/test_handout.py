"""The classroom command hands every student the course's notebooks and never overwrites
a notebook the student already has."""

import stat
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from dnn_course.handout import copy_notebooks, shipped_notebooks

REPO = Path(__file__).resolve().parents[1]


def repository_notebooks():
    folder = REPO / "notebooks"
    return sorted(str(path.relative_to(folder)) for pattern in ("*.ipynb", "exercises/*")
                  for path in folder.glob(pattern) if path.suffix in (".ipynb", ".md"))


def test_the_package_ships_every_notebook_of_the_repository():
    assert shipped_notebooks() == repository_notebooks()
    assert "00_start_here.ipynb" in shipped_notebooks()


def test_copy_gives_a_private_copy_of_every_notebook(tmp_path):
    dest = tmp_path / "student" / "dnn_course"
    copied, kept = copy_notebooks(dest)
    assert (copied, kept) == (shipped_notebooks(), [])
    for name in copied:
        assert (dest / name).read_bytes() == (REPO / "notebooks" / name).read_bytes()
        assert stat.S_IMODE((dest / name).stat().st_mode) == 0o600
    for folder in (dest, dest / "exercises"):
        assert stat.S_IMODE(folder.stat().st_mode) == 0o700
    assert not list(dest.rglob(".copying-*"))


def test_a_second_copy_keeps_the_students_work_and_adds_what_is_missing(tmp_path):
    copy_notebooks(tmp_path)
    edited = tmp_path / "03_three_layer_example.ipynb"
    edited.write_text("my own work")
    (tmp_path / "05_explorer.ipynb").unlink()
    copied, kept = copy_notebooks(tmp_path)
    assert copied == ["05_explorer.ipynb"]
    assert "03_three_layer_example.ipynb" in kept
    assert edited.read_text() == "my own work"


def test_the_command_line_copies_and_names_a_file_given_as_the_folder(tmp_path):
    command = [sys.executable, "-m", "dnn_course.handout", "copy-notebooks"]
    done = subprocess.run([*command, str(tmp_path / "d")], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert f"copied {len(shipped_notebooks())} files" in done.stdout
    (tmp_path / "f").write_text("")
    refused = subprocess.run([*command, str(tmp_path / "f")], capture_output=True, text=True)
    assert refused.returncode == 1
    assert "is a file" in refused.stderr


def test_a_failed_copy_leaves_no_partial_notebook(tmp_path, monkeypatch):
    def broken(source, target):
        target.write(b"half")
        raise OSError("disk full")

    monkeypatch.setattr("dnn_course.handout.shutil.copyfileobj", broken)
    with pytest.raises(OSError, match="disk full"):
        copy_notebooks(tmp_path)
    assert list(tmp_path.rglob("*")) == []


@pytest.mark.slow
def test_an_installed_wheel_carries_the_notebooks(tmp_path):
    """Hubs install the package from a wheel (`pip install .`), not from this checkout."""
    built = subprocess.run([sys.executable, "-m", "pip", "wheel", "-q", "--no-deps", "-w",
                            str(tmp_path), str(REPO)], capture_output=True, text=True)
    assert built.returncode == 0, built.stderr[-2000:]
    (wheel,) = tmp_path.glob("dnn_course-*.whl")
    with zipfile.ZipFile(wheel) as archive:
        inside = {name.removeprefix("dnn_course/notebooks/") for name in archive.namelist()
                  if name.startswith("dnn_course/notebooks/")}
    assert inside == set(shipped_notebooks())

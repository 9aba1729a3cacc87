"""Build the nbgrader course from the exercise sources, and the student notebooks from it.

    python -m course.build_nbgrader [--course build/course] [--release-to notebooks/exercises]

course/source/NN_topic.ipynb is the one copy of each exercise: its text, the reference
solutions between ``### BEGIN SOLUTION`` / ``### END SOLUTION`` in the cells tagged
``exercise:<name>``, and the test cells tagged ``check:<name>`` that grade them with
``check.grade(..., points=N)``. This script writes an nbgrader course directory with each
source as the assignment NN_topic, marks those cells for nbgrader (solution cells; locked,
autograded test cells worth N points), runs ``nbgrader generate_assignment`` and copies the
student versions it releases to notebooks/exercises/: the notebooks students get are
nbgrader's output, never edited by hand. A new exercise joins by adding its source file.
The course folder is made readable by its owner only (mode 0700; nbgrader runs with umask
077): it holds the solutions, the submissions and the gradebook.
"""

import argparse
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import nbformat

REPO = Path(__file__).resolve().parents[1]
SOURCES = REPO / "course" / "source"
CONFIG = REPO / "course" / "nbgrader_config.py"
RELEASED = REPO / "notebooks" / "exercises"
POINTS = re.compile(r"points=(\d+(?:\.\d+)?)")


def assignments(sources=SOURCES):
    """{assignment name: source notebook path}, in course order."""
    return {path.stem: path for path in sorted(Path(sources).glob("*.ipynb"))}


def tagged(cell, kind):
    """The function name in the cell's ``kind:<name>`` tag, or None."""
    return next((tag.split(":", 1)[1] for tag in cell.metadata.get("tags", [])
                 if tag.startswith(kind + ":")), None)


def points(cell):
    """The points a ``check:<name>`` cell gives, read from its ``points=N``."""
    found = POINTS.findall(cell.source)
    if len(found) != 1:
        raise ValueError(f"the test cell of {tagged(cell, 'check')} must say points=N once")
    return float(found[0])


def mark_for_nbgrader(nb):
    """Give each exercise and test cell the nbgrader metadata its tags and code mean."""
    for cell in nb.cells:
        cell.metadata.pop("nbgrader", None)
        solution, test = tagged(cell, "exercise"), tagged(cell, "check")
        if "### BEGIN SOLUTION" in cell.source and solution is None:
            raise ValueError("a cell with a solution region needs an exercise:<name> tag")
        if solution is not None:
            cell.metadata.nbgrader = dict(grade=False, grade_id=solution, locked=False,
                                          schema_version=3, solution=True, task=False)
        elif test is not None:
            cell.metadata.nbgrader = dict(grade=True, grade_id=f"check_{test}", locked=True,
                                          points=points(cell), schema_version=3,
                                          solution=False, task=False)
    return nb


def function_points(sources=SOURCES):
    """{assignment: {function: points}} as the sources' test cells give them."""
    return {name: {tagged(cell, "check"): points(cell)
                   for cell in nbformat.read(path, as_version=4).cells if tagged(cell, "check")}
            for name, path in assignments(sources).items()}


def write_course(course, sources=SOURCES):
    """Lay out the nbgrader course directory ``course``: its config and source/."""
    course = Path(course)
    course.mkdir(parents=True, exist_ok=True)
    os.chmod(course, 0o700)  # solutions, submissions and the gradebook: instructors only
    if not (course / "nbgrader_config.py").exists():  # an instructor's edits stay
        shutil.copyfile(CONFIG, course / "nbgrader_config.py")
    for name, path in assignments(sources).items():
        (course / "source" / name).mkdir(parents=True, exist_ok=True)
        nb = mark_for_nbgrader(nbformat.read(path, as_version=4))
        nbformat.write(nb, course / "source" / name / f"{name}.ipynb")


def nbgrader(course, *args):
    """Run one nbgrader command in the course directory; raise with its log if it fails."""
    bin_dir = str(Path(sys.executable).parent)  # nbgrader runs `alembic` from PATH
    env = {**os.environ, "PATH": os.pathsep.join([bin_dir, os.environ.get("PATH", "")])}
    done = subprocess.run([sys.executable, "-m", "nbgrader", *args], cwd=course, env=env,
                          capture_output=True, text=True, umask=0o077)
    if done.returncode != 0:
        raise RuntimeError(f"nbgrader {' '.join(args)} failed:\n{done.stdout}{done.stderr}")
    return done


def build(course, sources=SOURCES, release_to=None):
    """Write the course, generate every assignment, copy the student notebooks out."""
    write_course(course, sources)
    for name in assignments(sources):
        nbgrader(course, "generate_assignment", name, "--force")
        if release_to is not None:
            shutil.copyfile(Path(course) / "release" / name / f"{name}.ipynb",
                            Path(release_to) / f"{name}.ipynb")


if __name__ == "__main__":
    from tests.support.jupyter_sandbox import isolate

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--course", default=REPO / "build" / "course", type=Path)
    parser.add_argument("--release-to", default=RELEASED, type=Path)
    args = parser.parse_args()
    isolate()  # no user's Jupyter settings change what nbgrader writes
    build(args.course, release_to=args.release_to)
    print(f"nbgrader course in {args.course}; student notebooks in {args.release_to}")

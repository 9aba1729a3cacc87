"""The setup keeps its promises: the extras install on the lowest Python that pyproject.toml
declares, `make lab` gets no test stack, the package and its Voila template ship without
links (a wheel carries them; a Windows checkout has no symlinks), and every link to the
published repository uses the one address in pyproject.toml."""

import filecmp
import json
import os
import re
import subprocess
import sys
import sysconfig
import urllib.parse
from pathlib import Path

import pytest
import tomllib
from packaging.utils import canonicalize_name

REPO = Path(__file__).resolve().parents[1]
PROJECT = tomllib.loads((REPO / "pyproject.toml").read_text())
TEMPLATE = Path("share", "jupyter", "voila", "templates", "dnn_course")
DATA_FILES = [TEMPLATE / "conf.json", TEMPLATE / "index.html.j2", TEMPLATE / "page.html",
              Path("etc", "jupyter", "voila.json")]
TEST_STACK = {"pytest", "playwright", "nbval", "hypothesis", "ruff", "jupyterhub", "nbgrader",
              "otter-grader", "jupyter-repo2docker", "torch"}


def lowest_python():
    """'3.11' from requires-python '>=3.11'."""
    match = re.fullmatch(r">=\s*(\d+\.\d+)", PROJECT["project"]["requires-python"])
    assert match, "requires-python must be a plain lower bound, '>=3.X'"
    return match.group(1)


def resolve(extra, python, tmp_path):
    """The names of every package pip would install for `.[extra]` on ``python``, asking
    PyPI for wheels only (nothing is built or installed)."""
    report = tmp_path / "report.json"
    done = subprocess.run(
        [sys.executable, "-m", "pip", "install", "--dry-run", "--ignore-installed",
         "--only-binary=:all:", "--python-version", python, "--target", str(tmp_path / "t"),
         "--quiet", "--report", str(report), f".[{extra}]"],
        cwd=REPO, capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, f".[{extra}] on Python {python}:\n{done.stderr[-3000:]}"
    installs = json.loads(report.read_text())["install"]
    return {canonicalize_name(item["metadata"]["name"]) for item in installs}


@pytest.mark.pypi
@pytest.mark.slow
@pytest.mark.parametrize("extra", ["lab", "test"])
def test_each_extra_installs_on_the_lowest_declared_python(extra, tmp_path):
    """`make lab` installs the lab extra, `make test` the test extra: both must resolve on
    the Python that requires-python and the README promise."""
    names = resolve(extra, lowest_python(), tmp_path)
    assert {"dnn-course", "jupyterlab", "voila"} <= names
    if extra == "lab":  # what a student needs, and nothing of the test stack
        assert not names & TEST_STACK, sorted(names & TEST_STACK)
    else:
        assert {"pytest", "nbgrader", "jupyterhub", "jupyter-server-mathjax"} <= names


def test_make_lab_installs_the_lab_extra_and_make_test_the_test_extra():
    made = subprocess.run(["make", "-n", "-B", "lab", "test"], cwd=REPO, capture_output=True,
                          text=True, env={**os.environ, "TOKEN": "0"}, timeout=60)
    installs = re.findall(r"pip install -q -e '\.\[(\w+)\]'", made.stdout)
    assert installs[:1] == ["lab"] and "test" in installs, made.stdout


def test_the_readme_names_the_python_that_requires_python_allows():
    readme = (REPO / "README.md").read_text()
    assert f"Python **{lowest_python()} or newer**" in readme
    lower = int(lowest_python().split(".")[1])
    too_old = [v for v in re.findall(r"Python 3\.(\d+)\b", readme) if int(v) < lower]
    assert too_old == [], f"the README names Python 3.{too_old[0]}, below requires-python"


def test_every_python_package_is_listed_for_setuptools():
    """The package list is written out (dnn_course.notebooks maps to notebooks/), so a new
    subpackage must be added to it or a wheel would leave it out."""
    listed = set(PROJECT["tool"]["setuptools"]["packages"])
    found = {".".join(init.parent.relative_to(REPO).parts)
             for init in (REPO / "dnn_course").rglob("__init__.py")}
    assert found <= listed, sorted(found - listed)


def test_the_repository_has_no_symbolic_links():
    """A Windows checkout turns a link into a text file."""
    listed = subprocess.run(["git", "ls-files", "-s"], cwd=REPO, capture_output=True,
                            text=True, check=True).stdout
    links = [line.split("\t")[1] for line in listed.splitlines() if line.startswith("120000")]
    assert links == []


@pytest.mark.slow
def test_a_wheel_carries_the_notebooks_the_template_and_its_settings(tmp_path):
    """Install the built wheel into a fresh prefix and hand out the notebooks from there,
    outside the checkout: what a hub or Binder does with `pip install .`."""
    built = subprocess.run([sys.executable, "-m", "pip", "wheel", "-q", "--no-deps", "-w",
                            str(tmp_path / "wheel"), str(REPO)], capture_output=True, text=True)
    assert built.returncode == 0, built.stderr[-2000:]
    (wheel,) = (tmp_path / "wheel").glob("dnn_course-*.whl")
    prefix = tmp_path / "prefix"
    done = subprocess.run([sys.executable, "-m", "pip", "install", "-q", "--no-deps",
                           "--ignore-installed",  # else pip uninstalls this env's dnn_course
                           "--prefix", str(prefix), str(wheel)], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr[-2000:]
    for name in DATA_FILES:
        assert filecmp.cmp(prefix / name, REPO / name, shallow=False), name
    site = Path(sysconfig.get_path("purelib", vars={"base": str(prefix)}))
    handed = subprocess.run(
        [sys.executable, "-m", "dnn_course.handout", "copy-notebooks", str(tmp_path / "class")],
        cwd=tmp_path, capture_output=True, text=True, env={**os.environ, "PYTHONPATH": str(site)})
    assert handed.returncode == 0, handed.stderr[-2000:]
    shipped = sorted(p.relative_to(REPO / "notebooks").as_posix()
                     for p in (REPO / "notebooks").rglob("*")
                     if p.suffix in (".ipynb", ".md") and ".ipynb_checkpoints" not in p.parts)
    copied = sorted(p.relative_to(tmp_path / "class").as_posix()
                    for p in (tmp_path / "class").rglob("*") if p.is_file())
    assert copied == shipped
    where = subprocess.run(
        [sys.executable, "-c", "from dnn_course.handout import NOTEBOOKS; print(NOTEBOOKS)"],
        cwd=tmp_path, capture_output=True, text=True, env={**os.environ, "PYTHONPATH": str(site)})
    assert Path(where.stdout.strip()) == site / "dnn_course" / "notebooks"  # the wheel's copy


def test_this_environment_has_the_course_template_where_voila_looks():
    """`make` copies the data files into .venv (an editable install leaves them out); the
    template Voila finds under the name "dnn_course" is the repository's."""
    from voila.paths import collect_template_paths

    paths = [Path(p) for p in collect_template_paths(["voila", "nbconvert"], "dnn_course")]
    ours = next(p for p in paths if p.name == "dnn_course")
    for name in ("index.html.j2", "page.html"):
        assert filecmp.cmp(ours / name, REPO / TEMPLATE / name, shallow=False), name
    assert any(p.parts[-2:] == ("templates", "lab") for p in paths), "its base, lab, is missing"


REPOSITORY_LINKS = [  # (what, pattern giving owner/name)
    ("Binder badge", r"mybinder\.org/v2/gh/([\w.-]+/[\w.-]+)/"),
    ("git clone", r"git clone https://github\.com/([\w.-]+/[\w.-]+?)(?:\.git)?[\s)`]"),
    ("nbgitpuller link", r"git-pull\?repo=([^&\s)`]+)"),
    ("website's repository", r"^  url: https://github\.com/([\w.-]+/[\w.-]+)$"),
]


def documents():
    files = [REPO / "README.md", *sorted((REPO / "docs").glob("*.md")),
             *sorted((REPO / "jupyterhub").iterdir()), *sorted((REPO / "binder").iterdir()),
             *sorted((REPO / "notebooks").glob("*.ipynb")), REPO / "site" / "_config.yml"]
    return [path for path in files if path.is_file()]


def test_every_link_to_the_published_repository_uses_the_one_address():
    address = PROJECT["project"]["urls"]["Repository"]
    owner_name = urllib.parse.urlsplit(address).path.strip("/")
    seen = {what: 0 for what, _ in REPOSITORY_LINKS}
    for path in documents():
        text = path.read_text()
        for what, pattern in REPOSITORY_LINKS:
            for found in re.findall(pattern, text, flags=re.M):
                found = urllib.parse.unquote(found).removeprefix("https://github.com/")
                assert found == owner_name, f"{path.name}: {what} points at {found}"
                seen[what] += 1
    assert all(seen.values()), seen  # the check above looked at real links
    readme = (REPO / "README.md").read_text()
    assert f"work once this repository is published at\n<{address}>" in readme


def test_every_relative_link_of_the_readme_and_docs_leads_to_a_file():
    """README.md is a student's first page; the instructors' material moved to docs/."""
    for page in [REPO / "README.md", *sorted((REPO / "docs").glob("*.md"))]:
        text = re.sub(r"`[^`]*`", "", re.sub(r"```.*?```", "", page.read_text(), flags=re.S))
        for target in re.findall(r"\]\(([^)#\s]+)(?:#[^)]*)?\)", text):
            if not re.match(r"\w+:", target):  # http:, https:, mailto:
                assert (page.parent / target).exists(), f"{page.name} links {target}"
    assert len((REPO / "README.md").read_text().splitlines()) <= 300

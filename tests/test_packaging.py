"""The three places that list dependencies agree: pyproject.toml (pip), environment.yml
(conda) and binder/ (the pinned versions Binder installs); and repo2docker accepts binder/."""

import re
import subprocess
import sys
from pathlib import Path

import yaml
from packaging.requirements import Requirement
from packaging.specifiers import SpecifierSet
from packaging.utils import canonicalize_name
from packaging.version import Version

try:
    import tomllib
except ImportError:  # Python 3.10: jupyter-repo2docker (in the test extra) requires tomli
    import tomli as tomllib

REPO = Path(__file__).resolve().parents[1]
CONDA_TO_PIP = {"pytorch": "torch"}  # conda-forge names that differ from PyPI's
NOT_PACKAGES = {"python", "pip"}


def pyproject():
    return tomllib.loads((REPO / "pyproject.toml").read_text())


def runtime_requirements():
    """pyproject's dependencies plus its "lab" and "grading" extras: what a class's
    environment needs (students' notebooks, and nbgrader's assignment list on a hub)."""
    project = pyproject()["project"]
    extras = project["optional-dependencies"]
    lines = project["dependencies"] + extras["lab"] + extras["grading"]
    return {canonicalize_name(r.name): r.specifier for r in map(Requirement, lines)}


def environment_yml():
    return yaml.safe_load((REPO / "environment.yml").read_text())["dependencies"]


def binder_lines():
    text = (REPO / "binder" / "requirements.txt").read_text()
    return [line.split("#")[0].strip() for line in text.splitlines() if line.split("#")[0].strip()]


def test_environment_yml_names_the_same_packages_with_the_same_bounds():
    conda = {}
    for entry in environment_yml():
        if isinstance(entry, str):
            requirement = Requirement(entry)
            name = CONDA_TO_PIP.get(requirement.name, requirement.name)
            conda[canonicalize_name(name)] = requirement.specifier
    python = conda.pop("python")
    assert python == SpecifierSet(pyproject()["project"]["requires-python"])
    conda = {name: spec for name, spec in conda.items() if name not in NOT_PACKAGES}
    assert conda == runtime_requirements()


def test_environment_yml_installs_this_package_with_pip():
    pip_sections = [entry["pip"] for entry in environment_yml() if isinstance(entry, dict)]
    assert pip_sections and "." in pip_sections[0]  # not -e: that would leave out the template


def test_binder_pins_every_runtime_dependency_inside_the_pyproject_bounds():
    pins = {}
    for line in binder_lines():
        if line == ".":
            continue
        requirement = Requirement(line)
        (spec,) = requirement.specifier
        assert spec.operator == "==", f"binder/requirements.txt must pin exactly: {line!r}"
        pins[canonicalize_name(requirement.name)] = Version(spec.version)
    for name, bounds in runtime_requirements().items():
        assert name in pins, f"binder/requirements.txt does not pin {name}"
        assert pins[name] in bounds, f"binder pins {name}=={pins[name]}, pyproject wants {bounds}"


def test_binder_installs_this_package_on_a_python_that_pyproject_allows():
    assert "." in binder_lines()
    runtime = (REPO / "binder" / "runtime.txt").read_text().strip()
    assert re.fullmatch(r"python-3\.\d+", runtime), runtime
    requires = SpecifierSet(pyproject()["project"]["requires-python"])
    assert Version(runtime.removeprefix("python-")) in requires


def test_repo2docker_accepts_the_binder_folder_and_installs_this_package():
    repo2docker = Path(sys.executable).parent / "repo2docker"
    result = subprocess.run(
        [str(repo2docker), "--no-build", "--debug", str(REPO)],
        capture_output=True, text=True, timeout=120,
    )
    dockerfile = result.stdout + result.stderr
    assert result.returncode == 0, dockerfile[-3000:]
    # The whole repository is copied in, and only then is binder/requirements.txt (which
    # ends with the package itself, ".") installed into the kernel's environment.
    copy = dockerfile.index("COPY --chown=0:0 src/ ${REPO_DIR}/")
    install = dockerfile.index('pip install --no-cache-dir -r "binder/requirements.txt"')
    assert copy < install

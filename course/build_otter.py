"""Build otter-grader assignments (for Gradescope courses) from the same exercise sources.

    python -m course.build_otter [--out build/otter]

For each course/source/NN_topic.ipynb this writes an Otter Assign master notebook,
build/otter/NN_topic/NN_topic.ipynb, and runs ``otter assign`` on it, which leaves the
student notebook in build/otter/NN_topic/dist/student/ and the autograder (the zip that
Gradescope, or ``otter run`` locally, grades with) in build/otter/NN_topic/dist/autograder/.
Each exercise becomes an otter question worth the points of its nbgrader test cell, with one
otter test case per case of the check: test case k passes when more than k of the check's
cases pass and no classic mistake is recognised, so otter gives the same partial credit as
nbgrader (points * cases passed / cases, 0 for a recognised mistake). The student notebook
keeps the check cell after each exercise, so students see the same feedback.

The otter configuration registers the course's grading plugin (dnn_course/check/otter_plugin.py):
the scores come from the submission's source graded in a sandbox, as nbgrader's, not from
the tests run in otter's kernel (docs/grading.md).
"""

import argparse
import json
import subprocess
import sys
from pathlib import Path

import nbformat

from course.build_nbgrader import REPO, SOURCES, assignments, points, tagged  # noqa: E402
from dnn_course import check as dnn_check  # noqa: E402
from dnn_course.check.isolated import recorded_cases  # noqa: E402

CONFIG = """# ASSIGNMENT CONFIG
name: {name}
init_cell: false
check_all_cell: false
export_cell: false
generate: true
tests:
  files: false
plugins:
  - dnn_course.check.otter_plugin.GradeFromSource: {plugin}
"""


def raw(text):
    return nbformat.v4.new_raw_cell(text)


def solution_for_otter(source):
    """nbgrader's solution region in otter's words, with the same NotImplementedError stub."""
    lines = []
    for line in source.splitlines():
        indent = line[: len(line) - len(line.lstrip())]
        if line.strip() == "### BEGIN SOLUTION":
            lines.append(f"{indent}# BEGIN SOLUTION NO PROMPT")
        elif line.strip() == "### END SOLUTION":
            lines += [f"{indent}# END SOLUTION", f'{indent}""" # BEGIN PROMPT',
                      f'{indent}raise NotImplementedError("your code here")',
                      f'{indent}""" # END PROMPT']
        else:
            lines.append(line)
    return "\n".join(lines)


def plugin_config(name, sources=SOURCES, seconds=None):
    """The configuration of the grading plugin (dnn_course/check/otter_plugin.py) for the
    assignment ``name``: its points and the course sources up to it, with their solutions."""
    paths = list(assignments(sources).items())  # in course order
    notebooks = {a: nbformat.read(path, as_version=4)
                 for a, path in paths[: [a for a, _ in paths].index(name) + 1]}
    config = {"assignment": name, "sources": notebooks,
              "points": {tagged(c, "check"): points(c) for c in notebooks[name].cells
                         if tagged(c, "check")}}
    return config if seconds is None else {**config, "seconds": seconds}


def otter_master(nb, name, plugin):
    """The Otter Assign master notebook of one exercise source; ``plugin``: plugin_config."""
    cells = [raw(CONFIG.format(name=name, plugin=json.dumps(plugin)))]
    for cell in nb.cells:
        solution, test = tagged(cell, "exercise"), tagged(cell, "check")
        if solution is not None:
            cells += [raw(f"# BEGIN QUESTION\nname: {solution}\npoints: {{}}\ncheck_cell: false"),
                      raw("# BEGIN SOLUTION"),
                      nbformat.v4.new_code_cell(solution_for_otter(cell.source)),
                      raw("# END SOLUTION")]
        elif test is not None:
            cells[-4].source = cells[-4].source.format(f"{points(cell):g}")
            check = cell.source.splitlines()[0]  # result = check.grade(...)
            cases = len(recorded_cases(getattr(dnn_check, test)))
            cells += [raw("# BEGIN TESTS"),
                      *(nbformat.v4.new_code_cell(
                          f"{check}\nassert result.cases_passed > {k} and not result.diagnoses,"
                          " str(result)") for k in range(cases)),
                      raw("# END TESTS"), raw("# END QUESTION"),
                      nbformat.v4.new_code_cell(cell.source)]  # the student's own check
        else:
            cells.append(cell)
    return nbformat.v4.new_notebook(cells=cells, metadata=nb.metadata)


def build(out, sources=SOURCES, only=None, run_tests=True, seconds=None):
    """Write the master notebooks under ``out`` (``only`` these assignments, if given) and
    run ``otter assign`` on each; with ``run_tests``, otter checks the solutions pass.
    ``seconds``: the grading time limit per function (default isolated.SECONDS)."""
    for name, path in assignments(sources).items():
        if only is not None and name not in only:
            continue
        folder = Path(out) / name
        folder.mkdir(parents=True, exist_ok=True)
        master = otter_master(nbformat.read(path, as_version=4), name,
                              plugin_config(name, sources, seconds))
        nbformat.write(master, folder / f"{name}.ipynb", version=4)
        options = ["--no-pdfs"] + ([] if run_tests else ["--no-run-tests"])
        done = subprocess.run([sys.executable, "-m", "otter", "assign", *options,
                               f"{name}.ipynb", "dist"], cwd=folder, capture_output=True,
                              text=True)
        if done.returncode != 0:
            raise RuntimeError(f"otter assign {name} failed:\n{done.stdout}{done.stderr}")


if __name__ == "__main__":
    from tests.support.jupyter_sandbox import isolate

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", default=REPO / "build" / "otter", type=Path)
    args = parser.parse_args()
    isolate()
    build(args.out)
    print(f"otter assignments in {args.out}/<assignment>/dist/")

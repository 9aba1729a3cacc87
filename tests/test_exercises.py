"""The exercise notebooks run end to end as a student runs them: unfilled they give
friendly "not implemented yet" feedback and no points; with the reference solutions pasted
in, every check passes with full points; a student's error is reported with the line of
the notebook cell that raised, and a later function is graded with the reference versions
of the functions it calls.

The notebooks are nbgrader's student version of course/source/ (tests/test_grading.py),
committed unexecuted, so nbval does not see them; they run here with nbclient in the
current environment (kernel ``python3``).
"""

import re
from pathlib import Path

import exercise_solutions
import nbformat
import pytest

from tests.support.notebook_runner import run_notebook

EXERCISES = Path(__file__).resolve().parents[1] / "notebooks" / "exercises"
NOTEBOOKS = ["01_forward.ipynb", "02_backward.ipynb", "03_training.ipynb"]
SOLUTIONS = exercise_solutions.SOURCE


def tagged(nb, prefix):
    """{name: cell} for the cells tagged ``prefix:name``."""
    return {tag.split(":", 1)[1]: cell for cell in nb.cells
            for tag in cell.metadata.get("tags", []) if tag.startswith(prefix + ":")}


def text(cell):
    """Everything a code cell showed, as plain text."""
    parts = []
    for output in cell.outputs:
        if output.output_type == "stream":
            parts.append(output.text)
        elif "data" in output:
            parts.append(output.data.get("text/plain", ""))
    return "".join(parts)


def value(cell):
    """The cell's value (its Out[] line), the number nbgrader reads as the cell's score."""
    (result,) = [output for output in cell.outputs if output.output_type == "execute_result"]
    return result.data["text/plain"]


def execute(nb, tmp_path, timeout=300):
    return run_notebook(nb, tmp_path, timeout)[0]


@pytest.fixture(params=NOTEBOOKS)
def notebook(request):
    return nbformat.read(EXERCISES / request.param, as_version=4)


def test_shipped_unexecuted_with_four_exercises_each_followed_by_its_check(notebook):
    code = [cell for cell in notebook.cells if cell.cell_type == "code"]
    assert all(cell.execution_count is None and cell.outputs == [] for cell in code)
    exercises, checks = tagged(notebook, "exercise"), tagged(notebook, "check")
    assert len(exercises) == 4 and exercises.keys() == checks.keys()
    for name, cell in exercises.items():
        assert "raise NotImplementedError" in cell.source and "SOLUTION" not in cell.source
        following = notebook.cells[notebook.cells.index(cell) + 1]
        assert following is checks[name]
        assert following.source.startswith(f"result = check.grade(check.{name}, {name}, ")
        assert following.metadata.nbgrader.locked and following.metadata.nbgrader.grade


def test_unfilled_notebook_runs_to_the_end_with_not_implemented_feedback(notebook, tmp_path):
    execute(notebook, tmp_path)  # raises CellExecutionError if any cell fails
    for name, cell in tagged(notebook, "check").items():
        shown = text(cell)
        assert f"\n{name}: not implemented yet." in shown and value(cell) == "0.0", shown
    assert "0 of 4 functions pass every check" in text(_summary(notebook))


def _summary(nb):
    return next(cell for cell in nb.cells if "summary" in cell.metadata.get("tags", []))


def test_reference_solutions_pass_every_check(notebook, tmp_path):
    for name, cell in tagged(notebook, "exercise").items():
        cell.source = SOLUTIONS[name]
    execute(notebook, tmp_path)
    for name, cell in tagged(notebook, "check").items():
        shown, points = text(cell), cell.metadata.nbgrader.points
        assert f"\n{name}: all " in shown and "test cases passed." in shown, shown
        assert value(cell) == f"{points}", shown
    assert "4 of 4 functions pass every check" in text(_summary(notebook))


def test_the_students_models_learn_the_digits_and_the_deep_one_needs_a_scale(tmp_path):
    """Exercise 03 ends with the student's own models on notebook 04's digits: with the
    reference solutions the 2-layer model learns, the 4-layer model started at 0.01 stays
    on the base-rate plateau the cell prints, and He's scale makes it learn."""
    nb = nbformat.read(EXERCISES / "03_training.ipynb", as_version=4)
    for name, cell in tagged(nb, "exercise").items():
        cell.source = SOLUTIONS[name]
    execute(nb, tmp_path)
    shown = "".join(text(cell) for cell in nb.cells if cell.cell_type == "code")
    plateau = re.search(r"base-rate plateau .* = (\d\.\d+)", shown).group(1)
    final = dict(re.findall(r"\n?(\d layers, scale \S+): cost \S+ at iteration 0, (\S+) at "
                            r"iteration 900", shown))
    assert final.keys() == {"2 layers, scale 0.01", "4 layers, scale 0.01", "4 layers, scale he"}
    assert abs(float(final["4 layers, scale 0.01"]) - float(plateau)) < 1e-3, (final, plateau)
    assert float(final["2 layers, scale 0.01"]) < 0.1 and float(final["4 layers, scale he"]) < 0.1
    pictures = [o for cell in nb.cells if cell.cell_type == "code" for o in cell.outputs
                if "image/png" in o.get("data", {})]
    assert len(pictures) == 2  # the costs, before and after passing a scale


def test_unfilled_training_section_says_what_to_write_first(tmp_path):
    nb = nbformat.read(EXERCISES / "03_training.ipynb", as_version=4)
    execute(nb, tmp_path)
    shown = "".join(text(cell) for cell in nb.cells if cell.cell_type == "code")
    assert "2 layers, scale 0.01: write two_layer_model first" in shown
    assert "4 layers, scale he: write L_layer_model first" in shown


def test_error_in_a_cell_is_reported_with_the_cell_line(tmp_path):
    nb = nbformat.read(EXERCISES / "01_forward.ipynb", as_version=4)
    for name, cell in tagged(nb, "exercise").items():
        cell.source = SOLUTIONS[name]
    tagged(nb, "exercise")["linear_forward"].source = (
        "def linear_forward(A_prev, W, b):\n"
        "    Z = np.dot(W, A_prev) + b\n"
        "    Z = Z + bias\n"
        "    return Z, (A_prev, W, b)\n"
    )
    execute(nb, tmp_path)
    checks = tagged(nb, "check")
    shown = text(checks["linear_forward"])
    assert "Your linear_forward raised NameError: name 'bias' is not defined" in shown, shown
    assert "at line 3 of linear_forward: Z = Z + bias" in shown, shown
    for name, calls in (("linear_activation_forward", "linear_forward"),
                        ("L_model_forward", "linear_activation_forward")):
        shown = text(checks[name])
        assert "test cases passed" in shown, shown  # graded with the reference callee
        assert (f"Graded with the reference {calls}, which your {name} calls: your {calls} "
                "does not pass its own check yet") in shown, shown
    assert "test cases passed" in text(checks["compute_cost"])
    assert "1 of 4 functions pass every check" in text(_summary(nb))


def test_a_function_that_calls_an_unwritten_one_names_it(tmp_path):
    nb = nbformat.read(EXERCISES / "01_forward.ipynb", as_version=4)
    for name, cell in tagged(nb, "exercise").items():
        if name != "linear_activation_forward":
            cell.source = SOLUTIONS[name]
    execute(nb, tmp_path)
    shown = text(tagged(nb, "check")["L_model_forward"])
    assert ("Graded with the reference linear_activation_forward, which your L_model_forward "
            "calls: your linear_activation_forward is not written yet") in shown, shown
    summary = text(_summary(nb))  # without grading, the check names the unwritten function
    assert "not yet - L_model_forward" in summary, summary


def test_a_loop_that_never_ends_is_stopped_and_the_kernel_goes_on(tmp_path, monkeypatch):
    monkeypatch.setenv("DNN_COURSE_TIME_LIMIT", "1")  # the kernel inherits it
    nb = nbformat.read(EXERCISES / "01_forward.ipynb", as_version=4)
    for name, cell in tagged(nb, "exercise").items():
        cell.source = SOLUTIONS[name]
    tagged(nb, "exercise")["compute_cost"].source = (
        "def compute_cost(AL, Y):\n"
        "    while True:\n"
        "        pass\n"
    )
    execute(nb, tmp_path, timeout=120)
    shown = text(tagged(nb, "check")["compute_cost"])
    assert "\ncompute_cost: your compute_cost ran longer than 1 s" in shown, shown
    assert "3 of 4 functions pass every check" in text(_summary(nb))  # later cells ran

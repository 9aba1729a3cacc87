"""The exercises graded by real nbgrader, from the course sources, on throw-away copies.

One nbgrader course is built in a temporary folder (``make course``'s script): the student
notebooks it releases must be the ones in notebooks/exercises/. Then the students of
graded_students.py hand in, and ``nbgrader autograde`` and ``generate_feedback`` run: the
reference gets every point; a classic mistake costs exactly its function's points and
the feedback names it; a function that calls a wrong earlier one keeps its points; printing
and warning cost nothing; a function right on some cases gets that fraction of its points.
The same source built as an otter-grader assignment gives the same scores under `otter run`.
"""

import html
import json
import re
import subprocess
import sys
from pathlib import Path

import graded_students as students
import nbformat
import pytest
from nbgrader.api import Gradebook

from course.build_nbgrader import RELEASED, assignments, build, function_points, nbgrader, tagged
from course.build_otter import build as build_otter
from dnn_course import check
from dnn_course.check import cases

pytestmark = pytest.mark.slow
REPO = Path(__file__).resolve().parents[1]
POINTS = function_points()  # {assignment: {function: points}}, read from the sources
MISTAKES = ["transposed_W", "cost_sign", "fixed_depth", "X_every_layer", "no_1_over_m",
            "no_keepdims", "flipped_dAL", "in_place_update", "zero_weights", "update_sign"]
OTTER_STUDENTS = ["reference", "transposed_W", "cost_sign", "sigmoid_sign"]  # by otter too


def assignment_of(function):
    return next(a for a, functions in POINTS.items() if function in functions)


@pytest.fixture(scope="module")
def course(tmp_path_factory):
    """A course built from the sources, every student handed in, autograded, fed back."""
    course, release = tmp_path_factory.mktemp("course"), tmp_path_factory.mktemp("release")
    build(course, release_to=release)
    for assignment in assignments():
        released = nbformat.read(release / f"{assignment}.ipynb", as_version=4)
        for student in [*students.students_of(assignment), "blank"]:
            folder = course / "submitted" / student / assignment
            folder.mkdir(parents=True)
            nb = released if student == "blank" else students.submission(released, student)
            nbformat.write(nb, folder / f"{assignment}.ipynb")
        nbgrader(course, "autograde", assignment, "--force")
        nbgrader(course, "generate_feedback", assignment, "--force")
    return course, release


def scores(course, student, assignment):
    """{function: score} from nbgrader's gradebook."""
    with Gradebook(f"sqlite:///{course / 'gradebook.db'}") as gradebook:
        return {function: gradebook.find_grade(f"check_{function}", assignment, assignment,
                                               student).score
                for function in POINTS[assignment]}


def feedback(course, student, assignment):
    """The feedback page nbgrader wrote for ``student``, as text (tags and escapes removed)."""
    page = (course / "feedback" / student / assignment / f"{assignment}.html").read_text()
    return html.unescape(re.sub(r"<[^>]+>", "", page))


def test_students_get_the_notebooks_nbgrader_generates(course):
    _, release = course
    shipped = sorted(path.name for path in RELEASED.glob("*.ipynb"))
    assert shipped == sorted(f"{a}.ipynb" for a in assignments())
    for name in shipped:  # run `make course` after changing a source
        assert (release / name).read_text() == (RELEASED / name).read_text(), name


@pytest.mark.parametrize("assignment", list(POINTS))
def test_reference_solutions_get_full_marks(course, assignment):
    assert scores(course[0], "reference", assignment) == POINTS[assignment]


@pytest.mark.parametrize("assignment", list(POINTS))
def test_an_unfilled_notebook_gets_nothing_and_runs_to_the_end(course, assignment):
    assert set(scores(course[0], "blank", assignment).values()) == {0}
    text = feedback(course[0], "blank", assignment)
    assert text.count("not implemented yet") >= len(POINTS[assignment]), text


@pytest.mark.parametrize("student", MISTAKES)
def test_a_classic_mistake_costs_exactly_its_functions_points(course, student):
    (wrong,) = students.STUDENTS[student]
    assignment = assignment_of(wrong)
    expected = {**POINTS[assignment], wrong: 0}
    assert scores(course[0], student, assignment) == expected


@pytest.mark.parametrize("student", MISTAKES)
def test_the_feedback_names_the_mistake(course, student):
    (wrong,) = students.STUDENTS[student]
    assignment = assignment_of(wrong)
    diagnoses = getattr(check, wrong)(students.function(student, wrong)).diagnoses
    text = feedback(course[0], student, assignment)
    assert diagnoses, f"the check does not recognise {student}"
    for diagnosis in diagnoses:
        assert f"Likely mistake: {diagnosis}" in text


@pytest.mark.parametrize("student", ["transposed_W", "no_1_over_m"])
def test_later_functions_keep_their_points_and_the_feedback_names_the_wrong_one(course,
                                                                               student):
    (wrong,) = students.STUDENTS[student]
    assignment = assignment_of(wrong)
    text = feedback(course[0], student, assignment)
    callers = {f: p for f, p in POINTS[assignment].items() if f != wrong}
    later = [f for f in callers if f.startswith(("linear_activation", "L_model"))]
    assert later and all(scores(course[0], student, assignment)[f] == callers[f] for f in later)
    assert (f"Graded with the reference {wrong}, which your {later[0]} calls: your {wrong} "
            "does not pass its own check yet") in text


def test_printing_and_warning_cost_nothing_and_are_shown(course):
    assert scores(course[0], "talkative", "01_forward") == POINTS["01_forward"]
    text = feedback(course[0], "talkative", "01_forward")
    for shown in ("Z has shape (3, 5)", "cache has 3 parts", "UserWarning: is this right?"):
        assert shown in text


def test_a_function_right_on_some_cases_gets_that_fraction_of_its_points(course):
    activations = [args[3] for _, args in cases.activation_cases()]
    fraction = activations.count("relu") / len(activations)  # the sigmoid branch is wrong
    points = POINTS["01_forward"]["linear_activation_forward"]
    assert 0 < fraction < 1
    expected = {**POINTS["01_forward"], "linear_activation_forward": round(points * fraction, 2)}
    assert scores(course[0], "sigmoid_sign", "01_forward") == expected


@pytest.mark.parametrize("student", ["fixed_depth", "X_every_layer"])  # right when L = 3, 2
def test_cases_a_recognised_mistake_passes_by_chance_give_no_points(student):
    (wrong,) = students.STUDENTS[student]
    result = check.grade(getattr(check, wrong), students.function(student, wrong), points=4)
    assert result.diagnoses and result.cases_passed > 0 and result.score == 0, str(result)
    assert "a recognised classic mistake scores 0" in result.lines[0], str(result)


def test_the_grading_guide_lists_the_points_of_every_function():
    guide = (REPO / "docs" / "grading.md").read_text()
    for assignment, functions in POINTS.items():
        for function, points in functions.items():
            row = rf"\|\s*`{assignment}`\s*\|\s*`{function}`\s*\|\s*{points:g}\s*\|"
            assert re.search(row, guide), f"docs/grading.md: no | `{assignment}` | `{function}` |"


@pytest.fixture(scope="module")
def otter(tmp_path_factory):
    """01_forward as an otter-grader assignment from the same source, and its students
    graded by ``otter run`` (no Docker): {student: {question: score}}."""
    out = tmp_path_factory.mktemp("otter")
    build_otter(out, only=["01_forward"], run_tests=False)
    dist = out / "01_forward" / "dist"
    (autograder,) = (dist / "autograder").glob("*.zip")
    released = nbformat.read(dist / "student" / "01_forward.ipynb", as_version=4)
    graded = {}
    for student in OTTER_STUDENTS:
        submission = out / f"{student}.ipynb"
        nbformat.write(students.otter_submission(released, student), submission)
        (out / student).mkdir()
        done = subprocess.run([sys.executable, "-m", "otter", "run", "--no-logo", "-a",
                               str(autograder), "-o", str(out / student), str(submission)],
                              capture_output=True, text=True)
        assert done.returncode == 0, done.stdout + done.stderr
        results = json.loads((out / student / "results.json").read_text())
        graded[student] = {test["name"]: test["score"] for test in results["tests"]
                           if test["name"] in POINTS["01_forward"]}
    return released, graded


def test_otter_students_get_the_stubs_and_check_cells_nbgrader_students_get(course, otter):
    released, _ = otter
    answers = {cell.metadata.otter.tests[0]: cell.source for cell in released.cells
               if "otter" in cell.metadata}
    code = [cell.source for cell in released.cells]
    nbgrader_nb = nbformat.read(course[1] / "01_forward.ipynb", as_version=4)
    stubs = {tagged(c, "exercise"): c.source for c in nbgrader_nb.cells}
    checks = [c.source for c in nbgrader_nb.cells if tagged(c, "check")]
    assert answers == {f: stubs[f] for f in POINTS["01_forward"]}
    assert all(check in code for check in checks) and len(checks) == len(answers)


@pytest.mark.parametrize("student", OTTER_STUDENTS)
def test_otter_gives_the_same_scores_as_nbgrader(course, otter, student):
    """Partial credit included (sigmoid_sign is right on its ReLU cases only); nbgrader's
    score is rounded to 2 decimals."""
    assert otter[1][student] == pytest.approx(scores(course[0], student, "01_forward"),
                                              abs=0.005)

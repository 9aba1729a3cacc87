"""Cheats, run as an adversarial student would, through real nbgrader autograde and real
``otter run``: each scores 0 for the function it targets and leaves every other function's
points intact; honest variants keep full marks. The grade is computed outside the student's
kernel (docs/grading.md)."""

import copy
import json
import subprocess
import sys
import textwrap
from pathlib import Path

import graded_students as students
import nbformat
import pytest
from nbgrader.api import Gradebook

import dnn_course
from course.build_nbgrader import build, function_points, nbgrader, tagged
from course.build_otter import build as build_otter

pytestmark = pytest.mark.slow
POINTS = function_points()
LINEAR = Path(dnn_course.__file__).with_name("linear.py")


def ref(name):
    return students.code("reference", name)


def honest_variants():
    """Correct functions written differently, with prints, warnings, stderr and own helpers."""
    return {
        "linear_forward": textwrap.dedent('''\
            import sys
            import warnings

            import numpy as onp


            def affine(W, A, b):  # a helper of the student's own
                return onp.matmul(W, A) + b


            def linear_forward(A_prev, W, b):
                print("shapes", W.shape, A_prev.shape)
                print("to stderr", file=sys.stderr)
                warnings.warn("just checking")
                return affine(W, A_prev, b), (A_prev, W, b)
            '''),
        "compute_cost": textwrap.dedent('''\
            def compute_cost(AL, Y):
                m = Y.shape[1]
                total = 0.0
                for j in range(m):
                    y, a = Y[0, j], AL[0, j]
                    total += y * np.log(a) + (1 - y) * np.log(1 - a)
                return float(-total / m)
            '''),
    }


REWIRE = textwrap.dedent('''\
    import numpy
    from dnn_course import check
    ip = get_ipython()
    ip.ast_node_interactivity = "none"
    ip.display_formatter.formatters["text/plain"].for_type(float, lambda *a: "nan")
    check.grade = lambda *a, **k: type("G", (), {"score": None})()
    ip.input_transformers_post.append(lambda lines: ["1\\n"])
    ip.events.register("post_run_cell", lambda result: None)
    numpy.allclose = numpy.array_equal = lambda *a, **k: True
    ''')

LIAR = textwrap.dedent('''\
    import numpy
    numpy.allclose = numpy.array_equal = numpy.testing.assert_allclose = lambda *a, **k: True


    class Liar(np.ndarray):
        def __array_function__(self, *args, **kwargs):
            return True

        def __eq__(self, other):
            return np.ones(np.shape(other), bool)


    class Always(float):
        def __eq__(self, other):
            return True


    def linear_forward(A_prev, W, b):
        Z = np.zeros((W.shape[0], A_prev.shape[1])).view(Liar)
        return Z, (A_prev, W, b)


    def compute_cost(AL, Y):
        return Always(123.0)
    ''')

DELEGATE = {
    "linear_forward": "from dnn_course import linear_forward\n",
    "linear_activation_forward": textwrap.dedent('''\
        import functools
        import importlib

        linear_activation_forward = functools.partial(
            getattr(importlib.import_module("dnn_course.model"), "linear_activation_forward"))
        '''),
    "compute_cost": textwrap.dedent('''\
        import dnn_course

        compute_cost = lambda AL, Y: getattr(dnn_course, "compute_cost")(AL, Y)  # noqa: E731
        '''),
}

HANG = {  # linear_forward's cell also calls it: every later function's grading meets the loop
    "linear_forward": textwrap.dedent('''\
        def linear_forward(A_prev, W, b):
            while True:
                try:
                    pass
                except:  # noqa: E722
                    pass


        linear_forward(np.ones((2, 1)), np.ones((1, 2)), np.ones((1, 1)))
        '''),
    "linear_activation_forward": textwrap.dedent('''\
        import threading


        def linear_activation_forward(A_prev, W, b, activation):
            threading.Thread(target=lambda: [0 for _ in iter(int, 1)], daemon=True).start()
            Z, linear_cache = linear_forward(A_prev, W, b)
            A, activation_cache = relu(Z) if activation == "relu" else sigmoid(Z)
            return A, (linear_cache, activation_cache)
        '''),
    "compute_cost": textwrap.dedent('''\
        import signal
        import time


        def compute_cost(AL, Y):
            signal.setitimer(signal.ITIMER_REAL, 0)
            signal.signal(signal.SIGALRM, signal.SIG_IGN)
            time.sleep(100)
        '''),
}


def exec_copy():
    """linear_forward taken from a copy of the package's source, executed."""
    text = LINEAR.read_text().replace("from .guards import", "# from .guards import")
    return textwrap.dedent(f'''\
        namespace = {{"check_layer": None, "check_dZ": None,
                     "checked_by": lambda *a, **k: lambda equations: equations}}
        exec(compile({text!r}, "copy.py", "exec"), namespace)
        linear_forward = namespace["linear_forward"]
        ''')


def read_the_file():
    return textwrap.dedent(f'''\
        namespace = {{}}
        exec(open({str(LINEAR.parent / "model.py")!r}).read(), namespace)

        def linear_activation_forward(A_prev, W, b, activation):
            return namespace["linear_activation_forward"](A_prev, W, b, activation)
        ''')


BACKWARD = {
    "linear_backward": "import dnn_course\n\nlinear_backward = dnn_course.linear_backward\n",
    "L_model_backward": textwrap.dedent('''\
        from dnn_course.model import backward_layers


        def L_model_backward(AL, Y, caches):
            return backward_layers(-(Y / AL - (1 - Y) / (1 - AL)), caches,
                                   ["relu"] * (len(caches) - 1) + ["sigmoid"])
        '''),
    "update_parameters": textwrap.dedent('''\
        def update_parameters(parameters, grads, learning_rate):
            big = np.random.default_rng(0).normal(size=(3000, 3000))
            np.linalg.svd(big)
            np.linalg.svd(big)
        ''') + ref("update_parameters").replace("def update_parameters", "def _unused"),
}

TRAINING = {
    "two_layer_model": "from dnn_course import two_layer_model\n",
    "L_layer_model": textwrap.dedent('''\
        import dnn_course.training


        def L_layer_model(X, Y, layers_dims, learning_rate=0.0075, num_iterations=3000,
                          print_cost=False):
            np.random.seed(1)
            parameters, costs = initialize_parameters_deep(layers_dims), []
            for i in range(num_iterations):
                parameters, cost = dnn_course.training.gradient_step(X, Y, parameters,
                                                                     learning_rate)
                if i % 100 == 0:
                    costs.append(cost)
            return parameters, costs
        '''),
}

# student: (assignment, {function: code}, a cell the student adds at the top, points lost)
SUBMISSIONS = {
    "rewired_stubs": ("01_forward", {}, REWIRE, set(POINTS["01_forward"])),
    "liar": ("01_forward", {"linear_forward": LIAR, "compute_cost": "pass\n"}, None,
             {"linear_forward", "compute_cost"}),
    "delegates": ("01_forward", DELEGATE, None, set(DELEGATE)),
    "hangs": ("01_forward", HANG, None, set(HANG)),
    "copies": ("01_forward", {"linear_forward": exec_copy(),
                              "linear_activation_forward": read_the_file()}, None,
               {"linear_forward", "linear_activation_forward"}),
    "honest": ("01_forward", honest_variants(), None, set()),
    "backward": ("02_backward", BACKWARD, None, set(BACKWARD)),
    "training": ("03_training", TRAINING, None, set(TRAINING)),
}


def submission(released, codes, extra):
    """The released notebook: ``codes`` in their cells, the reference in the others (the
    stubs left as they are when ``codes`` is empty), and ``extra`` as a cell of its own."""
    nb = copy.deepcopy(released)
    for cell in nb.cells:
        name = tagged(cell, "exercise")
        if name is not None and codes:
            cell.source = codes.get(name, ref(name))
    if extra is not None:
        nb.cells.insert(2, nbformat.v4.new_code_cell(extra))
    return nb


@pytest.fixture(scope="module")
def course(tmp_path_factory):
    course, release = tmp_path_factory.mktemp("course"), tmp_path_factory.mktemp("release")
    build(course, release_to=release)
    with (course / "nbgrader_config.py").open("a") as config:
        config.write("\nc.GradeFromSource.seconds = 5\n")
    for student, (assignment, codes, extra, _) in SUBMISSIONS.items():
        released = nbformat.read(release / f"{assignment}.ipynb", as_version=4)
        folder = course / "submitted" / student / assignment
        folder.mkdir(parents=True)
        nb = submission(released, codes, extra)
        nbformat.write(nb, folder / f"{assignment}.ipynb")
    for assignment in sorted({a for a, *_ in SUBMISSIONS.values()}):
        nbgrader(course, "autograde", assignment, "--force")
        nbgrader(course, "generate_feedback", assignment, "--force")
    return course


def scores(course, student, assignment):
    with Gradebook(f"sqlite:///{course / 'gradebook.db'}") as gradebook:
        return {f: gradebook.find_grade(f"check_{f}", assignment, assignment, student).score
                for f in POINTS[assignment]}


def feedback(course, student, assignment):
    return (course / "feedback" / student / assignment / f"{assignment}.html").read_text()


@pytest.mark.parametrize("student", list(SUBMISSIONS))
def test_a_cheat_scores_0_for_what_it_targets_and_nothing_else(course, student):
    assignment, _, _, lost = SUBMISSIONS[student]
    expected = {f: (0 if f in lost else p) for f, p in POINTS[assignment].items()}
    assert scores(course, student, assignment) == expected


@pytest.mark.parametrize(("student", "text"), [
    ("delegates", "`linear_forward` calls the package's own `linear_forward`: write the "
                  "equations yourself."),
    ("backward", "`L_model_backward` calls the package's own `model.backward_layers`"),
    ("copies", "`linear_forward` calls the package's own `linear_forward`"),
    ("hangs", "compute_cost did not finish within 5 s when graded and was stopped"),
    ("hangs", "Your cells did not finish when run in full"),
    ("training", "`two_layer_model` calls the package's own `two_layer_model`"),
    ("training", "`L_layer_model` calls the package's own `training.gradient_step`"),
])
def test_the_feedback_says_why_in_the_students_terms(course, student, text):
    assignment = SUBMISSIONS[student][0]
    assert text.replace("'", "&#39;") in feedback(course, student, assignment) or \
        text in feedback(course, student, assignment)


def test_the_course_folder_is_its_owners_alone(course):
    """Solutions, submissions and the gradebook: no other user may read them."""
    assert (course.stat().st_mode & 0o777) == 0o700
    for path in [course / "gradebook.db", *course.glob("autograded/*/*/*.ipynb")]:
        assert path.stat().st_mode & 0o077 == 0, path


# otter's tests assert on check.grade's result: a forged one passes every test case
FORGE = textwrap.dedent('''\
    from dnn_course import check

    check.grade = lambda *a, **k: type("G", (), {"cases_passed": 99, "diagnoses": []})()
    ''')

# otter: a few submissions of 01_forward, each holding several cheats (otter run is slow)
OTTER = {
    "reference": ({f: ref(f) for f in POINTS["01_forward"]}, None, set()),
    "honest": ({**{f: ref(f) for f in POINTS["01_forward"]}, **honest_variants()}, None, set()),
    "forged_stubs": ({}, FORGE, set(POINTS["01_forward"])),
    "cheats": ({"linear_forward": DELEGATE["linear_forward"],
                "linear_activation_forward": textwrap.dedent('''\
                    def linear_activation_forward(A_prev, W, b, activation):
                        while True:
                            try:
                                pass
                            except:  # noqa: E722
                                pass
                    '''),
                "L_model_forward": ref("L_model_forward"),
                "compute_cost": LIAR.split("def linear_forward")[0] + textwrap.dedent('''\
                    def compute_cost(AL, Y):
                        return Always(123.0)
                    ''')}, REWIRE,
               {"linear_forward", "linear_activation_forward", "compute_cost"}),
}


def otter_submission(released, codes, extra):
    """Otter's student notebook: ``codes`` in their answer cells (the stubs where absent),
    ``extra`` as a cell of its own at the top."""
    nb = copy.deepcopy(released)
    for cell in nb.cells:
        question = cell.metadata.get("otter", {}).get("tests")
        if question and question[0] in codes:
            cell.source = codes[question[0]]
    if extra is not None:
        nb.cells.insert(2, nbformat.v4.new_code_cell(extra))
    return nb


@pytest.fixture(scope="module")
def otter(tmp_path_factory):
    """{student: (results.json, otter's output)} of the OTTER submissions, by ``otter run``."""
    out = tmp_path_factory.mktemp("otter")
    build_otter(out, only=["01_forward"], run_tests=False, seconds=5)
    dist = out / "01_forward" / "dist"
    (autograder,) = (dist / "autograder").glob("*.zip")
    released = nbformat.read(dist / "student" / "01_forward.ipynb", as_version=4)
    graded = {}
    for student, (codes, extra, _) in OTTER.items():
        submission = out / f"{student}.ipynb"
        nbformat.write(otter_submission(released, codes, extra), submission)
        (out / student).mkdir()
        done = subprocess.run([sys.executable, "-m", "otter", "run", "--no-logo", "-a",
                               str(autograder), "-o", str(out / student), str(submission)],
                              capture_output=True, text=True, timeout=600)
        assert done.returncode == 0, done.stdout + done.stderr
        graded[student] = json.loads((out / student / "results.json").read_text())
    return graded


@pytest.mark.parametrize("student", list(OTTER))
def test_otter_a_cheat_scores_0_for_what_it_targets_and_nothing_else(otter, student):
    _, _, lost = OTTER[student]
    got = {t["name"]: t["score"] for t in otter[student]["tests"]
           if t["name"] in POINTS["01_forward"]}
    expected = {f: (0 if f in lost else p) for f, p in POINTS["01_forward"].items()}
    assert got == pytest.approx(expected)


@pytest.mark.parametrize(("student", "function", "text"), [
    ("cheats", "linear_forward", "`linear_forward` calls the package's own `linear_forward`: "
                                 "write the equations yourself."),
    ("cheats", "linear_activation_forward", "linear_activation_forward did not finish within "
                                            "5 s when graded and was stopped"),
    ("forged_stubs", "compute_cost", "not implemented yet"),
])
def test_otter_feedback_is_the_checks_diagnosis(otter, student, function, text):
    (test,) = [t for t in otter[student]["tests"] if t["name"] == function]
    assert text in test["output"], test["output"]


def test_otter_never_loads_a_log_handed_in_with_the_submission(tmp_path, monkeypatch):
    """otter would unpickle (dill) a .OTTER_LOG found beside the submission."""
    from types import SimpleNamespace

    from dnn_course.check.otter_plugin import GradeFromSource

    monkeypatch.chdir(tmp_path)  # otter grades in the submission's folder
    (tmp_path / ".OTTER_LOG").write_bytes(b"anything")
    config = SimpleNamespace(grade_from_log=True)
    GradeFromSource(str(tmp_path / "s.ipynb"), {}, {}).before_grading(config)
    assert not (tmp_path / ".OTTER_LOG").exists() and config.grade_from_log is False

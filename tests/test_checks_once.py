"""Each input is checked once, in guards.py, and a training loop runs without entering it.

Counted, not timed: a profiler hook counts the calls into ``dnn_course.guards`` while
training runs, and the lecture modules are read (ast) for ``raise`` statements.
"""

import ast
import importlib
import sys
from pathlib import Path

import numpy as np
import pytest

import dnn_course as dc
from dnn_course import guards
from dnn_course.explorer import Session
from dnn_course.training import gradient_step

LECTURE = ["activations", "linear", "model", "cost", "update", "training", "initialization",
           "compat"]
MOST_PER_ITERATION = 5


def guard_calls(run):
    """How many Python calls into dnn_course/guards.py ``run()`` makes."""
    calls = 0

    def count(frame, event, arg):
        nonlocal calls
        if event == "call" and frame.f_code.co_filename == guards.__file__:
            calls += 1

    sys.setprofile(count)
    try:
        run()
    finally:
        sys.setprofile(None)
    return calls


def per_iteration(train, n=10):
    """Guard calls per iteration after the first: (calls for 1 + n) - (calls for 1), / n."""
    return (guard_calls(lambda: train(1 + n)) - guard_calls(lambda: train(1))) / n


def test_the_training_loop_does_not_enter_the_guards():
    X, Y = dc.make_dataset("circle", 200, 0.1, rng=0)
    X = np.vstack([X] * 32)  # 64 features, as the digits network reads

    def train(n):
        dc.L_layer_model(X, Y, [64, 20, 7, 5, 1], num_iterations=n, rng=1, progress=False)

    assert per_iteration(train) <= MOST_PER_ITERATION


def test_the_explorer_step_does_not_enter_the_guards():
    session = Session()
    session.step(1)  # the first step checks the data and the parameters
    assert guard_calls(lambda: session.step(10)) / 10 <= MOST_PER_ITERATION


def test_parameters_set_from_outside_are_checked_again():
    session = Session()
    session.step(1)
    session.parameters = {**session.parameters, "W2": session.parameters["W2"][:, :3]}
    with pytest.raises(ValueError, match=r"W2 has shape \(8, 3\) but layer 1 has n\[1\] = 8"):
        session.step(1)


def test_a_public_call_checks_its_arrays_once():
    """L_model_forward checks X and each W[l], b[l] on entry; its layers do not again."""
    X, Y = dc.make_dataset("circle", 50, 0.1, rng=0)
    parameters = dc.initialize_parameters_deep([2, 8, 8, 8, 1], rng=0)
    seen = []

    def record(frame, event, arg):
        if (event == "call" and frame.f_code.co_filename == guards.__file__
                and frame.f_code.co_name == "as_matrix"):
            seen.append(frame.f_locals["name"])

    sys.setprofile(record)
    try:
        dc.L_model_forward(X, parameters)
    finally:
        sys.setprofile(None)
    assert sorted(seen) == sorted(["X", *parameters])


@pytest.mark.parametrize("module", LECTURE)
def test_no_input_check_outside_the_guards(module):
    source = Path(importlib.import_module(f"dnn_course.{module}").__file__).read_text()
    raises = [node.lineno for node in ast.walk(ast.parse(source)) if isinstance(node, ast.Raise)]
    assert raises == [], f"dnn_course/{module}.py raises at lines {raises}: move it to guards.py"


def test_unchecked_is_the_same_equations():
    X, Y = dc.make_dataset("xor", 40, 0.1, rng=2)
    parameters = dc.initialize_parameters_deep([2, 4, 1], rng=0, scale="xavier")
    checked = gradient_step(X, Y, parameters, 0.3)
    unchecked = gradient_step.unchecked(X, Y, parameters, 0.3)
    assert checked.cost == unchecked.cost
    for key, value in checked.parameters.items():
        np.testing.assert_array_equal(value, unchecked.parameters[key])


def string_constants(tree):
    """The string literals of a module, docstrings left out (they explain, they do not check)."""
    docstrings = {id(node.body[0].value) for node in ast.walk(tree)
                  if isinstance(node, ast.Module | ast.FunctionDef | ast.ClassDef) and node.body
                  and isinstance(node.body[0], ast.Expr)}
    return [node.value for node in ast.walk(tree) if isinstance(node, ast.Constant)
            and isinstance(node.value, str) and id(node) not in docstrings]


def test_each_shape_of_the_lecture_is_spelled_once():
    """Outside guards.py no message spells a shape of SHAPES (the exercise feedback in check/
    explains a mistake in its own words, and the recap's quiz teaches the shapes: both are
    left out)."""
    shapes = set(guards.SHAPES.values())
    package = Path(guards.__file__).parent
    spelled = {
        str(path.relative_to(package)): found
        for path in package.rglob("*.py")
        if path.name not in ("guards.py", "quiz.py") and path.parent.name != "check"
        if (found := [text for text in string_constants(ast.parse(path.read_text()))
                      if any(shape in text for shape in shapes)])
    }
    assert spelled == {}, "use guards.shape_of / as_matrix's default instead"

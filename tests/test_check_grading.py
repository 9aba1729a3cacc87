"""Grading mode (check.grade): the score is the function's own, and nothing the student's
code prints or warns reaches stdout or stderr (nbgrader gives 0 to a cell that writes to
stderr). The whole nbgrader round trip is in test_grading.py."""

import types
import warnings

import exercise_solutions
import numpy as np

import dnn_course as dc
from dnn_course import check
from dnn_course.check.grading import with_references


def notebook(**replaced):
    """The reference solutions in one namespace, some replaced, as in a filled notebook."""
    namespace = dict(vars(exercise_solutions))
    functions = {**{f.__name__: f for f in exercise_solutions.SOLUTIONS}, **replaced}
    for name, f in functions.items():
        namespace[name] = types.FunctionType(f.__code__, namespace, name)
    return namespace


def linear_forward_talkative(A_prev, W, b):
    print("inside linear_forward")
    warnings.warn("a warning from the student", stacklevel=2)
    return np.dot(W, A_prev) + b, (A_prev, W, b)


def linear_forward_transposed(A_prev, W, b):
    return np.dot(W.T, A_prev) + b, (A_prev, W, b)


def linear_forward(A_prev, W, b):  # right for square W only: a partly right function
    return np.dot(W, A_prev) + b if W.shape[0] == W.shape[1] else A_prev[:W.shape[0]] + b, (
        A_prev, W, b)


def test_the_reference_gets_every_point():
    for f in exercise_solutions.SOLUTIONS:
        result = check.grade(getattr(check, f.__name__), f, points=3)
        assert (result.passed, result.score, result.points) == (True, 3, 3), str(result)
        assert str(result).startswith(f"Score: 3 of 3 points ({result.cases} of "), str(result)


def test_printing_and_warnings_are_caught_and_shown(capsys):
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # a warning that escaped would raise here
        result = check.grade(check.linear_forward, linear_forward_talkative, points=2)
    assert capsys.readouterr() == ("", "")
    assert result.score == 2, str(result)
    assert "  inside linear_forward" in result.lines
    assert "  UserWarning: a warning from the student" in result.lines


def test_a_partly_right_function_gets_the_fraction_of_cases_it_passes():
    square = [W.shape[0] == W.shape[1] for _, (_, W, _) in check.cases.linear_cases()]
    result = check.grade(check.linear_forward, linear_forward, points=3)
    assert 0 < sum(square) < len(square)
    assert result.score == round(3 * sum(square) / len(square), 2), str(result)
    assert not result.passed


def test_a_caller_is_graded_with_the_reference_callee_and_told_so():
    namespace = notebook(linear_forward=linear_forward_transposed)
    student = namespace["linear_activation_forward"]
    assert not check.linear_activation_forward(student).passed  # with the wrong callee
    result = check.grade(check.linear_activation_forward, student, points=2)
    assert result.score == 2, str(result)
    assert ("Graded with the reference linear_forward, which your linear_activation_forward "
            "calls: your linear_forward does not pass its own check yet") in str(result)
    assert namespace["linear_forward"].__code__ is linear_forward_transposed.__code__


def test_only_exercise_functions_other_than_itself_are_replaced():
    namespace = notebook()
    function, callees = with_references(namespace["L_model_forward"], "L_model_forward")
    assert callees == ["linear_activation_forward"]
    assert function.__globals__["linear_activation_forward"] is dc.linear_activation_forward
    assert function.__globals__["np"] is np
    assert with_references(len, "len") == (len, [])  # no Python code: graded as it is

"""Grading mode: the same checks, turned into points for nbgrader or otter-grader.

This runs in the student's kernel and gives the instant score and diagnosis of the check cell.
The score nbgrader records is computed elsewhere, from the student's source, by isolated.py
(a student's cell can rewire anything in its own kernel); it uses ``grade`` below on the
replayed outputs, so both agree for an honest notebook.

A graded test cell of an exercise notebook reads::

    result = check.grade(check.linear_forward, linear_forward, points=2)
    display(result)
    result.score

nbgrader takes the number on the cell's last line as the cell's score (partial credit), and
gives 0 to a cell that raises or writes to stderr. So that the score is the function's own:

- score = points * (test cases passed) / (test cases): a partly right function gets part,
  but a classic mistake the check recognises scores 0 (the cases it passes, it passes by
  chance: a missing 1/m is right when m = 1, X fed to every layer when L = 1);
- the function is graded with the package's own versions of the exercise functions it calls
  (linear_activation_forward with the reference linear_forward), so one mistake costs the
  points of the function that makes it, once; the feedback still names the student's
  earlier function when that one fails its own check;
- what the student's code prints or warns is caught and shown in the feedback instead of
  reaching stdout or stderr.
"""

import contextlib
import io
import types
import warnings
from dataclasses import dataclass

from .result import CheckResult

SHOWN = 6  # lines of a student's printed output or warnings repeated in the feedback


@dataclass(repr=False)  # repr and the box as a CheckResult's
class Grade(CheckResult):
    """A CheckResult with its score: ``score`` of ``points``."""

    score: float = 0.0
    points: float = 0.0


def _names_used(code):
    """The global names a function's code (and the code nested in it) looks up."""
    names = set(code.co_names)
    for const in code.co_consts:
        if isinstance(const, types.CodeType):
            names |= _names_used(const)
    return names


def with_references(student, name):
    """``(function, callees)``: ``student`` with the exercise functions it calls (other than
    ``name``) bound to the package's reference versions, and the names of those callees."""
    import dnn_course  # not at the top: dnn_course imports this package while it loads
    from dnn_course import check

    code = getattr(student, "__code__", None)
    if code is None:
        return student, []
    callees = sorted(n for n in _names_used(code) & set(check.__all__)
                     if n != name and callable(getattr(dnn_course, n, None)))
    if not callees:
        return student, []
    namespace = {**student.__globals__, **{n: getattr(dnn_course, n) for n in callees}}
    function = types.FunctionType(code, namespace, student.__name__, student.__defaults__,
                                  student.__closure__)
    function.__kwdefaults__ = student.__kwdefaults__
    return function, callees


@contextlib.contextmanager
def quietly():
    """Catch what the code inside prints (stdout, stderr) and warns: yields (text, warnings)."""
    out = io.StringIO()
    with (contextlib.redirect_stdout(out), contextlib.redirect_stderr(out),
          warnings.catch_warnings(record=True) as caught):
        warnings.simplefilter("always")
        yield out, caught


def _callee_note(name, callee, student):
    """Why the student's own ``callee`` was not used, or None if it passes its check."""
    from dnn_course import check

    own = getattr(student, "__globals__", {}).get(callee)
    if not callable(own):
        return f"Graded with the reference {callee}: your {callee} is not defined."
    with quietly():  # what it prints is shown in its own test cell
        verdict = getattr(check, callee)(own)
    if verdict.passed:
        return None
    state = "is not written yet" if verdict.pending else "does not pass its own check yet"
    return (f"Graded with the reference {callee}, which your {name} calls: your {callee} "
            f"{state}, and its own test cell says why. The points lost there are not lost "
            "again here.")


def _shown(text, caught):
    lines = [*text.splitlines(), *(f"{w.category.__name__}: {w.message}" for w in caught)]
    lines = list(dict.fromkeys(lines))  # once each: every test case prints the same lines
    if not lines:
        return []
    more = [f"... and {len(lines) - SHOWN} more lines"] if len(lines) > SHOWN else []
    return ["Your code printed or warned (shown here, not graded):",
            *(f"  {line}" for line in lines[:SHOWN]), *more]


def grade(checker, student, points):
    """Run ``checker`` on ``student`` in grading mode; return a Grade worth up to ``points``."""
    name = checker.__name__
    function, callees = with_references(student, name)
    with quietly() as (out, caught):
        result = checker(function)
    notes = [note for note in (_callee_note(name, c, student) for c in callees) if note]
    fraction = result.cases_passed / result.cases if result.cases else 0.0
    score = 0.0 if result.diagnoses else round(points * fraction, 2)
    header = f"Score: {score:g} of {points:g} points"
    if result.cases:
        header += f" ({result.cases_passed} of {result.cases} test cases passed"
        header += "; a recognised classic mistake scores 0)." if score < points * fraction \
            else ")."
    else:
        header += "."
    shown = _shown(out.getvalue(), caught)
    return Grade(name, result.passed, [header, *result.lines, *notes, *shown],
                 result.diagnoses, result.pending, result.cases_passed, result.cases,
                 score=score, points=points)

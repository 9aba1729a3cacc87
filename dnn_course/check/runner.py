"""Run a student's function on every case of a checker, without ever crashing.

An exception in the student's code is reported with its type, message and the line that
raised (see errors.py); a function that still raises NotImplementedError (the exercise's
stub) gets a friendly "not implemented yet"; a function that changes its inputs in place
is caught by comparing the inputs with copies taken before the call.
"""

import copy
from dataclasses import dataclass

import numpy as np

from .compare import compare_outputs
from .errors import exception_hint, other_function, student_line
from .result import CheckResult
from .timelimit import SECONDS, TimeLimitExceeded, call

# how telling a failed case is, most telling first: the report shows the first of the best
DIAGNOSED, HINTED, MISMATCH, UNEXPLAINED = range(4)


class WrongReturnError(Exception):
    """The student's return value has the wrong type or structure: ``(message, diagnoses)``."""

    def __init__(self, message, diagnoses=()):
        super().__init__(message)
        self.diagnoses = list(diagnoses)


@dataclass
class Spec:
    """How to check one function: its cases, the right and the known-wrong outputs.

    ``unpack(returned, expected)`` turns the student's return value into a dict of
    named outputs and a list of ``(line, diagnosis)`` problems (either may be None), or
    raises WrongReturnError.
    """

    name: str
    arg_names: tuple
    cases: list  # of (label, args)
    expected: object  # callable(*args) -> dict
    unpack: object  # callable(returned, expected) -> (dict, problems)
    mistakes: object  # callable(*args) -> list of (text, dict)
    layer_of: object = None
    seed: int | None = None  # np.random.seed(seed) before the expected outputs and the call
    mutation_text: str = (
        "{names} changed in place: copy an array before changing it (np.array(x, copy=True))"
    )


def _same_input(a, b):
    """True if the input ``b`` still is ``a``, its copy from before the call; whatever the
    student's code put in its place (None in a list of caches, say) counts as a change."""
    if isinstance(a, np.ndarray):
        return isinstance(b, np.ndarray) and a.shape == b.shape and np.array_equal(a, b)
    if isinstance(a, dict):
        return isinstance(b, dict) and a.keys() == b.keys() and all(
            _same_input(a[k], b[k]) for k in a
        )
    if isinstance(a, tuple | list):
        # a tuple and its named form are the same cache (the grading sandbox sends both back
        # as plain sequences)
        return (isinstance(b, tuple | list) and len(a) == len(b)
                and all(_same_input(x, y) for x, y in zip(a, b, strict=True)))
    try:
        return bool(a == b)
    except Exception:  # an object whose == raises or is not a truth value: it changed
        return False


def _reseed(spec):
    """np.random.seed(spec.seed), if the spec has one: functions that draw from NumPy's global
    generator, like the course's, then draw the same numbers for the student and the expected
    outputs (known mistakes that draw seed it themselves)."""
    if spec.seed is not None:
        np.random.seed(spec.seed)


def _run_case(spec, student, args):
    """(lines, diagnoses, rank) for one case; both lists are empty when it passed."""
    pristine = copy.deepcopy(args)
    _reseed(spec)
    expected = spec.expected(*copy.deepcopy(args))
    try:
        _reseed(spec)
        returned = student(*args)
    except (NotImplementedError, TimeLimitExceeded, KeyboardInterrupt):
        raise
    except BaseException as exc:  # the student's bug (even sys.exit()) is reported, never raised
        lines = [f"Your {spec.name} raised {type(exc).__name__}: {exc}"]
        if not isinstance(exc, Exception):
            lines.append(f"{type(exc).__name__} stops the whole program (sys.exit() raises "
                         "SystemExit): a function gives its result back with `return`.")
        where = student_line(exc, student)
        lines += [f"  at {where}"] if where else []
        hint = exception_hint(exc, spec.name) if where else (
            f"The check calls {spec.name}({', '.join(spec.arg_names)}): does your function "
            "take these arguments, in this order?"
        )
        return lines + ([hint] if hint else []), [], HINTED if hint else UNEXPLAINED
    lines, diagnoses = [], []
    changed = [n for n, a, b in zip(spec.arg_names, pristine, args, strict=True)
               if not _same_input(a, b)]
    if changed:
        lines.append(f"Your {spec.name} changed its input {', '.join(changed)} in place.")
        diagnoses.append(spec.mutation_text.format(names=", ".join(changed)) + ".")
    try:
        got, problems = spec.unpack(returned, expected)
    except WrongReturnError as problem:
        diagnoses += problem.diagnoses
        return lines + [str(problem)], diagnoses, DIAGNOSED if diagnoses else MISMATCH
    lines += [line for line, _ in problems if line]
    diagnoses += [d for d in dict.fromkeys(d for _, d in problems) if d and d not in diagnoses]
    more, found = compare_outputs(
        expected, got, lambda: spec.mistakes(*copy.deepcopy(pristine)), spec.layer_of
    )
    diagnoses += [d for d in found if d not in diagnoses]
    return lines + more, diagnoses, DIAGNOSED if diagnoses else MISMATCH


def _not_implemented(name, exc, stub):
    """The amber 'not implemented yet' result, for ``name`` itself or for a ``stub`` it calls."""
    if stub is None:
        return CheckResult(name, False, [
            f"{name}: not implemented yet. The function still raises "
            f"NotImplementedError({str(exc)!r}).",
            "Replace the `raise NotImplementedError(...)` line with your code, run that "
            "cell, then run this check again.",
        ], pending=True)
    return CheckResult(name, False, [
        f"{name}: not checked yet. Your {name} calls a function that is not written yet: "
        f"{stub} (it still raises NotImplementedError({str(exc)!r})).",
        f"Write {stub} first, run its cell and its check, then run this check again.",
    ], pending=True)


def _too_slow(spec, label):
    """The red report for a function stopped by the time limit."""
    seconds = f"{SECONDS.get():g}"
    mistake = ("a loop that never ends (a `while` whose condition never becomes false, or a "
               "loop variable changed inside the loop) or a call that waits (input(), "
               "time.sleep). For slow but correct code, raise the limit: `with "
               f"check.time_limit(60): check.{spec.name}({spec.name})`.")
    return CheckResult(spec.name, False, [
        f"{spec.name}: your {spec.name} ran longer than {seconds} s on the case {label} and "
        "was stopped (the inputs are small: it should take well under a second).",
        f"Likely mistake: {mistake}",
    ], [mistake])


def run(spec, student):
    """Check ``student`` on every case of ``spec``; return a CheckResult."""
    if not callable(student):
        return CheckResult(spec.name, False, [
            f"check.{spec.name} needs your function itself, as in "
            f"check.{spec.name}({spec.name}); got {type(student).__name__}."
        ])
    failed = []
    for label, args in spec.cases:
        try:
            # the limit covers the call and the comparison (a returned object is student code)
            lines, diagnoses, rank = call(_run_case, spec, student, args)
        except NotImplementedError as exc:  # the exercise's stub, not a bug
            return _not_implemented(spec.name, exc, other_function(exc, student))
        except TimeLimitExceeded:  # a later case would hang as well
            return _too_slow(spec, label)
        except Exception as exc:  # outputs too strange to compare must not crash the notebook
            lines, diagnoses, rank = [
                f"The check could not compare what your {spec.name} returned "
                f"({type(exc).__name__}: {exc}). Compare its return value with the docstring."
            ], [], UNEXPLAINED
        if lines or diagnoses:
            failed.append((rank, label, lines, diagnoses))
    total = len(spec.cases)
    if not failed:
        return CheckResult(spec.name, True, [f"{spec.name}: all {total} test cases passed."],
                           cases_passed=total, cases=total)
    _, label, lines, diagnoses = min(failed, key=lambda f: f[0])  # the first most telling
    header = f"{spec.name}: {len(failed)} of {total} test cases failed. Case: {label}."
    advice = [f"Likely mistake: {d}" for d in diagnoses]
    return CheckResult(spec.name, False, [header, *lines, *advice], diagnoses,
                       cases_passed=total - len(failed), cases=total)

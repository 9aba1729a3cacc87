"""A grade computed where the student's code cannot reach it.

``grade_source`` grades one exercise function from the text of the student's cells: the
cells run in a fresh ``python -I`` (sandbox.py) that is killed at a wall-clock limit; what the
function returned comes back as plain data, and the check compares it here, in the grader,
by replaying those outputs to the same checker the notebook uses. So nothing the student's
cells did to IPython, to numpy or to the check modules in their kernel touches the score,
a loop that never ends costs only its own function's points, and a call into the package's
own implementation (however it is spelled) scores 0.

ALLOWED is the one place that says which of the package's functions an exercise hands out.
Every exercise may also use the exercise functions that come before it in the course (they
run as the course's reference solutions).
"""

import ast
import builtins
import copy
import functools
import inspect
import json
import linecache
import os
import pkgutil
import signal
import subprocess
import sys
import tempfile
import types
from pathlib import Path

import numpy as np

from . import sandbox
from .grading import Grade, _shown, grade, quietly

# what each assignment's notebook imports from the package for the student to use
ALLOWED = {
    "01_forward": ("relu", "sigmoid"),
    "02_backward": ("relu", "sigmoid", "relu_backward", "sigmoid_backward"),
    "03_training": ("relu", "sigmoid", "relu_backward", "sigmoid_backward"),
}
SECONDS = 10.0  # wall clock for one function: start, the student's cells and every case
MEMORY = 2 * 1024**3
RESULT_BYTES = 64 * 1024**2
PACKAGE = Path(__file__).resolve().parents[1]
# the modules that implement the exercises: their code must not run in a graded function
IMPLEMENTATIONS = ("linear", "model", "cost", "initialization", "training", "update",
                   "gradcheck")


@functools.cache
def forbidden():
    """([(bytecode size, fingerprint)], {fingerprint: name}) of every function (and function
    nested in one) that the package's implementation modules define."""
    import importlib

    found, names = [], {}

    def add(code, name):
        digest = sandbox.fingerprint(code)
        found.append((len(code.co_code), digest))
        names[digest] = name
        for const in code.co_consts:
            if isinstance(const, types.CodeType) and not const.co_name.startswith("<"):
                add(const, const.co_name)

    for module_name in IMPLEMENTATIONS:
        module = importlib.import_module(f"dnn_course.{module_name}")
        for value in vars(module).values():
            if isinstance(value, types.FunctionType) and value.__module__ == module.__name__:
                # the equations, not the guard's wrapper (guards.checked_by), which every
                # checked function shares with the helpers an exercise hands out
                add(inspect.unwrap(value).__code__, value.__name__)
    return found, names


def denied_folders(course=None):
    """What graded code may not read: the package, the checkout it is installed from, and
    the course folder (sources, submissions, gradebook)."""
    folders = [PACKAGE]
    if (PACKAGE.parent / "pyproject.toml").exists():  # an editable install: the checkout
        folders.append(PACKAGE.parent)
    if course is not None:
        folders.append(Path(course).resolve())
    return [str(f) for f in folders]


def recorded_cases(checker):
    """[(args, numpy random state)] in the order ``checker`` calls a student's function."""
    recorded = []

    def recorder(*args):
        recorded.append((copy.deepcopy(args), np.random.get_state()))
        return sandbox.Opaque("nothing")  # not an answer: the check moves on to the next case

    with quietly():
        checker(recorder)
    return recorded


def run_sandbox(job, seconds, folder):
    """The sandbox's result document, or ("timeout" | "crashed", detail)."""
    job = {**job, "result": str(Path(folder) / "result.json"), "memory": MEMORY,
           "result_bytes": RESULT_BYTES, "cpu_seconds": int(seconds) + 1}
    env = {"PATH": os.environ.get("PATH", ""), "OPENBLAS_NUM_THREADS": "1",
           "OMP_NUM_THREADS": "1", "MKL_NUM_THREADS": "1", "HOME": str(folder)}
    process = subprocess.Popen([sys.executable, "-I", "-B", str(Path(sandbox.__file__))],
                               stdin=subprocess.PIPE, stdout=subprocess.DEVNULL,
                               stderr=subprocess.DEVNULL, cwd=folder, env=env,
                               start_new_session=True)
    try:
        process.communicate(json.dumps(job).encode(), timeout=seconds)
        status = None
    except subprocess.TimeoutExpired:
        status = "timeout"
    finally:
        try:  # the whole process group: whatever the student's code started dies with it
            os.killpg(process.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
        process.wait()
    if status:
        return status, seconds
    result = Path(folder) / "result.json"
    try:
        if process.returncode != 0 or result.stat().st_size > RESULT_BYTES:
            raise ValueError(f"exit status {process.returncode}")
        document = json.loads(result.read_text())
        if not isinstance(document, dict):
            raise ValueError("not a result")
        return document
    except (OSError, ValueError, RecursionError) as exc:
        return "crashed", str(exc)


KEPT = (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef, ast.Import, ast.ImportFrom,
        ast.Assign, ast.AnnAssign)


def definitions(source):
    """``source`` with only its definitions (def, class, import, assignments) at the top
    level; the other statements' lines are left blank, so line numbers stay the same."""
    try:
        body = ast.parse(source).body
    except SyntaxError:
        return source
    lines = source.splitlines()
    for node in body:
        if not isinstance(node, KEPT):
            for i in range(node.lineno - 1, node.end_lineno):
                lines[i] = ""
    return "\n".join(lines)


def _raise_from_cell(exc, where, cells):
    """Raise ``exc`` from a frame that looks like the student's line, so that the feedback
    names it ("line 3 of linear_forward: ...") as the in-notebook check does."""
    name, filename, line = where
    index = filename.removeprefix("<cell ").removesuffix(">")
    if not (name.isidentifier() and index.isdigit() and 0 < int(index) <= len(cells)
            and isinstance(line, int) and 1 < line < 10_000):
        raise exc
    linecache.cache[filename] = (0, None, cells[int(index) - 1].splitlines(True), filename)
    code = compile("\n" * (line - 2) + f"def {name}(exc):\n    raise exc", filename, "exec")
    namespace = {}
    exec(code, namespace)
    namespace[name](exc)


def _exception(outcome):
    kind = getattr(builtins, str(outcome["raised"]), None)
    message = str(outcome["message"])
    if outcome.get("builtin") and isinstance(kind, type) and issubclass(kind, Exception):
        try:
            return kind(message)
        except TypeError:
            pass
    return RuntimeError(f"{outcome['raised']}: {message}")


def _restore(target, after):
    """Put ``after`` (the inputs as the student's function left them) into ``target``."""
    if isinstance(target, np.ndarray):
        if isinstance(after, np.ndarray) and after.shape == target.shape:
            target[...] = after
    elif isinstance(target, dict) and isinstance(after, dict):
        target.clear()
        target.update(after)
    elif isinstance(target, list) and isinstance(after, list):
        target[:] = after
    elif isinstance(target, tuple) and isinstance(after, tuple) and len(after) == len(target):
        for a, b in zip(target, after, strict=True):
            _restore(a, b)


def replay(name, outcomes, cells):
    """A stand-in for the student's function that gives back, case by case, what the real
    one did in the sandbox."""
    queue = list(outcomes)

    def replayed(*args):
        outcome = queue.pop(0)
        after = sandbox.unpack(outcome["after"])
        if isinstance(after, list) and len(after) == len(args):
            for arg, left in zip(args, after, strict=True):
                _restore(arg, left)
        if "raised" in outcome:
            exc = _exception(outcome)
            where = outcome.get("where")
            if where and not (isinstance(exc, NotImplementedError) and where[0] == name):
                _raise_from_cell(exc, where, cells)
            raise exc
        return sandbox.unpack(outcome["returned"])

    replayed.__name__ = name
    return replayed


def _zero(name, points, lines, diagnoses=()):
    return Grade(name, False, [f"Score: 0 of {points:g} points.", *lines], list(diagnoses),
                 score=0.0, points=points)


def grade_source(name, cells, points, *, setup, references, earlier, helpers, course=None,
                 seconds=SECONDS, verdicts=None):
    """Grade ``name`` from the student's ``cells`` (their source, in notebook order).

    ``setup``: the notebook's own import cell; ``references``: the course's solution cells of
    the earlier functions ``earlier``; ``helpers``: the package functions the exercise hands
    out; ``verdicts``: {earlier function: passed its own check} for the feedback.
    """
    from dnn_course import check

    checker = getattr(check, name)
    recorded = recorded_cases(checker)
    fingerprints, names = forbidden()
    job = {"name": name, "cells": list(cells), "setup": setup, "references": list(references),
           "earlier": list(earlier), "helpers": list(helpers), "package": str(PACKAGE),
           "check_names": list(check.__all__),
           "submodules": [m.name for m in pkgutil.iter_modules([str(PACKAGE)])],
           "cases": sandbox.pack([list(args) for args, _ in recorded]),
           "states": sandbox.pack([state for _, state in recorded]),
           "denied": denied_folders(course), "forbidden": fingerprints,
           "forbidden_names": names}
    with tempfile.TemporaryDirectory(prefix="dnn-grade-") as folder:
        result = run_sandbox(job, seconds, folder)
    notes = []
    if isinstance(result, tuple) and result[0] == "timeout":
        # a top-level statement of some cell may be what never ends (a test call of a function
        # that loops): the function is graded again with the cells' definitions only
        job["cells"] = [definitions(cell) for cell in cells]
        with tempfile.TemporaryDirectory(prefix="dnn-grade-") as folder:
            result = run_sandbox(job, seconds, folder)
        notes = ["Your cells did not finish when run in full, so they were run with their "
                 "definitions only (def, class, import and assignments)."]
    if isinstance(result, tuple) and result[0] == "timeout":
        mistake = (f"{name} did not finish within {seconds:g} s when graded and was stopped: "
                   "a loop that never ends, a call that waits (input(), time.sleep) or a very "
                   "slow computation. Only this function's points are lost.")
        return _zero(name, points, [mistake], [mistake])
    if isinstance(result, tuple):
        return _zero(name, points, [f"The grading of {name} stopped before it finished "
                                    f"({result[1]}): your code ended the program or used "
                                    "too much memory."])
    hits = [str(h) for h in result.get("hits", [])]
    if hits:
        lines = [f"`{name}` calls the package's own `{hit}`: write the equations yourself."
                 for hit in hits]
        return _zero(name, points, lines, lines)
    if not result.get("defined"):
        return _zero(name, points, [f"{name} is not defined in your notebook (the cell that "
                                    "defines it failed or was removed)."])
    outcomes = result.get("outcomes")
    if not (isinstance(outcomes, list) and len(outcomes) == len(recorded)
            and all(isinstance(o, dict) for o in outcomes)):
        return _zero(name, points, ["The grading could not read your function's results."])
    graded = grade(checker, replay(name, outcomes, list(cells)), points)
    notes += [f"Graded with the reference {callee}, which your {name} calls: your {callee} "
             "does not pass its own check yet, and its own test cell says why. The points "
             "lost there are not lost again here."
             for callee in result.get("callees", []) if (verdicts or {}).get(callee) is False]
    printed = "\n".join(str(line) for o in outcomes for line in o.get("printed", []))
    graded.lines = [*graded.lines, *notes, *_shown(printed, [])]
    return graded

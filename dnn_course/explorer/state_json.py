"""Export and import an explorer run as JSON: settings, seeds, W[l], b[l], iteration, history.

The file is plain JSON (never pickle). Importing it restores the same parameters, so
the decision boundary, the costs and the step-throughs show the same numbers. The history
is what the curves show: the iterations kept (``steps``) and their numbers. A file of the
first format (``dnn_course.explorer/1``, one entry per iteration, no ``steps``) is read too,
its history thinned the way a run's is (``Session.record``).
"""

import json
import math
import reprlib

import numpy as np

from ..guards import check_integer, is_integer, is_real
from .own_data import check_arrays
from .session import Session
from .settings import CUSTOM, Settings, field_names

FORMAT = "dnn_course.explorer/2"
FORMATS = ("dnn_course.explorer/1", FORMAT)  # /1: every iteration's entry, no "steps"
HISTORY = ("costs", "test_costs", "grad_norms", "dead_units")
MAX_COST = -math.log(math.ulp(0.0))  # 744.4: J with A[L] at the smallest float above 0


def to_json(session):
    """The whole run as a JSON string (arrays become nested lists of floats)."""
    state = session.state()
    document = {
        "format": FORMAT,
        "settings": state["settings"].to_dict(),
        "iteration": state["iteration"],
        "steps": state["steps"],
        "parameters": {key: value.tolist() for key, value in state["parameters"].items()},
        **{key: state[key] for key in HISTORY},
    }
    if session.own_data is not None:
        X, Y = session.own_data
        document["data"] = {"X": X.tolist(), "Y": Y.tolist()}
    return json.dumps(document)


def from_json(text):
    """A Session restored from ``to_json`` output (str or UTF-8 bytes).

    Raises ValueError naming the field for any malformed state; nothing is half-restored.
    """
    try:
        document = json.loads(text, parse_constant=_no_constant, parse_int=_int,
                              parse_float=_float)
    except (TypeError, UnicodeDecodeError, json.JSONDecodeError) as error:
        raise ValueError(f"the explorer state is not valid JSON: {error}") from None
    except RecursionError:
        raise ValueError("the explorer state is nested too deeply to be an exported "
                         "state (lists of lists of numbers at most)") from None
    if not isinstance(document, dict) or document.get("format") not in FORMATS:
        raise ValueError(f'the explorer state must be a JSON object with "format": "{FORMAT}"')
    steps = () if document["format"] == FORMATS[0] else ("steps",)
    required = ("settings", "iteration", "parameters", *steps, *HISTORY)
    missing = [key for key in required if key not in document]
    if missing:
        raise ValueError(f"the explorer state lacks {missing}")
    settings = _settings(document["settings"])
    own = _data(document.get("data")) if settings.dataset == CUSTOM else (None, None)
    session = Session(settings, *own)
    session.parameters = _parameters(document["parameters"], session.parameters)
    iteration = document["iteration"]
    check_integer("iteration", iteration, 0)
    session.iteration = iteration
    L = len(session.parameters) // 2
    for entry in zip(*_history(document, iteration, L), strict=True):
        session.record(*entry)
    return session


def _no_constant(name):
    raise ValueError(f"the explorer state holds {name}; every number in it must be finite")


def _int(digits):
    """An integer, refused before conversion when it has more digits than any field needs."""
    if len(digits.lstrip("-")) > 20:
        raise ValueError(f"the explorer state holds an integer of {len(digits)} digits; "
                         "seeds, counts and sizes have at most 20")
    return int(digits)


def _float(text):
    value = float(text)
    if not math.isfinite(value):
        raise ValueError(f"the explorer state holds {text}, too large for a float; every "
                         "number in it must be finite")
    return value


def _data(data):
    """Own X (2, m) and Y (1, m) from "data": {"X": [[x1...], [x2...]], "Y": [[labels]]}."""
    if not isinstance(data, dict) or sorted(data) != ["X", "Y"]:
        raise ValueError('a state with dataset "custom" must hold "data": {"X": ..., "Y": ...}')
    try:
        return check_arrays(np.array(data["X"], dtype=float), np.array(data["Y"], dtype=float))
    except (TypeError, ValueError) as error:
        raise ValueError(f"data: {error}") from None


def _history(document, iteration, L):
    """The history, checked: the iterations kept and one entry per iteration in each list.

    steps : increasing iterations < iteration (format /1: 0, 1, 2, ... one per entry);
    costs[i], test_costs[i] : 0 <= J <= MAX_COST;   grad_norms[i] : the L norms ||dW[l]|| >= 0;
    dead_units[i] : L - 1 counts of dead ReLU units, one per hidden layer.
    """
    costs = document["costs"]
    if not isinstance(costs, list) or len(costs) > iteration:
        raise ValueError(f"costs must be a list of at most iteration = {iteration} entries")
    steps = document.get("steps", list(range(len(costs))))
    kinds = {"steps": (None, _count, "an iteration number >= 0"),
             "costs": (None, _cost, f"a number 0 <= J <= {MAX_COST:.1f}"),
             "test_costs": (None, _cost, f"a number 0 <= J <= {MAX_COST:.1f}"),
             "grad_norms": (L, _nonnegative, f"a list of L = {L} norms >= 0"),
             "dead_units": (L - 1, _count, f"a list of L - 1 = {L - 1} integer counts >= 0")}
    columns = {"steps": steps, **{key: document[key] for key in HISTORY}}
    for key, (width, valid, expected) in kinds.items():
        values = columns[key]
        if not isinstance(values, list) or len(values) != len(costs):
            n = len(values) if isinstance(values, list) else "no"
            raise ValueError(f"{key} has {n} entries but costs has {len(costs)}: "
                             "every history has one entry per iteration kept")
        for i, entry in enumerate(values):
            row, size = ([entry], 1) if width is None else (entry, width)
            if not (isinstance(row, list) and len(row) == size and all(map(valid, row))):
                raise ValueError(f"{key}[{i}] must be {expected}, got {reprlib.repr(entry)}")
    increasing = all(a < b for a, b in zip(steps, steps[1:], strict=False))
    if not increasing or (steps and steps[-1] >= iteration):
        raise ValueError(f"steps must be increasing iteration numbers below iteration = "
                         f"{iteration}, got {reprlib.repr(steps)}")
    return [columns[key] for key in kinds]


def _cost(value):
    """A cross-entropy J: from 0 up to MAX_COST, its value with A[L] the smallest float."""
    return _nonnegative(value) and value <= MAX_COST


def _nonnegative(value):
    return is_real(value) and value >= 0


def _count(value):
    return is_integer(value) and value >= 0


def _settings(values):
    if not isinstance(values, dict):
        raise ValueError(f"settings must be a JSON object, got {type(values).__name__}")
    unknown = sorted(set(values) - set(field_names()))
    if unknown:
        raise ValueError(f"unknown setting(s) {unknown}; the settings are {field_names()}")
    return Settings(**values)


def _parameters(values, expected):
    """W[l], b[l] from lists, each with the shape the settings' layer_dims give."""
    if not isinstance(values, dict) or sorted(values) != sorted(expected):
        got = sorted(values) if isinstance(values, dict) else type(values).__name__
        raise ValueError(f"parameters must have the keys {sorted(expected)}, got {got}")
    parameters = {}
    for key, reference in expected.items():
        try:
            array = np.array(values[key], dtype=float)
        except (TypeError, ValueError):
            raise ValueError(f"parameters[{key!r}] must be a list of lists of numbers") from None
        if array.shape != reference.shape:
            raise ValueError(
                f"parameters[{key!r}] has shape {array.shape} but the settings' network needs "
                f"{reference.shape}"
            )
        if not np.isfinite(array).all():
            raise ValueError(f"parameters[{key!r}] contains NaN or inf")
        parameters[key] = array
    return parameters

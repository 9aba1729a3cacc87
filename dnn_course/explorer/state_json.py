"""Export and import an explorer run as JSON: settings, seeds, W[l], b[l], iteration, history.

The file is plain JSON (never pickle). Importing it restores the same parameters, so
the decision boundary, the costs and the step-throughs show the same numbers.
"""

import json

import numpy as np

from .session import Session
from .settings import CUSTOM, Settings, field_names

FORMAT = "dnn_course.explorer/1"
HISTORY = ("costs", "test_costs", "grad_norms", "dead_units")


def to_json(session):
    """The whole run as a JSON string (arrays become nested lists of floats)."""
    state = session.state()
    document = {
        "format": FORMAT,
        "settings": state["settings"].to_dict(),
        "iteration": state["iteration"],
        "parameters": {key: value.tolist() for key, value in state["parameters"].items()},
        **{key: state[key] for key in HISTORY},
    }
    if session.own_data is not None:
        X, Y = session.own_data
        document["data"] = {"X": X.tolist(), "Y": Y.tolist()}
    return json.dumps(document)


def from_json(text):
    """A Session restored from ``to_json`` output; raises ValueError on a malformed state."""
    try:
        document = json.loads(text)
    except (TypeError, json.JSONDecodeError) as error:
        raise ValueError(f"the explorer state is not valid JSON: {error}") from None
    if not isinstance(document, dict) or document.get("format") != FORMAT:
        raise ValueError(f'the explorer state must be a JSON object with "format": "{FORMAT}"')
    required = ("settings", "iteration", "parameters", *HISTORY)
    missing = [key for key in required if key not in document]
    if missing:
        raise ValueError(f"the explorer state lacks {missing}")
    settings = _settings(document["settings"])
    data = document.get("data")
    if settings.dataset == CUSTOM and not isinstance(data, dict):
        raise ValueError('a state with dataset "custom" must hold "data": {"X": ..., "Y": ...}')
    own = (data["X"], data["Y"]) if settings.dataset == CUSTOM else (None, None)
    session = Session(settings, *own)
    session.parameters = _parameters(document["parameters"], session.parameters)
    iteration = document["iteration"]
    if isinstance(iteration, bool) or not isinstance(iteration, int) or iteration < 0:
        raise ValueError(f"iteration must be an integer >= 0, got {iteration!r}")
    session.iteration = iteration
    session.costs, session.test_costs = document["costs"], document["test_costs"]
    session.grad_norms, session.dead = document["grad_norms"], document["dead_units"]
    for key in HISTORY:
        if not isinstance(document[key], list) or len(document[key]) > iteration:
            raise ValueError(f"{key} must be a list of at most iteration = {iteration} entries")
    return session


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

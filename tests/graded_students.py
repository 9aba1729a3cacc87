"""Student submissions for the grading tests: the reference solutions, taken from the
course sources, and the same code with one classic mistake each (or with extra output, or
right for some cases only). A mistake is a change of the reference text, so it cannot
drift from the solution it breaks."""

import copy

import nbformat
import numpy as np
from exercise_solutions import SOURCE

import dnn_course
from course.build_nbgrader import assignments, tagged

# student: {function: [(text of the reference solution, what the student wrote instead)]}
STUDENTS = {
    "reference": {},
    "transposed_W": {"linear_forward": [("np.dot(W, A_prev)", "np.dot(W.T, A_prev)")]},
    "cost_sign": {"compute_cost": [("cost = -(1 / m) *", "cost = (1 / m) *")]},
    "fixed_depth": {"L_model_forward": [("L = len(parameters) // 2", "L = 3")]},
    "X_every_layer": {"L_model_forward": [('A_prev, parameters["W" + str(l)]',
                                           'X, parameters["W" + str(l)]')]},
    "sigmoid_sign": {"linear_activation_forward": [  # the ReLU branch right, sigmoid wrong
        ("A, activation_cache = sigmoid(Z)", "A, activation_cache = 1 / (1 + np.exp(Z)), Z")]},
    "talkative": {"linear_forward": [
        ("def linear_forward", "import sys\nimport warnings\n\n\ndef linear_forward"),
        ("    return Z, cache", "    print('Z has shape', Z.shape)\n"
                                "    print('cache has', len(cache), 'parts', file=sys.stderr)\n"
                                "    warnings.warn('is this right?')\n    return Z, cache")]},
    "no_1_over_m": {"linear_backward": [("dW = (1 / m) * np.dot", "dW = np.dot")]},
    "no_keepdims": {"linear_backward": [(", keepdims=True", "")]},
    "flipped_dAL": {"L_model_backward": [
        ("dAL = -(np.divide(Y, AL) - np.divide(1 - Y, 1 - AL))",
         "dAL = np.divide(Y, AL) - np.divide(1 - Y, 1 - AL)")]},
    "in_place_update": {"update_parameters": [
        ("    parameters = {key: value.copy() for key, value in parameters.items()}\n", "")]},
    "zero_weights": {"initialize_parameters_deep": [
        ("np.random.randn(layer_dims[l], layer_dims[l - 1]) * std",
         "np.zeros((layer_dims[l], layer_dims[l - 1]))")]},
    "update_sign": {"L_layer_model": [
        ('- learning_rate * grads["dW" + str(l)]', '+ learning_rate * grads["dW" + str(l)]')]},
}


def code(student, function):
    """What ``student`` wrote for ``function``."""
    text = SOURCE[function]
    for old, new in STUDENTS[student].get(function, []):
        assert old in text, f"{student}: {old!r} is not in the reference {function}"
        text = text.replace(old, new)
    return text


def functions_of(assignment):
    """The exercise functions of one assignment, in notebook order."""
    nb = nbformat.read(assignments()[assignment], as_version=4)
    return [tagged(cell, "exercise") for cell in nb.cells if tagged(cell, "exercise")]


def students_of(assignment):
    """The students whose mistakes are in ``assignment`` (and the reference student)."""
    mine = set(functions_of(assignment))
    return [s for s, changes in STUDENTS.items() if not changes or mine & changes.keys()]


def submission(released, student):
    """The released notebook with ``student``'s code in its solution cells."""
    nb = copy.deepcopy(released)
    for cell in nb.cells:
        name = tagged(cell, "exercise")
        if name is not None:
            cell.source = code(student, name)
    return nb


def function(student, name):
    """``student``'s function ``name``, defined here (calls go to the package's functions)."""
    namespace = {"np": np, **{n: getattr(dnn_course, n) for n in dnn_course.__all__}}
    exec(code(student, name), namespace)
    return namespace[name]


def otter_submission(student_notebook, student):
    """Otter's student notebook with ``student``'s code in its answer cells."""
    nb = copy.deepcopy(student_notebook)
    for cell in nb.cells:
        question = cell.metadata.get("otter", {}).get("tests")
        if question:
            cell.source = code(student, question[0])
    return nb

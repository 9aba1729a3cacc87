"""The isolated grader without nbgrader (fast): each function graded from its source in a
sandbox process, outputs replayed to the check. The nbgrader round trip with cheats is in
test_grading_integrity.py."""

import base64
import io
import textwrap
from pathlib import Path

import numpy as np
import pytest
from exercise_solutions import SOURCE

import dnn_course
from dnn_course.check import sandbox
from dnn_course.check.isolated import definitions, grade_source

SETUP = "import numpy as np\nfrom dnn_course import check, relu, sigmoid\n"


def graded(name, *cells, seconds=20):
    earlier = {"linear_activation_forward": ["linear_forward"],
               "L_model_forward": ["linear_forward", "linear_activation_forward"]}.get(name, [])
    return grade_source(name, cells, 2, setup=SETUP, references=[SOURCE[n] for n in earlier],
                        earlier=earlier, helpers=["relu", "sigmoid"], seconds=seconds)


def test_the_reference_gets_every_point_and_a_wrong_function_none():
    assert graded("linear_forward", SOURCE["linear_forward"]).score == 2
    wrong = SOURCE["linear_forward"].replace("np.dot(W, A_prev)", "np.dot(W.T, A_prev)")
    result = graded("linear_forward", wrong)
    assert result.score == 0 and "transpose" in str(result), str(result)


def test_the_package_file_cannot_be_read_while_graded():
    cell = textwrap.dedent(f'''\
        def linear_forward(A_prev, W, b):
            namespace = {{}}
            exec(open({str(Path(dnn_course.__file__).with_name("linear.py"))!r}).read(),
                 namespace)
            return namespace["linear_forward"](A_prev, W, b)
        ''')
    result = graded("linear_forward", cell)
    assert result.score == 0
    assert "PermissionError: reading this file is not allowed while grading" in str(result)


def test_a_process_the_function_starts_is_refused():
    cell = "import os\n\ndef linear_forward(A_prev, W, b):\n    os.system('true')\n"
    assert "os.system is not allowed while grading" in str(graded("linear_forward", cell))


def test_an_earlier_function_and_a_helper_stay_allowed():
    cell = SOURCE["linear_activation_forward"].replace(
        "def linear_activation_forward",
        "import dnn_course\n\n\ndef linear_activation_forward").replace(
        "linear_forward(", "dnn_course.linear_forward(")
    assert "dnn_course.linear_forward(" in cell
    assert graded("linear_activation_forward", cell).score == 2


def test_outputs_come_back_as_plain_values_never_pickled():
    class Liar(np.ndarray):
        def __eq__(self, other):
            return True

    class Always(float):
        def __eq__(self, other):
            return True

    document = sandbox.pack((np.zeros(2).view(Liar), Always(3.5), {"W1": [np.int64(4)]}))
    Z, cost, parameters = sandbox.unpack(document)
    assert type(Z) is np.ndarray and type(cost) is float and cost == 3.5
    assert type(parameters["W1"][0]) is np.int64
    assert sandbox.unpack(sandbox.pack(np.array([object()])))  # described, not sent
    pickled = io.BytesIO()  # an object array is stored pickled: the grader refuses it
    np.save(pickled, np.array([{"a": 1}], dtype=object), allow_pickle=True)
    with pytest.raises(ValueError, match="allow_pickle=False"):
        sandbox.unpack({"tree": {"array": 0},
                        "arrays": [base64.b64encode(pickled.getvalue()).decode()]})


def test_definitions_keep_line_numbers_and_drop_statements():
    text = "x = 1\nprint(x)\nfor i in range(3):\n    pass\ndef f():\n    return x\n"
    assert definitions(text) == "x = 1\n\n\n\ndef f():\n    return x"

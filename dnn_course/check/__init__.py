"""Exercise checkers that say *what* is wrong, not just that the output differs.

Each checker runs the student's function on several cases (non-zero biases, m > 1,
several depths, caches whose Z is not W A_prev + b) and returns a CheckResult: a boolean
``passed`` and feedback as ``str(result)``, shown as a coloured box in a notebook::

    from dnn_course import check
    check.linear_backward(linear_backward)

On a failure it names the output, the index, the expected and the actual value, and,
when the wrong output is what a known mistake would give, the mistake in words.

Layout: one module per exercise notebook (a long one split by its sections), each
checker beside its known mistakes, then the machinery every checker shares.

    ex01_forward.py   notebooks/exercises/01_forward.ipynb: linear_forward,
                      linear_activation_forward, L_model_forward, compute_cost
    ex02_layer.py     notebooks/exercises/02_backward.ipynb, sections 1-2 (one layer):
                      linear_backward, linear_activation_backward
    ex02_network.py   notebooks/exercises/02_backward.ipynb, sections 3-4 (the network):
                      L_model_backward, update_parameters
    ex03_training.py  notebooks/exercises/03_training.ipynb: initialize_parameters,
                      initialize_parameters_deep, two_layer_model, L_layer_model
    cases.py          the inputs each checker feeds the student's function
    mistakes.py       known mistakes more than one exercise can make
    runner.py         Spec (how to check one function) and run (never crashes)
    timelimit.py      student code stopped after a few seconds (``time_limit`` sets how many)
    compare.py        outputs compared, a wrong one described, known mistakes matched
    unpack.py         a student's return value turned into named outputs
    errors.py         an exception in student code: the line that raised, and a hint
    blame.py          a failure blamed on the student's earlier function it calls
    result.py         CheckResult, the verdict and its coloured box
    grading.py        check.grade: a check scored for nbgrader and otter-grader (points,
                      reference callees, printed output and warnings caught)
    isolated.py       the recorded grade: each function graded from its source in a sandbox
                      process, its outputs replayed to the same check (ALLOWED helpers)
    sandbox.py        that sandbox (a separate python -I; limits, stand-in package, audit hook)
    autograde.py      GradeFromSource, the nbgrader step that writes each graded cell's score

A new check is a function ``check_me(student) -> CheckResult`` in its exercise's module
(``run(Spec(...), student)``: the name, the argument names, the cases, the expected outputs,
how to unpack the return value and the known mistakes), its inputs in ``cases.py``, and
its name imported below. A new exercise notebook gets its own ``exNN_<topic>.py``; one that
grows long splits by the notebook's sections (``exNN_<part>.py``).
"""

from .ex01_forward import L_model_forward, compute_cost, linear_activation_forward, linear_forward
from .ex02_layer import linear_activation_backward, linear_backward
from .ex02_network import L_model_backward, update_parameters
from .ex03_training import (
    L_layer_model,
    initialize_parameters,
    initialize_parameters_deep,
    two_layer_model,
)
from .grading import grade
from .result import CheckResult
from .timelimit import time_limit

__all__ = [
    "CheckResult",
    "L_layer_model",
    "L_model_backward",
    "L_model_forward",
    "compute_cost",
    "grade",
    "initialize_parameters",
    "initialize_parameters_deep",
    "linear_activation_backward",
    "linear_activation_forward",
    "linear_backward",
    "linear_forward",
    "time_limit",
    "two_layer_model",
    "update_parameters",
]

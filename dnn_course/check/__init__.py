"""Exercise checkers that say *what* is wrong, not just that the output differs.

Each checker runs the student's function on several cases (non-zero biases, m > 1,
several depths, caches whose Z is not W A_prev + b) and returns a CheckResult: a boolean
``passed`` and feedback as ``str(result)``, shown as a coloured box in a notebook::

    from dnn_course import check
    check.linear_backward(linear_backward)

On a failure it names the output, the index, the expected and the actual value, and,
when the wrong output is what a known mistake would give, the mistake in words.
"""

from .backward import linear_activation_backward, linear_backward, update_parameters
from .chain_backward import L_model_backward
from .chain_forward import L_model_forward
from .forward import compute_cost, linear_activation_forward, linear_forward
from .result import CheckResult

__all__ = [
    "CheckResult",
    "L_model_backward",
    "L_model_forward",
    "compute_cost",
    "linear_activation_backward",
    "linear_activation_forward",
    "linear_backward",
    "linear_forward",
    "update_parameters",
]

"""The reference solutions of the exercises, defined here from the course sources.

They are written once, in course/source/*.ipynb, between ``### BEGIN SOLUTION`` and
``### END SOLUTION`` in the cells tagged ``exercise:<name>`` (nbgrader removes them from the
student notebooks). This module runs those cells in one namespace, as a filled exercise
notebook would, so tests can call them: ``SOURCE[name]`` is the cell's code without the
markers, ``SOLUTIONS`` the functions in course order. They use only numpy and the activation
helpers the notebooks import, like a student's code.
"""

import nbformat
import numpy as np

from course.build_nbgrader import assignments, tagged
from dnn_course import relu, relu_backward, sigmoid, sigmoid_backward

MARKERS = ("### BEGIN SOLUTION", "### END SOLUTION")


def _solution_cells():
    for path in assignments().values():
        for cell in nbformat.read(path, as_version=4).cells:
            if tagged(cell, "exercise") is not None:
                yield tagged(cell, "exercise"), "\n".join(
                    line for line in cell.source.splitlines() if line.strip() not in MARKERS)


SOURCE = dict(_solution_cells())
_namespace = {"np": np, "relu": relu, "relu_backward": relu_backward, "sigmoid": sigmoid,
              "sigmoid_backward": sigmoid_backward}
for _code in SOURCE.values():
    exec(_code, _namespace)
SOLUTIONS = [_namespace[name] for name in SOURCE]
globals().update({name: _namespace[name] for name in SOURCE})

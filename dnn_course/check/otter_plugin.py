"""otter-grader's grading of the exercises, computed where the student's code cannot reach it.

``otter run`` (and Gradescope's otter autograder) runs the submitted notebook in a kernel,
runs the tests in that kernel and reads their results back with ``pickle``: a student's cell
could decide both what the tests see and what otter loads. course/build_otter.py registers
``GradeFromSource`` below in every assignment's otter configuration. It runs in otter's own
process, around that kernel:

- ``before_grading``: removes a ``.OTTER_LOG`` handed in with the submission (otter would
  load it with ``dill``) and turns off grading from it;
- ``before_execution``: grades every function from the submission's source with the same
  grading step as nbgrader (``submission.grade_cells``: one sandboxed process per function,
  see isolated.py), and hands otter a notebook with the course's own setup cells only, so
  nothing the student wrote runs in otter's kernel or shapes what it pickles;
- ``after_grading``: sets each question's test cases from those grades (test case k passes
  when more than k of the check's cases pass and no classic mistake is recognised: the same
  partial credit as nbgrader), with the check's feedback as the message.

The plugin's configuration (written by course/build_otter.py into the autograder's
``otter_config.json``): ``assignment``, ``points`` {function: points}, ``sources``
{assignment: course source notebook}, the sources with their solutions (the autograder zip
is the instructors'), and optionally ``seconds`` per function (isolated.SECONDS).
"""

import copy
import os
from pathlib import Path

import nbformat
from otter.plugins import AbstractOtterPlugin
from otter.test_files.abstract_test import TestCaseResult

from .isolated import SECONDS
from .submission import _tag, grade_cells, setup


class GradeFromSource(AbstractOtterPlugin):
    """Every question of an exercise scored from the submission's source, in a sandbox."""

    def _sources(self):
        sources = self.plugin_config["sources"]
        return [(name, nbformat.from_dict(copy.deepcopy(sources[name])))
                for name in sorted(sources)]

    def before_grading(self, config):
        if os.path.lexists(".OTTER_LOG"):  # in the submission folder, otter's working folder
            os.remove(".OTTER_LOG")
        config.grade_from_log = False

    def before_execution(self, submission):
        sources = self._sources()
        assignment = self.plugin_config["assignment"]
        source = dict(sources)[assignment]
        points = self.plugin_config["points"]
        checks = {c.source: _tag(c, "check") for c in source.cells if _tag(c, "check")}
        code = [nbformat.v4.new_code_cell(str(cell.get("source", "")))
                for cell in submission.get("cells", []) if cell.get("cell_type") == "code"]
        # a check cell the student removed or changed: that function is graded from all cells
        present = {cell.source for cell in code}
        code += [nbformat.v4.new_code_cell(text) for text in checks if text not in present]

        def graded(cell):
            name = checks.get(cell.source)
            return None if name is None else (name, float(points[name]))

        self.grades = {grade.name: grade for _, grade in grade_cells(
            code, assignment, sources, graded=graded,
            course=Path(self.submission_path).parent.parent,  # otter's folder: config, tests
            seconds=float(self.plugin_config.get("seconds", SECONDS)))}
        return nbformat.v4.new_notebook(
            cells=[nbformat.v4.new_code_cell(setup(source))], metadata=source.metadata)

    def after_grading(self, results):
        for name, grade in self.grades.items():
            if name not in results.results:
                continue
            test_file = results.get_result(name)
            test_file.test_case_results = [
                TestCaseResult(test_case=case, passed=passed,
                               message=None if passed else str(grade))
                for k, case in enumerate(test_file.test_cases)
                for passed in [grade.cases_passed > k and not grade.diagnoses]]

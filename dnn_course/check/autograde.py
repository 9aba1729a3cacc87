"""nbgrader's grading step for the exercises: every graded cell scored from the source.

course/nbgrader_config.py puts ``GradeFromSource`` in place of nbgrader's ``Execute`` in
``Autograde.autograde_preprocessors``: the submitted notebook is not run in a kernel at all.
For each graded test cell (``check_<name>``) this grades ``<name>`` with
``isolated.grade_source`` from the text of the student's cells above that test cell, and
writes the cell's outputs itself: the feedback box and the score as the cell's value. So
nbgrader's ``determine_grade`` reads only what the grader wrote, a cell a student added
cannot rewire the grading, and a kernel that dies or hangs cannot drop the submission.
The grading step itself is submission.py's, shared with otter (otter_plugin.py).
"""

from pathlib import Path

import nbformat
from nbgrader.preprocessors import NbGraderPreprocessor
from traitlets import Float, Unicode

from .isolated import SECONDS
from .submission import course_sources, grade_cells


class GradeFromSource(NbGraderPreprocessor):
    """Score each graded cell from the student's source, in a sandbox (see the module doc)."""

    seconds = Float(SECONDS, help="Wall-clock seconds for grading one function.").tag(config=True)
    source_directory = Unicode("source", help="nbgrader's source folder, holding the "
                               "assignments with their solutions.").tag(config=True)

    def preprocess(self, nb, resources):
        def graded(cell):
            meta = cell.metadata.get("nbgrader", {})
            grade_id = str(meta.get("grade_id", ""))
            if meta.get("grade") and grade_id.startswith("check_"):
                return grade_id.removeprefix("check_"), float(meta.get("points", 0))
            return None

        code = [cell for cell in nb.cells if cell.cell_type == "code"]
        for cell, grade in grade_cells(
                code, resources["nbgrader"]["assignment"],
                course_sources(self.source_directory), graded=graded,
                trusted=lambda cell: cell.metadata.get("nbgrader", {}).get("locked", False),
                course=Path.cwd(), seconds=self.seconds):
            cell.outputs = [
                nbformat.v4.new_output("display_data", data={
                    "text/plain": str(grade), "text/html": grade._repr_html_()}),
                nbformat.v4.new_output("execute_result", data={
                    "text/plain": repr(float(grade.score))}, execution_count=1)]
        return nb, resources

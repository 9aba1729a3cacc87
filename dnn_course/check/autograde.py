"""nbgrader's grading step for the exercises: every graded cell scored from the source.

course/nbgrader_config.py puts ``GradeFromSource`` in place of nbgrader's ``Execute`` in
``Autograde.autograde_preprocessors``: the submitted notebook is not run in a kernel at all.
For each graded test cell (``check_<name>``) this grades ``<name>`` with
``isolated.grade_source`` from the text of the student's cells above that test cell, and
writes the cell's outputs itself: the feedback box and the score as the cell's value. So
nbgrader's ``determine_grade`` reads only what the grader wrote, a cell a student added
cannot rewire the grading, and a kernel that dies or hangs cannot drop the submission.
"""

from pathlib import Path

import nbformat
from IPython.core.inputtransformer2 import TransformerManager
from nbgrader.preprocessors import NbGraderPreprocessor
from traitlets import Float, Unicode

from .isolated import ALLOWED, grade_source

MARKERS = ("### BEGIN SOLUTION", "### END SOLUTION")


def _tag(cell, kind):
    return next((t.split(":", 1)[1] for t in cell.metadata.get("tags", [])
                 if t.startswith(kind + ":")), None)


def course_sources(folder):
    """[(assignment, source notebook)] in course order, from nbgrader's source/ folder."""
    return [(path.parent.name, nbformat.read(path, as_version=4))
            for path in sorted(Path(folder).glob("*/*.ipynb"))]


def solutions(sources):
    """[(function, solution code)] in course order, the solution markers removed."""
    return [(_tag(cell, "exercise"), "\n".join(
        line for line in cell.source.splitlines() if line.strip() not in MARKERS))
        for _, nb in sources for cell in nb.cells if _tag(cell, "exercise")]


class GradeFromSource(NbGraderPreprocessor):
    """Score each graded cell from the student's source, in a sandbox (see the module doc)."""

    seconds = Float(10.0, help="Wall-clock seconds for grading one function.").tag(config=True)
    source_directory = Unicode("source", help="nbgrader's source folder, holding the "
                               "assignments with their solutions.").tag(config=True)

    def preprocess(self, nb, resources):
        assignment = resources["nbgrader"]["assignment"]
        sources = course_sources(self.source_directory)
        source = dict(sources)[assignment]
        order = solutions(sources)
        first = next(i for i, c in enumerate(source.cells) if _tag(c, "exercise"))
        setup = "\n".join(c.source for c in source.cells[:first] if c.cell_type == "code")
        instructors = {c.source for c in source.cells
                       if c.cell_type == "code" and not _tag(c, "exercise")}
        transform = TransformerManager().transform_cell
        written, verdicts = [], {}
        for cell in nb.cells:
            meta = cell.metadata.get("nbgrader", {})
            if cell.cell_type != "code":
                continue
            if meta.get("grade") and str(meta.get("grade_id", "")).startswith("check_"):
                name = meta["grade_id"].removeprefix("check_")
                before = [n for n, _ in order][: [n for n, _ in order].index(name)]
                graded = grade_source(
                    name, written, float(meta.get("points", 0)), setup=setup,
                    references=[code for n, code in order if n in before], earlier=before,
                    helpers=ALLOWED.get(assignment, ()), course=Path.cwd(),
                    seconds=self.seconds, verdicts=verdicts)
                verdicts[name] = graded.passed
                cell.outputs = [
                    nbformat.v4.new_output("display_data", data={
                        "text/plain": str(graded), "text/html": graded._repr_html_()}),
                    nbformat.v4.new_output("execute_result", data={
                        "text/plain": repr(float(graded.score))}, execution_count=1)]
            elif cell.source not in instructors and not meta.get("locked"):
                try:
                    written.append(transform(cell.source))
                except Exception:  # noqa: BLE001 -- a cell IPython cannot read runs as it is
                    written.append(cell.source)
        return nb, resources

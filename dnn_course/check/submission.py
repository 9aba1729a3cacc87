"""A submitted exercise notebook graded from its source: the grading step nbgrader
(autograde.py) and otter (otter_plugin.py) share.

``grade_cells`` grades each graded cell's function with ``isolated.grade_source`` from the text
of the student's cells above it; the course sources give the notebook's setup, the instructor's
cells (never taken from the submission) and the reference solutions of earlier functions.
"""

from pathlib import Path

import nbformat
from IPython.core.inputtransformer2 import TransformerManager

from .isolated import ALLOWED, SECONDS, grade_source

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


def setup(source):
    """The code of a source's cells before its first exercise: the notebook's imports."""
    first = next(i for i, c in enumerate(source.cells) if _tag(c, "exercise"))
    return "\n".join(c.source for c in source.cells[:first] if c.cell_type == "code")


def grade_cells(cells, assignment, sources, *, graded, trusted=lambda cell: False,
                course=None, seconds=SECONDS):
    """Yield ``(cell, Grade)`` for each graded cell of ``cells`` (a submission's code cells).

    ``graded(cell)`` is ``(function, points)`` for a cell that grades one (else None); the
    student's source of that function is the text of the cells above it that are neither the
    instructor's (code cells of the course source ``assignment`` in ``sources``,
    [(assignment, notebook)]) nor ``trusted(cell)``. nbgrader (GradeFromSource) and otter
    (otter_plugin.py) both grade with it.
    """
    source = dict(sources)[assignment]
    order = solutions(sources)
    names = [n for n, _ in order]
    instructors = {c.source for c in source.cells
                   if c.cell_type == "code" and not _tag(c, "exercise")}
    transform = TransformerManager().transform_cell
    written, verdicts = [], {}
    for cell in cells:
        if graded(cell) is not None:
            name, worth = graded(cell)
            before = names[: names.index(name)]
            grade = grade_source(
                name, written, worth, setup=setup(source),
                references=[code for n, code in order if n in before], earlier=before,
                helpers=ALLOWED.get(assignment, ()), course=course, seconds=seconds,
                verdicts=verdicts)
            verdicts[name] = grade.passed
            yield cell, grade
        elif cell.source not in instructors and not trusted(cell):
            try:
                written.append(transform(cell.source))
            except Exception:  # noqa: BLE001 -- a cell IPython cannot read runs as it is
                written.append(cell.source)

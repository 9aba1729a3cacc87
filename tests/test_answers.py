"""Every Try-it answer is readable without running anything: it states its result in words,
and its collapsed block carries the code and the output of the cell that computes it, the
same as that cell's saved output (which nbval compares with a fresh run). Every number the
answer's words give with three or more decimals is one the cell printed."""

import re
from pathlib import Path

import nbformat
import pytest

from scripts.answers import MARKER, answer_block, answer_pairs, printed
from tests.support.notebook_runner import run_notebook

NOTEBOOKS = sorted((Path(__file__).resolve().parents[1] / "notebooks").glob("0[1-5]_*.ipynb"))
PRECISE = re.compile(r"\d+\.\d{3,}(?:e[+-]\d+)?|\d+\.\d+e[+-]\d+")


def words(markdown):
    """The answer's own text: after the summary line, before the copied code."""
    return markdown.source.split("</summary>", 1)[1].split(MARKER)[0]


@pytest.fixture(params=NOTEBOOKS, ids=lambda path: path.name)
def answers(request):
    nb = nbformat.read(request.param, as_version=4)
    tries = sum(len(re.findall(r"^\d+\. ", cell.source, re.M)) for cell in nb.cells
                if cell.cell_type == "markdown" and "### Try it" in cell.source)
    pairs = answer_pairs(nb)
    assert len(pairs) == tries >= 3, (len(pairs), tries)
    return pairs


def test_each_answer_carries_its_cells_code_and_output(answers):
    for markdown, code in answers:
        assert markdown.source.endswith(answer_block(code)), markdown.source[:80]
        assert printed(code).strip(), "an answer's cell prints its result"


def test_each_answer_states_its_result_and_every_precise_number_is_printed(answers):
    for markdown, code in answers:
        text = words(markdown)
        assert len(text.split()) >= 20, text
        for number in PRECISE.findall(text):
            assert number in printed(code) or number.replace("e+0", "e+") in printed(code), (
                number, text[:80])


def test_the_answer_code_is_hidden_in_jupyter_but_runs():
    for path in NOTEBOOKS:
        for _, code in answer_pairs(nbformat.read(path, as_version=4)):
            assert code.metadata["jupyter"] == {"outputs_hidden": True, "source_hidden": True}
            assert code.execution_count is not None


def _after_try_its(name, changes, tmp_path):
    """Run notebook ``name`` with the Try-its done (``changes(nb)`` edits or adds cells)
    and return {answer cell source: what it printed} next to the committed ones."""
    path = NOTEBOOKS[0].parent / name
    committed = {code.source: printed(code) for _, code in
                 answer_pairs(nbformat.read(path, as_version=4))}
    nb = nbformat.read(path, as_version=4)
    changes(nb)
    run_notebook(nb, tmp_path)
    return {code.source: printed(code) for _, code in answer_pairs(nb)}, committed


def _index(nb, start):
    return next(i for i, cell in enumerate(nb.cells) if cell.source.startswith(start))


def test_01_answers_hold_after_the_try_its(tmp_path):
    """Try it 4 sets b = 0 at the start of section 3 and runs it again; answer 4 used to
    read that b."""
    def changes(nb):
        section3 = _index(nb, "m = 5\n")
        nb.cells.insert(section3, nbformat.v4.new_code_cell("b = np.zeros((4, 1))"))
        # and the student runs section 3 once more, just before reading the answers
        answers = _index(nb, "### Answers")
        again = [cell.source for cell in nb.cells[section3:_index(nb, "A bias stored")]
                 if cell.cell_type == "code"]
        nb.cells[answers:answers] = [nbformat.v4.new_code_cell(source) for source in again]
    got, committed = _after_try_its("01_forward_propagation.ipynb", changes, tmp_path)
    assert got == committed


def test_02_answers_hold_after_the_try_its(tmp_path):
    """Try it 1 puts "db" in the bug cell, Try it 2 puts `flipped` in the dZ[L] cell, and a
    student who re-runs section 2's cells after a full run has section 2's AL and Y again."""
    def changes(nb):
        bug = _index(nb, "def without_1_over_m")
        nb.cells[bug].source = nb.cells[bug].source.replace('X.shape[1], "dW")',
                                                            'X.shape[1], "db")')
        dZL = _index(nb, "ZL = np.log")
        nb.cells[dZL].source = nb.cells[dZL].source.replace("dAL(AL, Y), ZL)", "flipped, ZL)")
        answers = _index(nb, "### Answers")
        section2 = [nb.cells[_index(nb, "AL = np.array")].source, nb.cells[dZL].source]
        nb.cells[answers:answers] = [nbformat.v4.new_code_cell(s) for s in section2]
    got, committed = _after_try_its("02_backward_propagation.ipynb", changes, tmp_path)
    assert got == committed

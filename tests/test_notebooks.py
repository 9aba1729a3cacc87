"""The committed walkthrough notebooks are clean reference runs that nbval can trust.

Every notebook in notebooks/ (the exercises have their own rules) must come from one fresh
top-to-bottom run (execution counts 1..N), hold no saved widget state, no errors and no
stderr, run on the ``python3`` kernel, and tag exactly the cells that display widgets with
``nbval-ignore-output`` (nbval cannot compare what an Output widget captured).
"""

import ast
from pathlib import Path

import nbformat
import pytest

import dnn_course
from dnn_course import plots, walkthrough

NOTEBOOK_DIR = Path(__file__).resolve().parents[1] / "notebooks"
NOTEBOOKS = sorted(NOTEBOOK_DIR.glob("*.ipynb"))
WALKTHROUGH = ["00_start_here", "01_forward_propagation", "02_backward_propagation",
               "03_three_layer_example", "04_application"]
WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"
IGNORE_TAG = "nbval-ignore-output"


def code_cells(path):
    notebook = nbformat.read(path, as_version=4)
    return notebook, [cell for cell in notebook.cells if cell.cell_type == "code"]


def test_the_walkthrough_notebooks_are_committed():
    assert set(WALKTHROUGH) <= {path.stem for path in NOTEBOOKS}


@pytest.fixture(params=NOTEBOOKS, ids=lambda path: path.stem)
def notebook(request):
    return code_cells(request.param)


def test_execution_counts_come_from_one_fresh_run(notebook):
    _, cells = notebook
    assert [cell.execution_count for cell in cells] == list(range(1, len(cells) + 1))


def test_no_saved_widget_state_or_timing(notebook):
    nb, cells = notebook
    assert "widgets" not in nb.metadata
    assert not [cell.execution_count for cell in cells if "execution" in cell.metadata]


def test_no_errors_and_no_stderr(notebook):
    _, cells = notebook
    bad = [(cell.execution_count, output.get("ename") or output.get("text", "")[:200])
           for cell in cells for output in cell.outputs
           if output.output_type == "error" or output.get("name") == "stderr"]
    assert bad == []


def test_kernel_is_python3(notebook):
    nb, _ = notebook
    assert nb.metadata.kernelspec.name == "python3"


def test_exactly_the_widget_cells_are_ignored_by_nbval(notebook):
    _, cells = notebook
    shows_widget = {cell.execution_count for cell in cells
                    if any(WIDGET_VIEW in output.get("data", {}) for output in cell.outputs)}
    tagged = {cell.execution_count for cell in cells
              if IGNORE_TAG in cell.metadata.get("tags", [])}
    assert tagged == shows_widget


def test_notebooks_import_the_package_instead_of_pasting_it(notebook):
    _, cells = notebook
    package_names = set(dnn_course.__all__) | {
        name for module in (plots, walkthrough) for name in dir(module) if not name.startswith("_")
    }
    defined = set()
    for cell in cells:
        source = "\n".join(line for line in cell.source.splitlines()
                           if not line.lstrip().startswith(("%", "!")))
        defined |= {node.name for node in ast.walk(ast.parse(source))
                    if isinstance(node, ast.FunctionDef | ast.ClassDef)}
    assert defined & package_names == set()

"""Re-execute notebooks top to bottom in place, so their outputs are nbval's reference.

    python scripts/refresh_notebooks.py notebooks/*.ipynb

Each notebook runs in a fresh kernel from its own folder; timing metadata and saved
widget state are dropped, so two refreshes differ only where the results differ. Each
Try-it Answer block gets a copy of its cell's code and output (scripts/answers.py).
"""

import sys
from pathlib import Path

import nbformat

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))  # run as a file: modules are imported from the repository root
from scripts.answers import copy_answers  # noqa: E402
from tests.support.jupyter_sandbox import isolate  # noqa: E402
from tests.support.notebook_runner import run_notebook  # noqa: E402


def refresh(path):
    nb = nbformat.read(path, as_version=4)
    for cell in nb.cells:
        cell.metadata.pop("execution", None)
    run_notebook(nb, Path(path).parent)
    copy_answers(nb)  # each Answer block shows its cell's code and output, for static viewers
    nb.metadata.pop("widgets", None)
    nbformat.write(nb, path)


if __name__ == "__main__":
    isolate()  # Jupyter and matplotlib state in a throw-away folder, as in the tests
    for notebook in sys.argv[1:]:
        print(f"executing {notebook}")
        refresh(notebook)

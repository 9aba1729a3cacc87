"""Re-execute notebooks top to bottom in place, so their outputs are nbval's reference.

    python scripts/refresh_notebooks.py notebooks/*.ipynb

Each notebook runs in a fresh kernel from its own folder; timing metadata and saved
widget state are dropped, so two refreshes differ only where the results differ.
"""

import sys
from pathlib import Path

import nbformat
from jupyter_sandbox import isolate
from nbclient import NotebookClient


def refresh(path):
    nb = nbformat.read(path, as_version=4)
    for cell in nb.cells:
        cell.metadata.pop("execution", None)
    NotebookClient(
        nb,
        kernel_name="python3",
        timeout=600,
        record_timing=False,
        resources={"metadata": {"path": str(Path(path).parent)}},
    ).execute()
    nb.metadata.pop("widgets", None)
    nbformat.write(nb, path)


if __name__ == "__main__":
    isolate()  # Jupyter and matplotlib state in a throw-away folder, as in the tests
    for notebook in sys.argv[1:]:
        print(f"executing {notebook}")
        refresh(notebook)

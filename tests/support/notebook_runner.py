"""Run a notebook as a student's JupyterLab does: a fresh python3 kernel, top to bottom.

The one runner for the tests, the benchmarks and the scripts (refreshing the committed
notebooks, measuring what a student waits for). No timing metadata is recorded, so two
runs differ only where the results differ.
"""

import nbformat
from nbclient import NotebookClient


def run_notebook(nb, folder, timeout=600, measure=None):
    """Execute ``nb`` (a path or a NotebookNode, changed in place) in a kernel working in
    ``folder``; raises CellExecutionError if a cell fails.

    ``measure(pid)``, if given, is called with the kernel's process id after the last code
    cell, while the kernel still runs (to read its CPU time or peak memory); returns
    ``(nb, what measure returned)``, else ``(nb, None)``.
    """
    nb = nbformat.read(nb, as_version=4) if not isinstance(nb, nbformat.NotebookNode) else nb
    client = NotebookClient(nb, kernel_name="python3", timeout=timeout, record_timing=False,
                            resources={"metadata": {"path": str(folder)}})
    code = [index for index, cell in enumerate(nb.cells) if cell.cell_type == "code"]
    measured = []
    if measure is not None and code:
        def after(cell, cell_index, execute_reply):
            if cell_index == code[-1]:
                measured.append(measure(client.km.provisioner.pid))
        client.on_cell_executed = after
    client.execute()
    return nb, (measured[0] if measured else None)

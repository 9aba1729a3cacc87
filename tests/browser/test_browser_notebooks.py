"""Every walkthrough notebook opens in JupyterLab, runs all its cells and shows no error."""

import pytest
from jupyter_servers import NOTEBOOKS
from jupyter_ui import count_code_cells, open_notebook, run_all_and_wait

WALKTHROUGHS = sorted(path.name for path in NOTEBOOKS.glob("[0-9][0-9]_*.ipynb"))


def test_the_walkthroughs_the_readme_names_exist():
    assert {"00_start_here.ipynb", "03_three_layer_example.ipynb", "05_explorer.ipynb"} <= set(
        WALKTHROUGHS
    ), f"found only {WALKTHROUGHS} in {NOTEBOOKS}"


@pytest.mark.browser
@pytest.mark.parametrize("name", WALKTHROUGHS)
def test_notebook_runs_all_cells_without_error_output(lab_page, lab, name):
    panel = open_notebook(lab_page, lab, name)
    errors = run_all_and_wait(lab_page, panel, count_code_cells(NOTEBOOKS / name))
    assert errors == [], f"{name} shows error output in JupyterLab:\n" + "\n---\n".join(errors)

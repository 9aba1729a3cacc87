"""Notebook 03 in JupyterLab: the depth slider and the activation dropdown retrain the network,
and both the printed architecture and the figure follow them."""

import re

import pytest
from jupyter_servers import NOTEBOOKS
from jupyter_ui import count_code_cells, open_notebook, run_all_and_wait, wait_for

from dnn_course.walkthrough import architecture_text

NOTEBOOK = "03_three_layer_example.ipynb"


def architecture_line(output):
    match = re.search(r"^architecture:.*$", output.inner_text(), flags=re.MULTILINE)
    return match.group() if match else None


def layer_dims(line):
    """[n[0], ..., n[L]] read back from 'architecture: 2 -> 8 -> 8 -> 1 (...)'."""
    return [int(n) for n in line.split(":")[1].split("(")[0].split("->")]


def image_src(output):
    image = output.locator("img")
    return image.first.get_attribute("src") if image.count() else None


@pytest.mark.browser
def test_depth_and_activation_redraw_the_figure_and_the_architecture(lab_page, lab):
    page = lab_page
    panel = open_notebook(page, lab, NOTEBOOK)
    assert run_all_and_wait(page, panel, count_code_cells(NOTEBOOKS / NOTEBOOK)) == []
    output = panel.locator(".dnn-three-layer-output")
    first = wait_for(page, lambda: architecture_line(output), 60,
                     lambda: f"no architecture line in {output.inner_text()!r}")
    figure = wait_for(page, lambda: image_src(output), 60, lambda: "no figure in the output")
    dims = layer_dims(first)
    assert first == architecture_text(dims, "relu")
    slider = panel.locator(".dnn-depth")
    depth = len(dims) - 2
    assert slider.locator(".widget-readout").inner_text() == str(depth)

    slider.locator(".noUi-handle").focus()
    page.keyboard.press("ArrowRight")
    deeper = [dims[0], *[dims[1]] * (depth + 1), dims[-1]]
    wait_for(page, lambda: architecture_line(output) == architecture_text(deeper, "relu"), 60,
             lambda: f"after depth {depth + 1} the output shows {architecture_line(output)!r}")
    redrawn = wait_for(page, lambda: image_src(output) not in (None, figure) and image_src(output),
                       60, lambda: "the figure did not change with the depth")

    panel.locator(".dnn-activation select").select_option("tanh")
    wait_for(page, lambda: architecture_line(output) == architecture_text(deeper, "tanh"), 60,
             lambda: f"after choosing tanh the output shows {architecture_line(output)!r}")
    wait_for(page, lambda: image_src(output) not in (None, figure, redrawn), 60,
             lambda: "the figure did not change with the activation")

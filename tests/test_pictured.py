"""A displayed widget carries the live view, a picture of its current state and its text
alternative (``dnn_course.pictured``), so pages without a kernel show the picture."""

import base64
import html
import io

import numpy as np
import pytest
from PIL import Image

from dnn_course import walkthrough as wt
from dnn_course.data import make_dataset
from dnn_course.explorer import Explorer
from dnn_course.initialization import initialize_parameters_deep
from dnn_course.pictured import stack

WIDGET = "application/vnd.jupyter.widget-view+json"


def displayed(obj):
    """What IPython would save as the output: (data, metadata) of the mimebundle."""
    data, metadata = obj._repr_mimebundle_()
    picture = Image.open(io.BytesIO(base64.b64decode(data["image/png"])))
    return data, metadata, picture


def check_bundle(data, metadata, picture):
    assert WIDGET in data  # JupyterLab and Voila still draw the live widget
    text = data["text/plain"]
    assert "Box(" not in text and "object at 0x" not in text
    assert metadata["image/png"]["alt"] == text
    assert f'alt="{html.escape(text, quote=True)}"' in data["text/html"]
    assert data["image/png"] in data["text/html"]
    assert picture.format == "PNG" and min(picture.size) > 40
    assert len(np.unique(np.asarray(picture.convert("L")))) > 2  # not a blank image


def test_the_smoke_check_shows_its_slider_and_echo():
    ui = wt.widget_smoke_check()
    ui.children[0].value = 7
    data, metadata, picture = displayed(ui)
    check_bundle(data, metadata, picture)
    assert "at 7" in data["text/plain"] and "received 7" in data["text/plain"]


@pytest.mark.parametrize("make", [wt.chain_widget, wt.three_layer_widget])
def test_a_depth_widget_shows_the_figure_on_display(make):
    ui = make()
    depth, activation = ui.children[0].children
    before = displayed(ui)
    check_bundle(*before)
    assert before[0]["text/plain"].startswith("hidden layers = 2, activation = relu.")
    depth.value, activation.value = 3, "tanh"
    after = displayed(ui)
    assert after[0]["text/plain"].startswith("hidden layers = 3, activation = tanh.")
    assert after[0]["image/png"] != before[0]["image/png"]


def test_the_backprop_views_show_the_chain_and_the_network_at_their_step():
    X, Y = make_dataset("circle", m=4, rng=0)
    parameters = initialize_parameters_deep([2, 3, 3, 1], rng=0)
    ui = wt.backprop_views(X, Y, parameters)
    chain, network = ui.children
    data, metadata, picture = displayed(ui)
    check_bundle(data, metadata, picture)
    assert data["text/plain"].startswith("Chain of boxes, step 1 of 7")
    assert "Network 2 -> 3 -> 3 -> 1" in data["text/plain"]
    chain.step = 4
    assert displayed(ui)[0]["text/plain"].startswith("Chain of boxes, step 5 of 7")


def test_the_explorer_shows_its_boundary_and_curves_as_they_are():
    explorer = Explorer(figures="inline")
    data, metadata, picture = displayed(explorer)
    check_bundle(data, metadata, picture)
    assert data[WIDGET]["model_id"] == explorer.widget.model_id
    assert data["text/plain"].startswith("The backprop explorer at iteration 0.")
    assert "Decision boundary" in data["text/plain"]
    explorer.step(20)
    trained = displayed(explorer)
    cost = explorer.state()["costs"][-1]
    assert trained[0]["text/plain"].startswith(
        f"The backprop explorer at iteration 20, train J {cost:.4f}")
    assert trained[0]["image/png"] != data["image/png"]


def test_stack_puts_pictures_under_or_beside_each_other():
    def picture(width, height):
        with io.BytesIO() as file:
            Image.new("RGB", (width, height), "red").save(file, format="png")
            return file.getvalue()

    parts = [picture(30, 10), picture(20, 15)]
    assert Image.open(io.BytesIO(stack(parts))).size == (30, 25)
    assert Image.open(io.BytesIO(stack(parts, across=True))).size == (50, 15)


def test_voila_gets_the_live_widget_alone(monkeypatch):
    """A Voila page is never saved: the picture would only delay the page."""
    monkeypatch.setenv("SERVER_SOFTWARE", "voila/0.5.13")
    data, metadata = Explorer(figures="inline")._repr_mimebundle_()
    assert WIDGET in data and "image/png" not in data and metadata == {}
    data, _ = wt.widget_smoke_check()._repr_mimebundle_()
    assert "image/png" not in data

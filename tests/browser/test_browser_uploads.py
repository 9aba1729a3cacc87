"""Uploads in a real browser (Voila): a file over the explorer's limit is refused in the page
with a message and the dashboard keeps working; a file that fits still loads. (A Jupyter
server closes the websocket on a message over 10 MiB, which ipywidgets' FileUpload sends.)"""

import pytest
from jupyter_ui import iteration_of, wait_for, widget_value

from dnn_course.explorer.limits import UPLOAD_MB

pytestmark = pytest.mark.browser

GOOD = "x1,x2,label\n0.1,0.2,1\n-0.3,0.4,0\n0.5,-0.6,1\n-0.7,-0.8,0\n0.9,1.0,1\n"


def choose(page, root, path):
    with page.expect_file_chooser() as chooser:
        root.locator(".dnn-upload-csv").click()
    chooser.value.set_files(path)


def test_a_file_over_the_limit_is_refused_in_the_page_and_the_dashboard_goes_on(
        page, voila, tmp_path):
    big = tmp_path / "big.csv"
    big.write_text("x1,x2,label\n" + "0.5,0.25,1\n" * 1_200_000)
    assert big.stat().st_size > 10 * 2**20  # more than one websocket message may carry
    good = tmp_path / "good.csv"
    good.write_text(GOOD)
    page.goto(voila.url("/"))
    root = page.locator(".dnn-explorer")
    counter, message = root.locator(".dnn-iteration"), root.locator(".dnn-message")
    counter.wait_for(timeout=120_000)
    root.locator(".dnn-settings-toggle").click()  # the side panel holds the uploads
    root.locator(".dnn-upload-csv").wait_for(state="visible")

    choose(page, root, big)
    wait_for(page, lambda: f"takes files up to {UPLOAD_MB} MB" in message.inner_text(), 30,
             lambda: f"no refusal shown; the message line says {message.inner_text()!r}")
    assert f"big.csv is {big.stat().st_size / 2**20:.1f} MB" in message.inner_text()

    start = iteration_of(counter)  # the kernel still answers
    root.locator(".dnn-step").click()
    wait_for(page, lambda: iteration_of(counter) == start + 1, 30,
             lambda: f"Step after the refusal left {counter.inner_text()!r}")

    choose(page, root, good)
    dataset = root.locator(".dnn-dataset")
    wait_for(page, lambda: widget_value(dataset).lower() == "custom", 30,
             lambda: f"the CSV that fits did not load: dataset shows {widget_value(dataset)!r}")

"""A committed notebook opened in JupyterLab before anything runs in it (not trusted yet: it
was run elsewhere) shows each widget's picture, where it would say "model not found"."""

import pytest
from jupyter_ui import open_notebook
from playwright.sync_api import expect

pytestmark = pytest.mark.browser


@pytest.mark.parametrize(("name", "alt"), [
    ("05_explorer.ipynb", "The backprop explorer at iteration"),
    ("01_forward_propagation.ipynb", "Chain of boxes"),
])
def test_an_untrusted_notebook_shows_the_widget_pictures(lab_page, lab, name, alt):
    panel = open_notebook(lab_page, lab, name)
    picture = panel.locator(f'.jp-OutputArea-output img[alt^="{alt}"]').first
    picture.scroll_into_view_if_needed()
    expect(picture).to_be_visible()
    assert picture.evaluate("img => img.complete && img.naturalWidth") > 100
    assert panel.get_by_text("model not found").count() == 0
    assert panel.locator(".jupyter-widgets").count() == 0  # no widget view was attempted

"""A view added by hand as CONTRIBUTING says (a payload function, a view class, its
JavaScript, then ``ex.add_view``) is drawn in a real page, named by its text alternative,
and gets a new frame when the explorer steps."""

import nbformat
import numpy as np
import pytest
from jupyter_ui import wait_for

from dnn_course.explorer import Session, Settings
from dnn_course.explorer.chain import session_steps

pytestmark = pytest.mark.browser
SETTINGS = dict(m=30, neurons=(3, 2))

JAVASCRIPT = """export default {
  render({ model, el }) {
    return whenChanged(model, el, (frame) => { el.textContent = frame.label; });
  },
};
"""

NOTEBOOK = f"""from pathlib import Path

from dnn_course.explorer import Explorer, Settings
from dnn_course.explorer.browser import BrowserView, esm, pack


def residual_payload(steps):
    L = (len(steps) - 1) // 2
    dZ = steps[L + 1].values[f"dZ[{{L}}]"]
    return {{"dZ": pack(dZ), "label": f"dZ[{{L}}] = A[{{L}}] - Y, mean {{dZ.mean():.6f}}"}}


class ResidualView(BrowserView):
    _esm = esm(Path("residual.js").resolve())

    def update(self, session, steps):
        self.frame = residual_payload(steps)


ex = Explorer(Settings(**{SETTINGS!r}))
ex.add_view(ResidualView(ex.clock, "residual"))
ex.widget"""


def label(session):
    """What the tiny view says: dZ[L] = A[L] - Y and its mean, from the package's numbers."""
    steps = session_steps(session)
    L = (len(steps) - 1) // 2
    dZ = steps[L + 1].values[f"dZ[{L}]"]
    np.testing.assert_allclose(dZ, steps[L].values[f"A[{L}]"] - session.Y_train, atol=1e-12)
    return f"dZ[{L}] = A[{L}] - Y, mean {dZ.mean():.6f}"


def test_a_view_added_by_the_recipe_draws_in_the_page_and_follows_a_step(lab_page, lab):
    (lab.root / "residual.js").write_text(JAVASCRIPT)
    nbformat.write(nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(NOTEBOOK)]),
                   lab.root / "residual_view.ipynb")
    lab_page.set_viewport_size({"width": 1280, "height": 800})
    lab_page.goto(lab.url("/voila/render/residual_view.ipynb"), wait_until="commit",
                  timeout=240_000)  # Voila runs the notebook before the page loads
    view = lab_page.locator(".dnn-explorer .dnn-residual")
    view.wait_for(timeout=240_000)
    session = Session(Settings(**SETTINGS))
    expected = label(session)
    wait_for(lab_page, lambda: view.inner_text() == expected, 60,
             lambda: f"the added view shows {view.inner_text()!r}, not {expected!r}")
    assert view.get_attribute("role") == "img" and view.get_attribute("aria-label") == expected
    drawn = int(view.get_attribute("data-frames"))
    assert drawn >= 1

    lab_page.locator(".dnn-explorer .dnn-step").click()  # one iteration of gradient descent
    session.step(1)
    stepped = label(session)
    assert stepped != expected
    wait_for(lab_page, lambda: view.inner_text() == stepped, 60,
             lambda: f"after Step the added view shows {view.inner_text()!r}, not {stepped!r}")
    assert int(view.get_attribute("data-frames")) > drawn

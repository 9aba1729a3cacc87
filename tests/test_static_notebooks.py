"""Every committed notebook reads well where no kernel runs: GitHub, nbviewer, a website.

Each notebook is converted as ``jupyter nbconvert --to html`` converts it, and read as a
browser without JavaScript shows it (scripts and styles left out). No output may say
"model not found" or show a widget's repr (``VBox(...)``), and every widget output must
show its picture: an image whose alt text is the output's text alternative.
"""

import re
from html.parser import HTMLParser
from pathlib import Path

import nbformat
import pytest
from nbconvert import HTMLExporter

REPO = Path(__file__).resolve().parents[1]
NOTEBOOKS = sorted((REPO / "notebooks").glob("*.ipynb")) + sorted(
    (REPO / "notebooks" / "exercises").glob("*.ipynb"))
WIDGET = "application/vnd.jupyter.widget-view+json"
# What a page shows for a widget it cannot draw: JupyterLab's and the HTML manager's
# message, and the reprs of ipywidgets' boxes and of the package's own views.
NO_WIDGET = re.compile(r"model not found|Loading widget|\b[HV]?Box\(|\w+View\(|<dnn_course\.")


class VisibleOutputs(HTMLParser):
    """The text a browser without JavaScript shows in the cells' outputs (not in the
    notebook's own prose, which may quote a repr), and the page's images' (alt, src)."""

    VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta",
            "source", "track", "wbr"}

    def __init__(self):
        super().__init__()
        self.text, self.images = [], []
        self.depth, self.output_at, self.hidden = 0, None, 0

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "img":
            self.images.append((attrs.get("alt"), attrs.get("src", "")))
        if tag in self.VOID:
            return
        self.depth += 1
        if self.output_at is None and "jp-OutputArea-output" in (attrs.get("class") or ""):
            self.output_at = self.depth
        self.hidden += tag in ("script", "style")

    def handle_endtag(self, tag):
        if tag in self.VOID:
            return
        self.hidden -= tag in ("script", "style")
        if self.output_at == self.depth:
            self.output_at = None
        self.depth -= 1

    def handle_data(self, data):
        if self.output_at is not None and not self.hidden:
            self.text.append(data)


def widget_outputs(nb):
    return [output for cell in nb.cells if cell.cell_type == "code"
            for output in cell.outputs if WIDGET in output.get("data", {})]


def test_the_notebooks_are_found():
    assert len(NOTEBOOKS) >= 10, NOTEBOOKS


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda path: path.relative_to(REPO).as_posix())
def test_a_notebook_reads_without_a_kernel(path):
    nb = nbformat.read(path, as_version=4)
    page = VisibleOutputs()
    page.feed(HTMLExporter().from_notebook_node(nb)[0])
    text = "".join(page.text)
    assert not NO_WIDGET.search(text), (
        f"{path.name} shows {NO_WIDGET.search(text).group()!r} where a widget should be: "
        f"...{text[max(0, NO_WIDGET.search(text).start() - 200):][:400]}...")
    pictures = {alt: src for alt, src in page.images}
    for output in widget_outputs(nb):
        alt = output.data["text/plain"]
        assert alt in pictures, (f"{path.name}: a widget output has no picture with its text "
                                 f"alternative; its text/plain is {alt[:200]!r}")
        assert pictures[alt].startswith("data:image/png;base64,")
        assert len(pictures[alt]) > 2000, "the picture is (nearly) empty"
        assert not NO_WIDGET.search(alt), f"{path.name}: the text alternative is a repr: {alt!r}"

"""What a dashboard pays before Play appears: the page draws the views, so the kernel that
builds the explorer for it imports no plotting library; the page's colours still are
matplotlib's, computed without it."""

import subprocess
import sys
from pathlib import Path

import matplotlib
import nbformat
import numpy as np

from dnn_course.explorer.palette import CYCLE, PUOR, colour_table
from tests.support.jupyter_sandbox import sandbox_env
from tests.support.notebook_runner import run_notebook

REPO = Path(__file__).resolve().parents[1]
DASHBOARD = REPO / "notebooks" / "explorer.ipynb"


def test_building_the_browser_explorer_imports_no_matplotlib(tmp_path):
    code = ("import sys\n"
            "from dnn_course.explorer import Explorer\n"
            "explorer = Explorer(figures='browser')\n"
            "explorer.open_link('scenario=dead_relu')\n"
            "explorer.widget\n"
            "explorer.step(3)\n"
            "print(sorted(m for m in sys.modules if m.split('.')[0] in ('matplotlib', 'PIL')))")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          cwd=REPO, env=sandbox_env(tmp_path), timeout=300)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "[]"


def test_the_dashboard_kernel_imports_no_matplotlib(monkeypatch):
    """The dashboard as Voila runs it (a kernel, so the page draws; Voila's kernels have
    SERVER_SOFTWARE=voila/<version>, so no picture for static pages), then one more cell."""
    monkeypatch.setenv("SERVER_SOFTWARE", "voila/0.5")
    nb = nbformat.read(DASHBOARD, as_version=4)
    nb.cells.append(nbformat.v4.new_code_cell(
        "import sys\nprint(sorted(m for m in sys.modules if m.startswith('matplotlib')))"))
    run_notebook(nb, DASHBOARD.parent)
    assert nb.cells[-1].outputs[0]["text"].strip() == "[]"
    shown = [output for cell in nb.cells[:-1] if cell.cell_type == "code"
             for output in cell.outputs]
    assert any("application/vnd.jupyter.widget-view+json" in o.get("data", {}) for o in shown)


def test_the_colour_table_is_matplotlibs_puor():
    expected = np.round(matplotlib.colormaps["PuOr"](np.linspace(0, 1, 256))[:, :3] * 255)
    np.testing.assert_array_equal(colour_table(), expected)
    assert len(PUOR) == 11


def test_the_curve_colours_are_matplotlibs_default_cycle():
    cycle = matplotlib.rcParamsDefault["axes.prop_cycle"].by_key()["color"]
    assert [matplotlib.colors.to_hex(c) for c in cycle] == list(CYCLE)


def test_make_demo_compiles_voilas_templates_once(monkeypatch):
    """demo/voila.py keeps the compiled templates: the second page compiles none again."""
    import jinja2
    from nbconvert.exporters.templateexporter import TemplateExporter
    from traitlets.config import Config
    from voila.exporter import VoilaExporter

    compiled = []
    compile_ = jinja2.Environment._compile
    monkeypatch.setattr(jinja2.Environment, "_compile",
                        lambda self, *args: compiled.append(args[1]) or compile_(self, *args))
    monkeypatch.setattr(TemplateExporter, "_create_environment",
                        TemplateExporter._create_environment)  # undone after the test
    config = REPO / "demo" / "voila.py"
    exec(compile(config.read_text(), str(config), "exec"), {"get_config": Config})

    def page():
        compiled.clear()
        VoilaExporter(template_name="lab").environment.get_template("index.html.j2")
        return len(compiled)

    assert page() > 0  # the first page compiles the template
    assert page() == 0  # the next one reuses it

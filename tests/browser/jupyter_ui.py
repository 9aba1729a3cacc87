"""What a student does in the browser, as Playwright steps for JupyterLab 4 and ipywidgets 8:
open a notebook, run all cells, read a widget's value, read an iteration counter, and take a
fingerprint of a figure (an inline ``<img>`` or an ipympl canvas)."""

import re
import time
import uuid

import nbformat
from playwright.sync_api import expect

# JupyterLab renders both tracebacks and stderr streams with this MIME type (the red boxes).
ERROR_OUTPUT = ".jp-OutputArea-output[data-mime-type='application/vnd.jupyter.stderr']"

# The value a widget shows, whatever kind of ipywidget carries the CSS class.
WIDGET_VALUE_JS = """element => {
    const select = element.querySelector('select');
    if (select) return select.selectedIndex < 0 ? '' : select.options[select.selectedIndex].text;
    const readout = element.querySelector('.widget-readout');
    if (readout) return readout.value !== undefined ? readout.value : readout.textContent;
    const radio = element.querySelector('input[type=radio]:checked');
    if (radio) return radio.parentElement.textContent.trim();
    const active = [...element.querySelectorAll('.mod-active')].map(b => b.textContent.trim());
    if (active.length) return active.join(',');
    const input = element.querySelector('input, textarea');
    if (input) return input.type === 'checkbox' ? String(input.checked) : input.value;
    return element.textContent.trim();
}"""


def open_notebook(page, lab, name):
    """Open ``name`` in a fresh workspace and wait until its kernel is really idle."""
    page.goto(lab.url(f"/lab/workspaces/t-{uuid.uuid4().hex[:8]}/tree/{name}"))
    panel = page.locator(".jp-NotebookPanel:not(.lm-mod-hidden)")
    panel.wait_for(timeout=60_000)
    # The toolbar says idle before the kernel exists; the status bar does not.
    expect(page.locator("#jp-main-statusbar")).to_contain_text(
        re.compile(r"\| Idle"), timeout=60_000
    )
    return panel


def run_all(page):
    page.locator(".lm-MenuBar-itemLabel", has_text=re.compile(r"^Run$")).click()
    page.locator(".lm-Menu-itemLabel", has_text=re.compile(r"^Run All Cells$")).click()


def count_code_cells(path):
    """The code cells whose prompt JupyterLab shows: a cell with its source hidden (an
    answer to a Try it) runs too, but shows no prompt to count."""
    cells = nbformat.read(path, as_version=4).cells
    return sum(cell.cell_type == "code"
               and not cell.metadata.get("jupyter", {}).get("source_hidden") for cell in cells)


def run_all_and_wait(page, panel, n_code_cells, timeout=300):
    """Run every cell; return the texts of the error outputs once the run has finished."""
    run_all(page)
    prompts = panel.locator(".jp-CodeCell .jp-InputArea-prompt")
    deadline = time.monotonic() + timeout
    while True:
        labels = [text.strip() for text in prompts.all_inner_texts()]
        executed = sum(bool(re.fullmatch(r"\[\d+\]:?", label)) for label in labels)
        running = any("*" in label for label in labels)
        errors = panel.locator(ERROR_OUTPUT).all_inner_texts()
        if not running and (executed == n_code_cells or errors):
            if not errors:
                assert executed == n_code_cells, f"cells ran: {labels}"
            return errors
        assert time.monotonic() < deadline, (
            f"after {timeout} s, {executed} of {n_code_cells} code cells had run: {labels}"
        )
        page.wait_for_timeout(500)


def widget_value(widget):
    """The value a widget displays (dropdown text, slider readout, active toggle, ...)."""
    return widget.evaluate(WIDGET_VALUE_JS)


def iteration_of(label):
    """N from the text ``iteration <N>`` of an iteration counter."""
    text = label.inner_text()
    match = re.search(r"iteration (\d+)", text)
    assert match, f"no 'iteration <N>' in {text!r}"
    return int(match.group(1))


def figure_fingerprint(container):
    """Something that changes when the figure is redrawn: the ``src`` of an inline image
    (a data: URL of the PNG bytes), or the pixels of an ipympl canvas."""
    expect(container.locator("img, canvas").first).to_be_visible(timeout=60_000)
    image = container.locator("img")
    if image.count():
        return image.first.get_attribute("src")
    return container.locator("canvas").first.screenshot()


def wait_for(page, condition, timeout, message):
    """Poll ``condition()`` until it returns a truthy value; fail with ``message`` after
    ``timeout`` seconds. Returns that value."""
    deadline = time.monotonic() + timeout
    while True:
        value = condition()
        if value:
            return value
        assert time.monotonic() < deadline, message()
        page.wait_for_timeout(250)

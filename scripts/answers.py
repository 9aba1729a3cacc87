"""Copy each Try-it answer's code and printed result into its collapsed Answer block.

An answer is a markdown cell opening with ``<details><summary><b>Answer`` followed by the
(collapsed) code cell that computes it. GitHub and nbviewer ignore a hidden cell's
metadata and cannot run it, so the markdown carries the code and what it printed, below
the line ``MARKER``; ``refresh_notebooks.py`` rewrites that part after every run, and
tests/test_answers.py checks it matches the cell.
"""

MARKER = "<!-- the code and output below are copied from the next cell when it runs -->"
OPENING = "<details><summary><b>Answer"


def printed(cell):
    """Everything the cell printed (its stdout)."""
    return "".join(o.text for o in cell.outputs if o.output_type == "stream"
                   and o.name == "stdout")


def answer_block(cell):
    """The markdown under MARKER for the code cell ``cell``."""
    return (f"{MARKER}\n\n```python\n{cell.source.rstrip()}\n```\n\nIt prints:\n\n"
            f"```text\n{printed(cell).rstrip()}\n```\n\n</details>")


def answer_pairs(nb):
    """(markdown cell, code cell) for every Answer block and the cell that computes it."""
    return [(cell, nb.cells[i + 1]) for i, cell in enumerate(nb.cells[:-1])
            if cell.cell_type == "markdown" and cell.source.startswith(OPENING)
            and nb.cells[i + 1].cell_type == "code"]


def copy_answers(nb):
    """Rewrite every Answer block's code and output from the cell after it."""
    for markdown, code in answer_pairs(nb):
        text = markdown.source.split(MARKER)[0].split("</details>")[0].rstrip()
        markdown.source = f"{text}\n\n{answer_block(code)}"
    return nb

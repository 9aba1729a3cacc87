"""The courseware is complete and connected: every link between notebooks opens a file
that exists, every walkthrough says how long it takes and links to the next one, and every
Try it prompt has its collapsed answer."""

import re
from pathlib import Path

import nbformat
import pytest

NOTEBOOKS = Path(__file__).resolve().parents[1] / "notebooks"
ALL = sorted(NOTEBOOKS.glob("*.ipynb")) + sorted((NOTEBOOKS / "exercises").glob("*.ipynb"))
WALKTHROUGH = sorted(NOTEBOOKS.glob("0[0-5]_*.ipynb"))
LINK = re.compile(r"\]\(([^)\s]*[./][^)\s]*)\)")  # a path: ](notes.md), not ](i)


def markdown(path):
    return [c.source for c in nbformat.read(path, as_version=4).cells if c.cell_type == "markdown"]


@pytest.mark.parametrize("path", ALL, ids=lambda p: p.stem)
def test_every_relative_link_opens_a_file(path):
    targets = [t for text in markdown(path) for t in LINK.findall(text)
               if not t.startswith(("http://", "https://", "#"))]
    missing = [t for t in targets if not (path.parent / t.split("#")[0]).exists()]
    assert not missing, f"{path.name} links to missing files: {missing}"


@pytest.mark.parametrize("path", WALKTHROUGH + [NOTEBOOKS / "06_recap.ipynb"], ids=lambda p: p.stem)
def test_minutes_at_the_top_and_a_working_next_link(path):
    texts = markdown(path)
    assert re.search(r"(?i)about \d+ minutes", texts[0]), texts[0]
    if path.stem != "06_recap":
        number = int(path.stem[:2]) + 1
        assert any(re.search(rf"Next: \[0?{number}\b[^\]]*\]\({number:02d}_\w+\.ipynb\)", t)
                   for t in texts), f"{path.name} has no link to notebook {number:02d}"


@pytest.mark.parametrize("path", WALKTHROUGH[1:], ids=lambda p: p.stem)
def test_every_try_it_has_a_collapsed_answer(path):
    texts = markdown(path)
    prompts = next(t for t in texts if "### Try it" in t).split("### Try it", 1)[1]
    numbered = re.findall(r"^(\d+)\. ", prompts, flags=re.MULTILINE)
    answers = re.findall(r"<details><summary><b>Answer: Try it (\d+)</b>", "\n".join(texts))
    assert numbered and answers == numbered
    assert all("*Your answer:" in item for item in re.split(r"^\d+\. ", prompts,
                                                             flags=re.MULTILINE)[1:])

"""The checker's verdict: a boolean ``passed`` and feedback text that reads well anywhere.

``str(result)`` is plain text (for print and tests); in a notebook the same text shows as
a green (passed) or red (failed) box. A paragraph longer than MAX_LINE characters (a huge
exception message, a printed line) is cut there and ends with "… N more characters".
"""

import html
from dataclasses import dataclass, field

MAX_LINE = 2000  # characters of one paragraph of feedback: a screenful


def readable(line):
    """``line`` cut at MAX_LINE characters, saying how many more there were."""
    line = str(line)
    if len(line) <= MAX_LINE:
        return line
    return f"{line[:MAX_LINE]}… {len(line) - MAX_LINE} more characters"


@dataclass
class CheckResult:
    """What a checker found about one student function.

    Attributes
    ----------
    name : str            the function that was checked, e.g. "linear_backward"
    passed : bool         True only if every case gave the expected outputs
    lines : list of str   the feedback, one paragraph per entry
    diagnoses : list of str   the known mistakes recognised (empty when none matched)
    pending : bool        True while the function is still the exercise's stub
    cases_passed, cases : int   how many of the checker's test cases passed, of how many
    """

    name: str
    passed: bool
    lines: list = field(default_factory=list)
    diagnoses: list = field(default_factory=list)
    pending: bool = False
    cases_passed: int = 0
    cases: int = 0

    def __post_init__(self):
        self.lines = [readable(line) for line in self.lines]
        self.diagnoses = [readable(diagnosis) for diagnosis in self.diagnoses]

    def __bool__(self):
        return self.passed

    def __str__(self):
        return "\n".join(self.lines)

    def __repr__(self):
        return str(self)

    def _advice(self):
        return {f"Likely mistake: {d}" for d in self.diagnoses}

    def _repr_markdown_(self):  # a text block: `*`, `_` and `[` in the feedback stay literal
        return f"```text\n{self}\n```"

    def _repr_html_(self):
        colour, background = (
            ("#1b5e20", "#e8f5e9") if self.passed
            else ("#e65100", "#fff3e0") if self.pending
            else ("#b71c1c", "#ffebee")
        )
        body = "".join(
            f"<p style='margin:0.3em 0; white-space:pre-wrap'>"
            f"{'<b>' + html.escape(line) + '</b>' if line in self._advice() else html.escape(line)}"
            "</p>"
            for line in self.lines
        )
        return (
            f"<div style='border-left:6px solid {colour}; background:{background}; "
            f"color:#212121; padding:0.4em 0.8em; font-family:monospace'>{body}</div>"
        )

"""A two-minute self-check on the lecture: shapes, signs and caches.

Each question has one right choice and a reason in the lecture's terms, shown as soon as
a choice is made. The questions use one network, ``layer_dims = [5, 4, 3, 1]`` with m = 10
examples; tests/test_quiz.py checks every right answer against what the package computes.
``quiz_widget()`` asks them with radio buttons; ``as_text()`` and ``mark(letters)`` do the
same without widgets.
"""

from html import escape
from typing import NamedTuple

from .pictured import png

LAYER_DIMS, M = [5, 4, 3, 1], 10
NETWORK = f"layer_dims = {LAYER_DIMS}, m = {M} examples"


class Question(NamedTuple):
    """One question: its prompt, its choices, the index of the right one, and why."""

    prompt: str
    choices: tuple
    answer: int
    reason: str


QUESTIONS = (
    Question(f"{NETWORK}. What is the shape of W[2]?",
             ("(4, 3)", "(3, 4)", "(3, 10)", "(3, 1)"), 1,
             "W[l] is (n[l], n[l-1]) = (3, 4): it maps A[1] (4, m) to Z[2] (3, m)."),
    Question(f"{NETWORK}. What is the shape of Z[2]?",
             ("(3, 4)", "(4, 10)", "(3, 10)", "(10, 3)"), 2,
             "Z[l] is (n[l], m) = (3, 10): one row per unit, one column per example."),
    Question(f"{NETWORK}. What is the shape of db[1]?",
             ("(4, 1)", "(4, 10)", "(1, 10)", "(4,)"), 0,
             "db[l] has the shape of b[l], (n[l], 1) = (4, 1): the m columns of dZ[1] are "
             "summed with keepdims=True and divided by m."),
    Question("Which expression is dA[L], the start of backward propagation?",
             ("Y / AL - (1 - Y) / (1 - AL)", "AL - Y", "-(Y log AL + (1 - Y) log(1 - AL))",
              "-(Y / AL) + (1 - Y) / (1 - AL)"), 3,
             "dA[L] = -(Y/AL) + (1-Y)/(1-AL), the derivative of the loss with respect to AL: "
             "when y = 1 a larger a lowers the loss, so the first term is negative. AL - Y is "
             "dZ[L], one step further; the last choice is the loss itself."),
    Question("For a sigmoid output and the cross-entropy loss, dZ[L] = dA[L] * g'(Z[L]) is",
             ("AL - Y", "Y - AL", "(AL - Y) / m", "dA[L] * AL"), 0,
             "sigma'(Z) = AL (1 - AL), and (-Y/AL + (1-Y)/(1-AL)) AL (1 - AL) = AL - Y. The 1/m "
             "is not in dZ: dW[l] and db[l] apply it."),
    Question("Backward for layer l computes g'(Z[l]). Where does Z[l] come from?",
             ("recomputed as W[l] A[l] + b[l]", "dA[l] / W[l]",
              "layer l's cache, kept by the forward pass", "the next layer's cache"), 2,
             "The forward pass caches Z[l] (activation_cache) so backward can compute "
             "g'(Z[l]) without recomputing anything."),
    Question("Which cached array does dW[l] = (1/m) dZ[l] A[l-1]^T need from layer l's cache?",
             ("W[l]", "A[l-1]", "Z[l]", "b[l]"), 1,
             "dW[l] needs A[l-1], the layer's input (linear_cache.A_prev); W[l] is needed for "
             "dA[l-1] = W[l]^T dZ[l], Z[l] for g'(Z[l])."),
    Question("Gradient descent updates W[l] with learning rate alpha as",
             ("W[l] := W[l] + alpha dW[l]", "W[l] := alpha dW[l]", "W[l] := W[l] - dW[l] / alpha",
              "W[l] := W[l] - alpha dW[l]"), 3,
             "dW[l] points in the direction in which J grows, so a step against it, "
             "W[l] - alpha dW[l], lowers J (for a small enough alpha)."),
)
LETTERS = "abcd"


def feedback(question, choice):
    """The verdict on ``choice`` (an index into question.choices, or None), with the reason."""
    if choice is None:
        return "Not answered yet."
    verdict = "Right." if choice == question.answer else (
        f"Not quite: you chose {question.choices[choice]}; the answer is "
        f"{question.choices[question.answer]}.")
    return f"{verdict} {question.reason}"


def score(choices, questions=QUESTIONS):
    """How many of ``choices`` (one index or None per question) are right."""
    return sum(choice == question.answer for choice, question in zip(choices, questions,
                                                                      strict=True))


def as_text(questions=QUESTIONS):
    """Every question with its lettered choices, for a page without widgets."""
    return "\n\n".join(
        f"{i}. {q.prompt}\n" + "\n".join(f"   {LETTERS[j]}) {c}" for j, c in enumerate(q.choices))
        for i, q in enumerate(questions, start=1))


def mark(letters, questions=QUESTIONS):
    """Feedback for answers written as letters in question order ("bca..."; "." skips one)."""
    letters = letters.replace(" ", "").lower()
    if len(letters) > len(questions) or any(c not in LETTERS + "." for c in letters):
        raise ValueError(f"write one letter a-d (or '.') per question, at most "
                         f"{len(questions)}, got {letters!r}")
    choices = [LETTERS.index(c) if c != "." else None for c in letters]
    choices += [None] * (len(questions) - len(choices))
    lines = [f"{i}. {feedback(q, c)}" for i, (q, c) in enumerate(zip(questions, choices,
                                                                        strict=True), start=1)]
    return "\n".join([*lines, f"{score(choices, questions)} of {len(questions)} right"])


def quiz_widget(questions=QUESTIONS):
    """The questions as radio buttons; a choice shows its verdict and reason at once."""
    import ipywidgets as widgets

    from .pictured import PicturedBox

    total = widgets.Label(value=f"0 of {len(questions)} right")
    buttons, rows = [], []
    for i, question in enumerate(questions, start=1):
        radio = widgets.RadioButtons(options=[(c, j) for j, c in enumerate(question.choices)],
                                     value=None, description=f"Question {i}",
                                     layout=widgets.Layout(width="auto"))
        said = widgets.HTML(value=escape(feedback(question, None)))

        def answered(change, question=question, said=said):
            said.value = escape(feedback(question, change["new"]))
            total.value = (f"{score([b.value for b in buttons], questions)} of "
                           f"{len(questions)} right")

        radio.observe(answered, names="value")
        buttons.append(radio)
        rows.append(widgets.VBox([widgets.HTML(f"<b>{i}. {escape(question.prompt)}</b>"), radio,
                                  said]))
    return PicturedBox([*rows, total], lambda: _picture(questions))


def _picture(questions):
    """(PNG, text): the questions as printed, for a page that shows no widget."""
    from matplotlib.figure import Figure

    text = as_text(questions)
    figure = Figure(figsize=(9, 0.2 * len(text.splitlines()) + 0.4))
    figure.text(0.01, 0.99, text, va="top", family="monospace", fontsize=8)
    return png(figure), f"The self-check quiz (answer it in a running notebook).\n{text}"

"""The live chain view: the page draws ``chain.chain_payload``; matplotlib draws it inline.

    view = ChainView()
    view.show(session_steps(session), session.activations)   # after every change
    view.step = 3                                            # or the page's Next button

The page's Start / Previous / Next buttons (or the arrow keys) set ``step``; the kernel
answers with that step's payload. "Play the pass" steps through one pass at a lecturer's
pace and then adds one to ``passes``: the explorer takes one gradient step (the update
between two passes) and the walk starts again at layer 1 forward. ``selected`` is the unit
selected in the network view (the explorer links the two): its row is the worked entry.
With ``predict`` on, the payload also holds ``predict.question`` for the step: the page
asks it before it shows the step's numbers. The text alternative, ``frame["label"]``, is
the step's text: where the walk is, the equation, and the worked entry with its values;
while a question is open (``asking``: a new step with Predict on, until the page says it
was answered) it is the question instead, so no reader hears the answer first.
"""

import traitlets

from .browser import esm, pack
from .chain import boxes, chain_payload
from .pass_view import CMAP, PassView, colour_table
from .predict import question


def packed(payload):
    """The payload with every tensor packed (binary buffers, not JSON)."""
    tensors = [{**t, "shape": t["shape"] and list(t["shape"]),
                "data": None if t["data"] is None else pack(t["data"])}
               for t in payload["tensors"]]
    return {**payload, "tensors": tensors}


def chain_text(payload):
    """The step as one paragraph: the view's text alternative."""
    return (f"Chain of boxes, step {payload['index'] + 1} of {2 * payload['L'] + 1}: "
            f"{payload['title']}. {' '.join(payload['equation'])}. {'; '.join(payload['worked'])}.")


def question_text(payload):
    """The step while its question is open: where the walk is, the equation, the question;
    none of the step's numbers or shapes."""
    q = payload["question"]
    return (f"Chain of boxes, step {payload['index'] + 1} of {2 * payload['L'] + 1}: "
            f"{payload['title']}. {' '.join(payload['equation'])}. Predict, then reveal: "
            f"{q['text']} Choices: {', '.join(q['choices'])}. The step's numbers show once "
            "it is answered.")


class ChainView(PassView):
    """The lecture's picture with the active step's real tensors (see the module docstring)."""

    _esm = esm("chain_view.js")
    step = traitlets.Int(0).tag(sync=True)
    steps = traitlets.Int(1).tag(sync=True)
    passes = traitlets.Int(0).tag(sync=True)  # "Play the pass" finished a pass: update
    predict = traitlets.Bool(False).tag(sync=True)  # ask a question before each step shows
    asking = traitlets.Bool(False).tag(sync=True)  # its question is open: answer not shown
    selected = traitlets.List([1, 0])  # (l, i): the network view's selected unit
    redraw_on = ("step", "selected", "predict", "asking")
    packed = staticmethod(packed)

    @traitlets.observe("step", "predict", "selected")
    def _ask(self, change=None):
        """With Predict on, a new step (or unit, or pass) opens its question before it is
        redrawn (a class observer runs first); the page closes it when it is answered."""
        self.asking = self.predict

    def text(self, payload):
        """The text alternative: the step's, or only its question while that is open."""
        return question_text(payload) if self.asking and "question" in payload else \
            chain_text(payload)

    @traitlets.validate("step")
    def _valid_step(self, proposal):
        """The page's step is refused, and the current one kept, unless it is 0..steps - 1."""
        if not 0 <= proposal["value"] < self.steps:
            raise traitlets.TraitError(f"the chain has steps 0 to {self.steps - 1}; "
                                       f"got step {proposal['value']}")
        return proposal["value"]

    def show(self, steps, activations):
        """Show a new pass (after a training step, Reset or a new network); keep the step."""
        self._pass = (steps, list(activations))
        L = (len(steps) - 1) // 2
        self.data = {"L": L, "boxes": boxes(L, activations),
                     "cmap": pack(colour_table(), "uint8")}
        self.steps = len(steps)
        self._ask()  # new numbers: a new question
        if self.step >= len(steps):
            self.step = 0  # redraws
        else:
            self.redraw()

    def update(self, session, steps):
        """The explorer's call after every change: the session's pass."""
        self.show(steps, session.activations)

    def payload(self):
        steps, activations = self._pass
        payload = chain_payload(steps, self.step, activations, unit=tuple(self.selected))
        if self.predict:
            payload["question"] = question(steps, self.step, activations, tuple(self.selected))
        return payload


def draw_chain(payload, figure=None):
    """The same picture with matplotlib: boxes (the active one bold, marked), heatmaps."""
    from matplotlib.figure import Figure  # only here: the page draws without matplotlib
    from matplotlib.patches import Rectangle

    figure = figure or Figure(figsize=(9, 4.6), dpi=72)
    figure.clear()
    L, tensors = payload["L"], payload["tensors"]
    grid = figure.add_gridspec(2, len(tensors), height_ratios=(1.1, 1))
    ax = figure.add_subplot(grid[0, :])
    ax.set(xlim=(0, L + 2), ylim=(0, 3.4))
    ax.axis("off")
    labels = payload["boxes"]
    cells = [(0, 2, "A[0] = X", False), (0, 0, "dA[0]: not needed", False)]
    for l in range(1, L + 1):
        cells += [(l, 2, labels["forward"][l - 1], (payload["row"], payload["layer"]) ==
                   ("forward", l)),
                  (l, 0, labels["backward"][L - l], (payload["row"], payload["layer"]) ==
                   ("backward", l))]
        ax.text(l + 0.5, 1.6, f"cache {l}", ha="center", va="center", fontsize=7)
    cells.append((L + 1, 2, labels["forward"][L], payload["row"] == "loss"))
    for column, row, text, active in cells:
        ax.add_patch(Rectangle((column + 0.05, row + 0.1), 0.9, 1.1, fill=False,
                               linewidth=3 if active else 1, linestyle="-" if row or column
                               or active else "--"))
        ax.text(column + 0.5, row + 0.65, ("> " if active else "") + text.replace(": ", ":\n"),
                ha="center", va="center", fontsize=7, weight="bold" if active else "normal")
    ax.set_title(f"step {payload['index'] + 1} of {2 * L + 1}: {payload['title']}\n"
                 + "    ".join(payload["equation"]), fontsize=9)
    for k, tensor in enumerate(tensors):
        hax = figure.add_subplot(grid[1, k])
        hax.set(xticks=[], yticks=[])
        if tensor["data"] is None:
            hax.text(0.5, 0.5, "not needed", ha="center", va="center", transform=hax.transAxes)
        else:
            limit = tensor["limit"] or 1.0
            hax.imshow(tensor["data"], cmap=CMAP, vmin=-limit, vmax=limit, aspect="auto",
                       interpolation="nearest")
        hax.set_title(f"{tensor['name']} {tensor['shape'] or ''}", fontsize=8)
    return figure

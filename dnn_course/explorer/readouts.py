"""The explorer's read-outs: the iteration line, the gradient table, the step-through text.

They only read the session; ``ui.Explorer.refresh`` calls them after every change.
"""

import base64
import html

from .stepthrough import format_step


def show_status(ex):
    """The iteration line, and per layer: n[l], g, ||dW[l]|| and the dead ReLU units."""
    s, session = ex.settings, ex.session
    text = f"<b>iteration {session.iteration}</b>"
    if session.costs:
        text += f" &nbsp; train J {session.costs[-1]:.4f}"
        text += f" &nbsp; test J {session.test_costs[-1]:.4f}"
    ex.controls["iteration"].value = text
    norms = session.grad_norms[-1] if session.grad_norms else []
    dead = session.dead[-1] if session.dead else []
    names = [*session.activations, "sigmoid"]
    rows = "".join(
        f"<tr><td>{l}</td><td>{n}</td><td>{names[l - 1]}</td>"
        f"<td>{norms[l - 1] if norms else float('nan'):.3e}</td>"
        f"<td>{dead[l - 1] if l <= len(dead) else '-'}</td></tr>"
        for l, n in enumerate(s.layer_dims()[1:], start=1)
    )
    ex.controls["norms"].value = (
        "<table><tr><th>l</th><th>n[l]</th><th>g[l]</th><th>||dW[l]||</th>"
        f"<th>dead ReLU</th></tr>{rows}</table>"
        f"dead ReLU units in total: <b>{sum(dead)}</b>"
    )


def show_stepthrough(ex):
    """The current layer's forward or backward step, with the package's live numbers."""
    if ex._syncing:
        return
    direction, l = ex.controls["direction"].value, ex.controls["layer"].value
    steps = ex.stepthrough(direction)
    L = len(steps) if direction == "forward" else len(steps) - 1
    shown = [steps[l - 1]] if direction == "forward" else steps[:1] * (l == L) + [steps[L - l + 1]]
    text = "\n\n".join(format_step(step) for step in shown)
    ex.controls["text"].value = f'<pre class="dnn-pre">{html.escape(text)}</pre>'


def export(ex):
    """Put the JSON state in the text box, and a download link for it next to it."""
    text = ex.to_json()
    ex.controls["json"].value = text
    data = base64.b64encode(text.encode()).decode()
    ex.controls["download"].value = (
        f'<a download="explorer_state.json" href="data:application/json;base64,{data}">'
        "download explorer_state.json</a>"
    )

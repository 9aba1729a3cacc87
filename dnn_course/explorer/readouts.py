"""The explorer's read-outs as HTML: the iteration line, the gradient table, the
step-through text and the download link. Pure functions of what they show; the panel
(``panel.Panel``) puts them in its widgets."""

import base64
import html

from .stepthrough import format_step

WAITING = ("<i>Predict, then reveal: a question is open in the chain. These numbers show "
           "once it is answered.</i>")


def iteration_line(session):
    """iteration t, and the last train and test J."""
    text = f"<b>iteration {session.iteration}</b>"
    if session.costs:
        text += f" &nbsp; train J {session.costs[-1]:.4f}"
        text += f" &nbsp; test J {session.test_costs[-1]:.4f}"
    return text


def gradient_table(session):
    """Per layer: n[l], g, ||dW[l]|| and the dead ReLU units; and the dead units in total."""
    norms = session.grad_norms[-1] if session.grad_norms else []
    dead = session.dead[-1] if session.dead else []
    names = [*session.activations, "sigmoid"]
    rows = "".join(
        f"<tr><td>{l}</td><td>{n}</td><td>{names[l - 1]}</td>"
        f"<td>{norms[l - 1] if norms else float('nan'):.3e}</td>"
        f"<td>{dead[l - 1] if l <= len(dead) else '-'}</td></tr>"
        for l, n in enumerate(session.settings.layer_dims()[1:], start=1)
    )
    return (
        "<table><tr><th>l</th><th>n[l]</th><th>g[l]</th><th>||dW[l]||</th>"
        f"<th>dead ReLU</th></tr>{rows}</table>"
        f"dead ReLU units in total: <b>{sum(dead)}</b>"
    )


def stepthrough_text(steps, direction, l):
    """Layer l's forward step; or backward, layer l's step (after dA[L] when l = L)."""
    L = len(steps) if direction == "forward" else len(steps) - 1
    shown = [steps[l - 1]] if direction == "forward" else steps[:1] * (l == L) + [steps[L - l + 1]]
    text = "\n\n".join(format_step(step) for step in shown)
    return f'<pre class="dnn-pre">{html.escape(text)}</pre>'


def download_link(text):
    """A link that saves ``text`` as explorer_state.json."""
    data = base64.b64encode(text.encode()).decode()
    return (f'<a download="explorer_state.json" href="data:application/json;base64,{data}">'
            "download explorer_state.json</a>")


def message(kind, error):
    """The message line: "Error: ..." or "Stopped: ...", escaped."""
    return f"<b>{kind}:</b> {html.escape(str(error))}"

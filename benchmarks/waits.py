"""What a student waits for: ``import dnn_course``, each notebook, one explorer tick.

Each measurement runs where the student's code runs: a fresh interpreter for the
import, a real Jupyter kernel (nbclient) for the notebooks, the explorer's own
``tick()`` for the widget. A notebook that fails is reported with its error, not a time.
"""

import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

from tests.support.jupyter_sandbox import sandbox_env

from .timing import median_time

ROOT = Path(__file__).resolve().parent.parent
PLAYED = 6000  # iterations before a tick is timed: a minute of Play (10 ticks of 10 a second)

RUN_NOTEBOOK = """
import json, resource, sys, time
from tests.support.notebook_runner import run_notebook
start = time.perf_counter()
run_notebook(sys.argv[1], sys.argv[2], timeout=1200)
seconds = time.perf_counter() - start
peak_kb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss  # the kernel's peak RSS
print(json.dumps({"seconds": seconds, "peak_rss_mb": peak_kb / 1024}))
"""


def python_seconds(code, repeats):
    """Median wall time of ``python -c code`` in a fresh interpreter."""
    command = [sys.executable, "-c", code]
    return median_time(lambda: subprocess.run(command, cwd=ROOT, check=True), repeats)


def import_time(repeats=7):
    """``import dnn_course`` in a fresh interpreter, and the bare interpreter start-up."""
    total = python_seconds("import dnn_course", repeats)
    bare = python_seconds("pass", repeats)
    return {"import_seconds": total - bare, "interpreter_seconds": bare}


def notebook_times(pattern="notebooks/*.ipynb"):
    """Wall time and the kernel's peak memory for each notebook, one fresh kernel each."""
    results = []
    for path in sorted(ROOT.glob(pattern)):
        with tempfile.TemporaryDirectory() as home:
            done = subprocess.run(
                [sys.executable, "-c", RUN_NOTEBOOK, str(path), str(path.parent)],
                env=sandbox_env(home, dict(os.environ, PYTHONPATH=str(ROOT))),
                capture_output=True, text=True,
            )
        row = {"notebook": path.name}
        if done.returncode == 0:
            row.update(json.loads(done.stdout.strip().splitlines()[-1]))
        else:
            row["error"] = done.stderr.strip().splitlines()[-1] if done.stderr else "failed"
        results.append(row)
    return results


def explorer_tick(repeats=20):
    """Median latency of one Play tick of the default explorer after a minute of Play
    (``PLAYED`` iterations: the history keeps only some, ``Session.record``): its training
    steps and the numbers sent to the page (which draws them); and the same tick with
    ``figures="inline"``, where matplotlib renders the images in the kernel (static
    outputs, tests)."""
    from dnn_course.explorer import Explorer

    browser, inline = Explorer(figures="browser"), Explorer(figures="inline")
    for explorer in (browser, inline):
        explorer.session.step(PLAYED)
    return {"tick_seconds": median_time(browser.tick, repeats),
            "inline_tick_seconds": median_time(inline.tick, repeats),
            "steps": browser.settings.steps_per_tick, "played": PLAYED,
            "layer_dims": browser.settings.layer_dims(), "m": browser.settings.m}


def session_steps(repeats=20):
    """The explorer's training alone, after a minute of Play: ``step(steps_per_tick)`` and
    the latest test J, ||dW[l]|| and dead units that the tick shows, no redraw."""
    from dnn_course.explorer.session import Session

    session = Session()
    session.step(PLAYED)
    steps = session.settings.steps_per_tick
    seconds = median_time(lambda: (session.step(steps), session.test_costs[-1]), repeats)
    return {"steps": steps, "played": PLAYED, "seconds": seconds}


def views_redraw(repeats=20):
    """The chain and network views' redraw in the kernel for the explorer's largest network
    (6 hidden layers x 16 units): one forward + backward pass read into chain steps, and
    each view's payload packed into the binary buffers the page draws from."""
    from dnn_course.explorer.chain import session_steps
    from dnn_course.explorer.chain_view import ChainView
    from dnn_course.explorer.network import plane_activations, plane_grid
    from dnn_course.explorer.network_view import NetworkView
    from dnn_course.explorer.session import Session
    from dnn_course.explorer.settings import MAX_HIDDEN_LAYERS, MAX_NEURONS, Settings

    session = Session(Settings(hidden_layers=MAX_HIDDEN_LAYERS, neurons=MAX_NEURONS))
    chain, network = ChainView(), NetworkView()
    grid = plane_grid(session.X_train)

    def redraw_chain():
        chain.show(session_steps(session), session.activations)

    def redraw_network():
        planes = plane_activations(session.parameters, session.activations, grid)
        network.show(session_steps(session), session.activations, planes)

    return {"layer_dims": session.settings.layer_dims(), "m": session.X_train.shape[1],
            "chain_seconds": median_time(redraw_chain, repeats),
            "network_seconds": median_time(redraw_network, repeats)}

"""python -m benchmarks.calls [--before REV]: the work of one training step, counted.

Counts do not depend on how busy the machine is, as times do: per iteration after the
first, the calls into the guard module, all Python calls and all C calls (numpy's
functions, builtins) of ``L_layer_model`` at the course's shapes and of the explorer's
step (``Session.step``), by a ``sys.setprofile`` hook. ``--before REV`` counts the engine
at git revision REV too.
"""

import argparse
import collections
import importlib
import sys
from pathlib import Path

import numpy as np

from . import before, step


def counted(run, guards_file):
    """{"guards": ..., "python": ..., "c": ...}: the calls ``run()`` makes."""
    counts = collections.Counter()

    def hook(frame, event, arg):
        if event == "call":
            counts["python"] += 1
            counts["guards"] += frame.f_code.co_filename == guards_file
        elif event == "c_call":
            counts["c"] += 1

    sys.setprofile(hook)
    try:
        run()
    finally:
        sys.setprofile(None)
    return counts


def per_iteration(train, guards_file, n=20):
    """Calls per iteration after the first: counts of train(1 + n) less train(1), / n.

    One uncounted call first: a first call also imports what the run needs (tqdm).
    """
    train(1)
    more, one = counted(lambda: train(1 + n), guards_file), counted(lambda: train(1), guards_file)
    return {key: (more[key] - one[key]) / n for key in ("guards", "python", "c")}


def engine_counts(engine):
    """Per-iteration counts of ``engine`` for L_layer_model at each small case, and the explorer."""
    guards_file = str(Path(engine.__file__).parent / "guards.py")
    rows = {}
    for case in step.course_cases(np.random.default_rng(0))[1:]:  # digits, explorer
        start = engine.initialize_parameters_deep(case.layer_dims, rng=1, scale="xavier")

        def train(n, case=case, start=start):
            engine.L_layer_model(case.X, case.Y, case.layer_dims, case.learning_rate, n,
                                 parameters=start, progress=False)

        rows[f"L_layer_model {case.layer_dims}"] = per_iteration(train, guards_file)
    session = engine.explorer.Session()
    session.step(1)  # the first step checks; later ones reuse checked arrays
    rows["explorer Session.step [2, 8, 8, 1]"] = {
        key: value / 20 for key, value in counted(lambda: session.step(20), guards_file).items()}
    return rows


def main(argv=None):
    parser = argparse.ArgumentParser(prog="python -m benchmarks.calls", description=__doc__)
    parser.add_argument("--before", metavar="REV", help="also count dnn_course at git revision REV")
    args = parser.parse_args(argv)
    engines = {"now": importlib.import_module("dnn_course")}
    if args.before:
        engines[before.describe(args.before)] = before.load_engine(args.before)
    for engine in engines.values():
        importlib.import_module(f"{engine.__name__}.explorer")  # Session
    print("| engine | what | guard calls | Python calls | C calls |\n|---|---|---|---|---|")
    for name, engine in engines.items():
        for what, counts in engine_counts(engine).items():
            print(f"| {name} | {what} | {counts['guards']:g} | {counts['python']:g} | "
                  f"{counts['c']:g} |")


if __name__ == "__main__":
    main()

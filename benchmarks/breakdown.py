"""python -m benchmarks.breakdown [--rounds N] [--before REV]: where a small step's time goes.

For the small cases (digits, explorer), each piece of ``L_layer_model``'s iteration is
timed on its own, on the arrays of a real step: the forward pass and the backward step of
each layer, the cost, dA[L], the update, the training watch; and, in the same rounds, the
whole step (``L_layer_model``, many iterations per call) and its matrix products alone
(the GEMM bound of ``gemm.py``); with ``--before REV`` also the whole step of the engine at
git revision REV. What the pieces do not add up to is the loop's own Python (the step's
NamedTuple, the grads dict, the watch's call). Median over rounds, in µs of this thread's
CPU time (``time.thread_time``): on a shared machine that moves far less with the load than
wall time does, as a small step runs on one thread (numpy's BLAS keeps products this small
on one).
"""

import argparse
import os
import time

import numpy as np

from dnn_course.cost import compute_cost, dAL
from dnn_course.divergence import Watch
from dnn_course.model import (
    L_model_forward,
    layer_activations,
    linear_activation_backward,
    linear_activation_forward,
)
from dnn_course.update import update_parameters

from . import before, step
from .gemm import bound_runner

CALLS = 200  # calls per timed piece per round


def pieces(case):
    """[(name, call)]: every piece of one iteration, on the arrays of a real step."""
    X, Y, parameters = case.X, case.Y, case.initial_parameters()
    L = len(parameters) // 2
    g = layer_activations.unchecked("relu", L)
    AL, caches = L_model_forward.unchecked(X, parameters)
    grads = {}
    dA = dAL.unchecked(AL, Y)
    found = []
    for l in range(1, L + 1):
        (A_prev, W, b), _ = caches[l - 1]
        found.append((f"forward, layer {l} ({g[l - 1]})",
                      lambda A_prev=A_prev, W=W, b=b, g=g[l - 1]:
                      linear_activation_forward.unchecked(A_prev, W, b, g)))
    found.append(("cost J", lambda: float(compute_cost.unchecked(AL, Y))))
    found.append(("dA[L]", lambda: dAL.unchecked(AL, Y)))
    for l in range(L, 0, -1):
        found.append((f"backward, layer {l} ({g[l - 1]})",
                      lambda dA=dA, cache=caches[l - 1], g=g[l - 1], l=l:
                      linear_activation_backward.unchecked(dA, cache, g, l > 1)))
        dA, grads[f"dW{l}"], grads[f"db{l}"] = linear_activation_backward.unchecked(
            dA, caches[l - 1], g[l - 1], l > 1)
    updated = update_parameters.unchecked(parameters, grads, case.learning_rate)
    found.append(("update W, b", lambda: update_parameters.unchecked(
        parameters, grads, case.learning_rate)))
    watch = Watch(X, case.learning_rate)
    found.append(("watch: A[L] finite", lambda: watch.forward(1, AL, caches, parameters, [])))

    def watch_update():
        watch.update(1, 0.5, updated, parameters, [])
        watch.stalled = 0  # a stalled count would warn after PATIENCE calls

    found.append(("watch: W, b finite", watch_update))
    found.append(("np.errstate, entered and left", errstate))
    return found


def errstate():
    """What the training loop's ``with np.errstate(...)`` costs once per iteration."""
    with np.errstate(over="ignore", invalid="ignore"):
        pass


WHOLE = ("GEMM", "the whole", "before:")  # timed as run(n), not n calls


def breakdown(case, rounds, engine=None):
    """{name: median µs}: each piece, the whole step and its GEMM bound, alternating;
    ``engine``: an earlier dnn_course (see before.py), whose whole step is timed too."""
    run, _ = step.dnn_runner(case)
    timed = [*pieces(case), ("GEMM bound (its matrix products)", bound_runner(case)),
             ("the whole step (L_layer_model)", run)]
    if engine is not None:
        timed.append(("before: the whole step", step.dnn_runner(case, engine)[0]))
    samples = {name: [] for name, _ in timed}
    for name, call in timed:  # warm-up
        call(1) if name.startswith(WHOLE) else call()
    for _ in range(rounds):
        with np.errstate(over="ignore", invalid="ignore"):
            for name, call in timed:
                start = time.thread_time()
                if name.startswith(WHOLE):
                    call(CALLS)
                else:
                    for _ in range(CALLS):
                        call()
                samples[name].append((time.thread_time() - start) / CALLS * 1e6)
    return {name: float(np.median(values)) for name, values in samples.items()}


def table(case, times, rev=None):
    whole = times.pop("the whole step (L_layer_model)")
    bound = times.pop("GEMM bound (its matrix products)")
    before = times.pop("before: the whole step", None)
    parts = sum(times.values())
    then = f" (at {rev}: {before:.1f} µs, {whole / before:.2f}×)" if before else ""
    lines = [f"{case.name} {case.layer_dims}, m = {case.m}: the whole step {whole:.1f} µs"
             f"{then}", "", "| piece | µs | share of the step |", "|---|---|---|"]
    lines += [f"| {name} | {us:.1f} | {us / whole:.0%} |" for name, us in times.items()]
    lines += [f"| the loop's own Python (the step less its pieces) | {whole - parts:.1f} | "
              f"{(whole - parts) / whole:.0%} |",
              f"| *of all that: the matrix products alone (GEMM bound)* | {bound:.1f} | "
              f"{bound / whole:.0%} |"]
    return "\n".join(lines)


def main(argv=None):
    parser = argparse.ArgumentParser(prog="python -m benchmarks.breakdown", description=__doc__)
    parser.add_argument("--rounds", type=int, default=15)
    parser.add_argument("--before", metavar="REV", help="also time dnn_course at git revision REV")
    args = parser.parse_args(argv)
    engine = before.load_engine(args.before) if args.before else None
    rev = before.describe(args.before) if args.before else None
    print(f"load average {os.getloadavg()[0]:.2f} on {os.cpu_count()} cores\n")
    for case in step.course_cases(np.random.default_rng(0))[1:]:  # digits, explorer
        print(table(case, breakdown(case, args.rounds, engine), rev), end="\n\n")


if __name__ == "__main__":
    main()

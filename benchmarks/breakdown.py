"""python -m benchmarks.breakdown [--rounds N]: where one training step's time goes.

For the small cases (digits, explorer), each piece of ``L_layer_model``'s iteration is
timed on its own, on the arrays of a real step: the forward pass and the backward step of
each layer, the cost, dA[L], the update, the training watch; and, in the same rounds, the
whole step (``L_layer_model``, many iterations per call) and its matrix products alone
(the GEMM bound of ``gemm.py``). What the pieces do not add up to is the loop's own Python
(the step's NamedTuple, the grads dict, the watch's call). Median over rounds, µs.
"""

import argparse
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

from . import step
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


def breakdown(case, rounds):
    """{name: median µs}: each piece, the whole step and its GEMM bound, alternating."""
    run, _ = step.dnn_runner(case)
    timed = [*pieces(case), ("GEMM bound (its matrix products)", bound_runner(case)),
             ("the whole step (L_layer_model)", run)]
    samples = {name: [] for name, _ in timed}
    for name, call in timed:  # warm-up
        call(1) if name.startswith(("GEMM", "the whole")) else call()
    for _ in range(rounds):
        with np.errstate(over="ignore", invalid="ignore"):
            for name, call in timed:
                start = time.perf_counter()
                if name.startswith(("GEMM", "the whole")):
                    call(CALLS)
                else:
                    for _ in range(CALLS):
                        call()
                samples[name].append((time.perf_counter() - start) / CALLS * 1e6)
    return {name: float(np.median(values)) for name, values in samples.items()}


def table(case, times):
    whole = times.pop("the whole step (L_layer_model)")
    bound = times.pop("GEMM bound (its matrix products)")
    parts = sum(times.values())
    lines = [f"{case.name} {case.layer_dims}, m = {case.m}: the whole step {whole:.1f} µs",
             "", "| piece | µs | share of the step |", "|---|---|---|"]
    lines += [f"| {name} | {us:.1f} | {us / whole:.0%} |" for name, us in times.items()]
    lines += [f"| the loop's own Python (the step less its pieces) | {whole - parts:.1f} | "
              f"{(whole - parts) / whole:.0%} |",
              f"| *of all that: the matrix products alone (GEMM bound)* | {bound:.1f} | "
              f"{bound / whole:.0%} |"]
    return "\n".join(lines)


def main(argv=None):
    parser = argparse.ArgumentParser(prog="python -m benchmarks.breakdown", description=__doc__)
    parser.add_argument("--rounds", type=int, default=15)
    args = parser.parse_args(argv)
    for case in step.course_cases(np.random.default_rng(0))[1:]:  # digits, explorer
        print(table(case, breakdown(case, args.rounds)), end="\n\n")


if __name__ == "__main__":
    main()

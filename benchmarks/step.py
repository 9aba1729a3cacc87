"""Training-step time: dnn_course's ``L_layer_model`` against PyTorch CPU autograd.

Both sides get the same architecture, the same float64 data and the same initial
W[l], b[l]; one step is forward, cost, backward (dnn_course skips dA0, as training
does) and the update W[l] := W[l] - alpha dW[l]. PyTorch is optional: without it
its column is absent.
"""

import dataclasses
import json
import re
from pathlib import Path

import numpy as np

from dnn_course import L_layer_model, initialize_parameters_deep, load_digits_binary, make_dataset

from . import torch_step
from .gemm import bound_runner, step_flops
from .timing import alternate, median_time, summary, wait_until_quiet

LEARNING_RATE = 0.0075
ROOT = Path(__file__).resolve().parent.parent
DIGITS_FALLBACK = [64, 20, 7, 5, 1]


@dataclasses.dataclass
class Case:
    """One benchmark shape: a name, layer_dims [n_x, ..., 1], data X (n_x, m), Y (1, m)."""

    name: str
    layer_dims: list
    X: np.ndarray
    Y: np.ndarray
    learning_rate: float = LEARNING_RATE
    note: str = ""

    @property
    def m(self):
        return self.X.shape[1]

    def initial_parameters(self):
        """The W[l], b[l] every contender starts from."""
        return initialize_parameters_deep(self.layer_dims, rng=1, scale="xavier")


def random_labels(rng, m):
    return (rng.random((1, m)) < 0.5).astype(float)


def images_case(rng, m=209):
    """The course application: 64x64x3 images flattened the course's way, (12288, m)."""
    images = rng.integers(0, 256, (m, 64, 64, 3))
    X = images.reshape(m, -1).T / 255  # as in the course: train_x_orig.reshape(m, -1).T / 255
    note = "random pixels in the course's layout (the cat images are not shipped)"
    return Case("application", [12288, 20, 7, 5, 1], X, random_labels(rng, m), note=note)


def notebook_layers_dims(pattern="notebooks/04*.ipynb"):
    """The deepest literal layer list (``deep_dims = [64, ...]``) in notebook 04, or None."""
    for path in sorted(ROOT.glob(pattern)):
        cells = json.loads(path.read_text())["cells"]
        source = "\n".join("".join(c["source"]) for c in cells if c["cell_type"] == "code")
        found = re.findall(r"(\w*dims)\s*=\s*\[([\d,\s]+)\]", source)
        if found:
            name, sizes = max(found, key=lambda item: item[1].count(","))
            return [int(n) for n in sizes.split(",") if n.strip()], f"{path.name} ({name})"
    return None, None


def digits_case():
    """Notebook 04's network on the real 8x8 digits (3 vs 8), flattened as in the course."""
    train_x_orig, train_y, _, _, _ = load_digits_binary()
    X = train_x_orig.reshape(train_x_orig.shape[0], -1).T / 16
    dims, source = notebook_layers_dims()
    note = f"layers_dims from {source}" if dims else "notebook 04 not found: [64, 20, 7, 5, 1]"
    return Case("digits", dims or DIGITS_FALLBACK, X, train_y, note=note)


def explorer_case():
    """The explorer's default: 2-8-8-1 on 500 points of the circle data set."""
    X, Y = make_dataset("circle", 500, 0.1, rng=0)
    return Case("explorer", [2, 8, 8, 1], X, Y, learning_rate=0.3)


def random_case(name, layer_dims, m, rng):
    X = rng.standard_normal((layer_dims[0], m))
    return Case(name, list(layer_dims), X, random_labels(rng, m))


def course_cases(rng):
    return [images_case(rng), digits_case(), explorer_case()]


def large_case(rng, m=1024, width=512):
    return random_case("large", [784, width, width, width // 2, 1], m, rng)


def dnn_runner(case, engine=None):
    """run(n): n iterations of ``L_layer_model``, continuing from the last parameters."""
    train = L_layer_model if engine is None else engine.L_layer_model
    state = {"parameters": case.initial_parameters()}

    def run(n):
        state["parameters"], _ = train(
            case.X, case.Y, case.layer_dims, case.learning_rate, n,
            parameters=state["parameters"], progress=False,
        )

    return run, state


def step_times(case, repeats, inner, before=None, quiet_wait=0):
    """Alternating step times of dnn_course, its GEMM bound and (if installed) PyTorch.

    ``before``: an earlier dnn_course (see before.py), timed in the same rounds.
    ``quiet_wait``: seconds to wait at most for the other processes to go quiet first.
    """
    busy = wait_until_quiet(quiet_wait)

    runners = {"dnn_course": dnn_runner(case)[0], "gemm_bound": bound_runner(case)}
    if before is not None:
        runners["before"] = dnn_runner(case, before)[0]
    if torch_step.available():
        runners["pytorch"] = torch_step.runner(case, case.initial_parameters())[0]
    if inner is None:  # about 50 ms per timed call; >= 3 steps, as iteration 0 also checks
        inner = max(3, min(200, round(0.05 / median_time(lambda: runners["dnn_course"](1), 3))))
    samples = alternate(runners, repeats, inner)
    result = {
        "case": case.name, "layer_dims": case.layer_dims, "m": case.m, "note": case.note,
        "inner": inner, "cpu_busy_before": busy,
        **{name: summary(s) for name, s in samples.items()},
    }
    result["flops"] = step_flops(case.layer_dims, case.m)
    result["gemm_fraction"] = result["gemm_bound"]["median"] / result["dnn_course"]["median"]
    if before is not None:
        result["before_gemm_fraction"] = result["gemm_bound"]["median"] / result["before"]["median"]
    if "pytorch" in result:
        result["ratio"] = result["dnn_course"]["median"] / result["pytorch"]["median"]
        if before is not None:
            result["before_ratio"] = result["before"]["median"] / result["pytorch"]["median"]
        result["agreement"] = torch_step.max_difference(case, steps=3)
    return result

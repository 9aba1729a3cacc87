"""Scaling series: step time and GEMM bound as m grows, and as the width grows."""

import numpy as np

from .step import random_case, step_times

LARGE_DIMS = [784, 512, 512, 256, 1]


def width_dims(width):
    """[784, w, w, w/2, 1]: the large network at another width."""
    return [784, width, width, max(1, width // 2), 1]


def series(points, repeats, quiet_wait=0):
    """step_times for each (label, x, layer_dims, m) in points."""
    rng = np.random.default_rng(0)
    return [
        {"x": x, **step_times(random_case(f"{label}={x}", dims, m, rng), repeats, None,
                              quiet_wait=quiet_wait)}
        for label, x, dims, m in points
    ]


def in_m(ms, repeats, quiet_wait=0):
    return series([("m", m, LARGE_DIMS, m) for m in ms], repeats, quiet_wait)


def in_width(widths, m, repeats, quiet_wait=0):
    return series([("width", w, width_dims(w), m) for w in widths], repeats, quiet_wait)

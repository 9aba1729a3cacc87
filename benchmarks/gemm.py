"""The limit: the step's matrix products, timed alone on the same BLAS and the same shapes.

One training step (dA0 skipped) does, for each layer l with A[l-1] of shape (n[l-1], m):
    forward   Z[l]      = W[l] @ A[l-1]       2 n[l] n[l-1] m FLOPs
    backward  dW[l]     = dZ[l] @ A[l-1].T    2 n[l] n[l-1] m FLOPs
              dA[l-1]   = W[l].T @ dZ[l]      2 n[l] n[l-1] m FLOPs   (l > 1 only)
The GEMM bound is the sum of the times numpy needs for exactly these products (same
shapes, same transposes, the same X); no step can be faster than its products.
"""

import os

import numpy as np

from .timing import median_time


def matmul_products(layer_dims, m):
    """[(name, (rows, inner, cols)), ...]: every matrix product of one training step."""
    products = []
    for l in range(1, len(layer_dims)):
        n, n_prev = layer_dims[l], layer_dims[l - 1]
        products.append((f"Z{l} = W{l} @ A{l - 1}", (n, n_prev, m)))
        products.append((f"dW{l} = dZ{l} @ A{l - 1}.T", (n, m, n_prev)))
        if l > 1:
            products.append((f"dA{l - 1} = W{l}.T @ dZ{l}", (n_prev, n, m)))
    return products


def step_flops(layer_dims, m):
    """FLOPs of the step's matrix products: 2 * rows * inner * cols for each."""
    return sum(2 * rows * inner * cols for _, (rows, inner, cols) in matmul_products(layer_dims, m))


def operands(case, rng):
    """The operands of each product, laid out as the engine has them (X as given)."""
    pairs = []
    A_prev = case.X
    for l in range(1, len(case.layer_dims)):
        n, n_prev = case.layer_dims[l], case.layer_dims[l - 1]
        W = rng.standard_normal((n, n_prev)) / np.sqrt(n_prev)
        dZ = rng.standard_normal((n, case.m))
        pairs.append((W, A_prev))
        pairs.append((dZ, A_prev.T))
        if l > 1:
            pairs.append((W.T, dZ))
        A_prev = np.maximum(W @ A_prev, 0)
    return pairs


def bound_runner(case, rng=None):
    """run(n): n times every product of one step, alone: the GEMM bound as a contender."""
    pairs = operands(case, np.random.default_rng(0) if rng is None else rng)

    def run(n):
        for _ in range(n):
            for left, right in pairs:
                left @ right

    return run


def gemm_bound(case, repeats, rng=None):
    """Time every product of one step; the bound is the sum of their median times."""
    rng = np.random.default_rng(0) if rng is None else rng
    names = matmul_products(case.layer_dims, case.m)
    rows = []
    for (name, (r, k, c)), (left, right) in zip(names, operands(case, rng), strict=True):
        seconds = median_time(lambda left=left, right=right: left @ right, repeats)
        flops = 2 * r * k * c
        rows.append({"product": name, "shape": [r, k, c], "flops": flops, "seconds": seconds})
    return {
        "flops": step_flops(case.layer_dims, case.m),
        "bound_seconds": sum(row["seconds"] for row in rows),
        "products": rows,
    }


def blas_info():
    """The BLAS numpy uses (threadpoolctl) and the OpenBLAS variables that change it."""
    info = {"OPENBLAS_CORETYPE": os.environ.get("OPENBLAS_CORETYPE")}
    info["OPENBLAS_L2_SIZE"] = os.environ.get("OPENBLAS_L2_SIZE")
    try:
        from threadpoolctl import threadpool_info
    except ImportError:
        info["blas"] = "threadpoolctl not installed"
        return info
    keys = ("user_api", "internal_api", "version", "architecture", "num_threads")
    info["threadpools"] = [
        {**{k: pool.get(k) for k in keys}, "library": _library(pool.get("filepath", ""))}
        for pool in threadpool_info()
    ]
    return info


def _library(filepath):
    """The shared library and the package that ships it, e.g. numpy.libs/libopenblas.so."""
    parts = filepath.replace("\\", "/").split("/")
    return "/".join(parts[-2:])


def blas_threads(info):
    """The thread count of numpy's own BLAS (1 if unknown)."""
    pools = [pool for pool in info.get("threadpools", []) if pool["user_api"] == "blas"]
    numpy_pools = [pool for pool in pools if pool["library"].startswith("numpy")]
    return (numpy_pools or pools or [{"num_threads": 1}])[0]["num_threads"]

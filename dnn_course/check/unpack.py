"""Turn what a student's function returned into named outputs, or say why it cannot be."""

import numpy as np

from .compare import MISSING
from .runner import WrongReturnError

SWAPPED_CACHE = ("a layer's cache holds (activation_cache, linear_cache): the parts are "
                 "swapped. It must be (linear_cache, activation_cache), in this order, the "
                 "order linear_activation_backward unpacks it.")


def kind(value):
    """'None', 'a tuple of 3 values', 'an array of shape (3, 1)', 'float', ..."""
    if value is None:
        return "None"
    if isinstance(value, tuple | list):
        return f"a {type(value).__name__} of {len(value)} values"
    if isinstance(value, np.ndarray):
        return f"an array of shape {value.shape}"
    return type(value).__name__


def as_tuple(returned, n, name, what):
    """The ``n`` values of a returned tuple, or a WrongReturnError naming what was expected."""
    if returned is None:
        raise WrongReturnError(f"Your {name} returned None: is `return {what[1:-1]}` missing?")
    if not isinstance(returned, tuple | list) or len(returned) != n:
        raise WrongReturnError(
            f"Your {name} must return {what} ({n} values), got {kind(returned)}."
        )
    return returned


def parameters_dict(returned, expected, name, what="the dict parameters"):
    """{key: value} of a returned parameters dict for the expected keys (MISSING where a key
    is absent) and the problem lines, or a WrongReturnError naming what was expected."""
    if not isinstance(returned, dict):
        raise WrongReturnError(
            f"Your {name} must return {what}, got {kind(returned)}"
            + (": is `return parameters` missing?" if returned is None else ".")
        )
    missing = [k for k in expected if k not in returned]
    problems = [(f"parameters has no {', '.join(missing)}; its keys are {sorted(returned)}.",
                 None)] if missing else []
    return {k: returned.get(k, MISSING) for k in expected}, problems


def linear_cache_outputs(cache, prefix="linear_cache"):
    """{'linear_cache.A_prev': ..., '.W': ..., '.b': ...} from a cache (A_prev, W, b)."""
    if not isinstance(cache, tuple | list) or len(cache) != 3:
        where = prefix if prefix == "linear_cache" else f"the linear_cache in {prefix}"
        raise WrongReturnError(f"{where} must be the tuple (A_prev, W, b), got {kind(cache)}.")
    return {f"{prefix}.{k}": v for k, v in zip(("A_prev", "W", "b"), cache, strict=True)}


def layer_cache(cache, where):
    """(linear_cache, Z, problems) from a layer cache (linear_cache, activation_cache).

    A cache with the two parts swapped is accepted, and the swap reported (as a diagnosis
    only: the same words for every swapped cache, so the report says them once).
    """
    if not isinstance(cache, tuple | list) or len(cache) != 2:
        raise WrongReturnError(
            f"{where} must be the pair (linear_cache, activation_cache), got {kind(cache)}."
        )
    linear_cache, Z = cache
    if isinstance(linear_cache, np.ndarray) and isinstance(Z, tuple | list):
        return Z, linear_cache, [(None, SWAPPED_CACHE)]
    return linear_cache, Z, []

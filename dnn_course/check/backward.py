"""Checkers for one layer's backward step and for the update:
linear_backward, linear_activation_backward and update_parameters."""

from ..activations import get_activation
from ..linear import linear_backward as reference_linear
from ..model import linear_activation_backward as reference_activation
from ..update import update_parameters as reference_update
from . import cases
from .compare import MISSING
from .diagnose import RECOMPUTED, dZ_mistakes, linear_backward_mistakes, recomputed
from .helpers import blame_helper
from .runner import Spec, WrongReturnError, run
from .unpack import as_tuple, kind

NAMES = ("dA_prev", "dW", "db")


def _outputs(values):
    return dict(zip(NAMES, values, strict=True))


def _unpack_three(name):
    def unpack(returned, expected):
        return _outputs(as_tuple(returned, 3, name, "(dA_prev, dW, db)")), []
    return unpack


def linear_backward(student):
    """Check ``linear_backward(dZ, linear_cache) -> (dA_prev, dW, db)``."""
    return run(Spec("linear_backward", ("dZ", "linear_cache"), cases.linear_backward_cases(),
                    lambda dZ, cache: _outputs(reference_linear(dZ, cache)),
                    _unpack_three("linear_backward"),
                    lambda dZ, cache: [(t, _outputs(v))
                                       for t, v in linear_backward_mistakes(dZ, cache)]), student)


def _activation_mistakes(dA, cache, activation):
    """One mistake in dZ, or one in the linear step, or one of each."""
    linear_cache, Z = cache
    g_backward = get_activation(activation)[1]
    Z_again = recomputed(cache).activation_cache
    dZ_variants = [(None, g_backward(dA, Z)), (RECOMPUTED, g_backward(dA, Z_again))]
    dZ_variants += dZ_mistakes(dA, Z, activation)
    dZ_variants += [(f"{RECOMPUTED} Also: {text}", dZ)
                    for text, dZ in dZ_mistakes(dA, Z_again, activation)]
    out = []
    for dZ_text, dZ in dZ_variants:
        if dZ_text is not None:
            out.append((dZ_text, _outputs(reference_linear(dZ, linear_cache))))
        for text, values in linear_backward_mistakes(dZ, linear_cache):
            out.append((f"{dZ_text} Also: {text}" if dZ_text else text, _outputs(values)))
    return out


def linear_activation_backward(student):
    """Check ``linear_activation_backward(dA, cache, activation) -> (dA_prev, dW, db)``."""
    result = run(Spec("linear_activation_backward", ("dA", "cache", "activation"),
                      cases.activation_backward_cases(),
                      lambda *args: _outputs(reference_activation(*args)),
                      _unpack_three("linear_activation_backward"), _activation_mistakes,
                      mutation_text="{names} changed in place: dZ = dA makes dZ the same "
                      "array as dA, so changing dZ changes the caller's dA; start from a "
                      "copy: dZ = np.array(dA, copy=True)"),
                 student)
    return blame_helper(result, student, ("linear_backward", linear_backward))


def _update_mistakes(parameters, grads, learning_rate):
    L = len(parameters) // 2

    def step(sign=-1, alpha=learning_rate, skip=()):
        return {k: v if k in skip else v + sign * alpha * grads[f"d{k}"]
                for k, v in parameters.items()}
    return [
        ("the update must subtract the gradient: W := W - learning_rate dW (yours adds it, "
         "which climbs the cost instead of descending).", step(sign=1)),
        ("the learning rate is missing: W := W - learning_rate dW.", step(alpha=1)),
        (f"layer {L} was not updated: a layer index off by one — update every layer "
         "l = 1..L.", step(skip=(f"W{L}", f"b{L}"))),
        ("layer 1 was not updated: a layer index off by one — update every layer l = 1..L.",
         step(skip=("W1", "b1"))),
        ("the biases were not updated: b := b - learning_rate db as well.",
         step(skip=[f"b{l}" for l in range(1, L + 1)])),
    ]


def _unpack_update(returned, expected):
    if not isinstance(returned, dict):
        raise WrongReturnError(
            f"Your update_parameters must return the new parameters dict, got {kind(returned)}"
            + (": is `return parameters` missing?" if returned is None else ".")
        )
    return {k: returned.get(k, MISSING) for k in expected}, []


def update_parameters(student):
    """Check ``update_parameters(parameters, grads, learning_rate) -> new parameters``."""
    return run(Spec("update_parameters", ("parameters", "grads", "learning_rate"),
                    cases.update_cases(), reference_update, _unpack_update, _update_mistakes,
                    mutation_text="{names} updated in place (the caller's dict was "
                    "mutated); build a new dict instead, e.g. start with "
                    "parameters = {{key: value.copy() for key, value in parameters.items()}}"),
               student)

"""Exercise 02, sections 3-4, the network: the checkers of L_model_backward and
update_parameters, each beside the known mistakes it recognises.

The backward pass's mistakes are the package's backward loop with one thing changed: dA[L],
the activations, the cache, the grads' keys, or one of the one-layer mistakes of
``ex02_layer.py`` in every layer.
"""

from ..activations import get_activation
from ..cost import dAL
from ..linear import linear_backward as reference_linear
from ..model import L_model_backward as reference_backward
from ..model import backward_layers, layer_activations
from ..update import update_parameters as reference_update
from .blame import blame_helper
from .cases import model_backward_cases, update_cases
from .compare import MISSING
from .ex02_layer import (
    DZ_MISTAKES,
    LINEAR_MISTAKES,
    RECOMPUTED,
    linear_activation_backward,
    recomputed,
)
from .mistakes import HIDDEN_SIGMOID, OUTPUT_RELU, SWAPPED
from .runner import Spec, WrongReturnError, run
from .unpack import kind, parameters_dict


# ---- L_model_backward: from dA[L] through layers L, L-1, ..., 1 -----------------------
def backward_chain(AL, Y, caches, activations, dA=None, dZ_mistake=None, linear=None):
    """The package's backward loop with one thing changed; grads (None if it cannot run).

    ``dA`` replaces dA[L]; ``dZ_mistake`` is ``(activation, f(dA, Z))`` from DZ_MISTAKES;
    ``linear`` replaces linear_backward.
    """
    def layer(dA, cache, g, compute_dA_prev):
        linear_cache, Z = cache
        mistaken = dZ_mistake is not None and dZ_mistake[0] == g
        dZ = dZ_mistake[1](dA, Z) if mistaken else get_activation(g)[1](dA, Z)
        return (linear or reference_linear)(dZ, linear_cache)

    try:
        return backward_layers(dAL(AL, Y) if dA is None else dA, caches, activations,
                               layer=layer)
    except ValueError:  # this mistake breaks the shapes on these inputs
        return None


def _shift(grads, prefixes, by):
    """The same grads with the layer number of the keys starting with ``prefixes`` moved."""
    def key(k):
        head, number = k[:2], k[2:]
        return f"{head}{int(number) + by}" if head in prefixes and number.isdigit() else k
    return {key(k): v for k, v in grads.items()}


def _backward_mistakes(AL, Y, caches):
    L = len(caches)
    lecture = layer_activations("relu", L)
    grads = reference_backward(AL, Y, caches)
    shifted_dA = ("dA keys shifted by one: grads['dA' + str(l)] is dJ/dA[l], so layer l stores "
                  "its dA_prev under dA{l-1} (keys dA0 .. dA{L-1}).")
    shifted_dW = "dW and db keys shifted by one: layer l's gradients are dW{l} and db{l}, l = 1..L."
    out = [
        ("the sign of dA[L] is flipped: dA[L] = -(Y/AL) + (1-Y)/(1-AL), so that with a sigmoid "
         "output dZ[L] = AL - Y (not Y - AL).",
         backward_chain(AL, Y, caches, lecture, dA=-dAL(AL, Y))),
        ("AL - Y is dZ[L], not dA[L]: either pass dA[L] = -(Y/AL - (1-Y)/(1-AL)) to the "
         "sigmoid backward, or start from dZ[L] = AL - Y without multiplying by sigmoid' again.",
         backward_chain(AL, Y, caches, lecture, dA=AL - Y)),
        (HIDDEN_SIGMOID, backward_chain(AL, Y, caches, ["sigmoid"] * L)),
        (OUTPUT_RELU, backward_chain(AL, Y, caches, ["relu"] * L)),
        (SWAPPED, backward_chain(AL, Y, caches, ["sigmoid"] * (L - 1) + ["relu"])),
        (RECOMPUTED, backward_chain(AL, Y, [recomputed(c) for c in caches], lecture)),
        ("grads has no dA0: store dA_prev of layer 1 as grads['dA0'] too, even though "
         "training does not use it.", {k: v for k, v in grads.items() if k != "dA0"}),
        (shifted_dA, _shift(grads, ("dA",), 1)),
        (shifted_dA, _shift(grads, ("dA",), -1)),
        (shifted_dW, _shift(grads, ("dW", "db"), -1)),
        (shifted_dW, _shift(grads, ("dW", "db"), 1)),
        ("layer 1 was skipped: a layer index off by one — backward visits l = L, L-1, ..., 1.",
         {k: v for k, v in grads.items() if k not in ("dA0", "dW1", "db1")}),
    ]
    out += [(text, backward_chain(AL, Y, caches, lecture, dZ_mistake=(g, f)))
            for text, g, f in DZ_MISTAKES]
    out += [(text, backward_chain(AL, Y, caches, lecture, linear=f))
            for text, f in LINEAR_MISTAKES]
    return [(text, outputs) for text, outputs in out if outputs is not None]


def _backward_expected(AL, Y, caches):
    grads = reference_backward(AL, Y, caches)
    return {k: grads[k] for l in range(len(caches), 0, -1) for k in (f"dW{l}", f"db{l}",
                                                                     f"dA{l - 1}")}


def _unpack_backward(returned, expected):
    if not isinstance(returned, dict):
        raise WrongReturnError(
            f"Your L_model_backward must return the dict grads, got {kind(returned)}"
            + (": is `return grads` missing?" if returned is None else ".")
        )
    missing = [k for k in expected if k not in returned]
    problems = [(f"grads has no {', '.join(missing)}; its keys are {sorted(returned)}.", None)]
    return {k: returned.get(k, MISSING) for k in expected}, problems if missing else []


def _backward_layer(name, expected, got):
    number = int(name[2:])
    l = number + 1 if name.startswith("dA") else number
    L = max(int(n[2:]) for n in expected if n.startswith("dW"))
    return f"The first wrong layer is layer {l} (backward runs from layer L = {L} down to 1)."


def L_model_backward(student):
    """Check ``L_model_backward(AL, Y, caches) -> grads`` (ReLU hidden, sigmoid output)."""
    result = run(Spec("L_model_backward", ("AL", "Y", "caches"), model_backward_cases(),
                      _backward_expected, _unpack_backward, _backward_mistakes,
                      _backward_layer), student)
    return blame_helper(result, student, ("linear_activation_backward",
                                          linear_activation_backward))


# ---- update_parameters: W := W - learning_rate dW, b := b - learning_rate db --------
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
    return parameters_dict(returned, expected, "update_parameters", "the new parameters dict")


def update_parameters(student):
    """Check ``update_parameters(parameters, grads, learning_rate) -> new parameters``."""
    return run(Spec("update_parameters", ("parameters", "grads", "learning_rate"),
                    update_cases(), reference_update, _unpack_update, _update_mistakes,
                    mutation_text="{names} updated in place (the caller's dict was "
                    "mutated); build a new dict instead, e.g. start with "
                    "parameters = {{key: value.copy() for key, value in parameters.items()}}"),
               student)

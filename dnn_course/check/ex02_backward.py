"""Exercise 02, backward propagation and the update: the checkers of linear_backward,
linear_activation_backward, L_model_backward and update_parameters, each beside the
known mistakes it recognises.

A known mistake is computed, not described: the outputs the classic error would give on
the same inputs (the package's own functions with one thing changed), with the text
that names it.
"""

import numpy as np

from ..activations import get_activation, relu, sigmoid
from ..cost import dAL
from ..linear import LinearCache
from ..linear import linear_backward as reference_linear
from ..model import L_model_backward as reference_backward
from ..model import LayerCache, backward_layers, layer_activations
from ..model import linear_activation_backward as reference_activation
from ..update import update_parameters as reference_update
from .blame import blame_helper
from .cases import (
    activation_backward_cases,
    linear_backward_cases,
    model_backward_cases,
    update_cases,
)
from .compare import MISSING
from .mistakes import HIDDEN_SIGMOID, OUTPUT_RELU, SWAPPED, TRANSPOSE, products
from .runner import Spec, WrongReturnError, run
from .unpack import as_tuple, kind, parameters_dict

NAMES = ("dA_prev", "dW", "db")
RECOMPUTED = (
    "Z recomputed instead of taken from the cache: backward must use the Z stored by "
    "forward (linear_cache, Z = cache), not W A_prev + b computed again."
)


# ---- linear_backward: dW = (1/m) dZ A_prev^T, db = (1/m) sum(dZ), dA_prev = W^T dZ ----
def _scaled(dA_factor, dW_factor, db_factor):
    def mistake(dZ, linear_cache):
        A_prev, W, _ = linear_cache
        m, n_prev = A_prev.shape[1], A_prev.shape[0]
        dA_prev, dW, db = reference_linear(dZ, linear_cache)
        f = {"1": 1, "m": m, "1/m": 1 / m, "m/n": m / n_prev}
        return dA_prev * f[dA_factor], dW * f[dW_factor], db * f[db_factor]
    return mistake


LINEAR_MISTAKES = [  # (text, (dZ, linear_cache) -> (dA_prev, dW, db))
    ("dW is missing the factor 1/m: dW = (1/m) dZ A_prev^T.", _scaled("1", "m", "1")),
    ("db is missing the factor 1/m: db = (1/m) np.sum(dZ, axis=1, keepdims=True).",
     _scaled("1", "1", "m")),
    ("dW and db are both missing the factor 1/m.", _scaled("1", "m", "m")),
    ("m is the number of examples, A_prev.shape[1] (examples are columns), not "
     "A_prev.shape[0].", _scaled("1", "m/n", "m/n")),
    ("dA_prev = W^T dZ has no 1/m (the 1/m belongs to dW and db only).",
     _scaled("1/m", "1", "1")),
    (TRANSPOSE.format("dW", "dW = (1/m) dZ A_prev^T"), lambda dZ, linear_cache: (
        linear_cache[1].T @ dZ, dZ @ linear_cache[0] / dZ.shape[1], dZ.mean(1, keepdims=True))),
    (TRANSPOSE.format("dA_prev", "dA_prev = W^T dZ"), lambda dZ, linear_cache: (
        linear_cache[1] @ dZ, *reference_linear(dZ, linear_cache)[1:])),
]


def linear_backward_mistakes(dZ, linear_cache):
    """(text, (dA_prev, dW, db)) for the usual ways to get the linear backward wrong."""
    A_prev, W, _ = linear_cache
    m = A_prev.shape[1]
    dA_prev, dW, db = reference_linear(dZ, linear_cache)
    out = []
    for text, f in LINEAR_MISTAKES:
        try:
            out.append((text, f(dZ, linear_cache)))
        except ValueError:  # this mistake cannot happen with these shapes
            continue
    out += [("db must sum over the m examples, axis=1 (one value per unit), not axis=0.",
             (dA_prev, dW, np.sum(dZ, axis=0, keepdims=True) / m)),
            ("db must sum over axis=1 only (one value per unit), not over all of dZ.",
             (dA_prev, dW, np.sum(dZ) / m))]
    out += [(TRANSPOSE.format("dW", "dW = (1/m) dZ A_prev^T"), (dA_prev, P / m, db))
            for P in products(dZ, A_prev)]
    out += [(TRANSPOSE.format("dA_prev", "dA_prev = W^T dZ"), (P, dW, db))
            for P in products(W, dZ)]
    return out


def _outputs(values):
    return dict(zip(NAMES, values, strict=True))


def _unpack_three(name):
    def unpack(returned, expected):
        return _outputs(as_tuple(returned, 3, name, "(dA_prev, dW, db)")), []
    return unpack


def linear_backward(student):
    """Check ``linear_backward(dZ, linear_cache) -> (dA_prev, dW, db)``."""
    return run(Spec("linear_backward", ("dZ", "linear_cache"), linear_backward_cases(),
                    lambda dZ, cache: _outputs(reference_linear(dZ, cache)),
                    _unpack_three("linear_backward"),
                    lambda dZ, cache: [(t, _outputs(v))
                                       for t, v in linear_backward_mistakes(dZ, cache)]), student)


# ---- linear_activation_backward: dZ = dA * g'(Z), then the linear step ---------------
DZ_MISTAKES = [  # (text, activation it applies to, dZ = f(dA, Z))
    ("relu' is wrong at Z <= 0: relu'(Z) is 1 where Z > 0 and 0 where Z <= 0, so Z = 0 "
     "must give 0 — use dA * (Z > 0), not (Z >= 0).", "relu", lambda dA, Z: dA * (Z >= 0)),
    ("relu' is wrong at Z <= 0: dZ = dA * relu'(Z) is 0 where Z <= 0, but yours passes dA "
     "through unchanged.", "relu", lambda dA, Z: dA),
    ("relu' is wrong: dZ = dA * relu'(Z) needs the derivative (1 where Z > 0, 0 where "
     "Z <= 0), not relu(Z) itself.", "relu", lambda dA, Z: dA * relu(Z)[0]),
    ("relu' is wrong at Z <= 0: the mask must come from the cached Z (0 where Z <= 0), "
     "not from the sign of dA.", "relu", lambda dA, Z: np.maximum(dA, 0)),
    ("sigmoid' is wrong: sigmoid'(Z) = s (1 - s) with s = sigmoid(Z), not s.", "sigmoid",
     lambda dA, Z: dA * sigmoid(Z)[0]),
    ("sigmoid' is wrong: the cache holds Z, not A, so sigmoid'(Z) = s (1 - s) needs "
     "s = sigmoid(Z) first.", "sigmoid", lambda dA, Z: dA * Z * (1 - Z)),
    ("dZ = dA * g'(Z): the factor g'(Z) is missing.", "sigmoid", lambda dA, Z: dA),
    ("relu used where activation='sigmoid': the output layer is sigmoid, so "
     "dZ = dA * s (1 - s).", "sigmoid", lambda dA, Z: get_activation("relu")[1](dA, Z)),
    ("sigmoid used where activation='relu' (in a hidden layer): hidden layers are ReLU, "
     "so dZ = dA * relu'(Z).", "relu", lambda dA, Z: get_activation("sigmoid")[1](dA, Z)),
]


def dZ_mistakes(dA, Z, activation):
    """(text, dZ) for the mistakes that apply to this activation."""
    return [(text, f(dA, Z)) for text, g, f in DZ_MISTAKES if g == activation]


def recomputed(cache):
    """The same cache with Z replaced by W A_prev + b (what a student recomputes)."""
    A_prev, W, b = cache.linear_cache
    return LayerCache(LinearCache(A_prev, W, b), W @ A_prev + b)


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
                      activation_backward_cases(),
                      lambda *args: _outputs(reference_activation(*args)),
                      _unpack_three("linear_activation_backward"), _activation_mistakes,
                      mutation_text="{names} changed in place: dZ = dA makes dZ the same "
                      "array as dA, so changing dZ changes the caller's dA; start from a "
                      "copy: dZ = np.array(dA, copy=True)"),
                 student)
    return blame_helper(result, student, ("linear_backward", linear_backward))


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

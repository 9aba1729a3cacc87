"""Guards: every input check of the engine, each written once, in the lecture's terms.

A guard returns what it was given as checked arrays (2-D, numeric, of the lecture's shapes)
or raises an error naming the argument, what was expected, what came and the fix, e.g.
"X has 209 rows but W1 expects 12288 input features — examples are columns: ...". Guards
only read: valid input gives the same numbers with or without them.

Where a check goes: a function a student calls opens with one guard line, or, if the engine
also calls it on arrays it has already checked, carries ``@checked_by(guard)``. Such a
function's ``.unchecked`` form is the lecture's equations alone; the engine calls that one
inside a public call and in a training loop, after one check on entry, and never on input
it did not check itself.
"""

import functools
import inspect
import numbers
import re

import numpy as np

MAX_LAYER_DIGITS = 6  # W999999 is already far past any network: longer l is refused

def checked_by(guard, **known):
    """Decorate a function: a call checks its first arguments with ``guard`` (``known``
    holds the keyword-only facts it checks against), then runs the function on what the
    guard returned. ``f.unchecked`` is the function itself, for arrays already checked."""
    def decorate(equations):
        signature = inspect.signature(equations)
        checks = inspect.signature(guard).parameters.values()
        n = sum(p.kind is p.POSITIONAL_OR_KEYWORD for p in checks)  # arguments it checks

        @functools.wraps(equations)
        def checked(*args, **kwargs):
            try:
                bound = signature.bind(*args, **kwargs)
            except TypeError:  # a missing or unknown argument: Python's own message
                return equations(*args, **kwargs)
            bound.apply_defaults()
            return equations(*guard(*bound.args[:n], **known), *bound.args[n:])

        checked.unchecked = equations
        return checked

    return decorate


# ---- numbers and names ---------------------------------------------------------------------
def is_integer(value):
    """An int (numpy's too), but not True or False, which Python also counts as ints."""
    return isinstance(value, numbers.Integral) and not isinstance(value, bool)


def is_real(value):
    """A real number (numpy's too), but not True or False."""
    return isinstance(value, numbers.Real) and not isinstance(value, bool)


def shown(value, width=60):
    """``repr(value)`` for a message, at most ``width`` characters; an integer too long to
    print (Python refuses past 4300 digits) is named by its number of digits."""
    if is_integer(value) and abs(value).bit_length() > 3 * width:
        return f"an integer of {int(abs(value).bit_length() * 0.30103) + 1} digits or so"
    text = repr(value)
    return text if len(text) <= width else text[:width - 1] + "…"


def check_integer(name, value, least, what="", most=None):
    """Raise unless ``value`` is an integer from ``least`` to ``most`` (None: no limit)."""
    if not is_integer(value) or value < least or most is not None and value > most:
        span = f">= {least}" if most is None else f"from {least} to {most}"
        raise ValueError(f"{name} must be an integer {span}{what}, got {shown(value)}")


def integer_text(name, text, most):
    """The integer a box's ``text`` holds, e.g. "8"; digits only, at most those of ``most``
    (a longer number is refused before Python converts it)."""
    if not text.isdecimal():
        raise ValueError(f"{name} must be a whole number like 8, got {shown(text)}")
    if len(text) > len(str(most)):
        raise ValueError(f"{name} must be at most {most}, got a number of {len(text)} digits")
    return int(text)


def check_positive(name, value):
    """Raise unless ``value`` is a finite real number > 0."""
    if not is_real(value):
        raise TypeError(f"{name} must be a number, got {type(value).__name__}")
    if not 0 < value < np.inf:
        raise ValueError(f"{name} must be > 0 and finite, got {value}")


def check_choice(what, name, choices, other="choose one of"):
    """Raise unless ``name`` is one of ``choices`` (``other`` says what else would do)."""
    if not isinstance(name, str) or name not in choices:
        raise ValueError(f"unknown {what} {name!r}; {other} {', '.join(map(repr, choices))}")


# ---- the lecture's shapes: X, A, Z, dA, dZ have one column per example; W, b fit the layers
SHAPES = {
    "X": "(n_x, m)", "A_prev": "(n[l-1], m)", "A": "(n[l], m)", "Z": "(n[l], m)",
    "AL": "(1, m)", "Y": "(1, m)", "predictions": "(1, m)",
    "W": "(n[l], n[l-1])", "b": "(n[l], 1)",
}


def shape_of(name, l=None):
    """The lecture's shape of an array: shape_of("W3") = "(n[3], n[2])", shape_of("dZ") =
    "(n[l], m)"; ``l`` puts a layer number in a name without one."""
    base, number = re.fullmatch(r"d?(\w+?)([0-9]*)", name).groups()
    shape, l = SHAPES[base], number or l
    if l:
        shape = shape.replace("[l-1]", f"[{int(l) - 1}]").replace("[l]", f"[{l}]")
    return shape


def layer_shapes(layers_dims):
    """{"W1": (n[1], n[0]), "b1": (n[1], 1), ...}: the shapes layers_dims gives W[l], b[l]."""
    return {key: shape for l in range(1, len(layers_dims))
            for key, shape in ((f"W{l}", (layers_dims[l], layers_dims[l - 1])),
                               (f"b{l}", (layers_dims[l], 1)))}


def check_fit(W_name, W, b, n_prev, because, where=""):
    """Raise unless the shape W is (n[l], n[l-1]), n[l] >= 1, with n[l-1] = ``n_prev`` (if
    known; ``because`` says why) and b is (n[l], 1); ``where`` starts each message."""
    b_name = W_name.replace("W", "b")
    if len(W) != 2 or 0 in W or n_prev is not None and W[1] != n_prev:
        fits = f" = ({W[0]}, {n_prev})" if len(W) == 2 and W[0] and n_prev else ""
        raise ValueError(f"{where}{W_name} has shape {W} but {because}: {W_name} must be "
                         f"{shape_of(W_name)}{fits}")
    if b != (W[0], 1):
        raise ValueError(f"{where}{b_name} has shape {b} but {W_name} has {W[0]} rows: {b_name} "
                         f"must be {shape_of(b_name)} = ({W[0]}, 1), one bias per unit, "
                         "broadcast over the m columns")


def check_chain(shapes, n_x=None, where=""):
    """Raise unless shapes["W1"], shapes["b1"], ... chain: W[l] (n[l], n[l-1]), b[l] (n[l], 1),
    with n[0] = ``n_x`` (the rows of X) if given; ``where`` starts each message (a file name)."""
    n_prev = n_x
    for l in range(1, len(shapes) // 2 + 1):
        W = tuple(shapes[f"W{l}"])
        because = (f"layer {l - 1} has n[{l - 1}] = {n_prev} units" if n_prev is not None
                   else "a layer has at least one unit and one input")
        check_fit(f"W{l}", W, tuple(shapes[f"b{l}"]), n_prev, because, where)
        n_prev = W[0]


# ---- arrays ---------------------------------------------------------------------------------
def as_matrix(name, value, shape=None):
    """``value`` as a 2-D numeric numpy array, or an error naming ``name`` and its ``shape``
    (by default the lecture's, ``shape_of(name)``)."""
    shape = shape or shape_of(name)
    if value is None or isinstance(value, str | dict):
        raise TypeError(f"{name} must be a numpy array of shape {shape}, "
                        f"got {type(value).__name__}")
    try:  # np.asarray also turns an np.matrix into an array, so that * stays element-wise
        value = np.asarray(value, dtype=None if isinstance(value, np.ndarray) else float)
    except TypeError:  # complex numbers or objects: named below
        value = np.asarray(value)
    if np.issubdtype(value.dtype, np.complexfloating):
        raise TypeError(f"{name} holds complex numbers (dtype {value.dtype}); the lecture's "
                        f"arrays are real: pass {name}.real if every imaginary part is 0")
    if not np.issubdtype(value.dtype, np.number):
        raise TypeError(f"{name} must hold numbers, got an array of dtype {value.dtype}")
    if value.ndim != 2:
        fix = ""
        if value.ndim == 1 and shape.startswith("(1,"):
            fix = f" — use {name}.reshape(1, -1) for a row"
        elif value.ndim == 1 and shape.endswith(", 1)"):
            fix = f" — use {name}.reshape(-1, 1) for a column"
        raise ValueError(f"{name} must be a 2-D array of shape {shape}, "
                         f"got shape {value.shape}{fix}")
    return value


def check_finite(name, value, why="every layer after it would be NaN too — check the data "
                                   "or lower the learning rate"):
    """Raise if ``value`` holds NaN or inf: they would spread to every later layer."""
    with np.errstate(over="ignore", invalid="ignore"):
        total = value.sum()  # cheap: a NaN or inf anywhere makes the sum non-finite
    if not np.isfinite(total) and not np.isfinite(value).all():
        bad = int(value.size - np.isfinite(value).sum())
        raise ValueError(f"{name} contains NaN or inf ({bad} of {value.size} entries); {why}")


def check_features(X, n_x, source):
    """X as an (n_x, m) array: one column per example, the n_x features ``source`` expects."""
    X = as_matrix("X", X)
    if X.shape[0] != n_x:
        fix = ": pass X.T" if X.shape[1] == n_x else ""
        raise ValueError(f"X has {X.shape[0]} rows but {source} expects {n_x} input features "
                         f"— examples are columns: X must be {shape_of('X')} = ({n_x}, m), got "
                         f"{X.shape}{fix}")
    return X


def as_binary(name, value, hint):
    """``value`` as a 2-D array of 0/1 labels (True/False count as 1/0), or raise."""
    if isinstance(value, np.ndarray) and value.dtype.kind == "b":  # True/False labels
        value = value.astype(float)
    value = as_matrix(name, value)
    if not np.isin(value, (0, 1)).all():
        odd = np.unique(value[~np.isin(value, (0, 1))])[:5]
        raise ValueError(f"{name} must hold binary labels 0 or 1{hint}; found {odd}")
    return value


def check_labels(Y, AL, other="AL"):
    """Y as a (1, m) row of 0/1 labels, one column per example, like ``AL``."""
    Y = as_binary("Y", Y, " (the output is one sigmoid unit)")
    if Y.shape != AL.shape:
        transposed = Y.shape == AL.shape[::-1] or Y.shape[::-1] == AL.shape
        raise ValueError(
            f"Y has shape {Y.shape} but {other} has shape {AL.shape}: labels must be a row "
            f"{shape_of('Y')} with one column per example"
            + (" — examples are columns: use Y.reshape(1, -1)" if transposed else "")
        )
    return Y


def check_predictions(predictions, Y):
    """(predictions, Y): two (1, m) rows of 0/1 labels, predictions from ``predict``."""
    predictions = as_binary("predictions", predictions, " — pass predict(X, parameters), not AL")
    Y = check_labels(Y, predictions, other="predictions")
    check_examples("predictions", predictions, "the accuracy, correct / m, is an")
    return predictions, Y


def check_examples(name, value, averaged):
    """Raise if ``value`` has m = 0 columns: ``averaged`` divides by m."""
    if value.shape[1] == 0:
        raise ValueError(f"{name} has m = 0 examples (shape {value.shape}): {averaged} "
                         "average over m, so they need at least one column (one example)")


def check_output(AL, Y, *, probabilities=False):
    """(AL, Y): AL a finite (1, m) array, m >= 1 (in [0, 1] with ``probabilities``), Y 0/1."""
    AL = as_matrix("AL", AL)
    Y = check_labels(Y, AL)
    check_examples("AL", AL, "the cost J = -(1/m) sum(...) and the gradients dW, db")
    check_finite("AL", AL, "AL = sigmoid(Z[L]) is a probability, so a NaN came from NaN in X "
                           "or W[l], or from a training run that diverged")
    if probabilities and not ((AL >= 0) & (AL <= 1)).all():
        raise ValueError(f"AL must hold probabilities in [0, 1] (the sigmoid output), got "
                         f"values from {np.nanmin(AL)} to {np.nanmax(AL)}")
    return AL, Y


# ---- one layer: W[l] is (n[l], n[l-1]), b[l] is (n[l], 1), caches are what forward returned
def check_layer(A_prev, W, b):
    """A_prev (n[l-1], m), W (n[l], n[l-1]) and b (n[l], 1) as arrays for Z = W A_prev + b."""
    A_prev, W, b = as_matrix("A_prev", A_prev), as_matrix("W", W), as_matrix("b", b)
    rows = A_prev.shape[0]
    check_fit("W", W.shape, b.shape, rows, f"A_prev has {rows} rows (A_prev is "
              f"{shape_of('A_prev')}, one column per example)")
    return A_prev, W, b


def check_activation_layer(A_prev, W, b, activation, *, choices):
    """The arrays as ``check_layer`` reads them, and g[l] = ``activation``, one of ``choices``."""
    check_choice("activation", activation, choices)
    return (*check_layer(A_prev, W, b), activation)


def _wrong(name, value, expected):
    """A TypeError for ``value`` in place of ``expected``; a cache one level up names the field."""
    field = f" — pass cache.{name}" if name in getattr(value, "_fields", ()) else ""
    return TypeError(f"{name} must be {expected}; you passed a {type(value).__name__}{field}")


def check_cache(name, cache, fields, origin):
    """O(1): ``cache`` itself, if it is the tuple ``fields`` that ``origin`` returned."""
    if not (isinstance(cache, tuple | list) and len(cache) == len(fields)):
        raise _wrong(name, cache, f"({', '.join(fields)}) from {origin}")
    return cache


def check_dZ(dZ, linear_cache):
    """(dZ, linear_cache): dZ an array of the shape of this layer's Z, (n[l], m)."""
    A_prev, W, _ = check_cache("linear_cache", linear_cache, ("A_prev", "W", "b"),
                               "linear_forward")
    dZ = as_matrix("dZ", dZ)
    check_examples("dZ", dZ, "dW = (1/m) dZ A_prev^T and db = (1/m) sum(dZ)")
    if dZ.shape != (W.shape[0], A_prev.shape[1]):
        raise ValueError(f"dZ has shape {dZ.shape} but this layer's Z was {shape_of('Z')} = "
                         f"({W.shape[0]}, {A_prev.shape[1]}): dZ must have the shape of Z")
    return dZ, linear_cache


def check_dA(dA, activation_cache):
    """(dA, activation_cache): dA and the cached Z, two arrays of one shape (n[l], m)."""
    if not isinstance(dA, np.ndarray):
        raise _wrong("dA", dA, f"a numpy array of shape {shape_of('dA')}")
    if not isinstance(activation_cache, np.ndarray):
        raise _wrong("activation_cache", activation_cache, "the Z array cached by forward")
    if dA.shape != activation_cache.shape:
        raise ValueError(f"dA has shape {dA.shape} but the cached Z has shape "
                         f"{activation_cache.shape}; they are combined element-wise, so their "
                         "shapes must be equal")
    return dA, activation_cache


def check_layer_backward(dA, cache, activation, *, choices):
    """(dA, cache, activation): a LayerCache from forward, dA of its Z's shape, g[l] known."""
    check_choice("activation", activation, choices)
    linear_cache, Z = check_cache("cache", cache, ("linear_cache", "activation_cache"),
                                  "linear_activation_forward")
    check_dA(dA, Z)
    check_dZ(Z, linear_cache)  # dZ = dA * g'(Z) has the shape of Z
    return dA, cache, activation


# ---- the network: W1, b1, ..., WL, bL, and X -> layer 1 -> ... -> layer L ---------------
def num_layers(parameters, prefix=""):
    """L for a dict holding W1, b1, ..., WL, bL (or dW1, db1, ... with prefix "d")."""
    if not isinstance(parameters, dict):
        raise TypeError(f"parameters must be a dict like {{'W1': ..., 'b1': ...}}, "
                        f"got {type(parameters).__name__}")
    layer_keys = [re.fullmatch(prefix + r"[Wb]([0-9]+)", str(key)) for key in parameters]
    for match in filter(None, layer_keys):
        if len(match[1]) > MAX_LAYER_DIGITS:
            raise ValueError(f"{shown(match[0], 20)}: a layer number l of {len(match[1])} "
                             f"digits; the keys are W1, b1, ..., WL, bL with L a few layers")
    L = max((int(match[1]) for match in layer_keys if match), default=0)
    if L == 0:
        raise ValueError(f"no {prefix}W1 found; keys present: {sorted(parameters)}")
    for key in (f"{prefix}{p}{l}" for l in range(1, L + 1) for p in "Wb"):
        if key not in parameters:
            raise KeyError(f"{key} is missing: a network with {L} layers needs {prefix}W1.."
                           f"{prefix}W{L} and {prefix}b1..{prefix}b{L}; keys present: "
                           f"{sorted(parameters)}")
    return L


def check_parameters(parameters):
    """W1, b1, ..., WL, bL (and nothing else) as 2-D arrays, in a new dict."""
    L = num_layers(parameters)
    return {key: as_matrix(key, parameters[key]) for l in range(1, L + 1)
            for key in (f"W{l}", f"b{l}")}


def check_network(X, parameters, hidden_activation, *, choices):
    """(X, parameters, hidden_activation): X (n_x, m); every W[l] (n[l], n[l-1]), b[l]
    (n[l], 1) with n[0] = n_x, all finite; g[1..L-1] named from ``choices``."""
    parameters = check_parameters(parameters)
    X = check_features(X, parameters["W1"].shape[1], "W1")
    check_finite("X", X)
    check_chain({key: value.shape for key, value in parameters.items()}, n_x=X.shape[0])
    for key, value in parameters.items():
        check_finite(key, value)
    L = len(parameters) // 2
    return X, parameters, check_hidden_activation(hidden_activation, L, choices)


def check_hidden_activation(hidden_activation, L, choices):
    """g[1..L-1]: one name (of ``choices``) for every hidden layer, or one per hidden layer."""
    names = hidden_activation
    if isinstance(names, str):
        names = [names] * (L - 1)
    if not isinstance(names, list | tuple):
        raise TypeError(f"hidden_activation must be one name ({', '.join(map(repr, choices))}) "
                        f"or a list of L - 1 = {L - 1} names, one per hidden layer; got "
                        f"{hidden_activation!r}")
    if len(names) != L - 1:
        raise ValueError(f"hidden_activation lists {len(names)} names but this network has "
                         f"L - 1 = {L - 1} hidden layers: give one name, or one per hidden layer")
    for name in names:
        check_choice("activation", name, choices)
    return list(names)


def check_layer_activations(hidden_activation, L, *, choices):
    """(g[1..L-1] as a list, L): the names ``check_hidden_activation`` reads, and L >= 1."""
    check_integer("L", L, 1, " (the number of layers)")
    return check_hidden_activation(hidden_activation, L, choices), L


def check_caches(AL, Y, caches, hidden_activation, *, choices):
    """(AL, Y, caches, hidden_activation): AL (1, m) and ``caches``, the list of L layer
    caches forward returned with it; Y (1, m) of 0/1; g[1..L-1] named from ``choices``."""
    AL = as_matrix("AL", AL)
    L = len(caches) if isinstance(caches, list | tuple) else 0
    if L == 0 or np.shape(caches[-1][1]) != AL.shape:
        raise ValueError("caches must be the list returned by L_model_forward with this AL")
    AL, Y = check_output(AL, Y)
    hidden_activation = check_hidden_activation(hidden_activation, L, choices)
    for cache in caches:
        linear_cache, Z = check_cache("cache", cache, ("linear_cache", "activation_cache"),
                                      "linear_activation_forward")
        if not isinstance(Z, np.ndarray):
            raise _wrong("activation_cache", Z, "the Z array cached by forward")
        check_dZ(Z, linear_cache)
    return AL, Y, caches, hidden_activation


def check_update(parameters, grads, learning_rate):
    """(parameters, grads, learning_rate): W[l], b[l] and dW[l], db[l] as arrays of equal
    shapes (only those keys), learning_rate a number > 0."""
    check_positive("learning_rate", learning_rate)
    L = num_layers(parameters)
    num_layers(grads, prefix="d")
    values, gradients = {}, {}
    for key in (f"{p}{l}" for l in range(1, L + 1) for p in "Wb"):
        if f"d{key}" not in grads:
            raise KeyError(f"d{key} is missing from grads; parameters has {key}")
        value = as_matrix(key, parameters[key], shape_of(key[0]))
        gradient = as_matrix(f"d{key}", grads[f"d{key}"], f"the shape of {key}")
        if gradient.shape != value.shape:
            raise ValueError(f"d{key} has shape {gradient.shape} but {key} has shape "
                             f"{value.shape}: a gradient has the shape of its parameter")
        values[key], gradients[f"d{key}"] = value, gradient
    return values, gradients, learning_rate


# ---- training: layer_dims, the data, and parameters to continue from ----------------------
def check_layer_dims(layer_dims, two_layer=False):
    """layer_dims = [n[0], n[1], ..., n[L]] as a list of at least two positive ints
    (exactly three, (n_x, n_h, n_y), for the ``two_layer`` model)."""
    if isinstance(layer_dims, str | bytes) or not hasattr(layer_dims, "__len__"):
        raise TypeError(f"layer_dims must be a list like [n_x, n_1, 1], got {layer_dims!r}")
    if len(layer_dims) < 2:
        raise ValueError(f"layer_dims needs at least two entries [n_x, ..., n[L]] (the input "
                         f"size and the output size), got {list(layer_dims)}")
    for l, n in enumerate(layer_dims):
        check_integer(f"layer_dims[{l}]", n, 1, " (every layer size n[l])")
    layer_dims = [int(n) for n in layer_dims]
    if two_layer and len(layer_dims) != 3:
        raise ValueError(f"layers_dims must be (n_x, n_h, n_y) for the 2-layer model, got "
                         f"{layer_dims}; use L_layer_model for other depths")
    return layer_dims


def check_step(X, Y, parameters, learning_rate, hidden_activation, *, choices):
    """(X, Y, parameters, learning_rate, hidden_activation) for one training step: the
    network as ``check_network`` reads it, Y a (1, m) row of 0/1, m >= 1, learning_rate > 0."""
    X, parameters, hidden_activation = check_network(X, parameters, hidden_activation,
                                                     choices=choices)
    Y = check_labels(Y, np.empty((1, X.shape[1])))
    check_examples("X", X, "the cost J and the gradients")
    check_positive("learning_rate", learning_rate)
    return X, Y, parameters, learning_rate, hidden_activation


def check_training(X, Y, layers_dims, learning_rate, num_iterations, hidden_activation,
                   parameters, callback_every, *, choices):
    """(X, Y, layers_dims, parameters) for a training run: X (n_x, m), finite, with
    n_x = layers_dims[0]; Y a (1, m) row of 0/1; parameters to continue from (or None) as
    ``check_start`` reads them; g[1..L-1] named from ``choices``."""
    layers_dims = check_layer_dims(layers_dims)
    X = check_features(X, layers_dims[0], "layers_dims[0]")
    Y = check_labels(Y, np.empty((1, X.shape[1])))
    check_examples("X", X, "the cost J and the gradients")
    check_positive("learning_rate", learning_rate)
    check_integer("num_iterations", num_iterations, 0)
    check_integer("callback_every", callback_every, 1)
    check_scale(X)
    check_finite("X", X)
    check_hidden_activation(hidden_activation, len(layers_dims) - 1, choices)
    if parameters is not None:
        parameters = check_start(parameters, layers_dims)
    return X, Y, layers_dims, parameters


MAX_FEATURE = 1e6  # |X| beyond this saturates every unit from the start


def check_scale(X):
    """Refuse features so large that Z = W X + b saturates or overflows from the start.

    With W[1] of scale 1/sqrt(n_x), |X| ~ 1e6 gives Z[1] ~ 1e6: sigmoid and tanh units are
    exactly 0 or 1 (g'(Z) = 0, nothing learns) and deeper layers overflow to inf.
    """
    largest = float(np.abs(X).max(initial=0))
    if largest > MAX_FEATURE:
        raise ValueError(
            f"X holds values up to {largest:.3g}: Z = W X + b would saturate every unit (g'(Z)"
            f" = 0) or overflow float64 — scale the features to about [-1, 1] first (e.g. "
            "X / np.abs(X).max(), or standardise each row: (X - mean) / std)")


def check_start(parameters, layers_dims):
    """Parameters to continue from, if they fit layers_dims: W[l] (n[l], n[l-1]), b[l] (n[l], 1)."""
    if num_layers(parameters) != len(layers_dims) - 1:
        raise ValueError(f"parameters has L = {num_layers(parameters)} layers but layers_dims = "
                         f"{layers_dims} has {len(layers_dims) - 1}: pass the layers_dims they "
                         "were made with")
    start = {}
    for key, shape in layer_shapes(layers_dims).items():
        start[key] = as_matrix(key, parameters[key], str(shape))
        if start[key].shape != shape:
            raise ValueError(f"parameters[{key!r}] has shape {start[key].shape} but "
                             f"layers_dims = {layers_dims} needs {shape}: pass the "
                             "layers_dims they were made with")
        check_finite(key, start[key])
    return start


def check_init_scale(scale, choices):
    """The standard deviation of W[l]: a finite number > 0, or a name from ``choices``."""
    if isinstance(scale, str):
        check_choice("scale", scale, choices, "use a positive number such as 0.01, or one of")
    elif not is_real(scale) or not 0 < scale < np.inf:
        raise ValueError(f"scale must be a finite positive number, 'xavier' or 'he', got {scale!r}")
    return scale


def check_rng(rng):
    """A Generator, a legacy RandomState, an int seed or None."""
    if not (rng is None or isinstance(rng, np.random.Generator | np.random.RandomState)
            or is_integer(rng)):
        raise TypeError("rng must be a numpy.random.Generator, a numpy.random.RandomState, an "
                        f"int seed or None, got {type(rng).__name__}")
    return rng

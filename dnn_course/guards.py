"""Guards: every input check of the engine, each written once, in the lecture's terms.

An engine function opens with a guard line or two, then the lecture's equations. A guard
returns its input as the equations read it (a 2-D numeric array, the number of layers L)
or raises an error naming the argument, what was expected, what came and the fix, e.g.
"X has 209 rows but W1 expects 12288 input features — examples are columns: ...". Guards
only read: valid input gives the same numbers with or without them, so ``checks_skipped()``
switches them off for inputs already checked (a training step's later iterations).
"""

import contextlib
import contextvars
import numbers
import re

import numpy as np

_SKIP = contextvars.ContextVar("skip_checks", default=False)
MAX_LAYER_DIGITS = 6  # W999999 is already far past any network: longer l is refused


@contextlib.contextmanager
def checks_skipped(skip=True):
    """Inside this block (when ``skip`` is true) the guards return their input at once."""
    token = _SKIP.set(skip)
    try:
        yield
    finally:
        _SKIP.reset(token)


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


# ---- arrays: X, A, Z, dA, dZ are 2-D with one column per example; W, b are 2-D too -------
def as_matrix(name, value, shape):
    """``value`` as a 2-D numeric numpy array, or an error naming ``name`` and its ``shape``."""
    if _SKIP.get():
        return value
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
    if _SKIP.get():
        return
    with np.errstate(over="ignore", invalid="ignore"):
        total = value.sum()  # cheap: a NaN or inf anywhere makes the sum non-finite
    if not np.isfinite(total) and not np.isfinite(value).all():
        bad = int(value.size - np.isfinite(value).sum())
        raise ValueError(f"{name} contains NaN or inf ({bad} of {value.size} entries); {why}")


def check_features(X, n_x, source):
    """X as an (n_x, m) array: one column per example, the n_x features ``source`` expects."""
    X = as_matrix("X", X, "(n_x, m)")
    if not _SKIP.get() and X.shape[0] != n_x:
        fix = ": pass X.T" if X.shape[1] == n_x else ""
        raise ValueError(f"X has {X.shape[0]} rows but {source} expects {n_x} input features "
                         f"— examples are columns: X must be (n_x, m) = ({n_x}, m), got "
                         f"{X.shape}{fix}")
    return X


def as_binary(name, value, hint):
    """``value`` as a 2-D array of 0/1 labels (True/False count as 1/0), or raise."""
    if isinstance(value, np.ndarray) and value.dtype.kind == "b":  # True/False labels
        value = value.astype(float)
    value = as_matrix(name, value, "(1, m)")
    if not np.isin(value, (0, 1)).all():
        odd = np.unique(value[~np.isin(value, (0, 1))])[:5]
        raise ValueError(f"{name} must hold binary labels 0 or 1{hint}; found {odd}")
    return value


def check_labels(Y, AL, other="AL"):
    """Y as a (1, m) row of 0/1 labels, one column per example, like ``AL``."""
    if _SKIP.get():
        return Y
    Y = as_binary("Y", Y, " (the output is one sigmoid unit)")
    if Y.shape != AL.shape:
        transposed = Y.shape == AL.shape[::-1] or Y.shape[::-1] == AL.shape
        raise ValueError(
            f"Y has shape {Y.shape} but {other} has shape {AL.shape}: labels must be a row "
            "(1, m) with one column per example"
            + (" — examples are columns: use Y.reshape(1, -1)" if transposed else "")
        )
    return Y


def check_examples(name, value, averaged):
    """Raise if ``value`` has m = 0 columns: ``averaged`` divides by m."""
    if not _SKIP.get() and value.shape[1] == 0:
        raise ValueError(f"{name} has m = 0 examples (shape {value.shape}): {averaged} "
                         "average over m, so they need at least one column (one example)")


def check_output(AL, Y, probabilities=False):
    """(AL, Y): AL a finite (1, m) array, m >= 1 (in [0, 1] with ``probabilities``), Y 0/1."""
    AL = as_matrix("AL", AL, "(1, m)")
    Y = check_labels(Y, AL)
    check_examples("AL", AL, "the cost J = -(1/m) sum(...) and the gradients dW, db")
    check_finite("AL", AL, "AL = sigmoid(Z[L]) is a probability, so a NaN came from NaN in X "
                           "or W[l], or from a training run that diverged")
    if probabilities and not ((AL >= 0) & (AL <= 1)).all():
        raise ValueError(f"AL must hold probabilities in [0, 1] (the sigmoid output), got "
                         f"values from {np.nanmin(AL)} to {np.nanmax(AL)}")
    return AL, Y


# ---- one layer: W[l] is (n[l], n[l-1]), b[l] is (n[l], 1), caches are what forward returned
def check_weights(W, b, n_prev, l="l", source="A_prev"):
    """W and b as arrays that fit after a layer of ``n_prev`` units (``source`` says which)."""
    W_name, b_name = ("W", "b") if l == "l" else (f"W{l}", f"b{l}")
    prev = "l-1" if l == "l" else l - 1
    W, b = as_matrix(W_name, W, f"(n[{l}], n[{prev}])"), as_matrix(b_name, b, f"(n[{l}], 1)")
    if W.shape[1] != n_prev:
        raise ValueError(f"{W_name} has shape {W.shape} but {source}: {W_name} must be "
                         f"(n[{l}], n[{prev}]) = ({W.shape[0]}, {n_prev})")
    if b.shape != (W.shape[0], 1):
        raise ValueError(f"{b_name} has shape {b.shape} but {W_name} has {W.shape[0]} rows: "
                         f"{b_name} must be (n[{l}], 1) = ({W.shape[0]}, 1), one bias per unit, "
                         "broadcast over the m columns")
    return W, b


def check_layer(A_prev, W, b):
    """A_prev (n[l-1], m), W (n[l], n[l-1]) and b (n[l], 1) as arrays for Z = W A_prev + b."""
    if _SKIP.get():
        return A_prev, W, b
    A_prev = as_matrix("A_prev", A_prev, "(n[l-1], m)")
    rows = A_prev.shape[0]
    source = f"A_prev has {rows} rows (A_prev is (n[l-1], m), one column per example)"
    return (A_prev, *check_weights(W, b, rows, source=source))


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
    """(dZ, (A_prev, W, b)): dZ an array of the shape of this layer's Z, (n[l], m)."""
    A_prev, W, b = check_cache("linear_cache", linear_cache, ("A_prev", "W", "b"),
                               "linear_forward")
    if _SKIP.get():
        return dZ, (A_prev, W, b)
    dZ = as_matrix("dZ", dZ, "(n[l], m)")
    check_examples("dZ", dZ, "dW = (1/m) dZ A_prev^T and db = (1/m) sum(dZ)")
    if dZ.shape != (W.shape[0], A_prev.shape[1]):
        raise ValueError(f"dZ has shape {dZ.shape} but this layer's Z was (n[l], m) = "
                         f"({W.shape[0]}, {A_prev.shape[1]}): dZ must have the shape of Z")
    return dZ, (A_prev, W, b)


def check_dA(dA, activation_cache):
    """The cached Z, if dA and Z are two arrays of one shape (n[l], m), as dA * g'(Z) needs."""
    Z = activation_cache
    if _SKIP.get():
        return Z
    if not isinstance(dA, np.ndarray):
        raise _wrong("dA", dA, "a numpy array of shape (n[l], m)")
    if not isinstance(Z, np.ndarray):
        raise _wrong("activation_cache", Z, "the Z array cached by forward")
    if dA.shape != Z.shape:
        raise ValueError(f"dA has shape {dA.shape} but the cached Z has shape {Z.shape}; "
                         "they are combined element-wise, so their shapes must be equal")
    return Z


# ---- the network: W1, b1, ..., WL, bL, and X -> layer 1 -> ... -> layer L ---------------
def num_layers(parameters, prefix=""):
    """L for a dict holding W1, b1, ..., WL, bL (or dW1, db1, ... with prefix "d")."""
    if _SKIP.get():
        return sum(1 for key in parameters if key.startswith(prefix + "W"))
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


def check_network(X, parameters):
    """(X, L): X (n_x, m) and every W[l] (n[l], n[l-1]), b[l] (n[l], 1), with n[0] = n_x."""
    L = num_layers(parameters)
    if _SKIP.get():
        return X, L
    X = check_features(X, as_matrix("W1", parameters["W1"], "(n[1], n[0])").shape[1], "W1")
    check_finite("X", X)
    n_prev = X.shape[0]
    for l in range(1, L + 1):
        W, b = check_weights(parameters[f"W{l}"], parameters[f"b{l}"], n_prev, l,
                             f"layer {l - 1} has n[{l - 1}] = {n_prev} units")
        check_finite(f"W{l}", W)
        check_finite(f"b{l}", b)
        n_prev = W.shape[0]
    return X, L


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


def check_caches(AL, caches):
    """(AL, L): AL (1, m) and ``caches``, the list of L layer caches forward returned with it."""
    AL = as_matrix("AL", AL, "(1, m)")
    L = len(caches) if isinstance(caches, list | tuple) else 0
    if L == 0 or np.shape(caches[-1][1]) != AL.shape:
        raise ValueError("caches must be the list returned by L_model_forward with this AL")
    return AL, L


def check_update(parameters, grads, learning_rate):
    """(L, parameters, grads): W[l], b[l] and dW[l], db[l] as arrays of equal shapes."""
    if _SKIP.get():
        return num_layers(parameters), parameters, grads
    check_positive("learning_rate", learning_rate)
    L = num_layers(parameters)
    num_layers(grads, prefix="d")
    values, gradients = {}, {}
    for key in (f"{p}{l}" for l in range(1, L + 1) for p in "Wb"):
        if f"d{key}" not in grads:
            raise KeyError(f"d{key} is missing from grads; parameters has {key}")
        value = as_matrix(key, parameters[key], "(n[l], n[l-1])" if key[0] == "W" else "(n[l], 1)")
        gradient = as_matrix(f"d{key}", grads[f"d{key}"], f"the shape of {key}")
        if gradient.shape != value.shape:
            raise ValueError(f"d{key} has shape {gradient.shape} but {key} has shape "
                             f"{value.shape}: a gradient has the shape of its parameter")
        values[key], gradients[f"d{key}"] = value, gradient
    return L, values, gradients


# ---- training: layer_dims, the data, and parameters to continue from ----------------------
def check_layer_dims(layer_dims):
    """layer_dims = [n[0], n[1], ..., n[L]] as a list of at least two positive ints."""
    if isinstance(layer_dims, str | bytes) or not hasattr(layer_dims, "__len__"):
        raise TypeError(f"layer_dims must be a list like [n_x, n_1, 1], got {layer_dims!r}")
    if len(layer_dims) < 2:
        raise ValueError(f"layer_dims needs at least two entries [n_x, ..., n[L]] (the input "
                         f"size and the output size), got {list(layer_dims)}")
    for l, n in enumerate(layer_dims):
        check_integer(f"layer_dims[{l}]", n, 1, " (every layer size n[l])")
    return [int(n) for n in layer_dims]


def check_training(X, Y, layers_dims, learning_rate, num_iterations, callback_every):
    """(X, Y, layers_dims): X (n_x, m) with n_x = layers_dims[0], Y a (1, m) row of 0/1."""
    layers_dims = check_layer_dims(layers_dims)
    X = check_features(X, layers_dims[0], "layers_dims[0]")
    Y = check_labels(Y, np.empty((1, X.shape[1])))
    check_examples("X", X, "the cost J and the gradients")
    check_positive("learning_rate", learning_rate)
    check_integer("num_iterations", num_iterations, 0)
    check_integer("callback_every", callback_every, 1)
    return X, Y, layers_dims


def check_start(parameters, layers_dims):
    """Parameters to continue from, if they fit layers_dims: W[l] (n[l], n[l-1]), b[l] (n[l], 1)."""
    if num_layers(parameters) != len(layers_dims) - 1:
        raise ValueError(f"parameters has L = {num_layers(parameters)} layers but layers_dims = "
                         f"{layers_dims} has {len(layers_dims) - 1}: pass the layers_dims they "
                         "were made with")
    start = {}
    for l, (n_prev, n) in enumerate(zip(layers_dims[:-1], layers_dims[1:], strict=True), start=1):
        for key, shape in ((f"W{l}", (n, n_prev)), (f"b{l}", (n, 1))):
            start[key] = as_matrix(key, parameters[key], str(shape))
            if start[key].shape != shape:
                raise ValueError(f"parameters[{key!r}] has shape {start[key].shape} but "
                                 f"layers_dims = {layers_dims} needs {shape}: pass the "
                                 "layers_dims they were made with")
    return start

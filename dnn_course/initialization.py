"""Initial parameters W[l] ~ scale * N(0, 1) of shape (n[l], n[l-1]), and b[l] = 0."""

import numpy as np

from .guards import check_choice, check_layer_dims, is_integer, is_real

SCALES = {
    "xavier": lambda n_prev: 1 / np.sqrt(n_prev),  # what the course's application uses
    "he": lambda n_prev: np.sqrt(2 / n_prev),  # He et al., suited to ReLU layers
}


def make_rng(rng):
    """A random generator from a Generator, a legacy RandomState, an int seed or None.

    None means NumPy's global legacy generator (the ``np.random`` functions), as the
    course's functions use it: ``np.random.seed(3)`` before a call reproduces the course's
    published values. A ``RandomState`` is kept as it is, so ``np.random.RandomState(3)``
    gives the same values without touching the global state; an int seeds a new Generator.
    """
    if rng is None:
        return np.random  # the global RandomState's functions: randn, permutation, ...
    if isinstance(rng, np.random.Generator | np.random.RandomState):
        return rng
    if is_integer(rng):
        return np.random.default_rng(rng)
    raise TypeError(
        "rng must be a numpy.random.Generator, a numpy.random.RandomState, an int seed "
        f"or None, got {type(rng).__name__}"
    )


def standard_normal(rng, shape):
    """Draw N(0, 1) samples: ``randn`` for a RandomState or the global one, as the course does."""
    if isinstance(rng, np.random.Generator):
        return rng.standard_normal(shape)
    return rng.randn(*shape)


def layer_scale(scale, n_prev):
    """The standard deviation for W[l]: a number, or "xavier" / "he" from n[l-1]."""
    if isinstance(scale, str):
        check_choice("scale", scale, SCALES, "use a positive number such as 0.01, or one of")
        return SCALES[scale](n_prev)
    if not is_real(scale) or not 0 < scale < np.inf:
        raise ValueError(
            f"scale must be a finite positive number, 'xavier' or 'he', got {scale!r}"
        )
    return scale


def initialize_parameters_deep(layer_dims, rng=None, scale=0.01):
    """W[l] = scale * randn(n[l], n[l-1]),  b[l] = zeros((n[l], 1))  for l = 1..L.

    Parameters
    ----------
    layer_dims : list of int   [n[0] = n_x, n[1], ..., n[L]]
    rng : Generator, RandomState, int seed or None
        Draws happen in layer order, W1 first. None (the default) draws from NumPy's
        global legacy generator like the course's function, so ``np.random.seed(3)``
        before the call (the course's function seeds inside) gives the course's values;
        ``np.random.RandomState(3)`` gives them too.
    scale : float, "xavier" or "he"
        0.01 (the course's first exercise), "xavier" = 1/sqrt(n[l-1]) (the course's
        application), "he" = sqrt(2/n[l-1]).

    Returns
    -------
    parameters : dict   {"W1": (n[1], n[0]), "b1": (n[1], 1), ..., "WL", "bL"}
    """
    layer_dims = check_layer_dims(layer_dims)
    rng = make_rng(rng)
    parameters = {}
    for l in range(1, len(layer_dims)):
        shape = (layer_dims[l], layer_dims[l - 1])
        parameters[f"W{l}"] = standard_normal(rng, shape) * layer_scale(scale, shape[1])
        parameters[f"b{l}"] = np.zeros((layer_dims[l], 1))
    return parameters


def initialize_parameters(n_x, n_h, n_y, rng=None):
    """The course's 2-layer initialization: W1 = 0.01 randn(n_h, n_x), W2 = 0.01 randn(n_y, n_h).

    The same as ``initialize_parameters_deep([n_x, n_h, n_y], rng, scale=0.01)``: biases
    zero, W1 drawn first. With ``rng=None``, ``np.random.seed(1)`` before the call gives the
    course's values.
    """
    return initialize_parameters_deep([n_x, n_h, n_y], rng=rng, scale=0.01)

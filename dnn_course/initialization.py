"""Initial parameters W[l] ~ scale * N(0, 1) of shape (n[l], n[l-1]), and b[l] = 0."""

import numpy as np

from .compat import make_rng, standard_normal
from .guards import check_init_scale, check_layer_dims

SCALES = {
    "xavier": lambda n_prev: 1 / np.sqrt(n_prev),  # what the course's application uses
    "he": lambda n_prev: np.sqrt(2 / n_prev),  # He et al., suited to ReLU layers
}


def layer_scale(scale, n_prev):
    """The standard deviation for W[l]: a number, or "xavier" / "he" from n[l-1]."""
    scale = check_init_scale(scale, SCALES)
    return SCALES[scale](n_prev) if isinstance(scale, str) else scale


def initialize_parameters_deep(layer_dims, rng=None, scale=0.01):
    """W[l] = scale * randn(n[l], n[l-1]),  b[l] = zeros((n[l], 1))  for l = 1..L.

    layer_dims = [n[0] = n_x, n[1], ..., n[L]]. rng is a Generator, RandomState, int seed or
    None; draws happen in layer order, W1 first, and None draws from NumPy's global legacy
    generator like the course's function (see ``compat``). scale is a number (0.01 in the
    course's first exercise), "xavier" = 1/sqrt(n[l-1]) (the course's application) or
    "he" = sqrt(2/n[l-1]). Returns {"W1": (n[1], n[0]), "b1": (n[1], 1), ..., "WL", "bL"}.
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

    The same as ``initialize_parameters_deep([n_x, n_h, n_y], rng, scale=0.01)``.
    """
    return initialize_parameters_deep([n_x, n_h, n_y], rng=rng, scale=0.01)

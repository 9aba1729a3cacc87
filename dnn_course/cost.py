"""The cross-entropy cost J and its derivative with respect to the output, dA[L]."""

import numpy as np

from .compat import RecordedCost
from .guards import check_output, checked_by

# In float64 a sigmoid output is exactly 1.0 for Z > 37 and exactly 0.0 for Z < -745,
# where log and 1/x are infinite. np.clip moves such values to the nearest floats where
# both stay finite; every other probability passes through unchanged. (At exact saturation
# g'(Z[L]) is 0, so dZ[L] = dA[L] * g'(Z[L]) is 0 too, as with PyTorch's sigmoid + BCE.)
LOWEST, HIGHEST = np.finfo(np.float64).tiny, np.nextafter(1.0, 0.0)


@checked_by(check_output, probabilities=True)
def compute_cost(AL, Y):
    """J = -(1/m) sum( Y log(AL) + (1 - Y) log(1 - AL) ).

    AL (1, m) holds the predicted probabilities y-hat, Y (1, m) the 0/1 labels. Returns J,
    finite even when AL is exactly 0 or 1, as the course's compute_cost returns it,
    np.squeeze(cost), a 0-d array (``RecordedCost``: the course's loop appends it to costs
    and its grader checks each is an np.ndarray), which prints and formats like a float.
    """
    m = Y.shape[1]
    AL = np.clip(AL, LOWEST, HIGHEST)  # exact 0 and 1 moved in: log and 1/x stay finite
    cost = -(1 / m) * np.sum(Y * np.log(AL) + (1 - Y) * np.log(1 - AL))
    return RecordedCost(cost)


@checked_by(check_output, probabilities=True)
def dAL(AL, Y):
    """dA[L] = -(Y / AL) + (1 - Y) / (1 - AL), element-wise: dJ/dA[L] times m.

    The 1/m of J is applied later, in dW and db. With a sigmoid output,
    dZ[L] = dA[L] * AL (1 - AL) = AL - Y. Returns dAL (1, m), finite even when AL is
    exactly 0 or 1.
    """
    AL = np.clip(AL, LOWEST, HIGHEST)  # exact 0 and 1 moved in: log and 1/x stay finite
    return -(Y / AL) + (1 - Y) / (1 - AL)

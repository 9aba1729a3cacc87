"""The cross-entropy cost J and its derivative with respect to the output, dA[L]."""

import numpy as np

from .validation import as_matrix, check_labels

# AL is moved off exactly 0.0 and 1.0 (a sigmoid saturates there in float64, at
# |Z| > 37) to the nearest values that keep log and 1/x finite; every other value
# passes through unchanged.
_LOWEST = np.finfo(np.float64).tiny
_HIGHEST = np.nextafter(1.0, 0.0)


def compute_cost(AL, Y):
    """J = -(1/m) sum( Y log(AL) + (1 - Y) log(1 - AL) ).

    Parameters
    ----------
    AL : ndarray, (1, m)   predicted probabilities y-hat
    Y : ndarray, (1, m)    0/1 labels

    Returns
    -------
    cost : float   (a Python float, finite even when AL is exactly 0 or 1)
    """
    AL = as_matrix("AL", AL, "(1, m)")
    Y = check_labels(Y, AL)
    m = Y.shape[1]
    AL = np.clip(AL, _LOWEST, _HIGHEST)
    cost = -(1 / m) * np.sum(Y * np.log(AL) + (1 - Y) * np.log(1 - AL))
    return float(cost)


def dAL(AL, Y):
    """dA[L] = -(Y / AL) + (1 - Y) / (1 - AL), element-wise: dJ/dA[L] times m.

    The 1/m of J is applied later, in dW and db. With a sigmoid output,
    dZ[L] = dA[L] * AL (1 - AL) = AL - Y.

    Returns
    -------
    dAL : ndarray, (1, m)   finite even when AL is exactly 0 or 1
    """
    AL = as_matrix("AL", AL, "(1, m)")
    Y = check_labels(Y, AL)
    AL = np.clip(AL, _LOWEST, _HIGHEST)
    return -(Y / AL) + (1 - Y) / (1 - AL)

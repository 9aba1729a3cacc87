"""One step of gradient descent: W[l] := W[l] - alpha dW[l],  b[l] := b[l] - alpha db[l]."""

from .shapes import num_layers
from .validation import as_matrix, check_positive


def update_parameters(parameters, grads, learning_rate):
    """Return new parameters W[l] - alpha dW[l] and b[l] - alpha db[l]; alpha = learning_rate.

    The input dict is never changed, so a caller can keep the previous step.

    Parameters
    ----------
    parameters : dict with W1, b1, ..., WL, bL
    grads : dict with dW1, db1, ..., dWL, dbL (dA keys are ignored)
    learning_rate : float > 0

    Returns
    -------
    parameters : a new dict with the updated arrays
    """
    check_positive("learning_rate", learning_rate)
    L = num_layers(parameters)
    num_layers(grads, prefix="d")
    new_parameters = {}
    for l in range(1, L + 1):
        for p in ("W", "b"):
            key = f"{p}{l}"
            if f"d{key}" not in grads:
                raise KeyError(f"d{key} is missing from grads; parameters has {key}")
            value = as_matrix(key, parameters[key], "(n[l], n[l-1])" if p == "W" else "(n[l], 1)")
            gradient = as_matrix(f"d{key}", grads[f"d{key}"], f"the shape of {key}")
            if gradient.shape != value.shape:
                raise ValueError(
                    f"d{key} has shape {gradient.shape} but {key} has shape "
                    f"{value.shape}: a gradient has the shape of its parameter"
                )
            new_parameters[key] = value - learning_rate * gradient
    return new_parameters

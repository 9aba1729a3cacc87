"""One step of gradient descent: W[l] := W[l] - alpha dW[l],  b[l] := b[l] - alpha db[l]."""

from .guards import check_update, checked_by


@checked_by(check_update)
def update_parameters(parameters, grads, learning_rate):
    """Return new parameters W[l] - alpha dW[l] and b[l] - alpha db[l]; alpha = learning_rate.

    parameters holds W1, b1, ..., WL, bL and grads dW1, db1, ..., dWL, dbL (dA keys are
    ignored); learning_rate is a number > 0. The input dict is never changed, so a caller
    can keep the previous step.
    """
    L = len(parameters) // 2
    return {f"{p}{l}": parameters[f"{p}{l}"] - learning_rate * grads[f"d{p}{l}"]
            for l in range(1, L + 1) for p in ("W", "b")}

"""Gradient descent that runs away, named: inf or NaN stops training, a stalled cost warns.

W := W - alpha dW overshoots when the learning rate alpha is too large: the cost J jumps
above where it started and stays there, or grows until W[l], Z[l] or A[L] become inf or
NaN. ``Watch`` sees both in ``L_layer_model`` and says which, at which iteration, and what
to change; data too large for float64 is named before it is blamed on alpha
(``guards.check_scale``).
"""

import warnings

import numpy as np

FAR_ABOVE, PATIENCE = 1.5, 100  # J above 1.5 x its start for 100 iterations: a warning


class DivergedError(ValueError):
    """Training ran off to inf or NaN. ``parameters`` and ``costs`` hold the last finite
    parameters (before the step that diverged) and the costs recorded up to it."""

    def __init__(self, message, parameters, costs):
        super().__init__(message)
        self.parameters, self.costs = parameters, costs


class Watch:
    """Checks one training run after each forward pass and each update."""

    def __init__(self, X, learning_rate):
        self.X, self.learning_rate = X, learning_rate
        self.start, self.stalled = None, 0

    def forward(self, i, AL, caches, parameters, costs):
        """Stop if A[L] is not finite; at iteration 0 (no update yet) name the Z[l] first."""
        bad = [f"Z{l}" for l, cache in enumerate(caches, 1)
               if not np.isfinite(cache.activation_cache).all()] if i == 0 else []
        if bad or not np.isfinite(AL).all():
            raise self._diverged(i, (bad or ["AL"])[0], parameters, costs)

    def update(self, i, cost, updated, parameters, costs):
        """Stop if the update made a W[l] or b[l] inf or NaN; warn once if J stays high.

        Runs under the training loop's ``np.errstate(over="ignore", invalid="ignore")``.
        """
        # One sum per array: NaN or inf in any W[l], b[l] makes the total non-finite (so may
        # huge finite values); only then is each array looked at.
        total = sum(np.add.reduce(value, axis=None) for value in updated.values())
        bad = [] if np.isfinite(total) else [
            key for key, value in updated.items() if not np.isfinite(value).all()]
        if bad:
            raise self._diverged(i, " and ".join(bad[:2]), parameters, costs)
        self.start = cost if self.start is None else self.start
        self.stalled = self.stalled + 1 if cost > FAR_ABOVE * self.start else 0
        if self.stalled == PATIENCE:
            alpha = self.learning_rate
            warnings.warn(
                f"the cost J = {cost:.4g} at iteration {i} has stayed above {FAR_ABOVE} times "
                f"its start J = {self.start:.4g} for {PATIENCE} iterations: gradient descent is"
                f" overshooting, not learning — lower learning_rate = {alpha:g}, e.g. to "
                f"{alpha / 10:g}", RuntimeWarning, stacklevel=3)

    def _diverged(self, i, what, parameters, costs):
        alpha = self.learning_rate
        if i == 0 and what[0] in "ZA":  # no update yet: the data, not the learning rate
            cause = (f"before any update, so the learning rate is not the cause: X holds "
                     f"values up to {np.abs(self.X).max():.3g} and Z = W A_prev + b overflows "
                     "float64 — scale the features to about [-1, 1]")
        else:
            cause = (f"each step overshoots: learning_rate = {alpha:g} is too high — try "
                     f"{alpha / 10:g}")
        return DivergedError(
            f"training diverged at iteration {i}: {what} became inf or NaN, {cause}. The "
            "parameters before that step are in this error's .parameters", parameters, costs)

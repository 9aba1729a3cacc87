"""Instructor scenarios: one click sets the settings that show one lesson.

Each scenario starts from the default Settings, so it always shows the same picture.
"""

from typing import NamedTuple
from urllib.parse import parse_qs

from .settings import Settings


class Scenario(NamedTuple):
    """A named lesson: the title on its button, what to watch, and the settings it uses."""

    title: str
    lesson: str
    changes: dict

    def settings(self):
        """The default Settings with this scenario's changes."""
        return Settings().replace(**self.changes)


SCENARIOS = {
    "xor_needs_hidden": Scenario(
        "XOR needs a hidden layer",
        "With hidden_layers = 0 the model is logistic regression: its boundary is a line "
        "and the cost stays near log 2 = 0.693. Add one hidden layer and it separates.",
        {"dataset": "xor", "hidden_layers": 0, "learning_rate": 1.0},
    ),
    "sigmoid_vanishing": Scenario(
        "Sigmoid layers: vanishing gradients",
        "Six sigmoid hidden layers: g'(Z) <= 0.25 multiplies dZ[l] = W[l+1]^T dZ[l+1] * g'(Z[l]) "
        "at every layer, so at the start ||dW[1]|| is about 1e-5 of ||dW[L]|| (press Step once). "
        "Layer 1 keeps the smallest gradient for the first ~100 iterations and barely moves; "
        "then the network settles on the base-rate plateau (the same AL for every point, "
        "J = the entropy of the fraction of 1s), where every gradient is tiny and nothing more "
        "is learned. Set g back to relu and Reset: the same network learns the circle.",
        {"hidden_layers": 6, "hidden_activation": "sigmoid", "init_scale": "xavier",
         "learning_rate": 0.1},
    ),
    "dead_relu": Scenario(
        "Dead ReLUs after a large learning rate",
        "A few steps with learning_rate = 10 push units to Z <= 0 on every example; then "
        "relu'(Z) = 0 and their dW rows stay 0: dead units of layer 1 never come back (a later "
        "layer's can, when the layers before it change). Once the "
        "last hidden layer is wholly dead, AL is the same for every point and every dW[l] "
        "is 0: only b[L] still learns, so the cost creeps to the base-rate plateau.",
        {"learning_rate": 10.0},
    ),
    "learning_rate_too_high": Scenario(
        "Learning rate too high",
        "Each step overshoots the minimum: the cost jumps up and down instead of falling.",
        {"hidden_activation": "tanh", "init_scale": "xavier", "learning_rate": 8.0},
    ),
    "init_too_small": Scenario(
        "Initialization too small",
        "W[l] = 0.01 randn: forward, every A[l] (l >= 1) shrinks layer after layer; backward, "
        "dA[l-1] = W[l]^T dZ[l] shrinks dZ the same way. Each dW[l] = (1/m) dZ[l] A[l-1]^T "
        "carries the other layers' 0.01 weights, so ||dW[l]|| stays near 0: only b[L] "
        "learns, and the cost stops at the base-rate plateau (AL = the fraction of 1s for "
        "every point). Reset with init_scale 'he'.",
        {"hidden_layers": 3, "init_scale": 0.01, "learning_rate": 0.3},
    ),
}


def scenario_in_query(query):
    """The scenario a link names, as in ``...?scenario=dead_relu&token=...``, or None.

    ``query`` is the URL's query string (Voila gives it to the kernel as QUERY_STRING), so
    an instructor can link each lesson from a slide. An unknown name raises ValueError
    listing the valid ones.
    """
    names = parse_qs(query or "").get("scenario", [])
    if not names:
        return None
    name = names[-1]
    if name not in SCENARIOS:
        raise ValueError(f"this link names the scenario {name!r}, which does not exist; "
                         f"valid names: {', '.join(SCENARIOS)}")
    return name

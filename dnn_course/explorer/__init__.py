"""The backprop explorer: train a small network on 2-D data and watch forward and backward.

    from dnn_course.explorer import Explorer
    ex = Explorer()          # 2-8-8-1, ReLU hidden layers, sigmoid output, cross-entropy
    ex.widget                # display it in JupyterLab or Voila
    ex.step(100); ex.state() # or drive it from code, as the tests do

Where things are: ``session`` (the model: data, W[l], b[l], gradient descent), ``ui``
(``Explorer``: every action as a method), ``panel`` (its widgets, layout and read-outs),
``wiring`` (widget events -> Explorer methods), ``views`` (every live view, registered in
one place), ``timer`` (Play, paced by the page). A new live view follows the pattern in
``browser.py``: a payload function of the package's numbers, a ``BrowserView`` class and
its JavaScript in ``static/``, shown with ``Explorer.add_view``.
"""

from .own_data import read_csv
from .scenarios import SCENARIOS, Scenario
from .session import Session, dead_units, gradient_norms
from .settings import Settings
from .state_json import from_json, to_json
from .stepthrough import backward_steps, forward_steps
from .ui import Explorer

__all__ = [
    "SCENARIOS",
    "Explorer",
    "Scenario",
    "Session",
    "Settings",
    "backward_steps",
    "dead_units",
    "forward_steps",
    "from_json",
    "gradient_norms",
    "read_csv",
    "to_json",
]

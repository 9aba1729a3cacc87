"""The explorer's panel: its widgets, their layout, and what they show, in one object.

The panel owns its widgets and two pieces of state: ``syncing`` (True while it shows
new settings, so the controls' callbacks know the change is not the user's) and ``asking``
(True while a question of Predict, then reveal is open: the gradient table and the
step-through text, which would give its answer, wait). The
``Explorer`` tells it what to show through the ``show_*`` methods; ``wiring.connect``
routes its widgets' events to the Explorer's public methods. The live views are laid out
from their registry (``views.Views``); a view added with ``Explorer.add_view`` goes under
the screen (``place``).
"""

import contextlib

from ..data import DATASETS
from ..guards import is_real
from . import controls, readouts
from .settings import CUSTOM


class Panel:
    """The widgets of one explorer (``controls``, by name) and its root ``widget``.

    Parameters
    ----------
    views : views.Views, every live view and its place
    clock : timer.Clock, Play's clock (it shows the iteration, carries the views' frames)
    """

    def __init__(self, views, clock):
        self.controls = {**controls.settings_controls(), **controls.run_controls(clock),
                         **controls.inside_controls(clock), **controls.state_controls(),
                         "scenarios": controls.scenario_buttons()}
        self.widget = controls.layout(self.controls, views)
        self.syncing = self.asking = False

    @contextlib.contextmanager
    def quietly(self):
        """Set controls inside this block without their callbacks acting on it."""
        self.syncing = True
        try:
            yield
        finally:
            self.syncing = False

    @property
    def step_shown(self):
        """(direction, l) of the step-through: "forward" or "backward", and the layer."""
        return self.controls["direction"].value, self.controls["layer"].value

    def show_settings(self, settings, own_data):
        """Show the settings in the controls (and "custom" in the datasets with own data)."""
        c = self.controls
        with self.quietly():
            for name in ("init_scale", "learning_rate"):  # e.g. from an imported state
                _offer(c[name], getattr(settings, name))
            c["dataset"].options = [*DATASETS, CUSTOM] if own_data else list(DATASETS)
            c["m"].disabled = c["noise"].disabled = settings.dataset == CUSTOM
            for name, value in settings.to_dict().items():
                if not isinstance(value, list):
                    _show(c[name], value)
            per_layer = {"neurons_per_layer": settings.neurons,
                         "activation_per_layer": settings.hidden_activation}
            for name, value in per_layer.items():
                c[name].value = ",".join(map(str, value)) if isinstance(value, tuple) else ""
            L = settings.hidden_layers + 1
            c["layer"].max, c["layer"].min = L, 1
            c["layer"].value = 1 if c["direction"].value == "forward" else L

    def show_status(self, session, table=True):
        """The iteration line, and the gradient table unless ``table`` is false."""
        self.controls["iteration"].value = readouts.iteration_line(session)
        if table:
            self.controls["norms"].value = readouts.WAITING if self.asking else \
                readouts.gradient_table(session)

    def show_stepthrough(self, steps):
        """The step-through text for the chosen direction and layer."""
        self.controls["text"].value = readouts.WAITING if self.asking else \
            readouts.stepthrough_text(steps, *self.step_shown)

    def show_message(self, text):
        self.controls["message"].value = text

    def show_lesson(self, scenario):
        self.controls["lesson"].value = f"<b>{scenario.title}.</b> {scenario.lesson}"

    def show_export(self, text):
        """The JSON state in the text box, and a download link for it."""
        self.controls["json"].value = text
        self.controls["download"].value = readouts.download_link(text)

    def set_presenter(self, on):
        """Everything 1.5 times larger (the CSS class dnn-presenter): the screen made for
        1280x720 fills a 1920x1080 projector, its smallest text 18 px."""
        (self.widget.add_class if on else self.widget.remove_class)("dnn-presenter")

    def place(self, widget):
        """Lay out an added view (``Explorer.add_view``) under the screen."""
        added = self.controls["added"]
        added.children = (*added.children, widget)

    def show_side(self, on):
        """Open (or close) the side panel: scenarios, data, network and state settings."""
        self.controls["side"].layout.display = "flex" if on else "none"
        self.controls["settings"].value = on

    def clear_uploads(self):
        self.controls["upload_json"].value = self.controls["upload_csv"].value = ()


def _show(control, value):
    """Set ``control`` to ``value``, widening a slider that cannot show it: a slider
    clamps, and the controls must show what runs (e.g. m = 5000 from an imported state)."""
    if hasattr(control, "max") and is_real(value):
        control.min, control.max = min(control.min, value), max(control.max, value)
    control.value = value


def _offer(dropdown, value):
    """Add ``value`` to a dropdown's options unless it is there already."""
    options = [option if isinstance(option, tuple) else (str(option), option)
               for option in dropdown.options]
    if value not in [v for _, v in options]:
        dropdown.options = [*options, (str(value), value)]

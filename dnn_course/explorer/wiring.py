"""Connect the explorer's widgets to its methods, and write its read-outs.

Every callback calls one ``Explorer`` method; a ValueError or TypeError (a bad value, a
malformed file, a diverging run) is shown in the message line instead of a traceback.
"""

import html

from ..data import DATASETS
from . import limits, readouts
from .own_data import read_csv
from .settings import CUSTOM, field_names


def connect(ex):
    """Observe every control of ``ex.controls`` and route it to ``ex``."""
    c = ex.controls
    for name in field_names():
        c[name].observe(lambda change, name=name: _setting(ex, name, change["new"]), "value")
    for name in ("neurons_per_layer", "activation_per_layer"):
        c[name].continuous_update = False
        c[name].observe(lambda change, name=name: _per_layer(ex, name, change["new"]), "value")
    actions = {"play": ex.play, "pause": ex.pause, "step": ex.step, "reset": ex.reset,
               "export": lambda: readouts.export(ex),
               "import": lambda: ex.load_json(c["json"].value), "next": lambda: _next_layer(ex)}
    for name, action in actions.items():
        c[name].on_click(lambda _, action=action: _guarded(ex, action))
    for name, button in c["scenarios"].items():
        button.on_click(lambda _, name=name: _guarded(ex, lambda: ex.apply_scenario(name)))
    c["presenter"].observe(lambda change: _presenter(ex, change["new"]), "value")
    c["direction"].observe(lambda change: _direction(ex, change["new"]), "value")
    c["layer"].observe(lambda change: readouts.show_stepthrough(ex), "value")
    c["upload_json"].observe(lambda change: _upload(ex, change, ex.load_json), "value")
    c["upload_csv"].observe(
        lambda change: _upload(ex, change, lambda content: ex.load_data(*read_csv(content))),
        "value",
    )


def _guarded(ex, action):
    """Run action; show its ValueError or TypeError in the message line, not in a log."""
    ex.controls["message"].value = ""
    try:
        action()
    except (ValueError, TypeError) as error:
        ex.controls["message"].value = f"<b>Error:</b> {html.escape(str(error))}"


def _setting(ex, name, value):
    if ex._syncing:
        return
    changes = {name: value}
    if name == "hidden_layers":  # a per-layer list no longer fits: use one value for all
        changes["neurons"] = ex.controls["neurons"].value
        changes["hidden_activation"] = ex.controls["hidden_activation"].value
    if name == "dataset" and ex.settings.dataset == CUSTOM:  # back to generated data
        changes["m"] = ex.controls["m"].value
    _guarded(ex, lambda: ex.configure(**changes))


def _per_layer(ex, name, text):
    if not ex._syncing:
        _guarded(ex, lambda: ex.configure(**_per_layer_changes(ex, name, text)))


def _per_layer_changes(ex, name, text):
    """The settings a per-layer text box gives: "8,4" for n[1], n[2]; "relu,tanh" for g."""
    c, items = ex.controls, [item.strip() for item in text.split(",") if item.strip()]
    if name == "activation_per_layer":
        return {"hidden_activation": tuple(items) if items else c["hidden_activation"].value}
    if not all(item.isdecimal() for item in items):
        raise ValueError(f"n[l] per layer must be integers like 8,4; got {text!r}")
    if not items:
        return {"neurons": c["neurons"].value}
    changes = {"neurons": tuple(map(int, items)), "hidden_layers": len(items)}
    if len(ex.settings.hidden_activations()) != len(items):
        changes["hidden_activation"] = c["hidden_activation"].value
    return changes


def sync_controls(ex):
    """Show the session's settings in the controls, without triggering their callbacks."""
    c, s = ex.controls, ex.settings
    ex._syncing = True
    try:
        for name in ("init_scale", "learning_rate"):  # e.g. from an imported state
            _offer(c[name], getattr(s, name))
        own = ex.session.own_data is not None  # "custom" is offered only with own data
        c["dataset"].options = [*DATASETS, CUSTOM] if own else list(DATASETS)
        c["m"].disabled = c["noise"].disabled = s.dataset == CUSTOM
        for name, value in s.to_dict().items():
            if not isinstance(value, list):
                _show(c[name], value)
        per_layer = {"neurons_per_layer": s.neurons, "activation_per_layer": s.hidden_activation}
        for name, value in per_layer.items():
            c[name].value = ",".join(map(str, value)) if isinstance(value, tuple) else ""
        L = s.hidden_layers + 1
        c["layer"].max, c["layer"].min = L, 1
        c["layer"].value = 1 if c["direction"].value == "forward" else L
    finally:
        ex._syncing = False


def _show(control, value):
    """Set ``control`` to ``value``, widening a slider that cannot show it: a slider
    clamps, and the controls must show what runs (e.g. m = 5000 from an imported state)."""
    if hasattr(control, "max") and not isinstance(value, bool | str):
        control.min, control.max = min(control.min, value), max(control.max, value)
    control.value = value


def _offer(dropdown, value):
    """Add ``value`` to a dropdown's options unless it is there already."""
    options = [option if isinstance(option, tuple) else (str(option), option)
               for option in dropdown.options]
    if value not in [v for _, v in options]:
        dropdown.options = [*options, (str(value), value)]


def _direction(ex, direction):
    c = ex.controls
    c["layer"].value = 1 if direction == "forward" else c["layer"].max
    readouts.show_stepthrough(ex)


def _next_layer(ex):
    layer = ex.controls["layer"]
    step = 1 if ex.controls["direction"].value == "forward" else -1
    layer.value = (layer.value - layer.min + step) % layer.max + layer.min


def _presenter(ex, on):
    (ex.widget.add_class if on else ex.widget.remove_class)("dnn-presenter")


def _upload(ex, change, load):
    """load(the file's bytes); then clear the uploads, so the same file can come again."""
    if not change["new"]:
        return
    file = change["new"][0]
    try:
        _guarded(ex, lambda: load(limits.check_upload(file["name"], bytes(file["content"]))))
    finally:
        ex.controls["upload_json"].value = ex.controls["upload_csv"].value = ()

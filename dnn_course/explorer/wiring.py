"""Connect the panel's widgets to the explorer's public methods.

Every callback calls one ``Explorer`` method; a ValueError or TypeError (a bad value, a
malformed file, a diverging run) is shown in the message line instead of a traceback.
Changes the panel makes itself (``panel.syncing``) call nothing.
"""

from ..guards import integer_text
from . import limits, readouts
from .own_data import read_csv
from .settings import CUSTOM, MAX_NEURONS, field_names


def connect(panel, ex):
    """Observe every widget of ``panel`` and route it to ``ex``."""
    c = panel.controls
    for name in field_names():
        c[name].observe(lambda change, name=name: _setting(panel, ex, name, change["new"]),
                        "value")
    for name in ("neurons_per_layer", "activation_per_layer"):
        c[name].continuous_update = False
        c[name].observe(lambda change, name=name: _per_layer(panel, ex, name, change["new"]),
                        "value")
    actions = {"play": ex.play, "pause": ex.pause, "step": ex.step, "reset": ex.reset,
               "export": lambda: panel.show_export(ex.to_json()),
               "import": lambda: ex.load_json(c["json"].value), "next": lambda: _next_layer(c)}
    for name, action in actions.items():
        c[name].on_click(lambda _, action=action: _guarded(panel, action))
    for name, button in c["scenarios"].items():
        button.on_click(lambda _, name=name: _guarded(panel, lambda: ex.apply_scenario(name)))
    c["presenter"].observe(lambda change: panel.set_presenter(change["new"]), "value")
    c["settings"].observe(lambda change: panel.show_side(change["new"]), "value")
    c["direction"].observe(lambda change: _direction(panel, ex, change["new"]), "value")
    c["layer"].observe(lambda change: panel.syncing or ex.show_stepthrough(), "value")
    c["upload_json"].observe(lambda change: _upload(panel, change, ex.load_json), "value")
    c["upload_csv"].observe(
        lambda change: _upload(panel, change, lambda content: ex.load_data(*read_csv(content))),
        "value",
    )


def _guarded(panel, action):
    """Run action; show its ValueError or TypeError in the message line, not in a log."""
    panel.show_message("")
    try:
        action()
    except (ValueError, TypeError) as error:
        panel.show_message(readouts.message("Error", error))


def _setting(panel, ex, name, value):
    if panel.syncing:
        return
    c, changes = panel.controls, {name: value}
    if name == "hidden_layers":  # a per-layer list no longer fits: use one value for all
        changes["neurons"] = c["neurons"].value
        changes["hidden_activation"] = c["hidden_activation"].value
    if name == "dataset" and ex.settings.dataset == CUSTOM:  # back to generated data
        changes["m"] = c["m"].value
    _guarded(panel, lambda: ex.configure(**changes))


def _per_layer(panel, ex, name, text):
    if not panel.syncing:
        _guarded(panel, lambda: ex.configure(**_per_layer_changes(panel.controls, ex.settings,
                                                                  name, text)))


def _per_layer_changes(c, settings, name, text):
    """The settings a per-layer text box gives: "8,4" for n[1], n[2]; "relu,tanh" for g."""
    items = [item.strip() for item in text.split(",") if item.strip()]
    if name == "activation_per_layer":
        return {"hidden_activation": tuple(items) if items else c["hidden_activation"].value}
    if not items:
        return {"neurons": c["neurons"].value}
    neurons = tuple(integer_text("n[l] per layer", item, MAX_NEURONS) for item in items)
    changes = {"neurons": neurons, "hidden_layers": len(items)}
    if len(settings.hidden_activations()) != len(items):
        changes["hidden_activation"] = c["hidden_activation"].value
    return changes


def _direction(panel, ex, direction):
    layer = panel.controls["layer"]
    with panel.quietly():
        layer.value = 1 if direction == "forward" else layer.max
    ex.show_stepthrough()


def _next_layer(c):
    layer = c["layer"]
    step = 1 if c["direction"].value == "forward" else -1
    layer.value = (layer.value - layer.min + step) % layer.max + layer.min


def _upload(panel, change, load):
    """load(the file's bytes); then clear the uploads, so the same file can come again."""
    if not change["new"]:
        return
    file = change["new"][0]
    try:
        _guarded(panel, lambda: load(limits.check_upload(file["name"], bytes(file["content"]))))
    finally:
        panel.clear_uploads()

"""The explorer's widgets, created and laid out; ``ui.Explorer`` wires them to the model.

Each settings control is stored under its Settings field name, so one loop connects
them all. CSS classes (``dnn-*``) let browser tests and the presenter style find them.
"""

import ipywidgets as widgets

from ..activations import ACTIVATIONS
from ..data import DATASETS
from .browser import HTMLView
from .limits import UPLOAD_MB, UploadLimit
from .scenarios import SCENARIOS
from .settings import MAX_HIDDEN_LAYERS, MAX_NEURONS
from .slider_names import SliderNames

SCALE_OPTIONS = [("he: sqrt(2/n[l-1])", "he"), ("xavier: 1/sqrt(n[l-1])", "xavier"),
                 ("0.01", 0.01), ("0.1", 0.1), ("1.0", 1.0)]
LEARNING_RATES = [0.001, 0.003, 0.01, 0.03, 0.1, 0.3, 0.5, 1.0, 3.0, 8.0, 10.0, 30.0]
STYLE = """<style>
.dnn-explorer table td, .dnn-explorer table th {padding: 0 8px; text-align: right}
.dnn-explorer pre.dnn-pre {font-size: 12px; line-height: 1.25; margin: 0}
.dnn-presenter {zoom: 1.5}  /* the 1280x720 screen on a 1920x1080 projector; 12 px -> 18 px */
.dnn-presenter sup, .dnn-presenter sub {font-size: 100%}
.dnn-explorer {container-type: inline-size}  /* its width, not the window's, decides */
/* On a smaller projector (1280x720; 1920x1080 in JupyterLab, beside its bars) the screen
   keeps the boundary and the network at 1.5 times, their text 18 px, and the chain's step
   under them: the curves, the chain's picture of boxes and its cache note make way (the
   step is named in the chain's bar and highlighted in the network), the selected unit's
   line too (the chain works its entry), the heatmaps get at most 80 px of height, the
   run bar's and the chain's buttons narrow to stay on one line, and the equations and
   entries sit beside the heatmaps. */
@container (max-width: 1220px) {
  .dnn-presenter .dnn-curves, .dnn-presenter .dnn-chain-picture,
  .dnn-presenter .dnn-chain-note, .dnn-presenter .dnn-network-selected {display: none}
  .dnn-presenter .dnn-heatmap {--map-width: 120px; --map-height: 80px}
  .dnn-presenter .dnn-run .widget-button {min-width: 60px !important}
  .dnn-presenter .dnn-chain-controls button {padding: 2px 4px; margin-right: 0}
  .dnn-presenter .dnn-chain-equation {font-size: 14px}
  .dnn-presenter .dnn-chain-body {grid-template-columns: minmax(250px, 1fr) minmax(0, auto)}
}
.dnn-screen-top {align-items: flex-start; gap: 6px}
.dnn-screen-top > *, .dnn-screen > * {min-width: 0}
.dnn-curves canvas {max-width: 100%; height: auto !important}
.dnn-run {flex-wrap: wrap; align-items: center; margin-bottom: 6px}  /* clear of focus rings */
.jp-RenderedHTMLCommon a, .dnn-explorer a {text-decoration: underline !important}
</style>"""

_wide = {"description_width": "initial"}


def _button(description, css, tooltip=""):
    button = widgets.Button(description=description, tooltip=tooltip,
                            layout=widgets.Layout(width="auto", min_width="90px"))
    button.add_class(css)
    return button


def settings_controls():
    """One widget per Settings field (plus two per-layer text boxes), keyed by field name."""
    c = {
        "dataset": widgets.Dropdown(options=list(DATASETS), description="dataset"),
        "noise": widgets.FloatSlider(min=0, max=0.5, step=0.01, description="noise"),
        "m": widgets.IntSlider(min=50, max=2000, step=50, description="points m"),
        "test_fraction": widgets.FloatSlider(min=0.1, max=0.9, step=0.05,
                                             description="test fraction"),
        "data_seed": widgets.BoundedIntText(min=0, max=2**32 - 1, description="data seed"),
        "hidden_layers": widgets.IntSlider(min=0, max=MAX_HIDDEN_LAYERS,
                                           description="hidden layers"),
        "neurons": widgets.IntSlider(min=1, max=MAX_NEURONS, description="neurons n[l]"),
        "hidden_activation": widgets.Dropdown(options=list(ACTIVATIONS), description="g hidden"),
        "learning_rate": widgets.Dropdown(options=LEARNING_RATES, description="learning rate"),
        "init_scale": widgets.Dropdown(options=SCALE_OPTIONS, description="init scale"),
        "seed": widgets.BoundedIntText(min=0, max=2**32 - 1, description="seed"),
        "steps_per_tick": widgets.IntSlider(min=1, max=100, description="steps / tick"),
    }
    for name, css in (("dataset", "dnn-dataset"), ("learning_rate", "dnn-learning-rate"),
                      ("hidden_activation", "dnn-hidden-activation")):
        c[name].add_class(css)
    c["neurons_per_layer"] = widgets.Text(description="n[l] per layer", placeholder="e.g. 8,4")
    c["activation_per_layer"] = widgets.Text(description="g per layer",
                                             placeholder="e.g. relu,tanh")
    for widget in c.values():
        widget.style = _wide
    return c


def run_controls(clock):
    """Play / Pause / Step / Reset, the iteration read-out (Play's clock, which the page
    asks for each tick) and the presenter switch."""
    return {
        "play": _button("Play", "dnn-play", "train continuously"),
        "pause": _button("Pause", "dnn-pause", "stop after the current tick"),
        "step": _button("Step", "dnn-step", "one iteration of gradient descent"),
        "reset": _button("Reset", "dnn-reset", "new W[l] from the seed, iteration 0"),
        "iteration": clock.add_class("dnn-iteration"),
        "presenter": widgets.ToggleButton(description="Presenter layout",
                                          layout=widgets.Layout(width="auto")),
        "settings": widgets.ToggleButton(description="Settings", icon="",
                                         tooltip="show or hide the settings and scenarios",
                                         layout=widgets.Layout(width="auto")
                                         ).add_class("dnn-settings-toggle"),
        "message": widgets.HTML().add_class("dnn-message"),
        "lesson": widgets.HTML().add_class("dnn-lesson"),
    }


def inside_controls(clock):
    """The step-through: direction, layer, next, and the text; plus the gradient table
    (its frames ride with the other views' on Play's clock)."""
    return {
        "direction": widgets.ToggleButtons(options=["forward", "backward"]),
        "layer": widgets.IntSlider(min=1, max=3, description="layer l"),
        "next": _button("Next layer", "dnn-next-layer"),
        "text": widgets.HTML().add_class("dnn-stepthrough"),
        "norms": HTMLView(clock, "table").add_class("dnn-gradient-norms"),
    }


def state_controls():
    """Export / import JSON, and uploads for a state file or a CSV of your own data."""
    return {
        "export": _button("Export JSON", "dnn-export"),
        "import": _button("Import JSON", "dnn-import"),
        "json": widgets.Textarea(placeholder="exported state (JSON)",
                                 layout=widgets.Layout(width="100%", height="80px")),
        "download": widgets.HTML(),
        "upload_json": widgets.FileUpload(accept=".json",
                                          description=f"Load state (≤ {UPLOAD_MB} MB)"
                                          ).add_class("dnn-upload-json"),
        "upload_csv": widgets.FileUpload(accept=".csv",
                                         description=f"Load CSV x1,x2,label (≤ {UPLOAD_MB} MB)",
                                         layout=widgets.Layout(width="auto")
                                         ).add_class("dnn-upload-csv"),
    }


def scenario_buttons():
    """One button per scenario; its description is the scenario's title."""
    return {name: _button(s.title, "dnn-scenario", s.lesson) for name, s in SCENARIOS.items()}


def layout(c, views):
    """The root box: one screen of run bar, the views side by side (boundary | network |
    curves) and the view across it (the chain's step); the settings in a side panel that
    ``c["settings"]`` opens and closes; below the screen, added views, the gradient table
    and the same numbers as text.

    The screen fits 1280x800 without scrolling (Voila, and JupyterLab with the file browser
    closed); a narrower window wraps its parts, uncut.
    """
    box, row = widgets.VBox, widgets.HBox
    data = box([widgets.HTML("<b>Data</b>"), *(c[k] for k in (
        "dataset", "noise", "m", "test_fraction", "data_seed", "upload_csv"))])
    network = box([widgets.HTML("<b>Network</b>"), *(c[k] for k in (
        "hidden_layers", "neurons", "neurons_per_layer", "hidden_activation",
        "activation_per_layer", "learning_rate", "init_scale", "seed", "steps_per_tick"))])
    state = box([widgets.HTML("<b>State</b>"), row([c["export"], c["import"]]),
                 c["upload_json"], c["download"], c["json"]])
    scenarios = box([widgets.HTML("<b>Scenarios</b>"), *c["scenarios"].values()])
    side = box([scenarios, data, network, state],
               layout=widgets.Layout(display="none", flex="0 0 auto", width="340px"))
    c["side"] = side.add_class("dnn-side")  # the panel opens and closes it
    screen = box([row(views.at("screen")).add_class("dnn-screen-top"), *views.at("across")],
                 layout=widgets.Layout(flex="1 1 auto", min_width="0")).add_class("dnn-screen")
    c["added"] = row(views.at("below"), layout=widgets.Layout(flex_flow="row wrap"))
    below = box([c["added"], c["norms"], widgets.HTML("<b>The same numbers as text</b>"),
                 row([c["direction"], c["layer"], c["next"]]), c["text"]])
    root = box([
        widgets.HTML(STYLE), SliderNames(), UploadLimit(
            {"dnn-upload-csv": c["upload_csv"], "dnn-upload-json": c["upload_json"]}, c["message"]),
        row([c["play"], c["pause"], c["step"], c["reset"], c["iteration"], c["settings"],
             c["presenter"], c["message"], c["lesson"]]).add_class("dnn-run"),
        row([side, screen]), below,
    ])
    return root.add_class("dnn-explorer")

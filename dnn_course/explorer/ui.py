"""The backprop explorer: the model (Session), its live views (Views) and its panel, together.

Everything a widget does goes through a method here, so the same calls work from a
notebook cell, a test or a benchmark without a browser::

    ex = Explorer(Settings(dataset="xor"))
    ex.step(100); ex.state()["costs"][-1]; text = ex.to_json()
    ex.tick()       # one Play tick: steps_per_tick iterations (within TICK_BUDGET), redraw
    ex.widget       # the root widget to display
"""

import traitlets

from ..pictured import stack, with_picture
from . import readouts, state_json, stepthrough, wiring
from .chain import position, session_steps
from .chain_view import ChainView
from .network_view import NetworkView
from .own_data import read_csv
from .panel import Panel
from .scenarios import SCENARIOS, scenario_in_query
from .session import Session
from .timer import Clock, run_steps
from .views import BoundaryView, CurvesView, Views

DETAIL_EVERY = 3  # Play updates the inside views and the table every 3rd tick


class Explorer:
    """The interactive explorer. See the module docstring for the programmatic interface.

    Parameters
    ----------
    settings : Settings, or None for the defaults (2-8-8-1 ReLU on the circle data)
    X, Y : your own data, (2, m) and (1, m) of 0/1 (or use from_arrays / from_csv)
    figures : "auto" (the page draws the figures when in a kernel), "browser" or "inline"
    presenter : start in the presenter layout (everything 1.5 times larger, for a projector)
    """

    def __init__(self, settings=None, X=None, Y=None, *, figures="auto", presenter=False,
                 session=None):
        self.session = session if session is not None else Session(settings, X, Y)
        self.clock = Clock(self.tick, on_error=self._stopped)  # carries every view's frame
        self.views = Views(figures)  # every live view, and where the panel shows it
        self.chain_view, self.network_view = ChainView(self.clock, "chain"), NetworkView(
            self.clock, "network")
        for view, place in ((BoundaryView(self.clock, "boundary"), "screen"),
                            (self.network_view, "screen"),
                            (CurvesView(self.clock, "curves"), "screen"),
                            (self.chain_view, "across")):
            self.views.add(view, place)
        traitlets.link((self.network_view, "selected"), (self.chain_view, "selected"))
        self.chain_view.observe(lambda change: self._follow_chain(), "step")
        self.chain_view.observe(lambda change: self.next_pass(), "passes")
        self.chain_view.observe(lambda change: self._asking(change["new"]), "asking")
        self.panel = Panel(self.views, self.clock)
        self.ticks = 0  # Play ticks so far
        wiring.connect(self.panel, self)
        self.controls["presenter"].value = presenter
        self._rebuild()

    @classmethod
    def from_arrays(cls, X, Y, settings=None, **options):
        """An explorer on your own data: X (2, m), Y (1, m) of 0/1 labels."""
        return cls(settings, X, Y, **options)

    @classmethod
    def from_csv(cls, source, settings=None, **options):
        """An explorer on a CSV file (or its bytes) with the header x1,x2,label."""
        return cls(settings, *read_csv(source), **options)

    @classmethod
    def from_json(cls, text, **options):
        """An explorer restored from ``to_json`` output."""
        return cls(session=state_json.from_json(text), **options)

    @property
    def controls(self):
        """The panel's widgets by name (settings fields, buttons, read-outs)."""
        return self.panel.controls

    @property
    def widget(self):
        """The root widget to display."""
        return self.panel.widget

    def _repr_mimebundle_(self, **kwargs):
        """Displayed, the explorer is its live widget plus ``picture()`` for static pages."""
        return with_picture(self.widget._repr_mimebundle_(**kwargs), self.picture)

    def picture(self):
        """The boundary and the curves as they are now, drawn by matplotlib: (PNG, text)."""
        from .inline import picture  # matplotlib only here: the page draws the live views

        session, shown = self.session, [self.views["boundary"], self.views["curves"]]
        costs = (f", train J {session.costs[-1]:.4f}, test J {session.test_costs[-1]:.4f}"
                 if session.costs else "")
        text = (f"The backprop explorer at iteration {session.iteration}{costs}. "
                + " ".join(f"{view.data['label']}." for view in shown))
        return stack([picture(view) for view in shown], across=True), text

    @property
    def settings(self):
        return self.session.settings

    def step(self, n=1):
        """Run n iterations of gradient descent, then redraw everything."""
        self.session.step(n)
        self.refresh()

    def tick(self):
        """One Play tick: ``steps_per_tick`` iterations (fewer if they do not fit the tick's
        time budget, so Pause answers at once), the boundary, the curves and the iteration;
        every ``DETAIL_EVERY``-th tick also the chain and network views and the gradient
        table, detail a person reads at a few updates a second."""
        self.ticks += 1
        detail = self.ticks % DETAIL_EVERY == 1
        run_steps(self.session.step, self.settings.steps_per_tick)
        self.show_views(detail)
        self.panel.show_status(self.session, table=detail)

    def play(self):
        self.clock.play()

    def pause(self):
        self.clock.pause()
        self.refresh()

    def reset(self):
        """New parameters from the seed (and new data from the data seed); iteration 0."""
        self.session.reset()
        self._rebuild()

    def configure(self, **changes):
        """Change settings; the model restarts unless only the learning rate or speed changed."""
        keep = set(changes) <= {"learning_rate", "steps_per_tick"}
        if keep:
            self.session.settings = self.settings.replace(**changes)
        else:
            self.session.configure(**changes)
        self._rebuild(reset_views=not keep)

    def apply_scenario(self, name):
        """Switch to a named scenario's settings (see ``SCENARIOS``) from iteration 0."""
        if name not in SCENARIOS:
            raise ValueError(f"unknown scenario {name!r}; choose one of {', '.join(SCENARIOS)}")
        self.load_session(Session(SCENARIOS[name].settings()))
        self.panel.show_lesson(SCENARIOS[name])

    def open_link(self, query):
        """Apply the scenario a URL's query string names (``scenario=dead_relu``), if any.

        An unknown name changes nothing and shows the valid names where a scenario's lesson
        would be (the message line is cleared by the first thing the page does).
        """
        try:
            name = scenario_in_query(query)
        except ValueError as error:
            self.controls["lesson"].value = readouts.message("Link", error)
            return
        if name is not None:
            self.apply_scenario(name)

    def load_data(self, X, Y):
        """Train on your own data from now on (dataset "custom")."""
        self.load_session(Session(self.settings, X, Y))

    def state(self):
        """iteration, settings, parameters, costs, test_costs, grad_norms, dead_units."""
        return self.session.state()

    def to_json(self):
        return state_json.to_json(self.session)

    def load_json(self, text):
        """Replace the run by an exported one (str or UTF-8 bytes); a bad one changes nothing."""
        self.load_session(state_json.from_json(text))

    def load_session(self, session):
        """Show another Session; if it cannot be shown, go back to the current one and raise."""
        previous, self.session = self.session, session
        try:
            self._rebuild()
        except Exception:
            self.session = previous
            self._rebuild()
            raise

    def stepthrough(self, direction="forward"):
        """The forward (layers 1..L) or backward (dA[L], then layers L..1) steps, live."""
        AL, caches = self.session.forward()
        activations = self.session.activations
        if direction == "forward":
            return stepthrough.forward_steps(AL, caches, activations)
        if direction == "backward":
            grads = self.session.backward(AL, caches, compute_dA0=True)  # shows dA[0] too
            return stepthrough.backward_steps(AL, self.session.Y_train, caches, grads, activations)
        raise ValueError(f'direction must be "forward" or "backward", got {direction!r}')

    def next_pass(self):
        """After "Play the pass" walked a pass: the update (one iteration), then layer 1
        forward of the next pass."""
        self.chain_view.step = 0
        self.step(1)

    def refresh(self):
        """Redraw every view and every read-out."""
        self.show_views()
        self.panel.show_status(self.session)
        self.show_stepthrough()

    def show_stepthrough(self):
        """Show the step the panel's direction and layer l select, with live numbers."""
        direction, _ = self.panel.step_shown
        self.panel.show_stepthrough(self.stepthrough(direction))

    def add_view(self, view):
        """Show one more view, under the screen: a ``BrowserView`` built with
        ``(ex.clock, key)`` (so its frame rides in Play's one message a tick) whose
        ``update(session, steps)`` sets its frame from the session and its chain steps.
        See CONTRIBUTING."""
        self.views.add(view, "below")
        self.panel.place(self.views.shown[view.key])
        view.reset(self.session)
        view.update(self.session, session_steps(self.session))
        return view

    def show_views(self, detail=True):
        """Every view's frame, from one forward + backward pass; with ``detail`` false (most
        Play ticks), only the views drawn every tick, which need no pass of their own."""
        steps = None
        if detail:
            steps = session_steps(self.session)
            self.network_view.focus = position(self.chain_view.step, (len(steps) - 1) // 2)
        self.views.update(self.session, steps)

    def _follow_chain(self):
        """The network highlights the chain's step (and shows dW on a backward step)."""
        L = (self.chain_view.steps - 1) // 2
        if L >= 1 and self.network_view._pass is not None:
            self.network_view.follow(*position(self.chain_view.step, L))

    def _asking(self, is_open):
        """A question of Predict, then reveal opened (or was answered): until it is answered
        the network, the gradient table and the step-through text keep its answer."""
        self.network_view.asking = self.panel.asking = is_open
        self._follow_chain()
        self.panel.show_status(self.session)
        self.show_stepthrough()

    def _rebuild(self, reset_views=True):
        self.panel.show_settings(self.settings, self.session.own_data is not None)
        if reset_views:
            self.views.reset(self.session)
        self.refresh()

    def _stopped(self, error):
        self.panel.show_message(readouts.message("Stopped", error))
        self.refresh()

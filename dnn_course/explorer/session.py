"""The explorer's model, without widgets: data, parameters, and gradient descent on them.

One step is the package's training step, ``gradient_step`` (the one L_layer_model runs):
    AL, caches = L_model_forward(X, parameters)       J = compute_cost(AL, Y)
    grads = L_model_backward(AL, Y, caches)           parameters = update_parameters(...)
and the explorer records J (train and test), ||dW[l]|| and the dead ReLU units.

The record is kept at the resolution the curves draw: at most HISTORY_POINTS iterations,
evenly spaced over the whole run, and the latest. So a run left on Play for hours keeps
a few hundred kilobytes, not gigabytes (``benchmarks/memory.py`` measures it).

The test J, ||dW[l]|| and dead units cost a forward pass on the test set and more: they
are computed only for the iterations the history keeps (every ``stride``-th) and for the
latest one when something reads it (the page shows it once a tick, after several steps).
"""

import numpy as np

from ..cost import compute_cost
from ..data import make_dataset, train_test_split
from ..guards import check_integer
from ..initialization import initialize_parameters_deep
from ..model import L_model_backward, L_model_forward
from ..training import gradient_step
from .own_data import check_arrays
from .settings import CUSTOM, Settings

HISTORY_POINTS = 400  # the most iterations whose J, ||dW[l]|| and dead units are kept


def gradient_norms(grads):
    """[||dW[1]||, ..., ||dW[L]||]: the Frobenius norm sqrt(sum(dW[l]^2)) of each layer."""
    L = sum(1 for key in grads if key.startswith("dW"))
    return [float(np.linalg.norm(grads[f"dW{l}"])) for l in range(1, L + 1)]


def dead_mask(Z, activation):
    """Per unit of a layer: True for a ReLU unit with Z <= 0 on every example (column).

    Such a unit outputs 0 for the whole data set, so relu'(Z) = 0 and no gradient
    reaches its W and b: it can never come back. Non-ReLU units are never dead.
    """
    return np.all(Z <= 0, axis=1) if activation == "relu" else np.zeros(len(Z), dtype=bool)


def dead_units(caches, activations):
    """Per hidden layer, the number of dead ReLU units (see ``dead_mask``)."""
    return [int(np.sum(dead_mask(cache.activation_cache, name)))
            for cache, name in zip(caches[:-1], activations, strict=True)]


def owed_column(name):
    """A column of the history whose latest entry may be owed (test J, ||dW[l]||, dead
    units): reading or replacing it computes that entry first (``Session._settle``)."""
    def read(session):
        session._settle()
        return getattr(session, "_" + name)

    def replace(session, values):
        session._settle()
        setattr(session, "_" + name, values)
    return property(read, replace, doc=f"{name} at each iteration in ``steps``")


class Session:
    """Data, parameters and history of one explorer run.

    Parameters
    ----------
    settings : Settings (default: Settings())
    X, Y : optional own data, (2, m) and (1, m); the settings' dataset becomes "custom"
    """

    test_costs = owed_column("test_costs")  # J on the test set
    grad_norms = owed_column("grad_norms")  # [||dW[1]||, ..., ||dW[L]||]
    dead = owed_column("dead")  # dead ReLU units per hidden layer

    def __init__(self, settings=None, X=None, Y=None):
        settings = Settings() if settings is None else settings
        if not isinstance(settings, Settings):
            raise TypeError(f"settings must be a Settings, got {type(settings).__name__}")
        own_data = None if X is None and Y is None else check_arrays(X, Y)
        if own_data is not None:
            settings = settings.replace(dataset=CUSTOM, m=own_data[0].shape[1])
        self._start(settings, own_data)

    def configure(self, **changes):
        """Change settings and start again from iteration 0; on an error nothing changes."""
        settings = self.settings.replace(**changes)
        own_data = self.own_data if settings.dataset == CUSTOM else None  # or generated data
        self._start(settings, own_data)

    def reset(self):
        """New data split and W[l] = init_scale * randn, b[l] = 0 from the seed; iteration 0."""
        self._start(self.settings, self.own_data)

    def _start(self, s, own_data):
        """Build the data split and W[l], b[l] first; keep them (and s) only if all worked."""
        if own_data is None and s.dataset == CUSTOM:
            raise ValueError('dataset "custom" needs your own X and Y: upload a CSV '
                             "x1,x2,label, or use from_arrays / from_csv")
        X, Y = own_data or make_dataset(s.dataset, s.m, s.noise, rng=s.data_seed)
        split = train_test_split(X, Y, s.test_fraction, rng=s.data_seed)
        parameters = initialize_parameters_deep(s.layer_dims(), rng=s.seed, scale=s.init_scale)
        self.settings, self.own_data = s, own_data
        self.X_train, self.Y_train, self.X_test, self.Y_test = split
        self.parameters, self.iteration, self._stepped = parameters, 0, None
        self.steps, self.costs, self._test_costs, self._grad_norms, self._dead = [], [], [], [], []
        self.stride, self._owed = 1, None

    def record(self, step, cost, test_cost, norms, dead):
        """Keep iteration ``step``'s numbers: J, test J, ||dW[l]|| and dead units per layer
        (the last three None while owed: see ``_step``).

        The history holds every ``stride``-th iteration and the latest one. When it would
        exceed HISTORY_POINTS, every other kept iteration is dropped and the stride doubles:
        the history always spans the whole run, evenly, in at most HISTORY_POINTS entries.
        """
        self._owed = None  # the previous latest, if its numbers are owed, is off the stride
        columns = (self.steps, self.costs, self._test_costs, self._grad_norms, self._dead)
        if self.steps and self.steps[-1] % self.stride:  # the previous latest, off the stride
            for column in columns:
                column.pop()
        for column, value in zip(columns, (step, cost, test_cost, norms, dead), strict=True):
            column.append(value)
        if len(self.steps) > HISTORY_POINTS:
            self.stride *= 2
            last = len(self.steps) - 1
            kept = [i for i, s in enumerate(self.steps) if s % self.stride == 0 or i == last]
            for column in columns:
                column[:] = [column[i] for i in kept]

    @property
    def activations(self):
        """The activation names of hidden layers 1..L-1."""
        return self.settings.hidden_activations()

    def forward(self, X=None):
        """AL, caches = L_model_forward(X, parameters) on the training set by default."""
        X = self.X_train if X is None else X
        return L_model_forward(X, self.parameters, self.activations)

    def backward(self, AL, caches, compute_dA0=False):
        """grads = L_model_backward(AL, Y_train, caches); dA0 only if asked for.

        dA0 = W[1]^T dZ[1] "could be computed, but we won't use it": a training step skips
        it; the backward step-through asks for it to show the last equation's numbers.
        """
        return L_model_backward(AL, self.Y_train, caches, self.activations, compute_dA0)

    def step(self, n=1):
        """Run n iterations of gradient descent; returns the last training cost."""
        check_integer("n", n, 0, " (iterations to run)")
        for _ in range(n):
            with np.errstate(over="ignore", invalid="ignore"):  # checked just below
                self._step()
        return self.costs[-1] if self.costs else None

    def _step(self):
        """One iteration, the package's gradient_step; refuses an inf or NaN A[L] or update.

        Inputs are checked unless they are the training set and the parameters the last
        step returned (not, say, parameters set from outside or an imported state).
        """
        trusted = self.parameters is self._stepped
        step = (gradient_step.unchecked if trusted else gradient_step)(
            self.X_train, self.Y_train, self.parameters, self.settings.learning_rate,
            self.activations, lambda AL, caches: self._refuse_inf([AL]))
        self._refuse_inf(step.parameters.values())
        owed = (self.parameters, step, self.activations)  # all checked: the step read them
        if self.iteration % self.stride == 0:  # the history keeps it: its numbers now
            self.record(self.iteration, step.cost, *self._extras(*owed))
        else:  # only the latest until the next step: its numbers if someone reads them
            self.record(self.iteration, step.cost, None, None, None)
            self._owed = owed
        self.parameters = self._stepped = step.parameters
        self.iteration += 1

    def _extras(self, parameters, step, activations):
        """J on the test set with the parameters the step started from (the ones its J is
        for), ||dW[l]|| and the dead units of its forward pass."""
        AL, _ = L_model_forward.unchecked(self.X_test, parameters, activations)
        return (float(compute_cost.unchecked(AL, self.Y_test)), gradient_norms(step.grads),
                dead_units(step.caches, activations))

    def _settle(self):
        """Compute the latest iteration's test J, ||dW[l]|| and dead units if still owed."""
        if self._owed is not None:
            owed, self._owed = self._owed, None
            with np.errstate(over="ignore", invalid="ignore"):  # as in the step itself
                self._test_costs[-1], self._grad_norms[-1], self._dead[-1] = self._extras(*owed)

    def _refuse_inf(self, arrays):
        """Stop, naming the learning rate, when gradient descent has run off to inf or NaN."""
        if not all(np.isfinite(value).all() for value in arrays):
            raise ValueError(
                f"iteration {self.iteration}: a W, b or A[L] became inf or NaN — "
                f"learning_rate = {self.settings.learning_rate} is too high; lower it, Reset"
            )

    def probabilities(self, X):
        """AL = y-hat for any points X (2, k), e.g. a grid for the decision boundary."""
        AL, _ = self.forward(X)
        return AL

    def state(self):
        """A snapshot: iteration, parameters (copies), and the history: the iterations kept
        (steps), their costs, test costs, gradient norms and dead units."""
        return {
            "iteration": self.iteration,
            "steps": list(self.steps),
            "settings": self.settings,
            "parameters": {key: value.copy() for key, value in self.parameters.items()},
            "costs": list(self.costs),
            "test_costs": list(self.test_costs),
            "grad_norms": [list(norms) for norms in self.grad_norms],
            "dead_units": [list(counts) for counts in self.dead],
        }

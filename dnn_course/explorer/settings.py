"""The explorer's settings: the data, the network [n_x, n[1], ..., n[L-1], 1] and the run.

Every control of the explorer edits one field here; a scenario is a set of fields; the
JSON state stores them all. Bad values raise a ValueError that names the field.
"""

import dataclasses

from ..activations import ACTIVATIONS
from ..data import DATASETS
from ..guards import check_integer, is_real
from ..initialization import SCALES

MAX_HIDDEN_LAYERS = 6
MAX_NEURONS = 16
MAX_M = 100_000  # the most points the explorer trains on (and reads from a CSV file)
CUSTOM = "custom"  # the dataset name of data given with from_arrays / from_csv


@dataclasses.dataclass(frozen=True)
class Settings:
    """What the explorer trains, on what data, and how fast.

    dataset, m, noise, test_fraction, data_seed : the 2-D data (``make_dataset``)
    hidden_layers : L - 1, from 0 (logistic regression) to 6
    neurons : n[l] of every hidden layer (an int), or one int per hidden layer
    hidden_activation : one name for layers 1..L-1, or one name per hidden layer
    learning_rate : alpha in W[l] := W[l] - alpha dW[l]
    init_scale : the std of W[l] at reset: a number, "xavier" or "he"
    seed : the seed of ``initialize_parameters_deep``
    steps_per_tick : gradient-descent steps per Play tick
    """

    dataset: str = "circle"
    m: int = 500
    noise: float = 0.1
    test_fraction: float = 0.3
    data_seed: int = 0
    hidden_layers: int = 2
    neurons: int | tuple = 8
    hidden_activation: str | tuple = "relu"
    learning_rate: float = 0.3
    init_scale: float | str = "he"
    seed: int = 1
    steps_per_tick: int = 10

    def __post_init__(self):
        for name in ("neurons", "hidden_activation"):  # lists from JSON become tuples
            value = getattr(self, name)
            if isinstance(value, list):
                object.__setattr__(self, name, tuple(value))
        if self.dataset not in (*DATASETS, CUSTOM):
            raise ValueError(f"dataset must be one of {', '.join(DATASETS)}, got {self.dataset!r}")
        check_integer("m", self.m, 4, most=MAX_M)
        check_integer("data_seed", self.data_seed, 0, most=2**32 - 1)
        check_integer("seed", self.seed, 0, most=2**32 - 1)
        check_integer("hidden_layers", self.hidden_layers, 0, most=MAX_HIDDEN_LAYERS)
        check_integer("steps_per_tick", self.steps_per_tick, 1, most=1000)
        _number("noise", self.noise, 0, 2)
        _number("test_fraction", self.test_fraction, 0, 1, open_interval=True)
        _number("learning_rate", self.learning_rate, 0, 100, open_interval=True)
        if not (isinstance(self.init_scale, str) and self.init_scale in SCALES):
            _number("init_scale", self.init_scale, 0, 100, open_interval=True)
        self.hidden_dims()
        self.hidden_activations()

    def hidden_dims(self):
        """[n[1], ..., n[L-1]]: the hidden layer sizes."""
        for n in _values(self.neurons):
            check_integer("neurons", n, 1, most=MAX_NEURONS)
        return _per_layer("neurons", self.neurons, self.hidden_layers)

    def hidden_activations(self):
        """The activation names of layers 1..L-1 (each name is checked before the count)."""
        for name in _values(self.hidden_activation):
            if not (isinstance(name, str) and name in ACTIVATIONS):
                raise ValueError(
                    f"hidden_activation: unknown activation {name!r}; choose one of "
                    f"{', '.join(ACTIVATIONS)}"
                )
        return _per_layer("hidden_activation", self.hidden_activation, self.hidden_layers)

    def layer_dims(self, n_x=2):
        """layer_dims = [n_x, n[1], ..., n[L-1], 1] for ``initialize_parameters_deep``."""
        return [n_x, *self.hidden_dims(), 1]

    def replace(self, **changes):
        """A copy with some fields changed (and checked)."""
        unknown = sorted(set(changes) - set(field_names()))
        if unknown:
            raise ValueError(f"unknown setting(s) {unknown}; the settings are {field_names()}")
        return dataclasses.replace(self, **changes)

    def to_dict(self):
        """The fields as plain JSON values (tuples become lists)."""
        return {k: list(v) if isinstance(v, tuple) else v for k, v in vars(self).items()}


def field_names():
    """The names of the settings, in order."""
    return [field.name for field in dataclasses.fields(Settings)]


def _values(value):
    """The values of a per-layer field: the tuple itself, or its one value."""
    return value if isinstance(value, tuple) else (value,)


def _per_layer(name, value, hidden_layers):
    if isinstance(value, tuple):
        if len(value) != hidden_layers:
            raise ValueError(
                f"{name} gives {len(value)} values but there are hidden_layers = "
                f"{hidden_layers} hidden layers: give one value, or one per hidden layer"
            )
        return list(value)
    return [value] * hidden_layers


def _number(name, value, low, high, open_interval=False):
    if not is_real(value):
        raise ValueError(f"{name} must be a number, got {value!r}")
    inside = low < value < high if open_interval else low <= value <= high
    if not inside:
        bounds = f"between {low} and {high}" + (" (exclusive)" if open_interval else "")
        raise ValueError(f"{name} must be {bounds}, got {value}")

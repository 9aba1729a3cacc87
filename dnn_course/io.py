"""Save and load parameters as .npz files: plain arrays, never pickled objects."""

import zipfile
from pathlib import Path

import numpy as np

from .validation import num_layers


def save_parameters(parameters, path):
    """Write W1, b1, ..., WL, bL to ``path`` (``.npz`` is added if missing); return the path."""
    num_layers(parameters)
    path = Path(path)
    if path.suffix != ".npz":
        path = path.with_name(path.name + ".npz")
    np.savez(path, **{key: np.asarray(value) for key, value in parameters.items()})
    return path


def load_parameters(path):
    """Read a parameter file written by ``save_parameters``; objects are never unpickled.

    Returns
    -------
    parameters : dict  {"W1": ..., "b1": ..., ...} with the saved arrays, bit for bit
    """
    path = Path(path)
    if not path.is_file():
        raise FileNotFoundError(f"no parameter file at {path}")
    try:
        data = np.load(path, allow_pickle=False)
        if not isinstance(data, np.lib.npyio.NpzFile):
            raise ValueError(f"{path} holds a single array, not a .npz parameter file")
        with data:
            parameters = {key: data[key] for key in data.files}
    except ValueError as error:
        if "allow_pickle" not in str(error):
            raise ValueError(f"{path} is not a valid .npz parameter file: {error}") from error
        raise ValueError(
            f"{path} holds object arrays, which would need unpickling (unsafe); a "
            "parameter file holds only numeric arrays"
        ) from error
    except (OSError, zipfile.BadZipFile, EOFError) as error:
        raise ValueError(f"{path} is not a valid .npz parameter file: {error}") from error
    for key, value in parameters.items():
        if not np.issubdtype(value.dtype, np.number):
            raise ValueError(f"{path}: {key} has dtype {value.dtype}, expected numbers")
    num_layers(parameters)
    return parameters

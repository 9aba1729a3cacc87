"""Save and load parameters as .npz files: plain arrays, never pickled objects."""

import zipfile
from pathlib import Path

import numpy as np

from .shapes import num_layers
from .validation import as_matrix

NPZ_MAGIC, NPY_MAGIC = b"PK", b"\x93NUMPY"  # a .npz file is a zip archive of .npy arrays


def save_parameters(parameters, path):
    """Write W1, b1, ..., WL, bL to ``path`` (``.npz`` is added if missing); return the path.

    Only numeric arrays under the keys W[l], b[l] are written, so nothing is ever pickled;
    any other key is refused rather than silently left out.
    """
    L = num_layers(parameters)
    keys = [f"{p}{l}" for l in range(1, L + 1) for p in ("W", "b")]
    others = [key for key in parameters if key not in keys]
    if others:
        raise ValueError(
            f"a parameter file holds only W1, b1, ..., W{L}, b{L}; parameters also has "
            f"{', '.join(map(repr, others))} — save those some other way"
        )
    arrays = {key: as_matrix(key, value, "(n[l], n[l-1])" if key[0] == "W" else "(n[l], 1)")
              for key, value in parameters.items()}
    path = Path(path)
    if path.suffix != ".npz":
        path = path.with_name(path.name + ".npz")
    np.savez(path, **arrays)
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
    with path.open("rb") as file:
        magic = file.read(len(NPY_MAGIC))
    if magic.startswith(NPY_MAGIC):
        raise ValueError(f"{path} holds a single array (.npy), not a .npz parameter file")
    if not magic.startswith(NPZ_MAGIC):
        raise ValueError(
            f"{path} is not a parameter file: a .npz file is a zip archive, this one starts "
            f"with {magic!r}"
        )
    try:
        with np.load(path, allow_pickle=False) as data:
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

"""Save and load parameters as .npz files: plain arrays, never pickled objects.

A save never loses the file it replaces: it writes a new file beside the target, flushes it
to disk and only then renames it over the old one, so a full disk, Ctrl-C or a killed
process leaves the old file as it was. A load reads every array's header first and refuses
a file whose arrays are not W[l] (n[l], n[l-1]) and b[l] (n[l], 1), or whose declared sizes
do not fit the file, before allocating anything.
"""

import math
import os
import re
import secrets
import stat
import zipfile
from pathlib import Path

import numpy as np

from .guards import as_matrix, check_chain, num_layers, shape_of

NPZ_MAGIC, NPY_MAGIC = b"PK", b"\x93NUMPY"  # a .npz file is a zip archive of .npy arrays
MAX_BYTES = 1 << 28  # 256 MiB: 100 times the largest network of the course
NOT_FILES = {stat.S_IFDIR: "a directory", stat.S_IFIFO: "a named pipe (FIFO)",
             stat.S_IFCHR: "a device", stat.S_IFBLK: "a device"}  # opening a FIFO would hang
HEADER_READERS = {(1, 0): np.lib.format.read_array_header_1_0,
                  (2, 0): np.lib.format.read_array_header_2_0}


def npz_path(path):
    """The file ``save_parameters(..., path)`` writes: ``path`` with ``.npz`` added if missing."""
    if not isinstance(path, str | os.PathLike) or not Path(path).name:
        raise TypeError(f"path must name a file (a str or pathlib.Path like 'model.npz'), "
                        f"got {path!r}")
    path = Path(path)
    return path if path.suffix == ".npz" else path.with_name(path.name + ".npz")


def save_parameters(parameters, path):
    """Write W1, b1, ..., WL, bL to ``path`` (``.npz`` is added if missing); return the path.

    Only numeric arrays under the keys W[l], b[l] are written, so nothing is ever pickled;
    any other key is refused rather than silently left out. An existing file is replaced
    only once the new one is complete on disk.
    """
    L = num_layers(parameters)
    keys = [f"{p}{l}" for l in range(1, L + 1) for p in ("W", "b")]
    others = [key for key in parameters if key not in keys]
    if others:
        raise ValueError(
            f"a parameter file holds only W1, b1, ..., W{L}, b{L}; parameters also has "
            f"{', '.join(map(repr, others))} — save those some other way"
        )
    arrays = {key: as_matrix(key, value, shape_of(key[0]))
              for key, value in parameters.items()}
    total = sum(array.nbytes for array in arrays.values())
    if total > MAX_BYTES:
        raise ValueError(f"parameters hold {total} bytes, more than the {MAX_BYTES} bytes "
                         "load_parameters reads by default; save them with np.savez")
    path = npz_path(path)
    if path.is_dir():
        raise IsADirectoryError(f"cannot save parameters to {path}: it is a directory")
    target = path.resolve() if path.is_symlink() else path  # a link keeps pointing at it
    partial = target.with_name(f".{target.name}.{secrets.token_hex(4)}.partial")
    try:
        with open(partial, "xb") as file:
            if target.exists():  # the new file gets the old one's permissions
                os.chmod(file.fileno(), target.stat().st_mode & 0o777)
            np.savez(file, **arrays)
            file.flush()
            os.fsync(file.fileno())
        os.replace(partial, target)
    except BaseException as error:
        partial.unlink(missing_ok=True)
        if isinstance(error, OSError):
            raise OSError(
                error.errno, f"could not save parameters to {path} ({error.strerror or error}); "
                "an existing file there is unchanged"
            ) from error
        raise
    return path


def load_parameters(path, max_bytes=MAX_BYTES):
    """Read a parameter file written by ``save_parameters``; objects are never unpickled.

    ``path`` is read the way ``save_parameters`` wrote it (``.npz`` added if missing).
    Nothing larger than ``max_bytes`` is read or allocated.

    Returns
    -------
    parameters : dict  {"W1": ..., "b1": ..., ...} with the saved arrays, bit for bit
    """
    path = _existing_file(path)
    size = path.stat().st_size
    if size > max_bytes:
        raise ValueError(f"{path} is {size} bytes, more than the limit of {max_bytes} bytes")
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
        with zipfile.ZipFile(path) as archive:
            headers = {info.filename: _header(archive, info, path) for info in archive.infolist()}
            total = sum(nbytes for _, nbytes in headers.values())
            if total > max_bytes or len(headers) != len(archive.infolist()):
                raise ValueError(f"{path} declares arrays of {total} bytes in all, more than the "
                                 f"limit of {max_bytes} bytes (pass max_bytes= to raise it)"
                                 if total > max_bytes else f"{path} repeats an array name")
            _check_network(path, {name[:-4]: shape for name, (shape, _) in headers.items()})
            return {name[:-4]: np.lib.format.read_array(archive.open(name)) for name in headers}
    except (OSError, zipfile.BadZipFile, EOFError, ValueError) as error:
        if str(path) in str(error):
            raise
        raise ValueError(f"{path} is not a valid .npz parameter file: {error}") from error


def _existing_file(path):
    """The regular file to read: the .npz name save would write, else ``path`` as given."""
    for candidate in (npz_path(path), Path(path)):
        try:
            mode = candidate.stat().st_mode
        except FileNotFoundError:
            continue
        if stat.S_ISREG(mode):
            return candidate
        kind = NOT_FILES.get(stat.S_IFMT(mode), "not a regular file")
        raise ValueError(f"{candidate} is {kind}, not a parameter file")
    raise FileNotFoundError(f"no parameter file at {npz_path(path)}")


def _header(archive, info, path):
    """(shape, data bytes) of one member, read from its .npy header alone."""
    where = f"{path}: member {info.filename!r}"
    if not re.fullmatch(r"[Wb][1-9][0-9]*\.npy", info.filename):
        raise ValueError(f"{where} is not W<l>.npy or b<l>.npy; a parameter file holds "
                         "only W1, b1, ..., WL, bL")
    with archive.open(info) as member:
        try:
            read_header = HEADER_READERS.get(np.lib.format.read_magic(member))
            if read_header is None:
                raise ValueError("unsupported .npy format version")
            shape, _, dtype = read_header(member)
            header_bytes = member.tell()
        except ValueError as error:
            raise ValueError(f"{where} is not a .npy array: {error}") from error
    if dtype.hasobject:
        raise ValueError(f"{where} holds object arrays, which would need unpickling (unsafe); "
                         "a parameter file holds only numeric arrays")
    if not (np.issubdtype(dtype, np.integer) or np.issubdtype(dtype, np.floating)):
        raise ValueError(f"{where}: {info.filename[:-4]} has dtype {dtype}, expected numbers")
    nbytes = math.prod(shape) * dtype.itemsize
    if header_bytes + nbytes != info.file_size:
        raise ValueError(f"{where} declares shape {shape} ({nbytes} bytes of {dtype}) but "
                         f"holds {info.file_size - header_bytes} bytes of data")
    return shape, nbytes


def _check_network(path, shapes):
    """W[l] must be (n[l], n[l-1]) and b[l] (n[l], 1), each layer fitting the one before."""
    num_layers(shapes)
    check_chain(shapes, where=f"{path}: ")

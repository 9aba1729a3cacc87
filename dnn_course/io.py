"""Save and load parameters as .npz files: plain arrays, never pickled objects.

A save never loses the file it replaces: it writes a new file beside the target, flushes it
to disk and only then renames it over the old one, so a full disk, Ctrl-C or a killed
process leaves the old file as it was. A load opens the file once, without waiting (a named
pipe or device is refused, not read), bounds the zip directory before it is parsed, reads
every array's header first and refuses a file whose arrays are not W[l] (n[l], n[l-1]) and
b[l] (n[l], 1), or whose declared sizes do not fit the file, before allocating anything.
"""

import glob
import math
import os
import re
import secrets
import stat
import struct
import time
import zipfile
from pathlib import Path

try:
    import fcntl
except ImportError:  # Windows
    fcntl = None

import numpy as np

from .guards import as_matrix, check_chain, num_layers, shape_of

NPZ_MAGIC, NPY_MAGIC = b"PK", b"\x93NUMPY"  # a .npz file is a zip archive of .npy arrays
MAX_BYTES = 1 << 28  # 256 MiB: 100 times the largest network of the course
NOT_FILES = {stat.S_IFDIR: "a directory", stat.S_IFIFO: "a named pipe (FIFO)",
             stat.S_IFCHR: "a device", stat.S_IFBLK: "a device"}  # opening a FIFO would hang
ORPHAN_SECONDS = 60  # a .partial file older than this and unlocked is a killed save's
MAX_ENTRIES = 2000  # members of a parameter file: W[l] and b[l] of up to 1000 layers
MAX_ENTRY_BYTES = 200  # one zip directory entry: 46 bytes, a name like W12.npy, zip64 fields
MAX_HEADER = 4096  # bytes of one .npy header at most, besides the array's data
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
    _remove_orphans(target)
    partial = target.with_name(f".{target.name}.{secrets.token_hex(4)}.partial")
    try:
        with open(partial, "xb") as file:
            if fcntl is not None:  # held while writing: a locked .partial is not an orphan
                fcntl.flock(file.fileno(), fcntl.LOCK_EX)
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


def _remove_orphans(target):
    """Delete the hidden .partial files a killed save left beside ``target``.

    A save holds a lock on its .partial file until it is renamed; a process that is killed
    loses its locks, so a .partial file that can be locked, and was last written more than
    ORPHAN_SECONDS ago (not one just created, before its save locked it), belongs to no
    running save.
    (Without fcntl, on Windows, nothing is removed.)
    """
    if fcntl is None:
        return
    pattern = re.compile(re.escape(f".{target.name}.") + r"[0-9a-f]{8}\.partial")
    for partial in target.parent.glob(glob.escape(f".{target.name}.") + "*.partial"):
        if not pattern.fullmatch(partial.name):
            continue
        try:
            fd = os.open(partial, os.O_RDONLY | os.O_NONBLOCK | os.O_NOFOLLOW)
        except OSError:
            continue
        try:
            info = os.fstat(fd)
            if stat.S_ISREG(info.st_mode) and time.time() - info.st_mtime > ORPHAN_SECONDS:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                partial.unlink(missing_ok=True)
        except OSError:  # locked: a save is writing it
            pass
        finally:
            os.close(fd)


def load_parameters(path, max_bytes=MAX_BYTES):
    """Read a parameter file written by ``save_parameters``; objects are never unpickled.

    ``path`` is read the way ``save_parameters`` wrote it (``.npz`` added if missing).
    Nothing larger than ``max_bytes`` is read or allocated.

    Returns
    -------
    parameters : dict  {"W1": ..., "b1": ..., ...} with the saved arrays, bit for bit
    """
    path, file = _open_file(path)
    with file:
        size = os.fstat(file.fileno()).st_size
        if size > max_bytes:
            raise ValueError(f"{path} is {size} bytes, more than the limit of {max_bytes} bytes")
        magic = file.read(len(NPY_MAGIC))
        if magic.startswith(NPY_MAGIC):
            raise ValueError(f"{path} holds a single array (.npy), not a .npz parameter file")
        if not magic.startswith(NPZ_MAGIC):
            raise ValueError(
                f"{path} is not a parameter file: a .npz file is a zip archive, this one starts "
                f"with {magic!r}"
            )
        try:
            _check_directory(file, size)
            with zipfile.ZipFile(file) as archive:
                return _read_arrays(archive, path, max_bytes)
        except (OSError, zipfile.BadZipFile, EOFError, ValueError) as error:
            if str(path) in str(error):
                raise
            raise ValueError(f"{path} is not a valid .npz parameter file: {error}") from error


def _read_arrays(archive, path, max_bytes):
    """Every member's header first (names, shapes, sizes), then the arrays themselves."""
    infos = archive.infolist()
    declared = sum(info.file_size for info in infos)
    if declared > max_bytes + len(infos) * MAX_HEADER:
        raise ValueError(f"{path} declares arrays of {declared} bytes in all, more than the "
                         f"limit of {max_bytes} bytes (pass max_bytes= to raise it)")
    headers = {info.filename: _header(archive, info, path) for info in infos}
    total = sum(nbytes for _, nbytes in headers.values())
    if total > max_bytes or len(headers) != len(infos):
        raise ValueError(f"{path} declares arrays of {total} bytes in all, more than the "
                         f"limit of {max_bytes} bytes (pass max_bytes= to raise it)"
                         if total > max_bytes else f"{path} repeats an array name")
    _check_network(path, {name[:-4]: shape for name, (shape, _) in headers.items()})
    return {name[:-4]: np.lib.format.read_array(archive.open(name)) for name in headers}


def _open_file(path):
    """(path, file): the regular file to read, opened once, checked on what was opened.

    The .npz name save would write is tried first, then ``path`` as given. The open does not
    wait (O_NONBLOCK: a named pipe with no writer would block it for good), and what it
    opened is checked with fstat, so a file swapped after a check cannot be read instead.
    """
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0)
    for candidate in dict.fromkeys((npz_path(path), Path(path))):
        try:
            fd = os.open(candidate, flags | getattr(os, "O_BINARY", 0))
        except FileNotFoundError:
            continue
        except IsADirectoryError:  # Windows cannot open a directory at all
            raise ValueError(f"{candidate} is a directory, not a parameter file") from None
        mode = os.fstat(fd).st_mode
        if not stat.S_ISREG(mode):
            os.close(fd)
            kind = NOT_FILES.get(stat.S_IFMT(mode), "not a regular file")
            raise ValueError(f"{candidate} is {kind}, not a parameter file")
        return candidate, os.fdopen(fd, "rb")
    raise FileNotFoundError(f"no parameter file at {npz_path(path)}")


def _check_directory(file, size):
    """Refuse a zip directory too large for a parameter file, before zipfile reads it.

    Its size and entry count are in the end record, the file's last 22 bytes (np.savez
    writes no archive comment): at most MAX_ENTRIES entries of at most MAX_ENTRY_BYTES each
    (a name like W12.npy and numpy's zip64 fields).
    """
    file.seek(max(0, size - 22))
    end = file.read(22)
    if len(end) != 22 or not end.startswith(b"PK\x05\x06"):
        raise ValueError("its zip directory's end record is not at the end of the file "
                         "(an archive comment, or not a zip file)")
    entries, directory_bytes = struct.unpack("<2xHI4x", end[8:20])
    if entries > MAX_ENTRIES or directory_bytes > MAX_ENTRIES * MAX_ENTRY_BYTES:
        raise ValueError(f"its zip directory lists {entries} members in {directory_bytes} "
                         f"bytes; a parameter file holds W1, b1, ..., WL, bL, at most "
                         f"{MAX_ENTRIES} arrays")
    file.seek(0)


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

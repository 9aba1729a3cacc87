"""Your own 2-D data for the explorer: from arrays, or from a CSV file x1,x2,label.

The explorer trains on X of shape (2, m) and Y of shape (1, m) of 0/1 labels, one
column per example, like the rest of the package.
"""

import contextlib
import io
from pathlib import Path

import numpy as np

from ..guards import check_features, check_labels, check_scale
from .settings import MAX_M

HEADER = ["x1", "x2", "label"]
MAX_LINE = 1000  # characters: a row x1,x2,label needs well under 100


def check_arrays(X, Y):
    """Return X as (2, m) and Y as (1, m) of 0/1, or raise a clear error."""
    X = check_features(X, 2, "the explorer (x1, x2)")
    if X.shape[1] < 4:
        raise ValueError(f"X has m = {X.shape[1]} examples; the explorer needs at least 4")
    if not np.isfinite(X).all():
        raise ValueError("X contains NaN or inf; every point needs two finite coordinates")
    check_scale(X)
    Y = check_labels(np.asarray(Y, dtype=float), np.empty((1, X.shape[1])))
    return X.astype(float), Y


def read_csv(source):
    """Read X (2, m) and Y (1, m) from CSV text with the header ``x1,x2,label``.

    Parameters
    ----------
    source : a path (str or pathlib.Path), the CSV text itself (a str with a line break),
        bytes (an uploaded file) or a file object. Reading stops after MAX_M data rows.

    Raises
    ------
    ValueError naming the line of the first bad row (line 1 is the header).
    """
    rows = []
    with contextlib.closing(_lines(source)) as lines:
        try:
            header = next(lines, "").lstrip("\ufeff")
            if [cell.strip().lower() for cell in header.split(",")] != HEADER:
                found = header.rstrip("\n") or "an empty file"
                raise ValueError(f"line 1: the CSV header must be 'x1,x2,label', found {found!r}")
            for number, line in enumerate(lines, start=2):
                if line.strip() and len(rows) == MAX_M:
                    raise ValueError(f"the CSV file has more than {MAX_M} data rows; the "
                                     f"explorer takes at most m = {MAX_M} points")
                if line.strip():
                    rows.append(_row(number, line.rstrip("\n")))
        except UnicodeDecodeError:
            raise ValueError(f"the CSV file must be UTF-8 text, but line {len(rows) + 2} or "
                             "near it is not: save it as CSV (UTF-8) and load it again") from None
    if len(rows) < 4:
        raise ValueError(f"the CSV file has {len(rows)} data rows; the explorer needs at least 4")
    data = np.array(rows).T
    return check_arrays(data[:2], data[2:])


def _lines(source):
    """The lines of ``source``, read one at a time (universal newlines, UTF-8 with a BOM);
    a line longer than MAX_LINE characters comes in pieces, which fail as rows."""
    if isinstance(source, str) and ("\n" in source or "\r" in source):
        yield from _pieces(io.StringIO(source, newline=None))  # the CSV text itself
    elif isinstance(source, str | Path):
        if not Path(source).is_file():
            raise FileNotFoundError(f"no CSV file at {source} (to pass the CSV text itself, "
                                    "give a str with its line breaks)")
        with open(source, encoding="utf-8-sig", newline=None) as file:
            yield from _pieces(file)
    elif isinstance(source, io.TextIOBase):
        yield from _pieces(source)
    elif isinstance(source, bytes | bytearray | memoryview | io.IOBase):
        binary = io.BytesIO(bytes(source)) if not isinstance(source, io.IOBase) else source
        text = io.TextIOWrapper(binary, "utf-8-sig", newline=None)
        try:
            yield from _pieces(text)
        finally:
            text.detach()  # the caller's file stays open
    else:
        kind = type(source).__name__
        raise TypeError(f"source must be a path, CSV text, bytes or a file object, got {kind}")


def _pieces(file):
    return iter(lambda: file.readline(MAX_LINE), "")


def _row(number, line):
    cells = [cell.strip() for cell in line.split(",")]
    if len(cells) != 3:
        raise ValueError(
            f"line {number}: expected 3 values x1,x2,label, got {len(cells)}: {line!r}"
        )
    try:
        x1, x2, label = (float(cell) for cell in cells)
    except ValueError:
        raise ValueError(f"line {number}: x1, x2 and label must be numbers, got {line!r}") from None
    if not (np.isfinite(x1) and np.isfinite(x2)):
        raise ValueError(f"line {number}: x1 and x2 must be finite numbers, got {line!r}")
    if label not in (0, 1):
        raise ValueError(f"line {number}: label must be 0 or 1, got {cells[2]!r}")
    return x1, x2, label

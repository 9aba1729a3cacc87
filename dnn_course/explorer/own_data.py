"""Your own 2-D data for the explorer: from arrays, or from a CSV file x1,x2,label.

The explorer trains on X of shape (2, m) and Y of shape (1, m) of 0/1 labels, one
column per example, like the rest of the package.
"""

import io
from pathlib import Path

import numpy as np

from ..validation import as_matrix, check_labels

HEADER = ["x1", "x2", "label"]


def check_arrays(X, Y):
    """Return X as (2, m) and Y as (1, m) of 0/1, or raise a clear error."""
    X = as_matrix("X", X, "(2, m)")
    if X.shape[0] != 2:
        hint = " — examples are columns: pass X.T" if X.shape[1] == 2 else ""
        raise ValueError(f"X must be (2, m): two features x1, x2 per column, got {X.shape}{hint}")
    if X.shape[1] < 4:
        raise ValueError(f"X has m = {X.shape[1]} examples; the explorer needs at least 4")
    if not np.isfinite(X).all():
        raise ValueError("X contains NaN or inf; every point needs two finite coordinates")
    Y = check_labels(np.asarray(Y, dtype=float), np.empty((1, X.shape[1])))
    return X.astype(float), Y


def read_csv(source):
    """Read X (2, m) and Y (1, m) from CSV text with the header ``x1,x2,label``.

    Parameters
    ----------
    source : str path, pathlib.Path, bytes (an uploaded file) or a text file object

    Raises
    ------
    ValueError naming the line of the first bad row (line 1 is the header).
    """
    text = _text(source)
    lines = text.splitlines()
    if not lines or [cell.strip().lower() for cell in lines[0].split(",")] != HEADER:
        found = lines[0] if lines else "an empty file"
        raise ValueError(f"line 1: the CSV header must be 'x1,x2,label', found {found!r}")
    rows = []
    for number, line in enumerate(lines[1:], start=2):
        if line.strip():
            rows.append(_row(number, line))
    if len(rows) < 4:
        raise ValueError(f"the CSV file has {len(rows)} data rows; the explorer needs at least 4")
    data = np.array(rows).T
    return check_arrays(data[:2], data[2:])


def _text(source):
    """The CSV text: a path or bytes are decoded as UTF-8 (a leading BOM is skipped)."""
    if isinstance(source, str | Path):
        source = Path(source).read_bytes()
    elif isinstance(source, io.IOBase):
        source = source.read()
    if isinstance(source, str):
        return source
    if not isinstance(source, bytes | bytearray | memoryview):
        kind = type(source).__name__
        raise TypeError(f"source must be a path, bytes or a file object, got {kind}")
    try:
        return bytes(source).decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise ValueError(
            f"the CSV file must be UTF-8 text, but byte {error.start + 1} is not UTF-8: "
            "save it as CSV (UTF-8) and load it again"
        ) from None


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

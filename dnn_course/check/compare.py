"""Compare a student's outputs with the expected ones and say what differs, in words.

Outputs are dicts ``{name: value}`` (e.g. ``{"dA_prev": ..., "dW": ..., "db": ...}``).
A wrong output is described by its shape or by its first wrong entry; then the known
mistakes (dicts of the outputs each mistake would give) are matched against it.
"""

import numpy as np

RTOL, ATOL = 1e-6, 1e-9
SHOWN = 4  # wrong outputs described in words; the others are counted
MISSING = object()  # an output the student did not return (e.g. a missing dict key)


def same(expected, got):
    """True when ``got`` equals ``expected`` up to rounding (arrays: same shape too)."""
    if expected is MISSING or got is MISSING:
        return expected is got
    if isinstance(expected, np.ndarray) and expected.ndim > 0:
        if not isinstance(got, np.ndarray) or got.shape != expected.shape:
            return False
        return np.issubdtype(got.dtype, np.number) and np.allclose(got, expected, RTOL, ATOL)
    try:
        return bool(np.allclose(got, expected, RTOL, ATOL)) and np.ndim(got) == np.ndim(expected)
    except (TypeError, ValueError):
        return False


def _is_number(x):
    return isinstance(x, int | float | np.number | np.ndarray) and np.ndim(x) == 0 and np.isreal(x)


def _number(x):
    return f"{float(x):.6g}"


def _how_many_differ(wrong, size):
    """'1 of 1 entry differs', '1 of 5 entries differs', '3 of 5 entries differ'."""
    return f"{wrong} of {size} {'entry' if size == 1 else 'entries'} differ{'s' * (wrong == 1)}"


def describe(name, expected, got):
    """Say how ``got`` differs from ``expected``.

    Returns ``(lines, diagnoses, normalized)``: ``normalized`` is ``got`` brought to the
    expected shape when the only shape problem is a known one (a transpose, a dropped
    axis), so that its values can still be compared; otherwise ``got``.
    """
    if got is MISSING:
        return [f"{name} is missing."], [], got
    if not isinstance(expected, np.ndarray) or expected.ndim == 0:
        shown = _number(got) if _is_number(got) else repr(got)
        return [f"{name}: expected {_number(expected)}, got {shown}."], [], got
    shape, symbol = expected.shape, name.rstrip("0123456789")  # dW3 -> dW
    if not isinstance(got, np.ndarray):
        what = "None (is a `return` missing?)" if got is None else type(got).__name__
        return [f"{name} should be a numpy array of shape {shape}, got {what}."], [], got
    lines, diagnoses, normalized = [], [], got
    if got.shape != shape:
        lines.append(f"{name} has shape {got.shape} but should have shape {shape}.")
        if got.ndim == 2 and got.shape == shape[::-1]:
            diagnoses.append(
                f"{symbol} comes out transposed: a missing or extra transpose "
                "(the lecture's products are W A_prev, dZ A_prev^T and W^T dZ)."
            )
            normalized = got.T
        elif got.ndim < 2 and got.size == expected.size and 1 in shape:
            diagnoses.append(
                f"{symbol} lost an axis (a sum without keepdims): np.sum(dZ, axis=1) drops "
                f"the summed axis, so {symbol} is a 1-D array instead of a column (n, 1); "
                "write np.sum(dZ, axis=1, keepdims=True)."
                if symbol == "db" else
                f"{symbol} lost an axis: keep it a 2-D array of shape {shape} (a sum or a "
                "mean needs keepdims=True; np.squeeze and flatten drop axes)."
            )
            normalized = got.reshape(shape)
        else:
            return lines, diagnoses, got
    if not np.issubdtype(normalized.dtype, np.number):
        return lines + [f"{name} must hold numbers, got dtype {got.dtype}."], diagnoses, got
    close = np.isclose(normalized, expected, RTOL, ATOL)
    if not close.all():
        index = tuple(int(i) for i in np.argwhere(~close)[0])
        differ = _how_many_differ(int((~close).sum()), close.size)
        lines.append(
            f"{name}[{', '.join(map(str, index))}]: expected {_number(expected[index])}, "
            f"got {_number(normalized[index])} ({differ})."
        )
    return lines, diagnoses, normalized


def compare_outputs(expected, got, mistakes, layer_of=None):
    """Compare every output; name the known mistake(s) whose outputs match the wrong ones.

    Parameters
    ----------
    expected, got : dict name -> value (``got`` may hold MISSING)
    mistakes : callable returning a list of ``(text, outputs)``, most likely first
    layer_of : callable (name, expected, got) -> a sentence naming the first wrong layer

    Returns
    -------
    lines, diagnoses : lists of str (both empty when everything matches)
    """
    wrong = [name for name in expected if not same(expected[name], got.get(name, MISSING))]
    if not wrong:
        return [], []
    lines, diagnoses, normalized = [], [], {}
    if layer_of is not None:
        lines.append(layer_of(wrong[0], expected, got))
    for name in wrong:
        more, found, normalized[name] = describe(name, expected[name], got.get(name, MISSING))
        lines += more if len(lines) < SHOWN else []
        diagnoses += [d for d in found if d not in diagnoses]

    def explains(outputs, name):  # a mistake that leaves this output right explains nothing
        candidate = outputs.get(name, MISSING)
        if same(expected[name], candidate):
            return False
        return same(candidate, got.get(name, MISSING)) or same(candidate, normalized[name])

    if len(wrong) > SHOWN:
        lines.append(f"({len(wrong)} of {len(expected)} outputs are wrong.)")
    wrong = [name for name in wrong if not same(expected[name], normalized[name])]
    if not wrong:  # only shapes were wrong, and the shape diagnosis says how
        return lines, diagnoses
    known = mistakes()
    everywhere = [text for text, outputs in known if all(explains(outputs, n) for n in wrong)]
    if everywhere:
        return lines, diagnoses + [t for t in everywhere[:1] if t not in diagnoses]
    for name in wrong:
        text = next((text for text, outputs in known if explains(outputs, name)), None)
        if text is not None and text not in diagnoses:
            diagnoses.append(text)
    return lines, diagnoses

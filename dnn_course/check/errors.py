"""Turn an exception in a student's code into the line that raised and a hint.

The line is the deepest frame of the student's own code: not numpy, not the standard
library, not this package (a notebook cell counts as the student's code).
"""

import sysconfig
import traceback
from pathlib import Path

_LIBRARY = tuple(
    {sysconfig.get_paths()[k] for k in ("stdlib", "platstdlib", "purelib", "platlib")}
    | {str(Path(__file__).resolve().parents[1]), "<frozen"}
)


def _deepest_student_frame(exc, student):
    """(code, FrameSummary) of the deepest frame of student code that ``exc`` went through."""
    code = getattr(student, "__code__", None)
    frames = [frame for frame, _ in traceback.walk_tb(exc.__traceback__)]
    found = None, None
    for frame, summary in zip(frames, traceback.extract_tb(exc.__traceback__), strict=True):
        if frame.f_code is code or not summary.filename.startswith(_LIBRARY):
            found = frame.f_code, summary
    return found


def other_function(exc, student):
    """The name of the student's function that raised ``exc``, if it is not ``student``:
    e.g. the not yet written linear_forward that a checked linear_activation_forward calls."""
    code, _ = _deepest_student_frame(exc, student)
    own = getattr(student, "__code__", None)
    return code.co_name if code is not None and own is not None and code is not own else None


def student_line(exc, student):
    """'line 3 of linear_forward: Z = W * A_prev + b' for the deepest frame of student code."""
    _, found = _deepest_student_frame(exc, student)
    if found is None:
        return None
    text = f"line {found.lineno} of {found.name}"
    return f"{text}: {found.line.strip()}" if found.line else text


_SHAPES = {  # the products and the loop of the forward, and of the backward, exercises
    False: "The lecture's product is Z = W A_prev + b; `*` is element-wise, `np.dot` or `@` "
           "is the matrix product. In a loop over layers: layer l takes A_prev = A[l-1] (not "
           "X) and uses W{l} and b{l}",
    True: "The lecture's products are dW = (1/m) dZ A_prev^T and dA_prev = W^T dZ; `*` is "
          "element-wise, `np.dot` or `@` is the matrix product. In a loop over layers: layer "
          "l uses caches[l-1] and dA{l}, and gives dA{l-1}, dW{l} and db{l}",
}


def exception_hint(exc, name):
    """A pointer in the lecture's terms for the usual causes of this kind of exception
    in the checked function ``name`` (a backward one, or the update, speaks of gradients)."""
    text, backward = str(exc), name.endswith("backward") or name == "update_parameters"
    if isinstance(exc, KeyError):
        grads = ", grads holds dA0..dA{L-1}, dW1..dWL, db1..dbL" if backward else ""
        return (
            "A dict key does not exist. parameters holds W1..WL and b1..bL (layers are "
            f"numbered from 1){grads}: is a layer index off by one?"
        )
    if isinstance(exc, IndexError) and "list index" in text:
        return (
            "A list index is out of range: caches[l-1] is layer l's cache, for l = 1..L. "
            "Is a layer index off by one?"
        )
    if isinstance(exc, ValueError) and any(w in text for w in ("shape", "align", "broadcast")):
        return (f"The shapes do not fit together. Is there a missing or extra transpose? "
                f"{_SHAPES[backward]} — is a layer index off by one?")
    if isinstance(exc, TypeError) and "NoneType" in text:
        return "Something is None: does every function you call end with `return`?"
    return None

"""Blame the right function: when the checked function calls the student's own earlier
exercise function (L_model_forward calls linear_activation_forward, ...) and that one
fails its own check, the fix is there, so the feedback says so instead of naming a
mistake in the function being checked.
"""

from .result import CheckResult

ADVICE = "Likely mistake: "


def students_helper(student, name):
    """The student's function ``name`` if ``student`` calls it by that name, else None."""
    code = getattr(student, "__code__", None)
    if code is None or name not in code.co_names:
        return None
    helper = getattr(student, "__globals__", {}).get(name)
    return helper if callable(helper) else None


def blame_helper(result, student, helper):
    """``result``, or, when ``helper = (name, checker)`` is called by ``student`` and fails
    its checker, the same report with that helper as the likely mistake."""
    if result.passed or result.pending or helper is None:
        return result
    name, checker = helper
    function = students_helper(student, name)
    if function is None or checker(function).passed:
        return result
    blame = (f"your {result.name} calls your {name}, which does not pass its own check "
             f"yet, and everything wrong here may come from it: make the {name} check green "
             "first, then run this check again.")
    lines = [line for line in result.lines if not line.startswith(ADVICE)]
    return CheckResult(result.name, False, [*lines, ADVICE + blame], [blame])

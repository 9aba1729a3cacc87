"""The checkers pass right answers however they are written, and never crash on wrong ones.

The package's own functions and correct but differently written implementations pass
every check; exceptions and wrong return types are reported readably, with the line of
the student's code that raised.
"""

import copy
import os
from functools import partial

import exercise_solutions
import numpy as np
import pytest

import dnn_course as dc
from dnn_course import check
from dnn_course.check import CheckResult
from dnn_course.check.cases import linear_cases
from dnn_course.check.compare import describe

NAMES = [f.__name__ for f in exercise_solutions.SOLUTIONS]
# exercise 03's L_layer_model starts from its initialize_parameters_deep, 0.01 randn as in
# the course's step-by-step exercise; the package's L_layer_model defaults to the course
# application's 1/sqrt(n[l-1])
PACKAGE = {**{name: getattr(dc, name) for name in NAMES},
           "L_layer_model": partial(dc.L_layer_model, scale=0.01)}


@pytest.mark.parametrize("name", NAMES)
def test_the_package_functions_pass_every_check(name):
    result = getattr(check, name)(PACKAGE[name])
    assert result.passed is True and bool(result) is True, str(result)
    assert str(result).startswith(f"{name}: all ") and result.diagnoses == []


@pytest.mark.parametrize("student", exercise_solutions.SOLUTIONS, ids=NAMES)
def test_the_course_style_solutions_pass_every_check(student):
    result = getattr(check, student.__name__)(student)
    assert result.passed is True, str(result)


# ---- correct, but written differently --------------------------------------------------
def linear_forward_one_example_at_a_time(A_prev, W, b):
    Z = np.zeros((W.shape[0], A_prev.shape[1]))
    for i in range(A_prev.shape[1]):
        Z[:, i] = W.dot(A_prev[:, i]) + b[:, 0]
    return Z, [A_prev, W, b]


def linear_forward_einsum(A_prev, W, b):
    return np.einsum("ij,jk->ik", W, A_prev) + b, (A_prev, W, b)


def linear_activation_forward_inline(A_prev, W, b, activation):
    Z = W @ A_prev + b
    A = np.maximum(Z, 0) if activation == "relu" else 1 / (1 + np.exp(-Z))
    return A, ((A_prev, W, b), Z)


def L_model_forward_with_options(X, parameters, hidden_activation="relu"):
    L, A, caches = len(parameters) // 2, X, []
    for l in range(1, L + 1):
        g = "sigmoid" if l == L else hidden_activation
        A, cache = dc.linear_activation_forward(A, parameters[f"W{l}"], parameters[f"b{l}"], g)
        caches += [cache]
    return A, caches


def cost_by_mean(AL, Y):
    return -np.mean(Y * np.log(AL) + (1 - Y) * np.log(1 - AL))  # a numpy float64


def cost_as_0d_array(AL, Y):
    m = Y.shape[1]
    return np.squeeze(-(np.dot(Y, np.log(AL).T) + np.dot(1 - Y, np.log(1 - AL).T)) / m)


def cost_as_python_float(AL, Y):
    total = 0.0
    for a, y in zip(AL[0], Y[0], strict=True):
        total += y * np.log(a) + (1 - y) * np.log(1 - a)
    return float(-total / AL.shape[1])


def linear_backward_sum_method(dZ, cache):
    A_prev, W, b = cache
    m = A_prev.shape[1]
    return W.T.dot(dZ), dZ.dot(A_prev.T) / m, dZ.sum(1, keepdims=True) / m


def linear_backward_one_example_at_a_time(dZ, cache):
    A_prev, W, b = cache
    m = A_prev.shape[1]
    dW, db = np.zeros_like(W), np.zeros_like(b)
    for i in range(m):
        dW += np.outer(dZ[:, i], A_prev[:, i]) / m
        db += dZ[:, i:i + 1] / m
    return W.T @ dZ, dW, db


def linear_backward_mean(dZ, cache):
    A_prev, W, b = cache
    return np.matmul(W.T, dZ), np.einsum("ik,jk->ij", dZ, A_prev) / dZ.shape[1], np.mean(
        dZ, axis=1, keepdims=True)


def linear_activation_backward_inline(dA, cache, activation):
    linear_cache, Z = cache
    if activation == "relu":
        dZ = np.array(dA, copy=True)
        dZ[Z <= 0] = 0
    else:
        s = 1 / (1 + np.exp(-Z))
        dZ = dA * s * (1 - s)
    return linear_backward_sum_method(dZ, linear_cache)


def L_model_backward_from_dZL(AL, Y, caches, hidden_activation="relu"):
    L = len(caches)
    dZ = AL - Y  # dA[L] * sigmoid'(Z[L]) simplifies to AL - Y
    grads = {f"dZ{L}": dZ}
    dA, grads[f"dW{L}"], grads[f"db{L}"] = dc.linear_backward(dZ, caches[-1].linear_cache)
    grads[f"dA{L - 1}"] = dA
    for l in range(L - 1, 0, -1):
        dA, grads[f"dW{l}"], grads[f"db{l}"] = dc.linear_activation_backward(
            dA, caches[l - 1], hidden_activation)
        grads[f"dA{l - 1}"] = dA
    return grads


def update_by_comprehension(parameters, grads, learning_rate):
    return {key: value - learning_rate * grads["d" + key] for key, value in parameters.items()}


def update_deepcopy_then_in_place(parameters, grads, learning_rate):
    parameters = copy.deepcopy(parameters)
    for l in range(len(parameters) // 2):
        parameters[f"W{l + 1}"] -= learning_rate * grads[f"dW{l + 1}"]
        parameters[f"b{l + 1}"] -= learning_rate * grads[f"db{l + 1}"]
    return parameters


CORRECT = [
    ("linear_forward", linear_forward_one_example_at_a_time),
    ("linear_forward", linear_forward_einsum),
    ("linear_activation_forward", linear_activation_forward_inline),
    ("L_model_forward", L_model_forward_with_options),
    ("compute_cost", cost_by_mean),
    ("compute_cost", cost_as_0d_array),
    ("compute_cost", cost_as_python_float),
    ("linear_backward", linear_backward_sum_method),
    ("linear_backward", linear_backward_one_example_at_a_time),
    ("linear_backward", linear_backward_mean),
    ("linear_activation_backward", linear_activation_backward_inline),
    ("L_model_backward", L_model_backward_from_dZL),
    ("update_parameters", update_by_comprehension),
    ("update_parameters", update_deepcopy_then_in_place),
]


@pytest.mark.parametrize("name, student", CORRECT, ids=[s.__name__ for _, s in CORRECT])
def test_correct_but_differently_written_implementations_pass(name, student):
    result = getattr(check, name)(student)
    assert result.passed is True, str(result)


# ---- what a failure says -----------------------------------------------------------------
def test_a_wrong_value_names_the_output_the_index_expected_and_got():
    result = check.linear_forward(lambda A_prev, W, b: (W @ A_prev + b + 1e-3, (A_prev, W, b)))
    label, (A_prev, W, b) = linear_cases()[0]
    Z = W @ A_prev + b
    assert result.passed is False and result.diagnoses == []
    assert f"Case: {label}." in str(result)
    assert f"Z[0, 0]: expected {Z[0, 0]:.6g}, got {Z[0, 0] + 1e-3:.6g} " in str(result)
    assert f"({Z.size} of {Z.size} entries differ)" in str(result)


@pytest.mark.parametrize("wrong, size, words", [
    (1, 1, "(1 of 1 entry differs)"), (1, 4, "(1 of 4 entries differs)"),
    (4, 4, "(4 of 4 entries differ)"),
])
def test_how_many_entries_differ_is_grammatical(wrong, size, words):
    expected = np.zeros((1, size))
    got = expected.copy()
    got[0, :wrong] = 1.0
    assert words in describe("dW", expected, got)[0][0]


def test_tolerance_accepts_rounding_and_rejects_real_differences():
    def scaled(factor):
        return lambda A_prev, W, b: ((W @ A_prev + b) * factor, (A_prev, W, b))
    assert check.linear_forward(scaled(1 + 1e-9)).passed is True
    assert check.linear_forward(scaled(1 + 1e-4)).passed is False


def test_an_exception_is_reported_with_the_students_line():
    def linear_backward(dZ, cache):
        A_prev, W, b = cache
        m = A_prev.shape[1]
        dW = np.dot(dZ, A_prev.T) / m
        db = np.sum(dZ, axis=1, keepdims=True) / mm  # noqa: F821  (the student's typo)
        return np.dot(W.T, dZ), dW, db

    result = check.linear_backward(linear_backward)
    text = str(result)
    assert result.passed is False
    assert "Your linear_backward raised NameError: name 'mm' is not defined" in text
    line = linear_backward.__code__.co_firstlineno + 4
    assert f"at line {line} of linear_backward: db = np.sum(dZ, axis=1, keepdims=True) / mm" in text


def test_an_exception_in_a_students_helper_points_at_the_helper():
    def helper(Z):
        return Z[:, 10]  # IndexError: only a few columns

    def linear_forward(A_prev, W, b):
        return helper(W @ A_prev + b), (A_prev, W, b)

    text = str(check.linear_forward(linear_forward))
    assert "raised IndexError: index 10 is out of bounds" in text
    assert "of helper: return Z[:, 10]" in text


def test_an_exception_inside_numpy_points_at_the_students_call():
    def linear_forward(A_prev, W, b):
        Z = np.dot(W, A_prev.flatten()) + b
        return Z, (A_prev, W, b)

    text = str(check.linear_forward(linear_forward))
    assert "raised ValueError: shapes" in text
    assert "of linear_forward: Z = np.dot(W, A_prev.flatten()) + b" in text
    assert "The shapes do not fit together" in text
    assert "Z = W A_prev + b" in text and "dW" not in text and "caches[l-1]" not in text


def test_a_shape_error_in_a_backward_function_speaks_of_gradients():
    def linear_backward(dZ, cache):
        A_prev, W, b = cache
        dW = np.dot(dZ, A_prev.flatten()) / A_prev.shape[1]
        return np.dot(W.T, dZ), dW, np.mean(dZ, axis=1, keepdims=True)

    text = str(check.linear_backward(linear_backward))
    assert "The shapes do not fit together" in text, text
    assert "dA_prev = W^T dZ" in text and "Z = W A_prev + b" not in text


def test_a_recognised_mistake_is_preferred_to_an_exception_in_another_case():
    def linear_forward(A_prev, W, b):  # raises unless n[l] = n[l-1]; wrong in the square case
        return np.dot(A_prev, W) + b, (A_prev, W, b)

    result = check.linear_forward(linear_forward)
    assert "Case: n[l] = 3, n[l-1] = 3, m = 3." in str(result)
    assert result.diagnoses == ["a missing or extra transpose in Z: the lecture writes "
                                "Z = W A_prev + b."]


def test_code_without_source_still_gets_a_line_number():
    namespace = {}
    exec(compile("def f(A_prev, W, b):\n    return 1 / 0\n", "<cell>", "exec"), namespace)
    text = str(check.linear_forward(namespace["f"]))
    assert "raised ZeroDivisionError: division by zero" in text
    assert "at line 2 of f" in text


def test_a_wrong_signature_is_explained():
    def linear_activation_forward(A_prev, W, b):
        return W @ A_prev + b, ((A_prev, W, b), W @ A_prev + b)

    text = str(check.linear_activation_forward(linear_activation_forward))
    assert "raised TypeError" in text and "takes 3 positional arguments but 4 were given" in text
    assert "The check calls linear_activation_forward(A_prev, W, b, activation)" in text


def test_not_implemented_yet_is_friendly():
    def linear_forward(A_prev, W, b):
        raise NotImplementedError("write Z = W A_prev + b")

    result = check.linear_forward(linear_forward)
    assert result.passed is False
    assert str(result).startswith("linear_forward: not implemented yet.")
    assert "write Z = W A_prev + b" in str(result)
    assert "Traceback" not in str(result)
    assert result.pending is True and "#e65100" in result._repr_html_()  # amber, not red


@pytest.mark.parametrize("name, returned, words", [
    ("linear_forward", None, "returned None: is `return Z, linear_cache` missing?"),
    ("linear_forward", (1, 2, 3), "must return (Z, linear_cache) (2 values), got a tuple of 3"),
    ("linear_backward", ("x",), "must return (dA_prev, dW, db) (3 values), got a tuple of 1"),
    ("L_model_backward", None, "must return the dict grads, got None"),
    ("L_model_backward", [1], "must return the dict grads, got a list of 1 values"),
    ("update_parameters", None, "is `return parameters` missing?"),
    ("compute_cost", "0.5", "must return a number, got str"),
    ("compute_cost", None, "must return a number, got None"),
    ("L_model_forward", (np.zeros((1, 4)), None), "caches must be a list"),
    ("linear_activation_forward", (np.zeros((3, 5)), 7), "must be the pair (linear_cache"),
])
def test_a_wrong_return_type_is_reported_readably(name, returned, words):
    result = getattr(check, name)(lambda *args: returned)
    assert result.passed is False
    assert words in str(result), str(result)


def test_wrong_array_contents_do_not_crash_the_checker():
    def linear_backward(dZ, cache):
        return np.array([["a"]]), [[1.0]], 3.0

    result = check.linear_backward(linear_backward)
    assert result.passed is False
    assert "dA_prev has shape (1, 1) but should have shape (4, 5)" in str(result)
    assert "dW should be a numpy array of shape (3, 4), got list" in str(result)


def test_a_malformed_cache_is_named():
    def L_model_forward(X, parameters):
        return np.zeros((1, X.shape[1])), [({"A_prev": X}, None)] * (len(parameters) // 2)

    text = str(check.L_model_forward(L_model_forward))
    assert "the linear_cache in caches[0] must be the tuple (A_prev, W, b), got dict." in text


def test_outputs_the_checker_cannot_even_compare_do_not_crash_it():
    class Hostile(np.ndarray):
        def __array_ufunc__(self, *args, **kwargs):
            raise RuntimeError("no arithmetic on me")

    def linear_forward(A_prev, W, b):
        return (W @ A_prev + b).view(Hostile), (A_prev, W, b)

    result = check.linear_forward(linear_forward)
    assert result.passed is False
    assert ("could not compare what your linear_forward returned (RuntimeError: no arithmetic "
            "on me)") in str(result)


def test_a_non_function_is_refused_politely():
    result = check.compute_cost(0.5)
    assert result.passed is False
    assert "needs your function itself, as in check.compute_cost(compute_cost)" in str(result)


def test_the_checker_does_not_change_the_cases_between_runs():
    first = str(check.linear_backward(lambda dZ, cache: (dZ, dZ, dZ)))
    check.linear_backward(lambda dZ, cache: dZ.fill(0.0))  # a student that wipes its input
    assert str(check.linear_backward(lambda dZ, cache: (dZ, dZ, dZ))) == first


def test_result_displays_as_text_markdown_and_html():
    result = CheckResult("f", False, ["f: 1 of 2 test cases failed.", "Z < 0 & more"])
    assert str(result) == repr(result) == "f: 1 of 2 test cases failed.\nZ < 0 & more"
    assert "Z &lt; 0 &amp; more" in result._repr_html_()
    assert "#b71c1c" in result._repr_html_()  # red for a failure
    assert "#1b5e20" in CheckResult("f", True, ["ok"])._repr_html_()
    advised = CheckResult("f", False, ["f: failed.", "Likely mistake: b <missing>"],
                          ["b <missing>"])._repr_html_()
    assert "<b>Likely mistake: b &lt;missing&gt;</b>" in advised
    assert result._repr_markdown_() == "```text\nf: 1 of 2 test cases failed.\nZ < 0 & more\n```"


def test_a_stub_helper_is_named_instead_of_the_checked_function():
    def linear_activation_forward(A_prev, W, b, activation):
        raise NotImplementedError("compute Z with linear_forward")

    def L_model_forward(X, parameters):
        L = len(parameters) // 2
        A, caches = X, []
        for l in range(1, L + 1):
            A, cache = linear_activation_forward(A, parameters[f"W{l}"], parameters[f"b{l}"],
                                                 "sigmoid" if l == L else "relu")
            caches.append(cache)
        return A, caches

    result = check.L_model_forward(L_model_forward)
    text = str(result)
    assert result.passed is False and result.pending is True
    assert text.startswith("L_model_forward: not checked yet. Your L_model_forward calls a "
                           "function that is not written yet: linear_activation_forward"), text
    assert "Replace the `raise NotImplementedError" not in text


# ---- student code that never returns, or ends the program -------------------------------
HANGING_STUDENTS = """
import sys, threading, time
import numpy as np
from dnn_course import check

def loops(A_prev, W, b):
    while True:
        pass

def sleeps(A_prev, W, b):
    time.sleep(3600)

def swallows(A_prev, W, b):  # a bare except catches the first stop, not the ones after it
    try:
        while True:
            pass
    except:  # noqa: E722
        pass
    while True:
        pass

class Sly(float):  # a number whose comparisons never end: the check's own code calls them
    def _forever(self, *_):
        while True:
            pass
    __eq__ = __ne__ = __lt__ = __gt__ = __le__ = __ge__ = __sub__ = __rsub__ = _forever
    __abs__ = __repr__ = __str__ = __format__ = _forever
    __hash__ = float.__hash__

def sly_cost(AL, Y):
    return Sly(0.5)

def in_a_thread(student):
    found = []
    def worker():
        with check.time_limit(0.5):
            found.append(check.linear_forward(student))
    thread = threading.Thread(target=worker)
    thread.start()
    thread.join()
    return found[0]

with check.time_limit(0.5):
    for student in (loops, sleeps, swallows):
        print(student.__name__, check.linear_forward(student), sep="|")
    print("returns", check.compute_cost(sly_cost), sep="|")
print("thread", in_a_thread(loops), sep="|")
print("after", check.linear_forward(lambda A_prev, W, b: (W @ A_prev + b, (A_prev, W, b))),
      sep="|")
"""


def test_a_function_that_never_returns_gets_a_red_report_and_the_process_goes_on():
    import subprocess
    import sys

    child = subprocess.run([sys.executable, "-c", HANGING_STUDENTS], capture_output=True,
                           text=True, timeout=120)
    assert child.returncode == 0, child.stderr
    reports = dict(line.split("|", 1) for line in child.stdout.splitlines() if "|" in line)
    assert list(reports) == ["loops", "sleeps", "swallows", "returns", "thread", "after"], \
        child.stdout
    for name in ("loops", "sleeps", "swallows", "thread"):
        assert reports[name].startswith("linear_forward: your linear_forward ran longer than "
                                        "0.5 s on the case n[l] = 3"), reports[name]
    assert reports["returns"].startswith("compute_cost: your compute_cost ran longer than 0.5 s")
    assert "Likely mistake: a loop that never ends" in child.stdout
    assert reports["after"] == "linear_forward: all 3 test cases passed."


class Escape(BaseException):
    """Neither an Exception nor KeyboardInterrupt: still the student's bug."""


def _exits(A_prev, W, b):
    raise SystemExit("done")


def _escapes(A_prev, W, b):
    raise Escape("out")


@pytest.mark.parametrize("student, kind", [(_exits, "SystemExit: done"), (_escapes, "Escape: out")])
def test_sys_exit_or_any_base_exception_is_a_red_report(student, kind):
    result = check.linear_forward(student)
    assert result.passed is False and not result.pending
    assert f"Your linear_forward raised {kind}" in str(result)
    assert "stops the whole program" in str(result)


def test_ctrl_c_still_stops_the_check():
    def interrupted(A_prev, W, b):
        raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        check.linear_forward(interrupted)


def test_the_time_limit_puts_the_previous_alarm_handler_back():
    import signal

    def mine(*_):
        raise AssertionError("the checker's alarm fired outside the check")

    previous = signal.signal(signal.SIGALRM, mine)
    try:
        with check.time_limit(0.2):
            assert check.linear_forward(dc.linear_forward).passed
        assert signal.getsignal(signal.SIGALRM) is mine
        assert signal.getitimer(signal.ITIMER_REAL) == (0.0, 0.0)
    finally:
        signal.signal(signal.SIGALRM, previous)


@pytest.mark.parametrize("seconds", [0, -1, float("nan"), float("inf"), "soon", True, 1e300,
                                     10**400, "1e300"])
def test_a_time_limit_must_be_a_positive_number_of_seconds(seconds):
    with pytest.raises(ValueError, match=r"time_limit\(seconds\) must be a number of seconds > "
                                         r"0 and at most 86400 \(a day\), got"):
        with check.time_limit(seconds):
            pass


def test_an_absurd_time_limit_in_the_environment_is_named():
    import subprocess
    import sys

    result = subprocess.run([sys.executable, "-c", "import dnn_course.check"], text=True,
                            capture_output=True, env={**os.environ,
                                                      "DNN_COURSE_TIME_LIMIT": "1e300"})
    assert result.returncode != 0
    assert ("ValueError: DNN_COURSE_TIME_LIMIT must be a number of seconds > 0 and at most "
            "86400 (a day), got '1e300'") in result.stderr


def test_a_failing_timer_still_puts_the_previous_alarm_handler_back(monkeypatch):
    import signal

    from dnn_course.check import timelimit

    def mine(*_):
        raise AssertionError("the checker's alarm fired outside the check")

    def refused(*args):
        raise OverflowError("timestamp out of range for platform time_t")

    previous, setitimer = signal.signal(signal.SIGALRM, mine), signal.setitimer
    monkeypatch.setattr(timelimit.signal, "setitimer", lambda *args: (  # only the arming fails
        refused() if len(args) == 3 else setitimer(*args)))
    try:
        with pytest.raises(OverflowError):
            timelimit.call(lambda: None)
        assert signal.getsignal(signal.SIGALRM) is mine
    finally:
        signal.signal(signal.SIGALRM, previous)



def test_a_changed_cache_list_is_reported_as_a_change_of_the_input():
    def mutating(AL, Y, caches):
        grads = dc.L_model_backward(AL, Y, caches)
        caches[0] = None
        return grads

    result = check.L_model_backward(mutating)
    assert not result.passed and "could not compare" not in str(result)
    assert "Your L_model_backward changed its input caches in place." in result.lines


def test_a_huge_exception_message_or_printed_line_is_cut_to_a_readable_size():
    from dnn_course.check.result import MAX_LINE

    def shouting(A_prev, W, b):
        raise ValueError("x" * 50_000_000)

    result = check.linear_forward(shouting)
    longest = max(result.lines, key=len)
    assert len(longest) < MAX_LINE + 100
    told = len("Your linear_forward raised ValueError: ") + 50_000_000
    assert longest.endswith(f"… {told - MAX_LINE} more characters")
    assert len(result._repr_html_()) < 10 * MAX_LINE

"""The step-throughs show the package's own caches and grads, and your own data loads cleanly."""

import datetime

import numpy as np
import pytest

from dnn_course import L_model_backward, L_model_forward, dAL, relu_backward, tanh_backward
from dnn_course.explorer import Explorer, Settings, read_csv
from dnn_course.explorer.stepthrough import format_step

ACTS = ("relu", "tanh")


@pytest.fixture
def ex():
    ex = Explorer(Settings(m=80, neurons=(4, 3), hidden_activation=ACTS), figures="inline")
    ex.step(15)
    return ex


def package_pass(ex):
    AL, caches = L_model_forward(ex.session.X_train, ex.session.parameters, list(ACTS))
    return AL, caches, L_model_backward(AL, ex.session.Y_train, caches, list(ACTS))


def test_forward_steps_are_the_caches_of_L_model_forward(ex):
    AL, caches, _ = package_pass(ex)
    steps = ex.stepthrough("forward")
    assert len(steps) == 3
    for l, (step, cache) in enumerate(zip(steps, caches, strict=True), start=1):
        (A_prev, W, b), Z = cache
        for name, expected in ((f"A[{l - 1}]", A_prev), (f"W[{l}]", W), (f"b[{l}]", b),
                               (f"Z[{l}]", Z)):
            np.testing.assert_allclose(step.values[name], expected, rtol=0, atol=0)
        np.testing.assert_allclose(step.values[f"Z[{l}]"], W @ A_prev + b, rtol=1e-12)
        assert f"Z[{l}] = W[{l}] A[{l - 1}] + b[{l}]" in step.equation
        assert f"LinearCache(A_prev {A_prev.shape}, W {W.shape}" in step.note
    np.testing.assert_allclose(steps[-1].values["A[3]"], AL, rtol=0, atol=0)
    np.testing.assert_allclose(steps[0].values["A[1]"], np.maximum(steps[0].values["Z[1]"], 0),
                               rtol=0, atol=0)


def test_backward_steps_are_the_grads_of_L_model_backward(ex):
    AL, caches, grads = package_pass(ex)
    steps = ex.stepthrough("backward")
    np.testing.assert_allclose(steps[0].values["dA[3]"], dAL(AL, ex.session.Y_train), rtol=0)
    m = AL.shape[1]
    for step, l in zip(steps[1:], (3, 2, 1), strict=True):
        values = step.values
        for key in (f"dW{l}", f"db{l}", f"dA{l - 1}"):
            name = f"{key[:-1]}[{l if key[1] != 'A' else l - 1}]"
            np.testing.assert_allclose(values[name], grads[key], rtol=0, atol=0)
        np.testing.assert_allclose(values[f"dW[{l}]"], values[f"dZ[{l}]"] @ values[f"A[{l - 1}]"].T
                                   / m, rtol=1e-12, atol=1e-15)
        if l < 3:  # dA[l] came from the layer above: dA[l] = W[l+1]^T dZ[l+1]
            np.testing.assert_allclose(values[f"dA[{l}]"], grads[f"dA{l}"], rtol=0, atol=0)
    Z1, Z2 = caches[0].activation_cache, caches[1].activation_cache
    np.testing.assert_allclose(steps[2].values["dZ[2]"], tanh_backward(grads["dA2"], Z2), rtol=0)
    np.testing.assert_allclose(steps[3].values["dZ[1]"], relu_backward(grads["dA1"], Z1), rtol=0)
    np.testing.assert_allclose(steps[1].values["dZ[3]"], AL - ex.session.Y_train, atol=1e-12)


def test_the_stepthrough_widget_shows_the_selected_layer_with_live_numbers(ex):
    c = ex.controls
    c["direction"].value = "forward"
    c["layer"].value = 2
    Z2 = ex.stepthrough("forward")[1].values["Z[2]"]
    assert "Z[2] = W[2] A[1] + b[2]" in c["text"].value
    assert np.array2string(Z2[:, :3], precision=4, suppress_small=True) in c["text"].value
    c["next"].click()
    assert c["layer"].value == 3 and "A[3] = sigmoid(Z[3])" in c["text"].value
    c["direction"].value = "backward"
    assert c["layer"].value == 3 and "dA[3] = -(Y / A[3])" in c["text"].value
    c["next"].click()
    assert c["layer"].value == 2 and "dZ[2] = dA[2] * tanh&#x27;(Z[2])" in c["text"].value
    before = c["text"].value
    ex.step(1)
    assert c["text"].value != before  # the numbers follow the training


def test_format_step_shows_shapes_and_the_first_columns(ex):
    step = ex.stepthrough("forward")[0]
    text = format_step(step, columns=2)
    m = ex.session.X_train.shape[1]
    assert f"A[0]  shape (2, {m})  (first 2 of m = {m} columns)" in text
    assert "W[1]  shape (4, 2)\n" in text


GOOD = "x1,x2,label\n0.1,0.2,1\n-0.3,0.4,0\n0.5,-0.6,1\n\n-0.7,-0.8,0\n1.0,1.0,1\n"


def test_read_csv_gives_columns_as_examples(tmp_path):
    path = tmp_path / "points.csv"
    path.write_text(GOOD)
    X, Y = read_csv(path)
    np.testing.assert_allclose(X[:, 0], [0.1, 0.2], rtol=0)
    np.testing.assert_allclose(Y, [[1, 0, 1, 0, 1]], rtol=0)
    assert X.shape == (2, 5)
    X2, _ = read_csv(GOOD.encode())
    np.testing.assert_array_equal(X, X2)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "line 1: the CSV header must be 'x1,x2,label', found 'an empty file'"),
        ("a,b,c\n1,2,0\n", "line 1: the CSV header must be 'x1,x2,label'"),
        (GOOD + "0.1,0.2\n", "line 8: expected 3 values x1,x2,label, got 2"),
        (GOOD.replace("0.5,-0.6", "0.5,abc"), "line 4: x1, x2 and label must be numbers"),
        (GOOD.replace("-0.7,-0.8,0", "-0.7,-0.8,2"), "line 6: label must be 0 or 1, got '2'"),
        (GOOD.replace("0.1,0.2", "nan,0.2"), "line 2: x1 and x2 must be finite"),
        ("x1,x2,label\n1,2,0\n", "has 1 data rows; the explorer needs at least 4"),
    ],
)
def test_a_malformed_csv_names_the_line(text, message):
    with pytest.raises(ValueError, match=message.replace("(", r"\(").replace(")", r"\)")):
        read_csv(text.encode())


def test_from_arrays_checks_the_shapes():
    X = np.zeros((10, 2))
    with pytest.raises(ValueError, match=r"examples are columns.*\(2, m\).*X\.T"):
        Explorer.from_arrays(X, np.zeros((1, 10)), figures="inline")
    with pytest.raises(ValueError, match="Y must hold binary labels"):
        Explorer.from_arrays(X.T, np.full((1, 10), 3.0), figures="inline")


def test_uploading_a_csv_trains_on_your_data(ex):
    upload = ex.controls["upload_csv"]
    file = {"name": "points.csv", "type": "text/csv", "size": len(GOOD),
            "content": memoryview(GOOD.encode() * 1), "last_modified": datetime.datetime.now()}
    upload.value = (file,)
    assert ex.settings.dataset == "custom" and ex.settings.m == 5
    assert ex.controls["dataset"].value == "custom"
    bad = {**file, "content": memoryview(b"x1,x2,label\n1,2,7\n")}
    upload.value = (bad,)
    assert "line 2: label must be 0 or 1" in ex.controls["message"].value
    assert ex.settings.m == 5


def test_a_csv_that_is_not_utf8_gets_a_clear_message_and_can_be_uploaded_again(ex, tmp_path):
    latin1 = (GOOD + "# café\n").encode("latin-1")  # a spreadsheet's "CSV", not UTF-8
    with pytest.raises(ValueError, match="the CSV file must be UTF-8 text"):
        read_csv(latin1)
    (tmp_path / "points.csv").write_bytes(latin1)
    with pytest.raises(ValueError, match="the CSV file must be UTF-8 text"):
        read_csv(tmp_path / "points.csv")
    upload = ex.controls["upload_csv"]
    file = {"name": "points.csv", "type": "text/csv", "size": len(latin1),
            "content": memoryview(latin1), "last_modified": datetime.datetime.now()}
    upload.value = (file,)
    assert "the CSV file must be UTF-8 text" in ex.controls["message"].value
    assert upload.value == () and ex.settings.dataset == "circle"
    good = GOOD.encode("utf-8-sig")  # with the BOM a spreadsheet writes
    upload.value = ({**file, "content": memoryview(good)},)
    assert ex.controls["message"].value == "" and ex.settings.m == 5
    json_upload = ex.controls["upload_json"]
    json_upload.value = ({**file, "name": "state.json", "content": memoryview(b'{"\xe9":1}')},)
    assert "not valid JSON" in ex.controls["message"].value and json_upload.value == ()
    assert ex.settings.m == 5

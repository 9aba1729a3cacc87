"""Bad input to the model gets an error in the lecture's terms, never a numpy traceback."""

import numpy as np
import pytest
from networks import make_network

import dnn_course as dc
from dnn_course.guards import check_cache


@pytest.fixture
def net():
    return make_network([12, 4, 3, 1], m=7, seed=4)


def test_examples_as_rows(net):
    X, _, parameters = net
    with pytest.raises(ValueError, match=r"X has 7 rows but W1 expects 12 input features") as e:
        dc.L_model_forward(X.T, parameters)
    assert "examples are columns" in str(e.value) and "X.T" in str(e.value)


def test_W_that_does_not_fit_the_previous_layer(net):
    X, _, parameters = net
    parameters["W2"] = np.ones((3, 5))
    with pytest.raises(ValueError, match=r"W2 has shape \(3, 5\) but layer 1 has n\[1\] = 4"):
        dc.L_model_forward(X, parameters)


def test_b_of_the_wrong_shape(net):
    X, _, parameters = net
    parameters["b2"] = np.zeros((1, 3))
    with pytest.raises(ValueError, match=r"b2 has shape \(1, 3\).*\(n\[2\], 1\) = \(3, 1\)"):
        dc.L_model_forward(X, parameters)


@pytest.mark.parametrize("missing", ["W1", "b1", "W3", "b3", "W2"])
def test_missing_parameter(net, missing):
    X, _, parameters = net
    del parameters[missing]
    with pytest.raises(KeyError, match=f"{missing} is missing"):
        dc.L_model_forward(X, parameters)


@pytest.mark.parametrize("bad", [np.nan, np.inf, -np.inf])
def test_nan_or_inf_in_X(net, bad):
    X, _, parameters = net
    X[3, 2] = bad
    with pytest.raises(ValueError, match=r"X contains NaN or inf \(1 of 84 entries\)"):
        dc.L_model_forward(X, parameters)


def test_nan_in_the_parameters(net):
    X, _, parameters = net
    parameters["W2"][0, 0] = np.nan
    with pytest.raises(ValueError, match="W2 contains NaN or inf"):
        dc.L_model_forward(X, parameters)


def test_huge_but_finite_values_are_not_mistaken_for_inf(net):
    X, _, parameters = net
    X[0, :] = 1e308  # their sum overflows; the values themselves are finite
    AL, _ = dc.L_model_forward(X, parameters)
    assert AL.shape == (1, 7)


def test_unknown_activation_lists_the_valid_ones(net):
    X, _, parameters = net
    with pytest.raises(ValueError, match="'relu', 'sigmoid', 'tanh', 'leaky_relu'"):
        dc.L_model_forward(X, parameters, hidden_activation="ReLU")


@pytest.mark.parametrize("shape", [(7, 1), (7,)])
def test_Y_as_a_column_or_flat_is_refused_in_backward(net, shape):
    X, Y, parameters = net
    AL, caches = dc.L_model_forward(X, parameters)
    with pytest.raises(ValueError, match=r"reshape\(1, -1\)"):
        dc.L_model_backward(AL, Y.reshape(shape), caches)


def test_labels_outside_0_1_in_backward(net):
    X, Y, parameters = net
    AL, caches = dc.L_model_forward(X, parameters)
    with pytest.raises(ValueError, match="binary labels 0 or 1"):
        dc.L_model_backward(AL, Y + 1, caches)


def test_caches_that_do_not_belong_to_AL(net):
    X, Y, parameters = net
    AL, caches = dc.L_model_forward(X, parameters)
    with pytest.raises(ValueError, match=r"caches.*L_model_forward"):
        dc.L_model_backward(AL, Y, caches[:-1])


@pytest.mark.parametrize(
    ("value", "error", "pattern"),
    [
        (None, TypeError, "X must be a numpy array"),
        ("pixels", TypeError, "X must be a numpy array"),
        (np.array([["a", "b"]]), TypeError, "X must hold numbers"),
        (np.ones((2, 2, 3)), ValueError, r"X must be a 2-D array of shape \(n_x, m\)"),
    ],
)
def test_X_that_is_not_a_matrix(net, value, error, pattern):
    _, _, parameters = net
    with pytest.raises(error, match=pattern):
        dc.L_model_forward(value, parameters)


def test_parameters_that_are_not_a_dict(net):
    X, _, parameters = net
    with pytest.raises(TypeError, match="parameters must be a dict"):
        dc.L_model_forward(X, list(parameters.values()))


def test_nested_lists_are_accepted_as_arrays():
    AL, _ = dc.L_model_forward([[1.0, 2.0]], {"W1": [[0.5]], "b1": [[0.0]]})
    np.testing.assert_allclose(AL, 1 / (1 + np.exp(-np.array([[0.5, 1.0]]))), rtol=1e-15)


@pytest.mark.filterwarnings("ignore::PendingDeprecationWarning")
def test_np_matrix_is_read_as_an_array_so_star_stays_element_wise(net):
    X, Y, parameters = net
    AL, caches = dc.L_model_forward(X, parameters)
    expected = dc.L_model_backward(AL, Y, caches)
    AL, caches = dc.L_model_forward(np.matrix(X), parameters)
    assert type(AL) is np.ndarray and type(caches[0].linear_cache.A_prev) is np.ndarray
    grads = dc.L_model_backward(AL, np.matrix(Y), caches)
    for key in expected:
        np.testing.assert_array_equal(grads[key], expected[key])


def test_a_layer_cache_where_a_linear_cache_belongs_says_which_field_to_pass(net):
    X, _, parameters = net
    _, caches = dc.L_model_forward(X, parameters)
    with pytest.raises(TypeError, match=r"\(A_prev, W, b\).*LayerCache.*cache\.linear_cache"):
        check_cache("linear_cache", caches[0], dc.LinearCache._fields, "linear_forward")


# ---- no examples, NaN in AL, complex numbers: named in the lecture's terms ----------------
def test_m_zero_is_named_not_divided_by(net):
    X, Y, parameters = net
    AL, caches = dc.L_model_forward(X[:, :0], parameters)
    for call in (lambda: dc.compute_cost(AL, Y[:, :0]),
                 lambda: dc.L_model_backward(AL, Y[:, :0], caches),
                 lambda: dc.linear_backward(np.ones((4, 0)), caches[0].linear_cache)):
        with pytest.raises(ValueError, match=r"m = 0 examples") as error:
            call()
        assert "at least one" in str(error.value)


def test_nan_in_AL_is_named_as_nan(net):
    _, Y, _ = net
    AL = np.full((1, 7), 0.5)
    AL[0, 3] = np.nan
    with pytest.raises(ValueError, match=r"AL contains NaN or inf \(1 of 7 entries\)") as error:
        dc.compute_cost(AL, Y)
    assert "from 0.5 to 0.5" not in str(error.value)


@pytest.mark.parametrize("name", ["X", "W1", "b1"])
def test_complex_numbers_are_refused(net, name):
    X, _, parameters = net
    arrays = {"X": X, **parameters}
    arrays[name] = arrays[name] + 0j
    with pytest.raises(TypeError, match=rf"{name} holds complex numbers .*real"):
        dc.L_model_forward(arrays["X"], {k: v for k, v in arrays.items() if k != "X"})


def test_complex_parameters_are_not_saved(net, tmp_path):
    _, _, parameters = net
    with pytest.raises(TypeError, match="W1 holds complex numbers"):
        dc.save_parameters({**parameters, "W1": parameters["W1"] + 1j}, tmp_path / "model")

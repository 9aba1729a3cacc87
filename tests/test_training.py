import numpy as np
import pytest
from numpy.testing import assert_allclose, assert_array_equal

import dnn_course as dc


@pytest.fixture
def xor():
    return dc.make_dataset("xor", m=120, noise=0.05, rng=3)


def test_training_is_the_lecture_loop(xor):
    """Two iterations of L_layer_model equal two hand-written forward/backward/update steps."""
    X, Y = xor
    trained, costs = dc.L_layer_model(X, Y, [2, 5, 1], learning_rate=0.5, num_iterations=2, rng=1)
    parameters = dc.initialize_parameters_deep([2, 5, 1], rng=1, scale="xavier")
    for _ in range(2):
        AL, caches = dc.L_model_forward(X, parameters)
        grads = dc.L_model_backward(AL, Y, caches)
        parameters = dc.update_parameters(parameters, grads, 0.5)
    for key in parameters:
        assert_allclose(trained[key], parameters[key], rtol=1e-14)
    assert len(costs) == 1


def test_training_learns_xor(xor):
    X, Y = xor
    parameters, costs = dc.L_layer_model(
        X, Y, [2, 8, 8, 1], learning_rate=0.5, num_iterations=1500, rng=0, progress=False
    )
    assert len(costs) == 15
    assert costs[-1] < 0.3 * costs[0]
    assert dc.accuracy(dc.predict(X, parameters), Y) > 0.9


def test_a_linear_model_cannot_learn_xor(xor):
    X, Y = xor
    parameters, _ = dc.L_layer_model(X, Y, [2, 1], learning_rate=0.5, num_iterations=500, rng=0)
    assert dc.accuracy(dc.predict(X, parameters), Y) < 0.8  # a line gets 3 of 4 quadrants


def test_print_cost_every_100_and_at_the_end(xor, capsys):
    X, Y = xor
    _, costs = dc.L_layer_model(X, Y, [2, 3, 1], num_iterations=250, print_cost=True, rng=0)
    lines = capsys.readouterr().out.splitlines()
    assert [line.split(":")[0] for line in lines] == [
        "Cost after iteration 0",
        "Cost after iteration 100",
        "Cost after iteration 200",
        "Cost after iteration 249",
    ]
    assert lines[1] == f"Cost after iteration 100: {costs[1]:.6f}"


def test_callback_sees_every_kth_iteration_and_the_last(xor):
    X, Y = xor
    seen = []

    def callback(i, cost, parameters, grads):
        seen.append((i, cost, set(grads)))

    dc.L_layer_model(
        X, Y, [2, 3, 1], num_iterations=25, rng=0, callback=callback, callback_every=10
    )
    assert [i for i, _, _ in seen] == [0, 10, 20, 24]
    assert seen[0][2] == {"dA1", "dW1", "db1", "dW2", "db2"}  # training skips dA0
    assert all(isinstance(cost, float) for _, cost, _ in seen)


def test_progress_bar_only_on_request_or_for_long_runs(xor, capsys):
    X, Y = xor
    dc.L_layer_model(X, Y, [2, 1], num_iterations=5, rng=0, progress=True)
    assert "training" in capsys.readouterr().err
    dc.L_layer_model(X, Y, [2, 1], num_iterations=5, rng=0)
    assert capsys.readouterr().err == ""


def test_training_continues_from_given_parameters(xor):
    X, Y = xor
    first, _ = dc.L_layer_model(X, Y, [2, 4, 1], num_iterations=3, rng=2)
    both, _ = dc.L_layer_model(X, Y, [2, 4, 1], num_iterations=6, rng=2)
    second, _ = dc.L_layer_model(X, Y, [2, 4, 1], num_iterations=3, parameters=first)
    for key in both:
        assert_allclose(second[key], both[key], rtol=1e-14)


def test_zero_iterations_returns_the_initial_parameters(xor):
    X, Y = xor
    parameters, costs = dc.L_layer_model(X, Y, [2, 3, 1], num_iterations=0, rng=7)
    initial = dc.initialize_parameters_deep([2, 3, 1], rng=7, scale="xavier")
    assert costs == []
    for key in initial:
        assert_array_equal(parameters[key], initial[key])


def test_predict_and_accuracy():
    parameters = {"W1": np.array([[1.0, -1.0]]), "b1": np.array([[0.0]])}
    X = np.array([[2.0, 0.0, 1.0], [1.0, 3.0, 1.0]])  # Z = 1, -3, 0 -> AL = .73, .05, .5
    predictions = dc.predict(X, parameters)
    assert_array_equal(predictions, [[1, 0, 0]])
    assert predictions.shape == (1, 3)
    assert dc.accuracy(predictions, np.array([[1, 1, 0]])) == pytest.approx(2 / 3)


@pytest.mark.parametrize(
    ("kwargs", "error", "pattern"),
    [
        ({"learning_rate": 0}, ValueError, "learning_rate must be > 0"),
        ({"learning_rate": -1.0}, ValueError, "learning_rate must be > 0"),
        ({"num_iterations": -1}, ValueError, "num_iterations must be an integer >= 0"),
        ({"num_iterations": 2.5}, ValueError, "num_iterations must be an integer >= 0"),
        ({"layers_dims": [3, 4, 1]}, ValueError, r"X has 2 rows but layers_dims\[0\] expects 3"),
        ({"layers_dims": [2]}, ValueError, "at least two entries"),
        ({"hidden_activation": "softplus"}, ValueError, "unknown activation 'softplus'"),
    ],
)
def test_bad_training_arguments(xor, kwargs, error, pattern):
    X, Y = xor
    arguments = {"layers_dims": [2, 3, 1], "num_iterations": 1, **kwargs}
    with pytest.raises(error, match=pattern):
        dc.L_layer_model(X, Y, **arguments)


def test_examples_as_rows_are_caught(xor):
    X, Y = xor
    with pytest.raises(ValueError, match=r"examples are columns.*pass X\.T"):
        dc.L_layer_model(X.T, Y, [2, 3, 1], num_iterations=1)


def test_labels_outside_0_1_are_refused(xor):
    X, Y = xor
    with pytest.raises(ValueError, match=r"0 or 1.*found \[-1"):
        dc.L_layer_model(X, 2 * Y - 1, [2, 3, 1], num_iterations=1)


@pytest.mark.parametrize(
    ("kwargs", "pattern"),
    [
        ({"callback_every": 0}, "callback_every must be an integer >= 1, got 0"),
        ({"num_iterations": True}, "num_iterations must be an integer >= 0, got True"),
        ({"layers_dims": [2, 4, 1]}, r"parameters\['W1'\] has shape \(3, 2\) but layers_dims"),
        ({"layers_dims": [2, 3, 3, 1]}, r"parameters has L = 2 layers but layers_dims"),
    ],
)
def test_bad_training_arguments_caught_before_the_loop(xor, kwargs, pattern):
    X, Y = xor
    arguments = {
        "layers_dims": [2, 3, 1],
        "num_iterations": 1,
        "parameters": dc.initialize_parameters_deep([2, 3, 1], rng=0),
        **kwargs,
    }
    with pytest.raises(ValueError, match=pattern):
        dc.L_layer_model(X, Y, **arguments)


@pytest.mark.filterwarnings("ignore::PendingDeprecationWarning")
def test_continuing_from_np_matrix_parameters_gives_the_same_numbers(xor):
    """An np.matrix would make * a matrix product in backward; it is read as an array."""
    X, Y = xor
    start = dc.initialize_parameters_deep([2, 3, 1], rng=0, scale=0.5)
    as_matrices = {key: np.matrix(value) for key, value in start.items()}
    expected, _ = dc.L_layer_model(X, Y, [2, 3, 1], num_iterations=3, parameters=start)
    trained, _ = dc.L_layer_model(X, Y, [2, 3, 1], num_iterations=3, parameters=as_matrices)
    for key in expected:
        assert type(trained[key]) is np.ndarray
        assert_array_equal(trained[key], expected[key])


def test_boolean_labels_train_like_0_1(xor):
    X, Y = xor
    expected = dc.L_layer_model(X, Y, [2, 3, 1], num_iterations=2, rng=1)
    trained = dc.L_layer_model(X, Y.astype(bool), [2, 3, 1], num_iterations=2, rng=1)
    assert trained[1] == expected[1]
    assert_array_equal(trained[0]["W1"], expected[0]["W1"])


def test_callback_gets_the_cost_before_the_update_and_the_parameters_after_it(xor):
    X, Y = xor
    seen = []
    parameters = dc.initialize_parameters_deep([2, 3, 1], rng=1, scale="xavier")
    dc.L_layer_model(X, Y, [2, 3, 1], num_iterations=1, parameters=parameters,
                     callback=lambda i, cost, p, grads: seen.append((cost, p)))
    ((cost, after),) = seen
    AL, caches = dc.L_model_forward(X, parameters)
    assert cost == dc.compute_cost(AL, Y)
    grads = dc.L_model_backward(AL, Y, caches)
    assert_array_equal(after["W1"], dc.update_parameters(parameters, grads, 0.0075)["W1"])
    assert "before its update" in dc.L_layer_model.__doc__


def test_accuracy_refuses_probabilities():
    AL = np.array([[0.9, 0.2, 0.6]])
    with pytest.raises(ValueError, match=r"predictions.*0 or 1.*predict\(X, parameters\)"):
        dc.accuracy(AL, np.array([[1, 0, 1]]))


def test_accuracy_needs_predictions_shaped_like_Y():
    with pytest.raises(ValueError, match=r"Y has shape \(1, 2\) but predictions has shape"):
        dc.accuracy(np.array([[1, 0, 1]]), np.array([[1, 0]]))


def test_accuracy_of_no_examples_is_refused_by_name():
    with pytest.raises(ValueError, match=r"predictions has m = 0 examples \(shape \(1, 0\)\): "
                                         r"the accuracy, correct / m, is an average over m"):
        dc.accuracy(np.zeros((1, 0)), np.zeros((1, 0)))


def test_accuracy_accepts_booleans_as_0_1():
    assert dc.accuracy(np.array([[True, False, True]]), np.array([[1, 1, 1]]) == 1) == 2 / 3


def test_recorded_costs_are_0d_arrays_that_print_like_floats(xor):
    """The course's graders want np.ndarray costs; students want to read them."""
    X, Y = xor
    _, costs = dc.L_layer_model(X, Y, [2, 3, 1], num_iterations=201, rng=0)
    assert all(isinstance(J, np.ndarray) and J.shape == () for J in costs)
    floats = [float(J) for J in costs]
    assert repr(costs) == repr(floats) and str(costs[0]) == str(floats[0])
    assert f"{costs[1]:.4f}" == f"{floats[1]:.4f}"
    assert type(costs[0] * 2) is np.float64 and costs[0] * 2 == 2 * floats[0]
    assert_array_equal(np.squeeze(costs), floats)


def test_two_layer_model_is_the_L_layer_loop_from_0_01_weights(xor):
    X, Y = xor
    trained, costs = dc.two_layer_model(X, Y, (2, 4, 1), 0.5, 150, rng=np.random.RandomState(2))
    start = dc.initialize_parameters_deep([2, 4, 1], rng=np.random.RandomState(2), scale=0.01)
    again, again_costs = dc.L_layer_model(X, Y, [2, 4, 1], 0.5, 150, parameters=start)
    for key in again:
        assert_array_equal(trained[key], again[key])
    assert_array_equal(costs, again_costs)


def test_two_layer_model_needs_three_layer_sizes(xor):
    X, Y = xor
    with pytest.raises(ValueError, match=r"\(n_x, n_h, n_y\) for the 2-layer model"):
        dc.two_layer_model(X, Y, [2, 4, 4, 1])

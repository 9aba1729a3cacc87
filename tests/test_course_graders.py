"""The course's public grader tests for its twelve graded functions, run on dnn_course.

Each test feeds the inputs the course's grader feeds (the same seeds, the same positional
arguments) and judges the answer the way the grader does (``course_grader_verdict``): the
type of every entry is an instance of the published answer's type, every array has the
published shape, and every value agrees to 6 decimals. The published answers are the
course's "expected output" numbers.

The course's own ``initialize_parameters``, ``initialize_parameters_deep`` and
``L_layer_model`` call ``np.random.seed(1)`` (or 3) inside; dnn_course never seeds NumPy's
global generator, so these tests call ``np.random.seed`` just before, as a student moving
code from the course does.
"""

import numpy as np
import pytest

import dnn_course as dc
from dnn_course.activations import relu


def course_grader_verdict(expected, actual, where="output"):
    """The problems the course's grader would report, as a list of strings (empty: passes).

    dicts are compared key by key of ``expected``, tuples and lists entry by entry, and each
    leaf must be an instance of the expected leaf's type, have its shape, and match it to
    6 decimals (arrays) or exactly (other values).
    """
    if isinstance(expected, dict):
        if not isinstance(actual, dict):
            return [f"{where}: expected a dict, got {type(actual).__name__}"]
        return [p for key in expected
                for p in course_grader_verdict(expected[key], actual.get(key), f"{where}[{key!r}]")]
    if isinstance(expected, tuple | list):
        if not isinstance(actual, tuple | list) or len(actual) != len(expected):
            return [f"{where}: expected a {type(expected).__name__} of {len(expected)}, "
                    f"got {type(actual).__name__}"]
        return [p for i, (e, a) in enumerate(zip(expected, actual, strict=True))
                for p in course_grader_verdict(e, a, f"{where}[{i}]")]
    if not isinstance(actual, type(expected)):
        return [f"{where}: expected {type(expected).__name__}, got {type(actual).__name__}"]
    if not hasattr(expected, "shape"):
        return [] if actual == expected else [f"{where}: {actual!r} != {expected!r}"]
    if actual.shape != expected.shape:
        return [f"{where}: shape {actual.shape} != {expected.shape}"]
    if not np.allclose(actual, expected, rtol=0, atol=1.5e-6):
        return [f"{where}: values differ from the course's"]
    return []


def passes(expected, actual):
    problems = course_grader_verdict(expected, actual)
    assert not problems, "\n".join(problems)


def test_the_verdict_has_teeth():
    """A float where the course expects a 0-d array, a wrong shape and a wrong value fail."""
    assert course_grader_verdict([np.array(0.5)], [0.5])
    assert course_grader_verdict(np.zeros((2, 1)), np.zeros(2))
    assert course_grader_verdict({"W1": np.ones((1, 1))}, {"W1": np.ones((1, 1)) + 1e-5})
    assert not course_grader_verdict({"W1": np.ones((1, 1))}, {"W1": np.ones((1, 1)) + 1e-7})


def test_initialize_parameters():
    expected = {"W1": np.array([[0.01624345, -0.00611756, -0.00528172],
                                [-0.01072969, 0.00865408, -0.02301539]]),
                "b1": np.zeros((2, 1)),
                "W2": np.array([[0.01744812, -0.00761207]]),
                "b2": np.zeros((1, 1))}
    np.random.seed(1)
    passes(expected, dc.initialize_parameters(3, 2, 1))


def test_initialize_parameters_deep():
    expected = {
        "W1": np.array([[0.01788628, 0.0043651, 0.00096497, -0.01863493, -0.00277388],
                        [-0.00354759, -0.00082741, -0.00627001, -0.00043818, -0.00477218],
                        [-0.01313865, 0.00884622, 0.00881318, 0.01709573, 0.00050034],
                        [-0.00404677, -0.0054536, -0.01546477, 0.00982367, -0.01101068]]),
        "b1": np.zeros((4, 1)),
        "W2": np.array([[-0.01185047, -0.0020565, 0.01486148, 0.00236716],
                        [-0.01023785, -0.00712993, 0.00625245, -0.00160513],
                        [-0.00768836, -0.00230031, 0.00745056, 0.01976111]]),
        "b2": np.zeros((3, 1)),
    }
    np.random.seed(3)
    passes(expected, dc.initialize_parameters_deep([5, 4, 3]))


def test_linear_forward():
    np.random.seed(1)
    A_prev, W, b = np.random.randn(3, 2), np.random.randn(1, 3), np.random.randn(1, 1)
    passes((np.array([[3.26295337, -1.23429987]]), (A_prev, W, b)),
           dc.linear_forward(A_prev, W, b))


def test_linear_activation_forward():
    np.random.seed(2)
    A_prev, W, b = np.random.randn(3, 2), np.random.randn(1, 3), np.random.randn(1, 1)
    cache = ((A_prev, W, b), np.array([[3.43896131, -2.08938436]]))
    passes((np.array([[0.96890023, 0.11013289]]), cache),
           dc.linear_activation_forward(A_prev, W, b, "sigmoid"))
    passes((np.array([[3.43896131, 0.0]]), cache),
           dc.linear_activation_forward(A_prev, W, b, "relu"))


def test_L_model_forward():
    np.random.seed(6)
    X = np.random.randn(5, 4)
    parameters = {}
    for l, shape in enumerate([(4, 5), (3, 4), (1, 3)], start=1):
        parameters[f"W{l}"] = np.random.randn(*shape)
        parameters[f"b{l}"] = np.random.randn(shape[0], 1)
    Z = [np.array([[-5.23825714, 3.18040136, 0.4074501, -1.88612721],
                   [-2.77358234, -0.56177316, 3.18141623, -0.99209432],
                   [4.18500916, -1.78006909, -0.14502619, 2.72141638],
                   [5.05850802, -1.25674082, -3.54566654, 3.82321852]]),
         np.array([[2.2644603, 1.09971298, -2.90298027, 1.54036335],
                   [6.33722569, -2.38116246, -4.11228806, 4.48582383],
                   [10.37508342, -0.66591468, 1.63635185, 8.17870169]]),
         np.array([[-3.19864676, 0.87117055, -1.40297864, -3.00319435]])]
    A_prev = [X, relu(Z[0])[0], relu(Z[1])[0]]
    caches = [((A_prev[l - 1], parameters[f"W{l}"], parameters[f"b{l}"]), Z[l - 1])
              for l in (1, 2, 3)]
    passes((np.array([[0.03921668, 0.70498921, 0.19734387, 0.04728177]]), caches),
           dc.L_model_forward(X, parameters))


def test_compute_cost():
    """The course's grader compares the value only (a float or a 0-d array both pass)."""
    cost = dc.compute_cost(np.array([[0.8, 0.9, 0.4]]), np.array([[1, 1, 0]]))
    assert np.allclose(cost, 0.27977656)


def test_linear_backward():
    np.random.seed(1)
    dZ, A, W, b = (np.random.randn(3, 4), np.random.randn(5, 4), np.random.randn(3, 5),
                   np.random.randn(3, 1))
    expected = (
        np.array([[-1.15171336, 0.06718465, -0.3204696, 2.09812712],
                  [0.60345879, -3.72508701, 5.81700741, -3.84326836],
                  [-0.4319552, -1.30987417, 1.72354705, 0.05070578],
                  [-0.38981415, 0.60811244, -1.25938424, 1.47191593],
                  [-2.52214926, 2.67882552, -0.67947465, 1.48119548]]),
        np.array([[0.07313866, -0.0976715, -0.87585828, 0.73763362, 0.00785716],
                  [0.85508818, 0.37530413, -0.59912655, 0.71278189, -0.58931808],
                  [0.97913304, -0.24376494, -0.08839671, 0.55151192, -0.10290907]]),
        np.array([[-0.14713786], [-0.11313155], [-0.13209101]]),
    )
    passes(expected, dc.linear_backward(dZ, (A, W, b)))


def test_linear_activation_backward():
    np.random.seed(2)
    dA, A, W, b, Z = (np.random.randn(1, 2), np.random.randn(3, 2), np.random.randn(1, 3),
                      np.random.randn(1, 1), np.random.randn(1, 2))
    sigmoid = (np.array([[0.11017994, 0.01105339], [0.09466817, 0.00949723],
                         [-0.05743092, -0.00576154]]),
               np.array([[0.10266786, 0.09778551, -0.01968084]]), np.array([[-0.05729622]]))
    relu_ = (np.array([[0.44090989, 0.0], [0.37883606, 0.0], [-0.2298228, 0.0]]),
             np.array([[0.44513824, 0.37371418, -0.10478989]]), np.array([[-0.20837892]]))
    passes(sigmoid, dc.linear_activation_backward(dA, ((A, W, b), Z), "sigmoid"))
    passes(relu_, dc.linear_activation_backward(dA, ((A, W, b), Z), "relu"))


def test_L_model_backward():
    np.random.seed(3)
    AL, Y = np.random.randn(1, 2), np.array([[1, 0]])
    A1, W1, b1, Z1 = (np.random.randn(4, 2), np.random.randn(3, 4), np.random.randn(3, 1),
                      np.random.randn(3, 2))
    A2, W2, b2, Z2 = (np.random.randn(3, 2), np.random.randn(1, 3), np.random.randn(1, 1),
                      np.random.randn(1, 2))
    expected = {
        "dA1": np.array([[0.12913162, -0.44014127], [-0.14175655, 0.48317296],
                         [0.01663708, -0.05670698]]),
        "dW2": np.array([[-0.39202432, -0.13325855, -0.04601089]]),
        "db2": np.array([[0.15187861]]),
        "dA0": np.array([[0.0, 0.52257901], [0.0, -0.3269206], [0.0, -0.32070404],
                         [0.0, -0.74079187]]),
        "dW1": np.array([[0.41010002, 0.07807203, 0.13798444, 0.10502167], [0, 0, 0, 0],
                         [0.05283652, 0.01005865, 0.01777766, 0.0135308]]),
        "db1": np.array([[-0.22007063], [0.0], [-0.02835349]]),
    }
    passes(expected, dc.L_model_backward(AL, Y, (((A1, W1, b1), Z1), ((A2, W2, b2), Z2))))


def test_update_parameters():
    np.random.seed(2)
    parameters = {"W1": np.random.randn(3, 4), "b1": np.random.randn(3, 1),
                  "W2": np.random.randn(1, 3), "b2": np.random.randn(1, 1)}
    np.random.seed(3)
    grads = {"dW1": np.random.randn(3, 4), "db1": np.random.randn(3, 1),
             "dW2": np.random.randn(1, 3), "db2": np.random.randn(1, 1)}
    expected = {
        "W1": np.array([[-0.59562069, -0.09991781, -2.14584584, 1.82662008],
                        [-1.76569676, -0.80627147, 0.51115557, -1.18258802],
                        [-1.0535704, -0.86128581, 0.68284052, 2.20374577]]),
        "b1": np.array([[-0.04659241], [-1.28888275], [0.53405496]]),
        "W2": np.array([[-0.55569196, 0.0354055, 1.32964895]]),
        "b2": np.array([[-0.84610769]]),
    }
    passes(expected, dc.update_parameters(parameters, grads, 0.1))


def test_two_layer_model_refuses_the_graders_real_valued_labels():
    """The course's two-layer grader draws Y from a normal distribution; Y must be 0/1."""
    np.random.seed(1)
    X, Y = np.random.randn(10, 10), np.random.randn(1, 10)
    np.random.seed(1)
    with pytest.raises(ValueError, match="binary labels 0 or 1"):
        dc.two_layer_model(X, Y, (10, 4, 1), 0.0075, 2)


def course_two_layer_loop(X, Y, n_h, learning_rate, num_iterations):
    """The course's two-layer loop in plain numpy, independent of dnn_course (an oracle)."""
    np.random.seed(1)
    W1, b1 = np.random.randn(n_h, X.shape[0]) * 0.01, np.zeros((n_h, 1))
    W2, b2 = np.random.randn(1, n_h) * 0.01, np.zeros((1, 1))
    m, costs = X.shape[1], []
    for i in range(num_iterations):
        Z1 = W1 @ X + b1
        A1 = np.maximum(Z1, 0)
        A2 = 1 / (1 + np.exp(-(W2 @ A1 + b2)))
        cost = -np.mean(Y * np.log(A2) + (1 - Y) * np.log(1 - A2))
        dZ2 = A2 - Y
        dW2, db2 = dZ2 @ A1.T / m, dZ2.sum(axis=1, keepdims=True) / m
        dZ1 = (W2.T @ dZ2) * (Z1 > 0)
        dW1, db1 = dZ1 @ X.T / m, dZ1.sum(axis=1, keepdims=True) / m
        W1, b1 = W1 - learning_rate * dW1, b1 - learning_rate * db1
        W2, b2 = W2 - learning_rate * dW2, b2 - learning_rate * db2
        if i % 100 == 0:
            costs.append(np.array(cost))
    return {"W1": W1, "b1": b1, "W2": W2, "b2": b2}, costs


def test_the_two_layer_oracle_reproduces_the_course():
    """With the grader's own inputs the oracle gives the course's published answer."""
    np.random.seed(1)
    X, Y = np.random.randn(10, 10), np.random.randn(1, 10)
    parameters, costs = course_two_layer_loop(X, Y, 4, 0.0075, 2)
    assert_close = np.testing.assert_allclose
    assert_close(parameters["W1"][0, :3], [0.01624965, -0.00610741, -0.00528734], atol=5e-9)
    assert_close(parameters["b1"].ravel(),
                 [1.10437111e-05, 1.78437869e-05, 3.74879549e-05, -4.42988824e-05], rtol=1e-6)
    assert_close(parameters["W2"], [[-0.00200283, -0.00888593, -0.00751122, 0.01688162]],
                 atol=5e-9)
    assert_close(parameters["b2"], [[-0.00689018]], atol=5e-9)
    assert_close(costs[0], 0.69315968, atol=5e-9)


@pytest.mark.parametrize(("learning_rate", "num_iterations"), [(0.0075, 2), (0.1, 250)])
def test_two_layer_model(learning_rate, num_iterations):
    """The grader's check on the grader's X, with 0/1 labels, against the oracle."""
    np.random.seed(1)
    X = np.random.randn(10, 10)
    Y = np.array([[1, 1, 1, 1, 0, 0, 0, 1, 1, 0]])
    expected = course_two_layer_loop(X, Y, 4, learning_rate, num_iterations)
    np.random.seed(1)
    passes(expected, dc.two_layer_model(X, Y, (10, 4, 1), learning_rate, num_iterations))


def test_L_layer_model():
    np.random.seed(1)
    X = np.random.randn(10, 10)
    Y = np.array([[1, 1, 1, 1, 0, 0, 0, 1, 1, 0]])
    parameters = {
        "W1": np.array([
            [0.51384638, -0.19333098, -0.16705238, -0.33923196, 0.273477, -0.72775498,
             0.55170785, -0.24077478, 0.10082452, -0.07882423],
            [0.46227786, -0.65153639, -0.10192959, -0.12150984, 0.35855025, -0.34787253,
             -0.05455001, -0.27767163, 0.01337835, 0.1843845],
            [-0.34790478, 0.36200264, 0.28511245, 0.15868454, 0.284931, -0.21645471,
             -0.03877896, -0.29584578, -0.08480802, 0.16760667],
            [-0.21835973, -0.12531366, -0.21720823, -0.26764975, -0.21214946, -0.00438229,
             -0.35316347, 0.07432144, 0.52474685, 0.23453653],
            [-0.06060968, -0.28061463, -0.23624839, 0.53526844, 0.01597194, -0.20136496,
             0.06021639, 0.66414167, 0.03804666, 0.19528599]]),
        "b1": np.array([[-2.16491028e-04], [1.50999130e-04], [8.71516045e-06],
                        [5.57557615e-05], [-2.90746349e-05]]),
        "W2": np.array([[0.13428358, -0.15747685, -0.51095667, -0.15624083, -0.09342034],
                        [0.26226685, 0.3751336, 0.41644174, 0.12779375, 0.39573817],
                        [-0.33726917, 0.56041154, 0.22939257, -0.1333337, 0.21851314],
                        [-0.03377599, 0.50617255, 0.67960046, 0.97726521, -0.62458844],
                        [-0.64581803, -0.22559264, 0.0715349, 0.39173682, 0.14112904],
                        [-0.9043503, -0.13693179, 0.37026002, 0.10284282, 0.34076545]]),
        "b2": np.array([[1.80215514e-07], [-1.07935097e-04], [1.63081605e-04],
                        [-3.51202008e-05], [-7.40012619e-05], [-4.43814901e-05]]),
        "W3": np.array([[-0.09079199, -0.08117381, 0.07667568, 0.16665535, 0.08029575,
                         0.04805811]]),
        "b3": np.array([[0.0013201]]),
    }
    np.random.seed(1)
    passes((parameters, [np.array(0.70723944)]), dc.L_layer_model(X, Y, (10, 5, 6, 1), 0.0075, 2))


def test_the_courses_own_loop_with_the_package_helpers_passes_its_grader():
    """A student's L_layer_model from the course, its loop as the course writes it, with the
    package's helpers dropped in: the grader's "Datatype mismatch" would come from a cost
    that is not an np.ndarray."""
    def L_layer_model(X, Y, layers_dims, learning_rate=0.0075, num_iterations=3000):
        np.random.seed(1)
        costs = []
        parameters = dc.initialize_parameters_deep(layers_dims, scale="xavier")
        for i in range(num_iterations):
            AL, caches = dc.L_model_forward(X, parameters)
            cost = dc.compute_cost(AL, Y)
            grads = dc.L_model_backward(AL, Y, caches)
            parameters = dc.update_parameters(parameters, grads, learning_rate)
            if i % 100 == 0 or i == num_iterations:
                costs.append(cost)
        return parameters, costs

    np.random.seed(1)
    X = np.random.randn(10, 10)
    Y = np.array([[1, 1, 1, 1, 0, 0, 0, 1, 1, 0]])
    parameters, costs = L_layer_model(X, Y, (10, 5, 6, 1), 0.02, 3)
    expected = {"W3": np.array([[-0.09087434, -0.07882982, 0.07821609, 0.16442826, 0.0783229,
                                 0.04648216]]),
                "b3": np.array([[0.00525865]])}
    passes((expected, [np.array(0.70723944)]), (parameters, costs))


def test_L_layer_model_second_case():
    """The grader's second case (learning rate 0.02, 3 iterations): its output layer."""
    np.random.seed(1)
    X = np.random.randn(10, 10)
    Y = np.array([[1, 1, 1, 1, 0, 0, 0, 1, 1, 0]])
    expected = {"W3": np.array([[-0.09087434, -0.07882982, 0.07821609, 0.16442826, 0.0783229,
                                 0.04648216]]),
                "b3": np.array([[0.00525865]])}
    np.random.seed(1)
    parameters, costs = dc.L_layer_model(X, Y, (10, 5, 6, 1), 0.02, 3)
    passes((expected, [np.array(0.70723944)]), (parameters, costs))

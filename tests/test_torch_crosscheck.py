"""A second oracle: PyTorch autograd on the same network, float64 (runs when torch is installed).

torch is not a dependency of the package; `pip install -e '.[bench]'` brings it.
"""

import pytest
from networks import make_network
from numpy.testing import assert_allclose

import dnn_course as dc
from dnn_course.activations import ACTIVATIONS

torch = pytest.importorskip("torch", reason="torch not installed: pip install -e '.[bench]'")

TORCH_ACTIVATIONS = {
    "relu": torch.relu,
    "sigmoid": torch.sigmoid,
    "tanh": torch.tanh,
    "leaky_relu": lambda z: torch.nn.functional.leaky_relu(z, 0.01),
}


def torch_gradients(X, Y, parameters, hidden):
    L = len(parameters) // 2
    leaves = {
        k: torch.tensor(v, dtype=torch.float64, requires_grad=True) for k, v in parameters.items()
    }
    A = torch.tensor(X, dtype=torch.float64)
    for l in range(1, L + 1):
        Z = leaves[f"W{l}"] @ A + leaves[f"b{l}"]
        A = torch.sigmoid(Z) if l == L else TORCH_ACTIVATIONS[hidden](Z)
    cost = torch.nn.functional.binary_cross_entropy(A, torch.tensor(Y, dtype=torch.float64))
    cost.backward()
    return cost.item(), {f"d{k}": v.grad.numpy() for k, v in leaves.items()}


def test_every_activation_has_a_torch_counterpart():
    assert set(TORCH_ACTIVATIONS) == set(ACTIVATIONS)


@pytest.mark.parametrize("hidden", sorted(ACTIVATIONS))
@pytest.mark.parametrize("seed", [0, 1, 2])
def test_gradients_match_autograd(hidden, seed):
    dims = [[5, 4, 3, 1], [3, 6, 1], [4, 3, 3, 2, 1]][seed]
    X, Y, parameters = make_network(dims, m=7, seed=seed)
    AL, caches = dc.L_model_forward(X, parameters, hidden)
    grads = dc.L_model_backward(AL, Y, caches, hidden)
    cost, expected = torch_gradients(X, Y, parameters, hidden)
    assert_allclose(dc.compute_cost(AL, Y), cost, rtol=1e-12)
    for key, value in expected.items():
        assert_allclose(grads[key], value, rtol=1e-9, atol=1e-14, err_msg=key)

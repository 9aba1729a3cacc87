"""The same training step in PyTorch (CPU autograd, float64), written as a student would.

    Z[l] = W[l] @ A[l-1] + b[l];  A[l] = relu(Z[l]), sigmoid at the output
    J = binary_cross_entropy(AL, Y);  J.backward()
    with no_grad: W[l] -= alpha * W[l].grad;  b[l] -= alpha * b[l].grad
"""

import importlib.util

import numpy as np

from dnn_course import L_layer_model


def available():
    return importlib.util.find_spec("torch") is not None


def use_threads(n):
    """torch.set_num_threads(n): the same number of threads as numpy's BLAS."""
    import torch

    torch.set_num_threads(n)
    return torch.get_num_threads()


def as_tensors(case, parameters):
    import torch

    X, Y = torch.tensor(case.X), torch.tensor(case.Y)
    L = len(case.layer_dims) - 1
    params = [
        (
            torch.tensor(parameters[f"W{l}"], requires_grad=True),
            torch.tensor(parameters[f"b{l}"], requires_grad=True),
        )
        for l in range(1, L + 1)
    ]
    return X, Y, params


def train(X, Y, params, learning_rate, num_iterations):
    """num_iterations steps of gradient descent on the (W, b) pairs in params."""
    import torch
    from torch.nn.functional import binary_cross_entropy

    L = len(params)
    for _ in range(num_iterations):
        A = X
        for l, (W, b) in enumerate(params, start=1):
            Z = W @ A + b
            A = torch.sigmoid(Z) if l == L else torch.relu(Z)
        cost = binary_cross_entropy(A, Y)
        cost.backward()
        with torch.no_grad():
            for W, b in params:
                W -= learning_rate * W.grad
                b -= learning_rate * b.grad
                W.grad = None
                b.grad = None


def runner(case, parameters):
    """run(n): n PyTorch steps, continuing from the last parameters."""
    X, Y, params = as_tensors(case, parameters)

    def run(n):
        train(X, Y, params, case.learning_rate, n)

    return run, params


def max_difference(case, steps):
    """max |W[l] - W_torch[l]| after ``steps`` steps from the same start: same maths?"""
    parameters = case.initial_parameters()
    run, params = runner(case, parameters)
    run(steps)
    ours, _ = L_layer_model(
        case.X, case.Y, case.layer_dims, case.learning_rate, steps,
        parameters=parameters, progress=False,
    )
    return max(
        float(np.max(np.abs(ours[f"{name}{l}"] - tensor.detach().numpy())))
        for l, pair in enumerate(params, start=1)
        for name, tensor in zip("Wb", pair, strict=True)
    )

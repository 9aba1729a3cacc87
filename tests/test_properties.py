"""Property tests: shapes and broadcasting hold for every network size and batch size."""

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st
from numpy.testing import assert_allclose

import dnn_course as dc
from dnn_course.activations import ACTIVATIONS

layer_dims = st.lists(st.integers(1, 6), min_size=2, max_size=5).map(lambda d: d[:-1] + [1])
batch = st.integers(1, 9)
seeds = st.integers(0, 2**32 - 1)
activation = st.sampled_from(sorted(ACTIVATIONS))


def network(dims, m, seed):
    rng = np.random.default_rng(seed)
    parameters = dc.initialize_parameters_deep(dims, rng=rng, scale=0.5)
    for l in range(1, len(dims)):
        parameters[f"b{l}"] = rng.standard_normal((dims[l], 1))
    X = rng.standard_normal((dims[0], m))
    Y = rng.integers(0, 2, (1, m)).astype(float)
    return X, Y, parameters


@settings(max_examples=60, deadline=None)
@given(n=st.integers(1, 6), n_prev=st.integers(1, 6), m=batch, seed=seeds)
def test_linear_shapes_and_broadcast(n, n_prev, m, seed):
    rng = np.random.default_rng(seed)
    A_prev, W, b = (
        rng.standard_normal((n_prev, m)),
        rng.standard_normal((n, n_prev)),
        rng.standard_normal((n, 1)),
    )
    Z, cache = dc.linear_forward(A_prev, W, b)
    assert Z.shape == (n, m)
    for column in range(m):  # b is added to every column, i.e. to every example
        assert_allclose(Z[:, [column]], W @ A_prev[:, [column]] + b, rtol=1e-12, atol=1e-12)
    dA_prev, dW, db = dc.linear_backward(rng.standard_normal((n, m)), cache)
    assert (dA_prev.shape, dW.shape, db.shape) == ((n_prev, m), (n, n_prev), (n, 1))


@settings(max_examples=60, deadline=None)
@given(name=activation, rows=st.integers(1, 5), m=batch, seed=seeds)
def test_activation_pairs_keep_shapes(name, rows, m, seed):
    forward, backward = ACTIVATIONS[name]
    Z = np.random.default_rng(seed).standard_normal((rows, m))
    A, cache = forward(Z)
    assert A.shape == Z.shape and backward(np.ones_like(A), cache).shape == Z.shape


@settings(max_examples=60, deadline=None)
@given(dims=layer_dims, m=batch, seed=seeds, hidden=activation)
def test_model_shapes_for_any_depth(dims, m, seed, hidden):
    X, Y, parameters = network(dims, m, seed)
    AL, caches = dc.L_model_forward(X, parameters, hidden)
    L = len(dims) - 1
    assert AL.shape == (1, m) and len(caches) == L
    for l in range(1, L + 1):
        (A_prev, W, b), Z = caches[l - 1]
        assert A_prev.shape == (dims[l - 1], m) and Z.shape == (dims[l], m)
    grads = dc.L_model_backward(AL, Y, caches, hidden)
    assert set(grads) == {f"{p}{l}" for l in range(1, L + 1) for p in ("dW", "db")} | {
        f"dA{l}" for l in range(L)
    }
    for l in range(1, L + 1):
        assert grads[f"dW{l}"].shape == (dims[l], dims[l - 1])
        assert grads[f"db{l}"].shape == (dims[l], 1)
        assert grads[f"dA{l - 1}"].shape == (dims[l - 1], m)
    new = dc.update_parameters(parameters, grads, 0.1)
    assert all(new[key].shape == parameters[key].shape for key in parameters)
    assert np.ndim(dc.compute_cost(AL, Y)) == 0  # one number, the course's 0-d array


@settings(max_examples=40, deadline=None)
@given(dims=layer_dims, m=batch, seed=seeds)
def test_batch_gradients_are_the_mean_of_per_example_gradients(dims, m, seed):
    """The 1/m in dW and db: the batch gradient averages the m single-example gradients."""
    X, Y, parameters = network(dims, m, seed)
    AL, caches = dc.L_model_forward(X, parameters, "tanh")
    batch_grads = dc.L_model_backward(AL, Y, caches, "tanh")
    singles = []
    for i in range(m):
        ALi, caches_i = dc.L_model_forward(X[:, [i]], parameters, "tanh")
        singles.append(dc.L_model_backward(ALi, Y[:, [i]], caches_i, "tanh"))
    for key in (k for k in batch_grads if not k.startswith("dA")):
        mean = np.mean([g[key] for g in singles], axis=0)
        assert_allclose(batch_grads[key], mean, rtol=1e-9, atol=1e-12)

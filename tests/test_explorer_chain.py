"""The chain and network views show the package's own caches and grads, at any depth."""

import numpy as np
import pytest

from dnn_course import L_model_backward, L_model_forward, compute_cost, dAL
from dnn_course.explorer import Session, Settings
from dnn_course.explorer.chain import (
    COLUMNS,
    NOT_NEEDED,
    chain_payload,
    position,
    session_steps,
)
from dnn_course.explorer.network import network_payload, plane_activations, plane_grid

ACTS = ("relu", "tanh", "leaky_relu")


@pytest.fixture(scope="module")
def session():
    session = Session(Settings(m=60, neurons=(5, 4, 3), hidden_layers=3, hidden_activation=ACTS))
    session.step(20)
    return session


def package_pass(session):
    AL, caches = L_model_forward(session.X_train, session.parameters, list(ACTS))
    return AL, caches, L_model_backward(AL, session.Y_train, caches, list(ACTS), False)


def test_stepping_walks_forward_then_the_loss_then_backward():
    assert [position(i, 3) for i in range(7)] == [
        ("forward", 1), ("forward", 2), ("forward", 3), ("loss", 3),
        ("backward", 3), ("backward", 2), ("backward", 1)]
    for bad in (-1, 7, 1.0, True):
        with pytest.raises(ValueError, match=r"step must be an integer from 0 to 6 \(2L"):
            position(bad, 3)


def test_forward_boxes_show_the_caches_of_L_model_forward(session):
    AL, caches, _ = package_pass(session)
    steps = session_steps(session)
    assert len(steps) == 9
    for l, cache in enumerate(caches, start=1):
        payload = chain_payload(steps, l - 1, ACTS)
        assert (payload["row"], payload["layer"]) == ("forward", l)
        (A_prev, W, b), Z = cache
        A = AL if l == 4 else caches[l].linear_cache.A_prev
        shown = {t["name"]: t for t in payload["tensors"]}
        assert list(shown) == [f"A[{l - 1}]", f"W[{l}]", f"b[{l}]", f"Z[{l}]", f"A[{l}]"]
        for name, value in zip(shown, (A_prev, W, b, Z, A), strict=True):
            assert shown[name]["shape"] == value.shape
            np.testing.assert_array_equal(shown[name]["data"], value[:, :COLUMNS]
                                          if name[0] in "AZ" else value)
        assert shown[f"Z[{l}]"]["note"] == f"columns: examples 0..{COLUMNS - 1} of m = 42"
        assert shown[f"W[{l}]"]["note"] == ""
        assert shown[f"W[{l}]"]["limit"] == np.max(np.abs(W))
        assert payload["equation"][0].startswith(f"Z[{l}] = W[{l}] A[{l - 1}] + b[{l}]")
        assert payload["worked"][0].endswith(f"= {Z[0, 0]:.4g}")
        assert payload["worked"][1] == (
            f"A[{l}][0,0] = {[*ACTS, 'sigmoid'][l - 1]}({Z[0, 0]:.4g}) = {A[0, 0]:.4g}")


def test_the_loss_box_shows_dA_L_and_J(session):
    AL, _, _ = package_pass(session)
    payload = chain_payload(session_steps(session), 4, ACTS)
    assert (payload["row"], payload["layer"]) == ("loss", 4)
    shown = {t["name"]: t["data"] for t in payload["tensors"]}
    np.testing.assert_array_equal(shown["dA[4]"], dAL(AL, session.Y_train)[:, :COLUMNS])
    np.testing.assert_array_equal(shown["Y"], session.Y_train[:, :COLUMNS])
    assert payload["worked"][1].endswith(f"= {compute_cost(AL, session.Y_train):.4g}")
    assert payload["boxes"]["forward"] == [
        "layer 1: LINEAR->RELU", "layer 2: LINEAR->TANH", "layer 3: LINEAR->LEAKY_RELU",
        "layer 4: LINEAR->SIGMOID", "loss J"]


def test_backward_boxes_show_the_grads_of_L_model_backward(session):
    AL, caches, grads = package_pass(session)
    steps = session_steps(session)
    for index, l in zip(range(5, 9), (4, 3, 2, 1), strict=True):
        payload = chain_payload(steps, index, ACTS)
        assert (payload["row"], payload["layer"]) == ("backward", l)
        shown = {t["name"]: t for t in payload["tensors"]}
        assert list(shown) == [f"dA[{l}]", f"dZ[{l}]", f"dW[{l}]", f"db[{l}]", f"dA[{l - 1}]"]
        np.testing.assert_array_equal(shown[f"dW[{l}]"]["data"], grads[f"dW{l}"])
        np.testing.assert_array_equal(shown[f"db[{l}]"]["data"], grads[f"db{l}"])
        dZ = steps[index].values[f"dZ[{l}]"]
        np.testing.assert_array_equal(shown[f"dZ[{l}]"]["data"], dZ[:, :COLUMNS])
        A_prev = caches[l - 1].linear_cache.A_prev
        np.testing.assert_allclose(grads[f"dW{l}"], dZ @ A_prev.T / A_prev.shape[1], rtol=1e-12)
        assert payload["worked"][1].endswith(f"= {grads[f'dW{l}'][0, 0]:.4g}")
        if l > 1:
            np.testing.assert_array_equal(shown[f"dA[{l - 1}]"]["data"],
                                          grads[f"dA{l - 1}"][:, :COLUMNS])
            assert payload["worked"][3].endswith(f"= {grads[f'dA{l - 1}'][0, 0]:.4g}")
    last = chain_payload(steps, 8, ACTS)["tensors"][-1]
    assert last["name"] == "dA[0]" and last["data"] is None and last["note"] == NOT_NEEDED


@pytest.mark.parametrize("hidden_layers", [0, 6])
def test_any_depth(hidden_layers):
    session = Session(Settings(m=30, hidden_layers=hidden_layers, neurons=16))
    steps = session_steps(session)
    L = hidden_layers + 1
    assert len(steps) == 2 * L + 1
    payloads = [chain_payload(steps, i, session.activations) for i in range(2 * L + 1)]
    assert [p["layer"] for p in payloads] == [*range(1, L + 1), L, *range(L, 0, -1)]
    assert len({p["equation"][0] for p in payloads}) == 2 * L + 1  # every step its own equation


def test_network_edges_are_W_or_dW_and_dead_units_have_no_positive_Z(session):
    AL, caches, grads = package_pass(session)
    steps = session_steps(session)
    W = network_payload(steps, ACTS)
    assert W["layer_dims"] == [2, 5, 4, 3, 1] and W["activations"][-1] == "sigmoid"
    for l in range(1, 5):
        np.testing.assert_array_equal(W["edges"][l - 1], session.parameters[f"W{l}"])
    assert W["edge_limit"] == max(np.max(np.abs(session.parameters[f"W{l}"])) for l in range(1, 5))
    dW = network_payload(steps, ACTS, edges="dW")
    for l in range(1, 5):
        np.testing.assert_array_equal(dW["edges"][l - 1], grads[f"dW{l}"])
    for l, (dead, cache) in enumerate(zip(W["dead"], caches, strict=True), start=1):
        expected = np.all(cache.activation_cache <= 0, axis=1) if l == 1 else np.zeros(len(dead))
        np.testing.assert_array_equal(dead, expected)
    with pytest.raises(ValueError, match='edges must be "W"'):
        network_payload(steps, ACTS, edges="b")


def test_a_unit_with_negative_Z_everywhere_is_marked_dead():
    session = Session(Settings(m=40))
    session.parameters["b1"][3] = -100.0
    session.parameters["b2"][0] = -100.0
    AL, caches = session.forward()
    dead = network_payload(session_steps(session), session.activations)["dead"]
    assert dead[0][3] and dead[1][0]
    for l in (1, 2):
        Z = caches[l - 1].activation_cache
        np.testing.assert_array_equal(dead[l - 1], np.all(Z <= 0, axis=1))
        assert not np.all(Z[~dead[l - 1]] <= 0, axis=1).any()
    assert not dead[2].any()  # the sigmoid output is never called dead


def test_the_selected_neuron_shows_its_row_of_W_b_Z_and_dZ(session):
    AL, caches, grads = package_pass(session)
    steps = session_steps(session)
    neuron = network_payload(steps, ACTS, selected=(2, 1))["selected"]
    np.testing.assert_array_equal(neuron["W"], session.parameters["W2"][1])
    assert neuron["b"] == session.parameters["b2"][1, 0]
    np.testing.assert_array_equal(neuron["Z"], caches[1].activation_cache[1, :COLUMNS])
    dZ2 = grads["dA2"] * (1 - np.tanh(caches[1].activation_cache) ** 2)
    np.testing.assert_allclose(neuron["dZ"], dZ2[1, :COLUMNS], rtol=1e-12)
    with pytest.raises(ValueError, match="no unit 5 in layer 2"):
        network_payload(steps, ACTS, selected=(2, 5))


def test_thumbnails_are_each_units_activation_over_the_plane(session):
    grid = plane_grid(session.X_train, size=8)
    assert grid.shape == (2, 64)
    planes = plane_activations(session.parameters, ACTS, grid, size=8)
    assert [p.shape for p in planes] == [(2, 8, 8), (5, 8, 8), (4, 8, 8), (3, 8, 8), (1, 8, 8)]
    AL, _ = L_model_forward(grid, session.parameters, list(ACTS))
    np.testing.assert_array_equal(planes[-1].reshape(1, -1), AL)
    np.testing.assert_array_equal(planes[0][0, 0], np.sort(grid[0, :8]))  # x1 rises left to right
    assert grid[1, 0] < grid[1, -1]  # x2 rises bottom to top


def test_the_selected_unit_is_the_worked_entry_and_its_row_is_outlined(session):
    AL, caches, grads = package_pass(session)
    steps = session_steps(session)
    forward = chain_payload(steps, 1, ACTS, unit=(2, 3))  # layer 2 forward, unit 3
    (A1, W2, b2), Z2 = caches[1]
    z = W2[3] @ A1[:, 0] + b2[3, 0]
    assert forward["unit"] == 3
    assert forward["worked"][0].startswith("Z[2][3,0] = W[2][3,:] A[1][:,0] + b[2][3] = ")
    assert forward["worked"][0].endswith(f"= {float(Z2[3, 0]):.4g}")
    assert np.isclose(z, Z2[3, 0])
    outlined = {t["name"]: t["outline"] for t in forward["tensors"]}
    assert outlined == {"A[1]": None, "W[2]": 3, "b[2]": 3, "Z[2]": 3, "A[2]": 3}
    backward = chain_payload(steps, 2 * 4 - 2 + 1, ACTS, unit=(2, 3))  # layer 2 backward
    assert (backward["row"], backward["layer"]) == ("backward", 2)
    assert backward["worked"][1].startswith("dW[2][3,0] = (1/42) dZ[2][3,:] A[1][0,:]^T")
    assert backward["worked"][1].endswith(f"= {float(grads['dW2'][3, 0]):.4g}")
    assert backward["worked"][2].endswith(f"= {float(grads['db2'][3, 0]):.4g}")
    outlined = {t["name"]: t["outline"] for t in backward["tensors"]}
    assert outlined == {"dA[2]": 3, "dZ[2]": 3, "dW[2]": 3, "db[2]": 3, "dA[1]": None}
    elsewhere = chain_payload(steps, 0, ACTS, unit=(2, 3))  # layer 1: the unit is not there
    assert elsewhere["unit"] == 0 and elsewhere["worked"][0].startswith("Z[1][0,0]")


def test_every_heatmap_says_which_equation_gives_its_entries(session):
    steps = session_steps(session)
    formulas = {t["name"]: t["formula"] for index in range(len(steps))
                for t in chain_payload(steps, index, ACTS)["tensors"]}
    assert formulas["Z[2]"] == "Z[2][i,j] = W[2][i,:] A[1][:,j] + b[2][i]"
    assert formulas["A[2]"] == "A[2][i,j] = tanh(Z[2][i,j])"
    assert formulas["dZ[3]"] == "dZ[3][i,j] = dA[3][i,j] * leaky_relu'(Z[3][i,j])"
    assert formulas["dW[1]"].startswith("dW[1][i,j] = (1/m) sum over examples of dZ[1][i,:]")
    assert formulas["Y"].startswith("Y[0,j]")

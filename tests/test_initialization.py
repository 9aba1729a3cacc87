import numpy as np
import pytest
from numpy.testing import assert_allclose, assert_array_equal

import dnn_course as dc


def test_shapes_and_zero_biases():
    parameters = dc.initialize_parameters_deep([5, 4, 3, 1], rng=0)
    assert list(parameters) == ["W1", "b1", "W2", "b2", "W3", "b3"]
    for l, (n, n_prev) in enumerate([(4, 5), (3, 4), (1, 3)], start=1):
        assert parameters[f"W{l}"].shape == (n, n_prev)
        assert_array_equal(parameters[f"b{l}"], np.zeros((n, 1)))


@pytest.mark.parametrize(
    ("scale", "std"),
    [
        (0.01, lambda n: 0.01),
        ("xavier", lambda n: 1 / np.sqrt(n)),
        ("he", lambda n: np.sqrt(2 / n)),
    ],
)
def test_scale_multiplies_standard_normal_draws_in_layer_order(scale, std):
    layer_dims = [6, 4, 2]
    parameters = dc.initialize_parameters_deep(
        layer_dims, rng=np.random.default_rng(9), scale=scale
    )
    draws = np.random.default_rng(9)
    for l in (1, 2):
        expected = draws.standard_normal((layer_dims[l], layer_dims[l - 1])) * std(
            layer_dims[l - 1]
        )
        assert_allclose(parameters[f"W{l}"], expected, rtol=1e-15)


def test_int_seed_is_reproducible_and_seeds_differ():
    a = dc.initialize_parameters_deep([3, 2, 1], rng=4)
    b = dc.initialize_parameters_deep([3, 2, 1], rng=4)
    c = dc.initialize_parameters_deep([3, 2, 1], rng=5)
    assert_array_equal(a["W1"], b["W1"])
    assert not np.array_equal(a["W1"], c["W1"])


def test_legacy_random_state_uses_randn_like_the_course():
    parameters = dc.initialize_parameters_deep([3, 2], rng=np.random.RandomState(1))
    assert_array_equal(parameters["W1"], np.random.RandomState(1).randn(2, 3) * 0.01)


def test_no_global_seed_is_touched():
    np.random.seed(123)
    expected = np.random.rand()
    np.random.seed(123)
    dc.initialize_parameters_deep([3, 2, 1], rng=0)
    assert np.random.rand() == expected


@pytest.mark.parametrize(
    ("layer_dims", "error", "pattern"),
    [
        ([5], ValueError, "at least two entries"),
        ([], ValueError, "at least two entries"),
        ([5, 0, 1], ValueError, r"layer_dims\[1\] must be an integer >= 1.*got 0"),
        ([5, -3, 1], ValueError, r"layer_dims\[1\] must be an integer >= 1.*got -3"),
        ([5, 2.5, 1], ValueError, r"layer_dims\[1\] must be an integer >= 1.*got 2.5"),
        (7, TypeError, "must be a list"),
    ],
)
def test_bad_layer_dims(layer_dims, error, pattern):
    with pytest.raises(error, match=pattern):
        dc.initialize_parameters_deep(layer_dims)


@pytest.mark.parametrize("scale", ["glorot", -0.1, 0])
def test_bad_scale(scale):
    with pytest.raises(ValueError, match="scale"):
        dc.initialize_parameters_deep([3, 2], scale=scale)


def test_bad_rng():
    with pytest.raises(TypeError, match="rng must be"):
        dc.initialize_parameters_deep([3, 2], rng="seed")


@pytest.mark.parametrize("scale", [float("inf"), float("nan"), -0.0])
def test_scale_must_be_finite_and_positive(scale):
    with pytest.raises(ValueError, match="scale must be a finite positive number"):
        dc.initialize_parameters_deep([3, 2], scale=scale)

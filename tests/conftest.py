"""Shared fixtures for the engine tests."""

import pytest
from networks import away_from_kink, make_network


@pytest.fixture
def network():
    """The lecture's 3-layer shape: X -> ReLU -> ReLU -> sigmoid, with 4 inputs, m = 6."""
    X, Y, parameters = make_network([4, 5, 3, 1], m=6, seed=3)
    assert away_from_kink(X, parameters)
    return X, Y, parameters

import numpy as np
import pytest
from networks import make_network

import dnn_course as dc


def test_exact_round_trip(tmp_path):
    _, _, parameters = make_network([4, 3, 1], seed=1)
    path = dc.save_parameters(parameters, tmp_path / "model.npz")
    loaded = dc.load_parameters(path)
    assert list(loaded) == list(parameters)
    for key in parameters:
        assert loaded[key].dtype == np.float64
        assert np.array_equal(loaded[key], parameters[key])  # bit for bit


def test_npz_suffix_is_added(tmp_path):
    _, _, parameters = make_network([2, 1], seed=1)
    path = dc.save_parameters(parameters, tmp_path / "model")
    assert path.name == "model.npz" and path.is_file()


def test_missing_file(tmp_path):
    with pytest.raises(FileNotFoundError, match="no parameter file at .*nothing.npz"):
        dc.load_parameters(tmp_path / "nothing.npz")


def test_corrupt_file(tmp_path):
    path = tmp_path / "broken.npz"
    path.write_bytes(b"PK\x03\x04 this is not really a zip archive")
    with pytest.raises(ValueError, match="not a valid .npz parameter file"):
        dc.load_parameters(path)


def test_single_npy_array_is_not_a_parameter_file(tmp_path):
    path = tmp_path / "W1.npy"
    np.save(path, np.ones((2, 2)))
    with pytest.raises(ValueError, match="single array"):
        dc.load_parameters(path)


class Marker:
    """Unpickling this object would create a file: the load must never get that far."""

    def __init__(self, path):
        self.path = path

    def __reduce__(self):
        return (open, (str(self.path), "w"))


def test_object_arrays_are_refused_and_never_unpickled(tmp_path):
    marker = tmp_path / "unpickled"
    path = tmp_path / "evil.npz"
    np.savez(path, W1=np.array([Marker(marker)], dtype=object), b1=np.zeros((1, 1)))
    with pytest.raises(ValueError, match="object arrays"):
        dc.load_parameters(path)
    assert not marker.exists()


def test_text_arrays_are_refused(tmp_path):
    path = tmp_path / "text.npz"
    np.savez(path, W1=np.array([["a"]]), b1=np.zeros((1, 1)))
    with pytest.raises(ValueError, match="W1 has dtype <U1, expected numbers"):
        dc.load_parameters(path)


def test_file_with_a_missing_layer_key(tmp_path):
    path = tmp_path / "partial.npz"
    np.savez(path, W1=np.ones((2, 2)), b1=np.zeros((2, 1)), W2=np.ones((1, 2)))
    with pytest.raises(KeyError, match="b2 is missing"):
        dc.load_parameters(path)


def test_a_text_file_named_npz_is_not_called_object_arrays(tmp_path):
    path = tmp_path / "notes.npz"
    path.write_text("hello")
    with pytest.raises(ValueError, match="is not a parameter file: a .npz file is a zip") as e:
        dc.load_parameters(path)
    assert "object arrays" not in str(e.value)


def test_npy_message_names_the_path_once(tmp_path):
    path = tmp_path / "W1.npy"
    np.save(path, np.ones((2, 2)))
    with pytest.raises(ValueError, match=r"holds a single array \(\.npy\)") as e:
        dc.load_parameters(path)
    assert str(e.value).count(str(path)) == 1


@pytest.mark.parametrize("extra", [{"name": "net"}, {"meta": {"lr": 0.1}}])
def test_save_refuses_keys_other_than_W_and_b(tmp_path, extra):
    _, _, parameters = make_network([2, 1], seed=1)
    with pytest.raises(ValueError, match=r"holds only W1, b1, \.\.\., W1, b1; parameters also has"):
        dc.save_parameters({**parameters, **extra}, tmp_path / "model")
    assert not (tmp_path / "model.npz").exists()


def test_save_never_pickles_a_non_numeric_value(tmp_path):
    _, _, parameters = make_network([2, 1], seed=1)
    with pytest.raises(TypeError, match="W1 must be a numpy array .* got dict"):
        dc.save_parameters({**parameters, "W1": {"weights": 1}}, tmp_path / "model")
    assert not (tmp_path / "model.npz").exists()

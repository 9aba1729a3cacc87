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


# --- faults: a failed save keeps the old file, a hostile file is refused before allocation ---

SAVE_IN_CHILD = """
import resource, signal, sys
import numpy as np
import dnn_course as dc
fault, path = sys.argv[1], sys.argv[2]
rng = np.random.default_rng(0)
parameters = {"W1": rng.standard_normal((200, 300)), "b1": np.ones((200, 1))}
if fault == "disk full":
    resource.setrlimit(resource.RLIMIT_FSIZE, (50_000, 50_000))
else:  # the process dies half way through writing the arrays
    write_array = np.lib.format.write_array
    def write_then_die(*args, **kwargs):
        write_array(*args, **kwargs)
        if fault == "killed":
            signal.raise_signal(signal.SIGKILL)
        raise KeyboardInterrupt
    np.lib.format.write_array = write_then_die
try:
    dc.save_parameters(parameters, path)
except OSError as error:
    print(error)
    sys.exit(3)
"""


def _old_file(tmp_path):
    _, _, parameters = make_network([3, 2, 1], seed=4)
    return parameters, dc.save_parameters(parameters, tmp_path / "model.npz")


@pytest.mark.parametrize("fault", ["disk full", "killed", "interrupted"])
def test_a_failed_save_leaves_the_old_file(tmp_path, fault):
    import subprocess
    import sys

    parameters, path = _old_file(tmp_path)
    child = subprocess.run([sys.executable, "-c", SAVE_IN_CHILD, fault, str(path)],
                           capture_output=True, text=True, timeout=60)
    assert child.returncode != 0, child.stdout + child.stderr
    loaded = dc.load_parameters(path)
    assert all(np.array_equal(loaded[key], parameters[key]) for key in parameters)
    if fault == "disk full":  # the save says why, and that the old file is still there
        assert child.returncode == 3
        assert "could not save parameters to" in child.stdout
        assert "File too large" in child.stdout and "unchanged" in child.stdout
    if fault != "killed":  # nothing half-written is left beside it
        assert sorted(p.name for p in tmp_path.iterdir()) == ["model.npz"]


def _zip_with(path, members, compresslevel=None):
    """A .npz whose members are {name: (header dict, data bytes or a zero count)}."""
    import zipfile

    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=compresslevel) as zf:
        for name, (header, data) in members.items():
            with zf.open(name, "w", force_zip64=True) as member:
                np.lib.format.write_array_header_1_0(member, header)
                if isinstance(data, int):
                    for _ in range(data // (1 << 24)):
                        member.write(bytes(1 << 24))
                else:
                    member.write(data)
    return path


def _f8(shape):
    return {"descr": "<f8", "fortran_order": False, "shape": shape}


def test_a_zip_bomb_is_refused_before_it_is_inflated(tmp_path):
    n = 6144  # W1 (6144, 6144) float64: 288 MiB of zeros in a file of about 1 MB
    path = _zip_with(tmp_path / "bomb.npz", {"W1.npy": (_f8((n, n)), n * n * 8),
                                               "b1.npy": (_f8((n, 1)), bytes(n * 8))}, 1)
    assert path.stat().st_size < 2_000_000
    with pytest.raises(ValueError, match=r"declares arrays of \d+ bytes in all, more than the "
                                         r"limit of 268435456 bytes"):
        dc.load_parameters(path)


def test_a_header_declaring_terabytes_is_refused(tmp_path):
    path = _zip_with(tmp_path / "liar.npz", {"W1.npy": (_f8((1 << 20, 1 << 20)), b"\0" * 64),
                                             "b1.npy": (_f8((1 << 20, 1)), b"\0" * 64)})
    assert path.stat().st_size < 1000
    with pytest.raises(ValueError, match=r"W1.npy' declares shape \(1048576, 1048576\) "
                                         r"\(8796093022208 bytes of float64\) but holds 64 bytes"):
        dc.load_parameters(path)


@pytest.mark.parametrize("arrays, message", [
    ({"W1": np.ones((2, 3, 1)), "b1": np.ones((2, 1))},
     r"W1 has shape \(2, 3, 1\) but .*W1 must be \(n\[1\], n\[0\]\)"),
    ({"W1": np.ones((2, 3)), "b1": np.ones((2, 1)), "W2": np.ones((1, 4)), "b2": np.ones((1, 1))},
     r"W2 has shape \(1, 4\) but layer 1 has n\[1\] = 2 units: W2 must be \(n\[2\], n\[1\]\)"),
    ({"W1": np.ones((2, 3)), "b1": np.ones((3, 1))}, r"b1 has shape \(3, 1\) but W1 has 2 rows"),
    ({"W1": np.ones((2, 3)), "b1": np.ones(2)}, r"b1 has shape \(2,\) but W1 has 2 rows"),
    ({"W1": np.ones((2, 3)), "b1": np.ones((2, 1)), "costs": np.ones(3)},
     r"member 'costs.npy' is not W<l>.npy or b<l>.npy"),
    ({"W1": np.ones((2, 3)), "b1": np.ones((2, 1)) + 1j}, r"b1 has dtype complex128, expected"),
    ({"W1": np.ones((0, 3)), "b1": np.ones((0, 1))}, r"W1 has shape \(0, 3\) but .*W1 must be"),
])
def test_members_that_are_not_a_network_are_named(tmp_path, arrays, message):
    path = tmp_path / "odd.npz"
    np.savez(path, **arrays)
    with pytest.raises(ValueError, match=message):
        dc.load_parameters(path)


def test_a_member_that_is_not_an_array_is_named(tmp_path):
    import zipfile

    path = tmp_path / "odd.npz"
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr("W1.npy", b"just text")
        zf.writestr("b1.npy", b"just text")
    with pytest.raises(ValueError, match=r"member 'W1.npy' is not a .npy array"):
        dc.load_parameters(path)


def test_load_adds_npz_like_save(tmp_path):
    _, _, parameters = make_network([2, 1], seed=1)
    dc.save_parameters(parameters, tmp_path / "my_model")
    loaded = dc.load_parameters(tmp_path / "my_model")
    assert np.array_equal(loaded["W1"], parameters["W1"])


def test_a_directory_fifo_or_device_is_named(tmp_path):
    import os

    (tmp_path / "folder.npz").mkdir()
    os.mkfifo(tmp_path / "pipe.npz")
    for name, kind in [("folder.npz", "a directory"), ("pipe.npz", r"a named pipe \(FIFO\)"),
                       ("/dev/null", "a device")]:
        with pytest.raises(ValueError, match=f"is {kind}, not a parameter file"):
            dc.load_parameters(tmp_path / name)
    with pytest.raises(IsADirectoryError, match="folder.npz: it is a directory"):
        dc.save_parameters(make_network([2, 1])[2], tmp_path / "folder.npz")


def test_a_save_keeps_the_old_files_permissions_and_a_symlink(tmp_path):
    import os

    _, _, parameters = make_network([2, 1], seed=1)
    real = dc.save_parameters(parameters, tmp_path / "real.npz")
    os.chmod(real, 0o600)
    (tmp_path / "link.npz").symlink_to(real)
    dc.save_parameters({**parameters, "b1": parameters["b1"] + 1}, tmp_path / "link.npz")
    assert (tmp_path / "link.npz").is_symlink() and real.stat().st_mode & 0o777 == 0o600
    assert np.array_equal(dc.load_parameters(real)["b1"], parameters["b1"] + 1)


@pytest.mark.parametrize("path", [None, "", 3])
def test_a_path_that_names_no_file_is_refused(tmp_path, path):
    _, _, parameters = make_network([2, 1], seed=1)
    for call in (lambda: dc.save_parameters(parameters, path), lambda: dc.load_parameters(path)):
        with pytest.raises(TypeError, match="path must name a file"):
            call()


def test_save_refuses_what_load_would_refuse(tmp_path, monkeypatch):
    import dnn_course.io

    _, _, parameters = make_network([3, 2, 1], seed=1)
    total = sum(value.nbytes for value in parameters.values())
    monkeypatch.setattr(dnn_course.io, "MAX_BYTES", total - 1)
    with pytest.raises(ValueError, match=f"parameters hold {total} bytes, more than the "
                                         f"{total - 1} bytes load_parameters reads"):
        dc.save_parameters(parameters, tmp_path / "model")
    assert list(tmp_path.iterdir()) == []


def test_a_zip_directory_of_many_members_is_refused_before_it_is_parsed(tmp_path, monkeypatch):
    import zipfile

    path = tmp_path / "many.npz"
    with zipfile.ZipFile(path, "w") as zf:
        for l in range(1, 2501):
            zf.writestr(f"W{l}.npy", b"")
            zf.writestr(f"b{l}.npy", b"")
    monkeypatch.setattr(zipfile, "ZipFile", None)  # parsing the directory would fail here
    with pytest.raises(ValueError, match=r"many.npz is not a valid .npz parameter file: its "
                                         r"zip directory lists 5000 members in \d+ bytes; a "
                                         r"parameter file holds W1, b1, ..., WL, bL, at most "
                                         r"2000 arrays"):
        dc.load_parameters(path)


def test_a_file_swapped_for_a_named_pipe_after_a_check_is_refused_without_blocking(
        tmp_path, monkeypatch):
    import concurrent.futures
    import os
    import pathlib

    pipe, regular = tmp_path / "model.npz", tmp_path / "saved.npz"
    os.mkfifo(pipe)
    dc.save_parameters(make_network([2, 1], seed=1)[2], regular)
    real_stat = pathlib.Path.stat  # any check by name sees the file as it was before the swap
    monkeypatch.setattr(pathlib.Path, "stat",
                        lambda self, **kw: real_stat(regular if self == pipe else self, **kw))
    with concurrent.futures.ThreadPoolExecutor(1) as pool:
        loading = pool.submit(dc.load_parameters, pipe)
        try:
            with pytest.raises(ValueError, match=r"is a named pipe \(FIFO\), not a parameter"):
                loading.result(timeout=30)
        finally:
            if not loading.done():  # blocked opening the pipe: a writer lets it go
                os.close(os.open(pipe, os.O_WRONLY))


def test_a_layer_number_too_long_for_python_is_named_in_the_lecture_terms(tmp_path):
    path = tmp_path / "long.npz"
    np.savez(path, **{"W" + "1" * 5000: np.ones((1, 2)), "b1": np.ones((1, 1))})
    with pytest.raises(ValueError, match=r"W1+…: a layer number l of 5000 "
                                         r"digits; the keys are W1, b1, ..., WL, bL"):
        dc.load_parameters(path)


def test_a_killed_saves_partial_file_is_removed_by_the_next_save_there(tmp_path):
    import os
    import signal
    import subprocess
    import sys
    import time

    from dnn_course.io import ORPHAN_SECONDS

    path = tmp_path / "model.npz"
    _, _, parameters = make_network([2, 3, 1], seed=1)
    dc.save_parameters(parameters, path)
    writer = subprocess.Popen([sys.executable, "-c", (  # killed between its write and rename
        "import os, signal, sys, dnn_course as dc\n"
        "os.replace = lambda *a: os.kill(os.getpid(), signal.SIGKILL)\n"
        "dc.save_parameters(dc.initialize_parameters_deep([2, 3, 1], rng=0), sys.argv[1])"),
        str(path)])
    assert writer.wait(timeout=60) == -signal.SIGKILL
    orphans = list(tmp_path.glob(".model.npz.*.partial"))
    assert len(orphans) == 1
    old = time.time() - ORPHAN_SECONDS - 1
    os.utime(orphans[0], (old, old))
    busy = tmp_path / ".model.npz.0123abcd.partial"  # a save still writing holds its lock
    with open(busy, "wb") as held:
        import fcntl

        fcntl.flock(held.fileno(), fcntl.LOCK_EX)
        os.utime(busy, (old, old))
        dc.save_parameters(parameters, path)
        assert sorted(tmp_path.iterdir()) == [busy, path]
    assert np.array_equal(dc.load_parameters(path)["W2"], parameters["W2"])

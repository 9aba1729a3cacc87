"""The grading sandbox: one student function run in a fresh Python, away from the grader.

    python -I -B dnn_course/check/sandbox.py < job.json    (started by isolated.py, never by hand)

Run as a file, not imported through the package: the package's implementations of the
exercises never load here. The job (JSON on stdin) holds the student's cells, the case
inputs and the reference versions of the earlier exercise functions (the course's own
solutions). The sandbox

- limits itself (CPU seconds, memory, file size) before any student code runs; the grader
  kills its whole process group at the wall-clock limit, whatever the code does;
- offers ``dnn_course`` as a stand-in: the helpers the exercise hands out and the earlier
  exercise functions work, every other name is a tripwire that records "called the package's
  own <name>" and raises;
- refuses, through an audit hook (which Python code cannot remove), to open the package's
  files or the course's, to write files, to start processes or threads, to load C code
  (ctypes), to open sockets, to signal other processes or to change the profiler;
- watches every Python call (``sys.setprofile``) for code equal to the package's own
  implementations (same bytecode, constants and names): an executed copy of its source;
- calls the graded function on each case and writes back what it returned, the inputs as
  they were after the call, what was raised and where, as JSON with arrays as ``.npy``
  bytes (never pickle). The comparison with the expected outputs happens in the grader,
  which the sandbox never sees.

Everything in this file before ``main`` is plain data handling that the grader imports too
(``encode`` and ``decode``), so both sides read the same format.
"""

import base64
import collections
import io
import json
import keyword
import sys

import numpy as np

NUMBERS = "biufc"  # array kinds sent as numbers; anything else is described, not sent
DEPTH = 32


class Opaque:
    """What the student returned when it is not data the check can compare: shown by type."""

    def __init__(self, type_name):
        self.type_name = type_name

    def __repr__(self):
        return f"<a {self.type_name} object>"


def _identifier(name):
    return type(name) is str and name.isidentifier() and not keyword.iskeyword(name)


def encode(value, arrays, depth=0):
    """``value`` as JSON-able data; arrays go to ``arrays`` (a list of plain ndarrays).

    Exact types only: a subclass of ndarray, float, int, str, tuple, list or dict is sent as
    the plain value it holds (its overridden methods are never called), so what it claims in
    ``__eq__`` or ``__array_function__`` cannot reach the comparison."""
    if depth > DEPTH:
        return {"opaque": "deeply nested value"}
    kind = type(value)
    if value is None or kind in (bool, int, str):
        return value
    if kind is float:
        return {"float": float.__repr__(value)}
    if isinstance(value, np.ndarray | np.generic):
        plain = np.array(np.ndarray.view(np.asarray(value) if kind.__module__ == "numpy"
                                         else value, np.ndarray), copy=True)
        if plain.dtype.kind not in NUMBERS:
            return {"opaque": f"array of {plain.dtype}"}
        arrays.append(plain)
        return {"array": len(arrays) - 1, "scalar": isinstance(value, np.generic)}
    if isinstance(value, float):
        return {"float": float.__repr__(value)}
    if isinstance(value, int):
        return int(int.__repr__(value))
    if isinstance(value, str):
        return str.__str__(value)
    if isinstance(value, tuple):
        items = [encode(tuple.__getitem__(value, i), arrays, depth + 1)
                 for i in range(tuple.__len__(value))]
        fields = getattr(kind, "_fields", None)
        if (type(fields) is tuple and len(fields) == len(items) and all(map(_identifier, fields))
                and _identifier(kind.__name__)):
            return {"namedtuple": kind.__name__, "fields": list(fields), "items": items}
        return {"tuple": items}
    if isinstance(value, list):
        return {"list": [encode(list.__getitem__(value, i), arrays, depth + 1)
                         for i in range(list.__len__(value))]}
    if isinstance(value, dict):
        return {"dict": [[encode(k, arrays, depth + 1), encode(v, arrays, depth + 1)]
                         for k, v in dict.items(value)]}
    return {"opaque": kind.__name__}


def decode(data, arrays, depth=0):
    """The value ``encode`` described, built from plain types only."""
    if depth > DEPTH:
        raise ValueError("too deeply nested")
    if data is None or type(data) in (bool, int, str):
        return data
    if type(data) is not dict or len(data) == 0:
        raise ValueError("not an encoded value")
    if "float" in data:
        return float(data["float"])
    if "array" in data:
        array = arrays[int(data["array"])]
        return array[()] if data.get("scalar") else array
    if "tuple" in data:
        return tuple(decode(item, arrays, depth + 1) for item in data["tuple"])
    if "namedtuple" in data:
        fields = [f for f in data["fields"] if _identifier(f)]
        name = data["namedtuple"] if _identifier(data["namedtuple"]) else "Tuple"
        items = [decode(item, arrays, depth + 1) for item in data["items"]]
        if len(fields) != len(items):
            return tuple(items)
        return collections.namedtuple(name, fields)(*items)
    if "list" in data:
        return [decode(item, arrays, depth + 1) for item in data["list"]]
    if "dict" in data:
        return {decode(k, arrays, depth + 1): decode(v, arrays, depth + 1)
                for k, v in data["dict"]}
    return Opaque(str(data.get("opaque", "unknown")))


def pack(value):
    """``value`` as a JSON-able document: its structure and its arrays as .npy bytes."""
    arrays = []
    tree = encode(value, arrays)
    blobs = []
    for array in arrays:
        buffer = io.BytesIO()
        np.save(buffer, array, allow_pickle=False)
        blobs.append(base64.b64encode(buffer.getvalue()).decode("ascii"))
    return {"tree": tree, "arrays": blobs}


def unpack(document):
    """The value ``pack`` wrote (arrays read with allow_pickle=False)."""
    arrays = [np.load(io.BytesIO(base64.b64decode(blob)), allow_pickle=False)
              for blob in document["arrays"]]
    return decode(document["tree"], arrays)


def fingerprint(code):
    """A digest of what a code object does: its bytecode, constants (nested code by its own
    fingerprint), global and local names and arguments. Line numbers, the file and the
    function's own name are left out: a copy executed elsewhere has the same fingerprint."""
    import hashlib

    consts = []
    for const in code.co_consts:
        if type(const) is type(code):
            consts.append(fingerprint(const))
        elif type(const) is frozenset:
            consts.append(repr(sorted(map(repr, const))))
        else:
            consts.append(repr(const))
    parts = (code.co_code, repr(consts), repr(code.co_names), repr(code.co_varnames),
             code.co_argcount, code.co_kwonlyargcount)
    return hashlib.sha256(repr(parts).encode()).hexdigest()


# ---- the sandbox itself (run as a program) ------------------------------------------------
def _limit(seconds, memory, file_bytes):
    import resource

    for limit, value in ((resource.RLIMIT_CPU, seconds), (resource.RLIMIT_AS, memory),
                         (resource.RLIMIT_FSIZE, file_bytes), (resource.RLIMIT_CORE, 0)):
        resource.setrlimit(limit, (value, value))


def _denied_inodes(paths):
    """(device, inode) of every file and folder under ``paths``: what student code may not open."""
    import os

    found = set()
    for top in paths:
        for folder, folders, files in os.walk(top):
            folders[:] = [f for f in folders if not os.path.exists(os.path.join(folder, f,
                                                                              "pyvenv.cfg"))]
            for name in [".", *files]:
                try:
                    st = os.stat(os.path.join(folder, name))
                except OSError:
                    continue
                found.add((st.st_dev, st.st_ino))
    return frozenset(found)


def _audit_hook(denied, proc_device):
    """An audit hook refusing what a graded function has no reason to do (see the module doc)."""
    import os
    import pathlib

    stat, write_flags = os.stat, os.O_WRONLY | os.O_RDWR | os.O_CREAT | os.O_TRUNC | os.O_APPEND
    refused = ("subprocess.", "os.system", "os.exec", "os.posix_spawn", "os.spawn", "os.fork",
               "os.forkpty", "pty.", "ctypes.", "socket.", "os.kill", "os.killpg",
               "signal.pthread_kill", "gc.get_", "sys.setprofile", "sys.settrace",
               "os.truncate", "os.remove", "os.rename", "os.rmdir", "os.unlink", "os.link",
               "os.symlink", "os.chmod", "os.chown", "os.mkdir", "os.utime", "shutil.",
               "fcntl.", "mmap.", "sys.monitoring", "os.setuid", "os.chdir", "os.chroot",
               "resource.setrlimit", "os.putenv", "os.unsetenv")
    path_types = (str, bytes, pathlib.PosixPath, pathlib.PurePosixPath)

    def hook(event, args, _refused=refused, _stat=stat):
        if event.startswith(_refused):
            raise PermissionError(f"{event} is not allowed while grading")
        if event != "open":
            return
        path, mode, flags = args
        if type(path) is int:
            return
        if type(path) not in path_types:
            raise PermissionError("open: a path of an unknown type")
        writes = (type(mode) is str and any(c in mode for c in "wax+")) or (
            type(flags) is int and flags & write_flags)
        if writes:
            raise PermissionError("writing files is not allowed while grading")
        text = str.__str__(path) if type(path) is str else bytes(path) \
            if type(path) is bytes else str(path)
        if not (text[:1] if type(text) is str else text[:1].decode()) == "/":
            raise PermissionError("open: only absolute paths while grading")
        try:
            st = _stat(text)
        except OSError:
            return
        if (st.st_dev, st.st_ino) in denied or st.st_dev == proc_device:
            raise PermissionError("reading this file is not allowed while grading")

    return hook


def _tripwire(name, hits):
    def tripwire(*args, **kwargs):
        hits.append(name)
        raise RuntimeError(f"dnn_course.{name} is not available while grading: "
                           "write the equations yourself")

    tripwire.__name__ = name.rsplit(".", 1)[-1]
    return tripwire


def _stand_in(job, hits):
    """``dnn_course`` and its submodules as the student's code sees them while graded."""
    import importlib.abc
    import importlib.util
    import types

    stub = types.ModuleType("dnn_course")
    stub.__path__ = [job["package"]]  # for the helpers' own modules, just below
    sys.modules["dnn_course"] = stub
    import dnn_course.activations as activations  # noqa: F401 -- the helpers, and only them

    stub.__path__ = []
    allowed = {name: getattr(activations, name) for name in job["helpers"]}
    allowed["check"] = types.SimpleNamespace(
        **{name: (lambda *a, **k: None) for name in job["check_names"]})

    def attribute(name, prefix="dnn_course"):
        if prefix == "dnn_course" and name in allowed:
            return allowed[name]
        if name in job["submodules"] and prefix == "dnn_course":
            return sys.modules.setdefault(f"dnn_course.{name}", submodule(f"dnn_course.{name}"))
        if name.startswith("__"):
            raise AttributeError(name)
        return _tripwire(f"{prefix.removeprefix('dnn_course').lstrip('.')}.{name}".lstrip("."),
                         hits)

    def submodule(full):
        module = types.ModuleType(full)
        module.__getattr__ = lambda name: attribute(name, full)
        return module

    stub.__getattr__ = attribute
    for full in list(sys.modules):
        if full.startswith("dnn_course."):
            del sys.modules[full]

    class Finder(importlib.abc.MetaPathFinder, importlib.abc.Loader):
        def find_spec(self, full, path=None, target=None):
            if full.startswith("dnn_course."):
                return importlib.util.spec_from_loader(full, self)
            return None

        def create_module(self, spec):
            return submodule(spec.name)

        def exec_module(self, module):
            pass

    sys.meta_path.insert(0, Finder())
    return allowed


def _profiler(forbidden, names, hits):
    sizes = frozenset(size for size, _ in forbidden)
    digests = frozenset(digest for _, digest in forbidden)

    def profile(frame, event, arg, _sizes=sizes, _digests=digests):
        if event == "call":
            code = frame.f_code
            if len(code.co_code) in _sizes and fingerprint(code) in _digests:
                hits.append(names.get(fingerprint(code), code.co_name))

    return profile


def _where(exc, filenames):
    """(function name, file, line number) of the deepest frame in a student's cell, or None."""
    tb, found = exc.__traceback__, None
    while tb is not None:
        if tb.tb_frame.f_code.co_filename in filenames:
            found = (tb.tb_frame.f_code.co_name, tb.tb_frame.f_code.co_filename, tb.tb_lineno)
        tb = tb.tb_next
    return found


def _call(function, args, state, filenames):
    """One case: what happened, as JSON-able data."""
    import warnings

    np.random.set_state(state)
    out = io.StringIO()
    saved = sys.stdout, sys.stderr
    sys.stdout = sys.stderr = out
    try:
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            returned = function(*args)
        outcome = {"returned": pack(returned)}
    except BaseException as exc:  # noqa: BLE001 -- the student's bug, reported to the grader
        outcome = {"raised": type(exc).__name__, "message": str.__str__(str(exc))[:500],
                   "builtin": type(exc).__module__ == "builtins", "where": _where(exc, filenames)}
        caught = []
    finally:
        sys.stdout, sys.stderr = saved
    outcome["after"] = pack(list(args))
    outcome["printed"] = (out.getvalue().splitlines()[:20]
                          + [f"{w.category.__name__}: {w.message}" for w in caught][:20])
    return outcome


def main():
    import os

    job = json.loads(sys.stdin.read())
    _limit(job["cpu_seconds"], job["memory"], job["result_bytes"])
    result = os.open(job["result"], os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    hits = []
    allowed = _stand_in(job, hits)
    references = {"np": np, **allowed}  # the course's solutions of the earlier functions
    for source in job["references"]:
        exec(compile(source, "<reference>", "exec"), references)
    earlier = {name: references[name] for name in job["earlier"] if name in references}
    allowed.update(earlier)
    cases, states = unpack(job["cases"]), unpack(job["states"])
    hook = _audit_hook(_denied_inodes(job["denied"]), os.stat("/proc").st_dev)
    sys.setprofile(_profiler([tuple(f) for f in job["forbidden"]], job["forbidden_names"], hits))
    sys.addaudithook(hook)  # from here on, for good
    del sys.getprofile
    import _thread
    import threading

    def no_threads(*args, **kwargs):
        raise PermissionError("starting threads is not allowed while grading")

    _thread.start_new_thread = threading._start_new_thread = no_threads
    namespace = {"__name__": "__main__", "display": print}
    exec(compile(job["setup"], "<setup>", "exec"), namespace)  # the notebook's imports
    filenames, cells = set(), []
    for index, source in enumerate(job["cells"]):
        filename = f"<cell {index + 1}>"
        filenames.add(filename)
        try:
            exec(compile(source, filename, "exec"), namespace)
            cells.append(None)
        except BaseException as exc:  # noqa: BLE001 -- a cell that fails is reported
            cells.append(f"{type(exc).__name__}: {str.__str__(str(exc))[:300]}")
    function = namespace.get(job["name"])
    namespace.update(earlier)  # graded with the reference versions of earlier functions
    outcomes = []
    if callable(function):
        for args, state in zip(cases, states, strict=True):
            outcomes.append(_call(function, args, state, filenames))
    used = sorted(set(getattr(getattr(function, "__code__", None), "co_names", ()))
                  & set(job["earlier"]))
    document = json.dumps({"defined": callable(function), "cells": cells, "outcomes": outcomes,
                           "hits": list(dict.fromkeys(hits)), "callees": used})
    with os.fdopen(result, "w") as out:
        out.write(document)
    os._exit(0)


if __name__ == "__main__":
    main()

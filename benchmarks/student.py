"""What one student costs: run the notebooks as a student would and measure the kernel.

    python -m benchmarks.student [--exercises] [--node-gib 64] [--node-cores 16]

Every walkthrough notebook (notebooks/0*.ipynb, in order) runs top to bottom in its own
fresh kernel, in a temporary copy of notebooks/ (the committed ones are never touched),
with MPLBACKEND=Agg. Wall time runs from starting the kernel to the end of the last cell;
then, before the kernel shuts down, we read from /proc/<kernel pid> its CPU time (user +
sys, all threads) and its peak resident memory (VmHWM). Also measured: a per-user
`jupyter lab` server (VmRSS after it has served a page). From these: the students one
JupyterHub node can hold. What Play in the explorer costs needs a browser, which draws its
views: ``python -m benchmarks.classroom`` measures it.
"""

import argparse
import math
import os
import secrets
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
from tests.support.jupyter_sandbox import isolate  # noqa: E402
from tests.support.notebook_runner import run_notebook  # noqa: E402

isolate()  # Jupyter/IPython/matplotlib state in a throw-away folder, Agg backend

CLOCK_TICKS = os.sysconf("SC_CLK_TCK")  # the unit of the times in /proc/<pid>/stat


def cpu_seconds(pid):
    """user + sys time of a process: fields 14 and 15 of /proc/<pid>/stat (after the name)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / CLOCK_TICKS


def memory_mib(pid, key):
    """A memory line of /proc/<pid>/status (VmHWM = peak resident, VmRSS = resident now)."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith(key + ":"):
            return int(line.split()[1]) / 1024  # the file counts kB
    raise KeyError(key)


def measure_notebook(path):
    """Execute one notebook in a fresh kernel; return (wall s, kernel CPU s, peak kernel MiB)."""
    start = time.perf_counter()

    def measure(pid):  # after the last cell, before the kernel shuts down
        return time.perf_counter() - start, cpu_seconds(pid), memory_mib(pid, "VmHWM")

    return run_notebook(path, path.parent, measure=measure)[1]


def lab_server_mib(folder):
    """Resident memory of a `jupyter lab` server that has started and served /lab once."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    token = secrets.token_hex(16)
    cmd = [sys.executable, "-m", "jupyterlab", "--no-browser", "--ip=127.0.0.1",
           f"--port={port}", "--ServerApp.port_retries=0", f"--IdentityProvider.token={token}",
           f"--ServerApp.root_dir={folder}"]
    if os.geteuid() == 0:
        cmd.append("--allow-root")
    server = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        deadline = time.time() + 120
        while True:
            try:
                urllib.request.urlopen(f"http://127.0.0.1:{port}/lab?token={token}", timeout=5)
                break
            except OSError:
                if server.poll() is not None or time.time() > deadline:
                    raise RuntimeError("jupyter lab did not start") from None
                time.sleep(0.5)
        return memory_mib(server.pid, "VmRSS")
    finally:
        server.terminate()
        server.wait(30)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--exercises", action="store_true",
                        help="also run the (unfilled) exercise notebooks")
    parser.add_argument("--node-gib", type=float, default=64, help="node memory (GiB)")
    parser.add_argument("--node-cores", type=int, default=16, help="node cores")
    parser.add_argument("--reserve-gib", type=float, default=4,
                        help="memory kept for the OS, JupyterHub and its proxy (GiB)")
    parser.add_argument("--within", type=float, default=30,
                        help="seconds in which a class-wide Run All should finish")
    args = parser.parse_args()
    load = Path("/proc/loadavg").read_text().split()[0]

    with tempfile.TemporaryDirectory() as tmp:
        copy = Path(tmp) / "notebooks"
        shutil.copytree(REPO / "notebooks", copy, ignore=shutil.ignore_patterns(".ipynb_*"))
        paths = sorted(copy.glob("0*.ipynb"))
        if args.exercises:
            paths += sorted((copy / "exercises").glob("*.ipynb"))
        rows = {p.relative_to(copy).as_posix(): measure_notebook(p) for p in paths}
        server = lab_server_mib(copy)

    print(f"Measured on {os.cpu_count()} cores, load average {load} at the start.\n")
    print("| notebook | wall s | CPU s | peak kernel MiB |\n|---|---:|---:|---:|")
    for name, (wall, cpu, peak) in rows.items():
        print(f"| {name} | {wall:.1f} | {cpu:.1f} | {peak:.0f} |")
    walls, cpus, peaks = zip(*rows.values(), strict=True)
    print(f"| **total / max** | {sum(walls):.1f} | {sum(cpus):.1f} | {max(peaks):.0f} (max) |")
    print(f"\njupyter lab server after serving /lab: {server:.0f} MiB resident")

    usable = (args.node_gib - args.reserve_gib) * 1024  # MiB
    one_kernel, all_kernels = max(peaks) + server, sum(peaks) + server
    heaviest = max(rows, key=lambda name: rows[name][1])
    heavy_cpu = rows[heaviest][1]
    run_all = math.floor(args.node_cores * args.within / heavy_cpu)
    print(f"""
## One node: {args.node_gib:g} GiB, {args.node_cores} cores

Memory: {args.node_gib:g} GiB - {args.reserve_gib:g} GiB for the OS and the hub = {usable:.0f} MiB.
- one kernel at a time (a student shuts a notebook down before opening the next):
  {usable:.0f} / ({max(peaks):.0f} + {server:.0f}) = **{math.floor(usable / one_kernel)} students**
- every notebook's kernel above left running:
  {usable:.0f} / ({sum(peaks):.0f} + {server:.0f}) = **{math.floor(usable / all_kernels)} students**

CPU: a student who reads uses none; kernels that run at the same moment share the cores.
- all press Run All on the heaviest notebook ({heaviest}, {heavy_cpu:.1f} CPU s) at once:
  {args.node_cores} cores x {args.within:g} s / {heavy_cpu:.1f} s = **{run_all} students** finish \
within {args.within:g} s
- all press Play in the explorer at once: python -m benchmarks.classroom (a real browser)""")


if __name__ == "__main__":
    main()

"""What one student pressing Play costs the server, measured with a real browser.

    python -m benchmarks.classroom [--seconds 20] [--servers demo,lab] [--before REV]
    make bench BENCH_ARGS="--parts classroom --before REV"     # the same, in the report

Each server starts the way the README tells a user to (``make demo``, ``make lab``, on a
free port) and Chromium (1280x800) opens the URL that command prints; in JupyterLab it
opens the explorer notebook there and runs all its cells. Then, from /proc, the CPU time
(user + sys) of the server and of its kernel over three windows: the explorer open and
idle, Play pressed (``--seconds``), and the page closed while Play was on; and their
resident memory. In the page, the updates a student sees: the decision boundary's redraws
and the iteration counter's changes, per second. ``--before REV`` measures git revision
REV the same way (its own Makefile and notebook, this environment), side by side.
"""

import argparse
import contextlib
import json
import os
import re
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

from tests.support import chromium
from tests.support.jupyter_sandbox import sandbox_env

ROOT = Path(__file__).resolve().parent.parent
CLOCK_TICKS = os.sysconf("SC_CLK_TCK")
LAB_SETTINGS = {  # no news toast; no autosave (it would write into the notebooks)
    "@jupyterlab/apputils-extension/notification.jupyterlab-settings":
        {"fetchNews": "false", "checkForUpdates": False},
    "@jupyterlab/docmanager-extension/plugin.jupyterlab-settings": {"autosave": False},
}
# Counted in the page: redraws of the boundary (a canvas drawImage or putImageData inside
# .dnn-boundary, or a new <img> source there) and changes of the iteration counter.
COUNTERS = """
window.__draws = 0;
for (const name of ["drawImage", "putImageData"]) {
  const original = CanvasRenderingContext2D.prototype[name];
  CanvasRenderingContext2D.prototype[name] = function (...args) {
    if (this.canvas.closest && this.canvas.closest(".dnn-boundary")) window.__draws++;
    return original.apply(this, args);
  };
}
"""
WATCH = """() => {
  window.__texts = 0;
  const watch = (selector, count) => new MutationObserver(count).observe(
    document.querySelector(selector),
    {subtree: true, childList: true, characterData: true, attributes: true,
     attributeFilter: ["src"]});
  watch(".dnn-iteration", () => window.__texts++);
  watch(".dnn-boundary", (records) => {
    window.__draws += records.filter((r) => r.attributeName === "src").length;
  });
}"""


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def descendants(root):
    """{pid: "kernel" or "server"} of every process started by ``root`` (make), at any depth.

    Jupyter starts each kernel in a session of its own, so parent links are followed.
    """
    parents, commands = {}, {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        with contextlib.suppress(OSError, IndexError):
            pid = int(stat.parent.name)
            parents[pid] = int(stat.read_text().rsplit(")", 1)[1].split()[1])
            commands[pid] = (stat.parent / "cmdline").read_bytes().replace(b"\0", b" ").decode()
    found, frontier = {}, [root]
    while frontier:
        parent = frontier.pop()
        for pid, ppid in parents.items():
            if ppid == parent and pid not in found:
                found[pid] = "kernel" if "ipykernel" in commands[pid] else "server"
                frontier.append(pid)
    return found


def cpu_seconds(pid):
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / CLOCK_TICKS


def memory_mib(pid, key="VmRSS"):
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith(key + ":"):
            return int(line.split()[1]) / 1024
    return 0.0


def cpu_by_kind(root):
    totals = {"server": 0.0, "kernel": 0.0}
    for pid, kind in descendants(root).items():
        with contextlib.suppress(OSError):
            totals[kind] += cpu_seconds(pid)
    return totals


def measure(root, seconds):
    """Cores used by the server and by the kernels over ``seconds`` of wall time."""
    before, start = cpu_by_kind(root), time.perf_counter()
    time.sleep(seconds)
    after, wall = cpu_by_kind(root), time.perf_counter() - start
    return {kind: (after[kind] - before[kind]) / wall for kind in before}


def memory(root):
    """Resident MiB of the server and of its kernels, and how many kernels run."""
    totals = {"server": 0.0, "kernel": 0.0, "kernels": 0}
    for pid, kind in descendants(root).items():
        with contextlib.suppress(OSError):
            totals[kind] += memory_mib(pid)
            totals["kernels"] += kind == "kernel"
    return totals


def start(repo, target, home, extra_env):
    """``make <target>`` in ``repo``; returns the process and the URL it prints."""
    port, token = free_port(), secrets.token_hex(16)
    env = sandbox_env(home, dict(os.environ, **extra_env))
    env.pop("MPLBACKEND")  # the kernels choose their own backend, as for a user
    for relative, values in LAB_SETTINGS.items():
        path = Path(env["JUPYTERLAB_SETTINGS_DIR"]) / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(values))
    process = subprocess.Popen(
        ["make", "--no-print-directory", target, f"PORT={port}", f"TOKEN={token}"],
        cwd=repo, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
        start_new_session=True,
    )
    for line in process.stdout:
        found = re.search(r"http://127\.0\.0\.1:\d+/\S*", line)
        if found:
            break
    else:
        raise RuntimeError(f"make {target} printed no URL")
    drain(process)
    return process, found.group()


def drain(process):
    """Keep reading the server's output so that it never blocks on a full pipe."""
    threading.Thread(target=lambda: [None for _ in process.stdout], daemon=True).start()


def stop(process):
    """Stop the server's process group; then any kernel it left (kernels run in their own)."""
    started = descendants(process.pid)
    with contextlib.suppress(ProcessLookupError):
        os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(20)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
    time.sleep(1)
    for pid in started:
        with contextlib.suppress(ProcessLookupError):
            os.kill(pid, signal.SIGKILL)


def open_explorer(page, target, url):
    """Open the printed URL; in JupyterLab, the explorer notebook, all cells run."""
    if target == "lab":
        base, token = url.split("/lab")[0], url.split("token=")[1]
        workspace = f"bench-{secrets.token_hex(4)}"
        url = f"{base}/lab/workspaces/{workspace}/tree/05_explorer.ipynb?token={token}"
    deadline = time.time() + 120
    while True:  # until the server listens; each Voila page that loads starts a kernel
        try:
            page.goto(url, wait_until="commit", timeout=180_000)
            break
        except Exception as error:
            if "interrupted by another navigation" in str(error):
                break  # JupyterLab moved on to the same notebook's URL itself
            if "ERR_CONNECTION_REFUSED" not in str(error) or time.time() > deadline:
                raise
            time.sleep(1)
    if target == "lab":
        page.locator("#jp-main-statusbar").get_by_text(re.compile(r"\| Idle")).wait_for(
            timeout=120_000)
        page.locator(".lm-MenuBar-itemLabel", has_text=re.compile(r"^Run$")).click()
        page.locator(".lm-Menu-itemLabel", has_text=re.compile(r"^Run All Cells$")).click()
    page.locator(".dnn-explorer .dnn-play").wait_for(timeout=180_000)
    page.locator(".dnn-boundary img, .dnn-boundary canvas").first.wait_for(timeout=60_000)
    deadline = time.time() + 180
    while target == "lab" and time.time() < deadline:  # until the last cell has run
        prompts = page.locator(".jp-CodeCell .jp-InputArea-prompt").all_inner_texts()
        if prompts and all(re.fullmatch(r"\[\d+\]:?", p.strip()) for p in prompts):
            break
        page.wait_for_timeout(500)
    page.wait_for_timeout(3000)  # let the first frames settle


def iteration(page):
    found = re.search(r"iteration (\d+)", page.locator(".dnn-iteration").first.inner_text())
    return int(found.group(1)) if found else 0


def run_one(browser, repo, target, seconds, idle, extra_env, shots, tag):
    """One server: idle, playing and closed-page costs, memory and what the page showed."""
    notebook = repo / "notebooks" / "05_explorer.ipynb"
    saved = notebook.read_bytes()
    home = Path(tempfile.mkdtemp(prefix="dnn_course_classroom_"))
    process, url = start(repo, target, home, extra_env)
    try:
        context = browser.new_context(viewport={"width": 1280, "height": 800})
        context.add_init_script(COUNTERS)
        page = context.new_page()
        open_explorer(page, target, url)
        if shots:
            page.screenshot(path=shots / f"{tag}_{target}_idle.png")
        result = {"idle": measure(process.pid, idle), "load_before": os.getloadavg()[0]}
        page.evaluate(WATCH)
        page.locator(".dnn-explorer .dnn-play").first.click()
        page.wait_for_timeout(2000)
        draws, texts = page.evaluate("[window.__draws, window.__texts]")
        first = iteration(page)
        result["playing"] = measure(process.pid, seconds)
        draws2, texts2 = page.evaluate("[window.__draws, window.__texts]")
        result["iterations_per_s"] = (iteration(page) - first) / seconds
        result["boundary_draws_per_s"] = (draws2 - draws) / seconds
        result["counter_updates_per_s"] = (texts2 - texts) / seconds
        result["memory_mib"] = memory(process.pid)
        if shots:
            page.screenshot(path=shots / f"{tag}_{target}_playing.png")
        context.close()  # the student closes the page while Play is on
        time.sleep(2)
        result["closed"] = measure(process.pid, idle)
        result["load_after"] = os.getloadavg()[0]
        return result
    finally:
        stop(process)
        shutil.rmtree(home, ignore_errors=True)
        if notebook.read_bytes() != saved:  # never leave a run's outputs in the repository
            notebook.write_bytes(saved)


@contextlib.contextmanager
def checkout(rev):
    """REV in a temporary worktree that uses this environment's .venv (no install)."""
    folder = Path(tempfile.mkdtemp(prefix="dnn_course_before_"))
    subprocess.run(["git", "worktree", "add", "--detach", str(folder), rev], cwd=ROOT,
                   check=True, capture_output=True)
    try:
        venv = folder / ".venv"
        venv.mkdir()
        (venv / "bin").symlink_to(Path(sys.prefix) / "bin")
        checksum = subprocess.run("cksum < pyproject.toml", shell=True, cwd=folder, check=True,
                                  capture_output=True, text=True).stdout.split()[0]
        (venv / f".installed-{checksum}").touch()  # `make` sees it as set up
        yield folder
    finally:
        subprocess.run(["git", "worktree", "remove", "--force", str(folder)], cwd=ROOT,
                       capture_output=True)


def table(results, node_cores=16, node_gib=64, reserve_gib=4):
    """Markdown: per version and server, the cores, updates, memory and students per node
    (node_cores / playing cores, or (node_gib - reserve_gib) / memory: the smaller)."""
    lines = ["| version, server | idle cores | playing cores: kernel + server | page closed "
             "| boundary redraws/s | counter updates/s | iterations/s | MiB: kernel + server "
             f"| students per {node_cores}-core {node_gib:g} GiB node, all playing |",
             "|---|---:|---:|---:|---:|---:|---:|---:|---:|"]
    for name, r in results.items():
        cpu, mem = r["playing"], r["memory_mib"]
        playing = cpu["kernel"] + cpu["server"]
        by_cpu = node_cores / playing if playing else float("inf")
        by_memory = (node_gib - reserve_gib) * 1024 / (mem["kernel"] + mem["server"])
        lines.append(
            f"| {name.replace(' demo', ', Voila').replace(' lab', ', JupyterLab')} "
            f"| {sum(r['idle'].values()):.3f} "
            f"| **{playing:.3f}** = {cpu['kernel']:.3f} + {cpu['server']:.3f} "
            f"| {sum(r['closed'].values()):.3f} | {r['boundary_draws_per_s']:.1f} "
            f"| {r['counter_updates_per_s']:.1f} | {r['iterations_per_s']:.0f} "
            f"| {mem['kernel']:.0f} + {mem['server']:.0f} ({mem['kernels']} kernel) "
            f"| {min(by_cpu, by_memory):.0f} |")
    loads = [f"{r['load_before']:.2f}" for r in results.values()]
    return "\n".join(lines) + f"\n\nload average at the start of each row: {', '.join(loads)}"


def run(servers=("demo", "lab"), seconds=20, idle=10, before=None, shots=None):
    """Measure each server kind, for REV ``before`` (if given) and now, side by side.

    Returns {"<version> <target>": result}, the version being "now" or "before <REV>".
    """
    from playwright.sync_api import sync_playwright

    results = {}
    with sync_playwright() as playwright, contextlib.ExitStack() as stack:
        browser = chromium.launch(playwright)
        repos = {"now": (ROOT, {})}
        if before:
            old = stack.enter_context(checkout(before))
            repos = {f"before {before}": (old, {"PYTHONPATH": str(old)}), **repos}
        for target in servers:
            for version, (repo, env) in repos.items():  # the same server kind side by side
                results[f"{version} {target}"] = run_one(
                    browser, repo, target, seconds, idle, env, shots, version.split()[0])
        browser.close()
    return results


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seconds", type=float, default=20, help="Play window (s)")
    parser.add_argument("--idle", type=float, default=10, help="idle and closed windows (s)")
    parser.add_argument("--servers", default="demo,lab", help="make targets: demo, lab")
    parser.add_argument("--before", help="also measure this git revision")
    parser.add_argument("--shots", type=Path, help="save screenshots in this folder")
    args = parser.parse_args()
    if args.shots:
        args.shots.mkdir(parents=True, exist_ok=True)
    results = run(args.servers.split(","), args.seconds, args.idle, args.before, args.shots)
    print(table(results))
    print("\n" + json.dumps(results, indent=1))


if __name__ == "__main__":
    main()

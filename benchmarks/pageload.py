"""What opening the explorer costs: a class opening the link, measured with a real browser.

    python -m benchmarks.pageload [--loads 5] [--at-once 10] [--routes demo,lab] [--before REV]
    make bench BENCH_ARGS="--parts pageload --before REV"     # the same, in the report

Each route's server starts the way a user starts it: ``demo`` is ``make demo`` and the
URL it prints; ``lab`` is ``make lab`` and its ``voila/render/<dashboard>`` route, which
the Binder badge and the hub open (the dashboard being the notebook that revision's
``make demo`` serves). One page is opened first and not counted (the server's own first
request). Then Chromium (1280x800) opens the page ``--loads`` times one after another,
then ``--at-once`` pages together, each in a fresh browser context. Measured:

- time to Play: from the navigation's start (``performance.timeOrigin``) until the Play
  button is on screen, read in the page every 50 ms; for the pages opened together, from
  the first navigation's start until the last page's Play;
- CPU per load: user + sys seconds (from /proc) that the server and the kernels gained
  from the navigation until 2 s after Play (the new kernel's start-up included);
- each new kernel's resident memory then (VmRSS) and its peak (VmHWM).

Then the pages are closed as a browser closes a tab (the page's unload handlers run, and
Voila's asks the server to shut its kernel down), and the next load waits until their
kernels are gone (``make demo`` runs at most 16), at most CLOSE_WAIT seconds; a route whose
kernels outlive their pages (counted as ``kernels_left``) is not waited for again. A page
that gets an error instead of the explorer (a refusal such as "503: Too many explorers
open", a cell that failed) stops the run with the page's message; a page still without Play
after GIVE_UP (+ GIVE_UP_PER_PAGE per page opened together) seconds is counted as one that
never showed it.

The machine is shared: each row carries the load averages at its start and end.
"""

import argparse
import contextlib
import json
import os
import re
import shutil
import statistics
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

from tests.support import chromium

from .classroom import ROOT, checkout, cpu_by_kind, descendants, memory_mib, start, stop

# Epoch milliseconds at which Play was first on screen (laid out, not hidden), in window.__play.
PLAY_SEEN = """
window.__play = null;
const poll = setInterval(() => {
  const play = document.querySelector(".dnn-explorer .dnn-play");
  if (play && play.getClientRects().length && getComputedStyle(play).visibility !== "hidden") {
    window.__play = performance.timeOrigin + performance.now();
    clearInterval(poll);
  }
  const failed = [...document.querySelectorAll("[data-mime-type='application/vnd.jupyter.stderr']")]
    .find((output) => /There was an error when executing cell|Traceback|timed out/.test(
      output.innerText));
  if (failed) {
    window.__failed = failed.innerText;
    clearInterval(poll);
  }
}, 50);
"""
CLOSE_WAIT = 15  # seconds for the kernels of closed pages to be shut down
GIVE_UP, GIVE_UP_PER_PAGE = 60, 20  # seconds without Play after which a page counts as blank
SETTLE = 2  # seconds after Play before the CPU and memory are read
STUDENTS, CORES = 200, 16  # the class and the node of the estimate


def dashboard(repo):
    """The notebook that ``make demo`` serves in ``repo`` (relative to notebooks/)."""
    found = re.search(r"voila notebooks/(\S+\.ipynb)", (repo / "Makefile").read_text())
    return found.group(1)


def open_pages(browser, url, n):
    """Open ``url`` in ``n`` pages at once, each in its own context; return the pages and
    the epoch ms at which the first navigation started."""
    pages = []
    for _ in range(n):
        context = browser.new_context(viewport={"width": 1280, "height": 800})
        context.add_init_script(PLAY_SEEN)
        pages.append(context.new_page())
    started = time.time() * 1000
    for page in pages:  # each returns once the server has started to answer
        response = page.goto(url, wait_until="commit", timeout=300_000)
        if response.status >= 400:
            page.wait_for_load_state()
            raise RuntimeError(f"the server answered a page load with {response.status}: "
                               f"{page.locator('body').inner_text().strip()[:1000]}")
    return pages, started


def play_times(pages, timeout):
    """For each page: (navigation start, Play on screen or None), epoch ms. A page without
    Play after ``timeout`` seconds (for all of them) gets None: under a heavy load the
    widget manager of JupyterLab's widgets gives up on the kernel's answer after 4 s and its
    fallback never draws the widgets (ipywidgets issue 3633), so such a page stays blank."""
    from playwright.sync_api import TimeoutError as Timeout

    deadline, times = time.monotonic() + timeout, []
    for page in pages:
        with contextlib.suppress(Timeout):
            page.wait_for_function("window.__play !== null || window.__failed", timeout=1000 * max(
                1, deadline - time.monotonic()), polling=100)
        failed = page.evaluate("window.__failed")
        if failed:
            raise RuntimeError(f"the page shows an error instead of the explorer: {failed}")
        times.append(page.evaluate("[performance.timeOrigin, window.__play]"))
    return times


def close(pages, root, theirs, wait):
    """Close ``pages`` as a browser closes tabs, then wait (at most ``wait`` seconds) until
    ``theirs``, their kernels, are shut down; returns how many still run."""
    for page in pages:
        page.close(run_before_unload=True)
        page.wait_for_event("close")
        page.context.close()
    deadline = time.monotonic() + wait
    while (left := len(theirs & set(descendants(root)))) and time.monotonic() < deadline:
        time.sleep(0.2)  # until gone, not only exiting (the next load's CPU counts every process)
    return left


def kernels(root):
    return {pid for pid, kind in descendants(root).items() if kind == "kernel"}


def load(browser, root, url, n, close_wait=CLOSE_WAIT):
    """Open ``n`` pages at once; the times to Play, the CPU they cost, the new kernels'
    memory; then close them and wait up to ``close_wait`` s for their kernels to go."""
    known, cpu_before = kernels(root), cpu_by_kind(root)
    load_start = os.getloadavg()
    pages, started = open_pages(browser, url, n)
    times = play_times(pages, GIVE_UP + GIVE_UP_PER_PAGE * n)
    time.sleep(SETTLE)
    cpu_after = cpu_by_kind(root)
    new = kernels(root) - known
    rss = [memory_mib(pid) for pid in new]
    peak = [memory_mib(pid, "VmHWM") for pid in new]
    left = close(pages, root, new, close_wait)
    return {
        "pages": n, "kernels": len(new), "kernels_left": left,
        "play_s": [(play - origin) / 1000 if play else None for origin, play in times],
        "no_play": sum(play is None for _, play in times),
        "last_play_s": (max(play or 0 for _, play in times) - started) / 1000,
        "cpu_s": {kind: cpu_after[kind] - cpu_before[kind] for kind in cpu_after},
        "kernel_rss_mib": rss, "kernel_peak_mib": peak,
        "load": [*load_start, *os.getloadavg()],
    }


def listening(url, timeout=120):
    """Wait until the server answers HTTP (a page opened before would show Chromium's
    error page, which reloads by itself later and starts a kernel nobody counts)."""
    status = re.match(r"http://[^/]+", url).group() + "/api/status"
    deadline = time.monotonic() + timeout
    while True:
        try:
            urllib.request.urlopen(status, timeout=10).close()
            return
        except urllib.error.HTTPError:
            return  # refused without the token: it is up
        except OSError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.5)


def run_route(browser, repo, route, loads, at_once, extra_env):
    """One server: a first page (not counted), ``loads`` one by one, ``at_once`` together."""
    home = Path(tempfile.mkdtemp(prefix="dnn_course_pageload_"))
    target = "demo" if route == "demo" else "lab"
    process, url = start(repo, target, home, extra_env)
    if route == "lab":  # the Voila route of the Jupyter server, as Binder and the hub open it
        base, token = url.split("/lab")[0], url.split("token=")[1]
        url = f"{base}/voila/render/{dashboard(repo)}?token={token}"
    try:
        listening(url)
        first = load(browser, process.pid, url, 1)
        wait = CLOSE_WAIT if not first["kernels_left"] else 0  # its pages do not close them
        one_by_one = [load(browser, process.pid, url, 1, wait) for _ in range(loads)]
        together = load(browser, process.pid, url, at_once, wait) if at_once else None
        return {"route": route, "dashboard": dashboard(repo), "first": first,
                "one_by_one": one_by_one, "at_once": together}
    finally:
        stop(process)
        shutil.rmtree(home, ignore_errors=True)


def run(routes=("demo",), loads=5, at_once=10, before=None):
    """Each route for REV ``before`` (if given) and now, side by side.

    Returns {"<version> <route>": result}, the version being "now" or "before <REV>".
    """
    from playwright.sync_api import sync_playwright

    results = {}
    with sync_playwright() as playwright, contextlib.ExitStack() as stack:
        browser = chromium.launch(playwright)
        repos = {"now": (ROOT, {})}
        if before:
            old = stack.enter_context(checkout(before))
            repos = {f"before {before}": (old, {"PYTHONPATH": str(old)}), **repos}
        for route in routes:
            for version, (repo, env) in repos.items():
                results[f"{version} {route}"] = run_route(browser, repo, route, loads, at_once,
                                                          env)
        browser.close()
    return results


def summary(result, students=STUDENTS, cores=CORES):
    """Medians of the loads one by one, and the pages opened together."""
    one = result["one_by_one"]
    cpu = [sum(r["cpu_s"].values()) for r in one]
    plays = [r["play_s"][0] for r in one if r["play_s"][0] is not None] or [float("nan")]
    row = {
        "play_s": statistics.median(plays), "play_s_range": (min(plays), max(plays)),
        "no_play": sum(r["no_play"] for r in one),
        "cpu_s": statistics.median(cpu),
        "kernel_cpu_s": statistics.median(r["cpu_s"]["kernel"] for r in one),
        "server_cpu_s": statistics.median(r["cpu_s"]["server"] for r in one),
        "kernel_rss_mib": statistics.median(r["kernel_rss_mib"][0] for r in one),
        "kernel_peak_mib": statistics.median(r["kernel_peak_mib"][0] for r in one),
        "load": (one[0]["load"][0], one[-1]["load"][3]),
    }
    # make demo: one server process for the class; voila/render: each student's own server
    shared = result.get("route", "demo") == "demo"
    row["class_s"] = class_wait(row["cpu_s"], row["server_cpu_s"] * shared, students, cores)
    together = result["at_once"]
    if together:
        n = together["pages"]
        row.update(at_once=n, last_play_s=together["last_play_s"],
                   at_once_no_play=together["no_play"],
                   at_once_cpu_s=sum(together["cpu_s"].values()) / n,
                   at_once_load=(together["load"][0], together["load"][3]))
        row["class_s"] = max(row["class_s"], class_wait(
            row["at_once_cpu_s"], together["cpu_s"]["server"] / n * shared, students, cores))
    return row


def class_wait(cpu_s, server_cpu_s, students=STUDENTS, cores=CORES):
    """Seconds until the last of ``students`` sees Play when they open the page together on
    a node of ``cores`` otherwise idle cores: the CPU they need spread over every core, but
    no less than the server's share, which one process does on one core."""
    return max(students * cpu_s / cores, students * server_cpu_s)


def never(count):
    return f" ({count} never showed Play)" if count else ""


def table(results, students=STUDENTS, cores=CORES):
    """Markdown: per version and route, the loads one by one and the pages opened together."""
    lines = ["| version, route (notebook) | time to Play, median (range) | CPU s per load: "
             "kernel + server | kernel MiB: resident (peak) | pages at once: last Play "
             f"| CPU s per load at once | {students} students, {cores} cores: last Play "
             "| load average (1 min) start → end |",
             "|---|---:|---:|---:|---:|---:|---:|---|"]
    for name, result in results.items():
        s = summary(result, students, cores)
        low, high = s["play_s_range"]
        route = name.replace(" demo", ", make demo").replace(" lab", ", voila/render")
        at_once = (f"{s['at_once']}: {s['last_play_s']:.1f} s{never(s['at_once_no_play'])} "
                   f"| {s['at_once_cpu_s']:.2f}" if "at_once" in s else "— | —")
        lines.append(
            f"| {route} ({result['dashboard']}) | **{s['play_s']:.2f} s** ({low:.2f}–{high:.2f})"
            f"{never(s['no_play'])} "
            f"| **{s['cpu_s']:.2f}** = {s['kernel_cpu_s']:.2f} + {s['server_cpu_s']:.2f} "
            f"| {s['kernel_rss_mib']:.0f} ({s['kernel_peak_mib']:.0f}) | {at_once} "
            f"| ≈ {s['class_s']:.0f} s "
            f"| {s['load'][0]:.2f} → {s['load'][1]:.2f} |")
    left = [f"{name}: {sum(r['kernels_left'] for r in [result['first'], *result['one_by_one']])}"
            for name, result in results.items() if result["first"]["kernels_left"]]
    if left:
        lines.append("\nKernels still running after their pages were closed: "
                     + ", ".join(left) + ".")
    return "\n".join(lines) + (
        f"\n\n{students} students, {cores} cores: {students} × CPU s per load ÷ {cores} cores "
        f"(the larger of one by one and at once); for make demo at least {students} × its "
        "server's CPU s per load (one process for the whole class, one core), while on the hub "
        "or Binder each student's voila/render route runs in a server of their own; on a node "
        "doing nothing else.")


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--loads", type=int, default=5, help="pages opened one by one")
    parser.add_argument("--at-once", type=int, default=10, help="pages opened together")
    parser.add_argument("--routes", default="demo", help="demo (make demo), lab (voila/render)")
    parser.add_argument("--before", help="also measure this git revision")
    args = parser.parse_args()
    results = run(args.routes.split(","), args.loads, args.at_once, args.before)
    print(table(results))
    print("\n" + json.dumps(results, indent=1))


if __name__ == "__main__":
    main()

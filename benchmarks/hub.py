"""What a class costs on JupyterHub: start `make hub` as the hub test does, log students
in one after another in Chromium, and measure.

    python -m benchmarks.hub [--students 4] [--node-gib 64] [--node-cores 16]

For each student: the seconds from pressing "Sign in" to JupyterLab showing
00_start_here.ipynb with its kernel idle (the hub starts the server, copies the notebooks,
the server starts a kernel). Then, with every student logged in and one notebook open each,
the resident memory (VmRSS, /proc) of the hub, its proxy and the idle culler, and of each
student's server and kernel. From these and docs/performance.md's per-student costs: the students
one node holds, with the hub's own share taken off first.
"""

import argparse
import os
import re
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "tests" / "browser"))  # the hub as the hub test starts it
from tests.support import chromium  # noqa: E402
from tests.support.jupyter_sandbox import isolate  # noqa: E402

isolate()
from jupyter_hub import children, start_hub, stop_hub  # noqa: E402
from playwright.sync_api import expect, sync_playwright  # noqa: E402

from .student import memory_mib  # noqa: E402

PARTS = {  # what a process of the hub is, from its command line
    "hub": re.compile(r"bin/jupyterhub -f"),
    "proxy": re.compile(r"configurable-http-proxy"),
    "culler": re.compile(r"jupyterhub_idle_culler"),
    "server": re.compile(r"jupyterhub\.singleuser"),
    "kernel": re.compile(r"ipykernel_launcher"),
}


def processes(pid):
    """{part: [VmRSS MiB of each process]} for every process the hub started."""
    found = {part: [] for part in PARTS}
    for child in children(pid):
        try:
            command = Path(f"/proc/{child}/cmdline").read_text().replace("\0", " ")
            for part, pattern in PARTS.items():
                if pattern.search(command):
                    found[part].append(memory_mib(child, "VmRSS"))
        except (OSError, KeyError):
            continue
    return found


def log_in_and_wait(page, base, name):
    """Seconds from "Sign in" to the first notebook open with an idle kernel."""
    page.goto(f"{base}/hub/login")
    page.fill("#username_input", name)
    page.fill("#password_input", "measure")
    start = time.perf_counter()
    page.click("#login_submit")
    page.wait_for_url(re.compile(rf"/user/{name}/lab/tree/00_start_here\.ipynb"), timeout=180_000)
    expect(page.locator("#jp-main-statusbar")).to_contain_text(re.compile(r"\| Idle"),
                                                                timeout=120_000)
    return time.perf_counter() - start


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--students", type=int, default=4)
    parser.add_argument("--node-gib", type=float, default=64)
    parser.add_argument("--node-cores", type=int, default=16)
    parser.add_argument("--os-gib", type=float, default=2, help="kept for the system")
    parser.add_argument("--kernel-mib", type=float, default=190,
                        help="heaviest notebook's kernel (docs/performance.md)")
    parser.add_argument("--play-cores", type=float, default=0.087,
                        help="one Play in the explorer (docs/performance.md)")
    args = parser.parse_args()
    names = [f"student{i}" for i in range(1, args.students + 1)]
    print(f"load average at start: {os.getloadavg()[0]:.2f}")
    with tempfile.TemporaryDirectory(prefix="measure_hub_") as root, sync_playwright() as p:
        browser = chromium.launch(p)
        hub = start_hub(Path(root), names)
        try:
            time.sleep(5)
            idle = processes(hub.process.pid)
            waits, pages = [], []
            for name in names:
                pages.append(browser.new_context().new_page())
                waits.append(log_in_and_wait(pages[-1], hub.base, name))
                print(f"{name}: {waits[-1]:.1f} s from Sign in to a running notebook")
            time.sleep(5)
            busy = processes(hub.process.pid)
        finally:
            stop_hub(hub.process)
            browser.close()
        starts = [float(s) for s in re.findall(r"User \S+ took ([\d.]+) seconds to start",
                                                hub.log.read_text())]
    print(f"load average at end: {os.getloadavg()[0]:.2f}")
    print("of which the hub started the server (notebooks copied, server up) in "
          + ", ".join(f"{s:.1f}" for s in starts) + " s")
    report(args, idle, busy, waits)


def report(args, idle, busy, waits):
    mib = {part: sum(sizes) for part, sizes in busy.items()}
    hub_mib = mib["hub"] + mib["proxy"] + mib["culler"]
    per_user_hub = (mib["hub"] - sum(idle["hub"])) / args.students
    server = max(busy["server"])
    kernel = max(busy["kernel"])
    print("\n| what | MiB |\n|---|---:|")
    for part in ("hub", "proxy", "culler"):
        print(f"| {part}, {args.students} students logged in | {mib[part]:.0f} |")
    print(f"| hub, before any login | {sum(idle['hub']):.0f} |")
    print(f"| hub, added per student | {per_user_hub:.1f} |")
    print(f"| one student's server (jupyterhub-singleuser), largest | {server:.0f} |")
    print(f"| one student's kernel with 00_start_here open, largest | {kernel:.0f} |")
    print(f"\nSign in to a running notebook: median {sorted(waits)[len(waits) // 2]:.1f} s, "
          f"max {max(waits):.1f} s over {len(waits)} students, one after another")
    free = args.node_gib * 1024 - args.os_gib * 1024 - hub_mib
    per_student = server + args.kernel_mib + per_user_hub
    print(f"\nNode {args.node_gib:g} GiB, {args.node_cores} cores, {args.os_gib:g} GiB for "
          f"the system, {hub_mib:.0f} MiB for hub + proxy + culler:")
    print(f"- memory: {free:.0f} MiB / ({server:.0f} server + {args.kernel_mib:g} heaviest kernel"
          f" + {per_user_hub:.1f} in the hub) = {int(free // per_student)} students")
    print(f"- CPU, everybody presses Play at once: {args.node_cores} cores / "
          f"{args.play_cores} = {int(args.node_cores // args.play_cores)} students")


if __name__ == "__main__":
    main()

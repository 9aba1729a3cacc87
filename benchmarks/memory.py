"""What hours of Play cost the kernel in memory: resident memory after 8 hours of ticks.

    python -m benchmarks.memory [--hours 8] [--seconds 20] [--network default|largest]
    make bench BENCH_ARGS="--parts memory"                       # the same, in the report

For the default network and the largest (6 hidden layers of 16), at the fastest settings
(steps_per_tick = 1000), each in a fresh Python process: an explorer as a kernel holds it
(the page draws the views), its resident memory (VmRSS, /proc) after the first tick, then
``--seconds`` of real Play ticks back to back. Play trains at most TICK_BUDGET seconds per
tick and MAX_FPS ticks a second, so at most as many iterations a second as the session's
steps alone run, and at most MAX_FPS * steps_per_tick: that rate, measured, sets the
iterations of 8 hours. Running them would take 8 hours, so they are recorded into the
session's history the way a step records them (``Session.record``: everything a step keeps
besides W[l], b[l], which are replaced, not added to), followed by ``--seconds`` more of real
ticks and a last reading of resident memory. The limit is 50 MiB above the first reading.
"""

import argparse
import gc
import json
import os
import subprocess
import sys
import time
from pathlib import Path

NETWORKS = {"default": {}, "largest": {"hidden_layers": 6, "neurons": 16}}
LIMIT_MIB = 50
ROOT = Path(__file__).resolve().parent.parent


def rss_mib():
    """This process's resident memory, MiB (VmRSS from /proc/self/status)."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    raise OSError("no VmRSS in /proc/self/status")


def play(ex, seconds):
    """Real Play ticks back to back for ``seconds``; returns the iterations they ran."""
    start, deadline = ex.session.iteration, time.perf_counter() + seconds
    while time.perf_counter() < deadline:
        ex.tick()
    return ex.session.iteration - start


def measure(network, hours, seconds):
    """Resident memory of one explorer at the start and after ``hours`` of Play."""
    from dnn_course.explorer import Explorer, Settings
    from dnn_course.explorer.timer import MAX_FPS

    ex = Explorer(Settings(steps_per_tick=1000, **NETWORKS[network]), figures="browser")
    ex.tick()
    gc.collect()
    start = rss_mib()
    began = time.perf_counter()
    play(ex, seconds)
    stepping = time.perf_counter()
    ex.session.step(ex.settings.steps_per_tick)
    stepping = ex.settings.steps_per_tick / (time.perf_counter() - stepping)
    rate = min(stepping, MAX_FPS * ex.settings.steps_per_tick)
    target = int(rate * hours * 3600)
    session = ex.session
    began = time.perf_counter()
    while session.iteration < target:  # what each further step would add to the history
        session.record(session.iteration, float(session.costs[-1]),
                       float(session.test_costs[-1]), list(session.grad_norms[-1]),
                       list(session.dead[-1]))
        session.iteration += 1
    recorded = time.perf_counter() - began
    play(ex, seconds)
    gc.collect()
    end = rss_mib()
    return {"network": network, "layer_dims": ex.settings.layer_dims(),
            "iterations_per_second": round(rate, 1), "hours": hours,
            "iterations": session.iteration, "history_entries": len(session.steps),
            "record_seconds": round(recorded, 1), "start_mib": round(start, 1),
            "end_mib": round(end, 1), "growth_mib": round(end - start, 1),
            "limit_mib": LIMIT_MIB, "within_limit": end - start <= LIMIT_MIB}


def run(hours=8, seconds=20, networks=tuple(NETWORKS)):
    """Each network measured in its own process (so one's memory does not count for the other)."""
    results = []
    for network in networks:
        output = subprocess.run(
            [sys.executable, "-m", "benchmarks.memory", "--network", network, "--hours",
             str(hours), "--seconds", str(seconds), "--json"],
            cwd=ROOT, check=True, capture_output=True, text=True).stdout
        results.append(json.loads(output.splitlines()[-1]))
    return {"load_before": round(os.getloadavg()[0], 2), "runs": results}


def summary(results):
    lines = [f"{'network':8} {'it/s':>7} {'iterations':>11} {'kept':>5} {'start MiB':>9} "
             f"{'after MiB':>9} {'growth':>7}  limit {LIMIT_MIB} MiB"]
    for r in results["runs"]:
        lines.append(f"{r['network']:8} {r['iterations_per_second']:7.0f} {r['iterations']:11d} "
                     f"{r['history_entries']:5d} {r['start_mib']:9.1f} {r['end_mib']:9.1f} "
                     f"{r['growth_mib']:7.1f}  {'ok' if r['within_limit'] else 'OVER'}")
    return "\n".join(lines)


def main(argv=None):
    parser = argparse.ArgumentParser(prog="python -m benchmarks.memory", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--hours", type=float, default=8)
    parser.add_argument("--seconds", type=float, default=20, help="of real ticks, twice")
    parser.add_argument("--network", choices=NETWORKS, help="one network, in this process")
    parser.add_argument("--json", action="store_true", help="print the result as JSON")
    args = parser.parse_args(argv)
    if args.network:
        result = measure(args.network, args.hours, args.seconds)
        print(json.dumps(result) if args.json else summary({"runs": [result]}))
        return
    print(summary(run(args.hours, args.seconds)))


if __name__ == "__main__":
    main()

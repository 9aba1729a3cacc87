"""python -m benchmarks [--quick] [--parts step,bounds,...] [--before REV] [--out DIR].

The parts: step, bounds, scaling, waits, classroom, memory, pageload (all by default).

Writes results.json, report.md and the plots to benchmarks/results/ (or --out), and
prints a summary table. --before REV also times the engine as it was at git revision
REV, in the same rounds, and adds a before/after table.
"""

import argparse
import dataclasses
import datetime
import os
import platform
import shlex
import sys
from pathlib import Path

import numpy as np

from . import before, classroom, gemm, memory, pageload, report, scaling, step, torch_step, waits

OUT = Path(__file__).resolve().parent / "results"
PARTS = ("step", "bounds", "scaling", "waits", "classroom", "memory", "pageload")


@dataclasses.dataclass
class Config:
    repeats: int = 15
    scaling_m: tuple = (64, 128, 256, 512, 1024, 2048)
    scaling_width: tuple = (32, 64, 128, 256, 512, 1024)
    notebooks: bool = True
    quiet_wait: float = 0  # seconds to wait at most for a quiet machine before each case
    classroom_seconds: float = 20  # Play window of the classroom part
    memory_seconds: float = 20  # real Play ticks before and after 8 hours' history
    page_loads: int = 5  # pageload: pages opened one after another ...
    pages_at_once: int = 10  # ... and together


QUICK = Config(repeats=3, scaling_m=(128, 1024), scaling_width=(64, 512), notebooks=False,
               classroom_seconds=5, memory_seconds=5, page_loads=3, pages_at_once=4)


def cpu_name():
    try:
        lines = Path("/proc/cpuinfo").read_text().splitlines()
        return next(line.split(":", 1)[1].strip() for line in lines if "model name" in line)
    except (OSError, StopIteration):
        return platform.processor() or "unknown"


def environment(command):
    blas = gemm.blas_info()
    threads = gemm.blas_threads(blas)
    torch = "not installed (its column is absent)"
    if torch_step.available():
        import torch as torch_module

        torch = (f"{torch_module.__version__}, torch.set_num_threads({threads}) -> "
                 f"{torch_step.use_threads(threads)} threads")
    return {
        "command": command,
        "date": datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d %H:%M"),
        "cpu": cpu_name(), "cores": os.cpu_count(), "load_before": round(os.getloadavg()[0], 2),
        "numpy": np.__version__, "python": platform.python_version(), "blas": blas,
        "blas_threads": threads, "torch": torch, "engine": before.engine_version(),
    }


def collect(config, parts, cases, command="python -m benchmarks", before_rev=None):
    """Run the selected parts on the given cases; return the results as a dict."""
    results = {"environment": environment(command)}
    old = None
    if before_rev:
        old = before.load_engine(before_rev)
        results["environment"]["before"] = before.describe(before_rev)
    if "step" in parts:
        results["steps"] = [
            step.step_times(case, config.repeats, None, old, config.quiet_wait) for case in cases
        ]
    if "bounds" in parts:
        results["bounds"] = {case.name: gemm.gemm_bound(case, config.repeats) for case in cases}
    if "scaling" in parts:
        results["scaling_m"] = scaling.in_m(config.scaling_m, config.repeats, config.quiet_wait)
        results["scaling_width"] = scaling.in_width(
            config.scaling_width, 1024, config.repeats, config.quiet_wait
        )
    if "waits" in parts:
        results["waits"] = {
            "import": waits.import_time(config.repeats),
            "explorer_tick": waits.explorer_tick(config.repeats),
            "session_steps": waits.session_steps(config.repeats),
            "views_redraw": waits.views_redraw(config.repeats),
            "notebooks": waits.notebook_times() if config.notebooks else None,
        }
    if "classroom" in parts:  # a real browser on `make demo` and `make lab`, Play pressed
        results["classroom"] = classroom.run(seconds=config.classroom_seconds,
                                             before=before_rev)
    if "memory" in parts:  # 8 hours of Play, default and largest network
        results["memory"] = memory.run(seconds=config.memory_seconds)
    if "pageload" in parts:  # a real browser opens make demo and the Binder/hub Voila route
        results["pageload"] = pageload.run(("demo", "lab"), config.page_loads,
                                           config.pages_at_once, before_rev)
    results["environment"]["load_after"] = round(os.getloadavg()[0], 2)
    return results


def main(argv=None):
    parser = argparse.ArgumentParser(prog="python -m benchmarks", description=__doc__)
    parser.add_argument("--quick", action="store_true", help="few repeats, no notebooks")
    parser.add_argument("--parts", default=",".join(PARTS), help=f"any of {','.join(PARTS)}")
    parser.add_argument("--out", type=Path, default=OUT)
    parser.add_argument("--repeats", type=int, help="rounds per case (default 15, quick 3)")
    parser.add_argument("--quiet-wait", type=float, default=0, metavar="SECONDS",
                        help="before each case, wait up to this long for idle cores")
    parser.add_argument("--before", metavar="REV", help="also time dnn_course at git revision REV")
    args = parser.parse_args(argv)
    parts = {part.strip() for part in args.parts.split(",")}
    if not parts <= set(PARTS):
        parser.error(f"--parts takes {', '.join(PARTS)}; got {', '.join(sorted(parts))}")
    rng = np.random.default_rng(0)
    cases = [*step.course_cases(rng), step.large_case(rng)]
    command = "python -m benchmarks " + shlex.join(argv if argv is not None else sys.argv[1:])
    config = dataclasses.replace(QUICK if args.quick else Config(), quiet_wait=args.quiet_wait)
    if args.repeats:
        config.repeats = args.repeats
    results = collect(config, parts, cases, command.strip(), args.before)
    path = report.write(results, args.out)
    print(report.summary(results))
    blas = results["environment"]["blas"]
    for pool in blas.get("threadpools", []):
        print(f"{pool['user_api']}: {pool['internal_api']} {pool['version']} "
              f"{pool['architecture']}, {pool['num_threads']} threads ({pool['library']})")
    print(f"OPENBLAS_CORETYPE: {blas['OPENBLAS_CORETYPE'] or 'not set'}; "
          f"PyTorch: {results['environment']['torch']}\nreport: {path}")


if __name__ == "__main__":
    main()

"""The markdown report, the log-log plots and the summary printed at the end of a run."""

import json
from pathlib import Path

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402

CONTENDERS = {"dnn_course": "dnn_course", "pytorch": "PyTorch", "gemm_bound": "GEMM bound"}


def ms(entry):
    """'median (q1-q3)' in milliseconds, or a dash when the contender did not run."""
    if not entry:
        return "—"
    return f"{entry['median'] * 1e3:.3f} ({entry['q1'] * 1e3:.3f}–{entry['q3'] * 1e3:.3f})"


def table(header, rows):
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    lines += ["| " + " | ".join(str(cell) for cell in row) + " |" for row in rows]
    return "\n".join(lines)


def step_rows(steps):
    has_torch = any("pytorch" in s for s in steps)
    header = ["case", "layer_dims", "m", "dnn_course ms", "GEMM bound ms", "fraction of GEMM bound",
              "cores busy before"]
    if has_torch:
        header += ["PyTorch ms", "dnn_course / PyTorch", "max abs diff of W, b after 3 steps"]
    rows = []
    for s in steps:
        busy = s.get("cpu_busy_before")
        row = [s["case"], s["layer_dims"], s["m"], ms(s["dnn_course"]), ms(s["gemm_bound"]),
               f"{s['gemm_fraction']:.0%}", "—" if busy is None else f"{busy:.0%}"]
        if has_torch:
            row += [ms(s.get("pytorch")), f"{s['ratio']:.2f}" if "ratio" in s else "—",
                    f"{s['agreement']:.1e}" if "agreement" in s else "—"]
        rows.append(row)
    return header, rows


def before_after_rows(steps):
    """Median step time, PyTorch ratio and GEMM fraction before and after, case by case."""
    rows = []
    for s in steps:
        before, after = s["before"]["median"], s["dnn_course"]["median"]
        rows.append([
            s["case"], f"{before * 1e3:.3f}", f"{after * 1e3:.3f}", f"{before / after:.2f}×",
            f"{s['before_ratio']:.2f}" if "before_ratio" in s else "—",
            f"{s['ratio']:.2f}" if "ratio" in s else "—",
            f"{s['before_gemm_fraction']:.0%}", f"{s['gemm_fraction']:.0%}",
        ])
    header = ["case", "before ms", "after ms", "speed-up", "before / PyTorch",
              "after / PyTorch", "before: fraction of GEMM bound", "after: fraction of GEMM bound"]
    return header, rows


def plot_series(points, xlabel, path):
    """Log-log: seconds per step against m (or width) for each contender."""
    fig, ax = plt.subplots(figsize=(6, 4))
    xs = [p["x"] for p in points]
    for key, label in CONTENDERS.items():
        if all(key in p for p in points):
            ax.loglog(xs, [p[key]["median"] for p in points], "o-", label=label)
    ax.set_xlabel(xlabel)
    ax.set_ylabel("seconds per training step")
    ax.grid(True, which="both", alpha=0.3)
    ax.legend()
    fig.tight_layout()
    fig.savefig(path, dpi=100)
    plt.close(fig)


def write(results, out):
    """Write results.json, report.md and the plots into ``out``; return report.md's path."""
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    (out / "results.json").write_text(json.dumps(results, indent=1) + "\n")
    from .report_text import markdown

    for name, label in (("scaling_m", "m (examples)"), ("scaling_width", "width w")):
        if results.get(name):
            plot_series(results[name], label, out / f"{name}.png")
    path = out / "report.md"
    path.write_text(markdown(results))
    return path


def summary(results):
    """The table printed at the end of a run."""
    header, rows = step_rows(results.get("steps", []))
    keep = [0, 2, 3, 5] + ([7, 8] if len(header) > 7 else [])
    return table([header[i] for i in keep], [[row[i] for i in keep] for row in rows])

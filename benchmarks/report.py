"""The markdown report, the log-log plots and the summary printed at the end of a run."""

import json
from pathlib import Path

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402

from .report_text import markdown, step_rows, table  # noqa: E402

CONTENDERS = {"dnn_course": "dnn_course", "pytorch": "PyTorch", "gemm_bound": "GEMM bound"}


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

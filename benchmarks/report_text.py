"""report.md: environment, training step, GEMM bound, scaling, waits, before/after."""

from .timing import SETTLE


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



def environment(env):
    lines = [f"- command: `{env['command']}`", f"- date (UTC): {env['date']}",
             f"- CPU: {env['cpu']}, {env['cores']} cores; load average before / after: "
             f"{env['load_before']} / {env['load_after']}",
             f"- numpy {env['numpy']}, Python {env['python']}, dnn_course at {env['engine']}"]
    coretype = env["blas"]["OPENBLAS_CORETYPE"]
    lines.append(
        f"- `OPENBLAS_CORETYPE` is **{'set to ' + repr(coretype) if coretype else 'not set'}**"
        + (f", `OPENBLAS_L2_SIZE` = {env['blas']['OPENBLAS_L2_SIZE']!r}"
           if env["blas"]["OPENBLAS_L2_SIZE"] else "")
    )
    lines.append(f"- PyTorch: {env['torch']}")
    pools = env["blas"].get("threadpools", [])
    rows = [[p["user_api"], p["internal_api"], p["version"], p["architecture"], p["num_threads"],
             p["library"]] for p in pools]
    header = ["user_api", "internal_api", "version", "architecture/kernel", "threads", "library"]
    return "\n".join(lines) + "\n\nthreadpoolctl:\n\n" + table(header, rows)


def products(bounds):
    parts = []
    for case, bound in bounds.items():
        rows = [[p["product"], "×".join(map(str, p["shape"])), f"{p['flops'] / 1e6:.2f}",
                 f"{p['seconds'] * 1e3:.3f}", f"{p['flops'] / p['seconds'] / 1e9:.1f}"]
                for p in bound["products"]]
        parts.append(f"**{case}**: {bound['flops'] / 1e6:.1f} MFLOP per step, bound "
                     f"{bound['bound_seconds'] * 1e3:.3f} ms\n\n"
                     + table(["product", "rows×inner×cols", "MFLOP", "ms", "GFLOP/s"], rows))
    return "\n\n".join(parts)


def series(points, label):
    header, rows = step_rows(points)
    header[0] = label
    return table(header, [[p["x"], *row[1:]] for p, row in zip(points, rows, strict=True)])


def waits(w):
    lines = []
    if "import" in w:
        i = w["import"]
        lines.append(f"- `import dnn_course` in a fresh interpreter: "
                     f"**{i['import_seconds']:.3f} s** (beyond the bare interpreter start-up "
                     f"of {i['interpreter_seconds']:.3f} s)")
    tick = w.get("explorer_tick")
    if tick is not None:
        lines.append(f"- explorer Play tick, {tick['steps']} training steps + the numbers sent "
                     f"to the page, network {tick['layer_dims']} on m = {tick['m']}, after "
                     f"{tick.get('played', 0)} iterations of Play: "
                     f"**{tick['tick_seconds'] * 1e3:.1f} ms** (`Explorer().tick()`)")
        if "inline_tick_seconds" in tick:
            lines.append("- the same tick drawn by matplotlib in the kernel "
                         f"(`figures=\"inline\"`): {tick['inline_tick_seconds'] * 1e3:.1f} ms")
    session = w.get("session_steps")
    if session is not None:
        lines.append(f"- explorer training alone, `Session().step({session['steps']})` (one tick's "
                     f"steps and the latest numbers it shows, no redraw): "
                     f"{session['seconds'] * 1e3:.2f} ms")
    views = w.get("views_redraw")
    if views is not None:
        lines.append(f"- redraw of the chain view / the network view in the kernel for the "
                     f"largest network {views['layer_dims']} on m = {views['m']} (a forward + "
                     f"backward pass and the payload sent to the page): "
                     f"**{views['chain_seconds'] * 1e3:.1f} ms / "
                     f"{views['network_seconds'] * 1e3:.1f} ms** (target ≤ 50 ms each)")
    notebooks = w.get("notebooks")
    if notebooks is None:
        lines.append("- notebooks: not run (quick run or not selected)")
    elif not notebooks:
        lines.append("- notebooks: none found in notebooks/")
    else:
        rows = [[n["notebook"], f"{n['seconds']:.1f}" if "seconds" in n else n.get("error"),
                 f"{n['peak_rss_mb']:.0f}" if "peak_rss_mb" in n else "—"] for n in notebooks]
        lines.append("\n" + table(["notebook", "wall time s", "kernel peak RSS MB"], rows))
    return "\n".join(lines)


def markdown(results):
    env = results["environment"]
    out = ["# dnn_course benchmarks", "", environment(env), ""]
    out += ["## Training step", "",
            "One step = forward, cost, backward, update in float64, timed as "
            "`L_layer_model(..., num_iterations=n) / n` (dnn_course) and as the same loop in "
            "PyTorch autograd (same initial W, b, same data). Contenders alternate in one process, "
            f"each timed call after {SETTLE} s of rest (so no contender's spinning BLAS or OpenMP "
            "threads are still holding the cores); median (first–third quartile) of the rounds, "
            "in ms per step. The GEMM bound is the "
            "time numpy alone needs for the step's matrix products (see below), timed in the same "
            "rounds; fraction of GEMM bound = bound / dnn_course step. Cores busy before = the "
            "share of the cores in use (any process) in the half second before a case started: "
            "on a shared machine other work slows multi-threaded BLAS a lot.", ""]
    if results.get("steps"):
        out += [table(*step_rows(results["steps"])), ""]
        notes = [f"- {s['case']}: {s['note']}" for s in results["steps"] if s.get("note")]
        out += notes + [""]
    if results.get("steps") and "before" in results["steps"][0]:
        out += ["## Before and after", "",
                f"Before: dnn_course at {env['before']}; after: {env['engine']}. Both timed in "
                "the same alternating rounds as PyTorch and the GEMM bound above.", "",
                table(*before_after_rows(results["steps"])), ""]
    if results.get("bounds"):
        out += ["## The step's matrix products (GEMM bound)", "", products(results["bounds"]), ""]
    for key, label in (("scaling_m", "m"), ("scaling_width", "width")):
        if results.get(key):
            out += [f"## Scaling in {label}", "", f"![scaling in {label}]({key}.png)", "",
                    series(results[key], label), ""]
    if results.get("waits"):
        out += ["## What students wait for", "", waits(results["waits"]), ""]
    if results.get("classroom"):
        from .classroom import table as classroom_table

        out += ["## One student pressing Play, in a real browser", "",
                "`make demo` (Voila) and `make lab` (JupyterLab, the explorer notebook run "
                "all) each started as the README says; Chromium opens the printed URL at "
                "1280x800. CPU (user + sys, from /proc) of the server and its kernel: idle "
                "with the explorer open, while playing, and after the page was closed during "
                "Play; resident memory while playing; in the page, the boundary's redraws "
                "and the iteration counter's changes per second.", "",
                classroom_table(results["classroom"]), ""]
    if results.get("memory"):
        from .memory import summary as memory_summary

        out += ["## A kernel after 8 hours of Play", "",
                "Resident memory (VmRSS) of an explorer at steps_per_tick = 1000, each network "
                "in its own process: after the first tick, and after the iterations 8 hours of "
                "Play add at the measured rate (real ticks, then the rest recorded into the "
                "history as a step records them; see `benchmarks/memory.py`). "
                f"Load average before: {results['memory']['load_before']}.", "",
                "```", memory_summary(results["memory"]), "```", ""]
    if results.get("pageload"):
        from .pageload import table as pageload_table

        out += ["## A class opening the explorer, in a real browser", "",
                "`make demo` and `make lab`'s `voila/render/` route (what the Binder badge and "
                "the hub open), each started as the README says, one page opened first and "
                "not counted; then Chromium (1280x800) opens pages one after another, then "
                "several together. Time from the navigation's start until Play is on screen; "
                "CPU (user + sys, from /proc) of the server and the kernels until 2 s after "
                "Play; the new kernel's resident memory then (and its peak).", "",
                pageload_table(results["pageload"]), ""]
    return "\n".join(out)

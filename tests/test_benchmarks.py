"""The benchmark code on tiny shapes: the report's structure and the FLOP counts.

Benchmarks measure speed; these tests never do. They check that the numbers the
report is built from are the right ones (FLOPs from the shapes, the same maths as
PyTorch) and that every section is written.
"""

import json

import numpy as np
import pytest

from benchmarks import gemm, report, scaling, step, torch_step
from benchmarks.__main__ import Config, collect, main
from dnn_course.explorer.session import HISTORY_POINTS


def hand_flops(layer_dims, m):
    """2 n[l] n[l-1] m for W A and for dZ A.T in every layer, and for W.T dZ in layers 2..L."""
    pairs = [n * n_prev for n_prev, n in zip(layer_dims[:-1], layer_dims[1:], strict=False)]
    return 2 * m * (2 * sum(pairs) + sum(pairs[1:]))


@pytest.mark.parametrize(
    "layer_dims, m",
    [([3, 4, 2, 1], 5), ([12288, 20, 7, 5, 1], 209), ([784, 512, 512, 256, 1], 1024), ([2, 1], 7)],
)
def test_step_flops_match_the_hand_formula(layer_dims, m):
    assert gemm.step_flops(layer_dims, m) == hand_flops(layer_dims, m)


def test_one_step_has_two_products_per_layer_plus_dA_prev_above_layer_1():
    products = gemm.matmul_products([3, 4, 2, 1], 5)
    assert [name.split(" =")[0] for name, _ in products] == [
        "Z1", "dW1", "Z2", "dW2", "dA1", "Z3", "dW3", "dA2",
    ]
    assert dict(products)["dW2 = dZ2 @ A1.T"] == (2, 5, 4)  # (n[2], m) @ (m, n[1])
    assert dict(products)["dA1 = W2.T @ dZ2"] == (4, 2, 5)  # (n[1], n[2]) @ (n[2], m)


def test_gemm_bound_times_every_product_with_its_real_shape():
    rng = np.random.default_rng(0)
    case = step.random_case("tiny", [3, 4, 2, 1], 5, rng)
    bound = gemm.gemm_bound(case, repeats=2)
    for (left, right), row in zip(gemm.operands(case, rng), bound["products"], strict=True):
        rows, inner, cols = row["shape"]
        assert left.shape == (rows, inner) and right.shape == (inner, cols)
        assert row["seconds"] > 0
    assert bound["flops"] == sum(row["flops"] for row in bound["products"])
    assert bound["bound_seconds"] == pytest.approx(sum(r["seconds"] for r in bound["products"]))


def test_the_width_series_passes_through_the_large_shape():
    assert scaling.width_dims(512) == scaling.LARGE_DIMS


@pytest.mark.skipif(not torch_step.available(), reason="PyTorch (the bench extra) not installed")
def test_pytorch_step_does_the_same_maths():
    case = step.random_case("tiny", [3, 4, 2, 1], 6, np.random.default_rng(1))
    assert torch_step.max_difference(case, steps=5) < 1e-12


def test_report_has_every_section(tmp_path):
    rng = np.random.default_rng(0)
    cases = [step.random_case("tiny", [3, 4, 2, 1], 5, rng), step.explorer_case()]
    config = Config(repeats=1, scaling_m=(4, 8), scaling_width=(2, 4), notebooks=False)
    results = collect(config, {"step", "bounds", "waits"}, cases, before_rev="HEAD")
    results["scaling_m"] = scaling.in_m(config.scaling_m, 1)
    path = report.write(results, tmp_path)
    text = path.read_text()
    for heading in ("## Training step", "## Before and after", "## The step's matrix products",
                    "## Scaling in m", "## What students wait for", "OPENBLAS_CORETYPE"):
        assert heading in text
    assert ("PyTorch ms" in text) == torch_step.available()
    assert "| tiny | [3, 4, 2, 1] | 5 |" in text
    assert "| tiny | " in text.split("## Before and after")[1]
    assert (tmp_path / "scaling_m.png").stat().st_size > 0
    saved = json.loads((tmp_path / "results.json").read_text())
    assert saved["steps"][0]["flops"] == hand_flops([3, 4, 2, 1], 5)
    assert saved["steps"][0]["gemm_fraction"] > 0
    tick = saved["waits"]["explorer_tick"]
    assert tick["layer_dims"] == [2, 8, 8, 1] and tick["m"] == 500  # the default network
    assert tick["played"] > HISTORY_POINTS  # timed where Play spends its time: a long run
    assert saved["waits"]["session_steps"]["seconds"] > 0 and tick["tick_seconds"] > 0
    assert f"{tick['tick_seconds'] * 1e3:.1f} ms" in text


def test_unknown_part_is_refused(capsys):
    with pytest.raises(SystemExit):
        main(["--parts", "step,speed"])
    assert "--parts takes" in capsys.readouterr().err


def test_training_skips_rechecks_only_inside_its_own_iterations():
    """L_layer_model checks in iteration 0 only, but a callback and later calls are checked."""
    from dnn_course import L_layer_model, L_model_forward, make_dataset

    X, Y = make_dataset("circle", 40, rng=0)
    seen = []

    def callback(i, cost, parameters, grads):
        with pytest.raises(ValueError, match="X has 3 rows but W1 expects 2"):
            L_model_forward(np.ones((3, 5)), parameters)
        seen.append(i)

    parameters, _ = L_layer_model(X, Y, [2, 4, 1], 0.1, 3, callback=callback, callback_every=1)
    assert seen == [0, 1, 2]
    with pytest.raises(ValueError, match="X has 3 rows but W1 expects 2"):
        L_model_forward(np.ones((3, 5)), parameters)


def test_a_class_waits_for_the_cores_or_for_the_one_server_process():
    from benchmarks.pageload import class_wait

    assert class_wait(1.6, 0.01, students=200, cores=16) == pytest.approx(20)  # the cores
    assert class_wait(1.6, 0.5, students=200, cores=16) == pytest.approx(100)  # the server


def test_the_call_counts_print_a_row_per_case_and_no_guard_calls_in_the_loop(capsys):
    from benchmarks import calls

    calls.main([])
    rows = [line.split("|")[1:-1] for line in capsys.readouterr().out.splitlines()[2:]]
    assert [row[1].strip() for row in rows] == [
        "L_layer_model [64, 20, 7, 5, 1]", "L_layer_model [2, 8, 8, 1]",
        "explorer Session.step [2, 8, 8, 1]"]
    for row in rows:
        guard_calls, python_calls, c_calls = (float(cell) for cell in row[2:])
        assert guard_calls <= 5 and python_calls > 0 and c_calls > 0


def test_the_memory_benchmark_records_the_iterations_of_its_hours():
    from benchmarks import memory

    result = memory.measure("default", hours=0.001, seconds=0.2)
    rate = result["iterations_per_second"]
    assert result["iterations"] >= int(rate * 3.6) - 1 and result["history_entries"] <= 401
    assert result["growth_mib"] == round(result["end_mib"] - result["start_mib"], 1)
    assert "ok" in memory.summary({"runs": [result]}) or not result["within_limit"]


def test_the_breakdown_times_every_piece_of_the_step_and_what_is_left(capsys):
    from benchmarks import breakdown

    breakdown.main(["--rounds", "1"])
    out = capsys.readouterr().out
    for case in ("digits [64, 20, 7, 5, 1]", "explorer [2, 8, 8, 1]"):
        assert f"{case}, m = " in out
    for piece in ("forward, layer 4 (sigmoid)", "backward, layer 1 (relu)", "cost J", "dA[L]",
                  "update W, b", "watch: W, b finite", "the loop's own Python"):
        assert f"| {piece}" in out
    assert "the matrix products alone (GEMM bound)" in out
    rows = [line.split("|") for line in out.splitlines() if line.startswith("| forward")]
    assert len(rows) == 4 + 3 and all(float(row[2]) > 0 for row in rows)

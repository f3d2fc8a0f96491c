"""A fast smoke test of benchmarks/bench.py's pure helpers: no timing, no worker processes."""

import importlib.util
import math
from pathlib import Path

import pytest

from micrograd.engine import Value, topological_order

BENCH = Path(__file__).resolve().parent.parent / "benchmarks" / "bench.py"


@pytest.fixture(scope="module")
def bench():
    spec = importlib.util.spec_from_file_location("bench", BENCH)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_make_moons_is_reproducible(bench):
    X, y = bench.make_moons(100, 0.1, 1337)
    assert X.shape == (100, 2) and y.shape == (100,)
    assert sorted(set(y.tolist())) == [-1, 1] and (y == 1).sum() == 50
    X2, y2 = bench.make_moons(100, 0.1, 1337)
    assert (X == X2).all() and (y == y2).all()


def test_initial_parameters_follow_010s_layout(bench):
    flat = bench.initial_parameters(bench.SIZES, 1337)
    assert len(flat) == 337
    assert flat[2] == 0.0  # first neuron: two weights, then its bias, 0
    assert all(-1 <= v <= 1 for v in flat)
    assert flat == bench.initial_parameters(bench.SIZES, 1337)


def test_bare_workload_runs_on_our_engine(bench):
    layers, params = bench.bare_model(Value, bench.SIZES, 1337)
    assert len(params) == 337
    X = [[0.5, -0.2], [1.0, 0.3]]
    loss, accuracy = bench.bare_loss(Value, layers, params, X, [1.0, -1.0])
    assert math.isfinite(loss.data) and 0 <= accuracy <= 1
    assert bench.count_nodes(loss) == len(topological_order(loss))


def test_goals_table_says_met_and_missed(bench):
    rows = [{"measure": "engine", "ratio": 6.0, "goal": 5.0, "met": "met"},
            {"measure": "e2e", "ratio": 4.0, "goal": 10.0, "met": "MISSED"},
            {"measure": "nodes", "ratio": None, "goal": None, "met": ""}]
    suite = {"seconds": 80.0, "returncode": 0, "notebooks": ["01_a.ipynb"], "summary": "ok",
             "command": "pytest notebooks"}
    table = bench.goals_table(rows, suite)
    assert "| engine: ≥ 5× better than 0.1.0 | 6.0× | met |" in table
    assert "| e2e: ≥ 10× better than 0.1.0 | 4.0× | MISSED |" in table
    assert "nodes" not in table
    assert "| 80 s | met |" in table
    assert "| 130 s | MISSED |" in bench.goals_table(rows, {**suite, "seconds": 130.0})
    assert "(FAILED) | MISSED |" in bench.goals_table(rows, {**suite, "returncode": 1})
    assert "notebook" not in bench.goals_table(rows, None)


def test_results_markdown_is_self_contained(bench):
    suite = {"seconds": 80.0, "returncode": 0, "notebooks": ["01_a.ipynb", "02_b.ipynb"],
             "summary": "10 passed", "command": "pytest notebooks"}
    text = bench.results_markdown("GOALS", "TABLE", "NOTES", suite, [])
    assert "`.venv/bin/python benchmarks/bench.py`" in text
    for part in ("## Goals", "GOALS", "TABLE", "NOTES", "`01_a.ipynb`, `02_b.ipynb`"):
        assert part in text
    assert "--quick" in bench.results_markdown("G", "T", "N", None, ["--quick"])


def test_median_of_nothing_is_nan(bench):
    assert math.isnan(bench.med([]))
    assert bench.med([3, 1, 2]) == 2


def test_per_round_ratios_pair_the_workers_of_each_round(bench):
    ours = [{"step_s": [9.0, 1.0, 1.0]}, {"step_s": [9.0, 2.0, 2.0]}]
    ref = [{"step_s": [9.0, 10.0, 10.0]}, {"step_s": [9.0, 10.0, 10.0]}]
    assert bench.per_round_ratios(ours, ref, skip=1) == [10.0, 5.0]

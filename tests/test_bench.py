"""The benchmark runs and prints its table; no timing is asserted (a shared CI box is too noisy)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from conv_viz.core.strategies import STRATEGIES
from tests.perf import engine

REPO = Path(__file__).parents[1]


def test_quick_bench_prints_the_table() -> None:
    run = subprocess.run(
        [sys.executable, "-m", "tests.perf.engine", "--quick", "--repeats", "1", "--only", "engine"],
        capture_output=True,
        text=True,
        check=True,
        cwd=REPO,
        timeout=120,
    )
    out = run.stdout
    assert "threads: numpy BLAS" in out
    for dtype in ("float64", "float32"):
        assert f"conv1d, {dtype}" in out
        assert f"geometric mean ratio {dtype}" in out
    for shape in engine.QUICK_SUITE:
        assert shape.name in out
    for name in STRATEGIES:
        assert name in out


def test_the_report_has_the_engine_then_the_app() -> None:
    assert list(engine.SECTIONS.values()) == [engine.conv1d_section, engine.app_section]


def test_latency_report_gives_each_measure_its_ratio_and_target() -> None:
    from tests.browser import Painted
    from tests.perf.latency import Figures, report

    lines = report(Figures(2.5, 2.0, 30.0, None), Figures(4.5, 2.4, 120.0, Painted(140.0, 200.0)))
    assert "| cold start s | 2.50 | 4.50 | 1.80 | ≤ 4 | MISSES |" in lines
    assert "| new visit s | 2.00 | 2.40 | 1.20 | ≤ 2.5 | meets |" in lines
    assert "| rerun ms | 30 | 120 | 4.00 | ≤ 150 | meets |" in lines
    assert "| pin ms | — | 140 | — | ≤ 250 | meets |" in lines
    assert "| pin, run over ms | — | 200 | — | — | — |" in lines

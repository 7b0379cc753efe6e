"""The app's benchmark section runs and prints both tables (no time is asserted: a shared CI box is too noisy).

Browser-bound (it starts its own server and Chromium), so it lives with the e2e tests.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]


def test_quick_app_bench_prints_both_tables() -> None:
    run = subprocess.run(
        [sys.executable, "-m", "tests.perf.pages", "--quick", "--repeats", "1"],
        capture_output=True, text=True, check=True, cwd=REPO, timeout=300,
    )  # fmt: skip
    out = run.stdout
    assert "App, server side" in out
    assert "playground       default" in out
    assert "slowest largest view" in out
    assert "App in a real browser" in out
    assert "cold start" in out
    assert "median rerun" in out
    assert "its sum painted" in out  # the pin, timed by the page (Session.paint_ms)
    assert "server memory" in out


def test_quick_latency_bench_prints_every_row_beside_the_floor() -> None:
    run = subprocess.run(
        [sys.executable, "-m", "tests.perf.latency", "--colds", "1", "--visits", "1", "--reruns", "2"],
        capture_output=True, text=True, check=True, cwd=REPO, timeout=300,
    )  # fmt: skip
    rows = [line for line in run.stdout.splitlines() if line.startswith("| ") and not line.startswith("| measure")]
    names = [row.split("|")[1].strip() for row in rows if not row.startswith("| ---")]
    assert names == ["cold start s", "new visit s", "rerun ms", "pin ms", "pin, run over ms"]
    assert "load average" in run.stdout

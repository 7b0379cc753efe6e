"""What import-linter cannot see: torch loads only when a torch check runs.

The layer rules themselves are import-linter contracts in ``pyproject.toml`` (``make lint``). They read
import statements; ``reference`` imports torch inside its functions, so this test imports the modules in a
fresh interpreter and reads ``sys.modules``: whatever this test process already imported cannot hide a leak.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

REPO_ROOT = Path(__file__).resolve().parents[1]


@pytest.mark.parametrize(
    "modules",
    [
        ["conv_viz.reference"],
        ["conv_viz.data", "conv_viz.views.scene", "conv_viz.views.gallery", "conv_viz.figures"],
        # the views that replay tutorials, quiz, matrices and training call reference only when they run torch
        [f"conv_viz.views.{m}" for m in ("replay", "replay_models", "quiz", "worked_answers", "matrix", "backward")],
    ],
    ids=["reference", "views-and-figures", "views-that-check-with-torch"],
)
def test_importing_does_not_load_torch(modules: list[str]) -> None:
    code = (
        "import importlib, json, sys\n"
        f"for name in {modules!r}:\n"
        "    importlib.import_module(name)\n"
        "print(json.dumps('torch' in sys.modules))\n"
    )
    proc = subprocess.run(
        [sys.executable, "-c", code], cwd=REPO_ROOT, capture_output=True, text=True, timeout=120, check=False
    )
    assert proc.returncode == 0, f"importing {modules} failed:\n{proc.stderr}"
    assert json.loads(proc.stdout.strip().splitlines()[-1]) is False, f"importing {modules} loaded torch"

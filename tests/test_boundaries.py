"""The layering in DESIGN.md, checked: heavy or UI libraries stay where they belong.

Each check imports modules in a fresh interpreter and reads ``sys.modules``, so
whatever this test process already imported cannot hide a leak.
"""

from __future__ import annotations

import importlib.util
import json
import subprocess
import sys
from pathlib import Path

import pytest

REPO_ROOT = Path(__file__).resolve().parents[1]
HEAVY = ("streamlit", "plotly", "torch")

# (modules imported together, libraries that must stay out of sys.modules)
BOUNDARIES = [
    pytest.param(
        ["conv_viz.params", "conv_viz.geometry", "conv_viz.engine", "conv_viz.data", "conv_viz.url_state"],
        ("streamlit", "plotly", "torch"),
        id="core-numpy-only",
    ),
    # torch is imported lazily inside reference's functions: the app runs without it.
    pytest.param(["conv_viz.reference"], ("streamlit", "torch"), id="reference-lazy-torch"),
    pytest.param(["conv_viz.i18n", "conv_viz.errors"], ("streamlit", "plotly", "torch"), id="i18n-errors"),
    # the code the app hands out is text: writing a PyTorch snippet needs no torch
    pytest.param(["conv_viz.snippets"], ("streamlit", "plotly", "torch"), id="snippets-text-only"),
]


def _loaded_after_import(modules: list[str]) -> list[str]:
    """Import ``modules`` in a fresh interpreter; return which HEAVY libraries got loaded."""
    code = (
        "import importlib, json, sys\n"
        f"for name in {modules!r}:\n"
        "    importlib.import_module(name)\n"
        f"print(json.dumps(sorted(m for m in {list(HEAVY)!r} if m in sys.modules)))\n"
    )
    proc = subprocess.run(
        [sys.executable, "-c", code], cwd=REPO_ROOT, capture_output=True, text=True, timeout=120, check=False
    )
    assert proc.returncode == 0, f"importing {modules} failed:\n{proc.stderr}"
    loaded: list[str] = json.loads(proc.stdout.strip().splitlines()[-1])
    return loaded


@pytest.mark.parametrize(("modules", "forbidden"), BOUNDARIES)
def test_layer_does_not_import(modules: list[str], forbidden: tuple[str, ...]) -> None:
    leaked = sorted(set(_loaded_after_import(modules)) & set(forbidden))
    assert not leaked, f"importing {modules} pulled in {leaked}"


def test_figures_do_not_import_streamlit_or_torch() -> None:
    """Figure builders return go.Figure; only pages talk to Streamlit."""
    if importlib.util.find_spec("conv_viz.figures") is None:
        pytest.skip("conv_viz.figures does not exist yet")
    leaked = sorted(set(_loaded_after_import(["conv_viz.figures"])) & {"streamlit", "torch"})
    assert not leaked, f"importing conv_viz.figures pulled in {leaked}"

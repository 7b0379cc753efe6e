"""Plotly figure builders: arrays and geometry in, ``go.Figure`` out; never ``st.*``.

Figures are assembled as plain dicts and wrapped once by ``figure``, without
Plotly's validation: validating the playground's animation (a dozen frames)
took about half of a rerun's server time, and the app's figures are checked
once, by the tests, which validate every figure every page sends
(``tests/test_figures_valid.py``).
"""

from __future__ import annotations

from typing import Any

import plotly.graph_objects as go


def figure(spec: dict[str, Any]) -> go.Figure:
    """``go.Figure(spec)`` trusted as written: the same JSON, without validating each property again."""
    return go.Figure(spec, _validate=False)

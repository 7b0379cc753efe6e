"""One ``go.Figure`` for every builder's dict: why it is not validated is in the package's docstring.

Its own module, so that importing ``conv_viz.figures.style`` (colours, number formats) imports no Plotly.
"""

from __future__ import annotations

from typing import Any

import plotly.graph_objects as go


def figure(spec: dict[str, Any]) -> go.Figure:
    """``go.Figure(spec)`` trusted as written: the same JSON, without validating each property again."""
    return go.Figure(spec, _validate=False)

"""The whole signal at a glance, for inputs longer than the animation's window."""

from __future__ import annotations

from typing import Any

import numpy as np
import plotly.graph_objects as go

from conv_viz.core.geometry import ConvGeometry
from conv_viz.core.params import Conv1dParams
from conv_viz.figures import style
from conv_viz.figures.sliding import View
from conv_viz.figures.wrap import figure
from conv_viz.i18n import translate

MAX_POINTS = 4000  # per line; longer signals are strided for drawing only (the numbers are never resampled)


def _line(values: np.ndarray, positions: np.ndarray, name: str, color: str, axis: str) -> dict[str, Any]:
    step = max(1, -(-values.size // MAX_POINTS))  # ceil: at most MAX_POINTS drawn
    return {
        "type": "scattergl" if values.size > 2000 else "scatter",
        "x": positions[::step],
        "y": values[::step],
        "mode": "lines",
        "name": name,
        "line": {"color": color, "width": 1.4},
        "yaxis": axis,
    }


def overview_figure(
    x: np.ndarray,
    y: np.ndarray,
    params: Conv1dParams,
    geometry: ConvGeometry,
    view: View,
    n: int,
    o: int,
    t: int,
    lang: str = "en",
) -> go.Figure:
    """Input channel(s) of the pinned group and output channel ``o``, with the animated window shaded.

    Outputs are drawn at the input index where their window starts, so both
    lines share one axis of input positions; causal outputs at their window's
    last tap instead (y[t] over x[t·stride]: no output sits left of what it reads).
    """
    colors = [style.BLUE, style.GREEN, style.SKY, style.PURPLE]
    data = [_line(x[c], np.arange(x.shape[1]), f"x[{n},{c}]", colors[i % 4], "y") for i, c in enumerate(view.rows[:4])]
    shift = params.span - 1 if params.causal else 0
    placed = np.arange(geometry.out_length) * params.stride - geometry.pad_left + shift
    data.append(_line(y[o], placed, f"y[{n},{o}]", style.VERMILION, "y2"))
    lo = view.columns.start - geometry.pad_left
    hi = view.columns.stop - 1 - geometry.pad_left
    pinned = t * params.stride - geometry.pad_left + shift
    layout = {
        "height": 260,
        "margin": {"l": 60, "r": 20, "t": 30, "b": 40},
        "plot_bgcolor": "white",
        "title": {"text": translate(lang, "fig.overview"), "font": {"size": 13}},
        # anchored to the lower plot: ticks and title under both lines, not across the output line
        "xaxis": {
            "title": {"text": translate(lang, "fig.input_index_causal" if params.causal else "fig.input_index")},
            "showgrid": False,
            "anchor": "y2",
        },
        "yaxis": {"domain": [0.52, 1.0], "zeroline": True},
        "yaxis2": {"domain": [0.0, 0.45], "zeroline": True},
        "legend": {"orientation": "h", "y": 1.12},
        "shapes": [
            {
                "type": "rect",
                "xref": "x",
                "yref": "paper",
                "x0": lo,
                "x1": hi,
                "y0": 0,
                "y1": 1,
                "fillcolor": "rgba(230,159,0,0.15)",
                "line": {"width": 0},
            },
            {
                "type": "line",
                "xref": "x",
                "yref": "paper",
                "x0": pinned,
                "x1": pinned,
                "y0": 0,
                "y1": 1,
                "line": {"color": style.INK, "width": 1, "dash": "dot"},
            },
        ],
    }
    return figure({"data": data, "layout": layout})

"""The transposed page's small figures: writes per output cell, and the Conv1d round trip."""

from __future__ import annotations

from typing import Any

import numpy as np
import plotly.graph_objects as go

from conv_viz.figures import style
from conv_viz.figures.wrap import figure
from conv_viz.i18n import translate

MAX_STRIP = 120  # output cells in the overlap strip; the pattern repeats with period stride
MAX_POINTS = 4000  # per line in the round-trip plot (drawing only; numbers are never resampled)


def overlap_figure(counts: np.ndarray, lang: str = "en") -> go.Figure:
    """One row of output cells, each labelled with how many (i, k) pairs write it; darker = more writes."""
    shown = counts[:MAX_STRIP]
    top = max(1, int(shown.max(initial=0)))
    text = [str(int(c)) for c in shown] if shown.size <= 60 else [""] * shown.size
    data = {
        "type": "heatmap",
        "x": list(range(shown.size)),
        "y": [0],
        "z": [shown.tolist()],
        "text": [text],
        "texttemplate": "%{text}",
        "zmin": 0,
        "zmax": top,
        "colorscale": [[0.0, "#FFFFFF"], [1.0, style.BLUE]],
        "showscale": False,
        "xgap": 2,
        "hovertemplate": translate(lang, "tfig.hover_count") + "<extra></extra>",
    }
    layout = {
        "height": 150,
        "margin": {"l": 120, "r": 20, "t": 10, "b": 50},
        "plot_bgcolor": "white",
        "dragmode": False,
        "xaxis": {
            "title": {"text": translate(lang, "tfig.count_axis"), "font": {"size": 12, "color": style.GREY}},
            "showgrid": False,
            "zeroline": False,
        },
        "yaxis": {"tickvals": [0], "ticktext": [translate(lang, "tfig.count_row")], "showgrid": False},
    }
    return figure({"data": [data], "layout": layout})


def _line(values: np.ndarray, name: str, color: str, dash: str, symbol: str) -> dict[str, Any]:
    step = max(1, values.size // MAX_POINTS)
    return {
        "type": "scatter",
        "x": np.arange(values.size)[::step],
        "y": values[::step],
        "mode": "lines+markers" if values.size <= 200 else "lines",
        "name": name,
        "line": {"color": color, "width": 2, "dash": dash},
        "marker": {"symbol": symbol, "size": 6},
    }


def round_trip_figure(z: np.ndarray, back: np.ndarray, name_z: str, name_back: str, lang: str = "en") -> go.Figure:
    """z and conv_transpose1d(conv1d(z)) on one axis: solid circles vs dashed squares, not colour alone."""
    layout = {
        "height": 300,
        "margin": {"l": 60, "r": 20, "t": 20, "b": 50},
        "plot_bgcolor": "white",
        "dragmode": False,
        "hovermode": "x unified",
        "legend": {"orientation": "h", "y": 1.12},
        "xaxis": {"title": {"text": translate(lang, "tfig.round_axis")}, "showgrid": False, "zeroline": False},
        "yaxis": {"zeroline": True, "zerolinecolor": "#DDDDDD", "gridcolor": "#F0F0F0"},
    }
    data = [
        _line(z, name_z, style.BLUE, "solid", "circle"),
        _line(back, name_back, style.VERMILION, "dash", "square"),
    ]
    return figure({"data": data, "layout": layout})

"""The receptive-field tower and the input's dependency map.

The tower draws one row per tensor along the length axis, input at the
bottom. A cell of a deeper layer sits at the centre of its receptive field
in input coordinates and is ``jump`` cells wide, so strides spread the cells
out and dilation shows as widening gaps between the cells a window reads.
Padding cells carry a hatch pattern; cells the chosen output depends on are
orange (stronger = more of the tensor's channels), so the picture does not
rest on colour alone.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any

import numpy as np
import plotly.graph_objects as go

from conv_viz.figures import style
from conv_viz.figures.wrap import figure
from conv_viz.i18n import translate
from conv_viz.stack.layers import Conv, MaxPool2d, Pool1d, ReLU
from conv_viz.stack.receptive import Dependencies
from conv_viz.stack.trace import Step, Trace

MAX_TOWER_WIDTH = 160  # input positions drawn; a longer stack is drawn around the chosen cell
LABEL_CHARS = 30
READ_LINE = "#8A5A00"  # a darker orange: read cells keep an outline even where the fill is pale


@dataclass(frozen=True)
class Row:
    """One tensor of the tower: its index (0 = input), geometry in input coordinates, and its label."""

    tensor: int
    length: int
    channels: int
    start: float
    jump: int
    label: str
    pads: tuple[int, int]  # padding cells the next windowed layer adds around it
    consumer: int | None  # that layer's number, whose padded mask lights the pads


def _label(step: Step) -> str:
    text = step.placed.source if len(step.placed.source) <= LABEL_CHARS else step.placed.source[: LABEL_CHARS - 1] + "…"
    return f"{step.number} · {text}"


def tower_rows(t: Trace, chosen: int) -> list[Row]:
    """The input, then each positional layer's output (a ReLU only when chosen: it repeats the row below)."""
    rows = [Row(0, t.in_shape[2], t.in_shape[1], 0.0, 1, "x", (0, 0), None)]
    for step in t.steps:
        if not step.positional:
            break
        layer = step.placed.layer
        if isinstance(layer, Conv | Pool1d | MaxPool2d):  # pads belong to the row this layer reads
            rows[-1] = replace(rows[-1], pads=step.pads, consumer=step.number)
        if isinstance(layer, ReLU) and step.number != chosen:
            continue
        assert step.start is not None  # positional steps have both
        assert step.jump is not None
        rows.append(
            Row(step.number, step.out_shape[2], step.out_shape[1], step.start, step.jump, _label(step), (0, 0), None)
        )
    return rows


def tower_window(rows: list[Row], centre: float, width: int = MAX_TOWER_WIDTH) -> tuple[float, float]:
    """The input-coordinate range drawn: everything when it fits, else ``width`` around ``centre``."""
    lo = min(r.start - (r.pads[0] + 0.5) * r.jump for r in rows)
    hi = max(r.start + (r.length + r.pads[1] - 0.5) * r.jump for r in rows)
    if hi - lo <= width:
        return lo, hi
    left = min(max(centre - width / 2, lo), hi - width)
    return left, left + width


def _bars(
    name: str,
    xs: list[float],
    ys: list[int],
    widths: list[float],
    colors: list[str],
    custom: list[Any],
    hover: list[str],
    pattern: str,
    line: list[str],
) -> dict[str, Any]:
    return {
        "type": "bar",
        "name": name,
        "x": xs,
        "y": [0.76] * len(xs),
        "base": [y - 0.38 for y in ys],
        "width": widths,
        "customdata": custom,
        "hovertext": hover,
        "hoverinfo": "text",
        "marker": {
            "color": colors,
            "line": {"color": line, "width": 1},
            "pattern": {"shape": pattern, "fgcolor": style.GREY, "size": 6, "fillmode": "overlay"},
        },
    }


def tower_figure(
    t: Trace, deps: Dependencies | None, rows: list[Row], window: tuple[float, float], lang: str
) -> go.Figure:
    """Bars per tensor cell; clicking a cell chooses it (customdata = [layer, position])."""
    groups: dict[str, dict[str, list[Any]]] = {
        key: {k: [] for k in "xywclhs"} for key in ("cell", "read", "pad", "pad_read")
    }
    lo, hi = window
    for y, row in enumerate(rows):
        mask = deps.masks[row.tensor][0] if deps is not None and row.tensor <= deps.layer else None
        slots = (
            deps.padded[row.consumer - 1] if deps is not None and row.consumer and row.consumer <= deps.layer else None
        )
        for p in range(-row.pads[0], row.length + row.pads[1]):
            x = row.start + p * row.jump
            if not lo <= x <= hi:
                continue
            inside = 0 <= p < row.length
            if inside:
                count = int(mask[:, p].sum()) if mask is not None else 0
                kind = "read" if count else "cell"
                alpha = 0.35 + 0.65 * count / row.channels
                color = f"rgba(230,159,0,{alpha:.2f})" if count else "#F2F2F2"
                text = translate(lang, "fig.rf_cell", label=row.label, p=p, count=count, channels=row.channels)
            else:
                read = slots is not None and bool(slots[0, :, p + row.pads[0]].any())
                kind = "pad_read" if read else "pad"
                color = "rgba(213,94,0,0.35)" if read else "white"
                text = translate(lang, "fig.rf_pad", label=row.label, p=p, read="✓" if read else "—")
            g = groups[kind]
            g["x"].append(x)
            g["y"].append(y)
            g["w"].append(0.88 * row.jump)
            g["c"].append(color)
            g["l"].append(READ_LINE if kind in ("read", "pad_read") else style.GREY)
            g["h"].append(text)
            g["s"].append([row.tensor, p])
    data = []
    for key, pattern in (("cell", ""), ("read", ""), ("pad", "/"), ("pad_read", "/")):
        g = groups[key]
        data.append(
            _bars(
                translate(lang, f"fig.rf_legend_{key}"), g["x"], g["y"], g["w"], g["c"], g["s"], g["h"], pattern, g["l"]
            )
        )
    shapes = []
    if deps is not None:
        top = next((y for y, r in enumerate(rows) if r.tensor == deps.layer), None)
        if top is not None:
            row = rows[top]
            x = row.start + deps.cell[1] * row.jump
            shapes.append(
                {
                    "type": "rect",
                    "x0": x - 0.5 * row.jump,
                    "x1": x + 0.5 * row.jump,
                    "y0": top - 0.46,
                    "y1": top + 0.46,
                    "line": {"color": style.INK, "width": 3},
                }
            )
    layout = {
        "height": 90 + 44 * len(rows),
        "margin": {"l": 200, "r": 20, "t": 30, "b": 50},
        "plot_bgcolor": "white",
        "barmode": "overlay",
        "bargap": 0,
        "clickmode": "event+select",
        "legend": {"orientation": "h", "y": 1.02, "yanchor": "bottom", "x": 0},
        "xaxis": {
            "title": {"text": translate(lang, "fig.rf_x")},
            "range": [lo - 0.5, hi + 0.5],
            "zeroline": False,
            "showgrid": False,
        },
        "yaxis": {
            "tickvals": list(range(len(rows))),
            "ticktext": [r.label for r in rows],
            "range": [-0.6, len(rows) - 0.4],
            "showgrid": False,
            "zeroline": False,
            "fixedrange": True,
        },
        "shapes": shapes,
    }
    return figure({"data": data, "layout": layout})


def input_figure(mask: np.ndarray, gradient: np.ndarray | None, window: tuple[float, float], lang: str) -> go.Figure:
    """x's cells (channel × position): orange where the chosen output depends on them; • where torch's gradient ≠ 0."""
    channels, length = mask.shape
    lo, hi = max(0, int(np.ceil(window[0]))), min(length - 1, int(np.floor(window[1])))
    cols = np.arange(lo, hi + 1)
    z = mask[:, cols].astype(float)
    hover = [[translate(lang, "fig.rf_input_hover", c=c, i=int(i)) for i in cols] for c in range(channels)]
    data: list[dict[str, Any]] = [
        {
            "type": "heatmap",
            "x": cols,
            "y": list(range(channels)),
            "z": z,
            "zmin": 0,
            "zmax": 1,
            "colorscale": [[0, "#F2F2F2"], [1, style.ORANGE]],
            "showscale": False,
            "xgap": 1,
            "ygap": 1,
            "customdata": hover,
            "hovertemplate": "%{customdata}: %{z}<extra></extra>",
        }
    ]
    if gradient is not None:
        c_idx, i_idx = np.nonzero(gradient[:, cols])
        data.append(
            {
                "type": "scatter",
                "x": cols[i_idx],
                "y": c_idx,
                "mode": "markers",
                "name": translate(lang, "fig.rf_grad"),
                "marker": {"symbol": "circle", "size": 5, "color": style.INK},
                "hoverinfo": "skip",
            }
        )
    layout = {
        "height": min(700, 110 + 18 * channels),
        "margin": {"l": 60, "r": 20, "t": 30, "b": 45},
        "plot_bgcolor": "white",
        "showlegend": gradient is not None,
        "legend": {"orientation": "h", "y": 1.02, "yanchor": "bottom", "x": 0},
        "xaxis": {"title": {"text": translate(lang, "fig.rf_input_x")}, "showgrid": False, "zeroline": False},
        "yaxis": {
            "title": {"text": translate(lang, "fig.rf_input_y")},
            "autorange": "reversed",
            "showgrid": False,
            "zeroline": False,
            "dtick": 1 if channels <= 16 else None,
        },
    }
    return figure({"data": data, "layout": layout})

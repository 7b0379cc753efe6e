"""Which input channels feed which output channels: small multiples over every groups value, and one wiring matrix.

Each panel is a bipartite diagram read from ``geometry.wiring``: input channels
on top, output channels below, one band per group joining the inputs it reads
to the outputs it writes. Bands are separate shapes with their group named on
hover, so colour is never the only cue.
"""

from __future__ import annotations

import math
from typing import Any

import numpy as np
import plotly.graph_objects as go

from conv_viz.core.geometry import wiring
from conv_viz.core.params import common_divisors
from conv_viz.figures import style
from conv_viz.figures.wrap import figure
from conv_viz.i18n import translate
from conv_viz.views.groups import kind

PALETTE = (style.BLUE, style.ORANGE, style.GREEN, style.VERMILION, style.SKY, style.PURPLE)
PER_ROW = 4  # panels per row of small multiples
MAX_EDGES = 400  # individual input→output lines per panel; beyond, the bands alone show the blocks
MAX_LABELS = 16  # channels per side that get a number
PANEL_PX = 240  # one small multiple: title band, diagram, frame


def _rgba(hex_color: str, alpha: float) -> str:
    r, g, b = (int(hex_color[i : i + 2], 16) for i in (1, 3, 5))
    return f"rgba({r},{g},{b},{alpha})"


def _panel(in_channels: int, out_channels: int, groups: int, axis: str, lang: str) -> list[dict[str, Any]]:
    """The traces of one bipartite diagram on axes x{axis}/y{axis}; inputs at y=1, outputs at y=0."""
    xa, ya = f"x{axis}", f"y{axis}"
    xin = (np.arange(in_channels) + 0.5) / in_channels
    xout = (np.arange(out_channels) + 0.5) / out_channels
    per_in, per_out = in_channels // groups, out_channels // groups
    traces: list[dict[str, Any]] = []
    for g in range(groups):
        color = PALETTE[g % len(PALETTE)]
        a, b = g * per_in / in_channels, (g + 1) * per_in / in_channels
        c, d = g * per_out / out_channels, (g + 1) * per_out / out_channels
        hover = translate(
            lang, "gfig.band", g=g, a=g * per_in, b=(g + 1) * per_in - 1, c=g * per_out, d=(g + 1) * per_out - 1
        )
        traces.append(
            {
                "type": "scatter",
                "x": [a, b, d, c, a],
                "y": [1, 1, 0, 0, 1],
                "fill": "toself",
                "mode": "lines",
                "fillcolor": _rgba(color, 0.22),
                "line": {"color": color, "width": 1},
                "hoveron": "fills",
                "text": hover,
                "hoverinfo": "text",
                "showlegend": False,
                "xaxis": xa,
                "yaxis": ya,
            }
        )
    if in_channels * per_out <= MAX_EDGES:
        wired = wiring(in_channels, out_channels, groups)
        xs: list[float | None] = []
        ys: list[float | None] = []
        for o, c in zip(*np.nonzero(wired), strict=True):
            xs += [float(xin[c]), float(xout[o]), None]
            ys += [1.0, 0.0, None]
        traces.append(style.strokes(xs, ys, {"color": "rgba(34,34,34,0.35)", "width": 1}, xaxis=xa, yaxis=ya))
    for values, count, level, per in ((xin, in_channels, 1.0, per_in), (xout, out_channels, 0.0, per_out)):
        labelled = count <= MAX_LABELS
        traces.append(
            {
                "type": "scatter",
                "x": values.tolist(),
                "y": [level] * count,
                "mode": "markers+text" if labelled else "markers",
                "text": [str(i) for i in range(count)] if labelled else None,
                "textposition": "top center" if level else "bottom center",
                "textfont": {"size": 10},
                "marker": {
                    "size": 9 if labelled else 5,
                    "line": {"width": 1, "color": style.INK},
                    "color": [PALETTE[(i // per) % len(PALETTE)] for i in range(count)],
                },
                "hoverinfo": "skip",
                "showlegend": False,
                "xaxis": xa,
                "yaxis": ya,
            }
        )
    return traces


def small_multiples(in_channels: int, out_channels: int, selected: int, lang: str = "en") -> go.Figure:
    """One diagram per valid groups value (all of common_divisors), the selected one framed."""
    options = common_divisors(in_channels, out_channels)
    columns = min(PER_ROW, len(options))
    rows = math.ceil(len(options) / columns)
    plot_px = rows * PANEL_PX

    def paper(px: float) -> float:
        """Paper y of a point ``px`` pixels below the top of the plot area."""
        return 1 - px / plot_px

    data: list[dict[str, Any]] = []
    layout: dict[str, Any] = {
        "height": plot_px + 8,
        "margin": {"l": 10, "r": 10, "t": 4, "b": 4},
        "plot_bgcolor": "white",
        "dragmode": False,
        "hovermode": "closest",
        "annotations": [],
        "shapes": [],
    }
    hidden = {"showgrid": False, "zeroline": False, "showticklabels": False, "fixedrange": True}
    for idx, g in enumerate(options):
        r, c = divmod(idx, columns)
        axis, top = str(idx + 1), r * PANEL_PX
        x0, x1 = c / columns + 0.02, (c + 1) / columns - 0.02
        data += _panel(in_channels, out_channels, g, axis, lang)
        layout[f"xaxis{axis}"] = {"domain": [x0, x1], "range": [-0.02, 1.02], **hidden}
        layout[f"yaxis{axis}"] = {
            "domain": [paper(top + PANEL_PX - 12), paper(top + 40)],
            "range": [-0.3, 1.3],
            **hidden,
        }
        title = f"groups={g} · {translate(lang, f'groups.kind_{kind(in_channels, g)}')}"
        layout["annotations"].append(
            {
                "text": f"<b>{title}</b>" if g == selected else title,
                "x": (x0 + x1) / 2,
                "y": paper(top + 20),
                "xref": "paper",
                "yref": "paper",
                "xanchor": "center",
                "yanchor": "middle",
                "showarrow": False,
                "font": {"size": 13},
            }
        )
        if g == selected:
            layout["shapes"].append(
                {
                    "type": "rect",
                    "xref": "paper",
                    "yref": "paper",
                    "x0": x0 - 0.012,
                    "x1": x1 + 0.012,
                    "y0": paper(top + PANEL_PX - 4),
                    "y1": paper(top + 4),
                    "line": {"color": style.INK, "width": 2},
                }
            )
    return figure({"data": data, "layout": layout})


def wiring_matrix(in_channels: int, out_channels: int, groups: int, lang: str = "en") -> go.Figure:
    """(out, in) grid: a cell is filled where output o reads input c, labelled with the weight row it uses."""
    wired = wiring(in_channels, out_channels, groups)
    per_in, per_out = in_channels // groups, out_channels // groups
    group = np.arange(out_channels)[:, None] // per_out
    z = np.where(wired, group, np.nan)
    small = in_channels <= 16 and out_channels <= 24
    text = [
        [f"w[{o},{c % per_in}]" if small and wired[o, c] else "" for c in range(in_channels)]
        for o in range(out_channels)
    ]
    scale: list[list[float | str]] = []
    for g in range(groups):  # a stepwise scale: group g is one flat colour
        color = _rgba(PALETTE[g % len(PALETTE)], 0.55)
        scale += [[g / groups, color], [(g + 1) / groups, color]]
    trace = {
        "type": "heatmap",
        "z": z.tolist(),
        "x": list(range(in_channels)),
        "y": list(range(out_channels)),
        "text": text,
        "texttemplate": "%{text}",
        "textfont": {"size": 10, "color": style.INK},
        "zmin": -0.5,
        "zmax": groups - 0.5,
        "colorscale": scale,
        "showscale": False,
        "xgap": 1,
        "ygap": 1,
        "hoverongaps": False,
        "hovertemplate": translate(lang, "gfig.matrix_hover") + "<extra></extra>",
    }
    cell_h = max(12, min(34, 520 // out_channels))
    cell_w = 62 if small else max(12, min(40, 700 // in_channels))  # room for "w[o,j]"
    axis = {"showgrid": False, "zeroline": False, "dtick": 1 if max(in_channels, out_channels) <= 32 else None}
    layout = {
        "width": max(320, 110 + cell_w * in_channels),
        "height": 110 + cell_h * out_channels,
        "margin": {"l": 70, "r": 10, "t": 10, "b": 60},
        "plot_bgcolor": "white",
        "dragmode": False,
        "xaxis": {"title": {"text": translate(lang, "gfig.matrix_x")}, **axis},
        "yaxis": {"title": {"text": translate(lang, "gfig.matrix_y")}, "autorange": "reversed", **axis},
    }
    return figure({"data": [trace], "layout": layout})

"""Heatmaps of the matrix page: the Toeplitz matrix T, the im2col columns, reshaped weights and outputs.

Large matrices are drawn through a window (``around``); the numbers behind a
window always come from the whole computation.
"""

from __future__ import annotations

import textwrap
from typing import Any

import numpy as np
import plotly.graph_objects as go

from conv_viz.core.geometry import ConvGeometry
from conv_viz.core.params import Conv1dParams
from conv_viz.core.toeplitz import Toeplitz, dense, tap_table
from conv_viz.figures import style
from conv_viz.figures.wrap import figure
from conv_viz.i18n import translate

MAX_T_ROWS = 72  # rows of T drawn: output cells
MAX_T_COLS = 120  # columns of T drawn: input cells
MAX_CELLS = 64  # rows and columns of the other matrices
WIDTH_PX = 1100  # the page's plot width at the wide layout, to keep cells about square
LABEL_CELLS = 40  # with at most this many columns, cells carry text


def around(total: int, centre: int, size: int) -> range:
    """A window of ``size`` indices of ``range(total)`` holding ``centre``, as centred as the ends allow.

    >>> around(100, 3, 10), around(100, 97, 10), around(5, 2, 10)
    (range(0, 10), range(90, 100), range(0, 5))
    """
    size = min(size, total)
    start = min(max(centre - size // 2, 0), total - size)
    return range(start, start + size)


def _height(rows: int, cols: int, extra: int = 110) -> int:
    cell = min(26.0, WIDTH_PX / max(cols, 1))
    return int(min(1100, max(220, rows * cell + extra)))


def _tap_labels(
    params: Conv1dParams, geometry: ConvGeometry, rows: range, cols: range
) -> dict[tuple[int, int], list[str]]:
    """Which weights each drawn cell of T holds: {(row, col): ["w[o,c,k]", …]}, from T's own tap table."""
    taps = tap_table(params, geometry, rows)
    keep = (taps["col"] >= cols.start) & (taps["col"] < cols.stop)  # a zero's column is −1: never drawn
    labels: dict[tuple[int, int], list[str]] = {}
    picked = (taps[name][keep].tolist() for name in ("row", "col", "o", "c", "k"))
    for r, j, o, c, k in zip(*picked, strict=True):
        labels.setdefault((r, j), []).append(f"w[{o},{c},{k}]")
    return labels


def toeplitz_figure(
    t: Toeplitz, params: Conv1dParams, geometry: ConvGeometry, rows: range, cols: range, pinned: int, lang: str
) -> go.Figure:
    """T's window as a heatmap: no entry blank, entries coloured by value, hover names the weight(s) inside."""
    z = dense(t, rows, cols, empty=np.nan)
    labels = _tap_labels(params, geometry, rows, cols)
    l_in, l_out = geometry.length, geometry.out_length
    hover, text = [], []
    for r in rows:
        o, tt = divmod(r, l_out)
        hover_row, text_row = [], []
        for j in cols:
            c, i = divmod(j, l_in)
            taps = labels.get((r, j))
            where = f"y[{o},{tt}] ← x[{c},{i}]"
            hover_row.append(f"{where}<br>{' + '.join(taps)}" if taps else where)
            text_row.append("+".join("k" + tap.split(",")[-1][:-1] for tap in taps) if taps else "")  # the taps k
        hover.append(hover_row)
        text.append(text_row)
    zmax = style.symmetric_range(np.nan_to_num(z))
    small = len(cols) <= LABEL_CELLS
    heat: dict[str, Any] = {
        "type": "heatmap",
        "x": list(cols),
        "y": list(rows),
        "z": z,
        "customdata": hover,
        "hovertemplate": "T[%{y}, %{x}] = %{z:.4f}<br>%{customdata}<extra></extra>",
        "hoverongaps": False,
        **style.value_colours(zmax, scale=True),
        "xgap": 1,
        "ygap": 1,
        "colorbar": {"title": {"text": "T"}, "thickness": 12},
    }
    if small:
        # No fixed size: Plotly fits the tap names to the cells (a phone's are ~9 px wide), at most the layout's 12 px
        heat |= {"text": text, "texttemplate": "%{text}", "textfont": {"color": style.INK}}
    shapes = [_line(c * l_in - 0.5, "x", rows) for c in range(1, params.in_channels) if c * l_in in cols]
    shapes += [_line(o * l_out - 0.5, "y", cols) for o in range(1, params.out_channels) if o * l_out in rows]
    if pinned in rows:
        shapes.append(
            {
                "type": "rect",
                "x0": cols.start - 0.5,
                "x1": cols.stop - 0.5,
                "y0": pinned - 0.5,
                "y1": pinned + 0.5,
                "line": {"color": style.INK, "width": 2},
            }
        )
    layout = {
        "height": _height(len(rows), len(cols)),
        "margin": {"l": 70, "r": 20, "t": 40, "b": 60},
        "plot_bgcolor": "white",
        "title": {"text": translate(lang, "fig.matrix_title"), "font": {"size": 13}, "x": 0.01},
        "xaxis": {"title": {"text": translate(lang, "fig.matrix_cols", l_in=l_in)}, "side": "top", "showgrid": False},
        "yaxis": {
            "title": {"text": translate(lang, "fig.matrix_rows", l_out=l_out)},
            "autorange": "reversed",
            "showgrid": False,
        },
        "shapes": shapes,
    }
    return figure({"data": [heat], "layout": layout})


def _line(at: float, axis: str, span: range) -> dict[str, Any]:
    """A block boundary of T: between input channels (vertical) or output channels (horizontal)."""
    ends = (span.start - 0.5, span.stop - 0.5)
    x0, x1, y0, y1 = (at, at, *ends) if axis == "x" else (*ends, at, at)
    return {"type": "line", "x0": x0, "x1": x1, "y0": y0, "y1": y1, "line": {"color": style.GREY, "width": 1.5}}


def _decimals(cell_px: float) -> int | None:
    """Decimals that fit a cell ``cell_px`` wide at the 10 px font: −0.1234 needs about 46 px, −0.12 about 32."""
    return 4 if cell_px >= 50 else 2 if cell_px >= 34 else None


def _labelled_axis(labels: list[str], **more: str) -> dict[str, Any]:
    """An axis with one tick per row or column, named by ``labels``, and no grid: the cells are the grid."""
    ticks = list(range(len(labels)))
    return {
        "tickvals": ticks,
        "ticktext": labels,
        "tickfont": {"size": 10},
        "showgrid": False,
        "zeroline": False,
        **more,
    }


def matrix_figure(
    values: np.ndarray,
    row_labels: list[str],
    col_labels: list[str],
    title: str,
    hover: list[list[str]] | None = None,
    highlight_col: int | None = None,
    max_width: int = WIDTH_PX,
) -> go.Figure:
    """A small matrix, values printed when they fit, at most ``max_width`` px wide; ``highlight_col`` is outlined."""
    rows, cols = values.shape
    margin_l, margin_r = 90, 20
    cell = min(64.0, (max_width - margin_l - margin_r) / max(cols, 1))
    decimals = _decimals(cell)
    zmax = style.symmetric_range(values)
    heat: dict[str, Any] = {
        "type": "heatmap",
        "x": list(range(cols)),
        "y": list(range(rows)),
        "z": values,
        "text": [style.texts(r, decimals) for r in values],
        "texttemplate": "%{text}",
        "textfont": {"size": 10, "color": style.INK},
        **style.value_colours(zmax),
        "xgap": 1,
        "ygap": 1,
        "customdata": hover or [[f"{r} · {c}" for c in col_labels] for r in row_labels],
        "hovertemplate": "%{customdata}: %{z:.4f}<extra></extra>",
    }
    shapes = []
    if highlight_col is not None:
        shapes.append(
            {
                "type": "rect",
                "x0": highlight_col - 0.5,
                "x1": highlight_col + 0.5,
                "y0": -0.5,
                "y1": rows - 0.5,
                "line": {"color": style.INK, "width": 2},
            }
        )
    width = int(max(margin_l + margin_r + cols * cell, min(max_width, 360)))
    lines = textwrap.wrap(title, max(20, width // 7))  # ~7 px per character at 13 px: a long title wraps, not clips
    layout = {
        "width": width,
        "height": int(rows * min(cell, 34.0) + 90 + 18 * len(lines)),
        "margin": {"l": margin_l, "r": margin_r, "t": 60 + 18 * len(lines), "b": 20},
        "plot_bgcolor": "white",
        "title": {"text": "<br>".join(lines), "font": {"size": 13}, "x": 0.0, "xanchor": "left"},
        "xaxis": _labelled_axis(col_labels, side="top"),
        "yaxis": _labelled_axis(row_labels, autorange="reversed"),
        "shapes": shapes,
    }
    return figure({"data": [heat], "layout": layout})

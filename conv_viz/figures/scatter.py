"""The scatter-add animation of ConvTranspose1d: each input position drops a scaled kernel into the output.

Row i holds what input position i writes: Σ_c x[c, i]·w[c, o, k] at cell
i·stride + k·dilation of the uncropped output, the cell ``transposed_scatter_map``
names (``ZERO``: cropped away by ``padding``). The running-sum row adds the rows
up to the current one; the bottom row is the engine's y. Frames are a pure
function of i and replace only the revealed rows, the running sum and the outline.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np
import plotly.graph_objects as go

from conv_viz.core.geometry import ZERO
from conv_viz.core.params import ConvTranspose1dParams
from conv_viz.figures import player, style
from conv_viz.figures.wrap import figure
from conv_viz.i18n import translate
from conv_viz.text.formatting import fmt

MAX_ROWS = 16  # input positions drawn (and animated)
MAX_COLUMNS = 100  # output cells drawn before the view becomes a window around the chosen position
FRAME_MS = 800
ROW_PX = 30
STRIP_PX = 40


@dataclass(frozen=True)
class ScatterView:
    """Which input positions (rows) and uncropped output cells (columns) the figure draws."""

    rows: range
    columns: range  # cells j of the uncropped output; output position t = j − padding


def choose_scatter_view(params: ConvTranspose1dParams, length: int, i: int) -> ScatterView:
    """All of a short signal; else a window of rows around ``i`` whose cells fit ``MAX_COLUMNS``."""
    s, p = params.stride, params.padding
    span = params.dilation * (params.kernel_size - 1) + 1
    fit = max(1, (MAX_COLUMNS - span) // s + 1)
    count = min(length, MAX_ROWS, fit)
    start = min(max(i - count // 2, 0), length - count)
    rows = range(start, start + count)
    first = rows.start * s
    last = (rows.stop - 1) * s + span  # one past the last cell the drawn rows write
    if rows.stop == length:  # the right end: output_padding cells nobody writes are still output
        last = max(last, p + params.output_length(length))
    return ScatterView(rows, range(first, last))


def contributions(x: np.ndarray, weight: np.ndarray, params: ConvTranspose1dParams, o: int) -> np.ndarray:
    """(L_in, K): what input position i adds through tap k to output channel ``o``, summed over its group's inputs."""
    per_out = params.out_channels // params.groups
    per_in = params.in_channels // params.groups
    g = o // per_out
    channels = slice(g * per_in, (g + 1) * per_in)
    out: np.ndarray = np.einsum("cl,ck->lk", x[channels], weight[channels, o % per_out])
    return out


def _tick(j: int, params: ConvTranspose1dParams, out_length: int) -> str:
    t = j - params.padding
    return str(t) if 0 <= t < out_length else "✂"


def _heat(
    z: list[list[float | None]],
    text: list[list[str]],
    cols: list[int],
    rows: list[int],
    axis: str,
    zmax: float,
    hover: str,
    ticks: list[str],
    opacity: float = 1.0,
) -> dict[str, Any]:
    """One heatmap panel; hover names the output position t of each cell ("✂" when cropped).

    Every panel gets ``style.fitted``'s sliver under its rows, so its values fit their cells: the sum and y
    panels are one row, and the first frames reveal one row of the grid.
    """
    cells = style.fitted(rows, z, text)
    return {
        "type": "heatmap",
        "x": cols,
        **cells,
        "texttemplate": "%{text}",
        "textfont": style.VALUE_TEXT,
        "customdata": [ticks] * len(cells["z"]),
        **style.value_colours(zmax),
        "xgap": 1,
        "ygap": 1,
        "opacity": opacity,
        "hovertemplate": hover + "<extra></extra>",
        "hoverongaps": False,
        "xaxis": "x",
        "yaxis": axis,
    }


def scatter_add_figure(
    x: np.ndarray,
    weight: np.ndarray,
    bias: np.ndarray | None,
    y: np.ndarray,
    params: ConvTranspose1dParams,
    scatter: np.ndarray,
    n: int,
    o: int,
    i: int,
    lang: str = "en",
) -> go.Figure:
    """Animated scatter-add for output channel ``o`` of batch item ``n`` (x: (C_in, L_in), y: (C_out, L_out))."""
    length, out_length = x.shape[1], y.shape[1]
    view = choose_scatter_view(params, length, i)
    cols, rows = list(view.columns), list(view.rows)
    j0 = view.columns.start
    c = contributions(x, weight, params, o)
    raw = np.arange(length)[:, None] * params.stride + np.arange(params.kernel_size)[None, :] * params.dilation
    cropped = scatter == ZERO
    decimals = style.cell_decimals(len(cols))
    zmax = style.symmetric_range(c, y[o])

    grid: list[list[float | None]] = [[None] * len(cols) for _ in rows]
    for r, ii in enumerate(rows):
        for k in range(params.kernel_size):
            grid[r][int(raw[ii, k]) - j0] = float(c[ii, k])
    text = [["" if v is None else fmt(v, decimals or 2) for v in row] if decimals else [""] * len(cols) for row in grid]

    # running sum over the uncropped cells: rows before the window count from the start
    before = np.zeros(len(cols))
    mask = (raw[: view.rows.start] >= j0) & (raw[: view.rows.start] < view.columns.stop)
    np.add.at(before, raw[: view.rows.start][mask] - j0, c[: view.rows.start][mask])
    sums = []
    running = before.copy()
    for ii in rows:
        np.add.at(running, raw[ii] - j0, c[ii])
        sums.append(running.copy())

    ts = np.array(cols) - params.padding
    inside = (ts >= 0) & (ts < out_length)
    y_row = [float(y[o, t]) if ok else None for t, ok in zip(ts, inside, strict=True)]
    ticks = [_tick(j, params, out_length) for j in cols]
    hover_cell = translate(lang, "tfig.hover_cell")

    def dynamic(f: int) -> list[dict[str, Any]]:
        """Rows up to position ``rows[f]`` revealed, their running sum, and the current row outlined."""
        hidden: list[float | None] = [None] * len(cols)
        shown = [row if r <= f else hidden for r, row in enumerate(grid)]
        shown_text = [row if r <= f else [""] * len(cols) for r, row in enumerate(text)]
        total = sums[f]
        ii = rows[f]
        first, last = int(raw[ii, 0]), int(raw[ii, -1])
        bx, by = style.rectangles([first - 0.5], [last + 0.5], f - 0.5, f + 0.5)
        return [
            _heat(shown, shown_text, cols, list(range(len(rows))), "y", zmax, hover_cell, ticks),
            _heat(
                [list(map(float, total))],
                [style.texts(total, decimals)],
                cols,
                [0],
                "y2",
                zmax,
                translate(lang, "tfig.hover_sum"),
                ticks,
            ),
            style.strokes(bx, by, {"color": style.ORANGE, "width": 3}),
        ]

    blank = [[""] * len(cols) for _ in rows]
    ghost = _heat(grid, blank, cols, list(range(len(rows))), "y", zmax, hover_cell, ticks, opacity=0.35)
    y_text = [fmt(v, decimals) if v is not None and decimals else "" for v in y_row]
    y_trace = _heat([y_row], [y_text], cols, [0], "y3", zmax, translate(lang, "tfig.hover_y"), ticks)
    crop_cols = [j for j, ok in zip(cols, inside, strict=True) if not ok]
    static = [ghost, y_trace, _hatch(crop_cols, len(rows))]
    titles = [_title(params, c, raw, cropped, rows[f], n, o, lang) for f in range(len(rows))]
    start = rows.index(i) if i in view.rows else 0
    frames = [
        {"name": str(ii), "data": dynamic(f), "traces": [3, 4, 5], "layout": {"title": {"text": titles[f]}}}
        for f, ii in enumerate(rows)
    ]
    labels = [_row_label(x, params, o, ii) for ii in rows]
    layout = _layout(params, cols, out_length, labels, crop_cols, n, o, bias, lang)
    layout["title"] = {"text": titles[start], "font": {"size": 15}, "x": 0.01}
    plot_px = layout["height"] - layout["margin"]["t"] - layout["margin"]["b"]
    prefix = translate(lang, "tfig.position") + " i = "
    layout |= player.controls(rows, start, prefix, -62 / plot_px, plot_px, FRAME_MS, lang, speeds=False)
    return figure({"data": [*static, *dynamic(start)], "layout": layout, "frames": frames})


def _row_label(x: np.ndarray, params: ConvTranspose1dParams, o: int, i: int) -> str:
    """``i=3 · x=0.5312`` when one input channel feeds ``o``; otherwise just the position."""
    per_in = params.in_channels // params.groups
    if per_in == 1:
        c = o // (params.out_channels // params.groups)
        return f"i={i} · x={fmt(float(x[c, i]), 2)}"
    return f"i={i}"


def _title(
    params: ConvTranspose1dParams,
    c: np.ndarray,
    raw: np.ndarray,
    cropped: np.ndarray,
    i: int,
    n: int,
    o: int,
    lang: str,
) -> str:
    lost = int(cropped[i].sum())
    key = "tfig.title_cropped" if lost else "tfig.title"
    return translate(
        lang,
        key,
        i=i,
        n=n,
        o=o,
        first=int(raw[i, 0]) - params.padding,
        last=int(raw[i, -1]) - params.padding,
        lost=lost,
    )


def _hatch(columns: list[int], rows: int) -> dict[str, Any]:
    """Diagonal strokes over cropped cells in every panel: cropped reads as cropped without colour."""
    xs: list[float | None] = []
    ys: list[float | None] = []
    for j in columns:
        for r in range(rows):
            xs += [j - 0.45, j + 0.45, None]
            ys += [r + 0.45, r - 0.45, None]
    return style.strokes(xs, ys, {"color": style.GREY, "width": 1})


def _layout(
    params: ConvTranspose1dParams,
    cols: list[int],
    out_length: int,
    labels: list[str],
    crop_cols: list[int],
    n: int,
    o: int,
    bias: np.ndarray | None,
    lang: str,
) -> dict[str, Any]:
    rows_px = ROW_PX * len(labels)
    plot_px = rows_px + 2 * STRIP_PX + 2 * 36
    margin = {"l": 120, "r": 20, "t": 50, "b": 150 + player.EXTRA_MARGIN_PX}
    step = max(1, len(cols) // 40)
    ticks = cols[::step]

    def domain(top_px: float, height_px: float) -> list[float]:
        return [1 - (top_px + height_px) / plot_px, 1 - top_px / plot_px]

    b = "" if bias is None else f" + b[{o}]"
    shapes = [
        {
            "type": "rect",
            "xref": "x",
            "yref": "paper",
            "x0": j - 0.5,
            "x1": j + 0.5,
            "y0": 0,
            "y1": 1,
            "fillcolor": "rgba(140,140,140,0.16)",
            "line": {"width": 0},
            "layer": "below",
        }
        for j in crop_cols
    ]
    return {
        "height": plot_px + margin["t"] + margin["b"],
        "margin": margin,
        "plot_bgcolor": "white",
        "dragmode": False,
        "hovermode": "closest",
        "shapes": shapes,
        "xaxis": {
            "tickvals": ticks,
            "ticktext": [_tick(j, params, out_length) for j in ticks],
            "showgrid": False,
            "zeroline": False,
            "range": [cols[0] - 0.6, cols[-1] + 0.6],
            "anchor": "y3",
            "title": {"text": translate(lang, "tfig.x_axis"), "font": {"size": 12, "color": style.GREY}, "standoff": 6},
        },
        "yaxis": {
            "domain": domain(0, rows_px),
            "tickvals": list(range(len(labels))),
            "ticktext": labels,
            "autorange": "reversed",
            "showgrid": False,
            "zeroline": False,
        },
        "yaxis2": {
            "domain": domain(rows_px + 36, STRIP_PX),
            "tickvals": [0],
            "showgrid": False,
            "zeroline": False,
            "ticktext": [translate(lang, "tfig.sum_row")],
        },
        "yaxis3": {
            "domain": domain(rows_px + 72 + STRIP_PX, STRIP_PX),
            "tickvals": [0],
            "showgrid": False,
            "zeroline": False,
            "ticktext": [f"y[{n},{o}] = Σ{b}"],
        },
    }

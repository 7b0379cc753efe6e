"""The sliding-window animation: the kernel's taps walking over the padded input.

Every frame is a pure function of the output position t, read from the same
``ConvGeometry`` the engine gathered with. Frames update only the highlight
traces (tap boxes, tap weights, the filled-in output, the current cell), so
the payload grows with the number of frames, not with the input. The pinned
cell's outline is a layout shape, so it stays put while the frames play.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np
import plotly.graph_objects as go

from conv_viz.core.geometry import ZERO, ConvGeometry, input_channels_of
from conv_viz.core.params import Conv1dParams
from conv_viz.figures import player, style
from conv_viz.figures.screens import FONT_FAMILY, LAPTOP, XGAP, Screen
from conv_viz.figures.wrap import figure
from conv_viz.i18n import translate
from conv_viz.text.formatting import fmt

MAX_ROWS = 8  # input channels drawn; the group being read always comes first
MAX_COLUMNS = 96  # padded cells drawn before the view becomes a window around the pinned cell
MAX_FRAMES = 40  # output positions animated
FRAME_MS = 700
OUT_ROW_EM = 2.4  # an output row this many value heights tall: its sliver (style.fitted) never limits the fit
CONTROLS_PX = 78  # play buttons and slider sit this far below the plot, under the axis title


@dataclass(frozen=True)
class View:
    """Which part of a long signal the animation draws."""

    rows: tuple[int, ...]  # input channels, top to bottom
    outputs: range  # output positions t that get a frame
    columns: range  # padded slots drawn


def choose_view(params: Conv1dParams, geometry: ConvGeometry, o: int, t: int, screen: Screen = LAPTOP) -> View:
    """Rows of the pinned group first; all columns when they fit ``screen``, else a window around ``t``."""
    group = list(input_channels_of(params.in_channels, params.out_channels, params.groups, o))
    others = [c for c in range(params.in_channels) if c not in group]
    rows = tuple((group + others)[:MAX_ROWS]) if params.in_channels > MAX_ROWS else tuple(range(params.in_channels))
    n_out, stride, span = geometry.out_length, params.stride, params.span
    budget = screen.columns(MAX_COLUMNS)
    if geometry.padded_length <= budget and n_out <= MAX_FRAMES:
        return View(rows, range(n_out), range(geometry.padded_length))
    frames = max(1, min(MAX_FRAMES, n_out, (budget - span) // stride + 1))
    start = min(max(t - frames // 2, 0), n_out - frames)
    outputs = range(start, start + frames)
    return View(rows, outputs, range(start * stride, (outputs[-1]) * stride + span))


def output_x(params: Conv1dParams, t: int) -> float:
    """The padded slot output ``t`` is drawn under: its window's last tap when causal, else the window's centre.

    Causal: the last tap reads the newest input the output sees, so every output stands under x[t·stride]
    and nothing to its right feeds it (no output sees the future). Otherwise the centre, so stride shows
    as spacing and a symmetric window sits symmetrically.

    >>> output_x(Conv1dParams(kernel_size=3, dilation=2, causal=True), 5), output_x(Conv1dParams(kernel_size=3), 5)
    (9.0, 6.0)
    """
    tap = params.span - 1 if params.causal else (params.span - 1) / 2
    return float(t * params.stride + tap)


def _tick(geometry: ConvGeometry, slot: int) -> str:
    """Axis label of a padded slot: its input index, or for padding the index it copies ("0" for a zero)."""
    source = int(geometry.padded[slot])
    inside = geometry.pad_left <= slot < geometry.pad_left + geometry.length
    if inside:
        return str(source)
    return "∅" if source == ZERO else f"[{source}]"


def _hatch(slots: list[int], rows: int) -> dict[str, Any]:
    """Short strokes in two corners of each padding cell: padding reads as padding without colour,
    and the number in the middle of the cell stays clear."""
    xs: list[float | None] = []
    ys: list[float | None] = []
    for s in slots:
        for r in range(rows):
            xs += [s - 0.46, s - 0.22, None, s + 0.22, s + 0.46, None]
            ys += [r - 0.22, r - 0.46, None, r + 0.46, r + 0.22, None]
    return style.strokes(xs, ys, {"color": style.INK, "width": 1.5})


def _links(geometry: ConvGeometry, slots: list[int], columns: range) -> dict[str, Any]:
    """Arcs above the grid from each copied padding cell to the input cell it copies."""
    xs: list[float | None] = []
    ys: list[float | None] = []
    inside = range(geometry.pad_left, geometry.pad_left + geometry.length)
    for s in slots:
        source = int(geometry.padded[s])
        target = source + geometry.pad_left
        if source == ZERO or s in inside or target not in columns:
            continue
        for u in np.linspace(0.0, 1.0, 9):  # a parabola from the pad cell up and over to its source
            xs.append(float(s + (target - s) * u))
            ys.append(float(-0.5 - 0.6 * 4 * u * (1 - u)))
        xs.append(None)
        ys.append(None)
    return style.strokes(xs, ys, {"color": style.PURPLE, "width": 1.2, "dash": "dot"})


def sliding_window_figure(
    x: np.ndarray,
    weight: np.ndarray,
    bias: np.ndarray | None,
    y: np.ndarray,
    params: Conv1dParams,
    geometry: ConvGeometry,
    n: int,
    o: int,
    t: int,
    lang: str = "en",
    screen: Screen = LAPTOP,
) -> go.Figure:
    """Animated figure for output channel ``o`` of batch item ``n``; opens on position ``t``.

    ``screen``: the laptop's layout, or larger values in fewer columns for a projector or a phone (``screens``).

    ``x`` is that item's input (C_in, L); ``y`` its output (C_out, L_out).
    Output cell t sits where ``output_x`` puts it (the window's last tap when causal, else its centre).
    The title names the frame's cell ("pinned" or "animation"); a dashed box marks the pinned cell ``t``
    in every frame, so the page's sum (the pinned cell's) never reads as the playing one's.
    """
    scale = screen.scale
    view = choose_view(params, geometry, o, t, screen)
    cols = list(view.columns)
    rows = view.rows
    group = input_channels_of(params.in_channels, params.out_channels, params.groups, o)
    group_rows = [i for i, c in enumerate(rows) if c in group]
    padded = geometry.padded[cols]
    values = np.where(padded == ZERO, 0.0, x[np.array(rows)][:, np.maximum(padded, 0)])
    decimals = style.cell_decimals(len(cols)) if screen.decimals is None else screen.decimals
    zmax = style.symmetric_range(values, y[o])
    pad_slots = [s for s in cols if not geometry.pad_left <= s < geometry.pad_left + geometry.length]
    hover_src = [[_tick(geometry, s) for s in cols] for _ in rows]

    # An output cell is one slot wide but sits every `stride` slots: its text fits as if the row had
    # len(cols) / stride cells (values stay in the hover when nothing fits).
    out_decimals = style.cell_decimals(-(-len(cols) // params.stride)) if screen.decimals is None else decimals
    out_x = [output_x(params, tt) for tt in view.outputs]
    out_vals = y[o, view.outputs.start : view.outputs.stop]
    t_label = translate(lang, "fig.output_cell")

    def highlight(tt: int) -> list[dict[str, Any]]:
        """The traces a frame replaces: tap boxes, tap weights, output filled up to tt, current cell."""
        taps = geometry.window(tt).tolist()
        y0, y1 = min(group_rows) - 0.5, max(group_rows) + 0.5
        bx, by = style.rectangles([s - 0.46 for s in taps], [s + 0.46 for s in taps], y0, y1)
        lx, ly, lt = [], [], []
        if decimals is not None and len(group_rows) * params.kernel_size <= 96:
            for r in group_rows:
                c = rows[r] - group.start
                for k, s in enumerate(taps):
                    lx.append(s)
                    ly.append(r + 0.33)
                    lt.append("×" + fmt(float(weight[o, c, k]), 2))
        filled = [float(v) if tt_ <= tt else None for tt_, v in zip(view.outputs, out_vals, strict=True)]
        shown = [
            fmt(float(v), out_decimals) if tt_ <= tt and out_decimals is not None else ""
            for tt_, v in zip(view.outputs, out_vals, strict=True)
        ]
        cx, cy = style.rectangles([output_x(params, tt) - 0.5], [output_x(params, tt) + 0.5], -0.5, 0.5)
        return [
            {
                "type": "scatter",
                "x": bx,
                "y": by,
                "mode": "lines",
                "fill": "toself",
                "hoverinfo": "skip",
                "fillcolor": "rgba(230,159,0,0.18)",
                "line": {"color": style.ORANGE, "width": 3},
                "showlegend": False,
                "xaxis": "x",
                "yaxis": "y",
            },
            {
                "type": "scatter",
                "x": lx,
                "y": ly,
                "text": lt,
                "mode": "text",
                "hoverinfo": "skip",
                "textfont": {"size": screen.weight_px, "color": style.INK},
                "showlegend": False,
                "xaxis": "x",
                "yaxis": "y",
            },
            {
                "type": "heatmap",
                "x": out_x,
                **style.fitted([0], [filled], [shown]),  # values fitted to the cells (style.fitted)
                "texttemplate": "%{text}",
                "textfont": style.VALUE_TEXT,
                **style.value_colours(zmax),
                "xgap": XGAP,
                "hovertemplate": f"{t_label} t=%{{customdata}}: %{{z:.4f}}<extra></extra>",
                "customdata": [list(view.outputs)] * 2,
                "xaxis": "x",
                "yaxis": "y2",
            },
            style.strokes(cx, cy, {"color": style.INK, "width": 3}, yaxis="y2"),
        ]

    row_labels = [f"x[{n},{c}]" for c in rows]
    static: list[dict[str, Any]] = [
        {
            "type": "heatmap",
            "x": cols,
            "y": list(range(len(rows))),
            "z": values,
            "text": [style.texts(r, decimals) for r in values],
            "texttemplate": "%{text}",
            "textfont": style.VALUE_TEXT,
            "customdata": hover_src,
            **style.value_colours(zmax),
            "xgap": 1,
            "ygap": 1,
            "hovertemplate": translate(lang, "fig.hover_input") + "<extra></extra>",
            "xaxis": "x",
            "yaxis": "y",
        },
        _hatch(pad_slots, len(rows)),
        _links(geometry, pad_slots, view.columns),
    ]
    dynamic_index = list(range(len(static), len(static) + 4))
    titles = [_title(x, weight, bias, y, geometry, params, n, o, tt, lang, pinned=tt == t) for tt in view.outputs]
    if screen.title_lines > 1:  # a phone: the sum on one line, the slots it reads on the next
        titles = [title.replace("  ·  ", "<br>", 1) for title in titles]
    frames: list[dict[str, Any]] = [
        {
            "name": str(tt),
            "data": highlight(tt),
            "traces": dynamic_index,
            "layout": {"title": {"text": title}},
        }
        for tt, title in zip(view.outputs, titles, strict=True)
    ]
    start = view.outputs.index(t) if t in view.outputs else 0
    layout = _layout(params, geometry, view, row_labels, cols, group_rows, lang, screen)
    layout["title"] = {"text": titles[start], "font": {"size": screen.title_px}, "x": 0.01}
    if t in view.outputs:
        _mark_pinned(layout, output_x(params, t), lang, scale)
    plot_px = layout["height"] - layout["margin"]["t"] - layout["margin"]["b"]
    prefix = translate(lang, "fig.position") + " t = "
    layout |= player.controls(
        list(view.outputs),
        start,
        prefix,
        -_controls_gap(screen) / plot_px,
        plot_px,
        FRAME_MS,
        lang,
        speeds=True,
        scale=screen.text_px / LAPTOP.text_px,
        font_px=screen.text_px,
        beside_px=screen.plot_px if screen.one_row else None,
    )
    data = [*static, *highlight(view.outputs[start]), _pin_trace(out_x, view.outputs, scale)]
    return figure({"data": data, "layout": layout, "frames": frames})


def _pin_trace(out_x: list[float], outputs: range, scale: float) -> dict[str, Any]:
    """Invisible markers over the output cells, drawn last so a click lands on them and pins the cell.

    Streamlit reports no selection for heatmap clicks, hence markers. ``hoverinfo="none"``, not
    ``"skip"``: skipped traces get no click events either.
    """
    return {
        "type": "scatter",
        "x": out_x,
        "y": [0] * len(out_x),
        "customdata": list(outputs),
        "mode": "markers",
        "marker": {"size": round(26 * scale), "symbol": "square", "color": "rgba(0,0,0,0.01)"},
        "hoverinfo": "none",
        "showlegend": False,
        "name": "pin",
        "xaxis": "x",
        "yaxis": "y2",
    }


def _mark_pinned(layout: dict[str, Any], at: float, lang: str, scale: float) -> None:
    """A dashed box around the pinned output cell and a label over it: static, so every frame shows it.

    Slightly larger than the black current-cell box, so both show when the animation stands on the pinned cell.
    """
    box = {
        "type": "rect",
        "xref": "x",
        "yref": "y2",
        "x0": at - 0.56,
        "x1": at + 0.56,
        "y0": -0.58,
        "y1": 0.58,
        "line": {"color": style.BLUE, "width": 3, "dash": "dash"},
        "layer": "above",
        "name": "pinned",
    }
    label = {
        "xref": "x",
        "yref": "y2",
        "x": at,
        "y": -0.58,
        "yanchor": "bottom",
        "showarrow": False,
        "text": translate(lang, "fig.pinned_label"),
        "font": {"size": round(11 * scale), "color": style.BLUE},
        "name": "pinned",
    }
    layout.setdefault("shapes", []).append(box)
    layout.setdefault("annotations", []).append(label)


def _title(
    x: np.ndarray,
    weight: np.ndarray,
    bias: np.ndarray | None,
    y: np.ndarray,
    geometry: ConvGeometry,
    params: Conv1dParams,
    n: int,
    o: int,
    t: int,
    lang: str,
    *,
    pinned: bool,
) -> str:
    """``pinned: y[n,o,t] = Σ x·w + b = value`` (or ``animation: …``) and the padded slots it reads.

    All numbers from the engine; the prefix says whether this frame's cell is the one whose sum the page shows.
    """
    b = "" if bias is None else f" + b[{o}]"
    slots = _slots(geometry.window(t))
    sum_text = translate(lang, "fig.sum_over", count=weight.shape[1] * params.kernel_size, slots=slots)
    cell = translate(lang, "fig.title_pinned" if pinned else "fig.title_animation", cell=f"y[{n},{o},{t}]")
    return f"{cell} = Σ x·w{b} = <b>{fmt(float(y[o, t]))}</b>  ·  {sum_text}"


def _slots(window: np.ndarray) -> str:
    """Every slot of a short window; a long one as its first two, …, last, so the step (the dilation) still shows.

    >>> _slots(np.array([0, 2, 4])), _slots(np.arange(0, 18, 2))
    ('0, 2, 4', '0, 2, …, 16')
    """
    s = [str(int(i)) for i in window]
    return ", ".join(s) if len(s) <= 4 else f"{s[0]}, {s[1]}, …, {s[-1]}"


def axis_notes(params: Conv1dParams, lang: str) -> list[str]:
    """The x axis's title and the colour key: under the axis on a laptop, as text under the chart elsewhere.

    The key in two lines: one line is wider than the plot on a laptop.
    """
    keys = translate(lang, "fig.legend_note").split(" · ")
    half = (len(keys) + 1) // 2
    placed = translate(lang, "fig.outputs_causal" if params.causal else "fig.outputs_centred")
    return [translate(lang, "fig.x_axis"), " · ".join(keys[:half]), " · ".join(keys[half:]), placed]


def _controls_gap(screen: Screen) -> float:
    """Px from the plot's bottom to the play buttons: the tick labels, and on a laptop the axis title under them."""
    return screen.text_px + 12 if screen.key_below else CONTROLS_PX


def _controls_px(screen: Screen) -> float:
    """The play buttons' row, and the slider's under it (its "t = …" line, rail and step labels)."""
    return (player.ROW_PX + (0 if screen.one_row else 66)) * screen.text_px / LAPTOP.text_px


def _layout(
    params: Conv1dParams,
    geometry: ConvGeometry,
    view: View,
    row_labels: list[str],
    cols: list[int],
    group_rows: list[int],
    lang: str,
    screen: Screen,
) -> dict[str, Any]:
    ticks_fit = (screen.plot_px or 600) // (3 * screen.text_px)  # a tick label is up to 3 characters wide
    step = max(1, -(-len(cols) // ticks_fit) if screen.plot_px else len(cols) // 40)  # legible tick labels
    ticks = cols[::step]
    axis_title = "" if screen.key_below else "<br>".join(axis_notes(params, lang))
    text = {"size": screen.text_px}
    domains = ([0.3, 1.0], [0.0, 0.2])
    if screen.key_below:  # input rows exactly row_px high, the output row OUT_ROW_EM values high, 20 px between
        inputs, output = (len(view.rows) + 0.8) * screen.row_px, 1.2 * OUT_ROW_EM * screen.value_px
        plot = inputs + output + 20
        domains = ([(output + 20) / plot, 1.0], [0.0, output / plot])
        margin = {
            "l": screen.margin_l,
            "r": 6,
            "t": round(screen.title_px * (1.4 * screen.title_lines + 1.2)),
            "b": round(_controls_gap(screen) + _controls_px(screen)),
        }
        height = round(plot + margin["t"] + margin["b"])
    else:
        height = round(300 + player.EXTRA_MARGIN_PX + 46 * len(view.rows))  # the controls grow the margin
        margin = {"l": 70, "r": 20, "t": 50, "b": 150 + player.EXTRA_MARGIN_PX}
    return {
        "height": height,
        # Plotly fits a heatmap's text to its cells, never larger than the layout's font: the values' size
        "font": {"size": screen.value_px, "family": FONT_FAMILY},
        "margin": margin,
        "plot_bgcolor": "white",
        "dragmode": False,
        "clickmode": "event+select",
        "hovermode": "closest",
        "xaxis": {
            "tickvals": ticks,
            "ticktext": [_tick(geometry, s) for s in ticks],
            "showgrid": False,
            "range": [cols[0] - 0.6, cols[-1] + 0.6],
            "zeroline": False,
            "anchor": "y2",
            "tickfont": text,
            "title": {"text": axis_title, "font": {"size": screen.text_px, "color": style.GREY}, "standoff": 6},
        },
        "yaxis": {
            "domain": domains[0],
            "tickvals": list(range(len(view.rows))),
            "ticktext": row_labels,
            "autorange": "reversed",
            "range": [len(view.rows) - 0.5, -1.3],
            "showgrid": False,
            "zeroline": False,
            "tickfont": text,
        },
        "yaxis2": {
            "domain": domains[1],
            "tickvals": [0],
            "ticktext": [translate(lang, "fig.output_row")],
            "showgrid": False,
            "zeroline": False,
            "range": [0.6, -0.6],
            "tickfont": text,
        },
        "hoverlabel": {"font": text},
    }

"""The backward page's figures: a gradient cell's terms on the padded-slot picture, and a kernel learning.

The padded row is the forward animation's (slot s holds x[padded[s]], ∅ for a zero); each term of the
pinned sum is a line from the slot it reads to the output position whose dL/dy it carries, so the
forward windows are seen running backwards. A reflect/replicate/circular pad that copied the pinned
x[i] gets an arrow back onto x[i]'s own slot: that is where its gradient goes.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np
import plotly.graph_objects as go

from conv_viz.core.backward import GradientSum
from conv_viz.core.geometry import ZERO, ConvGeometry
from conv_viz.core.train import Training
from conv_viz.figures import player, style
from conv_viz.figures.wrap import figure
from conv_viz.i18n import translate
from conv_viz.text.formatting import fmt

MAX_SLOTS = 48  # padded slots drawn around the pinned cell; the sum below lists every term
MAX_TEXT_SLOTS = 14  # cells labelled with their number: at 390 px a wider window has no room for the text
CELL = 0.22  # half the height of a cell, in the y axis's units (rows at 0 and 1)
MAX_FRAMES = 60  # animation frames of a training run (steps are sampled evenly; the last is always shown)


def _slot_label(source: int) -> str:
    return "∅" if source == ZERO else f"[{source}]"


def _cells(xs: Sequence[float], y: float, fill: str, line: str) -> dict[str, Any]:
    """One trace of filled rectangles centred on ``xs`` at row ``y``, 0.8 of a slot wide."""
    px, py = style.rectangles([x - 0.4 for x in xs], [x + 0.4 for x in xs], y - CELL, y + CELL)
    return {
        "type": "scatter",
        "x": px,
        "y": py,
        "mode": "lines",
        "fill": "toself",
        "fillcolor": fill,
        "line": {"color": line, "width": 1},
        "hoverinfo": "skip",
        "showlegend": False,
    }


def _window(focus: list[int], total: int) -> tuple[int, int]:
    """A range of at most MAX_SLOTS slots that holds as many of the ``focus`` slots as fit, from the first."""
    lo = max(0, min(focus, default=0) - 2)
    hi = min(total, lo + MAX_SLOTS)
    return max(0, hi - MAX_SLOTS), hi


def cell_figure(
    gsum: GradientSum,
    x_row: np.ndarray,
    dy_row: np.ndarray,
    geometry: ConvGeometry,
    n: int,
    lang: str = "en",
) -> go.Figure:
    """The terms of one dL/dw or dL/dx cell of batch item ``n``: slot → output lines, fold arrows for dL/dx.

    ``x_row``: x_pad[n, c'] (the padded channel the cell reads or is); ``dy_row``: dL/dy[n, o] for dL/dw,
    or dL/dy[n] summed over the output channels the cell feeds (the colour of each output) for dL/dx.
    """
    keep = gsum.n == n
    slots, ts = gsum.slot[keep], gsum.t[keep]
    lo, hi = _window(slots.tolist(), geometry.padded_length)
    shown = (slots >= lo) & (slots < hi)
    s = geometry.stride
    centre = (geometry.kernel_size - 1) * geometry.dilation / 2
    t_lo = max(0, int(np.ceil((lo - centre) / s)))
    t_hi = min(geometry.out_length, int((hi - 1 - centre) // s) + 1)
    outputs = np.arange(t_lo, max(t_lo, t_hi))
    padded = geometry.padded[lo:hi]
    interior = (np.arange(lo, hi) >= geometry.pad_left) & (np.arange(lo, hi) < geometry.pad_left + geometry.length)
    pinned = set(slots.tolist())
    columns = list(range(lo, hi))
    groups = {  # cells drawn as rectangles in data units, so they shrink with the screen and never overlap
        style.ORANGE: [j for j in columns if j in pinned],
        style.SKY: [j for j, inside in zip(columns, interior, strict=True) if inside and j not in pinned],
        "#DDDDDD": [j for j, inside in zip(columns, interior, strict=True) if not inside and j not in pinned],
    }
    lines_x: list[float | None] = []
    lines_y: list[float | None] = []
    for slot, t in zip(slots[shown].tolist(), ts[shown].tolist(), strict=True):
        lines_x += [slot, t * s + centre, None]
        lines_y += [1.0 - CELL, CELL, None]
    text_ok = hi - lo <= MAX_TEXT_SLOTS  # a number per cell only where one fits on a phone too
    data: list[dict[str, Any]] = [
        {
            "type": "scatter",
            "x": lines_x,
            "y": lines_y,
            "mode": "lines",
            "hoverinfo": "skip",
            "line": {"color": style.ORANGE, "width": 1.5},
            "showlegend": False,
        },
        *(_cells(xs, 1.0, fill, style.INK) for fill, xs in groups.items() if xs),
        _cells((outputs * s + centre).tolist(), 0.0, "#FFFFFF", style.BLUE),
        {
            "type": "scatter",
            "x": columns,
            "y": [1.0] * (hi - lo),
            "mode": "markers+text" if text_ok else "markers",
            "marker": {"size": 18, "opacity": 0},
            "text": [fmt(float(v), 2) for v in x_row[lo:hi]],
            "textfont": {"size": 9},
            "customdata": [_slot_label(int(p)) for p in padded],
            "showlegend": False,
            "hovertemplate": translate(lang, "bfig.hover_slot") + "<extra></extra>",
        },
        {
            "type": "scatter",
            "x": (outputs * s + centre).tolist(),
            "y": [0.0] * outputs.size,
            "mode": "markers+text" if text_ok else "markers",
            "showlegend": False,
            "marker": {"size": 18, "opacity": 0},
            "text": [fmt(float(v), 2) for v in dy_row[outputs]],
            "textfont": {"size": 9},
            "customdata": outputs.tolist(),
            "hovertemplate": translate(lang, "bfig.hover_dy") + "<extra></extra>",
        },
    ]
    annotations: list[dict[str, Any]] = [
        {"x": j, "y": 1.32, "text": _slot_label(int(p)), "showarrow": False, "font": {"size": 9, "color": style.GREY}}
        for j, p in zip(range(lo, hi), padded, strict=True)
    ]
    if gsum.kind == "dx":
        own = geometry.pad_left + gsum.cell[2]
        for slot in sorted(set(gsum.slot[gsum.folded & keep].tolist())):
            if lo <= slot < hi and lo <= own < hi:
                annotations.append(
                    {
                        "x": own,
                        "y": 1.55,
                        "ax": slot,
                        "ay": 1.55,
                        "xref": "x",
                        "yref": "y",
                        "axref": "x",
                        "ayref": "y",
                        "showarrow": True,
                        "arrowhead": 2,
                        "arrowwidth": 2,
                        "arrowcolor": style.VERMILION,
                        "text": "",
                    }
                )
    layout = {
        "height": 260,
        "margin": {"l": 70, "r": 10, "t": 30, "b": 40},
        "plot_bgcolor": "white",
        "dragmode": False,
        "annotations": annotations,
        "xaxis": {
            "range": [lo - 0.7, hi - 0.3],
            "showgrid": False,
            "zeroline": False,
            "title": {"text": translate(lang, "bfig.slot_axis"), "font": {"size": 11, "color": style.GREY}},
        },
        "yaxis": {
            "range": [-0.4, 1.75],
            "tickvals": [0, 1],
            "showgrid": False,
            "zeroline": False,
            "automargin": True,
            "ticktext": [translate(lang, "bfig.dy_row"), translate(lang, "bfig.x_row")],
        },
    }
    return figure({"data": data, "layout": layout})


def _frame_steps(steps: int) -> list[int]:
    """Steps the animation shows (0 = the start): every step up to MAX_FRAMES, else evenly sampled."""
    if steps + 1 <= MAX_FRAMES:
        return list(range(steps + 1))
    return sorted({round(steps * f / (MAX_FRAMES - 1)) for f in range(MAX_FRAMES)})


def training_figure(run: Training, target_weight: np.ndarray | None, o: int, c: int, lang: str = "en") -> go.Figure:
    """The loss per step (log scale) and the kernel w[o, c, :] moving towards the target, animated by step.

    Frame f shows the loss up to step f with a marker on it, and the kernel after f steps.
    """
    losses = run.losses
    steps = len(losses)
    kernels = run.weights[:, o, c, :]
    taps = list(range(kernels.shape[-1]))
    frames_at = _frame_steps(steps)
    positive = losses[losses > 0]
    floor = float(positive.min()) if positive.size else 1e-12

    def loss_point(step: int) -> tuple[list[int], list[float]]:
        """The loss of the weights after ``step`` steps (the last one computed, once the run has ended)."""
        if not steps:
            return [], []
        shown = min(step, steps - 1)
        return [shown], [float(max(losses[shown], floor))]

    def traces(step: int) -> list[dict[str, Any]]:
        px, py = loss_point(step)
        return [
            {
                "type": "scatter",
                "x": px,
                "y": py,
                "mode": "markers",
                "xaxis": "x",
                "yaxis": "y",
                "marker": {"size": 11, "color": style.VERMILION},
                "name": translate(lang, "bfig.now"),
                "showlegend": False,
            },
            {
                "type": "scatter",
                "x": taps,
                "y": kernels[step].tolist(),
                "mode": "lines+markers",
                "xaxis": "x2",
                "yaxis": "y2",
                "line": {"color": style.BLUE, "width": 3},
                "name": translate(lang, "bfig.kernel", o=o, c=c),
            },
        ]

    data: list[dict[str, Any]] = [
        {
            "type": "scatter",
            "x": list(range(steps)),
            "y": np.maximum(losses, floor).tolist(),
            "mode": "lines",
            "line": {"color": style.GREY, "width": 2},
            "xaxis": "x",
            "yaxis": "y",
            "name": translate(lang, "bfig.loss"),
        },
        *traces(frames_at[-1]),
    ]
    if target_weight is not None:
        data.append(
            {
                "type": "scatter",
                "x": taps,
                "y": target_weight[o, c].tolist(),
                "mode": "lines+markers",
                "xaxis": "x2",
                "yaxis": "y2",
                "line": {"color": style.GREEN, "width": 2, "dash": "dash"},
                "marker": {"symbol": "diamond"},
                "name": translate(lang, "bfig.target"),
            }
        )
    frames = [{"name": str(f), "data": traces(f), "traces": [1, 2]} for f in frames_at]
    span = np.concatenate([kernels.ravel(), [] if target_weight is None else target_weight[o, c]])
    top = float(np.max(np.abs(span))) * 1.15 or 1.0
    plot_px = 300
    layout: dict[str, Any] = {
        "height": plot_px + 80 + player.EXTRA_MARGIN_PX,
        "margin": {"l": 60, "r": 10, "t": 30, "b": 40 + player.EXTRA_MARGIN_PX},
        "plot_bgcolor": "white",
        "dragmode": False,
        "legend": {"orientation": "h", "y": 1.12, "x": 0.55},
        "xaxis": {"domain": [0.0, 0.45], "title": {"text": translate(lang, "bfig.step_axis")}, "showgrid": False},
        "yaxis": {"type": "log", "title": {"text": translate(lang, "bfig.loss_axis")}},
        "xaxis2": {
            "domain": [0.55, 1.0],
            "title": {"text": translate(lang, "bfig.tap_axis")},
            "dtick": 1,
            "showgrid": False,
        },
        "yaxis2": {"anchor": "x2", "range": [-top, top], "zeroline": True, "zerolinecolor": style.GREY},
        **player.controls(
            frames_at,
            len(frames_at) - 1,
            translate(lang, "bfig.after_steps"),
            -0.25,
            plot_px,
            120,
            lang,
            speeds=False,
        ),
    }
    return figure({"data": data, "layout": layout, "frames": frames})

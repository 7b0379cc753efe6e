"""The animations' controls, shared by the sliding window and the scatter-add: play buttons, then a scrubber.

Two rows: the buttons, and under them the slider across the whole plot width. Side by
side they collided once the plot was narrower than ~700 px (a laptop with the sidebar
open, a projector at 1024 px): Plotly places both in fractions of the width, but the
buttons are as wide as their labels.
"""

from __future__ import annotations

from typing import Any

from conv_viz.i18n import translate

ROW_PX = 60  # the buttons' row (18 px pad, 26 px buttons) and the slider's current-value line above its rail
EXTRA_MARGIN_PX = ROW_PX  # what the second row adds to a figure's bottom margin


def buttons_px(labels: list[str], font_px: int) -> float:
    """A row of Plotly buttons' width: each label (CJK characters 1 em, others ~0.62 em) and ~20 px of padding.

    >>> round(buttons_px(["▶ Play", "❚❚ Pause"], 12))
    144
    """
    return sum(sum(1.0 if ord(ch) >= 0x2E80 else 0.62 for ch in label) * font_px + 20 for label in labels)


def _animate(frames: list[str] | None, duration_ms: int) -> dict[str, Any]:
    options: dict[str, Any] = {
        "frame": {"duration": duration_ms, "redraw": True},
        "transition": {"duration": 0},
        "mode": "immediate",
    }
    if frames is None:
        options["fromcurrent"] = True
    return {"method": "animate", "args": [frames, options]}


def controls(
    steps: list[int],
    start: int,
    prefix: str,
    y: float,
    plot_px: float,
    frame_ms: int,
    lang: str,
    *,
    speeds: bool,
    scale: float = 1.0,
    font_px: int | None = None,
    beside_px: float | None = None,
) -> dict[str, list[dict[str, Any]]]:
    """``sliders`` and ``updatemenus`` for a layout: buttons at ``y`` (paper units, below the plot), slider under them.

    ``plot_px``: the plot area's height, to turn the row's pixels into paper units. ``speeds`` adds ½× and 2×.
    ``font_px``: the buttons' and the slider's type, when the layout's font is sized for something else.
    ``beside_px``: the plot's width, when it is wide enough for the slider beside the buttons (a projector:
    one row instead of two, so the sum under the chart stays on the screen). The slider's "t = …" line goes:
    the figure's title names the frame's cell.
    """
    pause = {
        "method": "animate",
        "args": [
            [None],
            {"frame": {"duration": 0, "redraw": False}, "mode": "immediate", "transition": {"duration": 0}},
        ],
    }
    buttons = [
        {"label": "▶ " + translate(lang, "fig.play"), **_animate(None, frame_ms)},
        {"label": "❚❚ " + translate(lang, "fig.pause"), **pause},
    ]
    if speeds:
        buttons += [{"label": "½×", **_animate(None, frame_ms * 2)}, {"label": "2×", **_animate(None, frame_ms // 2)}]
    menu = {
        "type": "buttons",
        "direction": "left",
        "showactive": False,
        "x": 0.0,
        "y": y,
        "xanchor": "left",
        "yanchor": "top",
        "pad": {"t": 18, "r": 8},
        "buttons": buttons,
    }
    current: dict[str, Any] = {"prefix": prefix, "font": {"size": round(13 * scale)}}
    slider: dict[str, Any] = {
        "active": start,
        "currentvalue": current,
        "pad": {"t": 0, "b": 0},
        "len": 1.0,
        "x": 0.0,
        "y": y - ROW_PX * scale / plot_px,
        "yanchor": "top",
        "steps": [{"label": str(s), **_animate([str(s)], 0)} for s in steps],
    }
    if font_px is not None:
        menu["font"] = {"size": font_px}
        slider["font"] = {"size": font_px}
    if beside_px is not None:
        used = buttons_px([str(b["label"]) for b in buttons], font_px or round(12 * scale)) + 24
        slider |= {"x": used / beside_px, "len": 1 - used / beside_px, "y": y, "pad": {"t": 6, "b": 0}}
        current["visible"] = False
    return {"sliders": [slider], "updatemenus": [menu]}

"""Shared look: a colour-blind-safe palette (Okabe–Ito), number formats, cell text sizes."""

from __future__ import annotations

import numpy as np

from conv_viz.text.formatting import fmt

# Okabe & Ito (2008): distinguishable with the common colour-vision deficiencies.
BLUE = "#0072B2"
ORANGE = "#E69F00"
VERMILION = "#D55E00"
GREEN = "#009E73"
SKY = "#56B4E9"
PURPLE = "#CC79A7"
GREY = "#8C8C8C"
INK = "#222222"

# Plotly's config for an animation, in the app and in its exported HTML: no zoom toolbar over the controls,
# and scrolling the page never zooms the figure.
ANIMATION_CONFIG = {"displayModeBar": False, "scrollZoom": False}

# Diverging blue–white–orange: signed values read the same without red/green.
VALUE_SCALE = [[0.0, BLUE], [0.5, "#F7F7F7"], [1.0, VERMILION]]


def cell_decimals(columns: int) -> int | None:
    """Decimals that fit inside a cell when ``columns`` cells share the width; None hides the text."""
    if columns <= 18:
        return 4
    if columns <= 40:
        return 2
    return None


def texts(values: np.ndarray, decimals: int | None) -> list[str]:
    if decimals is None:
        return [""] * values.size
    return [fmt(float(v), decimals) for v in values.ravel()]


def symmetric_range(*arrays: np.ndarray) -> float:
    """Half-width of a colour range centred on zero that covers every value."""
    peak = max((float(np.max(np.abs(a))) for a in arrays if a.size), default=1.0)
    return peak or 1.0


def rectangles(x0: list[float], x1: list[float], y0: float, y1: float) -> tuple[list[float | None], list[float | None]]:
    """One scatter path drawing several closed rectangles (None separates them)."""
    xs: list[float | None] = []
    ys: list[float | None] = []
    for a, b in zip(x0, x1, strict=True):
        xs += [a, b, b, a, a, None]
        ys += [y0, y0, y1, y1, y0, None]
    return xs, ys

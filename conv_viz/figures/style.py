"""Shared look: a colour-blind-safe palette (Okabe–Ito), number formats, cell text sizes."""

from __future__ import annotations

from typing import Any

import numpy as np

from conv_viz.text.formatting import fmt

# Okabe & Ito (2008): distinguishable with the common colour-vision deficiencies.
BLUE = "#0072B2"
ORANGE = "#E69F00"
VERMILION = "#D55E00"
GREEN = "#009E73"
SKY = "#56B4E9"
PURPLE = "#CC79A7"
GREY = "#666666"  # axis titles are text: 5.7:1 on white (#8C8C8C was 3.4:1, too faint for a projector)
INK = "#222222"

# Plotly's config for an animation, in the app and in its exported HTML: no zoom toolbar over the controls,
# and scrolling the page never zooms the figure.
ANIMATION_CONFIG = {"displayModeBar": False, "scrollZoom": False}

# Diverging blue–white–orange: signed values read the same without red/green.
# Light ends (a sky blue and a light vermilion, the Okabe-Ito hues) so INK text reads on every cell:
# 6.8:1 at the blue end, 7.2:1 at the vermilion end, 14.9:1 in the middle (tests/test_access.py).
# Plotly's automatic black-or-white text fell to 3.3:1 on the saturated mid-range colours.
VALUE_SCALE = [[0.0, "#6CB0E0"], [0.5, "#F7F7F7"], [1.0, "#EE9A6C"]]
VALUE_TEXT = {"color": INK}  # the text colour of every cell on VALUE_SCALE


def value_colours(zmax: float, scale: bool = False) -> dict[str, Any]:
    """A heatmap's colouring of values: symmetric around 0 on ``VALUE_SCALE``, so 0 is white on every figure."""
    return {"zmin": -zmax, "zmax": zmax, "colorscale": VALUE_SCALE, "showscale": scale}


def cell_decimals(columns: int) -> int | None:
    """Decimals that fit inside a cell when ``columns`` cells share the width; None hides the text."""
    if columns <= 18:
        return 4
    if columns <= 40:
        return 2
    return None


# Plotly fits a heatmap's text to the distance between neighbouring labels, across and down, never above the
# layout's font size. When every label sits on one row (a one-row heatmap, or a grid whose other rows are
# still blank) there is no neighbour down, and Plotly skips the fitting: the values print at the layout's
# size whatever the cells' width and run into each other ("0.0264-0.0106-0.0398" on a 1024 px laptop,
# overlapping on a phone). A sliver row under the grid, one invisible label a cell, is that neighbour.
FIT_PROBE = "\u00a0"


def fitted(rows: list[int], z: list[list[float | None]], text: list[list[str]]) -> dict[str, Any]:
    """``y`` (bin edges), ``z``, ``text`` of a heatmap on consecutive ``rows`` whose text Plotly fits to its cells.

    The rows keep their unit height; under the last one a sliver 0.1 high holds no value (no colour, no hover)
    and a no-break space a cell. The axis's range must reach the sliver's centre, ``rows[-1] + 0.55``. It sits
    0.55 rows below the last values, so it limits their size only in rows less than ~2.4 values high.

    >>> fitted([0], [[1.0, None]], [["1.00", ""]])["y"]
    [-0.5, 0.5, 0.6]
    """
    assert rows == list(range(rows[0], rows[0] + len(rows))), rows
    edges = [r - 0.5 for r in rows] + [rows[-1] + 0.5, rows[-1] + 0.6]
    width = len(z[0]) if z else 0
    return {"y": edges, "z": [*z, [None] * width], "text": [*text, [FIT_PROBE] * width], "hoverongaps": False}


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


def strokes(
    xs: list[float | None], ys: list[float | None], line: dict[str, Any], xaxis: str = "x", yaxis: str = "y"
) -> dict[str, Any]:
    """Lines that only draw (padding marks, arcs, wires): no hover, no legend; ``None`` breaks a line."""
    return {
        "type": "scatter",
        "x": xs,
        "y": ys,
        "mode": "lines",
        "hoverinfo": "skip",
        "showlegend": False,
        "line": line,
        "xaxis": xaxis,
        "yaxis": yaxis,
    }

"""The screens the sliding-window animation is laid out for: a laptop, a projector, a phone.

Streamlit tells the server nothing about the browser's width, and a Plotly figure cannot
change its own cell count when its width changes. So the page picks one of three layouts
(``conv_viz/pages/screen.py``: presentation mode means a projector; a phone's browser says
"Mobi" in its User-Agent; a sidebar switch overrides either) and the figure is built so its
numbers read at the *narrowest* plot that screen gives it:

* ``PROJECTOR`` reads at a 1024 px wide projector (plot ~900 px) and at 1280×720: values in
  ≥ 18 px type, three decimals, about 12 columns; the colour key moves under the chart so
  the animation, Play/Pause and the sum fit in 720 px.
* ``PHONE`` reads at 390 px (plot ~306 px): values in ≥ 12 px type, two decimals, about 7
  columns; title in two lines, the key and axis title under the chart.
* ``LAPTOP`` is the page as it was: up to 96 columns, decimals by column count.

The column budget uses Plotly's own estimate of a label's width (0.65 em a character, the
rule its heatmaps fit their text with), so on the narrowest plot Plotly keeps the values at
the size asked for; a wider plot only adds space between them. Arial-like fonts draw digits
at ~0.56 em, which leaves at least ~15 % of each cell as a gap between neighbours.
"""

from __future__ import annotations

from dataclasses import dataclass

CHAR_EM = 0.65  # Plotly's width estimate for one character of heatmap text, in em
XGAP = 2  # px between output cells (the heatmap's xgap)
FONT_FAMILY = 'Arial, "Liberation Sans", "Helvetica Neue", Helvetica, sans-serif'  # narrow digits everywhere


@dataclass(frozen=True)
class Screen:
    """How big the animation's parts are drawn on one kind of screen (px unless said)."""

    name: str
    scale: float  # the laptop layout's sizes times this: title, pinned label, pin markers
    plot_px: int | None  # narrowest plot area the values must fit at; None: the laptop rule
    min_value_px: int  # values are at least this big on a plot ``plot_px`` wide
    value_px: int  # ... and at most this (Plotly fits heatmap text to its cells up to this size)
    weight_px: int  # the ×weight labels: smaller than the values they multiply
    text_px: int  # ticks, row labels, buttons, slider
    title_px: int
    row_px: int  # one input row
    decimals: int | None  # decimals in the cells; None: by column count (``style.cell_decimals``)
    margin_l: int  # room for the row labels
    key_below: bool  # axis title and colour key as text under the chart (True) or inside it
    title_lines: int  # the heading in one line, or sum and slots on two
    one_row: bool  # the slider beside the play buttons (a plot wide enough), else under them

    def columns(self, laptop_budget: int) -> int:
        """Padded cells the figure draws at most before it becomes a window around the pinned cell."""
        if self.plot_px is None or self.decimals is None:
            return laptop_budget
        chars = self.decimals + 3  # "-1." and the decimals: a signed value under ten
        cell = CHAR_EM * chars * self.min_value_px + XGAP + 1  # +1: Plotly rounds the cells' centres to pixels
        return max(1, int(self.plot_px / cell - 0.2))  # the x axis shows 0.6 of a cell beyond each end


# One row per screen, the columns in Screen's field order: name, scale, plot_px, min_value_px, value_px, weight_px,
# text_px, title_px, row_px, decimals, margin_l, key_below, title_lines, one_row.
LAPTOP = Screen("laptop", 1.0, None, 8, 12, 10, 12, 15, 46, None, 70, False, 1, False)
PROJECTOR = Screen("projector", 1.5, 900, 18, 22, 15, 17, 21, 64, 3, 72, True, 1, True)
PHONE = Screen("phone", 1.0, 306, 12, 15, 10, 12, 14, 42, 2, 46, True, 2, False)
SCREENS = {s.name: s for s in (LAPTOP, PROJECTOR, PHONE)}


def is_phone(user_agent: str | None) -> bool:
    """A phone's browser: "Mobi" in its User-Agent (MDN's advice; tablets and desktops leave it out).

    >>> is_phone("Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) ... Mobile/15E148 Safari/604.1")
    True
    >>> is_phone("Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Safari/537.36")
    False
    >>> is_phone(None)
    False
    """
    return "Mobi" in (user_agent or "")

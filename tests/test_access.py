"""Contrast of the theme and the code colours (WCAG 2 formula), and the keyboard player's HTML.

The browser check is tests/e2e/test_accessibility.py (axe-core on every page); these pin the numbers the theme
comments state, so a colour edited later cannot slip under 4.5:1 without a test saying which and by how much.
"""

from __future__ import annotations

import re
import tomllib
from pathlib import Path
from typing import Any
from urllib.parse import urljoin, urlsplit

import pytest

from conv_viz.figures import style
from conv_viz.figures.wrap import figure
from conv_viz.pages import access, screen
from conv_viz.server import assets, early_chunks

REPO = Path(__file__).resolve().parents[1]
THEME = tomllib.loads((REPO / ".streamlit" / "config.toml").read_text(encoding="utf-8"))["theme"]
CODE_BACKGROUND = "#F9FAFC"  # Streamlit's code block background in the light theme (measured by axe)
AA = 4.5


def rgb(colour: str) -> tuple[int, int, int]:
    h = colour.lstrip("#")
    return int(h[0:2], 16), int(h[2:4], 16), int(h[4:6], 16)


def luminance(c: tuple[float, float, float]) -> float:
    def linear(v: float) -> float:
        v /= 255
        return v / 12.92 if v <= 0.03928 else ((v + 0.055) / 1.055) ** 2.4

    r, g, b = (linear(v) for v in c)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(fg: tuple[float, float, float], bg: tuple[float, float, float]) -> float:
    hi, lo = sorted((luminance(fg), luminance(bg)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)


def over(colour: str, alpha: float, background: str) -> tuple[float, float, float]:
    """``colour`` at ``alpha`` opacity on ``background`` (how Streamlit fades and tints its theme colours)."""
    f, b = rgb(colour), rgb(background)
    return (
        alpha * f[0] + (1 - alpha) * b[0],
        alpha * f[1] + (1 - alpha) * b[1],
        alpha * f[2] + (1 - alpha) * b[2],
    )


def test_the_wcag_formula_matches_axe_on_the_old_theme() -> None:
    """axe reported these two on the old theme: captions 4.24:1, the selected language 4.15:1."""
    assert contrast(over("#1F2328", 0.6, "#FFFFFF"), rgb("#FFFFFF")) == pytest.approx(4.24, abs=0.01)
    tint = over("#0072B2", 0.1, "#F3F5F8")
    assert contrast(rgb("#0072B2"), tint) == pytest.approx(4.15, abs=0.01)


@pytest.mark.parametrize("background", ["backgroundColor", "secondaryBackgroundColor"])
def test_text_and_faded_text_reach_aa(background: str) -> None:
    bg = THEME[background]
    assert contrast(rgb(THEME["textColor"]), rgb(bg)) >= 15
    assert contrast(rgb(THEME["codeTextColor"]), rgb(bg)) >= 15
    # Captions, help and widget hints: the text colour at 60 % (Streamlit's fadedText60).
    assert contrast(over(THEME["textColor"], 0.6, bg), rgb(bg)) >= AA


@pytest.mark.parametrize("tint", [0.1, 0.2])  # a selected segment; hovered or focused as well
def test_selected_segment_reaches_aa(tint: float) -> None:
    primary = THEME["primaryColor"]
    assert contrast(rgb(primary), over(primary, tint, THEME["secondaryBackgroundColor"])) >= AA
    assert contrast(rgb("#FFFFFF"), rgb(primary)) >= AA  # a primary button's label


@pytest.mark.parametrize(("tokens", "colour"), list(access.TOKEN_COLOURS.items()))
def test_code_token_colours_reach_aa(tokens: str, colour: str) -> None:
    assert contrast(rgb(colour), rgb(CODE_BACKGROUND)) >= 5.0, tokens
    assert contrast(rgb(colour), rgb("#FFFFFF")) >= 5.0, tokens


def test_figure_axis_titles_reach_aa() -> None:
    assert contrast(rgb(style.GREY), rgb("#FFFFFF")) >= AA


@pytest.mark.parametrize("at", [i / 20 for i in range(21)])
def test_every_value_cell_colour_reads_its_number_at_aa(at: float) -> None:
    """Values print in ``VALUE_TEXT`` on ``VALUE_SCALE``: check the colour Plotly interpolates at every 5 %."""
    (lo, lo_colour), (hi, hi_colour) = next(
        (a, b) for a, b in zip(style.VALUE_SCALE, style.VALUE_SCALE[1:], strict=False) if a[0] <= at <= b[0]
    )
    f = (at - lo) / (hi - lo)
    cell = tuple((1 - f) * a + f * b for a, b in zip(rgb(lo_colour), rgb(hi_colour), strict=True))
    assert contrast(rgb(style.VALUE_TEXT["color"]), cell) >= 6.5, (at, cell)


def test_scripts_survive_streamlit_html_sanitiser(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    for source in (access.SCROLL_JS, access.PLAYER_JS):
        assert not re.search(r"<[\w/!]", source)
    (tmp_path / "bad.js").write_text("if (a <b) {}", encoding="utf-8")
    monkeypatch.setattr(access, "_HERE", tmp_path)
    with pytest.raises(ValueError, match="drop the script"):
        access._source("bad.js")


def _animated(labels: list[str], active: int = 1) -> Any:
    animate = {"method": "animate", "args": [None, {"frame": {"duration": 700}}]}
    steps = [{"label": s, "method": "animate", "args": [[s], {"frame": {"duration": 0}}]} for s in ("3", "4", "5")]
    return figure(
        {
            "data": [],
            "layout": {
                "updatemenus": [{"type": "buttons", "buttons": [{"label": x, **animate} for x in labels]}],
                "sliders": [{"active": active, "currentvalue": {"prefix": "t = "}, "steps": steps}],
            },
        }
    )


@pytest.fixture
def drawn(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    bodies: list[str] = []
    monkeypatch.setattr(access.st, "html", lambda body, **_: bodies.append(body))
    return bodies


def test_player_mirrors_the_figure_controls(drawn: list[str]) -> None:
    access.animation_keys(_animated(["▶ Play", "❚❚ Pause", "½×", "<b>2×</b>"]), "en")
    (body,) = drawn
    assert body.count("<button type='button'") == 4
    assert "<span aria-hidden='true'>▶</span> Play" in body  # the glyph is not read aloud, the word is
    assert "&lt;b&gt;2×&lt;/b&gt;" in body  # labels are text, never markup
    assert "min='0' max='2' step='1' value='1'" in body
    assert "aria-valuetext='t = 4'" in body
    assert "<output>t = 4</output>" in body
    assert "&quot;t = 3&quot;, &quot;t = 4&quot;, &quot;t = 5&quot;" in body  # every step's name for the script
    assert "aria-label='Animation controls (keyboard)'" in body


def test_player_speaks_chinese(drawn: list[str]) -> None:
    access.animation_keys(_animated(["▶ 播放", "❚❚ 暂停"], active=0), "zh")
    assert "动画控件（键盘）" in drawn[0]
    assert "<label>帧" in drawn[0]


def test_no_player_without_animation_controls(drawn: list[str]) -> None:
    access.animation_keys(figure({"data": [], "layout": {}}), "en")
    assert drawn == []


def test_install_names_scroll_regions_in_the_page_language(drawn: list[str]) -> None:
    access.install("zh")
    assert "代码，可横向滚动" in drawn[0]
    assert "class='cv-install'" in drawn[0]


def test_install_draws_the_page_wide_stylesheets_in_its_one_element(drawn: list[str]) -> None:
    access.install("en", screen.STYLESHEET)
    assert len(drawn) == 1
    assert screen.STYLESHEET in drawn[0]
    assert "max-width: 640px" in drawn[0]  # the narrow-screen rules, beside the app's own


def test_install_runs_plotly_early_only_where_a_chart_comes(drawn: list[str]) -> None:
    """Chart pages name their plotly.js for plotly_early.js (Streamlit's chunk, or the playground's cartesian bundle
    at the URL the middleware serves it); gallery and quiz name none."""
    assert access.PLOTLY_CHUNK is not None
    assert access.PLOTLY_CHUNK.startswith("PlotlyChart.")
    access.install("en")
    access.install("en", plotly=early_chunks.CARTESIAN)
    access.install("en", plotly=None)
    assert f'data-chunk="{access.PLOTLY_CHUNK}"' in drawn[0]
    assert f'data-chunk="../../_conv_viz/{assets.PLOTLY_MODULE}"' in drawn[1]
    assert all("__cvPlotlyEarly" in d for d in drawn[:2])
    assert "data-chunk" not in drawn[2]
    assert "__cvPlotlyEarly" not in drawn[2]
    # Resolved against Streamlit's index script (…/static/js/index.x.js), it is the file the middleware serves.
    resolved = urljoin("http://host/base/static/js/index.x.js", access.CARTESIAN_FROM_INDEX)
    assert urlsplit(resolved).path == f"/base/_conv_viz/{assets.PLOTLY_MODULE}"
    assert assets.served(urlsplit(resolved).path) is not None

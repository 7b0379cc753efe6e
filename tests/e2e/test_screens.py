"""Real screens in Chromium: a 1280×720 and a 1024×768 projector in presentation mode, and a 390×844 phone.

Measured from the page itself: bounding boxes of the SVG text Plotly draws (the values in the cells, the
×weight labels), of the Play button, the chart and the pinned cell's sum. A projector's first screen must
hold the animation, Play/Pause and the sum without scrolling, with values in ≥ 18 px type and a clear gap
between neighbours; a phone's values ≥ 12 px, no two labels overlapping, and no page wider than the phone.
Screenshots (en and zh, every size, presentation mode and not) go to artifacts/screenshots/screens-*.png.
"""

from __future__ import annotations

import io
import itertools
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest
import segno
from PIL import Image
from playwright.sync_api import Browser, FloatRect, Locator, Page, expect

from conv_viz.figures.screens import PHONE, PROJECTOR
from conv_viz.pages.presentation import MAX_QR_VERSION, QR_ERROR, qr_png
from tests.e2e.helpers import PLOT, TITLE, charts_drawn, no_exception, scrolled, settled, shot, wait_idle

PROJECTORS = [(1280, 720), (1024, 768)]
PHONE_SIZE = (390, 844)
IPHONE_UA = (
    "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) "
    "Version/17.5 Mobile/15E148 Safari/604.1"
)
PAGES = ["", "transposed", "groups", "matrix", "receptive-field", "gallery", "quiz"]
MIN_GAP_EM = 0.25  # side by side, two values are at least a quarter of their type size apart

# Every non-empty SVG text in a Plotly chart: its box, type size and kind (a value in a heatmap cell, a text
# label such as ×weight, or other text: titles, ticks, buttons).
_LABELS_JS = """plot => [...plot.querySelectorAll('text')].flatMap(t => {
  const s = t.textContent.trim();
  const b = t.getBoundingClientRect();
  if (!s || b.width === 0) return [];
  const kind = t.closest('g.heatmap-label') ? 'value' : t.closest('g.textpoint') ? 'label' : 'other';
  return [{s, kind, x: b.left, y: b.top, w: b.width, h: b.height, px: parseFloat(getComputedStyle(t).fontSize)}];
})"""


def _context(browser: Browser, size: tuple[int, int], lang: str, *, phone: bool = False) -> Page:
    extra: dict[str, Any] = {"user_agent": IPHONE_UA, "is_mobile": True, "has_touch": True} if phone else {}
    context = browser.new_context(
        viewport={"width": size[0], "height": size[1]}, locale="zh-CN" if lang == "zh" else "en-US", **extra
    )
    page = context.new_page()
    page.set_default_timeout(30_000)
    return page


def _open(page: Page, url: str) -> None:
    page.goto(url)
    wait_idle(page)
    no_exception(page)


def labels(page: Page, index: int = 0) -> list[dict[str, Any]]:
    """The text of the ``index``-th chart on the page, deduplicated (Plotly redraws a frame's text in place)."""
    found = page.locator(PLOT).nth(index).evaluate(_LABELS_JS)
    seen: dict[tuple[str, int, int], dict[str, Any]] = {}
    for lab in found:
        seen.setdefault((lab["s"], round(lab["x"]), round(lab["y"])), lab)
    return list(seen.values())


def overlaps(found: list[dict[str, Any]], kinds: tuple[str, ...] = ("value", "label")) -> list[tuple[str, str]]:
    """Pairs of labels whose boxes intersect."""
    mine = [lab for lab in found if lab["kind"] in kinds]
    return [
        (a["s"], b["s"])
        for i, a in enumerate(mine)
        for b in mine[i + 1 :]
        if a["x"] < b["x"] + b["w"]
        and b["x"] < a["x"] + a["w"]
        and a["y"] < b["y"] + b["h"]
        and b["y"] < a["y"] + a["h"]
    ]


def tightest_gap(found: list[dict[str, Any]]) -> float:
    """The smallest space between two values side by side on one row, in em of their type."""
    values = sorted((v for v in found if v["kind"] == "value"), key=lambda v: (round(v["y"] + v["h"] / 2), v["x"]))
    gaps = [
        (b["x"] - (a["x"] + a["w"])) / a["px"]
        for a, b in itertools.pairwise(values)
        if abs((a["y"] + a["h"] / 2) - (b["y"] + b["h"] / 2)) < 2
    ]
    return min(gaps, default=float("inf"))


def on_screen(locator: Locator, height: int) -> FloatRect:
    """``locator``'s box, checked to lie between the window's top and ``height``: seen without scrolling."""
    box = locator.bounding_box()
    assert box is not None
    assert box["y"] >= 0, box
    assert box["y"] + box["height"] <= height, box
    return box


def reachable(page: Page, locator: Locator) -> None:
    """A tap at ``locator``'s centre lands on it: on screen and not covered (by a header bar, say)."""
    box = on_screen(locator, page.viewport_size["height"] if page.viewport_size else 0)
    hit = page.evaluate(
        "([x, y, el]) => el.contains(document.elementFromPoint(x, y))",
        [box["x"] + box["width"] / 2, box["y"] + box["height"] / 2, locator.element_handle()],
    )
    assert hit, box


def overflow(page: Page) -> float:
    """How far the page (or Streamlit's scrolling main column) reaches beyond the window's width, in px."""
    return float(
        page.evaluate(
            """() => { const m = document.querySelector('[data-testid=stMain]');
            return Math.max(document.documentElement.scrollWidth - document.documentElement.clientWidth,
                            m ? m.scrollWidth - m.clientWidth : 0); }"""
        )
    )


# ---------------------------------------------------------------- projectors


@pytest.mark.parametrize("lang", ["en", "zh"])
@pytest.mark.parametrize("size", PROJECTORS, ids=lambda s: f"{s[0]}x{s[1]}")
def test_projector_shows_animation_play_and_sum_without_scrolling(
    browser: Browser, app_url: str, size: tuple[int, int], lang: str
) -> None:
    """The default layer, every output filled in (the last cell pinned), in presentation mode."""
    page = _context(browser, size, lang)
    _open(page, f"{app_url}/?present=true&lang={lang}&cell=0,0,9")
    settled(page, TITLE)
    height = size[1]
    reachable(page, page.get_by_role("button", name="退出演示模式" if lang == "zh" else "Leave presentation mode"))
    on_screen(page.locator(f"{PLOT} .updatemenu-button", has_text="▶").first, height)
    on_screen(page.locator(f"{PLOT} .updatemenu-button", has_text="❚❚").first, height)
    on_screen(page.locator(PLOT).first, height)
    metrics = page.locator("[data-testid=stMetric]")
    expect(metrics).to_have_count(2)
    for i in range(2):
        on_screen(metrics.nth(i), height)
    on_screen(page.locator("[data-testid=stMarkdownContainer]", has_text="y[0,0,9] = (").first, height)
    found = labels(page)
    values = [v for v in found if v["kind"] == "value"]
    weights = [v for v in found if v["kind"] == "label"]
    assert len(values) == 2 * 12 + 10  # two input rows of 12 cells and the 10 outputs: nothing hidden
    assert min(v["px"] for v in values) >= PROJECTOR.min_value_px
    assert max(w["px"] for w in weights) < min(v["px"] for v in values)  # the inputs print larger than ×weights
    assert overlaps(found) == []
    assert tightest_gap(found) >= MIN_GAP_EM
    shot(page, f"screens-present-{lang}-{size[0]}x{size[1]}")
    page.context.close()


@pytest.mark.parametrize("lang", ["en", "zh"])
@pytest.mark.parametrize("size", PROJECTORS, ids=lambda s: f"{s[0]}x{s[1]}")
def test_normal_page_at_projector_sizes(browser: Browser, app_url: str, size: tuple[int, int], lang: str) -> None:
    """Without presentation mode (the sidebar open): values fitted to their cells, never touching."""
    page = _context(browser, size, lang)
    _open(page, f"{app_url}/?lang={lang}&cell=0,0,9")
    settled(page, TITLE)
    found = labels(page)
    assert overlaps(found) == []
    assert tightest_gap(found) >= MIN_GAP_EM
    shot(page, f"screens-normal-{lang}-{size[0]}x{size[1]}")
    page.context.close()


def test_share_panel_shows_the_link_and_its_qr_code(browser: Browser, app_url: str) -> None:
    """The QR code's PNG is segno's for the link shown; the link reopens the view, without presentation mode."""
    page = _context(browser, (1280, 720), "en")
    _open(page, f"{app_url}/?present=true&kernel_size=5&stride=2&cell=0,1,3")
    page.get_by_role("button", name="Share with the room").click()
    image = page.locator("[data-testid=stPopoverBody] [data-testid=stImage] img, [data-testid=stImage] img").first
    expect(image).to_be_visible()
    link = page.locator("[data-testid=stPopoverBody] code", has_text=app_url).first
    expect(link).to_be_visible()
    shown = link.inner_text().strip()
    query = parse_qs(urlsplit(shown).query)
    assert "present" not in query
    assert (query["kernel_size"], query["stride"], query["cell"]) == (["5"], ["2"], ["0,1,3"])
    assert on_screen(image, 720)["width"] >= 300  # big enough to scan across a room
    served = Image.open(io.BytesIO(page.request.get(image.get_attribute("src") or "").body()))
    expected = Image.open(io.BytesIO(qr_png(shown) or b""))
    assert served.format == "PNG"  # lossless: JPEG's artefacts blur a code's modules
    assert served.size == expected.size
    assert served.convert("L").tobytes() == expected.convert("L").tobytes()  # the code of the link printed under it
    code = segno.make(shown, error=QR_ERROR, micro=False, boost_error=True)
    assert int(code.version) <= MAX_QR_VERSION  # ≤ 57×57 modules: ~6 px each at this size
    shot(page, "screens-share-en-1280x720")
    student = _context(browser, PHONE_SIZE, "en", phone=True)
    _open(student, shown)
    settled(student, TITLE)
    expect(student.locator(TITLE).first).to_contain_text("y[0,1,3] = Σ")
    expect(student.get_by_role("button", name="Leave presentation mode")).to_have_count(0)
    student.context.close()
    page.context.close()


def test_share_panel_in_chinese_and_a_link_too_long_for_a_qr_code(browser: Browser, app_url: str) -> None:
    page = _context(browser, (1024, 768), "zh")
    _open(page, f"{app_url}/?present=true&lang=zh")
    page.get_by_role("button", name="分享给全班").click()
    expect(page.locator("[data-testid=stImage] img").first).to_be_visible()
    shot(page, "screens-share-zh-1024x768")
    typed = ",".join(f"{i / 7:.4f}" for i in range(120))
    _open(page, f"{app_url}/?present=true&lang=en&x={typed}")
    page.get_by_role("button", name="Share with the room").click()
    expect(page.get_by_text("too long for a QR code")).to_be_visible()
    expect(page.locator("[data-testid=stPopoverBody] [data-testid=stImage]")).to_have_count(0)
    page.context.close()


# ---------------------------------------------------------------- phones


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_phone_playground_animation_is_legible(browser: Browser, app_url: str, lang: str) -> None:
    page = _context(browser, PHONE_SIZE, lang, phone=True)
    _open(page, f"{app_url}/?lang={lang}&cell=0,0,5")
    settled(page, TITLE)
    plot = page.locator(PLOT).first
    plot.scroll_into_view_if_needed()
    found = labels(page)
    values = [v for v in found if v["kind"] == "value"]
    weights = [v for v in found if v["kind"] == "label"]
    assert len(values) >= 2 * PHONE.columns(96)  # a window of the signal, every cell with its number
    assert min(v["px"] for v in values) >= PHONE.min_value_px
    assert max(w["px"] for w in weights) < min(v["px"] for v in values)
    assert overlaps(found) == []
    assert tightest_gap(found) >= MIN_GAP_EM
    box = plot.bounding_box()
    assert box is not None
    right = box["x"] + box["width"]
    assert all(lab["x"] >= box["x"] - 0.5 and lab["x"] + lab["w"] <= right + 0.5 for lab in found), [
        lab["s"] for lab in found if lab["x"] + lab["w"] > right + 0.5
    ]  # nothing clipped: the title in two lines, the key as text under the chart
    expect(page.get_by_text("∅ = zero padding" if lang == "en" else "∅ = 零填充").first).to_be_visible()
    assert overflow(page) <= 0
    plot.evaluate("e => e.scrollIntoView({block: 'start'})")
    scrolled(page, plot)
    shot(page, f"screens-phone-{lang}-chart")
    page.context.close()


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_phone_every_page_fits_the_width(browser: Browser, app_url: str, lang: str) -> None:
    """Each page at 390×844: no sideways scrolling, no overlapping labels in any chart, the menu in reach."""
    page = _context(browser, PHONE_SIZE, lang, phone=True)
    for path in PAGES:
        _open(page, f"{app_url}/{path}?lang={lang}")
        charts_drawn(page)  # charts draw after the script ends
        assert overflow(page) <= 0, path
        for i in range(page.locator(PLOT).count()):
            assert overlaps(labels(page, i), ("value", "label")) == [], (path, i)
        menu = page.locator("[data-testid=stExpandSidebarButton], [data-testid=stSidebarCollapsedControl]").first
        expect(menu).to_be_visible()
        box = on_screen(menu, PHONE_SIZE[1])
        assert box["x"] >= 0
        assert box["x"] + box["width"] <= PHONE_SIZE[0]
        shot(page, f"screens-phone-{lang}-{path or 'playground'}-top")
    page.context.close()


def test_phone_presentation_link_still_fits(browser: Browser, app_url: str) -> None:
    """A presentation link opened on a phone: the phone's layout, the way out in reach, nothing wider."""
    page = _context(browser, PHONE_SIZE, "en", phone=True)
    _open(page, f"{app_url}/?present=true&cell=0,0,5")
    settled(page, TITLE)
    reachable(page, page.get_by_role("button", name="Leave presentation mode"))
    reachable(page, page.get_by_role("button", name="Share with the room"))
    assert overlaps(labels(page)) == []
    assert overflow(page) <= 0
    shot(page, "screens-phone-en-present")
    page.context.close()

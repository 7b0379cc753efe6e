"""The animation in Chromium says which cell is which: the one playing, the pinned one whose sum is below,
and where causal outputs stand (under the newest input they read).

Screenshots go to artifacts/screenshots/animation-*.png for a human to look at.
"""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Locator, Page, expect

from tests.e2e.helpers import PLOT, TITLE, frame_at_rest, no_exception, settled, shot, wait_idle

CURRENT_VALUE = f"{PLOT} .slider-group > .slider-label"  # the slider's "output position t = …"
CASES = {  # lang: title prefix of the pinned frame, of any other frame, the sum's heading, the Play/Pause labels
    "en": ("pinned: ", "animation: ", "How the pinned cell y[0, 0, {t}] is computed", "Play", "Pause", "pinned"),
    "zh": ("已固定：", "动画：", "已固定的单元 y[0, 0, {t}] 是怎样算出来的", "播放", "暂停", "已固定"),
}


def pin_markers(page: Page) -> Locator:
    """The invisible square markers over the output cells: points of the animation's last scatter trace."""
    return page.locator(PLOT).first.locator(".scatterlayer .trace").last.locator("path.point")


def centre_x(locator: Locator) -> float:
    box = locator.bounding_box()
    assert box is not None
    return box["x"] + box["width"] / 2


def sum_heading(page: Page, text: str) -> Locator:
    """The heading over the step-by-step sum, at whatever level the page gives it."""
    return page.get_by_role("heading", name=text)


def pinned_box(page: Page) -> Locator:
    """The dashed outline of the pinned cell: the layout shape drawn above the traces."""
    return page.locator(PLOT).first.locator(".layer-above .shapelayer path").first


@pytest.mark.parametrize("lang", list(CASES))
def test_while_playing_the_title_names_the_frame_and_the_sum_stays_on_the_marked_pinned_cell(
    page: Page, app_url: str, lang: str
) -> None:
    pinned, animation, heading, play, pause, label = CASES[lang]
    page.goto(app_url + f"/?lang={lang}&cell=0,0,2")
    wait_idle(page)
    settled(page, TITLE)
    title = page.locator(TITLE).first
    expect(title).to_contain_text(f"{pinned}y[0,0,2] = ")
    expect(sum_heading(page, heading.format(t=2))).to_be_visible()
    marker_x = centre_x(pin_markers(page).nth(2))
    assert centre_x(pinned_box(page)) == pytest.approx(marker_x, abs=1)
    expect(page.locator(PLOT).first.locator(".annotation-text", has_text=label)).to_have_count(1)

    page.locator("g.updatemenu-button", has_text=play).click()
    # playing from the first frame: wait for a frame past the pinned one, then stop there
    expect(title).to_have_text(re.compile(rf"^{animation}y\[0,0,[3-9]\] = "), timeout=15_000)
    page.locator("g.updatemenu-button", has_text=pause).click()
    frame_at_rest(page.locator(PLOT).first)  # read slider and title from one settled frame
    shot(page, f"animation-paused-{lang}")
    text = title.text_content() or ""
    match = re.match(rf"^{animation}y\[0,0,(\d+)\] = ", text)
    assert match, text
    t = int(match.group(1))
    assert t != 2
    assert (page.locator(CURRENT_VALUE).first.text_content() or "").endswith(f"t = {t}")
    # the sum below still names the pinned cell, and the figure still marks that cell, not the playing one
    expect(sum_heading(page, heading.format(t=2))).to_be_visible()
    expect(sum_heading(page, heading.format(t=t))).to_have_count(0)
    assert centre_x(pinned_box(page)) == pytest.approx(marker_x, abs=1)
    assert centre_x(pinned_box(page)) != pytest.approx(centre_x(pin_markers(page).nth(t)), abs=5)
    no_exception(page)


@pytest.mark.parametrize("lang", list(CASES))
def test_causal_outputs_stand_under_the_newest_input_they_read(page: Page, app_url: str, lang: str) -> None:
    """kernel 3, dilation 2, causal: y[t] reads x[t−4], x[t−2], x[t]; its cell sits under the tick "t"."""
    page.goto(app_url + f"/?lang={lang}&causal=true&dilation=2&cell=0,0,5")
    wait_idle(page)
    no_exception(page)
    settled(page, TITLE)
    plot = page.locator(PLOT).first
    for t in (0, 5, 9):
        tick = plot.locator(".xtick text").filter(has_text=re.compile(rf"^{t}$"))
        expect(tick).to_have_count(1)
        assert centre_x(pin_markers(page).nth(t)) == pytest.approx(centre_x(tick), abs=2), t
    caption = (
        "causal: y[t] sits under its window's last tap, x[t·stride]"
        if lang == "en"
        else "y[t] 位于窗口最后一个抽头 x[t·stride] 下方"
    )
    expect(plot.locator(".g-xtitle")).to_contain_text(caption)
    plot.scroll_into_view_if_needed()
    shot(page, f"animation-causal-{lang}")

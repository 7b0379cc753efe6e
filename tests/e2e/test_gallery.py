"""The gallery in headless Chromium: the first example's numbers, opening another, following its link.

Screenshots go to artifacts/screenshots/gallery-*.png for a human to look at.
"""

from __future__ import annotations

import re

from playwright.sync_api import Locator, Page, expect

from tests.e2e.helpers import no_exception, shot, tall, wait_idle


def expander(page: Page, number: int) -> Locator:
    return page.locator("[data-testid=stExpander]").filter(has_text=f"#{number} ·").first


def test_first_example_shows_the_tutorials_numbers(page: Page, app_url: str) -> None:
    tall(page, 2600)
    page.goto(app_url + "/gallery")
    wait_idle(page)
    no_exception(page)
    expect(page.locator("h1", has_text="Tutorial gallery")).to_be_visible()
    first = expander(page, 1)
    expect(first).to_contain_text("0·0.1 + 1·0.2 + 2·0.3 = 0.8000")
    expect(first).to_contain_text("8.6000")
    expect(first.locator("[data-testid=stPageLink]")).to_have_count(1)
    shot(page, "gallery")


def test_open_an_example_and_follow_its_link(page: Page, app_url: str) -> None:
    tall(page, 2600)
    page.goto(app_url + "/gallery")
    wait_idle(page)
    second = expander(page, 2)  # closed until clicked: only open examples compute
    second.locator("summary").click()
    wait_idle(page)
    expect(second).to_contain_text("sum(x[0, :, 0:3] * weight[0])")
    expect(second).to_contain_text("torch.manual_seed(666)")
    no_exception(page)
    shot(page, "gallery-seed-666")
    link = second.locator("[data-testid=stPageLink] a")
    href = link.get_attribute("href") or ""
    assert "seed=666" in href
    # The example's text shows before its run ends (LaTeX and code render last, moving the link): click once the
    # page is idle and the link is in view, so the click lands on the link and not on where it was a moment ago.
    wait_idle(page)
    link.scroll_into_view_if_needed()
    link.click()
    # The page first, then the URL, polled (as Streamlit's own page-link tests do): the address bar follows the
    # new page's run, so a one-shot navigation wait can miss the moment it changes.
    expect(page.locator("h1", has_text="Playground")).to_be_visible()
    expect(page.get_by_text("y (2, 2, 3)").first).to_be_visible()
    expect(page).to_have_url(re.compile(r"/\?(.*&)?seed=666(&|$)"))
    wait_idle(page)
    no_exception(page)
    shot(page, "gallery-to-playground")


def test_the_tutorial_cnn_breaks_where_torch_does(page: Page, app_url: str) -> None:
    tall(page, 2600)
    page.goto(app_url + "/gallery")
    wait_idle(page)
    cnn = expander(page, 12)
    cnn.locator("summary").click()
    wait_idle(page)
    no_exception(page)
    expect(cnn.locator("[data-testid=stAlertContentError]")).to_contain_text("to have 8 channels, but got 4")
    expect(cnn).to_contain_text("L = 214 … 217")
    cnn.scroll_into_view_if_needed()
    shot(page, "gallery-cnn")

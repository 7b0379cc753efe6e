"""The /transposed page in headless Chromium: load, play the scatter-add, change output_padding, break a rule.

Screenshots go to artifacts/screenshots/transposed-*.png for a human to look at.
"""

from __future__ import annotations

from playwright.sync_api import Page, expect

from tests.e2e.helpers import PLOT, TITLE, frame_at_rest, no_exception, scrolled, settled, shot, tall, wait_idle

CURRENT_VALUE = f"{PLOT} .slider-group > .slider-label"  # "input position i = …"
QUERY = "/transposed?stride=2&padding=1&output_padding=1&input=ramp&weights=moving_average"


def scroll_to(page: Page, selector: str) -> None:
    page.locator(selector).first.evaluate("e => e.scrollIntoView({block: 'start'})")
    scrolled(page, page.locator(selector).first)


def test_scatter_add_plays_and_output_padding_changes_the_length(page: Page, app_url: str) -> None:
    tall(page)
    page.goto(app_url + QUERY)
    wait_idle(page)
    no_exception(page)
    expect(page.locator("h1", has_text="Conv1d Lab · ConvTranspose1d")).to_be_visible()
    settled(page, TITLE)
    expect(page.get_by_text("y (1, 2, 24)").first).to_be_visible()
    expect(page.locator(PLOT)).to_have_count(3)  # scatter-add, overlap strip, and the round trip in its tab
    shot(page, "transposed-default")

    current = page.locator(CURRENT_VALUE).first
    assert current.text_content() == "input position i = 0"
    page.locator("g.updatemenu-button", has_text="Play").click()
    expect(current).not_to_have_text("input position i = 0")  # frames advance in the browser, no rerun
    page.locator("g.updatemenu-button", has_text="Pause").click()
    frame_at_rest(page.locator(PLOT).first)  # read the slider once the frame it names is drawn
    i = int((current.text_content() or "").rsplit("=", 1)[1])
    expect(page.locator(TITLE).first).to_contain_text(f"i = {i}: x[0, :, {i}] drops a scaled kernel")

    field = page.get_by_role("spinbutton", name="output_padding", exact=True)
    field.fill("0")
    field.press("Enter")
    wait_idle(page)
    expect(page.get_by_text("y (1, 2, 23)").first).to_be_visible()
    assert "output_padding" not in page.url  # back to its default: the link drops it
    no_exception(page)
    settled(page, TITLE)
    scroll_to(page, "[data-testid=stTabs]")
    shot(page, "transposed-lengths-tab")


def test_gradient_and_inverse_tabs(page: Page, app_url: str) -> None:
    tall(page)
    page.goto(app_url + QUERY)
    wait_idle(page)
    settled(page, TITLE)
    page.get_by_role("tab", name="= the gradient of Conv1d").click()
    expect(page.get_by_text("conv_transpose1d(g) = z.grad (allclose)")).to_be_visible()
    scroll_to(page, "[data-testid=stTabs]")
    shot(page, "transposed-gradient-tab")
    page.get_by_role("tab", name="≠ the inverse of Conv1d").click()
    expect(page.get_by_text("The transpose is not the inverse").first).to_be_visible()
    scroll_to(page, "[data-testid=stTabs]")
    shot(page, "transposed-inverse-tab")
    no_exception(page)


def test_string_padding_names_the_rule_in_chinese(page: Page, app_url: str) -> None:
    tall(page)
    page.goto(app_url + "/transposed?padding=same&lang=zh")
    wait_idle(page)
    alert = page.locator("[data-testid=stAlertContentError]").first
    expect(alert).to_contain_text("ConvTranspose1d 的 padding 只能是整数")
    no_exception(page)
    expect(page.locator("[data-testid=stSkeleton]")).to_have_count(0)
    shot(page, "transposed-padding-same-zh")

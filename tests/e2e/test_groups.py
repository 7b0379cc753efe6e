"""The /groups page in headless Chromium: load, change groups, change the depth multiplier, hover a band.

Screenshots go to artifacts/screenshots/groups-*.png for a human to look at.
"""

from __future__ import annotations

from playwright.sync_api import Page, expect

from tests.e2e.helpers import PLOT, no_exception, open_tall, opens, scrolled, settled, shot, tall, wait_idle


def scroll_to(page: Page, text: str) -> None:
    page.get_by_text(text).first.evaluate("e => e.scrollIntoView({block: 'start'})")
    scrolled(page, page.get_by_text(text).first)


def test_groups_page_from_full_to_depthwise(page: Page, app_url: str) -> None:
    tall(page)
    opens(page, app_url + "/groups?in_channels=4&out_channels=8&groups=2&padding=1", "Conv1d Lab · groups")
    settled(page)
    expect(page.locator(PLOT)).to_have_count(2)  # small multiples and the wiring matrix
    expect(page.locator(f"{PLOT} .annotation-text", has_text="groups=4 · depthwise")).to_be_visible()
    expect(page.get_by_text("groups=2 really is 2 independent convolutions")).to_be_visible()
    options, costs, checks = (page.locator("[data-testid=stMarkdownContainer] table").nth(i) for i in range(3))
    expect(options.locator("tbody tr td:first-child")).to_have_text(["1", "2", "4"])
    expect(options.locator("tbody tr").nth(1)).to_contain_text("◀ sidebar")  # groups=2 is the sidebar's
    expect(options.locator("tbody tr").nth(1).locator("td").nth(2)).to_have_text("(8, 2, 3)")
    expect(costs.locator("thead th").nth(1)).to_have_text("weight.shape")
    expect(checks.locator("tbody tr td:last-child")).to_have_text(["✓"] * 4)
    shot(page, "groups-default")
    scroll_to(page, "Every valid groups")
    shot(page, "groups-table")

    field = page.get_by_role("spinbutton", name="groups", exact=True)
    field.fill("4")
    field.press("Enter")
    wait_idle(page)
    expect(page.locator("h2", has_text="groups=4, cell by cell")).to_be_visible()
    assert "groups=4" in page.url
    no_exception(page)
    settled(page)
    scroll_to(page, "groups=4, cell by cell")
    shot(page, "groups-depthwise-matrix")


def test_depth_multiplier_and_separable_costs(page: Page, app_url: str) -> None:
    open_tall(page, app_url + "/groups?in_channels=16&out_channels=32&kernel_size=5")
    field = page.get_by_role("spinbutton", name="depth multiplier M")
    field.fill("2")
    field.press("Enter")
    wait_idle(page)
    expect(page.get_by_text("depthwise = nn.Conv1d(16, 32, 5, groups=16)").first).to_be_visible()
    assert "depth_multiplier=2" in page.url
    expect(page.get_by_text("Separable: 1,248 parameters").first).to_be_visible()  # (32·5 + 32) + (32·32 + 32)
    no_exception(page)
    scroll_to(page, "Depthwise-separable vs full")
    shot(page, "groups-separable")


def test_invalid_groups_in_chinese(page: Page, app_url: str) -> None:
    open_tall(page, app_url + "/groups?in_channels=4&out_channels=6&groups=4&lang=zh")
    expect(page.locator("[data-testid=stAlertContentError]").first).to_contain_text("此处可用的 groups：1, 2")
    no_exception(page)
    shot(page, "groups-invalid-zh")

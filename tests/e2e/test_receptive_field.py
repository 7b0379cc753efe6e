"""The receptive-field page in headless Chromium: presets, the break in torch's words, clicking the tower.

Screenshots go to artifacts/screenshots/receptive-field-*.png for a human to look at.
"""

from __future__ import annotations

from urllib.parse import parse_qs, quote, urlparse

from playwright.sync_api import Page, expect

from conv_viz.stack.presets import TUTORIAL_1D
from tests.e2e.helpers import PLOT, no_exception, opens, scroll_main, shot, wait_idle


def query(page: Page) -> dict[str, list[str]]:
    return parse_qs(urlparse(page.url).query)


def test_presets_show_shapes_the_break_and_the_tower(page: Page, app_url: str) -> None:
    opens(page, app_url + "/receptive-field", "A stack of layers")
    expect(page.locator(f"{PLOT} .barlayer").first).to_be_visible()
    shot(page, "receptive-field-default")

    page.get_by_role("button", name="Tutorial CNN as written (max_pool2d)").click()
    wait_idle(page)
    no_exception(page)
    expect(page.get_by_text("The stack breaks at layer 4")).to_be_visible()
    expect(page.get_by_text("expected input[1, 4, 122] to have 8 channels").first).to_be_visible()
    expect(page.get_by_text("the stack runs for L = 214–217")).to_be_visible()
    assert query(page)["length"] == ["250"]
    shot(page, "receptive-field-tutorial")

    page.get_by_role("button", name="Dilated causal TCN (WaveNet style)").click()
    wait_idle(page)
    no_exception(page)
    expect(page.get_by_text("It depends on 16 input cells")).to_be_visible()
    scroll_main(page, 0.35)
    shot(page, "receptive-field-tcn")

    # click a cell of the top row (layer 7's output) in the tower: it becomes the chosen cell.
    # The first trace holds the cells not read, row by row from the input up: its last bar is position 30 of layer 7.
    bars = page.locator(PLOT).first.locator(".barlayer .trace").first.locator("path")
    expect(bars.first).to_be_visible()
    box = bars.last.bounding_box()
    assert box is not None
    # Plotly's drag layer takes the pointer events; a click at the bar's centre is what a user does
    page.mouse.click(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    wait_idle(page)
    no_exception(page)
    assert query(page)["cell"] == ["0,0,30"]
    expect(page.get_by_text("What output [0, 30] of layer 7 depends on")).to_be_visible()
    expect(page.get_by_text("torch autograd").first).to_be_visible()
    scroll_main(page, 0.55)
    shot(page, "receptive-field-tcn-clicked")


def test_chinese_page_lays_out(page: Page, app_url: str) -> None:
    page.goto(app_url + "/receptive-field?lang=zh&in_channels=1&length=250&stack=" + quote(TUTORIAL_1D.stack))
    wait_idle(page)
    no_exception(page)
    expect(page.get_by_text("堆叠在第 8 层出错")).to_be_visible()
    table = page.locator("[data-testid=stMarkdownContainer] table").first  # the layer table, a real <table>
    expect(table).to_be_visible()
    expect(table.locator("thead th").first).to_have_text("#")
    expect(table.locator("tbody tr")).to_have_count(11)  # the input and the stack's 10 layers
    expect(table.locator("tbody tr").nth(8)).to_contain_text("出错")  # layer 8 breaks, in Chinese
    expect(page.locator("[data-testid=stSkeleton]")).to_have_count(0)
    shot(page, "receptive-field-zh")

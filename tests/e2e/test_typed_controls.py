"""Typed data in the sidebar, in headless Chromium: clearing typed x leaves its expander open, closing it keeps
typed x until new text opens it again, and typed weights show why out_channels and kernel_size are locked.

Screenshots go to artifacts/screenshots/typed-*.png for a human to look at.
"""

from __future__ import annotations

from pathlib import Path
from urllib.parse import unquote

from playwright.sync_api import Locator, Page, expect

from tests.e2e.helpers import no_exception, shot, sidebar_box, still, tall, wait_idle

TYPED = "Type your own numbers"


def typed_expander(page: Page) -> Locator:
    return page.locator("[data-testid=stSidebar] [data-testid=stExpander]").filter(has_text=TYPED).first


def assert_open(box: Locator) -> None:
    """Open once the rerun has settled. A collapse starts once the run is drawn and animates the height before it
    closes the <details>, so ``expect``, which passes on the first match, would see the expander still open: this
    waits for the details to stand still (no animation running), then reads the state once."""
    still(box.locator("details"))
    assert box.locator("details").evaluate("e => e.open") is True
    assert box.locator("textarea").first.is_visible()


def clear(field: Locator) -> None:
    """Empty a text field and submit it the way a user does (Ctrl+Enter)."""
    field.fill("")
    field.press("Control+Enter")


def test_clearing_typed_x_from_a_link_keeps_its_expander_open(page: Page, app_url: str) -> None:
    page.goto(app_url + "/?x=1,2,3,4,5,6")
    wait_idle(page)
    box = typed_expander(page)
    expect(box.locator("details")).to_have_attribute("open", "")  # opened by the link's typed x, not by a click
    x = box.locator("[data-testid=stTextArea] textarea").first
    expect(x).to_have_value("1,2,3,4,5,6")
    clear(x)
    wait_idle(page)
    no_exception(page)
    expect(x).to_have_value("")
    assert_open(box)


def test_clearing_typed_x_after_typing_it_keeps_its_expander_open(page: Page, app_url: str) -> None:
    page.goto(app_url + "/")
    wait_idle(page)
    box = sidebar_box(page, TYPED)
    x = box.locator("[data-testid=stTextArea] textarea").first
    x.fill("1,2,3,4")
    x.press("Control+Enter")
    wait_idle(page)
    clear(x)
    wait_idle(page)
    no_exception(page)
    assert_open(box)


def test_closed_typed_x_is_kept_until_an_upload_fills_it(page: Page, app_url: str, tmp_path: Path) -> None:
    """A closed expander draws nothing, yet the view keeps its typed x; new text from outside opens it again."""
    page.goto(app_url + "/?x=1,2,3,4,5,6")
    wait_idle(page)
    box = typed_expander(page)
    expect(box.locator("textarea").first).to_have_value("1,2,3,4,5,6")
    box.get_by_text(TYPED).click()
    wait_idle(page)
    still(box.locator("details"))
    assert box.locator("details").evaluate("e => e.open") is False
    expect(box.locator("textarea")).to_have_count(0)  # not hidden: not drawn at all
    expect(page.get_by_text("x (1, 1, 6)").first).to_be_visible()  # the shape line: the same view
    assert "x=1,2,3,4,5,6" in unquote(page.url)
    csv = tmp_path / "x.csv"
    csv.write_text("7\n8\n9\n")
    sidebar_box(page, "Upload CSV or WAV")
    page.locator("[data-testid=stFileUploaderDropzoneInput]").set_input_files(str(csv))
    wait_idle(page)
    no_exception(page)
    expect(box.locator("textarea").first).to_have_value("7,8,9")
    assert_open(box)
    expect(page.get_by_text("x (1, 1, 3)").first).to_be_visible()


def test_typed_weights_say_why_fields_are_locked(page: Page, app_url: str) -> None:
    tall(page, 1600)
    page.goto(app_url + "/?w=1,0,-1;0.5,0.5,0.5|0,1,0;1,1,1")
    wait_idle(page)
    no_exception(page)
    sidebar = page.locator("[data-testid=stSidebar]")
    expect(sidebar.locator("[data-testid=stNumberInput] input[aria-label=out_channels]")).to_be_disabled()
    expect(sidebar.locator("[data-testid=stNumberInput] input[aria-label=kernel_size]")).to_be_disabled()
    weight = sidebar.locator("[data-testid=stSelectbox] input[aria-label=weight]")
    expect(weight).to_have_value("typed below: shape (2, 2, 3)")
    expect(weight).to_be_disabled()
    expect(sidebar.locator("[data-testid=stSelectbox] input[aria-label=x]")).to_have_value("random (seeded, as torch)")
    sidebar.get_by_role("button", name="Help for kernel_size").hover()
    expect(page.get_by_text("Set by the typed weights: shape (2, 2, 3)")).to_be_visible()
    still(page.get_by_text("Set by the typed weights: shape (2, 2, 3)"))  # the tooltip has faded in
    expect(page.locator("[data-testid=stSkeleton]")).to_have_count(0)
    shot(page, "typed-weights-sidebar")

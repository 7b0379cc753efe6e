"""A link always reopens, in headless Chromium: typed data too long for a link is kept on the server and named
(x=~…), a refused text never reaches the address bar, the address stays under 8,000 characters, and a reload
brings back the same view, settings and numbers. Before: 5,000 typed numbers made a 20,053-character address,
and 100,000 a 400,053-character one that the server answered with HTTP 400 on reload, every setting lost.

Screenshots of the note, English and Chinese, at desktop size: artifacts/screenshots/links-kept-*.png.
"""

from __future__ import annotations

import re
from urllib.parse import urlencode

from playwright.sync_api import Locator, Page, expect

from tests.e2e.helpers import SCREENSHOTS, no_exception, scrolled, sidebar_box, wait_idle

SETTINGS = "kernel_size=5&stride=2&dilation=2&seed=7"
FIVE_THOUSAND = ",".join(str((i * 7) % 10) for i in range(5000))
MAX_LINK_CHARS = 8000
GOOD = ",".join(str(i) for i in range(20))  # long enough for kernel_size=5 at dilation=2
TYPED = {"en": "Type your own numbers", "zh": "输入你自己的数字"}
KEPT = {"en": "Typed x is too long for a link", "zh": "输入的 x 太长，链接放不下"}


def sidebar_field(page: Page, label: str) -> Locator:
    return page.locator(f"[data-testid=stSidebar] [data-testid=stNumberInput] input[aria-label={label}]")


def typed_x(page: Page, lang: str = "en") -> Locator:
    return sidebar_box(page, TYPED[lang]).locator("[data-testid=stTextArea] textarea").first


def window_shot(page: Page, name: str) -> None:
    """The window as a user sees it (the sidebar scrolls on its own, so a full-page shot would miss the note)."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"{name}.png"))


def type_into(field: Locator, text: str) -> None:
    """Type and submit (Ctrl+Enter); waits for the rerun it asks for, which a field just drawn may send a moment late."""
    sent = field.page.evaluate("() => window.__e2e.sent")
    field.fill(text)
    field.press("Control+Enter")
    field.page.wait_for_function("(n) => window.__e2e.sent > n", arg=sent)
    wait_idle(field.page)


def assert_settings_kept(page: Page) -> None:
    expect(sidebar_field(page, "kernel_size")).to_have_value("5")
    expect(sidebar_field(page, "stride")).to_have_value("2")
    expect(sidebar_field(page, "dilation")).to_have_value("2")
    expect(sidebar_field(page, "seed")).to_have_value("7")


def test_five_thousand_typed_numbers_make_a_short_link_that_reloads(page: Page, app_url: str) -> None:
    page.goto(f"{app_url}/?{SETTINGS}")
    wait_idle(page)
    type_into(typed_x(page), FIVE_THOUSAND)
    no_exception(page)
    note = page.locator("[data-testid=stSidebar] [data-testid=stAlert]").filter(has_text=KEPT["en"])
    expect(note).to_be_visible()
    assert re.search(r"[?&]x=~[0-9a-f]{16}(&|$)", page.url), page.url
    assert len(page.url) <= MAX_LINK_CHARS, len(page.url)
    link = page.url
    note.scroll_into_view_if_needed()
    scrolled(page, note)
    window_shot(page, "links-kept-en")
    response = page.reload()
    assert response is not None
    assert response.status == 200
    wait_idle(page)
    no_exception(page)
    assert page.url == link
    assert_settings_kept(page)
    expect(typed_x(page)).to_have_value(FIVE_THOUSAND)
    expect(page.get_by_text("x (1, 1, 5000)").first).to_be_visible()  # the shape line: the same view
    expect(page.locator("[data-testid=stSidebar] [data-testid=stAlert]").filter(has_text=KEPT["en"])).to_be_visible()


def test_refused_numbers_never_reach_the_link_and_a_reload_keeps_the_view(page: Page, app_url: str) -> None:
    page.goto(f"{app_url}/?{SETTINGS}")
    wait_idle(page)
    x = typed_x(page)
    type_into(x, GOOD)
    assert urlencode({"x": GOOD}) in page.url
    type_into(x, ",".join(str(i % 10) for i in range(100_000)))  # the app refuses more than 20,000
    no_exception(page)
    expect(page.get_by_text("x has 100,000 numbers").first).to_be_visible()
    expect(page.get_by_text("The link keeps the last x the app accepted").first).to_be_visible()
    assert len(page.url) <= MAX_LINK_CHARS, len(page.url)
    assert urlencode({"x": GOOD}) in page.url  # the last x the app accepted
    response = page.reload()
    assert response is not None
    assert response.status == 200
    wait_idle(page)
    no_exception(page)
    assert_settings_kept(page)
    expect(typed_x(page)).to_have_value(GOOD)
    expect(page.get_by_text("x (1, 1, 20)").first).to_be_visible()


def test_the_note_in_chinese(page: Page, app_url: str) -> None:
    page.goto(f"{app_url}/?{SETTINGS}&lang=zh")
    wait_idle(page)
    type_into(typed_x(page, "zh"), FIVE_THOUSAND)
    no_exception(page)
    note = page.locator("[data-testid=stSidebar] [data-testid=stAlert]").filter(has_text=KEPT["zh"])
    expect(note).to_be_visible()
    assert len(page.url) <= MAX_LINK_CHARS
    note.scroll_into_view_if_needed()
    scrolled(page, note)
    window_shot(page, "links-kept-zh")

"""Script payloads in a real browser, on every page: in the link's parameters and typed into the fields.

A payload that ran would set ``window.__xss`` or open a dialog; an injected tag
would leave an element with an ``onerror``/``onload`` handler in the DOM. None
may happen. Where a page echoes the payload (a warning about the link, an
error about typed numbers), the payload must be on screen as text.
"""

from __future__ import annotations

from urllib.parse import quote

import pytest
from playwright.sync_api import Locator, Page, expect

from tests.e2e.helpers import assert_inert, shot, sidebar_box, wait_idle

SCRIPT = "<script>window.__xss=1;alert(1)</script>"  # 40 characters: warnings show it whole
IMG = '<img src=x onerror="window.__xss=2">'
SVG = '<svg onload="window.__xss=3">'
PAGES = ["", "transposed", "groups", "matrix", "receptive-field", "gallery", "quiz"]  # "" is the playground at /
DATA_PAGES = ["", "transposed", "groups", "matrix"]  # the pages with typed x, w and b in the sidebar
WARNING = "[data-testid=stAlertContentWarning]"
ERROR = "[data-testid=stAlertContentError]"


def hostile_url(base: str, path: str) -> str:
    params = {"padding": SCRIPT, "kernel_size": IMG, "input": SVG, IMG: "1", "x": IMG, "w": SCRIPT, "stack": IMG}
    return f"{base}/{path}?" + "&".join(f"{quote(k)}={quote(v)}" for k, v in params.items())


@pytest.mark.parametrize("path", PAGES, ids=lambda p: p or "playground")
def test_payloads_in_the_link_stay_text(page: Page, app_url: str, dialogs: list[str], path: str) -> None:
    page.goto(hostile_url(app_url, path))
    wait_idle(page)
    expect(page.locator(WARNING, has_text="Ignored padding=").first).to_contain_text(SCRIPT)  # every page warns
    expect(page.locator(WARNING, has_text="unknown URL parameter").first).to_contain_text("<img src=x")
    if path in DATA_PAGES or path == "receptive-field":  # typed x (or the stack) is read; its error quotes it
        expect(page.locator(ERROR).first).to_contain_text("'<img")
    assert_inert(page, dialogs)
    shot(page, f"hostile-link-{path or 'playground'}")


def commit(field: Locator, text: str) -> None:
    """Type into a text field and submit it the way a user does (Ctrl+Enter)."""
    field.fill(text)
    field.press("Control+Enter")


@pytest.mark.parametrize("path", DATA_PAGES, ids=lambda p: p or "playground")
def test_payloads_typed_into_x_w_b_stay_text(page: Page, app_url: str, dialogs: list[str], path: str) -> None:
    page.goto(f"{app_url}/{path}")
    wait_idle(page)
    sidebar = page.locator("[data-testid=stSidebar]")
    sidebar_box(page, "Type your own numbers")
    areas = sidebar.locator("[data-testid=stTextArea] textarea")
    fields = [areas.nth(0), areas.nth(1), sidebar.locator("[data-testid=stTextInput] input").first]  # x, weight, bias
    for i, (field, payload) in enumerate(zip(fields, [IMG, SCRIPT, SVG], strict=True)):
        if path == "groups" and i > 0:  # the groups page draws each layer's own weights: w and b are locked
            expect(field).to_be_disabled()
            continue
        commit(field, payload)
        wait_idle(page)
    expect(page.locator(ERROR).first).to_contain_text("'<img")
    assert_inert(page, dialogs)


def test_payload_typed_into_the_stack_stays_text(page: Page, app_url: str, dialogs: list[str]) -> None:
    page.goto(f"{app_url}/receptive-field")
    wait_idle(page)
    commit(page.locator("[data-testid=stSidebar] [data-testid=stTextArea] textarea").first, f"conv:1,1,3;{IMG}")
    wait_idle(page)
    expect(page.locator(ERROR).first).to_contain_text("'<img")
    expect(page.locator("[data-testid=stCode]", has_text="^").first).to_contain_text(IMG)  # the caret under it
    assert_inert(page, dialogs)
    shot(page, "hostile-typed-stack")


def test_payload_typed_as_a_quiz_answer_stays_text(page: Page, app_url: str, dialogs: list[str]) -> None:
    page.goto(f"{app_url}/quiz")
    wait_idle(page)
    page.locator("[data-testid=stForm] input").first.fill(SCRIPT)
    page.locator("[data-testid=stFormSubmitButton] button").first.click()
    wait_idle(page)
    expect(page.locator(WARNING).first).to_be_visible()  # "type a whole number…": the answer was read as text
    assert_inert(page, dialogs)

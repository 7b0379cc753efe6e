"""The harness works: the app loads in a real browser and finishes without an exception."""

from __future__ import annotations

from playwright.sync_api import Page

from tests.e2e.helpers import shot, wait_idle


def test_home_loads_without_exception(page: Page, app_url: str) -> None:
    page.goto(app_url + "/")
    wait_idle(page)
    assert page.locator("[data-testid=stApp][data-test-script-state=notRunning]").count() == 1
    shot(page, "smoke")
    assert page.locator("[data-testid=stException]").count() == 0

"""Helpers for browser tests: wait for Streamlit to settle, save screenshots.

Import them in tests as ``from tests.e2e.helpers import shot, wait_idle``. ``conftest.py`` makes
every ``expect`` as patient as ``wait_idle``.
"""

from __future__ import annotations

from pathlib import Path

from playwright.sync_api import Page, expect

REPO_ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = REPO_ROOT / "artifacts"  # gitignored
SCREENSHOTS = ARTIFACTS / "screenshots"
IDLE_TIMEOUT_MS = 30_000
EXPECT_DEFAULT_MS = 5_000  # Playwright's own
PLOT = ".js-plotly-plot"
TITLE = f"{PLOT} .gtitle"


def wait_idle(page: Page, timeout_ms: int = IDLE_TIMEOUT_MS) -> None:
    """Wait until the script has run to the end and something is on screen.

    stApp's ``data-test-script-state`` is "initial" before the first run, so right
    after ``goto`` this cannot return early. After a click, the rerun may not have
    started yet: the short pause gives it the chance to leave "notRunning" first
    (the same trick as Streamlit's own e2e helpers).
    """
    page.wait_for_timeout(200)
    page.wait_for_selector(
        "[data-testid=stApp][data-test-connection-state=CONNECTED]", state="attached", timeout=timeout_ms
    )
    page.wait_for_selector(
        "[data-testid=stApp][data-test-script-state=notRunning]", state="attached", timeout=timeout_ms
    )
    page.wait_for_selector("[data-testid=stElementContainer]", state="attached", timeout=timeout_ms)


def shot(page: Page, name: str) -> Path:
    """Save a full-page screenshot to artifacts/screenshots/NAME.png and return its path."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    return path


def no_exception(page: Page) -> None:
    assert page.locator("[data-testid=stException]").count() == 0


def settled(page: Page, drawn: str = PLOT) -> None:
    """Wait for the lazily drawn parts (Plotly, select boxes), so a screenshot shows the page."""
    expect(page.locator(drawn).first).to_be_visible()
    expect(page.locator("[data-testid=stSkeleton]")).to_have_count(0)


def tall(page: Page, height: int = 2400) -> None:
    """A tall window: Streamlit's main column scrolls inside the page, so a screenshot shows only the window."""
    page.set_viewport_size({"width": 1400, "height": height})


def scroll_main(page: Page, fraction: float) -> None:
    """Scroll Streamlit's main column (the page itself does not scroll, so full-page shots stop at the fold)."""
    page.locator("[data-testid=stMain]").evaluate("(e, f) => e.scrollTo(0, f * e.scrollHeight)", fraction)
    page.wait_for_timeout(300)

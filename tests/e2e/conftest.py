"""Real-browser fixtures: one Streamlit server and one headless Chromium per session.

The server runs ``streamlit run $CONV_VIZ_APP`` (default ``app.py``) from the repo
root, so ``.streamlit/config.toml`` applies; CONV_VIZ_APP may point at any script,
which lets the harness be tried on a throwaway app. Chromium is Debian's
``/usr/bin/chromium`` (``make chromium``): browser downloads are not reachable here.
Without it the tests skip on a developer's machine and fail in CI.
"""

from __future__ import annotations

import os
from collections.abc import Generator, Iterator
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Browser, Dialog, Page, ViewportSize, expect

from tests.browser import CHROMIUM, Server, chromium
from tests.e2e.helpers import ARTIFACTS, EXPECT_DEFAULT_MS, IDLE_TIMEOUT_MS, REPO_ROOT, shot, watch

VIEWPORT: ViewportSize = {"width": 1400, "height": 1000}


def _tail(path: Path, lines: int = 40) -> str:
    try:
        return "\n".join(path.read_text(errors="replace").splitlines()[-lines:])
    except OSError:
        return "(no log)"


@pytest.fixture(scope="session")
def app_url() -> Iterator[str]:
    """Start ``streamlit run`` on a free loopback port (the benchmark's server); yield its base URL."""
    app = Path(os.environ.get("CONV_VIZ_APP", "app.py"))
    if not app.is_absolute():
        app = REPO_ROOT / app
    if not app.is_file():
        pytest.fail(f"no Streamlit app at {app} (set CONV_VIZ_APP to try another script)")
    ARTIFACTS.mkdir(exist_ok=True)
    log_path = ARTIFACTS / f"streamlit-e2e-{os.getpid()}.log"
    try:
        srv = Server(str(app), log_path)
    except (RuntimeError, TimeoutError) as err:  # exited, or never healthy (and stopped)
        pytest.fail(f"{err}:\n{_tail(log_path)}")
    try:
        yield srv.url
    finally:
        srv.stop()


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    """Debian's headless Chromium driven by Playwright (never a downloaded browser)."""
    if not CHROMIUM.exists():
        reason = f"{CHROMIUM} not found; run `make chromium` (Debian package chromium)"
        if os.environ.get("CI"):
            pytest.fail(f"CI needs the browser tests: {reason}")
        pytest.skip(reason)
    with chromium() as b:
        yield b


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(
    item: pytest.Item, call: pytest.CallInfo[None]
) -> Generator[None, pytest.TestReport, pytest.TestReport]:
    """Keep each phase's report on the item so ``page`` can screenshot a failure."""
    report = yield
    setattr(item, f"rep_{report.when}", report)
    return report


@pytest.fixture
def page(browser: Browser, request: pytest.FixtureRequest) -> Iterator[Page]:
    """A fresh browser context per test (no shared cookies or session state), its runs watched (``wait_idle``)."""
    context = browser.new_context(viewport=VIEWPORT, locale="en-US")
    watch(context)
    pg = context.new_page()
    pg.set_default_timeout(IDLE_TIMEOUT_MS)
    try:
        yield pg
    finally:
        rep = getattr(request.node, "rep_call", None)
        if rep is not None and rep.failed:
            shot(pg, f"FAILED-{request.node.name}")
        context.close()


@pytest.fixture
def dialogs(page: Page) -> list[str]:
    """Every dialog the page opens (an alert() a payload ran), dismissed and recorded: ``assert_inert`` reads it."""
    opened: list[str] = []

    def on_dialog(dialog: Dialog) -> None:
        opened.append(dialog.message)
        dialog.dismiss()

    page.on("dialog", on_dialog)
    return opened


@pytest.fixture(autouse=True)
def _patient_expect() -> Iterator[None]:
    """expect() waits as long as wait_idle does: on a shared 2-core box a rerun can take more than 5 s."""
    expect.set_options(timeout=IDLE_TIMEOUT_MS)
    yield
    expect.set_options(timeout=EXPECT_DEFAULT_MS)

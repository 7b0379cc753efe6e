"""The Export tab in headless Chromium: download the animation and play it with the network cut off.

A teacher saves the HTML before class; in a room without Wi-Fi it must still play. The browser
context that opens it has no network at all (``offline``), so a script fetched from a CDN would fail.
Screenshots go to artifacts/screenshots/export-*.png for a human to look at.
"""

from __future__ import annotations

import zipfile
from pathlib import Path

import numpy as np
from playwright.sync_api import Browser, Page, expect

from tests.e2e.helpers import PLOT, TITLE, no_exception, settled, shot, wait_idle

CURRENT_VALUE = f"{PLOT} .slider-group > .slider-label"


def _download(page: Page, label: str, folder: Path) -> Path:
    with page.expect_download() as info:
        page.get_by_role("button", name=label).click()
    path = folder / info.value.suggested_filename
    info.value.save_as(path)
    return path


def test_exported_animation_plays_offline(page: Page, app_url: str, browser: Browser, tmp_path: Path) -> None:
    page.goto(app_url + "/?x=0,1,2,3,4,5,6,7,8,9,10,11,12,13,14,15&w=0.1,0.2,0.3&bias=false")
    wait_idle(page)
    page.get_by_role("tab", name="Export").click()
    panel = page.get_by_role("tabpanel", name="Export")
    expect(panel.get_by_role("button", name="Animation (HTML, plays offline)")).to_be_visible()
    no_exception(page)
    shot(page, "export-tab")
    html = _download(page, "Animation (HTML, plays offline)", tmp_path)
    tensors = _download(page, "Tensors (CSV + NPY, zip)", tmp_path)
    with zipfile.ZipFile(tensors) as archive, archive.open("tensors.npz") as f:
        y = np.load(f, allow_pickle=False)["y_numpy"]
    np.testing.assert_allclose(y[0, 0], 0.8 + 0.6 * np.arange(14))  # the ramp tutorial's numbers

    offline = browser.new_context(offline=True, viewport={"width": 1400, "height": 900})
    try:
        saved = offline.new_page()
        saved.goto(html.as_uri())
        settled(saved, TITLE)
        expect(saved.locator(TITLE).first).to_contain_text("y[0,0,0] = Σ x·w = 0.8000")
        saved.locator("g.updatemenu-button", has_text="Play").click()
        expect(saved.locator(CURRENT_VALUE).first).not_to_have_text("output position t = 0")  # frames advance
        saved.locator("g.updatemenu-button", has_text="Pause").click()
        shot(saved, "export-offline-animation")
    finally:
        offline.close()

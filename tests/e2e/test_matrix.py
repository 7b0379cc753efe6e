"""The matrix page in headless Chromium: T drawn, the unfold tab, the kernel_size=1 button writes the link.

Screenshots go to artifacts/screenshots/matrix-*.png for a human to look at.
"""

from __future__ import annotations

import re

from playwright.sync_api import Page, expect

from tests.e2e.helpers import PLOT, no_exception, opens, scroll_main, shot, wait_idle


def test_matrix_page_draws_t_and_sets_kernel_one(page: Page, app_url: str) -> None:
    opens(page, app_url + "/matrix?padding=2&padding_mode=replicate&cell=0,1,5", "Convolution as a matrix")
    expect(page.locator(f"{PLOT} .heatmaplayer").first).to_be_visible()
    expect(page.get_by_text("Row 19 of T is y[0, 1, 5]")).to_be_visible()  # o·L_out + t = 1·14 + 5
    shot(page, "matrix-toeplitz")
    scroll_main(page, 0.5)
    shot(page, "matrix-toeplitz-lower")

    page.get_by_role("tab", name="unfold / im2col").click()
    wait_idle(page)
    expect(page.locator(f"{PLOT}:visible")).to_have_count(3)  # cols, W and W·cols + b
    scroll_main(page, 0.3)
    shot(page, "matrix-unfold")

    page.get_by_role("tab", name="kernel_size=1 = Linear").click()
    page.get_by_role("button", name="Set kernel_size = 1").click()
    wait_idle(page)
    no_exception(page)
    # The link is rewritten by the run's page_info message; the browser applies it on its own schedule, so wait for it
    expect(page).to_have_url(re.compile(r"kernel_size=1"))
    assert "padding=" not in page.url  # back to torch's default 0, in the same rewrite
    page.get_by_role("tab", name="kernel_size=1 = Linear").click()
    expect(page.get_by_text("linear = nn.Linear(2, 2)")).to_be_visible()
    scroll_main(page, 0.2)
    shot(page, "matrix-linear")

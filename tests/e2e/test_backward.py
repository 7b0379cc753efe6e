"""The /backward page in headless Chromium: autograd's numbers on screen, the training animation, phone width, zh.

Screenshots go to artifacts/screenshots/backward-*.png for a human to look at.
"""

from __future__ import annotations

import torch
from playwright.sync_api import Page, expect

from tests.e2e.helpers import PLOT, no_exception, open_tall, opens, scrolled, settled, shot, tall, wait_idle

COLD_MS = 120_000  # the session's first page waits for the server's torch import, on a shared 2-core box


def _autograd() -> tuple[torch.Tensor, torch.Tensor]:
    """The default view in torch: seed 0, x = randn(1, 2, 12), nn.Conv1d(2, 2, 3), y.sum().backward()."""
    torch.manual_seed(0)
    x = torch.randn(1, 2, 12).double().requires_grad_(True)
    conv = torch.nn.Conv1d(2, 2, 3).double()
    conv(x).sum().backward()
    assert conv.weight.grad is not None
    assert x.grad is not None
    return conv.weight.grad, x.grad


def test_default_view_shows_autograds_numbers(page: Page, app_url: str) -> None:
    tall(page)
    opens(page, app_url + "/backward", "Backward: the gradients of Conv1d", COLD_MS)
    settled(page)
    expect(page.get_by_text("L = y.sum() = -0.9105")).to_be_visible()
    expect(page.get_by_text("db_autograd([10.0000, 10.0000])")).to_be_attached()
    dw, dx = _autograd()
    page.get_by_role("tab", name="dL/dw").click()
    for value in dw[0, 0].tolist() + dw[1, 1].tolist():
        expect(page.get_by_text(f"{value:.4f}").first).to_be_visible()
    expect(page.get_by_text("dw_autograd(").first).to_be_visible()
    page.get_by_role("tab", name="dL/dx").click()
    expect(page.get_by_text("dx_autograd(").first).to_be_visible()
    for value in dx[0, 0, :3].tolist():
        expect(page.get_by_text(f"{value:.4f}").first).to_be_visible()
    expect(page.locator(".stMarkdownBadge:visible", has_text="NumPy = torch.autograd (allclose)")).to_have_count(1)
    expect(page.get_by_text(f"= {float(dw[0, 0, 0]):.4f}").first).to_be_visible()  # the pinned sum's total
    expect(page.locator(PLOT)).to_have_count(3)
    shot(page, "backward-default")


def test_training_animation_plays(page: Page, app_url: str) -> None:
    open_tall(page, app_url + "/backward?momentum=0.9&target=edge", COLD_MS)
    expect(page.get_by_text("NumPy's steps = torch.optim.SGD's")).to_be_visible()
    chart = page.locator(PLOT).nth(2)
    chart.scroll_into_view_if_needed()
    current = chart.locator(".slider-group > .slider-label").first
    expect(current).to_have_text("after steps: 60")
    chart.locator("g.updatemenu-button", has_text="Play").click()
    expect(current).not_to_have_text("after steps: 60")  # frames run in the browser, no rerun
    chart.locator("g.updatemenu-button", has_text="Pause").click()
    no_exception(page)
    shot(page, "backward-training")


def test_diverging_learning_rate_is_explained(page: Page, app_url: str) -> None:
    open_tall(page, app_url + "/backward?lr=5&steps=200", COLD_MS)
    expect(page.get_by_text("Diverged: the loss grew a trillion-fold")).to_be_visible()
    no_exception(page)
    page.locator("h2", has_text="A kernel that learns").scroll_into_view_if_needed()
    scrolled(page, page.locator("h2", has_text="A kernel that learns"))  # the scroll has settled before the picture
    shot(page, "backward-diverged")


def test_phone_and_chinese(page: Page, app_url: str) -> None:
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(app_url + "/backward?padding=2&padding_mode=reflect&xcell=0,0,1")
    wait_idle(page, COLD_MS)
    settled(page)
    no_exception(page)
    shot(page, "backward-phone-en")
    page.locator("h3", has_text="One input's gradient").scroll_into_view_if_needed()
    scrolled(page, page.locator("h3", has_text="One input's gradient"))
    shot(page, "backward-phone-fold")
    page.goto(app_url + "/backward?lang=zh&padding=2&padding_mode=reflect&xcell=0,0,1")
    wait_idle(page, COLD_MS)
    settled(page)
    expect(page.locator("h1", has_text="反向传播")).to_be_visible()
    shot(page, "backward-phone-zh")
    tall(page)
    page.reload()
    wait_idle(page, COLD_MS)
    settled(page)
    shot(page, "backward-desktop-zh")

"""The Listen tab in headless Chromium: real audio players with WAVs the server serves, and a demo button.

Screenshots go to artifacts/screenshots/listen-*.png for a human to look at.
"""

from __future__ import annotations

import io
import re
import wave
from pathlib import Path

import numpy as np
import pytest
from playwright.sync_api import Page, expect

from conv_viz.server.uploads import content_key
from tests.e2e.helpers import TITLE, scrolled, settled, shot, sidebar_box, wait_idle

AUDIO = "[data-testid=stAudio]"
DEMO = "/?input=chirp&length=8000&weights=moving_average&kernel_size=15"


def open_listen(page: Page, url: str) -> None:
    page.goto(url)
    wait_idle(page)
    page.get_by_role("tab", name="Listen").click()
    expect(page.get_by_role("tabpanel", name="Listen").locator(AUDIO).first).to_be_visible()


def test_listen_tab_plays_the_input_and_each_output(page: Page, app_url: str) -> None:
    open_listen(page, app_url + DEMO)
    assert page.locator("[data-testid=stException]").count() == 0
    players = page.get_by_role("tabpanel", name="Listen").locator(AUDIO)
    expect(players).to_have_count(4)  # x[0, 0], x[0, 1], y[0, 0], y[0, 1]
    sources = [players.nth(i).get_attribute("src") or "" for i in range(4)]
    assert all(src.endswith(".wav") for src in sources), sources
    assert len(set(sources)) == 4
    x_wav = page.request.get(sources[0] if sources[0].startswith("http") else app_url + sources[0])
    assert x_wav.ok
    body = x_wav.body()
    assert (body[:4], body[8:12]) == (b"RIFF", b"WAVE")
    assert len(body) == 44 + 2 * 8000  # x: one second of 16-bit mono at 8 kHz
    y_wav = page.request.get(sources[2] if sources[2].startswith("http") else app_url + sources[2])
    assert len(y_wav.body()) == 44 + 2 * (8000 - 14)  # y: L_out = 8000 − (kernel_size − 1), padding 0
    duration = players.first.evaluate(
        "a => new Promise(done => a.readyState >= 1 ? done(a.duration) : a.addEventListener('loadedmetadata', () => done(a.duration)))"
    )
    assert duration == pytest.approx(1.0, abs=0.01)  # the browser decodes it: the whole signal, not the window
    page.get_by_role("tabpanel", name="Listen").evaluate("e => e.scrollIntoView({block: 'start'})")
    settled(page, TITLE)
    scrolled(page, page.get_by_role("tabpanel", name="Listen"))
    shot(page, "listen-chirp")


def test_demo_button_sets_up_the_rhythm_lesson(page: Page, app_url: str) -> None:
    open_listen(page, app_url + "/")
    expect(page.get_by_text("too short to hear")).to_be_visible()
    page.get_by_role("button", name="Rhythm + edge").click()
    # The button's rerun of the fragment starts a rerun of the whole page (the view changed), which writes the
    # link: wait for the link itself, not for the first run to end.
    expect(page).to_have_url(re.compile(r"input=rhythm"))
    expect(page).to_have_url(re.compile(r"weights=edge"))
    wait_idle(page)
    panel = page.get_by_role("tabpanel", name="Listen")
    expect(panel.locator(AUDIO)).to_have_count(2)
    expect(panel.get_by_text("Listen for the clicks")).to_be_visible()
    assert page.locator("[data-testid=stException]").count() == 0
    panel.evaluate("e => e.scrollIntoView({block: 'start'})")
    settled(page, TITLE)
    scrolled(page, panel)
    shot(page, "listen-rhythm-edge")


def test_long_wav_upload_is_kept_and_named_in_the_link(page: Page, app_url: str, tmp_path: Path) -> None:
    """A real upload through the browser: 2 s at 16 kHz is too long for a link, so the link names it by its hash."""
    path = tmp_path / "tone.wav"
    raw = make_wav(32000, 16000)
    path.write_bytes(raw)
    page.goto(app_url + "/")
    wait_idle(page)
    sidebar_box(page, "Upload CSV or WAV")
    page.locator("[data-testid=stFileUploaderDropzoneInput]").set_input_files(str(path))
    expect(page.get_by_text("x is your upload")).to_be_visible()
    expect(page).to_have_url(re.compile(f"upload={content_key(raw)}"))  # the link is written as the run ends
    expect(page).to_have_url(re.compile("sample_rate=16000"))
    wait_idle(page)
    assert page.locator("[data-testid=stException]").count() == 0
    settled(page, TITLE)
    page.get_by_text("x is your upload").scroll_into_view_if_needed()
    shot(page, "listen-upload-sidebar")
    page.get_by_role("tab", name="Listen").click()
    panel = page.get_by_role("tabpanel", name="Listen")
    expect(panel.locator(AUDIO)).to_have_count(3)  # one input channel, two outputs
    expect(panel.get_by_text("2.00 s at 16,000 Hz")).to_be_visible()


def test_link_to_an_upload_this_server_lacks_falls_back_with_a_message(page: Page, app_url: str) -> None:
    page.goto(app_url + "/?upload=0123456789abcdef&input=rhythm&length=8000&weights=edge")
    wait_idle(page)
    warning = page.locator("[data-testid=stAlertContentWarning]", has_text="is not on this server").first
    expect(warning).to_be_visible()
    assert "upload=" not in page.url
    assert page.locator("[data-testid=stException]").count() == 0
    settled(page, TITLE)
    shot(page, "listen-missing-upload")


def make_wav(frames: int, rate: int) -> bytes:
    """16-bit mono PCM of a 440 Hz tone."""
    samples = np.round(20000 * np.sin(2 * np.pi * 440 * np.arange(frames) / rate)).astype("<i2")
    out = io.BytesIO()
    with wave.open(out, "wb") as f:
        f.setnchannels(1)
        f.setsampwidth(2)
        f.setframerate(rate)
        f.writeframes(samples.tobytes())
    return out.getvalue()

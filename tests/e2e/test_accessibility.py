"""Nobody left out: axe-core on every page, and the animations from the keyboard.

axe-core (npm, pinned in package.json; `make test` runs ``npm ci``) is injected into each page as Streamlit
drew it, in English and Chinese, at 1440×900 and on a phone (390×844, a phone's User-Agent, so the app picks
its phone layout). Every violation is printed; a serious or critical one fails the test. No rule is disabled
and no element is excluded: the app fixes the causes (theme colours in .streamlit/config.toml, h2 section
headings, conv_viz/pages/access.py for code colours and focusable scroll regions).

The keyboard tests tab to the player under the animation (access.animation_keys), then play, pause and scrub
with keys only, and read the frame Plotly displays: the figure's title and the value over Plotly's own slider.
"""

from __future__ import annotations

import ast
import json
import os
import statistics
from collections.abc import Iterator
from typing import Any

import pytest
from playwright.sync_api import Browser, BrowserContext, Page, expect

from conv_viz.i18n import translate
from tests.e2e.helpers import (
    IDLE_TIMEOUT_MS,
    PLOT,
    REPO_ROOT,
    TITLE,
    animation_stopped,
    frame_at_rest,
    shot,
    wait_idle,
)

pytestmark = pytest.mark.e2e

AXE = REPO_ROOT / "node_modules" / "axe-core" / "axe.min.js"
SIZES = {"desktop": (1440, 900), "phone": (390, 844)}
PHONE_UA = (
    "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Chrome/131.0.0.0 Mobile Safari/537.36"
)
FAILING = ("serious", "critical")


def _app_pages() -> list[str]:
    """Every page app.py serves (its PAGES table; the first is at "/"), and presentation mode."""
    tree = ast.parse((REPO_ROOT / "app.py").read_text(encoding="utf-8"))
    assigned = {
        t.id: n.value for n in ast.walk(tree) if isinstance(n, ast.Assign) for t in n.targets if isinstance(t, ast.Name)
    }
    if isinstance(table := assigned.get("PAGES"), ast.List):
        rows = [row.elts[3] for row in table.elts if isinstance(row, ast.Tuple)]
        # a path is a string, or a name app.py assigns one to (DEFAULT_PAGE)
        paths = [ast.literal_eval(assigned[r.id] if isinstance(r, ast.Name) else r) for r in rows]
        return ["/", *(f"/{p}" for p in paths[1:]), "/?present=true"]
    raise AssertionError("app.py has no PAGES table")


PAGES = _app_pages()


def test_the_page_list_is_the_apps() -> None:
    """The sweep below reads app.py, so a new page is checked without editing this file."""
    assert {"/", "/transposed", "/groups", "/matrix", "/receptive-field", "/gallery", "/quiz"} <= set(PAGES)
    assert "/?present=true" in PAGES


@pytest.fixture(scope="module")
def axe_source() -> str:
    if not AXE.is_file():
        reason = f"{AXE} missing: run `make test` (npm ci installs axe-core from package-lock.json)"
        if os.environ.get("CI"):
            pytest.fail(reason)
        pytest.skip(reason)
    return str(AXE)


def _context(browser: Browser, size: str, lang: str) -> BrowserContext:
    width, height = SIZES[size]
    locale = "zh-CN" if lang == "zh" else "en-US"
    if size == "phone":
        return browser.new_context(
            viewport={"width": width, "height": height}, user_agent=PHONE_UA, is_mobile=True, has_touch=True,
            locale=locale,
        )  # fmt: skip
    return browser.new_context(viewport={"width": width, "height": height}, locale=locale)


def _settle(page: Page) -> None:
    """The script done, lazy parts drawn (plots, select boxes), fonts loaded, and the scroll-region pass run."""
    wait_idle(page)
    expect(page.locator("[data-testid=stSkeleton]")).to_have_count(0)
    plots = page.locator(".js-plotly-plot")
    if plots.count():
        expect(plots.first).to_be_visible()
    page.evaluate(
        "() => document.fonts.ready.then(() => new Promise(r => requestAnimationFrame(() => setTimeout(r, 300))))"
    )


def _report(label: str, violations: list[dict[str, Any]]) -> str:
    lines = [f"axe on {label}: {len(violations)} rule(s) violated"]
    for v in violations:
        lines.append(f"  [{v['impact']}] {v['id']} ×{len(v['nodes'])}: {v['help']} ({v['helpUrl']})")
        for node in v["nodes"]:
            summary = " ".join((node.get("failureSummary") or "").split())
            lines.append(f"      {node['target']}: {summary}")
    return "\n".join(lines)


@pytest.mark.parametrize("path", PAGES)
@pytest.mark.parametrize("lang", ["en", "zh"])
@pytest.mark.parametrize("size", list(SIZES))
def test_no_serious_or_critical_axe_violation(
    browser: Browser, app_url: str, axe_source: str, size: str, lang: str, path: str
) -> None:
    context = _context(browser, size, lang)
    try:
        page = context.new_page()
        page.set_default_timeout(IDLE_TIMEOUT_MS)
        url = app_url + path + (("&" if "?" in path else "?") + "lang=zh" if lang == "zh" else "")
        page.goto(url)
        _settle(page)
        assert page.locator("[data-testid=stException]").count() == 0, f"{url} raised"
        name = f"a11y-{size}-{lang}-{path.strip('/').replace('?', '').replace('=', '-') or 'playground'}"
        shot(page, name)
        page.add_script_tag(path=axe_source)
        result = page.evaluate("async () => await axe.run(document, {resultTypes: ['violations']})")
        violations = result["violations"]
        report = _report(f"{size} {lang} {path}", violations)
        print(report)  # every violation, whatever its impact (pytest -s, or shown when the test fails)
        failing = [v for v in violations if v["impact"] in FAILING]
        assert not failing, report
    finally:
        context.close()


# ---------------------------------------------------------------- the animation from the keyboard


@pytest.fixture
def desktop(browser: Browser) -> Iterator[Page]:
    context = _context(browser, "desktop", "en")
    page = context.new_page()
    page.set_default_timeout(IDLE_TIMEOUT_MS)
    try:
        yield page
    finally:
        context.close()


def _title(page: Page) -> str:
    return str(page.locator(TITLE).first.text_content())


def _slider_at(page: Page) -> int:
    """The step Plotly's own slider shows as current (its grip; the "t = …" line above it when drawn)."""
    return int(page.evaluate("() => document.querySelector('.js-plotly-plot')._fullLayout.sliders[0].active"))


def _focused_in_player(page: Page) -> str | None:
    """The focused control's text or type when it is inside the keyboard player, else None."""
    focused: str | None = page.evaluate(
        "() => { const a = document.activeElement;"
        " return a && a.closest('.cv-keys') ? (a.type === 'range' ? 'range' : a.textContent.trim()) : null; }"
    )
    return focused


def _tab_to_player(page: Page, start: str | None) -> int:
    """Focus the field ``start`` (the last one before the chart; None: the page's top), then Tab to the player."""
    if start is None:
        page.locator("body").focus()
    else:
        page.get_by_role("spinbutton", name=start, exact=True).focus()
    for presses in range(1, 61):
        page.keyboard.press("Tab")
        if _focused_in_player(page) is not None:
            return presses
    raise AssertionError(f"60 Tabs from {start or 'the top'!r} never reached the animation's keyboard player")


def _frame_changes(page: Page, key: str, before: str) -> float:
    """Press ``key``, wait for the figure's title to change; milliseconds from the key to the next paint after it."""
    page.evaluate(
        """(before) => {
          window.__cvKeyAt = null; window.__cvDrawnAt = null;
          const gd = document.querySelector('.js-plotly-plot');
          const seen = new MutationObserver(() => {
            const title = gd.querySelector('.gtitle');
            if (window.__cvKeyAt === null || window.__cvDrawnAt !== null || !title || title.textContent === before) return;
            window.__cvDrawnAt = -1;
            requestAnimationFrame(() => { window.__cvDrawnAt = performance.now(); });
            seen.disconnect();
          });
          seen.observe(gd, {subtree: true, childList: true, characterData: true});
          document.addEventListener('keydown', () => { window.__cvKeyAt = performance.now(); },
            {once: true, capture: true});
        }""",
        before,
    )
    page.keyboard.press(key)
    page.wait_for_function("() => window.__cvDrawnAt > 0")
    return float(page.evaluate("() => window.__cvDrawnAt - window.__cvKeyAt"))


def _steps(page: Page) -> list[str]:
    """The player's frame names, as Plotly's slider shows them ("output position t = 0", …)."""
    steps: list[str] = json.loads(str(page.locator(".cv-keys").first.get_attribute("data-texts")))
    return steps


PLAY, PAUSE = translate("en", "fig.play"), translate("en", "fig.pause")


@pytest.mark.parametrize(("path", "start"), [("/", "position t"), ("/?present=true", None)])
def test_playground_animation_plays_pauses_and_scrubs_from_the_keyboard(
    desktop: Page, app_url: str, path: str, start: str | None
) -> None:
    page = desktop
    page.goto(app_url + path)
    _settle(page)
    player = page.locator(".cv-keys").first
    hidden = player.bounding_box()
    assert hidden is not None
    assert hidden["height"] <= 1

    presses = _tab_to_player(page, start)
    assert str(_focused_in_player(page)).endswith(PLAY), "the player's first stop is Play"
    if start is not None:
        assert presses <= 3, f"{presses} Tabs from the pinned position to the player"
    shown = player.bounding_box()
    assert shown is not None
    assert shown["height"] >= 24
    shot(page, f"keys-{'present' if 'present' in path else 'playground'}-focused")

    # Scrub: Tab to the frame slider; arrows, End and Home move Plotly's frame and its own slider.
    steps = _steps(page)
    assert len(steps) >= 3
    while _focused_in_player(page) != "range":
        page.keyboard.press("Tab")
    titles, latencies = [_title(page)], []
    assert _slider_at(page) == 0
    for i in range(1, min(6, len(steps))):
        latencies.append(_frame_changes(page, "ArrowRight", titles[-1]))
        titles.append(_title(page))
        assert _slider_at(page) == i  # Plotly's slider follows
        expect(player.locator("output")).to_have_text(steps[i])
    assert len(set(titles)) == len(titles), "each step shows a different frame"
    latencies.append(_frame_changes(page, "End", titles[-1]))
    assert _slider_at(page) == len(steps) - 1
    latencies.append(_frame_changes(page, "Home", _title(page)))
    assert _slider_at(page) == 0
    assert _title(page) == titles[0]
    print(
        f"keyboard scrub on {path}, key press to the new frame drawn (timed in the page, on a shared box): median "
        f"{statistics.median(latencies):.0f} ms, max {max(latencies):.0f} ms over {len(latencies)} keys"
    )
    assert statistics.median(latencies) < 1500  # client-side: no server round trip (a hang fails here)
    expect(player.locator("input[type=range]")).to_have_attribute("aria-valuetext", steps[0])

    # Play with Enter on the Play button: the frames advance by themselves, and the slider input follows.
    while not str(_focused_in_player(page)).endswith(PLAY):
        page.keyboard.press("Shift+Tab")
    page.keyboard.press("Enter")
    page.wait_for_function("(b) => document.querySelector('.js-plotly-plot .gtitle').textContent !== b", arg=titles[0])
    page.wait_for_function(
        "(b) => document.querySelector('.js-plotly-plot .gtitle').textContent !== b", arg=_title(page)
    )
    # Pause with Space on the Pause button: the frame then stays put.
    page.keyboard.press("Tab")
    assert str(_focused_in_player(page)).endswith(PAUSE)
    page.keyboard.press("Space")
    frame_at_rest(page.locator(PLOT).first)
    paused = _title(page)
    animation_stopped(page.locator(PLOT).first)  # the player has stopped: no later frame can replace this one
    assert _title(page) == paused, "Pause stopped the animation"
    assert paused != titles[0]
    at = _slider_at(page)
    assert at > 0
    expect(player.locator("output")).to_have_text(steps[at])  # the keyboard slider followed the played frames
    assert int(player.locator("input[type=range]").input_value()) == at


def test_transposed_animation_scrubs_from_the_keyboard(desktop: Page, app_url: str) -> None:
    """The scatter-add animation has the same player: Tab to it, step a frame, and back."""
    page = desktop
    page.goto(app_url + "/transposed")
    _settle(page)
    _tab_to_player(page, "input position i")
    assert str(_focused_in_player(page)).endswith(PLAY)
    slider = page.locator(".cv-keys input[type=range]").first
    slider.focus()
    steps, at = _steps(page), int(slider.input_value())
    there, back = ("ArrowRight", "ArrowLeft") if at < len(steps) - 1 else ("ArrowLeft", "ArrowRight")
    assert _slider_at(page) == at
    _frame_changes(page, there, _title(page))
    assert _slider_at(page) == at + (1 if there == "ArrowRight" else -1)
    _frame_changes(page, back, _title(page))
    assert _slider_at(page) == at

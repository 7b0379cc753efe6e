"""Helpers for browser tests: wait for Streamlit to settle, save screenshots.

Import them in tests as ``from tests.e2e.helpers import shot, wait_idle``. ``conftest.py`` makes
every ``expect`` as patient as ``wait_idle`` and installs ``WATCH_JS`` in every test page.

Every wait here is on the page's state, never a fixed pause: a run the server has finished and the
browser has drawn, an animation frame drawn and no further one queued, a scroll or a fade come to rest.
"""

from __future__ import annotations

import itertools
from pathlib import Path

from playwright.sync_api import BrowserContext, Error, Locator, Page, expect

REPO_ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = REPO_ROOT / "artifacts"  # gitignored
SCREENSHOTS = ARTIFACTS / "screenshots"
IDLE_TIMEOUT_MS = 30_000
EXPECT_DEFAULT_MS = 5_000  # Playwright's own
PLOT = ".js-plotly-plot"
TITLE = f"{PLOT} .gtitle"

# Runs before the app's own scripts in every test page (``watch``). It keeps, in ``window.__e2e``:
# - sent: rerun requests the page sent (BackMsg.rerun_script, field 11: its first byte is 0x5a);
# - started: how many of those had been sent when the server's latest run began (ForwardMsg.new_session);
# - finished: ``started`` when the server's latest run ended (ForwardMsg.script_finished);
# - drawn: ``finished`` two animation frames later, once React has committed what the run sent;
# - sockets: websockets opened (more than one: the page reconnected);
# - injected: markup a payload could have become (an on* handler, <img src=x>, a script naming __xss),
#   recorded the moment it enters the DOM, so a test need not wait for its handler to fire.
# The server writes a ForwardMsg's fields in number order: hash (1) and metadata (2) first, then its type.
WATCH_JS = r"""
(() => {
  if (window.__e2e) return;
  const w = (window.__e2e = { sent: 0, started: 0, finished: 0, drawn: 0, sockets: 0, injected: [] });
  const bytes = (d) =>
    d instanceof ArrayBuffer ? new Uint8Array(d) : ArrayBuffer.isView(d) ? new Uint8Array(d.buffer, d.byteOffset, d.byteLength) : null;
  const kind = (b) => {
    let i = 0;
    const varint = () => {
      let v = 0, s = 1, x;
      do { x = b[i++]; v += (x & 0x7f) * s; s *= 128; } while (x & 0x80 && i < b.length);
      return v;
    };
    while (i < b.length) {
      const tag = varint(), field = Math.floor(tag / 8), wire = tag % 8;
      if (field > 2) return field;
      if (wire === 2) { const n = varint(); i += n; } else if (wire === 0) varint(); else return 0;
    }
    return 0;
  };
  const Native = window.WebSocket;
  window.WebSocket = class extends Native {  // every socket, a reconnection's too, from its first message
    constructor(...args) {
      super(...args);
      w.sockets += 1;
      this.addEventListener('message', (e) => {
        const b = bytes(e.data);
        const k = b ? kind(b) : 0;
        if (k === 4) w.started = w.sent;
        if (k === 6) {
          const done = (w.finished = w.started);
          requestAnimationFrame(() => requestAnimationFrame(() => { w.drawn = Math.max(w.drawn, done); }));
        }
      });
    }
  };
  const send = Native.prototype.send;
  Native.prototype.send = function (data) {
    const b = bytes(data);
    if (b && b[0] === 0x5a) w.sent += 1;
    return send.call(this, data);
  };
  const HOSTILE = '[onerror], [onload], img[src=x], script';
  const note = (el) => {
    if (el.matches(HOSTILE) && (el.tagName !== 'SCRIPT' || el.textContent.includes('__xss'))) {
      w.injected.push(el.outerHTML.slice(0, 200));
    }
  };
  new MutationObserver((records) => {
    for (const r of records) {
      if (r.type === 'attributes') { note(r.target); continue; }
      for (const n of r.addedNodes) {
        if (n.nodeType !== 1) continue;
        note(n);
        n.querySelectorAll(HOSTILE).forEach(note);
      }
    }
  }).observe(document, { subtree: true, childList: true, attributes: true, attributeFilter: ['onerror', 'onload', 'src'] });
})();
"""

IDLE_JS = """() => {
  const app = document.querySelector('[data-testid=stApp]');
  if (!app || app.dataset.testConnectionState !== 'CONNECTED' || app.dataset.testScriptState !== 'notRunning') {
    return false;
  }
  if (!document.querySelector('[data-testid=stElementContainer]')) return false;
  const w = window.__e2e;
  return !w || w.drawn >= w.sent;
}"""


def watch(context: BrowserContext) -> None:
    """Install ``WATCH_JS`` in every page of ``context`` (before the app's scripts run)."""
    context.add_init_script(WATCH_JS)


def wait_idle(page: Page, timeout_ms: int = IDLE_TIMEOUT_MS) -> None:
    """Wait until every rerun the page asked for has run to the end and been drawn, and something is on screen.

    Call it right after ``goto`` or after an action that reruns the script (a widget committed, a button
    clicked). A widget sends its rerun request as the action happens, but the page shows "running" only
    once the server answers; ``WATCH_JS`` counts the requests and the runs that answer them, so this cannot
    return on the "notRunning" left over from the previous run. On a page without ``WATCH_JS`` (one not made
    by the ``page`` fixture) only the page's own state is read: right after ``goto`` that is enough, since
    the script state is "initial" until the first run.
    """
    try:
        page.wait_for_function(IDLE_JS, timeout=timeout_ms)
    except Error as err:
        state = page.evaluate(
            "() => [document.querySelector('[data-testid=stApp]')?.outerHTML.slice(0, 200), window.__e2e]"
        )
        raise AssertionError(f"the page did not settle in {timeout_ms} ms: {state}") from err


def injected(page: Page) -> list[str]:
    """Markup a payload became since the page loaded (empty when every payload stayed text), from ``WATCH_JS``."""
    found = page.evaluate("() => window.__e2e ? window.__e2e.injected : null")
    assert found is not None, "WATCH_JS is not installed in this page (use the page fixture or watch())"
    return list(found)


def shot(page: Page, name: str) -> Path:
    """Save a full-page screenshot to artifacts/screenshots/NAME.png and return its path."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    return path


def no_exception(page: Page) -> None:
    assert page.locator("[data-testid=stException]").count() == 0


def sidebar_box(page: Page, label: str) -> Locator:
    """The sidebar expander labelled ``label``, opened if it was closed: its contents are drawn by the rerun the
    click asks for (the app runs them only while it is open), and mount a moment after that run is drawn; a field
    typed into before it has settled may send its value late, after a test has stopped waiting."""
    box = page.locator("[data-testid=stSidebar] [data-testid=stExpander]").filter(has_text=label).first
    if box.locator("details").get_attribute("open") is None:
        box.get_by_text(label).click()
        wait_idle(page)
    expect(box.locator("[data-testid=stElementContainer]").first).to_be_visible()
    still(box.locator("details"))
    return box


def settled(page: Page, drawn: str = PLOT) -> None:
    """Wait for the lazily drawn parts (Plotly, select boxes), so a screenshot shows the page."""
    expect(page.locator(drawn).first).to_be_visible()
    expect(page.locator("[data-testid=stSkeleton]")).to_have_count(0)


def tall(page: Page, height: int = 2400) -> None:
    """A tall window: Streamlit's main column scrolls inside the page, so a screenshot shows only the window."""
    page.set_viewport_size({"width": 1400, "height": height})


def opens(page: Page, url: str, heading: str, timeout_ms: int = IDLE_TIMEOUT_MS) -> None:
    """Go to ``url``: its run ends without an exception and the page shows its title ``heading``."""
    page.goto(url)
    wait_idle(page, timeout_ms)
    no_exception(page)
    expect(page.locator("h1", has_text=heading)).to_be_visible()


def open_tall(page: Page, url: str, timeout_ms: int = IDLE_TIMEOUT_MS) -> None:
    """Go to ``url`` in a tall window and wait until its run is drawn and its charts settled: ready to look at."""
    tall(page)
    page.goto(url)
    wait_idle(page, timeout_ms)
    settled(page)


def assert_inert(page: Page, dialogs: list[str]) -> None:
    """No payload ran and no tag from it is in the DOM (``dialogs``: the fixture's record of the page's dialogs)."""
    assert injected(page) == []  # markup is recorded as it enters the DOM: no handler needs time to fire
    assert page.evaluate("typeof window.__xss") == "undefined"
    assert dialogs == []
    assert page.locator("[onerror], [onload], img[src=x]").count() == 0
    assert page.locator("script", has_text="__xss").count() == 0
    assert page.locator("[data-testid=stException]").count() == 0


_WAITS = itertools.count()  # tells one steady() call's polls from an earlier call's


def steady(page: Page, look_js: str, timeout_ms: int = IDLE_TIMEOUT_MS) -> None:
    """Wait until ``look_js`` (a JS function giving a string, or null while not ready) gives the same string on
    two polls in a row: Playwright polls once per animation frame. (A predicate cannot await frames itself:
    ``wait_for_function`` takes the Promise an async one returns as its truthy answer.)"""
    predicate = f"""(call) => {{
      const now = ({look_js})();
      const last = window.__e2eSteady;
      window.__e2eSteady = {{ call, now }};
      return now !== null && !!last && last.call === call && last.now === now;
    }}"""
    page.wait_for_function(predicate, arg=next(_WAITS), timeout=timeout_ms)


# The window's, the main column's and the sidebar's scroll offsets.
SCROLL_JS = """() => [window.scrollY, ...['stMain', 'stSidebarContent', 'stSidebarUserContent'].map((id) => {
  const box = document.querySelector(`[data-testid=${id}]`);
  return box ? box.scrollTop : 0;
})].join()"""


def scrolled(page: Page, target: Locator | None = None, timeout_ms: int = IDLE_TIMEOUT_MS) -> None:
    """After a scroll: wait until ``target`` (if given) is in the window and the scrolling has stopped."""
    if target is not None:
        expect(target).to_be_in_viewport(timeout=timeout_ms)
    steady(page, SCROLL_JS, timeout_ms)


def scroll_main(page: Page, fraction: float) -> None:
    """Scroll Streamlit's main column (the page itself does not scroll, so full-page shots stop at the fold)."""
    page.locator("[data-testid=stMain]").evaluate("(e, f) => e.scrollTo(0, f * e.scrollHeight)", fraction)
    scrolled(page)


# An element and everything around it still: no animation or CSS transition running on it or an ancestor,
# and none of them see-through (a fade in or out not over yet).
STILL_JS = """(el) => {
  for (let e = el; e && e.nodeType === 1; e = e.parentElement) {
    if (e.getAnimations().some((a) => a.playState === 'running' || a.playState === 'pending')) return false;
    if (getComputedStyle(e).opacity !== '1') return false;
  }
  return true;
}"""


def still(target: Locator, timeout_ms: int = IDLE_TIMEOUT_MS) -> None:
    """Wait until ``target`` has finished moving, growing or fading in (Web Animations and CSS transitions)."""
    target.page.wait_for_function(STILL_JS, arg=target.element_handle(timeout=timeout_ms), timeout=timeout_ms)


# A Plotly animation at rest: no frame queued, and the title drawn is the current frame's (tags stripped:
# Plotly draws "<br>" as separate lines). Gives the current frame's name, "" before any frame played.
FRAME_AT_REST_JS = """(gd) => {
  const t = gd._transitionData;
  if (!t || !gd._fullLayout || (t._frameQueue && t._frameQueue.length)) return false;
  const name = gd._fullLayout._currentFrame;
  if (name === undefined || name === null) return { frame: '' };
  const frame = t._frameHash && t._frameHash[name];
  const want = frame && frame.layout && frame.layout.title ? String(frame.layout.title.text || '') : null;
  const title = gd.querySelector('.gtitle');
  const squash = (s) => s.replace(/<[^>]*>/g, '').replace(/\\s+/g, '');
  if (want !== null && (!title || squash(title.textContent) !== squash(want))) return false;
  const label = gd.querySelector('.slider-group > .slider-label');
  if (label && label.textContent.trim() && !label.textContent.trim().endsWith(' ' + name)) return false;
  return { frame: String(name) };
}"""

# Playing stopped: no frame queued and Plotly's animation loop over (it runs out the current frame's duration).
STOPPED_JS = """(gd) => {
  const t = gd._transitionData;
  return !!t && !(t._frameQueue && t._frameQueue.length) && !t._animationRaf;
}"""

# Every Plotly chart on the page drawn (its SVG, no skeleton left in its place): their sizes and text, else null.
# Streamlit's charts, and the playground's animation in its own component (conv_viz/pages/chart.py).
CHARTS_JS = """() => {
  if (document.querySelector('[data-testid=stSkeleton]')) return null;
  const boxes = document.querySelectorAll('[data-testid=stPlotlyChart], [data-testid=stBidiComponentRegular]');
  const plots = [...boxes].map((c) => c.querySelector('.js-plotly-plot'));
  if (plots.some((gd) => !gd || !gd._fullLayout || !gd.querySelector('.main-svg'))) return null;
  return plots.map((gd) => [gd._fullLayout.width, gd._fullLayout.height, gd.querySelectorAll('text').length].join()).join(';');
}"""

FRAME_INDEX_JS = """(gd) => {
  const frames = (gd._transitionData && gd._transitionData._frames) || [];
  const name = gd._fullLayout && gd._fullLayout._currentFrame;
  return [frames.findIndex((f) => f && String(f.name) === String(name)), frames.length];
}"""


def frame_at_rest(plot: Locator, timeout_ms: int = IDLE_TIMEOUT_MS) -> str:
    """After Pause: wait until no frame is queued and the current one is drawn (title and slider); its name."""
    handle = plot.element_handle(timeout=timeout_ms)
    return str(plot.page.wait_for_function(FRAME_AT_REST_JS, arg=handle, timeout=timeout_ms).json_value()["frame"])


def frames_advance(plot: Locator, by: int, timeout_ms: int = IDLE_TIMEOUT_MS) -> None:
    """While it plays: wait until the animation is ``by`` frames past the current one (or on its last frame)."""
    handle = plot.element_handle(timeout=timeout_ms)
    now, count = handle.evaluate(FRAME_INDEX_JS)
    goal = min(max(now, 0) + by, count - 1)
    plot.page.wait_for_function(f"(gd) => ({FRAME_INDEX_JS})(gd)[0] >= {goal}", arg=handle, timeout=timeout_ms)


def animation_stopped(plot: Locator, timeout_ms: int = IDLE_TIMEOUT_MS) -> None:
    """After Pause: wait until Plotly's player has stopped, so no later frame can replace the one shown."""
    handle = plot.element_handle(timeout=timeout_ms)
    plot.page.wait_for_function(STOPPED_JS, arg=handle, timeout=timeout_ms)


def charts_drawn(page: Page, timeout_ms: int = IDLE_TIMEOUT_MS) -> None:
    """After a run: wait until every Plotly chart is drawn and holds still (they draw after the script ends)."""
    steady(page, CHARTS_JS, timeout_ms)

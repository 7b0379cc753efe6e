"""A real ``streamlit run`` and headless Chromium, timed: what the benchmark and the load test share.

``Server`` starts the app on a loopback port and reports its memory (the
process and its children, through psutil). ``Session`` is one browser tab on
it: it opens a page and times reruns the way a user feels them, from pressing
R to the page settling. A rerun is over when the server's ``script_finished``
message has arrived (read off the websocket, so a rerun too quick for the page
to show "running" still counts) and the page's script state is back to
``notRunning`` (the browser has handled everything sent before it).

Playwright and psutil are development tools: they are imported inside the
functions that use them, so importing this module needs neither.
"""

from __future__ import annotations

import contextlib
import os
import re
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
CHROMIUM = Path(os.environ.get("CONV_VIZ_CHROMIUM", "/usr/bin/chromium"))
# Without the background-networking flags Chromium keeps dialling Google on a closed network;
# --no-sandbox because CI runs as root.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
VIEWPORT = {"width": 1400, "height": 1000}
NOT_RUNNING = "[data-testid=stApp][data-test-script-state=notRunning]"
HEALTH_TIMEOUT_S = 60
RERUN_TIMEOUT_S = 60  # a generous ceiling: a rerun past it is a hang, not a slow run
_SMALL_FRAME = 512  # a script_finished message is a few dozen bytes; deltas are bigger
# On /transposed the frontend first asks /transposed/_stcore/health (the app might live under that path),
# gets a 404 and falls back to /_stcore/...: Streamlit's behaviour on every multipage URL, not an error.
_PROBE = re.compile(r"://[^/]+/[^?#]+/_stcore/(health|host-config)$")


# What a learner feels, timed by the page itself: from the input event (its own timestamp, a click or a key) to
# the frame that paints the answer (the start of the first frame after the answer is in the page: the time
# ``requestAnimationFrame`` hands its callback). The driver's own round trips (Playwright's click, its polling)
# are not in it. The page records every click and key; ``_ARM`` waits for the answer: ``text`` inside a
# ``selector`` element or, without text, the run the input started being over (the script state leaves
# notRunning and comes back). Work the browser does after that frame (a chart redrawn after the sum) is not.
_INPUTS = (
    "window.__cvInput = 0;"
    " for (const type of ['click', 'keydown']) addEventListener(type, e => { window.__cvInput = e.timeStamp; }, true);"
)
_ARM = """({text, selector}) => {
  const app = document.querySelector('[data-testid=stApp]');
  const frame = () => new Promise(resolve => requestAnimationFrame(now => resolve(now - window.__cvInput)));
  let ran = false;  // the run started: a record of the state leaving or reaching 'running'
  const when = ready => new Promise(resolve => {
    const observer = new MutationObserver(records => {
      // Both changes may come in one batch (a fast run): the records' old values still show the run.
      if (records.some(r => r.attributeName === 'data-test-script-state' && r.oldValue === 'running')) ran = true;
      if (!ready()) return;
      observer.disconnect();
      resolve(frame());
    });
    observer.observe(document.body, {subtree: true, childList: true, characterData: true, attributes: true,
                                     attributeOldValue: true, attributeFilter: ['data-test-script-state']});
  });
  const over = () => {
    if (app.getAttribute('data-test-script-state') === 'notRunning') return ran;
    ran = true;
    return false;
  };
  const shown = () => [...document.querySelectorAll(selector)].some(el => el.textContent.includes(text));
  window.__cvSettled = when(over);
  window.__cvPainted = text === null ? window.__cvSettled : when(shown);
}"""


# Both times, or an error once the run has been over for the timeout: a paint never seen fails, never hangs.
_PAINTED = """(ms) => Promise.race([
  Promise.all([window.__cvPainted, window.__cvSettled]),
  new Promise((_, reject) => setTimeout(() => reject(new Error(`no paint seen within ${ms} ms`)), ms)),
])"""


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class Server:
    """``streamlit run app.py`` on 127.0.0.1 (a free port), stopped with everything it started."""

    def __init__(self, app: str = "app.py", log: Path | None = None) -> None:
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.started = time.perf_counter()
        cmd = [
            sys.executable,
            "-m",
            "streamlit",
            "run",
            app,
            "--server.headless",
            "true",
            "--server.address",
            "127.0.0.1",
            "--server.port",
            str(self.port),
            "--server.fileWatcherType",
            "none",
            "--browser.gatherUsageStats",
            "false",
        ]
        out = log.open("wb") if log is not None else subprocess.DEVNULL
        self.proc = subprocess.Popen(cmd, cwd=REPO, stdout=out, stderr=subprocess.STDOUT)
        if log is not None:
            out.close()  # type: ignore[union-attr]
        try:
            self.healthy_s = self._wait_healthy()
        except BaseException:  # exited or never healthy: leave nothing running
            self.stop()
            raise

    def _wait_healthy(self) -> float:
        deadline = time.monotonic() + HEALTH_TIMEOUT_S
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"streamlit exited with {self.proc.returncode}")
            with contextlib.suppress(OSError), urllib.request.urlopen(f"{self.url}/_stcore/health", timeout=2) as resp:
                if resp.status == 200:
                    return time.perf_counter() - self.started
            time.sleep(0.05)
        raise TimeoutError(f"streamlit not healthy after {HEALTH_TIMEOUT_S} s")

    def rss_mb(self) -> float:
        """Resident memory of the server and its children, in MB (10⁶ bytes)."""
        import psutil

        root = psutil.Process(self.proc.pid)
        total = 0
        for p in [root, *root.children(recursive=True)]:
            with contextlib.suppress(psutil.NoSuchProcess):
                total += p.memory_info().rss
        return total / 1e6

    def stop(self) -> None:
        """Terminate the server and its children; kill what ignores SIGTERM."""
        import psutil

        try:
            family = [psutil.Process(self.proc.pid), *psutil.Process(self.proc.pid).children(recursive=True)]
        except psutil.NoSuchProcess:
            return
        for p in family:
            with contextlib.suppress(psutil.NoSuchProcess):
                p.terminate()
        _, alive = psutil.wait_procs(family, timeout=10)
        for p in alive:
            with contextlib.suppress(psutil.NoSuchProcess):
                p.kill()


@contextlib.contextmanager
def server(app: str = "app.py", log: Path | None = None) -> Iterator[Server]:
    s = Server(app, log)
    try:
        yield s
    finally:
        s.stop()


@contextlib.contextmanager
def chromium() -> Iterator[Any]:
    """Debian's headless Chromium through Playwright (never a downloaded browser)."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS)
        try:
            yield browser
        finally:
            browser.close()


@dataclass(frozen=True)
class Painted:
    """An input's answer on screen and the whole run over, milliseconds from the input event (``Session.paint_ms``)."""

    answer_ms: float
    settled_ms: float


class Session:
    """One browser tab (its own context: its own Streamlit session) on the app."""

    def __init__(self, browser: Any, lang: str = "en-US") -> None:
        self.context = browser.new_context(viewport=VIEWPORT, locale=lang)
        self.page = self.context.new_page()
        self.page.add_init_script(_INPUTS)
        self.finished = 0  # script_finished messages received
        self.received_bytes = 0  # everything the server sent this tab
        self.console_errors: list[str] = []
        self.failed_requests: list[str] = []  # "404 http://…": what a console's "Failed to load resource" was
        self.page.on("websocket", lambda ws: ws.on("framereceived", self._frame))
        self.page.on("console", self._console)
        self.page.on("pageerror", lambda err: self.console_errors.append(str(err)))
        self.page.on(
            "response", lambda r: self.failed_requests.append(f"{r.status} {r.url}") if r.status >= 400 else None
        )

    def _console(self, msg: Any) -> None:
        """Console errors, except Streamlit's own probe of a page's path for its server (a 404 it expects)."""
        if msg.type == "error" and not _PROBE.search(str((msg.location or {}).get("url", ""))):
            self.console_errors.append(f"{msg.text} ({(msg.location or {}).get('url', '')})")

    def _frame(self, payload: bytes | str) -> None:
        self.received_bytes += len(payload)
        if isinstance(payload, bytes) and len(payload) < _SMALL_FRAME:
            from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

            with contextlib.suppress(Exception):
                if ForwardMsg.FromString(payload).WhichOneof("type") == "script_finished":
                    self.finished += 1

    def open(self, url: str, wait_for: Sequence[str] = ()) -> float:
        """Load ``url``; seconds until the first run is over and every selector in ``wait_for`` is visible."""
        start = time.perf_counter()
        self.page.goto(url)
        self.wait(0, start)
        for selector in wait_for:
            self.page.wait_for_selector(selector, timeout=RERUN_TIMEOUT_S * 1000)
        return time.perf_counter() - start

    def press_rerun(self) -> int:
        """Press R (Streamlit's rerun key); returns the count to wait past."""
        before = self.finished
        self.page.keyboard.press("r")
        return before

    def wait(self, before: int, start: float) -> float:
        """Block until a run finished after ``before`` and the page settled; milliseconds since ``start``."""
        while self.finished <= before:
            if time.perf_counter() - start > RERUN_TIMEOUT_S:
                raise TimeoutError(f"no run finished in {RERUN_TIMEOUT_S} s")
            self.page.wait_for_timeout(5)  # lets Playwright deliver the websocket events
        self.page.wait_for_selector(NOT_RUNNING, state="attached", timeout=RERUN_TIMEOUT_S * 1000)
        return (time.perf_counter() - start) * 1000

    def rerun_ms(self) -> float:
        """One rerun, from pressing R to the page settling, timed from the driver (its round trips included)."""
        start = time.perf_counter()
        return self.wait(self.press_rerun(), start)

    def paint_ms(self, act: Callable[[], None], text: str | None = None, selector: str = "h2") -> Painted:
        """Timed by the page, from the input ``act`` makes: to the frame painted once ``text`` is in a ``selector``
        element (no ``text``: once the run is over), and to the frame painted once the run it started is over."""
        before, start = self.finished, time.perf_counter()
        self.page.evaluate(_ARM, {"text": text, "selector": selector})
        act()
        self.wait(before, start)  # the run is over: both promises resolve now, or _PAINTED fails after the timeout
        answer, settled = self.page.evaluate(_PAINTED, RERUN_TIMEOUT_S * 1000)
        return Painted(float(answer), float(settled))

    def rerun_painted_ms(self) -> float:
        """One rerun as the learner sees it: the R key's event to the first frame painted after the run is over."""
        return self.paint_ms(lambda: self.page.keyboard.press("r")).answer_ms

    def exceptions(self) -> int:
        """Tracebacks on the page (Streamlit's exception element)."""
        return int(self.page.locator("[data-testid=stException]").count())

    def close(self) -> None:
        self.context.close()


def rerun_all(sessions: Sequence[Session]) -> float:
    """A round: press R on every tab at once and wait for all of them; milliseconds from first press to last settle."""
    start = time.perf_counter()
    befores = [s.press_rerun() for s in sessions]
    for s, before in zip(sessions, befores, strict=True):
        s.wait(before, start)
    return (time.perf_counter() - start) * 1000

"""The app's own figures for ``python -m conv_viz.bench``: server time, payload, first render, rerun latency.

Server time per rerun and figure bytes come from Streamlit's ``AppTest`` (the
script run in-process, no browser). First render and rerun latency come from a
real ``streamlit run`` driven by headless Chromium (Debian's, through
Playwright); without them that table says it was skipped rather than guess.
Rerun latency is timed in the page: from pressing R to the app's script state
returning to ``notRunning``, observed by a MutationObserver.
"""

from __future__ import annotations

import contextlib
import os
import socket
import statistics
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
CHROMIUM = Path(os.environ.get("CONV_VIZ_CHROMIUM", "/usr/bin/chromium"))
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
    "--disable-sync", "--no-first-run",
]  # fmt: skip
PAYLOAD_TARGETS = {"default": 500_000, "largest": 3_000_000}
LATENCY_TARGET_MS = 300
FIRST_RENDER_TARGET_S = 3.0


@dataclass(frozen=True)
class Case:
    """A page and a query string to time."""

    name: str
    path: str
    query: str


# The default view and the heaviest views the app's limits allow (many channels, the longest kernel, the
# longest signal): the largest payload among them is reported as "largest".
CASES = [
    Case("default", "", ""),
    Case("largest", "", "in_channels=64&out_channels=64&kernel_size=3&length=4000&padding=1"),
    Case("largest", "", "in_channels=64&out_channels=64&kernel_size=128&length=200&groups=1"),
    Case("largest", "", "in_channels=8&out_channels=8&kernel_size=9&length=48000&padding=4"),
    Case("largest", "", "in_channels=1&out_channels=16&kernel_size=101&length=30000"),
]


def _app_test(case: Case) -> Any:
    from streamlit.testing.v1 import AppTest

    at = AppTest.from_file(str(REPO / "app.py"), default_timeout=120)
    for pair in filter(None, case.query.split("&")):
        key, _, value = pair.partition("=")
        at.query_params[key] = value
    return at


def _payload(at: Any) -> int:
    """Bytes of every Plotly figure spec on the page (what the browser downloads per rerun)."""
    return sum(len(chart.proto.spec) for chart in at.get("plotly_chart"))


def server_section(repeats: int) -> list[tuple[str, str, float, int]]:
    """(case, query, median server ms per rerun, payload bytes) for every case."""
    rows = []
    for case in CASES:
        at = _app_test(case)
        at.run()  # first run: imports, torch's first call, caches filled
        if at.exception:
            raise RuntimeError(f"{case.query}: {at.exception[0].message}")
        times = []
        for _ in range(repeats):
            start = time.perf_counter()
            at.run()
            times.append((time.perf_counter() - start) * 1000)
        rows.append((case.name, case.query or "(default)", statistics.median(times), _payload(at)))
    return rows


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@contextlib.contextmanager
def _server() -> Iterator[tuple[str, float]]:
    """A ``streamlit run app.py`` on loopback; yields its URL and seconds from process start to healthy."""
    port = _free_port()
    start = time.perf_counter()
    proc = subprocess.Popen(
        [sys.executable, "-m", "streamlit", "run", "app.py", "--server.headless", "true", "--server.port", str(port),
         "--server.fileWatcherType", "none", "--browser.gatherUsageStats", "false"],
        cwd=REPO, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    url = f"http://127.0.0.1:{port}"
    try:
        for _ in range(600):
            with contextlib.suppress(OSError):
                if urllib.request.urlopen(f"{url}/_stcore/health", timeout=1).status == 200:
                    break
            time.sleep(0.1)
        yield url, time.perf_counter() - start
    finally:
        proc.terminate()
        proc.wait(timeout=20)


_OBSERVE = """() => { window.__st = []; const el = document.querySelector('[data-testid=stApp]');
  new MutationObserver(() => window.__st.push([performance.now(), el.getAttribute('data-test-script-state')]))
    .observe(el, {attributes: true, attributeFilter: ['data-test-script-state']}); }"""


def _rerun_ms(page: Any) -> float:
    page.evaluate("() => { window.__st = []; window.__t0 = performance.now(); }")
    page.keyboard.press("r")
    for _ in range(400):
        page.wait_for_timeout(25)
        states = page.evaluate("() => window.__st")
        if any(s == "running" for _, s in states) and states[-1][1] == "notRunning":
            return float(states[-1][0] - page.evaluate("() => window.__t0"))
    raise TimeoutError("rerun did not finish in 10 s")


def browser_section(repeats: int) -> list[tuple[str, str, float, float, float]] | str:
    """(case, query, cold start s, first render s, median rerun ms), or why it was skipped."""
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        return "skipped: Playwright is not installed (make dev)"
    if not CHROMIUM.exists():
        return f"skipped: no Chromium at {CHROMIUM} (make chromium)"
    rows = []
    with sync_playwright() as pw, _server() as (url, healthy_s):
        browser = pw.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        for i, case in enumerate(c for c in CASES if c.name == "default" or c is CASES[1]):
            page = browser.new_page(viewport={"width": 1400, "height": 1000})
            start = time.perf_counter()
            page.goto(f"{url}/{case.path}?{case.query}")
            page.wait_for_selector("[data-testid=stApp][data-test-script-state=notRunning]", timeout=60_000)
            page.wait_for_selector(".js-plotly-plot", timeout=60_000)
            first = time.perf_counter() - start
            page.wait_for_timeout(1000)
            page.evaluate(_OBSERVE)
            times = []
            for _ in range(repeats):
                times.append(_rerun_ms(page))
                page.wait_for_timeout(150)
            cold = healthy_s + first if i == 0 else float("nan")  # only the first page meets a cold process
            rows.append((case.name, case.query or "(default)", cold, first, statistics.median(times)))
            page.close()
        browser.close()
    return rows


def app_section(quick: bool = False) -> None:
    """Print the app's tables; ``quick`` keeps repeats low (used by the smoke test)."""
    repeats = 3 if quick else 10
    print("\nApp: server time per rerun (AppTest, median) and Plotly payload per page view")
    print(f"{'case':<9} {'server ms':>9} {'payload KB':>11} {'target KB':>10}  query")
    largest = 0
    for name, query, ms, payload in server_section(repeats):
        target = PAYLOAD_TARGETS[name]
        largest = max(largest, payload) if name == "largest" else largest
        print(f"{name:<9} {ms:>9.1f} {payload / 1000:>11.1f} {target / 1000:>10.0f}  {query}")
    print(f"largest payload: {largest / 1000:.1f} KB (target ≤ {PAYLOAD_TARGETS['largest'] / 1000:.0f} KB)")
    print("\nApp in a real browser (headless Chromium): cold start, first render, rerun latency (press R, median)")
    rows = browser_section(repeats)
    if isinstance(rows, str):
        print(rows)
        return
    print(f"{'case':<9} {'cold s':>7} {'first s':>8} {'rerun ms':>9}  targets: first ≤ {FIRST_RENDER_TARGET_S} s, "
          f"rerun ≤ {LATENCY_TARGET_MS} ms")  # fmt: skip
    for name, query, cold, first, rerun in rows:
        print(f"{name:<9} {cold:>7.2f} {first:>8.2f} {rerun:>9.0f}  {query}")


if __name__ == "__main__":
    app_section(quick="--quick" in sys.argv)

"""The app's own figures for ``python -m tests.perf.engine``: per page, server time, payload, first render, rerun latency.

Every page is timed on its default view and on the heaviest views the app's
limits allow (``CASES``). Two tables:

- Server (Streamlit's ``AppTest``: the script run in-process, no browser):
  median milliseconds per rerun, the Plotly figures' bytes and every
  element's bytes (what one rerun sends before any deduplication).
- Browser (a real ``streamlit run`` on loopback, driven by Debian's headless
  Chromium; ``tests.browser``): first paint (the page title on
  screen) and first render (the run over, charts drawn) of a fresh session,
  the median rerun latency (press R until the page settles), and the bytes a
  rerun sends over the websocket. The first row of the browser table also
  gives the cold start: from starting the server process to that first render.

Without Playwright or Chromium the browser table says it was skipped rather
than guess. Run ``python -m tests.perf.pages [--quick]`` alone, or
``python -m tests.perf.engine`` for the whole report (its last section).
"""

from __future__ import annotations

import argparse
import statistics
import time
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from tests import browser as bench_browser
from tests.perf.engine import Options

PAYLOAD_TARGETS = {"default": 500_000, "largest": 3_000_000}  # figure bytes per view
LARGEST_SERVER_S = 2.0  # the heaviest allowed view, one rerun on the server
LATENCY_TARGET_MS = 300  # default views, median rerun in the browser
FIRST_RENDER_TARGET_S = 3.0
CHART = ".js-plotly-plot .main-svg"
# A 24-layer stack (12 convolutions) on the longest input: 26 M multiply-adds, under the 50 M limit.
DEEP_STACK = ";".join(["conv:1,4,3,padding=1", "relu"] + ["conv:4,4,3,padding=1", "relu"] * 11)


@dataclass(frozen=True)
class Case:
    """One page view to time: the page's url path, which view, its query, and what to do after loading."""

    page: str
    name: str  # "default" or "largest"
    query: str = ""
    setup: str = ""  # "open_all" (gallery: every example open) or "answer" (quiz: the worked answer)
    chart: bool = True  # the view draws a Plotly chart (first render waits for it)
    quick: bool = False  # also in --quick

    @property
    def label(self) -> str:
        return f"{self.page} {self.name}"

    @property
    def shown(self) -> str:
        return self.query or self.setup or "(default)"


# The heaviest views each page allows: many channels, the longest kernel, the longest input, the largest matrix.
CASES = [
    Case("playground", "default", quick=True),
    Case("playground", "largest", "in_channels=64&out_channels=64&kernel_size=3&length=4000&padding=1", quick=True),
    Case("playground", "largest", "in_channels=64&out_channels=64&kernel_size=128&length=200"),
    Case("playground", "largest", "in_channels=8&out_channels=8&kernel_size=9&length=48000&padding=4"),
    Case("playground", "largest", "in_channels=1&out_channels=16&kernel_size=101&length=30000"),
    Case("transposed", "default"),
    Case("transposed", "largest", "in_channels=64&out_channels=64&kernel_size=3&length=4000"),
    Case("transposed", "largest", "in_channels=8&out_channels=8&kernel_size=9&length=48000"),
    Case("groups", "default"),
    Case("groups", "largest", "in_channels=64&out_channels=64&kernel_size=3&length=4000&groups=8"),
    Case("matrix", "default"),
    Case("matrix", "largest", "batch=16&in_channels=64&out_channels=64&kernel_size=3&length=80"),
    Case("matrix", "largest", "in_channels=1&out_channels=1&kernel_size=20&length=48000"),
    Case("receptive-field", "default"),
    Case("receptive-field", "largest", f"stack={DEEP_STACK}&in_channels=1&length=48000"),
    Case("gallery", "default", chart=False),
    Case("gallery", "largest", setup="open_all", chart=False),
    Case("quiz", "default", chart=False),
    Case("quiz", "largest", setup="answer", chart=False),
    Case("backward", "default"),
    # the widest layer the limits allow (its training refused by MAX_TRAIN_WORK), and a training run at that limit
    Case("backward", "largest", "in_channels=64&out_channels=64&kernel_size=3&length=4000&padding=1&loss=mse"),
    Case("backward", "largest", "kernel_size=9&length=1000&steps=180&momentum=0.9&loss=mse&target=random"),
]


# A class at once (tests/e2e/test_load.py and the benchmark's last line): 8 sessions, each on its own view.
CLASSROOM = [
    "/",
    "/?in_channels=4&out_channels=8&kernel_size=5&length=64&padding=2&seed=3",
    "/?in_channels=16&out_channels=16&kernel_size=9&length=2000&padding=same&input=noisy_sine",
    "/transposed?stride=2&kernel_size=4&length=16",
    "/groups?in_channels=8&out_channels=16&groups=4&length=32",
    "/matrix?in_channels=2&out_channels=3&kernel_size=3&length=20",
    "/receptive-field",
    "/quiz?quiz=3",
]
ROUND_TARGET_S = 3.0  # every tab of the class pressing R at once, until the last one settles


# ---------------------------------------------------------------- server: AppTest


def _query(case: Case) -> Iterator[tuple[str, str]]:
    for pair in filter(None, case.query.split("&")):
        key, _, value = pair.partition("=")
        yield key, value


def app_test(case: Case) -> Any:
    """The app opened on the case's page and query, run once (imports, first torch call, caches filled)."""
    from streamlit.testing.v1 import AppTest
    from streamlit.util import calc_hash

    at = AppTest.from_file(str(bench_browser.REPO / "app.py"), default_timeout=300)
    for key, value in _query(case):
        at.query_params[key] = value
    at._page_hash = calc_hash(case.page)  # opens the page by url_path, as a browser would (no public API)
    at.run()
    if case.setup == "open_all":
        from conv_viz.views.gallery import EXAMPLES

        for ex in EXAMPLES:
            at.session_state[f"gallery_{ex.id}"] = True  # the gallery page's expander keys
        at.run()
    elif case.setup == "answer":
        at.text_input[0].input("0")
        next(b for b in at.button if b.proto.is_form_submitter).click()
        at.run()
    if at.exception:
        raise RuntimeError(f"{case.label} {case.shown}: {at.exception[0].message}")
    return at


def payload(at: Any) -> tuple[int, int]:
    """(Plotly figure bytes, every element's bytes) of the last run: Streamlit's charts and the playground's
    animation (its component's payload, ``conv_viz/pages/chart.py``)."""
    figures = sum(len(chart.proto.spec) for chart in at.get("plotly_chart"))
    figures += sum(len(el.proto.bytes) for el in at.get("bidi_component"))
    elements = 0
    stack = [at._tree]
    while stack:
        node = stack.pop()
        proto = getattr(node, "proto", None)
        if proto is not None and not getattr(node, "children", None):
            elements += proto.ByteSize()
        stack.extend(getattr(node, "children", {}).values())
    return figures, elements


@dataclass(frozen=True)
class ServerRow:
    case: Case
    ms: float
    figures: int
    elements: int


def server_rows(cases: list[Case], repeats: int) -> list[ServerRow]:
    """Median server milliseconds per rerun and the payload of each case."""
    rows = []
    for case in cases:
        at = app_test(case)
        times = []
        for _ in range(repeats):
            start = time.perf_counter()
            at.run()
            times.append((time.perf_counter() - start) * 1000)
        rows.append(ServerRow(case, statistics.median(times), *payload(at)))
    return rows


# ---------------------------------------------------------------- browser: streamlit run + Chromium


def url(base: str, case: Case) -> str:
    """The case's address; the playground is the app's default page, at "/"."""
    from urllib.parse import urlencode

    path = "" if case.page == "playground" else case.page
    query = urlencode(list(_query(case)), safe=",;:|")
    return f"{base}/{path}" + (f"?{query}" if query else "")


def _setup(session: bench_browser.Session, case: Case) -> None:
    """The interaction that makes the largest view: every gallery example open, or a quiz answer checked."""
    page = session.page
    if case.setup == "open_all":
        closed = page.locator("[data-testid=stExpander] details:not([open]) summary")
        while closed.count():
            before, start = session.finished, time.perf_counter()
            closed.first.click()
            session.wait(before, start)
    elif case.setup == "answer":
        page.locator("[data-testid=stForm] input").first.fill("0")
        before, start = session.finished, time.perf_counter()
        page.locator("[data-testid=stFormSubmitButton] button").first.click()
        session.wait(before, start)


@dataclass(frozen=True)
class BrowserRow:
    case: Case
    paint_s: float  # the page's title on screen
    render_s: float  # the first run over and its charts drawn
    rerun_ms: float  # median, press R until the page settles
    wire_bytes: float  # websocket bytes per rerun (median)
    cached_s: float  # first render again after a reload: the browser has the app's JavaScript cached


def _measure(browser: Any, base: str, case: Case, reruns: int) -> BrowserRow:
    session = bench_browser.Session(browser)
    try:
        page = session.page
        start = time.perf_counter()
        page.goto(url(base, case))
        page.wait_for_selector("h1", timeout=bench_browser.RERUN_TIMEOUT_S * 1000)
        paint = time.perf_counter() - start
        session.wait(0, start)
        if case.chart:
            page.wait_for_selector(CHART, timeout=bench_browser.RERUN_TIMEOUT_S * 1000)
        render = time.perf_counter() - start
        _setup(session, case)
        page.wait_for_timeout(500)
        cached = _reload_s(session, case)
        times, sizes = [], []
        for _ in range(reruns):
            received = session.received_bytes
            times.append(session.rerun_ms())
            sizes.append(session.received_bytes - received)
            page.wait_for_timeout(100)
        if session.exceptions() or session.console_errors:
            raise RuntimeError(f"{case.label}: {session.exceptions()} exceptions, {session.console_errors[:3]}")
        return BrowserRow(case, paint, render, statistics.median(times), statistics.median(sizes), cached)
    finally:
        session.close()


def _reload_s(session: bench_browser.Session, case: Case) -> float:
    """Seconds to render the page again after a reload (a returning student: JavaScript cached, a new session)."""
    before, start = session.finished, time.perf_counter()
    session.page.reload()
    session.wait(before, start)
    if case.chart:
        session.page.wait_for_selector(CHART, timeout=bench_browser.RERUN_TIMEOUT_S * 1000)
    elapsed = time.perf_counter() - start
    _setup(session, case)
    return elapsed


def pin_ms(browser: Any, base: str, clicks: int) -> bench_browser.Painted:
    """Moving the playground's pinned position t one step (its + button), medians: the click's event to the frame
    that paints the new cell's sum heading, and to the frame after the run is over (the chart redrawn too)."""
    session = bench_browser.Session(browser)
    try:
        session.open(url(base, CASES[0]), wait_for=[CHART])
        step_up = session.page.locator("[data-testid=stMain] [data-testid=stNumberInput]").nth(2)
        step_up = step_up.locator("[data-testid=stNumberInputStepUp]")
        times = [session.paint_ms(step_up.click, text=f"y[0, 0, {t}]") for t in range(1, clicks + 1)]
        return bench_browser.Painted(
            statistics.median(p.answer_ms for p in times), statistics.median(p.settled_ms for p in times)
        )
    finally:
        session.close()


@dataclass(frozen=True)
class Classroom:
    """Rounds of reruns by every session at once, and the server's memory after each round."""

    rounds_s: list[float]
    rss_mb: list[float]


def classroom(browser: Any, srv: bench_browser.Server, rounds: int) -> Classroom:
    """The ``CLASSROOM`` sessions opened, then ``rounds`` rounds in which each tab presses R at the same moment."""
    sessions = [bench_browser.Session(browser) for _ in CLASSROOM]
    try:
        for session, path in zip(sessions, CLASSROOM, strict=True):
            session.open(srv.url + path)
        times, rss = [], []
        for _ in range(rounds):
            times.append(bench_browser.rerun_all(sessions) / 1000)
            rss.append(srv.rss_mb())
        return Classroom(times, rss)
    finally:
        for session in sessions:
            session.close()


@dataclass(frozen=True)
class BrowserReport:
    rows: list[BrowserRow]
    cold_s: float  # server process start → first render of the first case
    pin: bench_browser.Painted
    rss_mb: float  # the server after every view
    classroom: Classroom | None  # None in --quick


def browser_report(cases: list[Case], reruns: int, rounds: int) -> BrowserReport | str:
    """The browser table, or why it was skipped."""
    try:
        import playwright  # noqa: F401
    except ImportError:
        return "skipped: Playwright is not installed (make dev)"
    if not bench_browser.CHROMIUM.exists():
        return f"skipped: no Chromium at {bench_browser.CHROMIUM} (make chromium)"
    with bench_browser.chromium() as browser, bench_browser.server() as srv:
        rows = [_measure(browser, srv.url, cases[0], reruns)]
        cold = srv.healthy_s + rows[0].render_s  # the browser starts loading as soon as the server is healthy
        rows += [_measure(browser, srv.url, case, reruns) for case in cases[1:]]
        pin = pin_ms(browser, srv.url, min(reruns, 8))
        rss = srv.rss_mb()
        return BrowserReport(rows, cold, pin, rss, classroom(browser, srv, rounds) if rounds else None)


# ---------------------------------------------------------------- report


def _verdict(ok: bool) -> str:
    return "meets" if ok else "MISSES"


def print_server(rows: list[ServerRow], repeats: int) -> None:
    print(
        f"\nApp, server side (AppTest in-process): median ms of {repeats} reruns after a warm-up run; payload per view"
    )
    print(f"{'page':<16} {'view':<8} {'server ms':>9} {'figures KB':>10} {'elements KB':>11}  query / setup")
    for r in rows:
        print(
            f"{r.case.page:<16} {r.case.name:<8} {r.ms:>9.1f} {r.figures / 1e3:>10.1f} {r.elements / 1e3:>11.1f}"
            f"  {r.case.shown[:70]}"
        )
    largest = [r for r in rows if r.case.name == "largest"]
    if largest:
        slow = max(largest, key=lambda r: r.ms)
        big = max(largest, key=lambda r: r.figures)
        print(
            f"slowest largest view: {slow.ms / 1e3:.2f} s ({slow.case.label}; target ≤ {LARGEST_SERVER_S:.0f} s: "
            f"{_verdict(slow.ms / 1e3 <= LARGEST_SERVER_S)}); largest figures: {big.figures / 1e3:.1f} KB "
            f"(target ≤ {PAYLOAD_TARGETS['largest'] / 1e3:.0f} KB: {_verdict(big.figures <= PAYLOAD_TARGETS['largest'])})"
        )


def print_browser(report: BrowserReport | str) -> None:
    print("\nApp in a real browser (streamlit run on loopback + headless Chromium; a fresh session per view)")
    if isinstance(report, str):
        print(report)
        return
    print(
        f"{'page':<16} {'view':<8} {'paint s':>7} {'render s':>8} {'cached s':>8} {'rerun ms':>8} {'KB/rerun':>8}"
        "  query / setup"
    )
    for r in report.rows:
        print(
            f"{r.case.page:<16} {r.case.name:<8} {r.paint_s:>7.2f} {r.render_s:>8.2f} {r.cached_s:>8.2f}"
            f" {r.rerun_ms:>8.0f} {r.wire_bytes / 1e3:>8.1f}  {r.case.shown[:70]}"
        )
    print(
        "paint: the title on screen; render: the run over and charts drawn (a new browser: ~5 MB of the app's"
        " JavaScript, Plotly's 4.7 MB, to load); cached: the same after a reload"
    )
    defaults = [r for r in report.rows if r.case.name == "default"]
    median = statistics.median(r.rerun_ms for r in defaults)
    first = max(r.render_s for r in defaults)
    print(f"cold start (server process start → first render of /): {report.cold_s:.2f} s")
    print(
        f"default views: median rerun {median:.0f} ms (target ≤ {LATENCY_TARGET_MS} ms: "
        f"{_verdict(median <= LATENCY_TARGET_MS)}); slowest first render {first:.2f} s "
        f"(target ≤ {FIRST_RENDER_TARGET_S:.0f} s: {_verdict(first <= FIRST_RENDER_TARGET_S)})"
    )
    print(
        f"playground: moving the pinned cell one step: its sum painted {report.pin.answer_ms:.0f} ms, the run over and"
        f" the chart redrawn {report.pin.settled_ms:.0f} ms after the click (medians, timed by the page)"
    )
    print(f"server memory after every view: {report.rss_mb:.0f} MB RSS (process and children)")
    room = report.classroom
    if room is not None:
        late = statistics.median(room.rounds_s)
        print(
            f"a class of {len(CLASSROOM)} sessions pressing R together, {len(room.rounds_s)} rounds: median "
            f"{late:.2f} s, slowest {max(room.rounds_s):.2f} s (target ≤ {ROUND_TARGET_S:.0f} s: "
            f"{_verdict(max(room.rounds_s) <= ROUND_TARGET_S)}); server RSS {room.rss_mb[0]:.0f} → "
            f"{room.rss_mb[-1]:.0f} MB"
        )


def app_section(options: Options) -> None:
    """The app's two tables; ``--quick`` times the playground only, with few repeats (a smoke run)."""
    import os

    cases = [c for c in CASES if c.quick] if options.quick else CASES
    if hasattr(os, "getloadavg"):  # other processes on a shared box skew every time below
        print(f"\nload average (1 min) before the app's tables: {os.getloadavg()[0]:.2f} on {os.cpu_count()} cores")
    print_server(server_rows(cases, options.repeats), options.repeats)
    if options.quick:
        print_browser(browser_report(cases[:1], reruns=3, rounds=0))
    else:
        print_browser(browser_report(cases, reruns=10, rounds=10))


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m tests.perf.pages", description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="the playground only, few repeats: a smoke run")
    parser.add_argument("--repeats", type=int, default=None, help="AppTest reruns per view (default 7, quick 2)")
    args = parser.parse_args(argv)
    app_section(Options(args.quick, args.repeats or (2 if args.quick else 7)))


if __name__ == "__main__":
    main()

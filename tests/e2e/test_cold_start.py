"""A class arrives on a server that has just started: 8 sessions on 8 views at the same instant, no warm-up.

The race this guards against (two script threads importing pandas or torch for the first time together,
one of them handed a half-built module) struck about one fresh server in three before
``conv_viz/pages/preload.py``; it needs a fresh process each time, so the test starts several. Bounded:
``SERVERS`` servers, each stopped before the next starts; every tab's first run must end within the
harness's ceiling. Checked: no exception element on any page, no traceback in any server log.
"""

from __future__ import annotations

import time
from pathlib import Path

from playwright.sync_api import Browser

from tests.browser import Session, server
from tests.e2e.helpers import ARTIFACTS
from tests.perf import pages

SERVERS = 3
VIEWS = pages.CLASSROOM  # 8 views over every page with a chart, a table or a torch check


def test_the_server_loads_torch_before_any_session() -> None:
    """app.py's st.App starts the preload when the server starts: torch is mapped before a browser connects."""
    ARTIFACTS.mkdir(exist_ok=True)
    with server(log=ARTIFACTS / "streamlit-preload.log") as srv:
        maps = Path(f"/proc/{srv.proc.pid}/maps")
        deadline = time.monotonic() + 60
        while "libtorch_cpu" not in maps.read_text() and time.monotonic() < deadline:
            time.sleep(0.2)
        assert "libtorch_cpu" in maps.read_text(), "no session yet, and the server has not imported torch"


def test_a_class_opens_a_cold_server_at_once(browser: Browser) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    report = []
    for i in range(SERVERS):
        log = ARTIFACTS / f"streamlit-cold-{i}.log"
        with server(log=log) as srv:
            sessions = [Session(browser) for _ in VIEWS]
            try:
                start = time.perf_counter()
                for s, path in zip(sessions, VIEWS, strict=True):  # every request out before any answer
                    s.page.goto(srv.url + path, wait_until="commit")
                for s in sessions:
                    s.wait(0, start)
                seconds = time.perf_counter() - start
                exceptions = {path: s.exceptions() for s, path in zip(sessions, VIEWS, strict=True)}
            finally:
                for s in sessions:
                    s.close()
        tracebacks = log.read_text(errors="replace").count("Traceback")
        report.append(f"server {i}: healthy {srv.healthy_s:.1f} s, 8 first runs in {seconds:.1f} s")
        assert not any(exceptions.values()), f"server {i}: {exceptions}"
        assert tracebacks == 0, f"server {i}: {tracebacks} tracebacks in {log}"
    (ARTIFACTS / "cold-start.txt").write_text("\n".join(report) + "\n")
    print("\n".join(report))

"""Three replicas behind HAProxy: a replica killed in the middle of a class loses no view.

``deploy.replicas.Cluster`` starts three ``streamlit run`` replicas and HAProxy (deploy/haproxy.cfg: sticky
SERVERID cookie, websockets, health checks) on free loopback ports. Fourteen browser sessions (contexts:
cookies of their own) open different pages and links through the balancer, and each records the numbers its
page shows and the replica its cookie names. Then the replica holding the most sessions is killed with
SIGKILL, a crash with no goodbye. What a student sees, in order:

1. nothing to do: Streamlit's frontend reconnects its websocket on its own; HAProxy finds the cookie's
   replica down and redispatches, so the cookie now names a live replica. The page keeps what it drew
   (the new replica holds a fresh session for the tab and runs nothing until asked).
2. the next action (here R, a rerun) runs the page on the new replica, which builds the view from the link
   and the widgets the browser sends: every number is the same as before the crash.
3. the floor: reloading the link on a live replica shows the same numbers too.

Sessions on the other replicas keep their replica and their numbers. Bounded: about two minutes here; every
process started here is stopped by the fixture whatever happens, and Chromium's contexts by ``finally``.
"""

from __future__ import annotations

import json
import os
import re
import signal
import time
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Browser

from deploy.replicas import COMPOSE_SERVERS, Cluster, check_config, haproxy_path, servers_config
from tests.browser import NOT_RUNNING, Session, rerun_all
from tests.e2e.helpers import ARTIFACTS, IDLE_TIMEOUT_MS, TITLE, wait_idle

REPLICAS = 3
# Pages and links a class opens (tests/perf/pages.py's CLASSROOM and the browser tests' links).
LINKS = [
    "/?seed=3&kernel_size=5",
    "/?in_channels=4&out_channels=8&kernel_size=5&length=64&padding=2&seed=3",
    "/?dilation=2&cell=0,0,3",
    "/?lang=zh&stride=2&seed=7",
    "/?padding=2&padding_mode=circular&seed=11&bias=false",
    "/transposed?stride=2",
    "/transposed?stride=2&kernel_size=4&length=16",
    "/groups?groups=2",
    "/groups?in_channels=8&out_channels=16&groups=4&length=32",
    "/matrix",
    "/matrix?in_channels=2&out_channels=3&kernel_size=3&length=20",
    "/receptive-field",
    "/quiz?quiz=3",
    "/gallery",
]
FAILOVER_TIMEOUT_S = 30  # every affected session back on a live replica (took about 2 s here)
SETTLE_TIMEOUT_S = 60  # a class of pages drawn by one browser on a shared 2-core box
STEADY_S = 1.5
COOKIE = "SERVERID"
NUMBER = re.compile(r"[-−]?\d+(?:\.\d+)?(?:e[-+]?\d+)?")
# The main column's text without Plotly's SVG (tick labels depend on layout, not on the numbers), plus the
# title of each figure (the playground's "y[0,0,0] = Σ x·w + b[0] = 0.4722" lives there).
_TEXT_JS = """() => {
  const main = document.querySelector('[data-testid=stMain]').cloneNode(true);
  main.querySelectorAll('.js-plotly-plot').forEach(e => e.remove());
  const titles = [...document.querySelectorAll(TITLE)].map(e => e.textContent);
  return main.innerText + '\\n' + titles.join('\\n');
}""".replace("TITLE", repr(TITLE))


def _haproxy() -> str:
    exe = haproxy_path()
    if exe is None:
        if os.geteuid() != 0:
            pytest.skip("haproxy not installed and not root to install it (make haproxy: apt-get install haproxy)")
        pytest.fail("haproxy missing: `make test` installs it (make haproxy)")
    return exe


@pytest.fixture(scope="module")
def cluster() -> Iterator[Cluster]:
    exe = _haproxy()
    logs = ARTIFACTS / "failover"
    try:
        c = Cluster(REPLICAS, logs=logs, haproxy=exe).start()
    except (RuntimeError, TimeoutError) as err:  # start() stopped whatever it had started
        pytest.fail(f"replicas did not start: {err}")
    try:
        yield c
    finally:
        c.stop()


def test_haproxy_configs_are_valid(tmp_path: Path) -> None:
    """``haproxy -c`` accepts deploy/haproxy.cfg with the local replicas and with the Compose services."""
    exe = _haproxy()
    local = tmp_path / "servers.cfg"
    local.write_text(servers_config([("r1", 18502), ("r2", 18503), ("r3", 18504)]))
    out = check_config(local, "127.0.0.1:18501", exe)
    assert "Configuration file is valid" in out
    assert "[WARNING]" not in out, out
    out = check_config(COMPOSE_SERVERS, ":8501", exe)
    assert "Configuration file is valid" in out
    # Outside Compose the services' names do not resolve: HAProxy starts them down (init-addr none), as designed.
    warnings = [line for line in out.splitlines() if "[WARNING]" in line]
    assert all("could not resolve address 'app" in line for line in warnings), out


@dataclass
class Student:
    link: str
    session: Session
    numbers: list[str] = field(default_factory=list)
    replica: str = ""
    moved_to: str = ""
    failover_s: float = 0.0

    @property
    def page(self) -> Any:
        return self.session.page

    def cookie(self) -> str:
        return next((c["value"] for c in self.session.context.cookies() if c["name"] == COOKIE), "")


def _settle(students: list[Student]) -> list[list[str]]:
    """Every number each page shows, once it has settled: no run for STEADY_S and the same text all along.

    A page can run twice on arrival (the first run, then the one its keyed tabs ask for), so one idle moment
    is not enough; the pages are watched together, so a class settles in the time of its slowest page.
    """
    for s in students:
        wait_idle(s.page)
    last: dict[int, tuple[str, int, float]] = {}
    done: dict[int, str] = {}
    deadline = time.monotonic() + SETTLE_TIMEOUT_S
    while len(done) < len(students) and time.monotonic() < deadline:
        for i, s in enumerate(students):
            if i in done:
                continue
            now = time.monotonic()
            text, runs = s.page.evaluate(_TEXT_JS), s.session.finished
            idle = s.page.locator(NOT_RUNNING).count() == 1
            if i not in last or (text, runs) != last[i][:2] or not idle:
                last[i] = (text, runs, now)
            elif now - last[i][2] >= STEADY_S:
                done[i] = text
        time.sleep(0.2)
    assert len(done) == len(students), (
        f"not settled in {SETTLE_TIMEOUT_S} s: {[s.link for i, s in enumerate(students) if i not in done]}"
    )
    for s in students:
        assert s.page.locator("[data-testid=stException]").count() == 0, f"{s.link}: a traceback"
    return [NUMBER.findall(done[i]) for i in range(len(students))]


def _connection(page: Any) -> str:
    return str(page.locator("[data-testid=stApp]").get_attribute("data-test-connection-state"))


def _diff(before: list[str], after: list[str]) -> str:
    first = next((i for i, (a, b) in enumerate(zip(before, after, strict=False)) if a != b), None)
    return f"{len(before)} numbers before, {len(after)} after; first difference at {first}"


def test_a_killed_replica_loses_no_view(cluster: Cluster, browser: Browser) -> None:
    started = time.perf_counter()
    students: list[Student] = []
    try:
        # A class arrives: every tab asks for its page at once, then each waits for its own.
        for link in LINKS:
            student = Student(link, Session(browser))
            students.append(student)
            student.page.set_default_timeout(IDLE_TIMEOUT_MS)
            student.page.goto(cluster.url + link, wait_until="commit")
        for s, numbers in zip(students, _settle(students), strict=True):
            s.numbers, s.replica = numbers, s.cookie()
            assert len(s.numbers) >= 5, f"{s.link}: too few numbers to compare: {s.numbers}"
        served = Counter(s.replica for s in students)
        assert set(served) == {r.name for r in cluster.replicas}, f"sticky cookies {served}: not balanced"
        opened_s = time.perf_counter() - started

        victim = served.most_common(1)[0][0]
        affected = [s for s in students if s.replica == victim]
        others = [s for s in students if s.replica != victim]
        killed_at = time.perf_counter()
        cluster.kill(victim, signal.SIGKILL)
        live = {r.name for r in cluster.replicas if r.alive()}
        assert victim not in live
        assert len(live) == REPLICAS - 1

        # 1. Nobody touches anything: each affected tab reconnects by itself, on a live replica.
        waiting = list(affected)
        while waiting and time.perf_counter() - killed_at < FAILOVER_TIMEOUT_S:
            for s in list(waiting):
                cookie = s.cookie()
                if cookie != victim and _connection(s.page) == "CONNECTED":
                    s.moved_to, s.failover_s = cookie, time.perf_counter() - killed_at
                    waiting.remove(s)
            time.sleep(0.1)
        assert not waiting, f"not back after {FAILOVER_TIMEOUT_S} s: {[s.link for s in waiting]}"
        assert all(s.moved_to in live for s in affected)
        failover_s = max(s.failover_s for s in affected)
        for s, numbers in zip(affected, _settle(affected), strict=True):  # the page stayed on screen meanwhile
            assert numbers == s.numbers, f"{s.link} reconnected: {_diff(s.numbers, numbers)}"
        assert f"Server replicas/{victim} is DOWN" in cluster.balancer_log.read_text()

        # 2. The next action reruns the page on the replica the cookie now names: the same numbers.
        rerun_all([s.session for s in students])
        for s, numbers in zip(students, _settle(students), strict=True):
            assert numbers == s.numbers, f"{s.link} after the rerun: {_diff(s.numbers, numbers)}"
        for s in others:
            assert s.cookie() == s.replica, f"{s.link} moved from {s.replica} though its replica is alive"
        for s in affected:
            assert s.cookie() == s.moved_to

        # 3. The floor: the link itself, loaded again, rebuilds the same view on a live replica.
        for s in affected:
            s.page.goto(cluster.url + s.link, wait_until="commit")
        for s, numbers in zip(affected, _settle(affected), strict=True):
            assert numbers == s.numbers, f"{s.link} reloaded: {_diff(s.numbers, numbers)}"
            assert s.cookie() in live

        report = {
            "replicas": REPLICAS,
            "sessions": len(students),
            "served_before": dict(served),
            "killed": victim,
            "moved": {s.link: f"{s.replica}→{s.moved_to}" for s in affected},
            "failover_s": round(failover_s, 2),
            "opened_s": round(opened_s, 1),
            "total_s": round(time.perf_counter() - started, 1),
            "numbers_compared": sum(len(s.numbers) for s in students),
        }
        (ARTIFACTS / "failover").mkdir(parents=True, exist_ok=True)
        (ARTIFACTS / "failover" / "report.json").write_text(json.dumps(report, indent=1, ensure_ascii=False))
        print(json.dumps(report, ensure_ascii=False))
    finally:
        for s in students:
            s.session.close()

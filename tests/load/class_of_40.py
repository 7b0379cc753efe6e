"""A class of 40 students on one server, driven by Locust: ``python -m tests.load.class_of_40``.

One ``streamlit run`` on a free loopback port (``tests.browser.server``),
opened once by the teacher (the ``/`` link, not counted: it imports torch and
fills the first caches, as a teacher checking the link before the lesson
does). Then Locust's library API (``locust.env.Environment`` and its local
runner) starts ``tests/load/locustfile.py``'s students, 4 a second, until 40
are in (10 s), and stops them all when ``--run-time`` is over (130 s: the
ramp and two minutes of lesson); an action under way then is let finish. Meanwhile
the server's resident memory is sampled every second and its CPU time is read
before and after; this process's own CPU time says what 40 simulated students
cost the client (gevent: one greenlet each, no browser).

Printed: Locust's own tables, then a markdown table of run times (from the
``BackMsg`` sent to ``script_finished``) per kind of action with p50, p95, max
and errors, and the server's CPU, peak RSS and the load average beside them.
``--json PATH`` also writes the figures (``tests/e2e/test_class_of_40.py`` reads
them). Loopback only, bounded in time, stops by itself; exit status 0 unless the
run itself broke (the figures carry the verdict).

Importing this module imports Locust, which monkey-patches the standard
library for gevent: run it as a program (or a subprocess), never inside
another test process.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import time
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

import gevent  # type: ignore[import-untyped]  # gevent ships no type information
import psutil
from locust.env import Environment
from locust.stats import get_error_report_summary, get_percentile_stats_summary, get_stats_summary

from tests.browser import REPO, Server, server
from tests.load.locustfile import WAIT_S, Student
from tests.load.streamlit_user import RUN_TIMEOUT_S, StreamlitSession

USERS = 40
SPAWN_RATE = 4.0  # students a second: the class is in within 10 s
RUN_TIME_S = 130.0  # the ramp, then two minutes of lesson
P95_TARGET_S = 1.5
SAMPLE_EVERY_S = 1.0
KINDS = {"setting": "change a setting", "pin": "pin a cell", "switch": "switch page"}


@dataclass
class Sample:
    """One Locust request: who, what, how long, and whether it failed."""

    user: int
    kind: str  # open, setting, pin, switch, or GET (the page's HTML)
    page: str
    seconds: float
    error: str = ""


@dataclass
class Figures:
    count: int
    p50_s: float
    p95_s: float
    max_s: float
    errors: int

    @classmethod
    def of(cls, samples: Sequence[Sample]) -> Figures:
        times = sorted(s.seconds for s in samples)
        if not times:
            return cls(0, float("nan"), float("nan"), float("nan"), 0)
        return cls(
            len(times), _percentile(times, 50), _percentile(times, 95), times[-1], sum(bool(s.error) for s in samples)
        )


@dataclass
class Report:
    users: int
    spawn_rate: float
    run_time_s: float
    wall_s: float
    actions: Figures  # every action after the opening: setting, pin, switch
    kinds: dict[str, Figures]
    opens: Figures
    errors: int  # every failed request: opens, actions, the page's HTML, and exceptions Locust caught
    error_samples: list[str]
    actions_per_user: list[int]
    server_cpu_cores: float  # server CPU seconds / wall seconds (1.0 = one core busy)
    server_cpu_ms_per_run: float  # server CPU time / script runs (opens and actions)
    server_rss_mb_start: float
    server_rss_mb_peak: float
    client_cpu_cores: float  # this process (Locust and its 40 greenlets) likewise
    load_start: tuple[float, float, float]
    load_end: tuple[float, float, float]
    cores: int = field(default_factory=lambda: os.cpu_count() or 1)

    def meets(self) -> bool:
        return self.errors == 0 and self.actions.p95_s <= P95_TARGET_S


def _percentile(sorted_values: Sequence[float], pct: float) -> float:
    """Nearest-rank percentile (the smallest value with ``pct`` % of the values at or below it)."""
    rank = max(1, -(-len(sorted_values) * pct // 100))
    return sorted_values[int(rank) - 1]


def _cpu_seconds(processes: Iterable[psutil.Process]) -> float:
    total = 0.0
    for p in processes:
        try:
            times = p.cpu_times()
        except psutil.NoSuchProcess:
            continue
        total += times.user + times.system
    return total


def _family(srv: Server) -> list[psutil.Process]:
    root = psutil.Process(srv.proc.pid)
    return [root, *root.children(recursive=True)]


def teacher_opens(url: str) -> float:
    """The teacher checks the link before the lesson: one session opens ``/`` and leaves; its seconds."""
    session = StreamlitSession(url)
    try:
        session.connect()
        return session.open("", "").seconds
    finally:
        session.close()


def run_class(users: int, spawn_rate: float, run_time_s: float, log: Path | None = None) -> Report:
    """Start a server, let the class in, stop it after ``run_time_s``; the figures."""
    samples: list[Sample] = []

    def on_request(
        request_type: str, name: str, response_time: float, context: dict[str, Any], exception: Any, **_: Any
    ) -> None:
        kind = context.get("kind", "GET" if request_type == "GET" else "?")
        error = f"{name}: {type(exception).__name__}: {exception}" if exception is not None else ""
        samples.append(Sample(int(context.get("user", -1)), kind, name, response_time / 1000, error))

    with server(log=log) as srv:
        teacher_opens(srv.url)
        env = Environment(user_classes=[Student], host=srv.url, stop_timeout=RUN_TIMEOUT_S + 10)
        env.events.request.add_listener(on_request)
        runner = env.create_local_runner()
        rss = [srv.rss_mb()]

        def sample_rss() -> None:
            while True:
                gevent.sleep(SAMPLE_EVERY_S)
                rss.append(srv.rss_mb())

        load_start = os.getloadavg()
        me = psutil.Process()
        server_cpu0, client_cpu0, t0 = _cpu_seconds(_family(srv)), _cpu_seconds([me]), time.perf_counter()
        sampler = gevent.spawn(sample_rss)
        runner.start(users, spawn_rate=spawn_rate)
        gevent.spawn_later(run_time_s, runner.quit)
        runner.greenlet.join()
        wall = time.perf_counter() - t0
        server_cpu, client_cpu = _cpu_seconds(_family(srv)) - server_cpu0, _cpu_seconds([me]) - client_cpu0
        sampler.kill()
        rss.append(srv.rss_mb())
        load_end = os.getloadavg()

    # Locust's own tables (its command line prints them through a logger this program does not set up)
    for table in (get_stats_summary(env.stats, current=False), get_percentile_stats_summary(env.stats)):
        print("\n".join(table), flush=True)
    if env.stats.errors:
        print("\n".join(get_error_report_summary(env.stats)), flush=True)
    crashed = [f"uncaught: {e['msg']} ({e['count']}×)" for e in runner.exceptions.values()]
    actions = [s for s in samples if s.kind in KINDS]
    per_user = dict.fromkeys(range(users), 0)
    for s in actions:
        per_user[s.user] = per_user.get(s.user, 0) + 1
    errors = [s.error for s in samples if s.error] + crashed
    return Report(
        users=users,
        spawn_rate=spawn_rate,
        run_time_s=run_time_s,
        wall_s=wall,
        actions=Figures.of(actions),
        kinds={kind: Figures.of([s for s in actions if s.kind == kind]) for kind in KINDS},
        opens=Figures.of([s for s in samples if s.kind == "open"]),
        errors=len(errors),
        error_samples=errors[:20],
        actions_per_user=[per_user[u] for u in sorted(per_user)],
        server_cpu_cores=server_cpu / wall,
        server_cpu_ms_per_run=1000 * server_cpu / max(1, len(actions) + sum(s.kind == "open" for s in samples)),
        server_rss_mb_start=rss[0],
        server_rss_mb_peak=max(rss),
        client_cpu_cores=client_cpu / wall,
        load_start=load_start,
        load_end=load_end,
    )


def markdown(report: Report) -> str:
    """The report as the README's table and the lines under it."""

    def row(what: str, f: Figures) -> str:
        return f"| {what} | {f.count:,} | {f.p50_s:.2f} | {f.p95_s:.2f} | {f.max_s:.2f} | {f.errors} |"

    per_user = report.actions_per_user
    verdict = "meets" if report.meets() else "MISSES"
    lines = [
        f"A class of {report.users} (Locust, {report.spawn_rate:g} students/s, {report.run_time_s:.0f} s, "
        f"an action every {WAIT_S[0]:g}–{WAIT_S[1]:g} s each); run time from BackMsg sent to script_finished:",
        "",
        "| action | runs | p50 s | p95 s | max s | errors |",
        "| --- | ---: | ---: | ---: | ---: | ---: |",
        row("every action", report.actions),
        *(row(KINDS[kind], f) for kind, f in report.kinds.items()),
        row("open the link (first run)", report.opens),
        "",
        f"p95 of the actions {report.actions.p95_s:.2f} s, {report.errors} errors (target p95 ≤ {P95_TARGET_S} s and "
        f"no error: {verdict}); actions per student {min(per_user)}–{max(per_user)} "
        f"(median {statistics.median(per_user):g}), {report.actions.count / report.wall_s:.1f} runs/s.",
        f"Server: CPU {report.server_cpu_cores:.2f} cores on average over {report.wall_s:.0f} s "
        f"({report.cores} cores), {report.server_cpu_ms_per_run:.0f} ms of CPU a run; RSS {report.server_rss_mb_start:.0f} MB before the class, "
        f"peak {report.server_rss_mb_peak:.0f} MB. Client (Locust, one process): CPU {report.client_cpu_cores:.2f} cores.",
        f"Load average (1/5/15 min): {_load(report.load_start)} at the start, {_load(report.load_end)} at the end.",
    ]
    if report.error_samples:
        lines += ["", "Errors (first 20):", *(f"- {e}" for e in report.error_samples)]
    return "\n".join(lines)


def _load(load: Sequence[float]) -> str:
    return " / ".join(f"{x:.2f}" for x in load)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tests.load.class_of_40", description=__doc__.splitlines()[0])
    parser.add_argument("--users", type=int, default=USERS)
    parser.add_argument("--spawn-rate", type=float, default=SPAWN_RATE, help="students a second")
    parser.add_argument("--run-time", type=float, default=RUN_TIME_S, help="seconds from the first student to the stop")
    parser.add_argument("--json", type=Path, help="also write the figures here")
    parser.add_argument("--log", type=Path, default=REPO / "artifacts" / "streamlit-class.log", help="the server's log")
    args = parser.parse_args(argv)
    args.log.parent.mkdir(parents=True, exist_ok=True)
    report = run_class(args.users, args.spawn_rate, args.run_time, args.log)
    print("\n" + markdown(report), flush=True)
    if args.json is not None:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(asdict(report) | {"meets": report.meets()}, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""Server memory while a class explores the heaviest views: ``python -m tests.perf.memory`` (``make bench``).

Eight browser sessions, each on its page's heaviest view (``HEAVY_CLASS``), open it with seeds
1…``SEEDS`` all at the same moment, round after round: 32 distinct heavy views. The server's resident
memory (process and children) is sampled every 50 ms meanwhile; the report gives the baseline (one
default view served), the peak, and the memory at rest once the class has left. Target: peak ≤ 500 MB,
room to spare under Streamlit Community Cloud's smallest tier (690 MB).
"""

from __future__ import annotations

import argparse
import contextlib
import os
import threading
import time
from dataclasses import dataclass
from typing import Any

from tests import browser as bench_browser
from tests.perf.pages import DEEP_STACK

HEAVY_CLASS = [
    "/?in_channels=64&out_channels=64&kernel_size=3&length=4000&padding=1",
    "/?in_channels=8&out_channels=8&kernel_size=9&length=48000&padding=4",
    "/transposed?in_channels=64&out_channels=64&kernel_size=3&length=4000",
    "/transposed?in_channels=8&out_channels=8&kernel_size=9&length=48000",
    "/groups?in_channels=64&out_channels=64&kernel_size=3&length=4000&groups=8",
    "/matrix?batch=16&in_channels=64&out_channels=64&kernel_size=3&length=80",
    "/matrix?in_channels=1&out_channels=1&kernel_size=20&length=48000",
    f"/receptive-field?stack={DEEP_STACK}&in_channels=1&length=48000",
]
SEEDS = 4
PEAK_TARGET_MB = 500.0
IDLE_S = 10.0


@dataclass(frozen=True)
class Memory:
    views: int  # distinct heavy views opened
    baseline_mb: float  # the server after one default view, before the class
    peak_mb: float  # sampled every 50 ms while the class explores
    rest_mb: float  # IDLE_S after the class has left
    exceptions: int


def heavy_class(browser: Any, srv: bench_browser.Server, seeds: int = SEEDS, idle_s: float = IDLE_S) -> Memory:
    """``HEAVY_CLASS`` sessions, each opening its heavy view with every seed; the server's RSS meanwhile."""
    first = bench_browser.Session(browser)
    first.open(srv.url + "/")
    first.close()
    baseline = srv.rss_mb()
    samples: list[float] = [baseline]
    done = threading.Event()

    def sample() -> None:
        while not done.wait(0.05):
            with contextlib.suppress(Exception):  # the server's children come and go between two reads
                samples.append(srv.rss_mb())

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    sessions = [bench_browser.Session(browser) for _ in HEAVY_CLASS]
    exceptions = 0
    try:
        for seed in range(1, seeds + 1):
            start = time.perf_counter()
            befores = []
            for session, path in zip(sessions, HEAVY_CLASS, strict=True):  # every request out before any answer
                befores.append(session.finished)
                session.page.goto(f"{srv.url}{path}&seed={seed}", wait_until="commit")
            for session, before in zip(sessions, befores, strict=True):
                session.wait(before, start)
            exceptions += sum(s.exceptions() for s in sessions)
    finally:
        for session in sessions:
            session.close()
        time.sleep(idle_s)
        done.set()
        sampler.join()
    return Memory(len(HEAVY_CLASS) * seeds, baseline, max(samples), srv.rss_mb(), exceptions)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m tests.perf.memory", description=__doc__.splitlines()[0])
    parser.add_argument("--seeds", type=int, default=SEEDS)
    args = parser.parse_args(argv)
    load = os.getloadavg()[0]
    with bench_browser.chromium() as browser, bench_browser.server() as srv:
        m = heavy_class(browser, srv, args.seeds)
    verdict = "meets" if m.peak_mb <= PEAK_TARGET_MB else "MISSES"
    print(f"\nServer memory, a class on the heaviest views (load average {load:.2f} on {os.cpu_count()} cores)")
    print("| views | baseline MB | peak MB | at rest MB | exceptions | target |")
    print("| ---: | ---: | ---: | ---: | ---: | --- |")
    print(
        f"| {m.views} | {m.baseline_mb:.0f} | {m.peak_mb:.0f} | {m.rest_mb:.0f} | {m.exceptions} | "
        f"peak ≤ {PEAK_TARGET_MB:.0f}: {verdict} |"
    )


if __name__ == "__main__":
    main()

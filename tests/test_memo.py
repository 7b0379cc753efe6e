"""The shared results budget: least recently used out first, bytes counted, heavy views still kept."""

from __future__ import annotations

import platform
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from conv_viz.pages import playground, transposed
from conv_viz.server import malloc, memo
from tests.app_pages import open_page
from tests.perf import pages

KB8 = 8_000  # bytes of np.zeros(1000)


def block() -> np.ndarray:
    return np.zeros(1000)


def test_nbytes_counts_buffers_once_through_dataclasses_and_containers() -> None:
    @dataclass(frozen=True)
    class Pair:
        a: np.ndarray
        b: np.ndarray

    shared = block()
    assert memo.nbytes(shared) == KB8
    pair = Pair(shared, shared)  # one buffer reachable twice
    assert KB8 <= memo.nbytes(pair) < 2 * KB8
    assert memo.nbytes({"x": [block(), block()], "y": (block(),)}) >= 3 * KB8


def test_least_recently_used_goes_first() -> None:
    budget = memo.Budget(3 * KB8 + 500)
    for key in "abc":
        budget.put(key, block())
    assert budget.get("a")[0]  # a is now the most recent
    budget.put("d", block())  # over the budget: b, the least recent, goes
    assert [budget.get(k)[0] for k in "abcd"] == [True, False, True, True]
    assert budget.used <= budget.max_bytes


def test_a_result_larger_than_the_budget_is_not_kept_and_evicts_nothing() -> None:
    budget = memo.Budget(2 * KB8)
    budget.put("small", block())
    budget.put("huge", np.zeros(10_000))
    assert budget.get("small")[0]
    assert not budget.get("huge")[0]


def test_replacing_a_key_does_not_count_it_twice() -> None:
    budget = memo.Budget(10 * KB8)
    for _ in range(5):
        budget.put("same", block())
    assert len(budget) == 1
    assert budget.used == KB8


def test_threads_keep_the_books_straight() -> None:
    budget = memo.Budget(20 * KB8)

    def work(offset: int) -> None:
        for i in range(200):
            budget.put((offset, i % 30), block())
            budget.get((offset, (i * 7) % 30))

    threads = [threading.Thread(target=work, args=(t,)) for t in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert budget.used == sum(e.size for e in budget._entries.values()) <= budget.max_bytes


def test_shared_returns_the_kept_result_and_never_keeps_an_exception() -> None:
    calls: list[Any] = []

    @memo.shared
    def flaky(n: int) -> np.ndarray:
        calls.append(n)
        if len(calls) == 1:
            raise ValueError("first call fails")
        return np.arange(n)

    try:
        with pytest.raises(ValueError, match="first call fails"):
            flaky(3)
        first = flaky(3)
        assert flaky(3) is first
        assert flaky(n=3) is not first  # another spelling of the call is another key: computed, then kept
        assert calls == [3, 3, 3]
    finally:
        memo.clear()


def test_malloc_tuning_takes_on_glibc_and_is_a_no_op_elsewhere() -> None:
    assert malloc.tune() is (platform.libc_ver()[0] == "glibc")


def test_only_the_server_tunes_the_allocator() -> None:
    """Importing the pages changes nothing in the process; app.py's server branch calls tune()."""
    app = (Path(__file__).parents[1] / "app.py").read_text()
    server_branch = app.split('if __name__ != "__main__":')[1].split("else:")[0]
    assert "malloc.tune()" in server_branch
    assert "malloc" not in (Path(__file__).parents[1] / "conv_viz/pages/__init__.py").read_text()


@pytest.mark.usefixtures("fresh_caches")
@pytest.mark.parametrize(
    ("module", "builder", "case"),
    [(playground, "build_scene", c) for c in pages.CASES if c.page == "playground" and c.name == "largest"]
    + [(transposed, "build_transposed", c) for c in pages.CASES if c.page == "transposed" and c.name == "largest"],
    ids=lambda v: getattr(v, "query", "")[:40] or getattr(v, "__name__", str(v)).split(".")[-1],
)
def test_the_heaviest_views_fit_the_budget_so_a_rerun_computes_nothing(
    monkeypatch: pytest.MonkeyPatch, module: Any, builder: str, case: pages.Case
) -> None:
    built: list[object] = []
    real = getattr(module, builder)

    def counting(*args: Any, **kwargs: Any) -> Any:
        built.append(args)
        return real(*args, **kwargs)

    monkeypatch.setattr(module, builder, counting)
    at = open_page(case.page, **dict(pair.split("=", 1) for pair in case.query.split("&")))
    assert not at.exception
    at.run()
    assert len(built) == 1
    assert memo.BUDGET.used <= memo.BUDGET_BYTES


def test_a_result_over_the_entry_limit_is_returned_but_not_kept() -> None:
    budget = memo.Budget(10 * KB8, max_entry_bytes=2 * KB8)
    budget.put("small", block())
    budget.put("big", np.zeros(3000))  # fits the budget, not the entry limit: kept out, evicts nothing
    assert budget.get("small")[0]
    assert not budget.get("big")[0]
    assert budget.used == KB8


def test_at_most_concurrent_turns_misses_compute_at_once_and_a_waiting_session_reuses_the_result() -> None:
    memo.clear()
    running, peak, calls = 0, 0, []
    lock = threading.Lock()
    release = threading.Event()

    @memo.shared
    def slow(key: int) -> np.ndarray:
        nonlocal running, peak
        with lock:
            running += 1
            peak = max(peak, running)
            calls.append(key)
        release.wait(5)
        with lock:
            running -= 1
        return np.full(10, key)

    threads = [threading.Thread(target=slow, args=(k % 3,)) for k in range(9)]  # 3 distinct keys, 9 sessions
    for t in threads:
        t.start()
    threading.Timer(0.3, release.set).start()
    for t in threads:
        t.join(10)
    assert peak == memo.CONCURRENT_TURNS
    assert sorted(calls) == [0, 1, 2]  # every key computed once: the waiting sessions found it kept
    memo.clear()


def test_a_shared_function_calling_another_does_not_wait_for_a_second_turn() -> None:
    memo.clear()

    @memo.shared
    def inner(k: int) -> np.ndarray:
        return np.full(3, k)

    @memo.shared
    def outer(k: int) -> np.ndarray:
        return inner(k) + 1

    threads = [threading.Thread(target=outer, args=(k,)) for k in range(memo.CONCURRENT_TURNS + 2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(5)
    assert not any(t.is_alive() for t in threads)  # every turn held while waiting for another would deadlock
    memo.clear()


def test_turn_ended_is_set_by_a_run_that_ends_not_by_one_a_rerun_stops() -> None:
    """The server's late warm-up waits on it (app.py): a rerun stopping the first run has drawn no page yet."""

    class Rerun(BaseException):  # Streamlit's RerunException and StopException are BaseExceptions too
        pass

    def stopped_run() -> None:
        with memo.turn():
            with memo.turn():  # nested work ends normally: the page run it belongs to has not
                pass
            raise Rerun

    memo.TURN_ENDED.clear()
    with pytest.raises(Rerun):
        stopped_run()
    assert not memo.TURN_ENDED.is_set()
    with memo.turn():
        pass
    assert memo.TURN_ENDED.is_set()

"""One memory budget for every result the pages share between sessions.

A class opening the same link should compute it once, so pages keep results
across sessions. Counting entries does not bound memory: one heavy view holds
tens of MB, and sixteen entries each of seventeen caches could hold gigabytes
on a host with 0.7 GB. Here every cached function draws on one budget of bytes
(``BUDGET_BYTES``): an entry costs what its arrays hold, the least recently
used entries go first when a new one does not fit, and a result larger than
``MAX_ENTRY_BYTES`` is returned without being kept. ``turn()`` lets at most
``CONCURRENT_TURNS`` page runs or misses work at once, so a class opening
heavy views together does not hold all their working sets at the same moment.

Pure Python: the pages decorate their functions with ``shared``; nothing here
imports Streamlit, so the budget is tested like any other module.

>>> @shared
... def square(n: int) -> np.ndarray:
...     return np.full(n, n * n, dtype=np.float64)
>>> square(3) is square(3)  # the second call is the first call's array
True
>>> clear()
"""

from __future__ import annotations

import contextlib
import dataclasses
import functools
import sys
import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable, Iterator
from typing import Any, ParamSpec, TypeVar, overload

import numpy as np

# These three numbers are sized by `python -m tests.perf.memory` (8 sessions opening 32 of the heaviest views
# at once; it prints the server's peak) against a 500 MB ceiling, under Community Cloud's smallest tier.
BUDGET_BYTES = 48_000_000
# A result over half the budget is not kept: it would evict every view a class shares (the teacher's link)
# to save one heavy view a fraction of a second. The heaviest views the limits allow fit (tests/test_memo.py).
MAX_ENTRY_BYTES = BUDGET_BYTES // 2
# Page runs and cache misses at once, server-wide. Every run holds its working set (arrays, figures, their
# JSON) until it ends, so each concurrent run adds a heavy view's worth to the peak, while the GIL serialises
# most of a run anyway; `python -m tests.load.class_of_40` checks a class's latency one run at a time.
CONCURRENT_TURNS = 1


P = ParamSpec("P")
R = TypeVar("R")


def nbytes(value: object, seen: set[int] | None = None) -> int:
    """Bytes ``value`` holds: its arrays' buffers, walked through dataclasses, containers and ``__dict__``.

    An object reachable twice counts once. Arrays dominate every entry; other objects count ``sys.getsizeof``.

    >>> nbytes((np.zeros(1000), [np.zeros(10)] * 3)) >= 8080
    True
    """
    seen = set() if seen is None else seen
    if id(value) in seen:
        return 0
    seen.add(id(value))
    if isinstance(value, np.ndarray):
        return int(value.nbytes)
    size = sys.getsizeof(value)
    if isinstance(value, str | bytes | int | float | bool | type(None)):
        return size
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        children: Any = (getattr(value, f.name) for f in dataclasses.fields(value))
    elif isinstance(value, dict):
        children = [*value.keys(), *value.values()]
    elif isinstance(value, list | tuple | set | frozenset):
        children = value
    elif hasattr(value, "__dict__"):
        children = vars(value).values()
    else:
        return size
    return size + sum(nbytes(child, seen) for child in children)


@dataclasses.dataclass
class _Entry:
    value: Any
    size: int


class Budget:
    """A least-recently-used store with a limit in bytes, safe to share between Streamlit's session threads."""

    def __init__(self, max_bytes: int, max_entry_bytes: int | None = None) -> None:
        self.max_bytes = max_bytes
        self.max_entry_bytes = max_bytes if max_entry_bytes is None else max_entry_bytes
        self.used = 0
        self._entries: OrderedDict[Hashable, _Entry] = OrderedDict()
        self._lock = threading.Lock()

    def __len__(self) -> int:
        return len(self._entries)

    def get(self, key: Hashable) -> tuple[bool, Any]:
        with self._lock:
            entry = self._entries.get(key)
            if entry is None:
                return False, None
            self._entries.move_to_end(key)
            return True, entry.value

    def put(self, key: Hashable, value: object, size: int | None = None) -> None:
        """Keep ``value`` (``size`` bytes, its ``nbytes`` when not given) unless it is over the entry limit,
        dropping the least recently used until it fits."""
        size = nbytes(value) if size is None else size
        if size > self.max_entry_bytes:
            return
        with self._lock:
            old = self._entries.pop(key, None)
            self.used -= 0 if old is None else old.size
            while self._entries and self.used + size > self.max_bytes:
                _, dropped = self._entries.popitem(last=False)
                self.used -= dropped.size
            self._entries[key] = _Entry(value, size)
            self.used += size

    def clear(self) -> None:
        with self._lock:
            self._entries.clear()
            self.used = 0


BUDGET = Budget(BUDGET_BYTES, MAX_ENTRY_BYTES)
_TURNS = threading.BoundedSemaphore(CONCURRENT_TURNS)
_holder = threading.local()  # set while this thread has a turn: nested work must not wait for a second one
TURN_ENDED = threading.Event()  # set when a turn first ends without an exception: a page has been drawn


@contextlib.contextmanager
def turn() -> Iterator[None]:
    """Wait for one of the server's ``CONCURRENT_TURNS``; re-entrant: a thread that has one keeps it."""
    if getattr(_holder, "active", False):
        yield
        return
    with _TURNS:
        _holder.active = True
        try:
            yield
            TURN_ENDED.set()  # a run that ended, not one a rerun stopped on its way
        finally:
            _holder.active = False


@overload
def shared(fn: Callable[P, R]) -> Callable[P, R]: ...
@overload
def shared(*, weigh: Callable[[Any], int]) -> Callable[[Callable[P, R]], Callable[P, R]]: ...
def shared(fn: Callable[P, R] | None = None, *, weigh: Callable[[Any], int] | None = None) -> Any:
    """Cache ``fn`` in the shared budget, keyed by its name and (hashable) arguments.

    ``weigh(result)`` gives an entry's bytes where ``nbytes`` cannot see them (a Plotly figure is Python objects,
    not arrays): ``@shared(weigh=...)``. Two sessions asking at once may both compute; the second result replaces
    the first (same numbers). Exceptions are not kept: a broken setting is checked again, cheaply, before any
    heavy work.
    """
    if fn is None:
        return functools.partial(shared, weigh=weigh)
    name = f"{fn.__module__}.{fn.__qualname__}"

    @functools.wraps(fn)
    def cached(*args: P.args, **kwargs: P.kwargs) -> R:
        key = (name, args, tuple(sorted(kwargs.items())))
        hit, value = BUDGET.get(key)
        if hit:
            return value  # type: ignore[no-any-return]
        with turn():
            hit, value = BUDGET.get(key)  # another session may have computed it while this one waited
            if hit:
                return value  # type: ignore[no-any-return]
            result = fn(*args, **kwargs)
        BUDGET.put(key, result, None if weigh is None else weigh(result))
        return result

    return cached


def clear() -> None:
    """Forget every kept result (tests that change what a function would return)."""
    BUDGET.clear()

"""How fast the engine is next to torch: ``python -m tests.perf.engine [--quick]`` prints ratios, not only times.

Run the full table as::

    env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE .venv/bin/python -m tests.perf.engine

This machine's environment sets ``OPENBLAS_CORETYPE`` and ``OPENBLAS_L2_SIZE`` for
other tools; they make the current NumPy's OpenBLAS pick slower kernels, so unset
them for this command only (tests and CI keep the environment as it is).

Engine and torch run interleaved in one process: every repeat times torch, the
engine's automatic choice and each strategy in turn (in a shuffled order), so a
busy neighbour slows them alike; each time is the median of the repeats after a
warm-up run, each call after a short pause (``SETTLE_S``) so that neither
library's idle threads still spin from the other's last call. The ratio
is engine (auto) / torch: below 1 the engine is faster; ``*`` marks the fastest
strategy and ``(≠)`` a shape where ``choose_strategy`` picked another one; "rel err"
is the worst strategy's max |engine − torch| / max |torch|. torch gets as many
threads as NumPy's BLAS uses.

The report is a table of sections (``SECTIONS``): the engine against torch, then
the app's own timings and payload sizes (``tests.perf.pages``, which drives
Chromium). ``--only engine`` or ``--only app`` runs one of them.
"""

from __future__ import annotations

import argparse
import math
import os
import random
import statistics
import time
import warnings
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import numpy as np

from conv_viz import engine
from conv_viz.core.geometry import conv_geometry
from conv_viz.core.strategies import STRATEGIES, choose_strategy

TARGETS = {"float64": 1.0, "float32": 2.0}  # geometric-mean ratio; torch's float32 runs on oneDNN
SLOW_RUN_S = 1.0  # a strategy slower than this per call is timed once: its loss is plain anyway
# Pause before every timed call, so neither library's idle threads are still spinning from the other's
# last call: OpenBLAS's worker spins ~0.1 s (2^28 cycles) after a product. Measured on "same", float32:
# torch alone 10.5 ms; right after a NumPy matmul 22 ms, 50 ms after it 33 ms, 100–200 ms after 12.5 ms.
SETTLE_S = 0.12


@dataclass(frozen=True)
class Shape:
    """One benchmark convolution: (N, C_in, L) input, C_out × C_in/groups × K weight, with bias."""

    name: str
    n: int
    c_in: int
    c_out: int
    length: int
    k: int
    stride: int = 1
    padding: int | str = 0
    dilation: int = 1
    groups: int = 1
    padding_mode: str = "zeros"

    def kwargs(self) -> dict[str, Any]:
        return {
            "stride": self.stride,
            "padding": self.padding,
            "dilation": self.dilation,
            "groups": self.groups,
            "padding_mode": self.padding_mode,
        }


SUITE = [
    Shape("base", 8, 64, 64, 16384, 9),
    Shape("stride 2", 8, 64, 64, 16384, 9, stride=2),
    Shape("dilation 2", 8, 64, 64, 16384, 9, dilation=2),
    Shape("groups 4", 8, 64, 64, 16384, 9, groups=4),
    Shape("depthwise", 1, 64, 64, 16000, 9, groups=64),
    Shape("same", 16, 16, 32, 4096, 5, padding="same"),
    Shape("reflect", 4, 32, 32, 8192, 3, padding=1, padding_mode="reflect"),
    Shape("filter bank", 1, 1, 16, 48000, 101),
    # long kernels, where choose_strategy takes the FFT
    Shape("long filter", 4, 1, 4, 48000, 255, padding="same"),
    Shape("long depthwise", 1, 16, 16, 16000, 127, groups=16, padding=63),
]
QUICK_SUITE = [
    Shape("base", 2, 8, 8, 512, 9),
    Shape("stride 2", 2, 8, 8, 512, 9, stride=2),
    Shape("depthwise", 1, 8, 8, 512, 9, groups=8),
    Shape("same", 2, 4, 8, 256, 4, padding="same"),
    Shape("reflect", 2, 4, 4, 256, 3, padding=1, padding_mode="reflect"),
    Shape("filter bank", 1, 1, 4, 2000, 101),
]


@dataclass(frozen=True)
class Options:
    quick: bool
    repeats: int
    settle_s: float = SETTLE_S


# ---------------------------------------------------------------- threads


def blas_threads() -> tuple[int, str]:
    """How many threads NumPy's BLAS uses, and how we know."""
    try:
        from threadpoolctl import threadpool_info  # type: ignore[import-not-found]
    except ImportError:
        pass
    else:
        for pool in threadpool_info():
            if pool.get("user_api") == "blas":
                return int(pool["num_threads"]), f"threadpoolctl ({pool.get('internal_api')})"
    for var in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS"):
        if os.environ.get(var, "").isdigit():
            return int(os.environ[var]), f"${var}"
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1
    return cores, "OpenBLAS default: one per available core (threadpoolctl not installed)"


def header() -> list[str]:
    """Versions, threads and the environment notes every section depends on."""
    import torch

    threads, source = blas_threads()
    torch.set_num_threads(threads)
    lines = [
        f"numpy {np.__version__}, torch {torch.__version__}, os.cpu_count() = {os.cpu_count()}",
        f"threads: numpy BLAS {threads} ({source}); torch.get_num_threads() = {torch.get_num_threads()} (set to match)",
    ]
    if hasattr(os, "getloadavg"):  # other processes on a shared box skew every time below
        lines.append(f"load average (1 min) at start: {os.getloadavg()[0]:.2f} on {os.cpu_count()} cores")
    stale = [v for v in ("OPENBLAS_CORETYPE", "OPENBLAS_L2_SIZE") if v in os.environ]
    if stale:
        lines.append(f"note: {', '.join(stale)} set: NumPy's BLAS runs slower kernels (see the module docstring)")
    return lines


# ---------------------------------------------------------------- timing


def interleaved_ms(
    fns: dict[str, Callable[[], Any]], repeats: int, settle_s: float = SETTLE_S
) -> tuple[dict[str, float], dict[str, Any]]:
    """Median milliseconds of each function, taking turns within every repeat; and each one's first result."""
    times: dict[str, list[float]] = {name: [] for name in fns}
    results = {}
    for name, fn in fns.items():  # warm-up: caches, BLAS threads, allocator
        start = time.perf_counter()
        results[name] = fn()
        if time.perf_counter() - start > SLOW_RUN_S:  # so slow that warming up changes nothing: that is its time
            times[name].append(time.perf_counter() - start)
    for r in range(repeats):
        # a fresh order every repeat (seeded, so runs compare): no function always follows the same one
        # (with a fixed order "auto", right after torch, ran 10–35 % slower than its strategy forced)
        for name in random.Random(r).sample(list(fns), len(fns)):
            fn = fns[name]
            if times[name] and times[name][0] > SLOW_RUN_S:
                continue
            time.sleep(settle_s)
            start = time.perf_counter()
            fn()
            times[name].append(time.perf_counter() - start)
    return {name: 1e3 * statistics.median(ts) for name, ts in times.items()}, results


def _torch_fn(shape: Shape, x: np.ndarray, w: np.ndarray, b: np.ndarray) -> Callable[[], Any]:
    """What ``nn.Conv1d.forward`` calls: ``F.conv1d``, after ``F.pad`` for the non-zeros modes."""
    import torch
    import torch.nn.functional as F  # noqa: N812 — torch's own idiom

    xt, wt, bt = torch.from_numpy(x), torch.from_numpy(w), torch.from_numpy(b)
    kw = shape.kwargs()
    mode = kw.pop("padding_mode")
    if mode == "zeros":
        return lambda: F.conv1d(xt, wt, bt, **kw)
    assert isinstance(shape.padding, int), "the suite pads non-zeros modes with an int"
    pads = (shape.padding, shape.padding)
    kw["padding"] = 0
    return lambda: F.conv1d(F.pad(xt, pads, mode=mode), wt, bt, **kw)


def _relative_error(got: np.ndarray, expected: np.ndarray) -> float:
    return float(np.max(np.abs(got - expected)) / max(float(np.max(np.abs(expected))), 1e-30))


# ---------------------------------------------------------------- sections


def conv1d_section(options: Options) -> None:
    """engine.conv1d against F.conv1d, per dtype: times, ratio, the chosen and the fastest strategy."""
    suite = QUICK_SUITE if options.quick else SUITE
    names = list(STRATEGIES)
    width = max(len(s.name) for s in suite)
    for dtype in (np.float64, np.float32):
        dname = np.dtype(dtype).name
        print(f"\nconv1d, {dname}: engine (auto) vs torch.nn.functional.conv1d, median ms of {options.repeats}")
        cols = "".join(f"{n:>14}" for n in names)
        title = f"{'shape':<{width}}  {'N×Cin×Cout×L×K':>20} {'torch':>9} {'engine':>9} {'ratio':>6}  {'chosen':<13}"
        print(f"{title}{cols}  {'fastest':<17} {'rel err':>7}")
        ratios = []
        for shape in suite:
            ratio = _conv1d_row(shape, dtype, names, width, options)
            ratios.append(ratio)
        geo = math.exp(statistics.fmean(math.log(r) for r in ratios))
        verdict = "meets" if geo <= TARGETS[dname] else "MISSES"
        print(f"geometric mean ratio {dname}: {geo:.2f} ({verdict} the target ≤ {TARGETS[dname]:.1f})")


def _conv1d_row(shape: Shape, dtype: Any, names: list[str], width: int, options: Options) -> float:
    """Time one shape, print its row, return the ratio engine / torch."""
    rng = np.random.default_rng(0)
    x = rng.standard_normal((shape.n, shape.c_in, shape.length)).astype(dtype)
    w = rng.standard_normal((shape.c_out, shape.c_in // shape.groups, shape.k)).astype(dtype)
    b = rng.standard_normal(shape.c_out).astype(dtype)
    kw = shape.kwargs()
    torch_fn = _torch_fn(shape, x, w, b)
    fns: dict[str, Callable[[], Any]] = {"torch": torch_fn, "auto": lambda: engine.conv1d(x, w, b, **kw)}
    for name in names:
        fns[name] = lambda name=name: engine.conv1d(x, w, b, strategy=name, **kw)  # type: ignore[misc]
    ms, results = interleaved_ms(fns, options.repeats, options.settle_s)
    expected = results["torch"].numpy()
    error = max(_relative_error(results[n], expected) for n in names)
    params = engine.conv_params(x, w, b, **kw)
    chosen = choose_strategy(params, shape.n, conv_geometry(params, shape.length).out_length)
    fastest = min(names, key=lambda n: ms[n])
    dims = f"{shape.n}×{shape.c_in}×{shape.c_out}×{shape.length}×{shape.k}"
    cells = "".join(f"{ms[n]:>13.2f}{'*' if n == fastest else ' '}" for n in names)
    ratio = ms["auto"] / ms["torch"]
    mark = "" if chosen == fastest else " (≠)"
    print(
        f"{shape.name:<{width}}  {dims:>20} {ms['torch']:>9.2f} {ms['auto']:>9.2f} {ratio:>6.2f}  {chosen:<13}"
        f"{cells}  {fastest + mark:<17} {error:>7.0e}"
    )
    return ratio


def app_section(options: Options) -> None:
    """Every page of the app: server time, payload, first render, rerun latency, a class at once (``bench_app``)."""
    from tests.perf import pages  # imported late: it imports this module's Options, and needs Playwright

    pages.app_section(options)


# The report, in order: (name for --only, section). A section is a function (Options) -> None printing its tables.
SECTIONS: dict[str, Callable[[Options], None]] = {"engine": conv1d_section, "app": app_section}


def main(argv: list[str] | None = None) -> None:
    """Print the header, then every section."""
    parser = argparse.ArgumentParser(prog="python -m tests.perf.engine", description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="small shapes, few repeats: a smoke run")
    parser.add_argument("--repeats", type=int, default=None, help="timed repeats per function (default 7, quick 2)")
    parser.add_argument("--only", choices=list(SECTIONS), help="one section: the engine against torch, or the app")
    args = parser.parse_args(argv)
    # a smoke run skips the pauses: its times are not meant to be read
    options = Options(args.quick, args.repeats or (2 if args.quick else 7), 0.0 if args.quick else SETTLE_S)
    print("\n".join(header()))
    # torch warns that "same" with an even kernel copies its input: true, and part of what is timed
    warnings.filterwarnings("ignore", "Using padding='same'", UserWarning)
    for name, section in SECTIONS.items():
        if args.only in (None, name):
            section(options)


if __name__ == "__main__":
    main()

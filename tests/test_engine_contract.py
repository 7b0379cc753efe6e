"""The engine's contract with torch at its edges: argument types, huge and negative values, NaN and inf.

DESIGN.md: ``engine.conv1d`` and ``engine.conv_transpose1d`` accept exactly the argument types
and values torch accepts, raise ``ConvVizError`` where torch raises and never another
exception for a value torch accepts. Hypothesis draws each argument from every kind a caller
might pass (Python and NumPy ints of several widths, bools, floats, 1-tuples, lists, strings,
int64's edges and beyond) and asks torch first. Where torch's own arithmetic wraps round
(int64 for Conv1d, int32 for ConvTranspose1d's stride and dilation) its answer is not a
convolution, and the engine refuses: those cases are asserted on their own (``_torch_wraps``). The
engine also refuses, with its memory message, a padded input and output larger than the machine's
memory, which torch's rules accept (``_beyond_memory`` checks the sizes from torch's own shapes).

Non-finite numbers: for every strategy, forced, a NaN or ±inf in x, w or b makes exactly the
cells torch's float64 makes non-finite, with the same kind (NaN, +inf, −inf). float32 is checked
against torch's float64 on the same numbers, because torch's float32 batches (oneDNN) skip the
taps that read zero padding, so there a NaN weight meets no zero and the cell stays finite:
torch disagrees with itself, and the engine keeps IEEE's NaN·0 = NaN, as float64 torch does.
"""

from __future__ import annotations

import math
import os
from typing import Any

import numpy as np
import pytest
import torch
import torch.nn.functional as F  # noqa: N812 — torch's own idiom
from hypothesis import given, settings
from hypothesis import strategies as st

from conv_viz import engine
from conv_viz.core import strategies
from conv_viz.core.geometry import conv_geometry
from conv_viz.core.params import INT32_MAX, INT64, PADDING_MODES, Conv1dParams
from conv_viz.core.strategies import STRATEGIES
from conv_viz.errors import ConvVizError
from tests.helpers import DTYPES, assert_close, engine_error, random_arrays, torch_conv1d

INT_TYPES = (int, np.int8, np.int16, np.int32, np.int64, np.uint8, np.uint16, np.uint32, np.uint64)
# beyond every allocator (so torch fails fast) and at int64's and int32's edges; never a few GB, which would run
HUGE = (2**31, 2**33, 2**62, INT64[1], INT64[1] + 1, 10**19, -(2**31), -(2**62), INT64[0], INT64[0] - 1)


def _int_of(value: int) -> st.SearchStrategy[Any]:
    """``value`` as each integer type that can hold it."""
    kinds = [t for t in INT_TYPES if t is int or np.iinfo(t).min <= value <= np.iinfo(t).max]
    return st.sampled_from(kinds).map(lambda t: t(value))


def argument(small: st.SearchStrategy[int]) -> st.SearchStrategy[Any]:
    """One integer argument of any kind a caller might pass, mostly near the valid range."""
    ints = small.flatmap(_int_of)
    return st.one_of(
        ints,
        ints.map(lambda v: (v,)),
        ints.map(lambda v: [v]),
        st.tuples(small, small),
        st.just(()),
        st.sampled_from([True, False, np.bool_(True), (True,), 2.0, np.float64(1.0), 1.5, "2", None]),
        st.sampled_from(HUGE).flatmap(_int_of),
    )


def _as_int(value: Any) -> int | None:
    """The int torch reads from ``value``, or None where it reads none (the test only needs the easy cases)."""
    if isinstance(value, tuple | list) and len(value) == 1:
        value = value[0]
    if isinstance(value, bool | np.bool_) or not isinstance(value, int | np.integer):
        return None
    return int(value)


def _torch_wraps(kw: dict[str, Any], kernel_size: int, length: int) -> bool:
    """Whether torch's int64 arithmetic wraps round: its span or padded length leaves int64."""
    d, p = _as_int(kw["dilation"]), _as_int(kw["padding"])
    if d is not None and d * (kernel_size - 1) + 1 > INT64[1]:
        return True
    return p is not None and not INT64[0] <= length + 2 * p <= INT64[1]


def _backend_limit(err: Exception) -> bool:
    """oneDNN, torch's float32 CPU kernel, failing to build itself for a legal call (found: stride 2**63 − 1 with
    padding and groups). torch's rules accept the call and its float64 kernel computes it, so the engine must
    compute it too, not refuse it."""
    return isinstance(err, RuntimeError) and "could not create a primitive descriptor" in str(err)


def _torch_accident(kw: dict[str, Any]) -> bool:
    """A padding sequence of several values with a non-zeros mode: ``nn.Conv1d`` hands it to ``F.pad`` unread,
    which takes ``(0, p)`` as "pad the channels by 0 and the length by p" and runs. F.conv1d and the zeros
    mode refuse such a padding; so does the engine, in every mode."""
    padding = kw["padding"]
    return kw["padding_mode"] != "zeros" and isinstance(padding, tuple | list) and len(padding) > 1


def _beyond_memory(x: np.ndarray, w: np.ndarray, kw: dict[str, Any]) -> bool:
    """Whether the padded input and torch's own output (its shape, from the meta device: nothing allocated) take
    more bytes than this machine has: the one case where the engine refuses what torch's rules accept."""
    pad = _as_int(kw["padding"]) or 0
    rows = int(np.prod(x.shape[:-1]))
    with torch.no_grad():
        module = torch.nn.Conv1d(
            w.shape[1] * _as_int(kw["groups"]), w.shape[0], w.shape[-1], bias=False, device="meta", **kw
        )
        out = module(torch.empty(x.shape, device="meta"))
    memory = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES")
    return 8 * (out.numel() + rows * (x.shape[-1] + 2 * pad)) > memory


@st.composite
def typed_conv(draw: st.DrawFn) -> dict[str, Any]:
    return {
        "batch": draw(st.sampled_from([None, 1, 2])),
        "in_channels": draw(st.sampled_from([1, 2, 4])),
        "out_channels": draw(st.sampled_from([2, 4])),
        "kernel_size": draw(st.integers(1, 3)),
        "length": draw(st.integers(1, 8)),
        "kw": {
            "stride": draw(argument(st.integers(-1, 3))),
            "padding": draw(st.one_of(argument(st.integers(-3, 3)), st.sampled_from(["same", "valid", "full"]))),
            "dilation": draw(argument(st.integers(-1, 3))),
            "groups": draw(st.one_of(st.integers(1, 2).flatmap(_int_of), argument(st.integers(0, 2)))),
            "padding_mode": draw(st.sampled_from(PADDING_MODES)),
        },
    }


@settings(max_examples=250)
@given(typed_conv(), st.integers(0, 2**32 - 1))
def test_conv1d_takes_what_torch_takes(cfg: dict[str, Any], seed: int) -> None:
    kw, k, length = cfg["kw"], cfg["kernel_size"], cfg["length"]
    groups = _as_int(kw["groups"]) if not isinstance(kw["groups"], tuple | list) else None
    per_group = cfg["in_channels"] // groups if groups and cfg["in_channels"] % groups == 0 else cfg["in_channels"]
    x_shape = (cfg["in_channels"], length) if cfg["batch"] is None else (cfg["batch"], cfg["in_channels"], length)
    for dtype in DTYPES:
        x, w, b = random_arrays(np.random.default_rng(seed), x_shape, (cfg["out_channels"], per_group, k), None, dtype)
        if _torch_wraps(kw, k, length) or _torch_accident(kw):
            assert engine_error(engine.conv1d, x, w, b, **kw) is not None, "not a convolution torch means: refuse"
            continue
        refused = engine_error(engine.conv1d, x, w, b, **kw)
        if refused is not None and refused.key == "too_big":
            assert _beyond_memory(x, w, kw), f"refused for memory, yet it fits: {refused}"
            continue  # torch may try it (and the machine with it); the engine says it cannot hold it
        try:
            expected = torch_conv1d(x, w, b, **kw)
        except Exception as err:  # torch's rule, whatever its exception type (TypeError, ValueError, RuntimeError)
            if not _backend_limit(err):
                assert engine_error(engine.conv1d, x, w, b, **kw) is not None, "torch raised, engine did not"
                continue
            wide = [None if a is None else a.astype(np.float64) for a in (x, w, b)]
            expected = torch_conv1d(*wide, **kw).astype(dtype)  # the same call, through torch's float64 kernel
        assert_close(engine.conv1d(x, w, b, **kw), expected, np.dtype(dtype))  # raising here is a bug


@st.composite
def typed_transposed(draw: st.DrawFn) -> dict[str, Any]:
    return {
        "batch": draw(st.sampled_from([None, 1, 2])),
        "in_channels": draw(st.sampled_from([2, 4])),
        "per_group_out": draw(st.integers(1, 2)),
        "kernel_size": draw(st.integers(1, 3)),
        "length": draw(st.integers(1, 6)),
        "kw": {
            "stride": draw(argument(st.integers(0, 3))),
            "padding": draw(argument(st.integers(-1, 2))),
            "output_padding": draw(argument(st.integers(-1, 2))),
            "groups": draw(st.one_of(st.integers(1, 2).flatmap(_int_of), argument(st.integers(0, 2)))),
            "dilation": draw(argument(st.integers(0, 3))),
        },
    }


def _transposed_outside_int32(kw: dict[str, Any]) -> bool:
    """Any integer argument beyond ±(2³¹ − 1). torch's ConvTranspose1d keeps stride and dilation in 32 bits and
    wraps or refuses larger ones, and near that edge its float32 batches can die of SIGFPE (stride 2³¹ − 1,
    batch 2, L=1), so torch is not asked; the engine refuses every such call (each is invalid or wrapped)."""
    return any((v := _as_int(value)) is not None and abs(v) > INT32_MAX for value in kw.values())


@settings(max_examples=200)
@given(typed_transposed(), st.integers(0, 2**32 - 1))
def test_conv_transpose1d_takes_what_torch_takes(cfg: dict[str, Any], seed: int) -> None:
    kw = cfg["kw"]
    groups = _as_int(kw["groups"]) if not isinstance(kw["groups"], tuple | list) else None
    x_shape: tuple[int, ...] = (cfg["in_channels"], cfg["length"])
    if cfg["batch"] is not None:
        x_shape = (cfg["batch"], *x_shape)
    w_shape = (cfg["in_channels"], cfg["per_group_out"], cfg["kernel_size"])
    out_channels = cfg["per_group_out"] * (groups if groups in (1, 2) else 1)
    torch_refused = False
    for dtype in DTYPES:  # float64 first: its verdict rules both dtypes (see test_engine's transposed sweep)
        x, w, b = random_arrays(np.random.default_rng(seed), x_shape, w_shape, out_channels, dtype)
        if _transposed_outside_int32(kw):
            assert engine_error(engine.conv_transpose1d, x, w, b, **kw) is not None
            continue
        try:
            if torch_refused:
                raise RuntimeError("refused in float64")
            xt, wt, bt = torch.from_numpy(x), torch.from_numpy(w), torch.from_numpy(b)
            expected = F.conv_transpose1d(xt, wt, bt, **kw).numpy()
        except Exception:
            torch_refused = True
            assert engine_error(engine.conv_transpose1d, x, w, b, **kw) is not None, "torch raised, engine did not"
            continue
        assert_close(engine.conv_transpose1d(x, w, b, **kw), expected, np.dtype(dtype))


# ---------------------------------------------------------------- the cases the issue named, one by one

X, W = np.arange(20.0).reshape(1, 2, 10), np.linspace(-1, 1, 18).reshape(3, 2, 3)


@pytest.mark.parametrize(
    "kw",
    [
        {"padding": np.int64(1)},
        {"dilation": np.int64(2)},
        {"stride": (2,)},
        {"stride": [np.int32(2)], "padding": (np.uint8(1),)},
        {"groups": np.int64(1)},
        {"stride": INT64[1]},  # one window: torch accepts any int64 stride
        {"stride": 2**40, "padding": 1},
        *[{"padding": p, "padding_mode": m} for p in (-1, -3, np.int64(-2), (-1,)) for m in PADDING_MODES[1:]],
    ],
    ids=repr,
)
def test_torch_accepts_so_does_the_engine(kw: dict[str, Any]) -> None:
    assert_close(engine.conv1d(X, W, **kw), torch_conv1d(X, W, **kw), np.dtype(np.float64))


@pytest.mark.parametrize(
    ("kw", "key"),
    [
        ({"stride": True}, "arg_type"),
        ({"padding": False}, "arg_type"),
        ({"dilation": 2.0}, "arg_type"),
        ({"groups": (1,)}, "arg_type"),
        ({"stride": (2, 2)}, "arg_length"),
        ({"padding": 10**19}, "arg_int64"),
        ({"stride": 10**19}, "arg_int64"),
        ({"padding": 2**33, "padding_mode": "replicate"}, "too_big"),
        ({"padding": -1}, "padding_negative"),
        ({"padding": -4, "padding_mode": "reflect"}, "kernel_too_big"),
    ],
    ids=repr,
)
def test_torch_refuses_so_does_the_engine(kw: dict[str, Any], key: str) -> None:
    with pytest.raises(ConvVizError) as info:
        engine.conv1d(X, W, **kw)
    assert info.value.key == key
    assert info.value.message("zh") != str(info.value)
    with pytest.raises(Exception):  # noqa: B017, PT011 — TypeError, ValueError or RuntimeError, as torch likes
        torch_conv1d(X, W, **kw)


def test_transposed_takes_numpy_ints_and_one_tuples() -> None:
    x, w = np.arange(6.0).reshape(1, 2, 3), np.linspace(-1, 1, 12).reshape(2, 2, 3)
    kw: dict[str, Any] = {"stride": (np.int64(2),), "padding": [1], "output_padding": np.uint8(1), "dilation": 1}
    expected = F.conv_transpose1d(torch.from_numpy(x), torch.from_numpy(w), **kw).numpy()
    groups: Any = np.int32(1)
    assert_close(engine.conv_transpose1d(x, w, None, groups=groups, **kw), expected, np.dtype(np.float64))
    with pytest.raises(ConvVizError, match="32-bit"):
        engine.conv_transpose1d(x, w, stride=2**31)


def test_a_float_stride_does_not_poison_the_geometry_cache() -> None:
    conv_geometry.cache_clear()
    two: Any = 2.0  # equal to 2 and hashed like it: before, it left a float geometry in the cache for stride=2
    with pytest.raises(ConvVizError):
        engine.conv1d(X, W, stride=two)
    with pytest.raises(ConvVizError):
        Conv1dParams(stride=two)
    assert_close(engine.conv1d(X, W, stride=2), torch_conv1d(X, W, stride=2), np.dtype(np.float64))
    stride: Any = np.int64(2)
    padding: Any = (np.uint8(1),)
    normalised = Conv1dParams(stride=stride, padding=padding)
    assert (type(normalised.stride), type(normalised.padding)) == (int, int)


# ---------------------------------------------------------------- NaN and inf, every strategy


@st.composite
def non_finite_cases(draw: st.DrawFn) -> dict[str, Any]:
    """A valid configuration and one to three NaN/±inf placed anywhere in x, w or b."""
    groups = draw(st.sampled_from([1, 2]))
    in_channels = groups * draw(st.integers(1, 2))
    out_channels = groups * draw(st.integers(1, 2))
    k = draw(st.integers(1, 9))
    dilation = draw(st.integers(1, 2))
    mode = draw(st.sampled_from(PADDING_MODES))
    length = draw(st.integers(max(dilation * (k - 1) + 1, 3), 24))
    padding = draw(st.one_of(st.integers(0, 2), st.just("same")))
    stride = 1 if padding == "same" else draw(st.integers(1, 3))
    bias = draw(st.booleans())
    arrays = ["x", "w", "b"] if bias else ["x", "w"]
    specials = draw(
        st.lists(
            st.tuples(st.sampled_from(arrays), st.integers(0, 10**6), st.sampled_from([math.nan, math.inf, -math.inf])),
            min_size=1,
            max_size=3,
        )
    )
    return {
        "shape": (draw(st.integers(1, 3)), in_channels, out_channels, length, k, bias),
        "kw": {"stride": stride, "padding": padding, "dilation": dilation, "groups": groups, "padding_mode": mode},
        "specials": specials,
        "zeros": draw(st.booleans()),  # a run of real zeros in x as well
    }


def _kinds(y: np.ndarray) -> np.ndarray:
    """0 finite, 1 NaN, 2 +inf, 3 −inf."""
    return np.select([np.isnan(y), np.isposinf(y), np.isneginf(y)], [1, 2, 3], 0)


@settings(max_examples=60)  # each example runs 5 strategies × 2 dtypes
@given(non_finite_cases(), st.integers(0, 2**32 - 1))
def test_nan_and_inf_land_where_torch_puts_them(case: dict[str, Any], seed: int) -> None:
    n, c_in, c_out, length, k, bias = case["shape"]
    kw = case["kw"]
    for dtype in DTYPES:
        x, w, b = random_arrays(
            np.random.default_rng(seed),
            (n, c_in, length),
            (c_out, c_in // kw["groups"], k),
            c_out if bias else None,
            dtype,
        )
        if case["zeros"]:
            x[..., length // 3 : 2 * length // 3] = 0
        arrays = {"x": x, "w": w, "b": b}
        for name, index, value in case["specials"]:
            a = arrays[name]
            assert a is not None
            a.flat[index % a.size] = value
        b64 = None if b is None else b.astype(np.float64)
        expected = torch_conv1d(x.astype(np.float64), w.astype(np.float64), b64, **kw)  # float64: see the docstring
        for strategy in [None, *STRATEGIES]:
            got = engine.conv1d(x, w, b, strategy=strategy, **kw)
            assert got.dtype == dtype
            np.testing.assert_array_equal(_kinds(got), _kinds(expected), err_msg=f"strategy {strategy}")
            finite = _kinds(expected) == 0
            tol = 1e-10 if dtype == np.float64 else 1e-5
            np.testing.assert_allclose(got[finite], expected[finite], rtol=tol, atol=tol)


# ---------------------------------------------------------------- the FFT is exact where a direct sum is


def _term_magnitude(x: np.ndarray, w: np.ndarray, **kw: Any) -> np.ndarray:
    """Σ|terms| of each output cell, in float64: the scale of any honest rounding error."""
    return engine.conv1d(np.abs(x).astype(np.float64), np.abs(w).astype(np.float64), strategy="im2col", **kw)


@pytest.mark.parametrize("dtype", DTYPES, ids=lambda d: np.dtype(d).name)
@pytest.mark.parametrize(
    ("shape", "kw"),
    [
        ((2, 1, 3, 200, 60), {"padding": 70}),  # cells reading only zero padding at both ends
        ((1, 2, 2, 150, 49), {"padding": "same", "dilation": 2, "groups": 2}),
        ((1, 1, 2, 300, 100), {"padding": 100, "stride": 3}),
        ((2, 4, 4, 257, 50), {"padding": 30, "groups": 4, "padding_mode": "zeros"}),
    ],
    ids=["padding_only_cells", "same_dilated_depthwise", "strided", "depthwise"],
)
def test_fft_is_exact_where_the_direct_sum_is(
    shape: tuple[int, ...], kw: dict[str, Any], dtype: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Cells whose terms are all zero are exactly the bias; every cell is within float32's rounding of its own terms."""
    monkeypatch.setattr(strategies, "_FFT_BLOCK", 64)  # several blocks even on these short inputs
    n, c_in, c_out, length, k = shape
    rng = np.random.default_rng(7)
    x = rng.standard_normal((n, c_in, length)).astype(dtype)
    x[..., length // 2 : length // 2 + 2 * k] = 0  # real zeros: a run wider than a window
    w = rng.standard_normal((c_out, c_in // kw.get("groups", 1), k)).astype(dtype)
    w[..., :3] = 0  # leading zero taps: zeros there meet nothing
    b = rng.standard_normal(c_out).astype(dtype)
    params = engine.conv_params(x, w, b, **kw)
    assert strategies.choose_strategy(params, n, params.output_length(length)) == "fft"  # the shape the app sends there
    got = engine.conv1d(x, w, b, strategy="fft", **kw)
    direct = engine.conv1d(x, w, b, strategy="im2col", **kw)
    magnitude = _term_magnitude(x, w, **kw)
    zero = magnitude == 0
    assert zero.any()
    np.testing.assert_array_equal(got[zero], np.broadcast_to(b[:, None], got.shape)[zero])
    np.testing.assert_array_equal(got[zero], direct[zero])
    if dtype == np.float32:  # float32's own bound per cell: a few ulps of its Σ|terms|, not of the block's largest
        exact = engine.conv1d(x.astype(np.float64), w.astype(np.float64), strategy="im2col", **kw) + b[:, None]
        assert np.all(np.abs(got - exact) <= 4 * np.finfo(dtype).eps * (magnitude + np.abs(b)[:, None]))
    assert_close(got, torch_conv1d(x, w, b, **kw), np.dtype(dtype))


def test_a_call_torch_float32_kernel_cannot_build_is_computed_as_its_float64_kernel_does() -> None:
    """The case the property above found: oneDNN refuses it in float32 only; torch's rules and float64 accept it."""
    kw = {"stride": 2**63 - 1, "padding": 1, "groups": 2}
    x, w, _ = random_arrays(np.random.default_rng(0), (2, 1), (2, 1, 1), None, "float32")
    expected = torch_conv1d(x.astype(np.float64), w.astype(np.float64), None, **kw).astype(np.float32)
    assert_close(engine.conv1d(x, w, None, **kw), expected, np.dtype(np.float32))

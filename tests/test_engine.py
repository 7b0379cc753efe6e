"""engine.conv1d / conv_transpose1d against torch: a table of cases, then Hypothesis sweeps.

The sweeps draw valid and invalid configurations alike: where torch accepts one the
engine must agree with it number for number (both dtypes), where torch raises the
engine must raise ``ConvVizError``, and the other way round. One deliberate app
rule is the only exception, asserted on its own (see ``_app_rule``). Argument types,
huge values and NaN/inf: ``tests/test_engine_contract.py``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conv_viz import engine
from conv_viz.core import strategies
from conv_viz.core.params import PADDING_MODES
from conv_viz.core.strategies import STRATEGIES
from conv_viz.errors import ConvVizError
from tests.helpers import (
    DTYPES,
    assert_close,
    assert_matches_torch,
    assert_transposed_matches_torch,
    engine_error,
    random_arrays,
    torch_conv1d,
    torch_conv_transpose1d,
)


@dataclass(frozen=True)
class Case:
    """One Conv1d configuration: ``batch=None`` means unbatched (C_in, L) input."""

    id: str
    batch: int | None
    in_channels: int
    out_channels: int
    length: int
    kernel_size: int
    bias: bool = True
    kwargs: dict[str, Any] = field(default_factory=dict)


def _case(id: str, n: int | None, c_in: int, c_out: int, length: int, k: int, bias: bool = True, **kw: Any) -> Case:
    return Case(id, n, c_in, c_out, length, k, bias, kw)


TABLE = [
    _case("basic", 2, 3, 4, 10, 3),
    _case("unbatched", None, 3, 2, 9, 3),
    _case("unbatched_no_bias_reflect", None, 2, 2, 6, 3, bias=False, padding=2, padding_mode="reflect"),
    _case("batch_of_one", 1, 1, 1, 16, 3),
    _case("no_bias", 2, 3, 4, 10, 3, bias=False),
    _case("kernel_size_1", 2, 3, 5, 7, 1),
    _case("kernel_is_padded_length", 2, 2, 3, 5, 7, padding=1),
    _case("kernel_is_length_valid", 1, 2, 2, 6, 6, padding="valid"),
    _case("int_padding", 2, 2, 3, 8, 3, padding=2),
    _case("padding_beyond_kernel", 1, 2, 2, 4, 2, padding=5),
    *[_case(f"mode_{m}", 2, 2, 3, 9, 3, padding=2, padding_mode=m) for m in PADDING_MODES],
    *[
        _case(f"mode_{m}_widest", 1, 2, 2, 4, 3, padding=3 if m == "reflect" else 4, padding_mode=m)
        for m in PADDING_MODES
    ],
    _case("same_odd_kernel", 2, 3, 2, 9, 3, padding="same"),
    _case("same_even_kernel_extra_right", 2, 2, 3, 9, 4, padding="same"),
    _case("same_even_kernel_dilation_3_extra_right", 1, 2, 2, 11, 4, padding="same", dilation=3),
    _case("same_even_kernel_dilation_2_symmetric", 1, 2, 2, 8, 2, padding="same", dilation=2),
    _case("same_reflect_even_kernel", 2, 2, 2, 7, 4, padding="same", padding_mode="reflect"),
    _case("same_circular_dilated", 1, 2, 3, 9, 3, padding="same", padding_mode="circular", dilation=2),
    _case("same_replicate_long_kernel", 1, 1, 2, 5, 8, padding="same", padding_mode="replicate"),
    _case("valid", 2, 3, 3, 10, 4, padding="valid"),
    _case("groups_2", 2, 4, 6, 10, 3, groups=2),
    _case("groups_3_padded", 1, 6, 3, 8, 2, padding=1, groups=3),
    _case("depthwise", 2, 4, 4, 12, 3, groups=4),
    _case("depthwise_multiplier_2", 2, 3, 6, 12, 3, padding=1, groups=3),
    _case("depthwise_multiplier_3_reflect", 1, 2, 6, 9, 5, padding=2, padding_mode="reflect", groups=2),
    _case("stride_2", 2, 2, 3, 11, 3, stride=2),
    _case("stride_3_dilation_2", 2, 3, 2, 20, 3, stride=3, dilation=2, padding=1),
    _case("stride_beyond_kernel", 1, 2, 2, 13, 2, stride=4),
    _case("dilation_3", 1, 2, 3, 16, 3, dilation=3),
    _case("stride_2_replicate", 2, 2, 2, 10, 4, stride=2, padding=1, padding_mode="replicate"),
    _case("stride_2_circular_groups", 1, 4, 4, 10, 3, stride=2, padding=2, padding_mode="circular", groups=2),
    _case("causal", 2, 2, 3, 8, 3, causal=True),
    _case("causal_dilated", 1, 2, 2, 9, 3, causal=True, dilation=2),
    _case("causal_reflect", 1, 2, 2, 6, 3, causal=True, padding_mode="reflect"),
    _case("causal_replicate_strided", 2, 2, 2, 9, 4, causal=True, padding_mode="replicate", stride=2),
    _case("causal_circular_valid", 1, 2, 2, 5, 3, causal=True, padding="valid", padding_mode="circular"),
    _case("long_kernel", 1, 1, 3, 90, 60, padding=4),
    _case("wide_batch", 5, 8, 8, 33, 5, padding=2),
]


def _arrays(case: Case, dtype: Any, seed: int = 0) -> tuple[np.ndarray, np.ndarray, np.ndarray | None]:
    groups = case.kwargs.get("groups", 1)
    x_shape = (case.in_channels, case.length) if case.batch is None else (case.batch, case.in_channels, case.length)
    w_shape = (case.out_channels, case.in_channels // groups, case.kernel_size)
    return random_arrays(np.random.default_rng(seed), x_shape, w_shape, case.out_channels if case.bias else None, dtype)


@pytest.mark.parametrize("dtype", DTYPES, ids=lambda d: np.dtype(d).name)
@pytest.mark.parametrize("strategy", [None, *STRATEGIES], ids=lambda s: s or "auto")
@pytest.mark.parametrize("case", TABLE, ids=lambda c: c.id)
def test_table_matches_torch(case: Case, strategy: str | None, dtype: Any) -> None:
    x, w, b = _arrays(case, dtype)
    assert_matches_torch(x, w, b, strategy=strategy, **case.kwargs)


def test_input_is_not_modified_and_may_be_non_contiguous() -> None:
    rng = np.random.default_rng(1)
    x = rng.standard_normal((3, 9, 2)).transpose(0, 2, 1)  # (N, C, L) view of (N, L, C) data
    w = rng.standard_normal((4, 2, 3))
    before = x.copy()
    for strategy in STRATEGIES:
        assert_matches_torch(x, w, None, strategy=strategy, padding=1, padding_mode="reflect")
    np.testing.assert_array_equal(x, before)


TILING_CASES = [
    _case("tiles_split_columns", 3, 4, 6, 50, 3, padding=1),
    _case("tiles_strided_dilated_groups", 2, 4, 4, 61, 4, stride=3, dilation=2, groups=2, padding=2),
    _case("tiles_of_several_items", 7, 2, 3, 6, 2),
    _case("fft_many_blocks", 3, 2, 3, 70, 9, dilation=2, padding="same", padding_mode="circular"),
    _case("fft_strided_blocks", 2, 3, 3, 77, 6, stride=2, groups=3),
]


@pytest.mark.parametrize("dtype", DTYPES, ids=lambda d: np.dtype(d).name)
@pytest.mark.parametrize("strategy", list(STRATEGIES))
@pytest.mark.parametrize("case", TILING_CASES, ids=lambda c: c.id)
def test_tile_and_block_edges(case: Case, strategy: str, dtype: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    """Tiny tiles and FFT blocks, so every boundary (partial tiles, item chunks, overlap) is crossed."""
    monkeypatch.setattr(strategies, "_TILE_BYTES", 96 * np.dtype(dtype).itemsize)
    monkeypatch.setattr(strategies, "_FFT_BLOCK", 8)
    monkeypatch.setattr(strategies, "_FFT_BYTES", 4096)
    x, w, b = _arrays(case, dtype)
    assert_matches_torch(x, w, b, strategy=strategy, **case.kwargs)


def test_empty_batch_gives_empty_output() -> None:
    w = np.ones((3, 2, 2))
    for strategy in STRATEGIES:
        assert engine.conv1d(np.zeros((0, 2, 5)), w, strategy=strategy).shape == (0, 3, 4)
    assert engine.conv_transpose1d(np.zeros((0, 3, 5)), w).shape == (0, 2, 6)


# ---------------------------------------------------------------- Hypothesis sweeps


def _app_rule(kw: dict[str, Any], causal: bool) -> str | None:
    """Inputs torch accepts but the app rejects on purpose; the key the engine must raise."""
    if causal and kw["padding"] not in (0, "valid"):
        return "causal_padding"  # causal already pads; torch has no causal flag to compare with
    return None


@st.composite
def conv_configs(draw: st.DrawFn) -> dict[str, Any]:
    """A small Conv1d configuration, often invalid: zero strides, non-dividing groups, too-short inputs."""
    groups = draw(st.integers(0, 3))
    in_channels = draw(st.integers(1, 4)) * (max(groups, 1) if draw(st.booleans()) else 1)
    out_channels = draw(st.integers(1, 3)) * (max(groups, 1) if draw(st.booleans()) else 1)
    return {
        "batch": draw(st.sampled_from([None, 0, 1, 2])),
        "in_channels": in_channels,
        "out_channels": out_channels,
        "kernel_size": draw(st.integers(0, 5)),
        "length": draw(st.integers(0, 9)),
        "bias": draw(st.booleans()),
        "causal": draw(st.booleans()),
        "strategy": draw(st.sampled_from([None, *STRATEGIES])),
        "kw": {
            "stride": draw(st.integers(0, 3)),
            "padding": draw(st.one_of(st.integers(-2, 4), st.sampled_from(["same", "valid", "full"]))),
            "dilation": draw(st.integers(0, 3)),
            "groups": groups,
            "padding_mode": draw(st.sampled_from([*PADDING_MODES, "mirror"])),
        },
    }


@settings(max_examples=300)
@given(conv_configs(), st.integers(0, 2**32 - 1))
def test_sweep_agrees_with_torch(cfg: dict[str, Any], seed: int) -> None:
    kw, causal = cfg["kw"], cfg["causal"]
    per_group = max(1, cfg["in_channels"] // max(kw["groups"], 1))
    x_shape = (cfg["in_channels"], cfg["length"])
    if cfg["batch"] is not None:
        x_shape = (cfg["batch"], *x_shape)
    w_shape = (cfg["out_channels"], per_group, cfg["kernel_size"])
    for dtype in DTYPES:
        x, w, b = random_arrays(
            np.random.default_rng(seed), x_shape, w_shape, cfg["out_channels"] if cfg["bias"] else None, dtype
        )
        app_rule = _app_rule(kw, causal)
        if app_rule is not None:
            with pytest.raises(ConvVizError):  # this key, unless a rule checked earlier broke too
                engine.conv1d(x, w, b, causal=causal, **kw)
            continue
        try:
            expected = torch_conv1d(x, w, b, causal=causal, **kw)
        except Exception:  # torch's rule, whatever its exception type: the engine must refuse too
            assert engine_error(engine.conv1d, x, w, b, causal=causal, **kw) is not None, "torch raised, engine did not"
            continue
        if cfg["batch"] == 0 and engine_error(engine.conv1d, x, w, b, causal=causal, **kw):
            continue  # torch returns an empty batch before checking some rules; the engine checks them anyway
        got = engine.conv1d(x, w, b, causal=causal, strategy=cfg["strategy"], **kw)  # raising here is a bug
        assert_close(got, expected, np.dtype(dtype))


@st.composite
def transposed_configs(draw: st.DrawFn) -> dict[str, Any]:
    """A small ConvTranspose1d configuration, often invalid (output_padding too big, output too short...)."""
    groups = draw(st.integers(0, 3))
    in_channels = draw(st.integers(1, 3)) * (max(groups, 1) if draw(st.booleans()) else 1)
    return {
        "batch": draw(st.sampled_from([None, 0, 1, 2])),
        "in_channels": in_channels,
        "per_group_out": draw(st.integers(1, 3)),
        "kernel_size": draw(st.integers(0, 4)),
        "length": draw(st.integers(0, 6)),
        "bias": draw(st.booleans()),
        "kw": {
            "stride": draw(st.integers(0, 3)),
            "padding": draw(st.integers(-1, 3)),
            "output_padding": draw(st.integers(-1, 3)),
            "groups": groups,
            "dilation": draw(st.integers(0, 3)),
        },
    }


@settings(max_examples=300)
@given(transposed_configs(), st.integers(0, 2**32 - 1))
def test_transposed_sweep_agrees_with_torch(cfg: dict[str, Any], seed: int) -> None:
    kw = cfg["kw"]
    x_shape = (cfg["in_channels"], cfg["length"])
    if cfg["batch"] is not None:
        x_shape = (cfg["batch"], *x_shape)
    w_shape = (cfg["in_channels"], cfg["per_group_out"], cfg["kernel_size"])
    out_channels = cfg["per_group_out"] * max(kw["groups"], 1)
    torch_refused = False
    for dtype in DTYPES:  # float64 first: its verdict rules both dtypes
        x, w, b = random_arrays(
            np.random.default_rng(seed), x_shape, w_shape, out_channels if cfg["bias"] else None, dtype
        )
        try:
            # torch's float32 batches (oneDNN) skip the dilation and output-size checks the float64 path makes
            if torch_refused:
                raise RuntimeError("refused in float64")
            expected = torch_conv_transpose1d(x, w, b, **kw)
        except Exception:
            torch_refused = True
            assert engine_error(engine.conv_transpose1d, x, w, b, **kw) is not None, "torch raised, engine did not"
            continue
        if cfg["batch"] == 0 and engine_error(engine.conv_transpose1d, x, w, b, **kw):
            continue  # torch returns an empty batch before checking its rules; the engine checks them anyway
        assert_close(engine.conv_transpose1d(x, w, b, **kw), expected, np.dtype(dtype))


TRANSPOSED_TABLE = [
    # (batch, in, out, length, K, kwargs)
    (2, 4, 6, 7, 3, {"stride": 2, "padding": 1, "output_padding": 1, "groups": 2}),
    (1, 3, 3, 5, 4, {"stride": 3, "output_padding": 2, "groups": 3, "dilation": 2}),
    (None, 2, 4, 6, 1, {}),
    (1, 2, 2, 9, 5, {"stride": 2, "padding": 3, "output_padding": 1, "dilation": 3}),
    (2, 2, 2, 4, 3, {"stride": 1, "output_padding": 1, "dilation": 2}),  # output_padding < dilation suffices
]


@pytest.mark.parametrize("dtype", DTYPES, ids=lambda d: np.dtype(d).name)
@pytest.mark.parametrize(("batch", "c_in", "c_out", "length", "k", "kw"), TRANSPOSED_TABLE)
def test_transposed_table(batch: int | None, c_in: int, c_out: int, length: int, k: int, kw: dict, dtype: Any) -> None:
    x_shape = (c_in, length) if batch is None else (batch, c_in, length)
    x, w, b = random_arrays(np.random.default_rng(3), x_shape, (c_in, c_out // kw.get("groups", 1), k), c_out, dtype)
    assert_transposed_matches_torch(x, w, b, **kw)
    assert_transposed_matches_torch(x, w, None, **kw)

"""reference.py against torch written out by hand, and the engine against reference.

Like micrograd's tests: the same computation twice, once through the code under
test and once in plain torch, compared with an explicit tolerance (or bit for
bit where torch's own numbers are copied).
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from conv_viz import data, engine, reference
from conv_viz.core.params import Conv1dParams, ConvTranspose1dParams
from conv_viz.errors import ConvVizError
from tests.helpers import seeded_layer

torch = pytest.importorskip("torch")
pytestmark = pytest.mark.filterwarnings(
    "ignore:Using padding=.same. with even kernel lengths:UserWarning"
)  # torch perf note
F = torch.nn.functional


def notebook(params: Conv1dParams, batch: int, length: int, seed: int) -> tuple[np.ndarray, Any]:
    """What a student types (``seeded_layer``) for ``batch`` inputs of ``length`` cells; x as NumPy."""
    x, conv = seeded_layer(params, (batch, params.in_channels, length), seed)
    return x.numpy(), conv


def engine_output(params: Conv1dParams, d: data.ConvData) -> np.ndarray:
    return engine.apply(params, d.x, d.weight, d.bias)


# ---------------------------------------------------------------- seeded data, bit for bit

EXAMPLE_2 = (Conv1dParams(2, 2, 3, bias=False), 2, 5, 666)  # EXAMPLES.md #2
SEEDED_CASES = [
    EXAMPLE_2,
    (Conv1dParams(2, 3, 5), 4, 6, 0),  # EXAMPLES.md #3
    (Conv1dParams(16, 33, 3, stride=2), 20, 50, 1),  # EXAMPLES.md #4
    (Conv1dParams(1, 1, 3), 1, 10, 42),
    (Conv1dParams(4, 8, 3, groups=4, padding="same", padding_mode="reflect"), 3, 12, 7),
    (Conv1dParams(6, 4, 4, groups=2, padding="same", padding_mode="circular", dilation=2), 2, 9, 123),
    (Conv1dParams(3, 3, 5, padding=2, padding_mode="replicate", bias=False), 1, 8, 2**40),
    (Conv1dParams(2, 4, 3, dilation=3, causal=True), 2, 16, 9),
    (Conv1dParams(2, 2, 3, causal=True, padding_mode="reflect"), 1, 7, 3),
]


@pytest.mark.parametrize(("params", "batch", "length", "seed"), SEEDED_CASES, ids=str)
def test_seeded_is_torch_bit_for_bit(params: Conv1dParams, batch: int, length: int, seed: int) -> None:
    d = data.seeded(params, batch, length, seed)
    x, conv = notebook(params, batch, length, seed)
    assert d.source == "torch"
    assert d.x.dtype == d.weight.dtype == np.float32
    np.testing.assert_array_equal(d.x, x)
    np.testing.assert_array_equal(d.weight, conv.weight.detach().numpy())
    if params.bias:
        assert d.bias is not None
        np.testing.assert_array_equal(d.bias, conv.bias.detach().numpy())
    else:
        assert d.bias is None


def test_example_2_first_output_by_hand() -> None:
    """EXAMPLES.md #2: y[0, 0, 0] = sum(x[0, :, 0:3] * weight[0]), checked with NumPy."""
    params, batch, length, seed = EXAMPLE_2
    d = data.seeded(params, batch, length, seed)
    y = reference.run_torch(d.x, d.weight, d.bias, params).output
    assert y.shape == (2, 2, 3)
    by_hand = np.sum(d.x[0, :, 0:3].astype(np.float64) * d.weight[0])
    assert y[0, 0, 0] == pytest.approx(by_hand, abs=1e-6)


# Constructor arguments that must not change what the init draws: only shapes use the generator.
SHAPE_ONLY = [
    {"stride": 3},
    {"padding": 4},
    {"padding": "same"},
    {"padding": "valid"},
    {"dilation": 5},
    {"padding_mode": "reflect", "padding": 1},
    {"padding_mode": "circular", "padding": "same"},
    {"padding_mode": "replicate"},
]


@pytest.mark.parametrize("kwargs", SHAPE_ONLY, ids=str)
@pytest.mark.parametrize("bias", [True, False])
def test_init_draws_depend_only_on_shapes(kwargs: dict[str, object], bias: bool) -> None:
    torch.manual_seed(5)
    plain = torch.nn.Conv1d(4, 6, 3, groups=2, bias=bias)
    after_plain = torch.randn(3)
    torch.manual_seed(5)
    other = torch.nn.Conv1d(4, 6, 3, groups=2, bias=bias, **kwargs)
    after_other = torch.randn(3)
    assert torch.equal(plain.weight, other.weight)
    assert torch.equal(after_plain, after_other)  # the same amount of the generator used


def test_random_input_preset_is_torch_randn() -> None:
    torch.manual_seed(11)
    expected = torch.randn(3, 4, 9).double().numpy()
    np.testing.assert_array_equal(data.input_preset("random", 3, 4, 9, seed=11), expected)


@pytest.mark.parametrize("weights", list(data.KERNELS))
def test_random_input_with_kernel_weights_is_still_torch_randn(weights: str) -> None:
    params = Conv1dParams(2, 2, 3)
    d = data.make_data(params, 2, 8, 4, "random", weights)
    x, _ = notebook(params, 2, 8, 4)
    np.testing.assert_array_equal(d.x, x)
    assert (d.x_seeded, d.weight_seeded, d.source) == (True, False, "torch")


def test_random_weights_with_a_preset_input_are_the_notebooks() -> None:
    params = Conv1dParams(3, 2, 4)
    d = data.make_data(params, 2, 10, 8, "ramp", "random")
    _, conv = notebook(params, 2, 10, 8)
    np.testing.assert_array_equal(d.weight, conv.weight.detach().numpy())
    np.testing.assert_array_equal(d.x, data.ramp(2, 3, 10).astype(np.float32))


def test_seeding_leaves_the_global_generator_alone() -> None:
    """Other sessions of the server share torch's generator: a seeded draw must not move it."""
    torch.manual_seed(99)
    state = torch.get_rng_state()
    data.seeded(Conv1dParams(2, 2, 3), 2, 5, 666)
    data.input_preset("random", 1, 1, 4, seed=1)
    reference.run_torch(np.ones((1, 1, 4)), np.ones((1, 1, 3)), None, Conv1dParams(bias=False))
    assert torch.equal(torch.get_rng_state(), state)


# ---------------------------------------------------------------- run_torch vs torch by hand


def by_hand(x: np.ndarray, w: np.ndarray, b: np.ndarray | None, p: Conv1dParams) -> np.ndarray:
    """torch.nn.functional written out: explicit F.pad, then F.conv1d with no padding."""
    left, right = p.pads()
    mode = "constant" if p.padding_mode == "zeros" else p.padding_mode
    xt = F.pad(torch.from_numpy(x), (left, right), mode=mode)
    bt = None if b is None else torch.from_numpy(b)
    y: np.ndarray = F.conv1d(xt, torch.from_numpy(w), bt, p.stride, 0, p.dilation, p.groups).numpy()
    return y


MODES = ["zeros", "reflect", "replicate", "circular"]
RUN_CASES = [
    *(Conv1dParams(2, 4, 3, padding=1, padding_mode=m) for m in MODES),
    *(Conv1dParams(2, 2, 4, padding="same", padding_mode=m) for m in MODES),  # odd total: extra cell on the right
    *(Conv1dParams(2, 2, 3, dilation=2, causal=True, padding_mode=m) for m in MODES),
    *(Conv1dParams(4, 6, 5, stride=2, padding=2, dilation=2, groups=2, padding_mode=m) for m in MODES),
    Conv1dParams(4, 4, 3, groups=4, padding="valid", bias=False),
    Conv1dParams(3, 3, 2, causal=True, padding="valid"),
]


@pytest.mark.parametrize("params", RUN_CASES, ids=str)
@pytest.mark.parametrize("dtype", [np.float64, np.float32])
def test_run_torch_matches_torch_by_hand_and_the_engine(params: Conv1dParams, dtype: type[np.floating[Any]]) -> None:
    d = data.make_data(params, 2, 11, 0, "noisy_sine", "gaussian")
    rng = np.random.default_rng(1)
    x: np.ndarray = d.x.astype(dtype)
    w: np.ndarray = rng.uniform(-1, 1, params.weight_shape).astype(dtype)
    b: np.ndarray | None = rng.uniform(-1, 1, params.out_channels).astype(dtype) if params.bias else None
    y_engine = engine.apply(params, x, w, b)
    result = reference.run_torch(x, w, b, params, expected=y_engine)
    assert result.output.dtype == dtype
    np.testing.assert_allclose(result.output, by_hand(x, w, b, params), rtol=1e-6 if dtype == np.float32 else 1e-13)
    assert result.allclose, result.max_abs_diff
    assert result.max_abs_diff is not None
    assert (result.rtol, result.atol) == reference.TOLERANCES[np.dtype(dtype).name]


def test_run_torch_reports_a_mismatch() -> None:
    params = Conv1dParams(1, 1, 3)
    d = data.make_data(params, 1, 8, 0, "ramp", "moving_average")
    good = engine_output(params, d)
    bad = good.copy()
    bad[0, 0, 2] += 1e-6
    assert reference.run_torch(d.x, d.weight, d.bias, params, good).allclose
    result = reference.run_torch(d.x, d.weight, d.bias, params, bad)
    assert not result.allclose
    assert result.max_abs_diff == pytest.approx(1e-6, rel=1e-3)
    wrong_shape = reference.run_torch(d.x, d.weight, d.bias, params, good[..., :-1])
    assert (wrong_shape.allclose, wrong_shape.max_abs_diff) == (False, float("inf"))
    plain = reference.run_torch(d.x, d.weight, d.bias, params)
    assert (plain.allclose, plain.max_abs_diff) == (None, None)


def test_tolerance_follows_the_terms_not_the_sum() -> None:
    """A sum that cancels to ~0 in float32 still passes: the bound scales with Σ|terms|."""
    params = Conv1dParams(64, 1, 128, bias=False)
    rng = np.random.default_rng(0)
    x = (rng.standard_normal((1, 64, 128)) * 1000).astype(np.float32)
    w = rng.standard_normal((1, 64, 128)).astype(np.float32)
    y64 = engine.conv1d(x.astype(np.float64), w.astype(np.float64))
    result = reference.run_torch(x, w, None, params, expected=y64.astype(np.float32))
    assert result.allclose


@pytest.mark.parametrize(
    "params",
    [
        ConvTranspose1dParams(2, 3, 3),
        ConvTranspose1dParams(2, 2, 4, stride=2, padding=1, output_padding=1),
        ConvTranspose1dParams(4, 6, 3, stride=3, groups=2, dilation=2, output_padding=2, bias=False),
    ],
    ids=str,
)
def test_run_torch_transposed(params: ConvTranspose1dParams) -> None:
    rng = np.random.default_rng(3)
    x = rng.standard_normal((2, params.in_channels, 7))
    w = rng.standard_normal(params.weight_shape)
    b = rng.standard_normal(params.out_channels) if params.bias else None
    y_engine = engine.conv_transpose1d(
        x, w, b, params.stride, params.padding, params.output_padding, params.groups, params.dilation
    )
    result = reference.run_torch(x, w, b, params, expected=y_engine)
    expected = F.conv_transpose1d(
        torch.from_numpy(x),
        torch.from_numpy(w),
        None if b is None else torch.from_numpy(b),
        params.stride,
        params.padding,
        params.output_padding,
        params.groups,
        params.dilation,
    ).numpy()
    np.testing.assert_allclose(result.output, expected, rtol=1e-13)
    assert result.allclose


def test_run_torch_errors() -> None:
    x, w = np.ones((1, 2, 5)), np.ones((1, 1, 3))
    with pytest.raises(ConvVizError) as info:
        reference.run_torch(x, w, None, Conv1dParams(1, 1, 3, bias=False))  # 2 channels into a 1-channel layer
    assert info.value.key == "torch_failed"
    assert "channels" in info.value.message("en")
    with pytest.raises(ConvVizError) as info:
        reference.run_torch(x.astype(np.float32), w, None, Conv1dParams(2, 1, 3, bias=False))
    assert info.value.key == "dtype_mismatch"
    with pytest.raises(ConvVizError) as info:
        reference.run_torch(x.astype(np.float16), w.astype(np.float16), None, Conv1dParams(2, 1, 3, bias=False))
    assert info.value.key == "dtype"


def test_without_torch_the_check_says_so(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(reference, "torch_available", lambda: False)
    with pytest.raises(ConvVizError) as info:
        reference.run_torch(np.ones((1, 1, 4)), np.ones((1, 1, 3)), None, Conv1dParams(bias=False))
    assert info.value.key == "torch_missing"
    assert "PyTorch" in info.value.message("zh")


@given(
    in_per_group=st.integers(1, 3),
    out_per_group=st.integers(1, 3),
    groups=st.integers(1, 3),
    kernel_size=st.integers(1, 5),
    dilation=st.integers(1, 3),
    mode=st.sampled_from(MODES),
    bias=st.booleans(),
    seed=st.integers(0, 2**32),
)
def test_seeded_engine_matches_torch(
    in_per_group: int,
    out_per_group: int,
    groups: int,
    kernel_size: int,
    dilation: int,
    mode: str,
    bias: bool,
    seed: int,
) -> None:
    params = Conv1dParams(
        in_per_group * groups,
        out_per_group * groups,
        kernel_size,
        padding="same",
        padding_mode=mode,
        dilation=dilation,
        groups=groups,
        bias=bias,
    )
    length = params.min_length() + 3
    d = data.seeded(params, 2, length, seed)
    result = reference.run_torch(d.x, d.weight, d.bias, params, expected=engine_output(params, d))
    assert result.allclose, result.max_abs_diff

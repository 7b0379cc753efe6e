"""The matrix page's pure parts against torch: T (and its Jacobian), im2col GEMMs, kernel_size=1 as Linear, the code.

Every configuration is a row of a table (or a Hypothesis draw) and is checked
against the real ``torch.nn.Conv1d`` in float64 (1e-10) and float32 (1e-5).
"""

from __future__ import annotations

import contextlib
import io
import re
from dataclasses import replace
from itertools import product

import numpy as np
import pytest
import torch
from hypothesis import given, settings
from hypothesis import strategies as st

from conv_viz import reference
from conv_viz.core import toeplitz, unfold
from conv_viz.core.geometry import conv_geometry
from conv_viz.core.params import PADDING_MODES, Conv1dParams
from conv_viz.errors import ConvVizError
from conv_viz.server.url_state import DEFAULT
from conv_viz.text.code import matrix as matrix_code
from conv_viz.views import matrix
from conv_viz.views.scene import ConvSpec, build_scene
from tests.helpers import TOLERANCES, assert_close, random_arrays, torch_conv1d


def _configs() -> list[Conv1dParams]:
    """Every padding mode with int / 'same' / causal padding, strides, dilations and groups."""
    out = []
    for mode, padding, stride, dilation, groups in product(PADDING_MODES, (0, 2, "same"), (1, 2), (1, 3), (1, 2)):
        if padding == "same" and stride > 1:
            continue
        out.append(Conv1dParams(4, 6, 3, stride, padding, mode, dilation, groups))
    out += [Conv1dParams(2, 4, 2, dilation=d, padding_mode=m, causal=True) for d in (1, 2) for m in PADDING_MODES]
    return out


CONFIGS = _configs()
LENGTH = 11


def _data(
    p: Conv1dParams, dtype: type = np.float64, batch: int = 2, seed: int = 0
) -> tuple[np.ndarray, np.ndarray, np.ndarray | None]:
    x, w, b = random_arrays(
        np.random.default_rng(seed), (batch, p.in_channels, LENGTH), p.weight_shape, p.out_channels, dtype
    )
    return x, w, b if p.bias else None


def _torch(p: Conv1dParams, x: np.ndarray, w: np.ndarray, b: np.ndarray | None) -> np.ndarray:
    return torch_conv1d(x, w, b, p.stride, p.padding, p.dilation, p.groups, p.padding_mode, p.causal)


@pytest.mark.parametrize("dtype", [np.float64, np.float32])
@pytest.mark.parametrize("p", CONFIGS, ids=str)
def test_t_times_x_is_torch_conv1d(p: Conv1dParams, dtype: type) -> None:
    x, w, b = _data(p, dtype)
    g = conv_geometry(p, LENGTH)
    t = toeplitz.build(p, g, w)
    assert t.shape == (p.out_channels * g.out_length, p.in_channels * LENGTH)
    assert_close(toeplitz.apply(t, x, b, g.out_length), _torch(p, x, w, b), np.dtype(dtype))


@pytest.mark.parametrize("p", CONFIGS, ids=str)
def test_t_is_torchs_jacobian(p: Conv1dParams) -> None:
    """conv is linear in x, so ∂vec(y)/∂vec(x) computed by autograd is T itself: every entry, every sum of taps."""
    x, w, _ = _data(p)
    module = torch.nn.Conv1d(
        p.in_channels,
        p.out_channels,
        p.kernel_size,
        p.stride,
        0 if p.causal else p.padding,
        p.dilation,
        p.groups,
        bias=False,
        padding_mode=p.padding_mode,
    ).double()
    with torch.no_grad():
        module.weight.copy_(torch.from_numpy(w))
    left = p.dilation * (p.kernel_size - 1)
    mode = "constant" if p.padding_mode == "zeros" else p.padding_mode

    def f(z: torch.Tensor) -> torch.Tensor:
        return module(torch.nn.functional.pad(z, (left, 0), mode=mode) if p.causal else z)

    jac = torch.autograd.functional.jacobian(f, torch.from_numpy(x[0])).reshape(-1, p.in_channels * LENGTH)
    t = toeplitz.build(p, conv_geometry(p, LENGTH), w)
    np.testing.assert_allclose(toeplitz.dense(t), jac.numpy(), rtol=0, atol=1e-15)
    np.testing.assert_allclose(reference.torch_jacobian(x[0], w, p), jac.numpy(), rtol=0, atol=1e-15)


@pytest.mark.parametrize("dtype", [np.float64, np.float32])
@pytest.mark.parametrize("block", [1, 5, 17])
@pytest.mark.parametrize("p", [*CONFIGS, Conv1dParams(2, 2, 3, padding=4)], ids=str)  # the last: rows of zeros only
def test_t_built_in_blocks_is_t_built_at_once(
    p: Conv1dParams, block: int, dtype: type, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Blocks of a few taps (one row a block at 1) concatenate into the same sorted entries, still torch's conv."""
    x, w, b = _data(p, dtype)
    g = conv_geometry(p, LENGTH)
    whole = toeplitz.build(p, g, w)
    monkeypatch.setattr(toeplitz, "BLOCK_TERMS", block)
    t = toeplitz.build(p, g, w)
    for got, expected in zip((t.rows, t.cols, t.values), (whole.rows, whole.cols, whole.values), strict=True):
        np.testing.assert_array_equal(got, expected)
    assert np.all(np.diff(t.rows.astype(np.int64) * t.shape[1] + t.cols) > 0)  # sorted, one entry per cell
    assert_close(toeplitz.apply(t, x, b, g.out_length), _torch(p, x, w, b), np.dtype(dtype))


def test_heaviest_t_holds_int32_indices() -> None:
    """The largest T the limit allows: 4 + 4 + 8 bytes an entry, not 8 + 8 + 8."""
    p = Conv1dParams(1, 1, 20)
    t = toeplitz.build(p, conv_geometry(p, 48_000), np.ones(p.weight_shape))
    assert toeplitz.terms(p, t.shape[0]) <= toeplitz.MAX_MATRIX_TERMS
    assert (t.rows.dtype, t.cols.dtype) == (np.int32, np.int32)
    assert t.rows.nbytes + t.cols.nbytes + t.values.nbytes == 16 * t.nnz
    # row · columns passes 2³¹ here: the keys must not wrap (every tap of every row, in order, on its cell)
    assert t.nnz == toeplitz.terms(p, t.shape[0])  # one output channel: T's rows are the output positions
    assert t.rows[-1] == t.shape[0] - 1
    assert t.cols[-1] == t.shape[1] - 1
    assert np.all(np.diff(t.rows) >= 0)


@pytest.mark.parametrize("p", CONFIGS, ids=str)
def test_hover_labels_name_the_weights_summed_in_each_cell(p: Conv1dParams) -> None:
    """Weights 1, 2, 4, …: every cell of T's drawn window is the sum of the weights its hover names, and only it."""
    from conv_viz.figures.matrix import _tap_labels

    g = conv_geometry(p, LENGTH)
    w = (2.0 ** np.arange(np.prod(p.weight_shape))).reshape(p.weight_shape)
    full = toeplitz.dense(toeplitz.build(p, g, w))
    rows, cols = range(1, min(full.shape[0], 13)), range(2, min(full.shape[1], 17))
    labels = _tap_labels(p, g, rows, cols)
    for r, c in product(rows, cols):
        named = [w[tuple(int(i) for i in re.findall(r"\d+", label))] for label in labels.get((r, c), [])]
        assert sum(named) == full[r, c], (r, c, labels.get((r, c)))


def test_zero_padding_drops_out_and_copies_add() -> None:
    """One tap per entry with zeros; replicate puts taps 0 and 1 of the first row on input cell 0."""
    ones = np.ones((1, 1, 3))
    zeros = Conv1dParams(1, 1, 3, padding=1)
    replicate = replace(zeros, padding_mode="replicate")
    t_zeros = toeplitz.dense(toeplitz.build(zeros, conv_geometry(zeros, 4), ones))
    t_rep = toeplitz.dense(toeplitz.build(replicate, conv_geometry(replicate, 4), ones))
    assert t_zeros.tolist()[0] == [1, 1, 0, 0]
    assert t_rep.tolist()[0] == [2, 1, 0, 0]
    assert t_rep.sum() == 12  # every tap of every row lands somewhere: 4 rows · 3 taps
    assert t_zeros.sum() == 10  # the two taps reading zeros are gone


def test_groups_make_blocks() -> None:
    p = Conv1dParams(4, 6, 3, groups=2, padding=1)
    g = conv_geometry(p, LENGTH)
    t = toeplitz.dense(toeplitz.build(p, g, np.ones(p.weight_shape)))
    rows = t.reshape(6, g.out_length, 4, LENGTH).any(axis=(1, 3))  # (out channel, in channel) has any entry
    assert rows.tolist() == [[True, True, False, False]] * 3 + [[False, False, True, True]] * 3


def test_window_of_t_and_rows() -> None:
    p = Conv1dParams(2, 2, 3, padding=1)
    w = np.arange(12.0).reshape(2, 2, 3) + 1
    t = toeplitz.build(p, conv_geometry(p, 5), w)
    full = toeplitz.dense(t, empty=np.nan)
    np.testing.assert_array_equal(toeplitz.dense(t, range(2, 6), range(3, 8), empty=np.nan), full[2:6, 3:8])
    cols, values = t.row(6)  # y[1, 1]: weight w[1] over x[0, 0:3] and x[1, 0:3]
    assert cols.tolist() == [0, 1, 2, 5, 6, 7]
    assert values.tolist() == w[1].ravel().tolist()
    assert t.nnz == np.count_nonzero(~np.isnan(full))


def test_size_limit_names_the_numbers() -> None:
    p = Conv1dParams(64, 64, 9)
    g = conv_geometry(p, 2000)
    with pytest.raises(ConvVizError) as info:
        toeplitz.check_size(p, g)
    assert info.value.key == "matrix_too_big"
    for lang in ("en", "zh"):
        assert "64·1992·64·9" in info.value.message(lang)


@pytest.mark.parametrize("dtype", [np.float64, np.float32])
@pytest.mark.parametrize("p", CONFIGS, ids=str)
def test_im2col_columns_and_gemm_match_torch_unfold(p: Conv1dParams, dtype: type) -> None:
    x, w, b = _data(p, dtype)
    g = conv_geometry(p, LENGTH)
    xp = reference._padded(torch.from_numpy(x), p)  # what Conv1d reads, padded by F.pad
    windows = xp.unfold(-1, p.span, p.stride)[..., :: p.dilation]  # (N, C, L_out, K)
    expected = windows.permute(0, 1, 3, 2).reshape(2, p.groups, -1, g.out_length).numpy()
    np.testing.assert_array_equal(unfold.columns(x[1], p, g), expected[1])
    assert_close(unfold.gemm(x, w, b, p, g), _torch(p, x, w, b), np.dtype(dtype))
    by_tensor, by_f = reference.run_torch_unfold(x, w, b, p)
    y = _torch(p, x, w, b)
    assert_close(by_tensor, y, np.dtype(dtype))
    assert_close(by_f, y, np.dtype(dtype))


K1 = [
    Conv1dParams(3, 5, 1),
    Conv1dParams(3, 5, 1, bias=False),
    Conv1dParams(4, 6, 1, groups=2),
    Conv1dParams(4, 2, 1, stride=3, padding=2, padding_mode="reflect"),
    Conv1dParams(2, 2, 1, padding="same", padding_mode="circular", causal=False),
]


@pytest.mark.parametrize("p", K1, ids=str)
def test_kernel_one_is_a_linear_at_every_position(p: Conv1dParams) -> None:
    x, w, b = _data(p)
    g = conv_geometry(p, LENGTH)
    y = _torch(p, x, w, b)
    assert_close(unfold.as_linear(x, w, b, g, p.stride), y, np.dtype(np.float64))
    check = reference.run_torch_linear(x, w, b, p)
    assert check.allclose
    assert_close(check.linear, y, np.dtype(np.float64))
    if p.groups == 1:  # the tutorial's identity: linear.weight = conv.weight[:, :, 0]
        np.testing.assert_array_equal(unfold.linear_weight(w, 1), w[:, :, 0])


def _run(code: str) -> list[str]:
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        exec(code, {})
    return out.getvalue().split()


@pytest.mark.parametrize("p", [*CONFIGS[::5], *K1], ids=str)
def test_code_on_the_page_prints_true(p: Conv1dParams) -> None:
    assert _run(matrix_code.unfold_snippet(p, 2, LENGTH)) == ["True", "True"]
    if p.kernel_size == 1:
        assert _run(matrix_code.linear_snippet(p, 2, LENGTH)) == ["True"]


def test_unfold_code_spells_the_configuration() -> None:
    code = matrix_code.unfold_snippet(Conv1dParams(4, 6, 3, stride=2, padding=1, dilation=2, groups=2), 1, 20)
    assert "conv = nn.Conv1d(4, 6, 3, stride=2, padding=1, dilation=2, groups=2)" in code
    assert "xp.unfold(-1, 5, 2)[..., ::2]" in code
    assert "W = conv.weight.reshape(2, 3, 6)" in code


_small = st.builds(
    lambda c, o, k, s, p, d, g, mode, bias, causal: Conv1dParams(
        c * g, o * g, k, s, 0 if causal else p, mode, d, g, bias, causal
    ),
    st.integers(1, 3),
    st.integers(1, 3),
    st.integers(1, 4),
    st.integers(1, 3),
    st.integers(0, 3),
    st.integers(1, 3),
    st.integers(1, 2),
    st.sampled_from(PADDING_MODES),
    st.booleans(),
    st.booleans(),
)


@settings(max_examples=60)
@given(p=_small, length=st.integers(1, 16), seed=st.integers(0, 2**16))
def test_every_product_matches_torch(p: Conv1dParams, length: int, seed: int) -> None:
    """Any configuration torch accepts: T·x + b, the GEMM and torch's output agree; what torch rejects, so do we."""
    rng = np.random.default_rng(seed)
    x, w, b = random_arrays(
        rng, (2, p.in_channels, length), p.weight_shape, p.out_channels if p.bias else None, np.float64
    )
    try:
        y = _torch(p, x, w, b)
    except (RuntimeError, ValueError):
        with pytest.raises(ConvVizError):
            p.validate(length)
        return
    g = conv_geometry(p, length)
    tol = TOLERANCES[np.dtype(np.float64)]
    np.testing.assert_allclose(toeplitz.apply(toeplitz.build(p, g, w), x, b, g.out_length), y, rtol=tol, atol=tol)
    np.testing.assert_allclose(unfold.gemm(x, w, b, p, g), y, rtol=tol, atol=tol)


@pytest.mark.parametrize(
    "query",
    [
        {},
        {"padding": 2, "padding_mode": "reflect", "dtype": "float32"},
        {"kernel_size": 1, "groups": 2, "in_channels": 4, "out_channels": 2, "batch": 3},
        {"causal": True, "dilation": 2, "padding_mode": "circular"},
    ],
)
def test_page_checks_all_pass(query: dict[str, object]) -> None:
    conv = {k: v for k, v in query.items() if k not in ("dtype", "batch")}
    view = ConvSpec(
        conv=replace(DEFAULT.conv, **conv),
        dtype=str(query.get("dtype", "float64")),
        batch=int(query.get("batch", 1)),
    )  # type: ignore[call-overload]
    scene = build_scene(view)
    checks = matrix.checks(scene, matrix.build_matrix(scene), with_torch=True)
    rows = checks.matrix + checks.unfold + checks.linear
    assert len(checks.matrix) == 3
    assert len(checks.unfold) == 3
    assert len(checks.linear) == (3 if scene.params.kernel_size == 1 else 0)
    assert all(c.ok for c in rows), rows


@pytest.mark.parametrize("dtype", ["float64", "float32"])
@pytest.mark.parametrize("p", CONFIGS, ids=str)
def test_the_pages_group_gemm_is_torchs_output(p: Conv1dParams, dtype: str) -> None:
    """What the unfold tab draws for any output channel: W_g · cols_g + b_g equals torch's rows of that group."""
    scene = build_scene(ConvSpec(conv=p, length=LENGTH, batch=2, dtype=dtype))
    d = scene.data
    y = _torch(
        p, d.x.astype(np.float64), d.weight.astype(np.float64), None if d.bias is None else d.bias.astype(np.float64)
    )
    tol = TOLERANCES[np.dtype(dtype)]
    for n, o in ((0, 0), (1, p.out_channels - 1)):
        gemm = matrix.group_gemm(scene, n, o)
        per_out = p.out_channels // p.groups
        rows = slice(gemm.group * per_out, (gemm.group + 1) * per_out)
        bias = 0 if d.bias is None else d.bias[rows, None]
        np.testing.assert_allclose(gemm.weight @ gemm.cols + bias, y[n, rows], rtol=tol, atol=tol)
        np.testing.assert_array_equal(gemm.y, scene.y[n, rows])
        first = gemm.group * (p.in_channels // p.groups)
        assert gemm.channels == list(range(first, first + p.in_channels // p.groups))


@pytest.mark.parametrize("p", [c for c in CONFIGS if c.kernel_size == 1] or [Conv1dParams(4, 6, 1, 2, 0)], ids=str)
def test_the_pages_linear_column_is_what_position_t_reads(p: Conv1dParams) -> None:
    scene = build_scene(ConvSpec(conv=replace(p, kernel_size=1, padding=0, causal=False), length=LENGTH))
    q, d = scene.params, scene.data
    w = unfold.linear_weight(d.weight, q.groups)
    for t in range(scene.y.shape[-1]):
        slot, column = matrix.linear_column(scene, 0, t)
        assert slot == t * q.stride
        np.testing.assert_array_equal(column, d.x[0, :, slot])
        bias = 0 if d.bias is None else d.bias
        np.testing.assert_allclose(w @ column + bias, scene.y[0, :, t], rtol=1e-12, atol=1e-12)

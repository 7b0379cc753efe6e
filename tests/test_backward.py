"""Conv1d's backward in NumPy (conv_viz.core.backward) against torch.autograd, argument by argument."""

from __future__ import annotations

from typing import Any

import numpy as np
import pytest
import torch
import torch.nn.functional as F  # noqa: N812 — torch's own idiom
from hypothesis import given, settings
from hypothesis import strategies as st

from conv_viz import engine, reference
from conv_viz.core import backward
from conv_viz.core.geometry import ZERO, conv_geometry
from conv_viz.core.params import PADDING_MODES, Conv1dParams
from tests.helpers import DTYPES, TOLERANCES, random_arrays
from tests.test_explain import valid_configs


def _forward(x: np.ndarray, w: np.ndarray, b: np.ndarray | None, p: Conv1dParams) -> np.ndarray:
    return engine.conv1d(x, w, b, p.stride, p.padding, p.dilation, p.groups, p.padding_mode, causal=p.causal)


def _close(got: np.ndarray | None, expected: np.ndarray | None, dtype: Any) -> None:
    assert (got is None) == (expected is None)
    if got is None or expected is None:
        return
    assert got.dtype == np.dtype(dtype)
    assert got.shape == expected.shape
    tol = TOLERANCES[np.dtype(dtype)]
    # float32: sums of up to ~100 products of O(1) values; torch sums in another order
    np.testing.assert_allclose(got, expected, rtol=tol, atol=tol * (10 if dtype == np.float32 else 1))


def _check(params: Conv1dParams, batch: int, length: int, dtype: Any, seed: int, unbatched: bool = False) -> None:
    """All three gradients for a random upstream dL/dy, and the sums written out, against autograd."""
    rng = np.random.default_rng(seed)
    shape = (params.in_channels, length) if unbatched else (batch, params.in_channels, length)
    x, w, b = random_arrays(rng, shape, params.weight_shape, params.out_channels if params.bias else None, dtype)
    y = _forward(x, w, b, params)
    dy = rng.standard_normal(y.shape).astype(dtype)
    ours = backward.gradients(x, w, b, dy, params)
    theirs = reference.torch_gradients(x, w, b, params, dy=dy)
    _close(ours.dw, theirs.dw, dtype)
    _close(ours.db, theirs.db, dtype)
    _close(ours.dx, theirs.dx, dtype)
    _close(backward.transpose_identity(dy, w, params, length).dx, theirs.dx, dtype)
    o, c, k = params.out_channels - 1, params.in_channels // params.groups - 1, params.kernel_size - 1
    dw_sum = backward.explain_dw(x, w, dy, params, (o, c, k))
    _close(np.array(dw_sum.total, dtype), theirs.dw[o, c, k], dtype)
    cell = (0, params.in_channels - 1, length - 1)
    dx_sum = backward.explain_dx(x, w, dy, params, cell)
    _close(np.array(dx_sum.total, dtype), theirs.dx[cell if not unbatched else cell[1:]], dtype)


SWEEP = [  # (params, batch, length): every argument away from its default, alone and together
    (Conv1dParams(2, 2, 3), 1, 12),
    (Conv1dParams(1, 1, 1), 1, 5),
    (Conv1dParams(3, 4, 5, bias=False), 2, 11),
    (Conv1dParams(2, 3, 3, stride=2), 2, 12),
    (Conv1dParams(2, 3, 3, stride=3), 1, 10),
    (Conv1dParams(2, 2, 3, padding=2), 1, 7),
    (Conv1dParams(2, 2, 4, padding="same"), 1, 9),
    (Conv1dParams(2, 2, 3, padding="valid"), 1, 9),
    (Conv1dParams(2, 2, 3, dilation=3), 1, 12),
    (Conv1dParams(4, 6, 3, groups=2), 2, 9),
    (Conv1dParams(4, 4, 3, groups=4), 1, 9),
    (Conv1dParams(2, 2, 3, causal=True, dilation=2), 1, 9),
    (Conv1dParams(3, 3, 5, stride=2, padding=3, dilation=2, groups=3, padding_mode="circular"), 2, 10),
    *[(Conv1dParams(2, 2, 3, padding=2, padding_mode=m), 2, 6) for m in PADDING_MODES],
    *[(Conv1dParams(2, 2, 4, padding="same", padding_mode=m, dilation=2), 1, 8) for m in PADDING_MODES],
    *[(Conv1dParams(2, 2, 3, causal=True, padding_mode=m), 1, 5) for m in PADDING_MODES],
    *[(Conv1dParams(1, 2, 3, stride=2, padding=1, padding_mode=m), 1, 4) for m in PADDING_MODES],
]


@pytest.mark.parametrize("dtype", DTYPES)
@pytest.mark.parametrize(("params", "batch", "length"), SWEEP)
def test_sweep_matches_autograd(params: Conv1dParams, batch: int, length: int, dtype: Any) -> None:
    _check(params, batch, length, dtype, seed=batch * 1000 + length)


@pytest.mark.parametrize("dtype", DTYPES)
@settings(max_examples=120)
@given(valid_configs(), st.integers(0, 2**32 - 1))
def test_any_configuration_matches_autograd(dtype: Any, config: tuple, seed: int) -> None:
    params, length, batch, unbatched = config
    _check(params, batch, length, dtype, seed, unbatched)


def test_sum_loss_is_torch_default_view() -> None:
    """The page's default: seed 0, x = torch.randn(1, 2, 12), nn.Conv1d(2, 2, 3), y.sum().backward()."""
    params = Conv1dParams(2, 2, 3)
    x, w, b = reference.torch_seeded(params, 1, 12, 0)
    y = _forward(x, w, b, params)
    ours = backward.gradients(x, w, b, backward.loss_gradient(y, "sum"), params)
    xt = torch.from_numpy(x).requires_grad_(True)
    wt, bt = torch.from_numpy(w).requires_grad_(True), torch.from_numpy(b).requires_grad_(True)
    F.conv1d(xt, wt, bt).sum().backward()
    assert ours.db is not None
    assert ours.db.tolist() == [10.0, 10.0]
    np.testing.assert_allclose(ours.dw, wt.grad.numpy(), rtol=1e-6, atol=1e-6)
    np.testing.assert_allclose(ours.dx, xt.grad.numpy(), rtol=1e-6, atol=1e-6)


@pytest.mark.parametrize("dtype", DTYPES)
def test_mse_loss_and_its_gradient_match_torch(dtype: Any) -> None:
    rng = np.random.default_rng(3)
    params = Conv1dParams(2, 3, 3, stride=2, padding=1, padding_mode="reflect")
    x, w, b = random_arrays(rng, (2, 2, 9), params.weight_shape, 3, dtype)
    y = _forward(x, w, b, params)
    target = rng.standard_normal(y.shape).astype(dtype)
    theirs = reference.torch_gradients(x, w, b, params, loss="mse", target=target)
    _close(backward.loss_gradient(y, "mse", target), theirs.dy, dtype)
    assert backward.loss_value(y, "mse", target) == pytest.approx(theirs.loss, rel=TOLERANCES[np.dtype(dtype)])
    ours = backward.gradients(x, w, b, backward.loss_gradient(y, "mse", target), params)
    _close(ours.dw, theirs.dw, dtype)
    _close(ours.dx, theirs.dx, dtype)


@pytest.mark.parametrize("mode", ["reflect", "replicate", "circular"])
def test_a_copied_pad_folds_its_gradient_onto_the_cell_it_copied(mode: str) -> None:
    """Without folding, dL/dx is the interior of dL/dx_pad; autograd disagrees exactly at the copied cells."""
    params = Conv1dParams(1, 1, 3, padding=2, padding_mode=mode)
    x = np.arange(1.0, 6.0).reshape(1, 1, 5)
    w = np.array([[[1.0, 2.0, 4.0]]])
    y = _forward(x, w, None, params)
    ours = backward.gradients(x, w, None, np.ones_like(y), params)
    theirs = reference.torch_gradients(x, w, None, params)
    np.testing.assert_allclose(ours.dx, theirs.dx, rtol=1e-12)
    interior = ours.dx_padded[..., 2:7]
    geometry = conv_geometry(params, 5)
    copied = sorted({int(s) for s in geometry.padded[[0, 1, 7, 8]]})
    differs = np.flatnonzero(~np.isclose(interior, theirs.dx)[0, 0]).tolist()
    assert differs == copied
    for i in copied:  # the written-out sum names the folded terms and adds up to autograd's value
        e = backward.explain_dx(x, w, np.ones_like(y), params, (0, 0, i))
        assert e.folded.any()
        assert e.total == pytest.approx(float(theirs.dx[0, 0, i]), rel=1e-12)
        assert set(e.slot[e.folded].tolist()) == {s for s in (0, 1, 7, 8) if geometry.padded[s] == i}


def test_zero_pads_drop_their_gradient() -> None:
    params = Conv1dParams(1, 1, 3, padding=2)
    x = np.ones((1, 1, 4))
    g = backward.gradients(x, np.ones((1, 1, 3)), None, np.ones((1, 1, 6)), params)
    assert conv_geometry(params, 4).padded[0] == ZERO
    assert g.dx_padded[0, 0].tolist() == [1, 2, 3, 3, 3, 3, 2, 1]
    assert g.dx.tolist() == [[[3.0, 3.0, 3.0, 3.0]]]


def test_dw_terms_are_the_forward_windows() -> None:
    """dL/dw[o, c, k] reads x_pad at t·stride + k·dilation, the slot the forward's tap k read at t."""
    params = Conv1dParams(2, 2, 3, stride=2, padding=1, dilation=2)
    rng = np.random.default_rng(0)
    x, w, b = random_arrays(rng, (1, 2, 9), params.weight_shape, 2, np.float64)
    y = _forward(x, w, b, params)
    dy = rng.standard_normal(y.shape)
    e = backward.explain_dw(x, w, dy, params, (1, 1, 2))
    geometry = conv_geometry(params, 9)
    assert e.slot.tolist() == geometry.windows[:, 2].tolist()
    assert e.source.tolist() == geometry.sources[:, 2].tolist()
    forward = engine.explain(x, w, b, params.stride, params.padding, params.dilation, at=(0, 1, 3))
    assert e.factor[3] == next(tm.x for tm in forward.terms if tm.channel == 1 and tm.tap == 2)
    assert e.partial_sums[-1] == pytest.approx(e.total)
    np.testing.assert_allclose(e.products, e.grad * e.factor)


def test_transpose_identity_is_torchs_call() -> None:
    """With symmetric zero padding the identity is one F.conv_transpose1d with the layer's own arguments."""
    params = Conv1dParams(4, 6, 3, stride=3, padding=2, dilation=2, groups=2)
    rng = np.random.default_rng(1)
    x, w, _ = random_arrays(rng, (2, 4, 13), params.weight_shape, None, np.float64)
    dy = rng.standard_normal(_forward(x, w, None, params).shape)
    t = backward.transpose_identity(dy, w, params, 13)
    assert t.direct
    assert (t.stride, t.padding, t.groups, t.dilation) == (3, 2, 2, 2)
    theirs = reference.torch_conv_transpose(dy, w, t.stride, t.padding, t.output_padding, t.groups, t.dilation)
    np.testing.assert_allclose(t.transposed, theirs, rtol=1e-12, atol=1e-12)
    np.testing.assert_allclose(t.dx, reference.torch_gradients(x, w, None, params, dy=dy).dx, rtol=1e-12, atol=1e-12)


def test_shape_mismatch_is_refused() -> None:
    with pytest.raises(ValueError, match="dL/dy"):
        backward.gradients(np.ones((1, 1, 5)), np.ones((1, 1, 3)), None, np.ones((1, 1, 4)))
    with pytest.raises(IndexError):
        backward.explain_dx(np.ones((1, 1, 5)), np.ones((1, 1, 3)), np.ones((1, 1, 3)), Conv1dParams(), (0, 0, 5))
    with pytest.raises(IndexError):
        backward.explain_dw(np.ones((1, 1, 5)), np.ones((1, 1, 3)), np.ones((1, 1, 3)), Conv1dParams(), (0, 0, 3))

"""The gradients of Conv1d in NumPy, read through the same index maps as the forward pass.

With y = conv1d(x, w, b) and g = dL/dy (the gradient the loss sends back):

- dL/dw[o, c, k] = Σₙ Σₜ g[n, o, t] · x_pad[n, c', t·stride + k·dilation]  (c' = c in o's group)
- dL/db[o] = Σₙ Σₜ g[n, o, t]
- dL/dx_pad[n, c', s] = Σ over every (o, t, k) whose window read slot s: g[n, o, t] · w[o, c, k]
- dL/dx[n, c', i] = Σ over the padded slots that copy x[i] (``geometry.padded``) of dL/dx_pad[n, c', s]

The last line is where padding modes show: a zero pad's gradient goes nowhere, a reflect, replicate
or circular pad's gradient folds back onto the input cell it copied. NumPy and the standard library
only; torch's side lives in ``conv_viz.reference``.

>>> x = np.arange(5.0).reshape(1, 1, 5)
>>> g = gradients(x, np.ones((1, 1, 3)), np.zeros(1), np.ones((1, 1, 3)))
>>> g.dw.tolist(), g.db.tolist(), g.dx.tolist()
([[[3.0, 6.0, 9.0]]], [3.0], [[[1.0, 2.0, 3.0, 2.0, 1.0]]])
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from conv_viz.core import conv
from conv_viz.core.geometry import ZERO, ConvGeometry, conv_geometry
from conv_viz.core.params import Conv1dParams

LOSSES = ("sum", "mse")


@dataclass(frozen=True)
class Gradients:
    """dL/dy and what backward makes of it, each in the shape and dtype of its tensor."""

    dy: np.ndarray  # (N, C_out, L_out)
    dw: np.ndarray  # weight's shape
    db: np.ndarray | None  # (C_out,), None without bias
    dx: np.ndarray  # x's shape
    dx_padded: np.ndarray  # (N, C_in, L + pads): the gradient at each padded slot, before folding


def _grouped(a: np.ndarray, groups: int) -> np.ndarray:
    """(N, C, L) → (N, groups, C/groups, L)."""
    n, c, length = a.shape
    return a.reshape(n, groups, c // groups, length)


def fold(dx_padded: np.ndarray, geometry: ConvGeometry) -> np.ndarray:
    """(N, C, L + pads) → (N, C, L): each padded slot's gradient added onto the input cell it copied.

    The interior slots are x itself; a zero pad copied nothing, so its gradient is dropped.

    >>> g = conv_geometry(Conv1dParams(kernel_size=3, padding=2, padding_mode="reflect"), 4)
    >>> fold(np.arange(8.0).reshape(1, 1, 8), g).tolist()  # slots read [2, 1, 0, 1, 2, 3, 2, 1]
    [[[2.0, 11.0, 10.0, 5.0]]]
    """
    left, length = geometry.pad_left, geometry.length
    dx = dx_padded[..., left : left + length].copy()
    for slot in (*range(left), *range(left + length, geometry.padded_length)):
        source = int(geometry.padded[slot])
        if source != ZERO:
            dx[..., source] += dx_padded[..., slot]
    return dx


def gradients(
    x: np.ndarray, weight: np.ndarray, bias: np.ndarray | None, dy: np.ndarray, params: Conv1dParams | None = None
) -> Gradients:
    """dL/dw, dL/db and dL/dx of ``conv1d(x, weight, bias, **params)`` for the upstream gradient ``dy``.

    ``params`` defaults to a plain Conv1d of the weight's shape (stride 1, no padding). Loops over the
    K taps only: tap k of every output position reads one strided slice of the padded input.
    """
    params = conv.conv_params(x, weight, bias) if params is None else conv.checked(params, x, weight, bias)
    geometry = conv_geometry(params, x.shape[-1])
    xb = conv.batched(x)
    dyb = dy[None] if dy.ndim == 2 else dy
    n, out_length = xb.shape[0], geometry.out_length
    if dyb.shape != (n, params.out_channels, out_length) or dyb.dtype != x.dtype:  # a caller's bug, not input
        raise ValueError(f"dL/dy is {dy.dtype} {dy.shape}, expected {x.dtype} {(n, params.out_channels, out_length)}")
    groups, s, d = params.groups, params.stride, params.dilation
    xp = conv.pad(xb, geometry)
    xg = _grouped(xp, groups)  # (N, G, Cg, Lp)
    gg = _grouped(dyb, groups)  # (N, G, Og, L_out)
    wg = weight.reshape(groups, params.out_channels // groups, *weight.shape[1:])  # (G, Og, Cg, K)
    dw = np.empty_like(wg)
    dxp = np.zeros_like(xg)
    span = (out_length - 1) * s + 1
    for k in range(params.kernel_size):
        window = slice(k * d, k * d + span, s)  # the slots tap k reads, one per output position
        dw[..., k] = np.einsum("ngot,ngct->goc", gg, xg[..., window])
        dxp[..., window] += np.einsum("ngot,goc->ngct", gg, wg[..., k])
    dx_padded = dxp.reshape(xp.shape)
    dx = fold(dx_padded, geometry)
    db = dyb.sum(axis=(0, 2)) if bias is not None else None
    if x.ndim == 2:
        return Gradients(dy, dw.reshape(weight.shape), db, dx[0], dx_padded[0])
    return Gradients(dy, dw.reshape(weight.shape), db, dx, dx_padded)


# ---------------------------------------------------------------- the loss


def loss_value(y: np.ndarray, kind: str, target: np.ndarray | None = None) -> float:
    """``y.sum()`` or ``F.mse_loss(y, target)`` (the mean of the squared differences), in y's dtype."""
    if kind == "sum":
        return float(y.sum())
    assert target is not None
    diff = y - target
    return float(np.mean(diff * diff))


def loss_gradient(y: np.ndarray, kind: str, target: np.ndarray | None = None) -> np.ndarray:
    """dL/dy: ones for ``y.sum()``; 2·(y − target)/numel for the mean squared error.

    >>> loss_gradient(np.array([1.0, 3.0]), "mse", np.array([0.0, 0.0])).tolist()
    [1.0, 3.0]
    """
    if kind == "sum":
        return np.ones_like(y)
    if kind != "mse" or target is None:
        raise ValueError(f"unknown loss {kind!r}")
    grad: np.ndarray = (2 * (y - target) / y.size).astype(y.dtype)
    return grad


# ---------------------------------------------------------------- one cell written out


@dataclass(frozen=True)
class GradientSum:
    """One cell of dL/dw or dL/dx as the sum backward computes, one row a term, in the view's dtype.

    Columns are arrays (a dL/dw cell of a long input sums N·L_out terms). For dL/dw[o, c, k] a row is
    (n, t): dL/dy[n, o, t] · x_pad[n, c', slot]; for dL/dx[n, c, i] a row is (o, t, k): dL/dy[n, o, t] · w[o, c, k].
    """

    kind: str  # "dw" or "dx"
    cell: tuple[int, int, int]
    n: np.ndarray  # batch item of each term
    o: np.ndarray  # output channel
    t: np.ndarray  # output position
    k: np.ndarray  # kernel tap
    slot: np.ndarray  # padded slot t·stride + k·dilation
    source: np.ndarray  # input index that slot copies, ZERO for a zero pad
    grad: np.ndarray  # dL/dy[n, o, t]
    factor: np.ndarray  # x_pad[n, c', slot] (dw) or w[o, c, k] (dx)
    partial_sums: np.ndarray  # running total after each term
    total: float

    @property
    def products(self) -> np.ndarray:
        products: np.ndarray = self.grad * self.factor
        return products

    pad_left: int  # slots before x[0]: slot s holds x[s − pad_left] unless it is a pad

    @property
    def folded(self) -> np.ndarray:
        """Terms that reached x[i] through a padded copy of it rather than its own slot (dL/dx only)."""
        folded: np.ndarray = self.source != self.slot - self.pad_left
        return folded


def _sum(kind: str, cell: tuple[int, int, int], left: int, **columns: np.ndarray) -> GradientSum:
    products = columns["grad"] * columns["factor"]
    partial = np.cumsum(products, dtype=products.dtype)
    total = float(partial[-1]) if partial.size else 0.0
    return GradientSum(kind, cell, partial_sums=partial, total=total, pad_left=left, **columns)


def explain_dw(
    x: np.ndarray, weight: np.ndarray, dy: np.ndarray, params: Conv1dParams, at: tuple[int, int, int]
) -> GradientSum:
    """dL/dw[o, c, k] = Σₙ Σₜ dL/dy[n, o, t] · x_pad[n, c', t·stride + k·dilation], terms in (n, t) order."""
    geometry = conv_geometry(params, x.shape[-1])
    xb, dyb = conv.batched(x), dy[None] if dy.ndim == 2 else dy
    o, c, k = at
    per_group = params.in_channels // params.groups
    if not (0 <= o < params.out_channels and 0 <= c < per_group and 0 <= k < params.kernel_size):
        raise IndexError(f"weight cell {at} is outside {params.weight_shape}")
    channel = (o // (params.out_channels // params.groups)) * per_group + c
    n_items, out_length = dyb.shape[0], geometry.out_length
    nn, tt = np.divmod(np.arange(n_items * out_length), out_length)
    slot = tt * params.stride + k * params.dilation
    source = geometry.padded[slot]
    xp = conv.pad(xb[:, channel : channel + 1], geometry)[:, 0]
    return _sum(
        "dw",
        at,
        geometry.pad_left,
        n=nn,
        o=np.full_like(nn, o),
        t=tt,
        k=np.full_like(nn, k),
        slot=slot,
        source=source,
        grad=dyb[nn, o, tt],
        factor=xp[nn, slot],
    )


def explain_dx(
    x: np.ndarray, weight: np.ndarray, dy: np.ndarray, params: Conv1dParams, at: tuple[int, int, int]
) -> GradientSum:
    """dL/dx[n, c, i]: every (o, t, k) whose window read a slot holding x[i] — its own slot, and padded copies.

    Terms in (slot, o, t, k) order: the input's own slot first, then the pads that copy it.
    """
    geometry = conv_geometry(params, x.shape[-1])
    dyb = dy[None] if dy.ndim == 2 else dy
    n, c, i = at
    if not (0 <= n < dyb.shape[0] and 0 <= c < params.in_channels and 0 <= i < geometry.length):
        raise IndexError(f"input cell {at} is outside ({dyb.shape[0]}, {params.in_channels}, {geometry.length})")
    per_in, per_out = params.in_channels // params.groups, params.out_channels // params.groups
    g, ci = divmod(c, per_in)
    own = geometry.pad_left + i
    slots = [own] + [s for s in np.flatnonzero(geometry.padded == i).tolist() if s != own]
    rows: list[tuple[int, int, int, int]] = []  # (slot, o, t, k)
    for s in slots:
        for k in range(params.kernel_size):
            t, rest = divmod(s - k * params.dilation, params.stride)
            if rest == 0 and 0 <= t < geometry.out_length:
                rows.extend((s, o, t, k) for o in range(g * per_out, (g + 1) * per_out))
    table = np.array(rows, dtype=np.intp).reshape(-1, 4)
    slot, oo, tt, kk = table.T
    return _sum(
        "dx",
        at,
        geometry.pad_left,
        n=np.full_like(oo, n),
        o=oo,
        t=tt,
        k=kk,
        slot=slot,
        source=np.full_like(oo, i),
        grad=dyb[n, oo, tt],
        factor=weight[oo, ci, kk],
    )


# ---------------------------------------------------------------- dL/dx as a transposed convolution


@dataclass(frozen=True)
class TransposeIdentity:
    """dL/dx computed a second way: ``conv_transpose1d(dL/dy, w, …)`` with the layer's own arguments.

    ``padding`` and ``output_padding`` are the transposed call's: with zero padding p on both sides
    the call is ``conv_transpose1d(dy, w, stride, padding=p, output_padding, groups, dilation)`` and gives
    dL/dx directly. A reflect/replicate/circular, "same"-odd or causal pad is not a crop, so the call
    runs with padding=0 over the whole padded input and ``fold`` adds each pad onto the cell it copied.
    """

    stride: int
    padding: int
    output_padding: int
    groups: int
    dilation: int
    direct: bool  # the call alone is dL/dx (symmetric zero padding); else it is dL/dx_pad, then folded
    transposed: np.ndarray  # what conv_transpose1d returned
    dx: np.ndarray  # dL/dx by this route


def transpose_identity(dy: np.ndarray, weight: np.ndarray, params: Conv1dParams, length: int) -> TransposeIdentity:
    """dL/dx = conv_transpose1d(dL/dy, w) with the same stride, padding, dilation and groups.

    >>> p = Conv1dParams(1, 1, 3, stride=2, padding=1)
    >>> t = transpose_identity(np.ones((1, 1, 3)), np.ones((1, 1, 3)), p, 6)
    >>> t.padding, t.output_padding, t.dx.tolist()
    (1, 1, [[[1.0, 2.0, 1.0, 2.0, 1.0, 1.0]]])
    """
    geometry = conv_geometry(params, length)
    left, right = geometry.pad_left, geometry.pad_right
    out_length, s, d = geometry.out_length, params.stride, params.dilation
    reach = (out_length - 1) * s + d * (params.kernel_size - 1) + 1  # padded slots the windows cover
    direct = params.padding_mode == "zeros" and left == right
    crop = left if direct else 0
    output_padding = geometry.padded_length - reach
    transposed = conv.conv_transpose1d(dy, weight, None, s, crop, output_padding, params.groups, d)
    dx = transposed if direct else fold(transposed if dy.ndim == 3 else transposed[None], geometry)
    if not direct and dy.ndim == 2:
        dx = dx[0]
    return TransposeIdentity(s, crop, output_padding, params.groups, d, direct, transposed, dx)

"""NumPy conv1d and conv_transpose1d with torch's semantics, built on ``geometry`` (public as ``conv_viz.engine``).

NumPy in, NumPy out: float32 stays float32, float64 stays float64. The padded
input is gathered through the same index map the figures draw; the arithmetic
then takes the fastest of a few vectorised strategies for the shape (see
``choose_strategy``), none of which loops over output positions.

>>> import numpy as np
>>> conv1d(np.arange(16.0).reshape(1, 1, 16), np.array([[[0.1, 0.2, 0.3]]]))[0, 0, :3].round(4).tolist()
[0.8, 1.4, 2.0]
"""

from __future__ import annotations

import os
from dataclasses import dataclass, replace

import numpy as np

from conv_viz.core.geometry import ZERO, ConvGeometry, conv_geometry
from conv_viz.core.params import Conv1dParams, ConvTranspose1dParams, Padding, torch_int
from conv_viz.core.strategies import STRATEGIES, choose_strategy
from conv_viz.errors import ConvVizError

DTYPES = (np.dtype(np.float32), np.dtype(np.float64))


def _shape(a: np.ndarray) -> str:
    return "[" + ", ".join(str(s) for s in a.shape) + "]"


def _check_arrays(x: np.ndarray, weight: np.ndarray, bias: np.ndarray | None, out_channels: int) -> None:
    """The tensor checks torch makes before it looks at the parameters."""
    arrays = [x, weight] + ([bias] if bias is not None else [])
    for a in arrays:
        if a.dtype not in DTYPES:
            raise ConvVizError("dtype", dtype=str(a.dtype))
    if len({a.dtype for a in arrays}) > 1:
        raise ConvVizError("dtype_mismatch", dtypes=", ".join(str(a.dtype) for a in arrays))
    if x.ndim not in (2, 3):
        raise ConvVizError("input_dims", shape=_shape(x))
    if weight.ndim != 3:
        raise ConvVizError("weight_dims", shape=_shape(weight))
    if bias is not None and bias.shape != (out_channels,):
        raise ConvVizError("bias_shape", weight_shape=_shape(weight), expected=out_channels, shape=_shape(bias))


def batched(x: np.ndarray) -> np.ndarray:
    return x[None] if x.ndim == 2 else x


def _memory() -> int:
    """This machine's physical memory in bytes (no limit where the OS does not say)."""
    try:
        return os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES")
    except (ValueError, OSError, AttributeError):
        return 2**63


def _too_big(needed: int) -> ConvVizError:
    return ConvVizError("too_big", needed=f"{needed:.3g}", memory=f"{_memory():.3g}")


def _check_size(needed: int) -> None:
    """Refuse arrays larger than the machine's memory up front, as torch's allocator refuses them.

    Up front because NumPy would start filling a huge index map before failing, with only a
    ``MemoryError`` to tell; torch raises a RuntimeError for the same configurations.
    """
    if needed > _memory():
        raise _too_big(needed)


def conv_params(
    x: np.ndarray,
    weight: np.ndarray,
    bias: np.ndarray | None = None,
    stride: int = 1,
    padding: Padding = 0,
    dilation: int = 1,
    groups: int = 1,
    padding_mode: str = "zeros",
    causal: bool = False,
) -> Conv1dParams:
    """Check tensors and arguments the way ``nn.Conv1d`` would and return the validated configuration."""
    groups = torch_int("groups", groups, one_tuple=False)
    _check_arrays(x, weight, bias, weight.shape[0] if weight.ndim == 3 else 0)
    out_channels, per_group, kernel_size = weight.shape
    params = Conv1dParams(
        in_channels=per_group * groups,
        out_channels=out_channels,
        kernel_size=kernel_size,
        stride=stride,
        padding=padding,
        padding_mode=padding_mode,
        dilation=dilation,
        groups=groups,
        bias=bias is not None,
        causal=causal,
    )
    if groups >= 1 and out_channels % groups:
        raise ConvVizError("weight_groups", weight_shape=_shape(weight), out=out_channels, groups=groups)
    params.check()
    channels = x.shape[-2]
    if channels != params.in_channels:
        raise ConvVizError(
            "channels_mismatch",
            groups=groups,
            weight_shape=_shape(weight),
            input_shape=_shape(x),
            expected=params.in_channels,
            got=channels,
        )
    params.validate(x.shape[-1])
    return params


def checked(params: Conv1dParams, x: np.ndarray, weight: np.ndarray, bias: np.ndarray | None) -> Conv1dParams:
    """``params`` checked against these tensors exactly as ``conv1d`` checks its arguments."""
    p = params
    return conv_params(x, weight, bias, p.stride, p.padding, p.dilation, p.groups, p.padding_mode, p.causal)


def pad(x: np.ndarray, geometry: ConvGeometry) -> np.ndarray:
    """(N, C, L) → (N, C, L + pads): the kept input copied, each pad cell gathered through the index map.

    A negative pad crops that many cells from its end (torch's ``F.pad``, which ``nn.Conv1d``
    calls for the non-zeros modes).
    """
    n, c, length = x.shape
    if geometry.pad_left == geometry.pad_right == 0:  # nothing to gather: skip a full copy of the input
        return np.ascontiguousarray(x)
    out = np.empty((n, c, geometry.padded_length), dtype=x.dtype)
    kept = slice(max(-geometry.pad_left, 0), length - max(-geometry.pad_right, 0))
    start = max(geometry.pad_left, 0)
    end = start + kept.stop - kept.start
    out[..., start:end] = x[..., kept]
    for cells in (slice(0, start), slice(end, geometry.padded_length)):
        index = geometry.padded[cells]
        out[..., cells] = np.where(index == ZERO, 0, x[..., np.maximum(index, 0)])
    return out


def _bytes(params: Conv1dParams, shape: tuple[int, ...]) -> int:
    """What a convolution of (N, C_in, L) holds at once: padded input, its index map and output, 8 B a cell."""
    n, length = shape[0], shape[-1]
    padded = length + sum(params.pads())
    return 8 * (n * params.in_channels * padded + padded + n * params.out_channels * params.output_length(length))


def _geometry(params: Conv1dParams, shape: tuple[int, ...]) -> ConvGeometry:
    """``conv_geometry`` once the padded input, its index map and the output are known to fit in memory."""
    _check_size(_bytes(params, shape))
    try:
        return conv_geometry(params, shape[-1])
    except MemoryError as err:
        raise _too_big(_bytes(params, shape)) from err


def _for_strategies(params: Conv1dParams, out_length: int) -> Conv1dParams:
    """``params`` with a stride that cannot matter (one output) and a dilation that cannot (one tap) set to 1.

    torch accepts any int64 there (stride=2**63−1 gives one window); memory strides cannot hold it.
    """
    stride = params.stride if out_length > 1 else 1
    dilation = params.dilation if params.kernel_size > 1 else 1
    if (stride, dilation) == (params.stride, params.dilation):
        return params
    return replace(params, stride=stride, dilation=dilation)


def conv1d(
    x: np.ndarray,
    weight: np.ndarray,
    bias: np.ndarray | None = None,
    stride: int = 1,
    padding: Padding = 0,
    dilation: int = 1,
    groups: int = 1,
    padding_mode: str = "zeros",
    *,
    causal: bool = False,
    strategy: str | None = None,
) -> np.ndarray:
    """``torch.nn.Conv1d`` with this weight and bias: (N, C_in, L) or (C_in, L) in, same rank out.

    ``causal`` pads dilation·(kernel_size − 1) cells on the left only (an app
    option). ``strategy`` forces one of ``STRATEGIES`` (for the benchmark);
    ``None`` picks by shape. Raises ``ConvVizError`` wherever torch raises.
    """
    params = conv_params(x, weight, bias, stride, padding, dilation, groups, padding_mode, causal)
    xb = batched(x)
    geometry = _geometry(params, xb.shape)
    try:
        with np.errstate(invalid="ignore", over="ignore"):  # NaN and inf propagate quietly, as in torch
            xp = pad(xb, geometry)
            run = _for_strategies(params, geometry.out_length)
            name = strategy or choose_strategy(run, xb.shape[0], geometry.out_length)
            y = STRATEGIES[name](xp, weight, bias, run, geometry.out_length)  # bias added tile by tile, in cache
    except MemoryError as err:  # under the machine's memory, yet more than is free now
        raise _too_big(_bytes(params, xb.shape)) from err
    return y[0] if x.ndim == 2 else y


@dataclass(frozen=True)
class Term:
    """One product of the sum behind an output value."""

    channel: int  # input channel
    tap: int  # kernel tap k
    padded_index: int  # slot in the padded input: t·stride + k·dilation
    source: int  # input index it reads, or ZERO for a zero pad
    x: float
    w: float

    @property
    def product(self) -> float:
        return self.x * self.w


@dataclass(frozen=True)
class Explanation:
    """y[n, o, t] written out: the terms, the bias and their total, in the engine's dtype."""

    n: int
    o: int
    t: int
    terms: tuple[Term, ...]
    bias: float | None
    partial_sums: tuple[float, ...]  # running sum after each term, as a student would add them
    total: float


def explain(
    x: np.ndarray,
    weight: np.ndarray,
    bias: np.ndarray | None = None,
    stride: int = 1,
    padding: Padding = 0,
    dilation: int = 1,
    groups: int = 1,
    padding_mode: str = "zeros",
    *,
    causal: bool = False,
    at: tuple[int, int, int] = (0, 0, 0),
) -> Explanation:
    """The terms of output cell ``at`` = (n, o, t), read through the same geometry the engine uses.

    For unbatched input use n = 0.
    """
    params = conv_params(x, weight, bias, stride, padding, dilation, groups, padding_mode, causal)
    xb = batched(x)
    geometry = _geometry(params, xb.shape)
    n, o, t = at
    if not (0 <= n < xb.shape[0] and 0 <= o < params.out_channels and 0 <= t < geometry.out_length):
        raise IndexError(f"output cell {at} is outside ({xb.shape[0]}, {params.out_channels}, {geometry.out_length})")
    per_group = params.in_channels // params.groups
    first = (o // (params.out_channels // params.groups)) * per_group
    dtype = x.dtype.type
    terms = []
    slots, sources = geometry.window(t).tolist(), geometry.source(t).tolist()
    for c in range(per_group):
        for k in range(params.kernel_size):
            source = sources[k]
            xv = xb[n, first + c, source] if source != ZERO else dtype(0)
            terms.append(Term(first + c, k, slots[k], source, float(xv), float(weight[o, c, k])))
    products = np.array([tm.x * tm.w for tm in terms], dtype=x.dtype)
    partial = np.cumsum(products, dtype=x.dtype)
    b = None if bias is None else float(bias[o])
    total = partial[-1] + (dtype(b) if b is not None else dtype(0))
    return Explanation(n, o, t, tuple(terms), b, tuple(float(p) for p in partial), float(total))


def conv_transpose1d(
    x: np.ndarray,
    weight: np.ndarray,
    bias: np.ndarray | None = None,
    stride: int = 1,
    padding: int = 0,
    output_padding: int = 0,
    groups: int = 1,
    dilation: int = 1,
) -> np.ndarray:
    """``F.conv_transpose1d``: every input cell adds a scaled copy of the kernel into the output.

    Loops over the K taps only: tap k of every input position lands at
    i·stride + k·dilation, one strided slice per tap, then ``padding`` cells
    are cropped from each end.
    """
    groups = torch_int("groups", groups, one_tuple=False)
    _check_arrays(x, weight, bias, weight.shape[1] * groups if weight.ndim == 3 else 0)
    in_channels, per_group_out, kernel_size = weight.shape
    params = ConvTranspose1dParams(
        in_channels=in_channels,
        out_channels=per_group_out * groups,
        kernel_size=kernel_size,
        stride=stride,
        padding=padding,
        output_padding=output_padding,
        groups=groups,
        bias=bias is not None,
        dilation=dilation,
    )
    params.check()
    if x.ndim not in (2, 3):
        raise ConvVizError("input_dims", shape=_shape(x))
    if x.shape[-2] != in_channels:
        raise ConvVizError(
            "channels_mismatch",
            groups=groups,
            weight_shape=_shape(weight),
            input_shape=_shape(x),
            expected=in_channels,
            got=x.shape[-2],
        )
    length = x.shape[-1]
    params.validate(length)
    stride, padding, dilation = params.stride, params.padding, params.dilation
    xb = batched(x)
    n = xb.shape[0]
    per_group_in = in_channels // groups
    # (groups, per_group_out, per_group_in, K): each group's kernel, output channels first for matmul
    wg = weight.reshape(groups, per_group_in, per_group_out, kernel_size).transpose(0, 2, 1, 3)
    xg = xb.reshape(n, groups, per_group_in, length)
    full_length = (length - 1) * stride + dilation * (kernel_size - 1) + 1 + params.output_padding
    _check_size(n * params.out_channels * full_length * x.itemsize)
    full = np.zeros((n, groups, per_group_out, full_length), x.dtype)
    with np.errstate(invalid="ignore", over="ignore"):  # NaN and inf propagate quietly, as in torch
        for k in range(kernel_size):
            start = k * dilation
            full[..., start : start + (length - 1) * stride + 1 : stride] += wg[None, :, :, :, k] @ xg
    # explicit length, not -1: an empty batch has nothing to infer it from
    out_length = params.output_length(length)
    out = full[..., padding : padding + out_length].reshape(n, params.out_channels, out_length)
    if bias is not None:
        out = out + bias[:, None]
    return out[0] if x.ndim == 2 else np.ascontiguousarray(out)


def apply(
    params: Conv1dParams | ConvTranspose1dParams, x: np.ndarray, weight: np.ndarray, bias: np.ndarray | None
) -> np.ndarray:
    """The layer ``params`` describes, run on these tensors: the package's own call, one argument per idea.

    ``conv1d`` and ``conv_transpose1d`` keep torch's argument lists for learners; code that already holds
    the layer's params passes them whole (a causal Conv1d pads on the left, as ``conv1d`` does).
    """
    p = params
    if isinstance(p, ConvTranspose1dParams):
        return conv_transpose1d(x, weight, bias, p.stride, p.padding, p.output_padding, p.groups, p.dilation)
    return conv1d(x, weight, bias, p.stride, p.padding, p.dilation, p.groups, p.padding_mode, causal=p.causal)

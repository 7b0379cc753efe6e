"""ConvTranspose1d against its Conv1d: lengths, overlapping writes, the gradient, the round trip.

The Conv1d here has the same kernel_size, stride, padding, dilation and groups
with the channel counts swapped, so one weight tensor fits both: Conv1d stores
(out, in/groups, K), ConvTranspose1d (in, out/groups, K). NumPy and the
standard library only; torch's side of each check lives in ``reference``.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from conv_viz import engine
from conv_viz.core.geometry import ZERO
from conv_viz.core.params import Conv1dParams, ConvTranspose1dParams, transposed_output_length


def companion(params: ConvTranspose1dParams) -> Conv1dParams:
    """The Conv1d whose input gradient this ConvTranspose1d computes (no bias: it has no input gradient)."""
    return Conv1dParams(
        in_channels=params.out_channels,
        out_channels=params.in_channels,
        kernel_size=params.kernel_size,
        stride=params.stride,
        padding=params.padding,
        dilation=params.dilation,
        groups=params.groups,
        bias=False,
    )


# ---------------------------------------------------------------- lengths and output_padding


def conv_preimage(params: ConvTranspose1dParams, length: int) -> range:
    """Every input length the companion Conv1d maps to ``length``: stride of them, the floor forgets which.

    >>> list(conv_preimage(ConvTranspose1dParams(kernel_size=3, stride=2), 12))
    [25, 26]
    """
    first = transposed_output_length(length, params.kernel_size, params.stride, params.padding, 0, params.dilation)
    return range(max(first, 1), first + params.stride)


@dataclass(frozen=True)
class LengthChoice:
    """One allowed output_padding: the length it gives and what the Conv1d maps that length back to."""

    output_padding: int
    length: int  # ConvTranspose1d's L_out
    conv_length: int  # the companion Conv1d's output length on an input of ``length``


def output_padding_choices(params: ConvTranspose1dParams, length: int) -> list[LengthChoice]:
    """One row per output_padding torch allows (0 … max(stride, dilation) − 1).

    >>> [(c.length, c.conv_length) for c in output_padding_choices(ConvTranspose1dParams(stride=2), 12)]
    [(25, 12), (26, 12)]
    """
    conv = companion(params)
    rows = []
    for op in range(max(params.stride, params.dilation)):
        out = transposed_output_length(length, params.kernel_size, params.stride, params.padding, op, params.dilation)
        rows.append(LengthChoice(op, out, conv.output_length(out) if out >= 1 else 0))
    return rows


# ---------------------------------------------------------------- overlapping writes


def overlap_counts(scatter: np.ndarray, out_length: int) -> np.ndarray:
    """How many (input position, tap) pairs write each output cell, read off the scatter map.

    >>> overlap_counts(np.array([[0, 1, 2], [2, 3, 4]]), 5).tolist()
    [1, 1, 2, 1, 1]
    """
    return np.bincount(scatter[scatter != ZERO], minlength=out_length)


def interior_pattern(params: ConvTranspose1dParams) -> tuple[int, ...]:
    """Writes per output cell away from the edges, for t mod stride = 0, 1, …: the period-stride pattern.

    Cell j of the uncropped output gets tap k of input i when j = i·stride + k·dilation,
    so far from the edges it gets one write per tap with k·dilation ≡ j (mod stride);
    the output starts ``padding`` cells in, which only rotates the pattern.

    >>> interior_pattern(ConvTranspose1dParams(kernel_size=3, stride=2))
    (2, 1)
    >>> interior_pattern(ConvTranspose1dParams(kernel_size=4, stride=2))
    (2, 2)
    """
    s = params.stride
    by_phase = np.bincount((np.arange(params.kernel_size) * params.dilation) % s, minlength=s)
    return tuple(int(by_phase[(r + params.padding) % s]) for r in range(s))


def checkerboard_reason(params: ConvTranspose1dParams) -> str:
    """Why the interior is even or not: 'divides' / 'not_multiple' / 'dilation' (a message key suffix).

    Taps land on phases k·dilation mod stride; with gcd(dilation, stride) = 1 they
    cycle through every phase, so the split is even exactly when stride divides K.
    """
    if math.gcd(params.dilation, params.stride) > 1:
        return "dilation"
    return "divides" if params.kernel_size % params.stride == 0 else "not_multiple"


# ---------------------------------------------------------------- gradient and round trip


@dataclass(frozen=True)
class Adjoint:
    """conv_transpose1d(g) as the gradient of conv1d at z, and conv_transpose1d(conv1d(z)) as a (non-)inverse."""

    z: np.ndarray  # a Conv1d input (N, C_out, L_out): any values, the gradient does not depend on them
    cotangent: np.ndarray  # this page's x, zero-padded to conv1d(z)'s length (only when output_padding ≥ stride)
    gradient: np.ndarray  # engine: conv_transpose1d(x, weight) without bias
    conv_length: int  # length of conv1d(z)
    inner_conv: float  # ⟨conv1d(z), g⟩
    inner_transposed: float  # ⟨z, conv_transpose1d(g)⟩: equal, the definition of a transpose
    round_trip: np.ndarray  # conv_transpose1d(conv1d(z)) with the output_padding that gives z's length back
    round_trip_padding: int


def adjoint(params: ConvTranspose1dParams, x: np.ndarray, weight: np.ndarray, z: np.ndarray) -> Adjoint:
    """Both identities on the engine, for input ``x`` (N, C_in, L_in) and a Conv1d input ``z`` (N, C_out, L_out)."""
    p = params
    gradient = engine.conv_transpose1d(x, weight, None, p.stride, p.padding, p.output_padding, p.groups, p.dilation)
    forward = engine.conv1d(z, weight, None, p.stride, p.padding, p.dilation, p.groups)
    conv_length = forward.shape[-1]
    # output_padding ≥ stride (allowed when dilation > stride) makes L_out long enough for more Conv1d outputs;
    # those extra outputs get a zero cotangent, so the gradient is unchanged
    cotangent = np.concatenate([x, np.zeros((*x.shape[:-1], conv_length - x.shape[-1]), x.dtype)], axis=-1)
    back_padding = z.shape[-1] - transposed_output_length(
        conv_length, p.kernel_size, p.stride, p.padding, 0, p.dilation
    )
    back = engine.conv_transpose1d(forward, weight, None, p.stride, p.padding, back_padding, p.groups, p.dilation)
    return Adjoint(
        z=z,
        cotangent=cotangent,
        gradient=gradient,
        conv_length=conv_length,
        inner_conv=float(np.sum(forward * cotangent)),
        inner_transposed=float(np.sum(z * gradient)),
        round_trip=back,
        round_trip_padding=back_padding,
    )

"""Vectorised ways to compute a convolution over an already padded input.

Every strategy takes the padded input ``xp`` (N, C_in, L_padded), the weight
(C_out, C_in/groups, K), the bias (or None), the configuration and L_out, and
returns the output (N, C_out, L_out) in the input's dtype. They differ only in
how the work is laid out for BLAS, for NumPy's elementwise loops or for the FFT;
``python -m tests.perf.engine`` times each one and shows which ``choose_strategy``
picks. The BLAS strategies work tile by tile so their scratch stays in cache and
memory stays bounded on a small host. NumPy only.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

import numpy as np
from numpy.lib.stride_tricks import as_strided

from conv_viz.core.params import Conv1dParams

Strategy = Callable[[np.ndarray, np.ndarray, np.ndarray | None, Conv1dParams, int], np.ndarray]

# Scratch per tile. Measured on the bench shapes (2 cores, 1 MB L2 each, 32 MB L3): 1 MB tiles lose
# 10–50 % to per-call overhead; 16 MB gains ≤ 12 % on the largest shapes but loses 25–60 % on small
# ones ("same", depthwise) as tiles spill out of cache; 4 MB is at or near the best everywhere.
_TILE_BYTES = 4 * 2**20
# Overlap-save FFT length: the smallest fast length ≥ max(_FFT_BLOCK, _FFT_SPANS × window span). Measured
# (L=48000, C_in→C_out 1→16 and 8→8, K=63…801, both dtypes): 1024 beats 512 by 5–25 % and 2048 or
# longer fixed blocks for short windows (8→8, K=101: 1.2 vs 1.3 at 512 and 1.9 at 4096 ms, float32);
# long windows need blocks of ~8 spans so the overlap stays small (1→16, K=401: 2.4 ms vs 2.8 at 4 spans).
_FFT_BLOCK = 1024
_FFT_SPANS = 8
_FFT_BYTES = 64 * 2**20  # spectra held at once: bounds memory on a 0.7 GB host


def _grouped(xp: np.ndarray, weight: np.ndarray, groups: int) -> tuple[np.ndarray, np.ndarray]:
    """(N, G, C_in/G, L) input and (G, C_out/G, C_in/G, K) weight: groups become a batch axis."""
    n, _, length = xp.shape
    o, per_group, k = weight.shape
    return xp.reshape(n, groups, per_group, length), weight.reshape(groups, o // groups, per_group, k)


def _bias(bias: np.ndarray | None, groups: int) -> np.ndarray | None:
    """The bias shaped (G, C_out/G, 1), to add to a (…, G, C_out/G, L) block."""
    return None if bias is None else bias.reshape(groups, -1, 1)


def _tiles(n: int, out_length: int, column_bytes: int) -> Iterator[tuple[slice, slice]]:
    """(items, output columns) blocks of about ``_TILE_BYTES``: whole items when one fits, else parts of one."""
    width = max(1, _TILE_BYTES // max(column_bytes, 1))
    if width >= out_length:
        items = width // out_length
        for i in range(0, n, items):
            yield slice(i, min(i + items, n)), slice(0, out_length)
        return
    for i in range(n):
        for t in range(0, out_length, width):
            yield slice(i, i + 1), slice(t, min(t + width, out_length))


def _windows(xg: np.ndarray, p: Conv1dParams, out_length: int) -> np.ndarray:
    """(N, G, C/G, K, L_out) read-only strided view: the window map as memory strides."""
    s = xg.strides
    shape = (*xg.shape[:3], p.kernel_size, out_length)
    return as_strided(xg, shape, (*s[:3], s[3] * p.dilation, s[3] * p.stride), writeable=False)


def im2col(xp: np.ndarray, weight: np.ndarray, bias: np.ndarray | None, p: Conv1dParams, out_length: int) -> np.ndarray:
    """W (C_out, C_in·K) @ columns (C_in·K, L_out): one deep product per tile. The all-rounder.

    The bias rides along as one more input row that is always 1 (and one more weight column):
    adding it afterwards was a separate pass over the output, 5–20 % of the time on the bench shapes.
    """
    xg, wg = _grouped(xp, weight, p.groups)
    n, g, per_group, _ = xg.shape
    depth = per_group * p.kernel_size
    rows = depth + (bias is not None)
    w2 = wg.reshape(g, wg.shape[1], depth)
    if bias is not None:
        w2 = np.concatenate([w2, bias.reshape(g, -1, 1)], axis=2)
    view = _windows(xg, p, out_length)
    y = np.empty((n, g, wg.shape[1], out_length), dtype=xp.dtype)
    # one reused buffer: a fresh multi-MB array per tile costs page faults (measured 2× slower, filter bank)
    buffer = np.empty(max(_TILE_BYTES // xp.itemsize, g * rows), dtype=xp.dtype)
    for items, cols in _tiles(n, out_length, g * rows * xp.itemsize):
        block = view[items, ..., cols]
        columns = buffer[: block.size // depth * rows].reshape(*block.shape[:2], rows, block.shape[-1])
        np.copyto(columns[:, :, :depth].reshape(block.shape), block)
        if bias is not None:
            columns[:, :, depth] = 1
        np.matmul(w2, columns, out=y[items, ..., cols])
    return y.reshape(n, p.out_channels, out_length)


def per_tap_gemm(
    xp: np.ndarray, weight: np.ndarray, bias: np.ndarray | None, p: Conv1dParams, out_length: int
) -> np.ndarray:
    """Σ_k W[:, :, k] @ X_k, tile by tile — no im2col copy. For K = 1, and many inputs feeding few outputs."""
    xg, wg = _grouped(xp, weight, p.groups)
    n, g, per_group, _ = xg.shape
    per_out = wg.shape[1]
    taps = np.ascontiguousarray(wg.transpose(3, 0, 1, 2))  # (K, G, C_out/G, C_in/G): one matrix per tap
    b = _bias(bias, g)
    y = np.empty((n, g, per_out, out_length), dtype=xp.dtype)
    scratch = np.empty(_TILE_BYTES // xp.itemsize + g * per_out, dtype=xp.dtype)
    for items, cols in _tiles(n, out_length, g * (per_group + 2 * per_out) * xp.itemsize):
        out = y[items, ..., cols]
        product = scratch[: out.size].reshape(out.shape)
        width = cols.stop - cols.start
        for k in range(p.kernel_size):
            start = cols.start * p.stride + k * p.dilation
            tap = xg[items, ..., start : start + p.stride * (width - 1) + 1 : p.stride]
            if p.stride > 1:  # matmul on a strided operand: 2× slower than copy + product (64×64 @ 64×16000)
                tap = np.ascontiguousarray(tap)
            np.matmul(taps[k], tap, out=out if k == 0 else product)
            if k:
                out += product
        if b is not None:
            out += b
    return y.reshape(n, p.out_channels, out_length)


def elementwise(
    xp: np.ndarray, weight: np.ndarray, bias: np.ndarray | None, p: Conv1dParams, out_length: int
) -> np.ndarray:
    """Σ_c Σ_k w[o, c, k] · x_c,k — plain multiply-adds, no BLAS. For K = 1 with one input per group: a scale."""
    xg, wg = _grouped(xp, weight, p.groups)
    y = np.empty((xp.shape[0], p.groups, wg.shape[1], out_length), dtype=xp.dtype)
    scratch = np.empty_like(y)
    first = True
    for k in range(p.kernel_size):
        start = k * p.dilation
        tap = xg[..., start : start + p.stride * (out_length - 1) + 1 : p.stride]
        for c in range(wg.shape[2]):  # one pass per input channel of a group: a single one when depthwise
            # (G, C_out/G, 1) weights times (N, G, 1, L_out) inputs, broadcast over the group's outputs;
            # the first product lands in y itself, which saves zero-filling it
            np.multiply(wg[:, :, c, k, None], tap[:, :, c : c + 1], out=y if first else scratch)
            if not first:
                y += scratch
            first = False
    if bias is not None:
        y += _bias(bias, p.groups)
    return y.reshape(xp.shape[0], p.out_channels, out_length)


def _fast_length(n: int) -> int:
    """The smallest 2^a·3^b·5^c ≥ n: FFT lengths NumPy's pocketfft handles fastest."""
    best = 1 << (n - 1).bit_length()
    p5 = 1
    while p5 < best:
        p35 = p5
        while p35 < best:
            m = p35
            while m < n:
                m *= 2
            best = min(best, m)
            p35 *= 3
        p5 *= 5
    return best


def _fft_safe(xp: np.ndarray, weight: np.ndarray, p: Conv1dParams) -> bool:
    """Whether the FFT can give every cell the value and the finiteness a direct sum gives.

    A spectrum mixes every input of a block, so one NaN or inf would reach cells that never read it,
    and terms near the dtype's largest value could overflow there and not in the direct sum. Both are
    ruled out when Σ|terms| of every cell, bounded by max|x|·max|w|·(C_in/groups)·K, stays far below
    float64's largest value (a NaN makes the comparison False).
    """
    terms = float(np.max(np.abs(xp), initial=0.0)) * float(np.max(np.abs(weight), initial=0.0))
    bound = terms * (p.in_channels // p.groups) * p.kernel_size
    limit = float(np.finfo(np.float32).max) if xp.dtype == np.float32 else 2.0**-40 * float(np.finfo(np.float64).max)
    return bound < limit


def _zero_windows(xg: np.ndarray, wg: np.ndarray, p: Conv1dParams, out_length: int) -> np.ndarray | None:
    """(N, G, C_out/G, L_out) True where every term of the sum is a zero (None: no such cell).

    A direct sum is exactly 0 there (torch's too), while an FFT leaves the block's rounding noise.
    Sound, not exhaustive: the taps from an output channel's first to its last nonzero one count, and
    an input position counts when any channel of the group is nonzero there. Counted with running sums
    along each residue class mod dilation, read through strided slices: no window is materialised.
    """
    n, g, _, length = xg.shape
    d, s, t = p.dilation, p.stride, out_length
    rows = -(-length // d)
    nonzero = np.zeros((n, g, rows * d), dtype=np.int32)
    nonzero[..., :length] = (xg != 0).any(axis=2)
    # running[d + j] = how many nonzero positions ≤ j share j's residue mod d; running[:d] = 0
    running = np.zeros((n, g, d + rows * d), dtype=np.int32)
    np.cumsum(nonzero.reshape(n, g, rows, d), axis=2, out=running[:, :, d:].reshape(n, g, rows, d))
    taps = (wg != 0).any(axis=2)  # (G, C_out/G, K)
    first = np.where(taps.any(axis=-1), taps.argmax(axis=-1), p.kernel_size)  # no nonzero tap: an empty range
    last = np.maximum(p.kernel_size - 1 - taps[..., ::-1].argmax(axis=-1), first - 1)
    zero = np.zeros((n, g, wg.shape[1], t), dtype=bool)
    for lo, hi in set(zip(first.ravel().tolist(), last.ravel().tolist(), strict=True)):
        # nonzero inputs on taps lo..hi of position i: running[i·s + (hi + 1)·d] − running[i·s + lo·d]
        end, begin = (hi + 1) * d, lo * d
        empty = running[..., end : end + s * (t - 1) + 1 : s] == running[..., begin : begin + s * (t - 1) + 1 : s]
        same = (first == lo) & (last == hi)  # (G, C_out/G): the output channels with this tap range
        zero |= empty[:, :, None, :] & same[None, :, :, None]
    return zero if zero.any() else None


def fft(xp: np.ndarray, weight: np.ndarray, bias: np.ndarray | None, p: Conv1dParams, out_length: int) -> np.ndarray:
    """Cross-correlation as a product of spectra, block by block (overlap-save). For long kernels.

    Exact where the direct sum is: spectra are float64 for float32 input too (a float32 spectrum errs
    by the block's largest value, up to 1e-3 relative in the small cells near the edges, so the
    float64 result is rounded once), cells whose every term is a zero are set to exactly 0, and inputs
    the FFT cannot keep apart (NaN, inf, near-overflow: ``_fft_safe``) go to ``im2col`` instead.
    """
    if not _fft_safe(xp, weight, p):
        return im2col(xp, weight, bias, p, out_length)
    xg, wg = _grouped(xp, weight, p.groups)
    n, g, per_group, length = xg.shape
    span, per_out = p.span, wg.shape[1]
    needed = p.stride * (out_length - 1) + 1  # every stride-1 position up to the last kept one
    size = min(_fast_length(max(_FFT_BLOCK, _FFT_SPANS * span)), _fast_length(needed + span - 1))
    step = size - span + 1  # outputs per block: circular wrap-around spoils only the last span − 1
    blocks = -(-needed // step)
    extended = np.zeros((n, g, per_group, (blocks - 1) * step + size))
    extended[..., : min(length, extended.shape[-1])] = xg[..., : extended.shape[-1]]
    s = extended.strides
    chunks = as_strided(extended, (n, g, per_group, blocks, size), (*s[:3], s[3] * step, s[3]), writeable=False)
    dilated = np.zeros((g, per_out, per_group, span))
    dilated[..., :: p.dilation] = wg
    wf = np.conj(np.fft.rfft(dilated, size))  # correlation = product with the conjugate spectrum
    y = np.empty((n, g, per_out, out_length), dtype=xp.dtype)
    item_bytes = 16 * (size // 2 + 1) * blocks * g * (per_group + per_out)
    items = max(1, _FFT_BYTES // max(item_bytes, 1))
    for i in range(0, n, items):
        xf = np.fft.rfft(chunks[i : i + items], axis=-1)
        yf = np.einsum("ngcbf,gocf->ngobf", xf, wf, optimize=True)
        full = np.fft.irfft(yf, size, axis=-1)[..., :step].reshape(*yf.shape[:3], blocks * step)
        y[i : i + items] = full[..., : needed : p.stride]
    zero = _zero_windows(xg, wg, p, out_length)
    if zero is not None:
        y[zero] = 0
    if bias is not None:
        y += _bias(bias, g)
    return y.reshape(n, p.out_channels, out_length)


STRATEGIES: dict[str, Strategy] = {
    "im2col": im2col,
    "per_tap_gemm": per_tap_gemm,
    "elementwise": elementwise,
    "fft": fft,
}


def _fft_span(per_in: int, per_out: int) -> int:
    """The window span from which the FFT beats the BLAS strategies at stride 1, measured on a grid.

    Grid: N=1, L=16000, C_in/groups ∈ {1, 4, 16, 64}, C_out/groups ∈ {8, 16, 64}, K from 1 to 255,
    both dtypes (ms below are float32). im2col copies C_in/groups·K rows once for all the outputs of a
    group, so the more outputs share the copy, the longer the window before the FFT pays off:
    one input channel: 1→8 from K≈63 (0.50 vs 1.7 ms), 1→16 at K=101 a tie (0.57 vs 0.69), 1→64 never
    up to 255 (2.4 vs 4.7), depthwise from K≈48 (6.4 vs 7.2); several: 4→8 and 16→8 from K≈32–47
    (16→8, K=47: 1.8 vs per-tap 3.0), 16→64 and 64→64 from K≈48–63 (64→64, K=63: 33 vs 40), 4→64
    still not at K=63 (im2col 2.7 vs 4.7).
    """
    if per_in == 1:
        return max(48, 8 * per_out)
    if per_out <= 16:
        return 32
    return 48 if per_in >= 16 else 96


def choose_strategy(p: Conv1dParams, batch: int, out_length: int) -> str:
    """The strategy the benchmark found fastest for shapes like this one (measurements in the comments).

    The same for both dtypes: the FFT's float64 spectra for float32 input (see ``fft``) cost 1.5–4×
    its float32 ones, yet it stays ahead wherever it was chosen except right at the threshold
    (``python -m tests.perf.engine`` shows the fastest strategy beside the chosen one).
    """
    per_in, per_out = p.in_channels // p.groups, p.out_channels // p.groups
    if p.kernel_size == 1:
        # one product and no window copy: per channel a scale (C_in=1→64: 0.16 vs im2col 1.8 ms), else
        # a single GEMM (64→64: 0.77 vs 1.3 ms; 16→8: 0.08 vs 0.21 ms, float32)
        return "elementwise" if per_in == 1 else "per_tap_gemm"
    # The FFT computes every stride-1 position, so stride s wastes (s−1)/s of its work; yet it stays
    # ahead where it won clearly (stride 2, 16→16, K=63: 2.8 vs 6.0 ms; 4→8, K=63: 0.8 vs 1.4).
    if 2 * p.span >= _fft_span(per_in, per_out) * (p.stride + 1):
        return "fft"
    if per_in >= 16 and 4 * per_out <= per_in:
        # many inputs, few outputs: K products of depth C_in/groups fill BLAS, and their K adds over the
        # small output cost less than im2col's copy of C_in/groups·K rows (N=1, L=16000: 64→8, K=31:
        # 5.4 vs 16 ms; 256→64, K=9: 6.0 vs 9.9 float32). With as many outputs as inputs im2col wins
        # (N=4, L=8192, interleaved: 64→64, K=9: 11.4 vs 15.0 float32, 24 vs 30 float64; 32→32, K=3:
        # 1.6 vs 2.5 and 3.1 vs 3.5); at half as many it is a tie (64→32: 0.87–1.04).
        return "per_tap_gemm"
    # everything else, depthwise included (64 groups, K=9: 1.8 vs elementwise 1.8 ms float32,
    # 5.2 vs 8.9 float64): the copy buys one deep product
    return "im2col"

"""Vectorised ways to compute a convolution over an already padded input.

Every strategy takes the padded input ``xp`` (N, C_in, L_padded), the weight
(C_out, C_in/groups, K), the configuration and L_out, and returns the output
(N, C_out, L_out) without bias, in the input's dtype. They differ only in how
the work is laid out for BLAS or for NumPy's elementwise loops; the benchmark
(``python -m conv_viz.bench``) times each one and shows which ``choose_strategy``
picks. NumPy only.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
from numpy.lib.stride_tricks import as_strided

from conv_viz.params import Conv1dParams

Strategy = Callable[[np.ndarray, np.ndarray, Conv1dParams, int], np.ndarray]

_IM2COL_BYTES = 64 * 2**20  # cap on one im2col buffer: bounds memory on a 0.7 GB host


def _grouped(xp: np.ndarray, weight: np.ndarray, groups: int) -> tuple[np.ndarray, np.ndarray]:
    """(N, G, C_in/G, L) input and (G, C_out/G, C_in/G, K) weight: groups become a batch axis."""
    n, c, length = xp.shape
    o, per_group, k = weight.shape
    return xp.reshape(n, groups, per_group, length), weight.reshape(groups, o // groups, per_group, k)


def _tap(xg: np.ndarray, k: int, p: Conv1dParams, out_length: int) -> np.ndarray:
    """The input cells tap k meets at every output position: a strided slice, no copy."""
    start = k * p.dilation
    return xg[..., start : start + p.stride * (out_length - 1) + 1 : p.stride]


def per_tap_gemm(xp: np.ndarray, weight: np.ndarray, p: Conv1dParams, out_length: int) -> np.ndarray:
    """Σ_k W[:, :, k] @ X_k — one matrix product per tap; no im2col copy. Wins with many channels."""
    xg, wg = _grouped(xp, weight, p.groups)
    y = np.zeros((xp.shape[0], p.groups, wg.shape[1], out_length), dtype=xp.dtype)
    for k in range(p.kernel_size):
        y += wg[..., k] @ _tap(xg, k, p, out_length)
    return y.reshape(xp.shape[0], p.out_channels, out_length)


def _windows(xg: np.ndarray, p: Conv1dParams, out_length: int) -> np.ndarray:
    """(N, G, C/G, K, L_out) read-only strided view: the window map as memory strides."""
    s = xg.strides
    shape = (*xg.shape[:3], p.kernel_size, out_length)
    return as_strided(xg, shape, (*s[:3], s[3] * p.dilation, s[3] * p.stride), writeable=False)


def im2col(xp: np.ndarray, weight: np.ndarray, p: Conv1dParams, out_length: int) -> np.ndarray:
    """W (C_out, C_in·K) @ columns (C_in·K, L_out): one deep product. Wins with few channels per group."""
    xg, wg = _grouped(xp, weight, p.groups)
    n, g, per_group, _ = xg.shape
    w2 = wg.reshape(g, wg.shape[1], per_group * p.kernel_size)
    view = _windows(xg, p, out_length)
    y = np.empty((n, g, wg.shape[1], out_length), dtype=xp.dtype)
    per_item = per_group * p.kernel_size * out_length * g * xp.itemsize  # from shapes: view[0] fails on an empty batch
    chunk = max(1, _IM2COL_BYTES // max(per_item, 1))
    for i in range(0, n, chunk):  # bounded buffers; usually one pass
        cols = view[i : i + chunk].reshape(-1, g, per_group * p.kernel_size, out_length)
        np.matmul(w2, cols, out=y[i : i + chunk])
    return y.reshape(n, p.out_channels, out_length)


def elementwise(xp: np.ndarray, weight: np.ndarray, p: Conv1dParams, out_length: int) -> np.ndarray:
    """Σ_c Σ_k w[o, c, k] · x_c,k — plain multiply-adds, no BLAS. Wins for depthwise (C_in/groups = 1)."""
    xg, wg = _grouped(xp, weight, p.groups)
    n = xp.shape[0]
    y = np.zeros((n, p.groups, wg.shape[1], out_length), dtype=xp.dtype)
    scratch = np.empty_like(y)
    for k in range(p.kernel_size):
        tap = _tap(xg, k, p, out_length)
        for c in range(wg.shape[2]):  # one pass per input channel of a group: a single one when depthwise
            # (G, C_out/G, 1) weights times (N, G, 1, L_out) inputs, broadcast over the group's outputs
            np.multiply(wg[:, :, c, k, None], tap[:, :, c : c + 1], out=scratch)
            y += scratch
    return y.reshape(n, p.out_channels, out_length)


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


def fft(xp: np.ndarray, weight: np.ndarray, p: Conv1dParams, out_length: int) -> np.ndarray:
    """Cross-correlation through the FFT in float64, cropped and strided. Wins for long kernels."""
    xg, wg = _grouped(xp, weight, p.groups)
    padded = xp.shape[-1]
    span = p.span
    dilated = np.zeros((*wg.shape[:3], span), dtype=np.float64)
    dilated[..., :: p.dilation] = wg
    # Circular correlation of length ≥ padded never wraps for the positions kept (t + j < padded).
    size = _fast_length(padded)
    xf = np.fft.rfft(xg.astype(np.float64, copy=False), size)
    wf = np.conj(np.fft.rfft(dilated, size))
    yf = np.einsum("ngcf,gocf->ngof", xf, wf, optimize=True)
    full = np.fft.irfft(yf, size)
    y = full[..., : (out_length - 1) * p.stride + 1 : p.stride]
    return y.reshape(xp.shape[0], p.out_channels, out_length).astype(xp.dtype)


STRATEGIES: dict[str, Strategy] = {
    "per_tap_gemm": per_tap_gemm,
    "im2col": im2col,
    "elementwise": elementwise,
    "fft": fft,
}


def choose_strategy(p: Conv1dParams, batch: int, out_length: int) -> str:
    """The strategy the benchmark found fastest for shapes like this one."""
    per_group = p.in_channels // p.groups
    if per_group == 1 and p.kernel_size < 64:
        return "elementwise"
    if p.kernel_size >= 48 and p.stride == 1:
        return "fft"
    if per_group >= 32:
        return "per_tap_gemm"
    return "im2col"

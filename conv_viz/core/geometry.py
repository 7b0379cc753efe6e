"""Integer geometry of a 1-D convolution, computed once and read by everyone.

The engine gathers with these maps, the animation highlights them and the
step-by-step table lists them, so what is drawn is what is computed.
Integers only; NumPy and the standard library only.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import numpy as np

from conv_viz.core.params import Conv1dParams, ConvTranspose1dParams

ZERO = -1
"""Source index of a padded slot that reads a zero (``padding_mode="zeros"`` and causal zeros)."""


def _frozen(a: np.ndarray) -> np.ndarray:
    a.setflags(write=False)  # cached and shared: nobody may write into it
    return a


def padded_index_map(length: int, pad_left: int, pad_right: int, mode: str) -> np.ndarray:
    """Which input index each padded slot reads (``ZERO`` for a zero), per torch's padding modes.

    >>> padded_index_map(4, 2, 2, "reflect").tolist()
    [2, 1, 0, 1, 2, 3, 2, 1]
    >>> padded_index_map(4, 2, 1, "circular").tolist()
    [2, 3, 0, 1, 2, 3, 0]
    """
    j = np.arange(-pad_left, length + pad_right)
    if mode == "zeros":
        return np.where((j >= 0) & (j < length), j, ZERO)
    if mode == "reflect":  # mirror about the edge cells, which are not repeated
        j = np.abs(j)
        return np.where(j < length, j, 2 * (length - 1) - j)
    if mode == "replicate":
        return np.clip(j, 0, length - 1)
    if mode == "circular":
        return j % length
    raise ValueError(f"unknown padding mode {mode!r}")  # params.check() rejects it first


def window_index_map(out_length: int, kernel_size: int, stride: int, dilation: int) -> np.ndarray:
    """(L_out, K) padded indices that output position t reads: t·stride + k·dilation.

    >>> window_index_map(3, 2, stride=2, dilation=3).tolist()
    [[0, 3], [2, 5], [4, 7]]
    """
    return np.arange(out_length)[:, None] * stride + np.arange(kernel_size)[None, :] * dilation


@dataclass(frozen=True)
class ConvGeometry:
    """Everything integer about one Conv1d configuration applied to one input length.

    The whole maps ``windows`` and ``sources`` hold L_out·K integers (77 MB for a
    48000-sample, 101-tap filter bank), so they are built on each use and never kept:
    only the unfold GEMM and the backward page's step ask for them. The animation and
    ``explain`` read one output position at a time (``window``, ``source``), the matrix
    page's T a block of rows (``source_at``), and the engine's fast paths read neither.
    """

    length: int
    pad_left: int
    pad_right: int
    out_length: int
    kernel_size: int
    stride: int
    dilation: int
    padded: np.ndarray  # (L + pads,) input index read by each padded slot, ZERO for a zero

    @property
    def padded_length(self) -> int:
        return self.length + self.pad_left + self.pad_right

    @property
    def windows(self) -> np.ndarray:
        """(L_out, K) padded slot read by each output position and tap."""
        return window_index_map(self.out_length, self.kernel_size, self.stride, self.dilation)

    @property
    def sources(self) -> np.ndarray:
        """(L_out, K) input index read by each output position and tap, ``ZERO`` for a zero."""
        sources: np.ndarray = self.padded[self.windows]
        return sources

    def window(self, t: int) -> np.ndarray:
        """(K,) the padded slots output position ``t`` reads: row ``t`` of ``windows``."""
        return t * self.stride + np.arange(self.kernel_size) * self.dilation

    def source(self, t: int) -> np.ndarray:
        """(K,) the input index each tap of output position ``t`` reads, ``ZERO`` for a zero."""
        return self.source_at(t, np.arange(self.kernel_size))

    def source_at(self, t: np.ndarray | int, k: np.ndarray) -> np.ndarray:
        """``sources[t, k]`` for index arrays that broadcast, without building the whole (L_out, K) map."""
        picked: np.ndarray = self.padded[t * self.stride + k * self.dilation]
        return picked


@lru_cache(maxsize=64)  # an entry keeps only its padded map: ≤ L + pads integers
def conv_geometry(params: Conv1dParams, length: int) -> ConvGeometry:
    """The index maps of ``params`` on an input of ``length``; call ``params.validate`` first.

    >>> g = conv_geometry(Conv1dParams(kernel_size=3, padding=1), 4)
    >>> g.padded.tolist(), g.out_length
    ([-1, 0, 1, 2, 3, -1], 4)
    >>> g.window(0).tolist(), g.source(0).tolist()
    ([0, 1, 2], [-1, 0, 1])
    >>> bool((g.windows[3] == g.window(3)).all() and (g.sources[3] == g.source(3)).all())
    True
    """
    left, right = params.pads()
    padded = padded_index_map(length, left, right, params.padding_mode)
    return ConvGeometry(
        length=length,
        pad_left=left,
        pad_right=right,
        out_length=params.output_length(length),
        kernel_size=params.kernel_size,
        stride=params.stride,
        dilation=params.dilation,
        padded=_frozen(padded),
    )


def group_of_output(out_channels: int, groups: int, o: int) -> int:
    """The group output channel ``o`` belongs to."""
    return o // (out_channels // groups)


def input_channels_of(in_channels: int, out_channels: int, groups: int, o: int) -> range:
    """Input channels output channel ``o`` reads: its group's slice of in_channels."""
    per_group = in_channels // groups
    g = group_of_output(out_channels, groups, o)
    return range(g * per_group, (g + 1) * per_group)


def wiring(in_channels: int, out_channels: int, groups: int) -> np.ndarray:
    """(out_channels, in_channels) booleans: True where the output channel reads the input channel."""
    out_group = np.arange(out_channels) // (out_channels // groups)
    in_group = np.arange(in_channels) // (in_channels // groups)
    return np.asarray(out_group[:, None] == in_group[None, :], dtype=bool)  # asarray: a typed result for mypy


def transposed_scatter_map(params: ConvTranspose1dParams, length: int) -> np.ndarray:
    """(L_in, K) output position each input position and tap writes to, ``ZERO`` where cropped away.

    Input cell i, tap k lands at i·stride + k·dilation − padding; ``padding`` crops
    that many cells from each end, ``output_padding`` adds cells on the right.
    """
    out_length = params.output_length(length)
    pos = np.arange(length)[:, None] * params.stride + np.arange(params.kernel_size)[None, :] * params.dilation
    pos = pos - params.padding
    return np.where((pos >= 0) & (pos < out_length), pos, ZERO)

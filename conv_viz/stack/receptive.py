"""Exact dependency sets: which cells of every tensor below it one output cell reads.

A boolean mask is pushed back through the stack, layer by layer, through the
same index maps the engine gathers with (``geometry.conv_geometry`` for
Conv1d, ``window_index_map`` / ``padded_index_map`` for pooling): a window
marks the padded slots it reads, and each slot marks the input cell it copies
(none for a zero, the mirrored cell for reflect, and so on). So padding cells
show up, and a copied cell counts once for every slot that copies it.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from conv_viz.core.geometry import ZERO, conv_geometry, padded_index_map, window_index_map
from conv_viz.stack.layers import Conv, Layer, Linear, MaxPool2d, Pool1d
from conv_viz.stack.trace import Trace


@dataclass(frozen=True)
class Dependencies:
    """masks[i]: cells of tensor i (0 = input, i = output of layer i) the chosen cell depends on."""

    layer: int  # the chosen layer, 1-based
    cell: tuple[int, int]  # index into the last two dimensions of its output
    masks: tuple[np.ndarray, ...]
    padded: tuple[np.ndarray | None, ...]  # padded[i − 1]: slots of layer i's padded input its windows read

    @property
    def input(self) -> np.ndarray:
        return self.masks[0]

    def reach(self) -> Reach:
        """Where the cell's inputs lie in item 0: how many cells, channels and which positions."""
        mask = self.input[0]
        positions = np.flatnonzero(mask.any(axis=0))
        return Reach(int(mask.sum()), int(mask.any(axis=1).sum()), positions)

    def agrees_with(self, gradient: np.ndarray) -> bool:
        """autograd's nonzero input gradient is exactly this dependency set (no max pooling on the way)."""
        return bool(np.array_equal(gradient, self.input))

    def covers(self, max_gradient: np.ndarray) -> bool:
        """Every cell autograd's gradient reaches through a max pool is in this set (max picks a subset)."""
        return bool(np.all(self.input | ~max_gradient))


@dataclass(frozen=True)
class Reach:
    """One cell's dependencies on the input, summarised: what the page's sentence says."""

    cells: int  # input cells (channel × position) read
    channels: int  # input channels read at all
    positions: np.ndarray  # positions read in any channel, ascending

    @property
    def span(self) -> tuple[int, int] | None:
        """First and last position read; None when the cell reads only padding."""
        return (int(self.positions[0]), int(self.positions[-1])) if self.positions.size else None

    @property
    def centre(self) -> float:
        return float(self.positions.mean()) if self.positions.size else 0.0


def gather(slots: np.ndarray, index_map: np.ndarray, length: int) -> np.ndarray:
    """Input cells read through padded slots: cell i is read when any slot whose map says i is.

    >>> gather(np.array([True, False, False, False, True]), np.array([1, 0, 1, 2, 1]), 3).tolist()
    [False, True, False]
    """
    source = np.where(index_map == ZERO, length, index_map)  # zeros land on a dummy cell, dropped below
    order = np.argsort(source, kind="stable")
    ordered = source[order]
    starts = np.flatnonzero(np.r_[True, ordered[1:] != ordered[:-1]])
    out = np.zeros((*slots.shape[:-1], length + 1), bool)
    out[..., ordered[starts]] = np.logical_or.reduceat(slots[..., order], starts, axis=-1)
    return out[..., :length]


def _spread(selected: np.ndarray, windows: np.ndarray, padded_length: int) -> np.ndarray:
    """Padded slots read by the selected output positions: slot windows[t, k] for every selected t."""
    slots = np.zeros((*selected.shape[:-1], padded_length), bool)
    for k in range(windows.shape[1]):
        slots[..., windows[:, k]] |= selected  # a column of the window map has no repeats
    return slots


def _batched(shape: tuple[int, ...], mask: np.ndarray) -> tuple[tuple[int, ...], np.ndarray]:
    """Conv1d and pooling see a 2-D tensor as one unbatched item."""
    return (shape, mask) if len(shape) == 3 else ((1, *shape), mask[None])


def _back(layer: Layer, in_shape: tuple[int, ...], out_mask: np.ndarray) -> tuple[np.ndarray, np.ndarray | None]:
    """The input mask (and the padded-slot mask, for windowed layers) behind ``out_mask``."""
    if isinstance(layer, Conv):
        p = layer.params
        (n, c, length), om = _batched(in_shape, out_mask)
        geometry = conv_geometry(p, length)
        groups = p.groups
        selected = np.asarray(
            om.reshape(n, groups, p.out_channels // groups, -1).any(axis=2)
        )  # all the group's channels
        windows = window_index_map(geometry.out_length, p.kernel_size, p.stride, p.dilation)
        slots = np.repeat(_spread(selected, windows, geometry.padded_length), c // groups, axis=1)
        in_mask = gather(slots, geometry.padded, length)
        return in_mask.reshape(in_shape), slots
    if isinstance(layer, Pool1d):
        (n, c, length), om = _batched(in_shape, out_mask)
        windows = window_index_map(om.shape[-1], layer.kernel_size, layer.stride, layer.dilation)
        index_map = padded_index_map(length, layer.padding, layer.padding, "zeros")
        slots = _spread(om, windows, index_map.size)
        return gather(slots, index_map, length).reshape(in_shape), slots
    if isinstance(layer, MaxPool2d):
        _, b, c = in_shape
        k, s = layer.kernel_size, layer.stride
        along_length = _spread(out_mask, window_index_map(out_mask.shape[2], k, s, 1), c)  # (N, C_out, L_in)
        along_channels = _spread(along_length.swapaxes(1, 2), window_index_map(out_mask.shape[1], k, s, 1), b)
        return along_channels.swapaxes(1, 2), None
    if isinstance(layer, Linear):
        return np.broadcast_to(out_mask.any(axis=-1, keepdims=True), in_shape).copy(), None
    return out_mask.reshape(in_shape), None  # ReLU is element-wise; Flatten only reshapes


def dependencies(t: Trace, layer: int, cell: tuple[int, int]) -> Dependencies:
    """Every cell below output cell ``cell`` (last two dims; batch item 0) of layer ``layer`` (1-based)."""
    steps = t.steps[:layer]
    shape = steps[-1].out_shape
    mask = np.zeros(shape, bool)
    mask[(0, *cell) if len(shape) == 3 else cell] = True
    masks, padded = [mask], []
    for step in reversed(steps):
        mask, slots = _back(step.placed.layer, step.in_shape, mask)
        masks.append(mask)
        padded.append(slots)
    return Dependencies(layer, cell, tuple(reversed(masks)), tuple(reversed(padded)))

"""Conv1d as one matrix product: vec(y) = T·vec(x) + b, with T built from the geometry's source map.

Row o·L_out + t of T is output cell y[o, t]; column c·L_in + i is input cell
x[c, i]. Tap k of that row reads ``geometry.sources[t, k]``: a zero-padding
slot reads nothing and drops out, while a reflect / replicate / circular slot
copies input cell i, so its weight ADDS into column c·L_in + i. Groups make T
block-structured: output channels of group g only have columns of group g's
input channels. T is kept sparse (one entry per distinct (row, column), taps
that land on the same cell summed), so the product checks the whole
configuration while only a window is ever drawn. NumPy only.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from conv_viz.core.geometry import ZERO, ConvGeometry
from conv_viz.core.params import Conv1dParams
from conv_viz.errors import ConvVizError

MAX_MATRIX_TERMS = 1_000_000  # C_out·L_out·(C_in/groups)·K taps per item: T holds ≤ 16 MB of entries
# Taps indexed at once while T is built (~80 bytes each with np.unique's sort): ~10 MB a block, not 80. The
# blocks are then joined into T, which is held twice for that moment (2 × 16 MB at the limit).
BLOCK_TERMS = 131_072


@dataclass(frozen=True)
class Toeplitz:
    """T in coordinate form, sorted by row then column."""

    shape: tuple[int, int]  # (C_out·L_out, C_in·L_in)
    rows: np.ndarray
    cols: np.ndarray
    values: np.ndarray  # the weight's dtype; an entry copied by several taps holds their sum

    @property
    def nnz(self) -> int:
        return int(self.rows.size)

    def row(self, r: int) -> tuple[np.ndarray, np.ndarray]:
        """(columns, values) of row ``r``'s non-zero entries."""
        lo, hi = np.searchsorted(self.rows, [r, r + 1])
        return self.cols[lo:hi], self.values[lo:hi]


def terms(params: Conv1dParams, out_length: int) -> int:
    """Taps behind every output of one item: C_out·L_out·(C_in/groups)·K."""
    return params.out_channels * out_length * (params.in_channels // params.groups) * params.kernel_size


def check_size(params: Conv1dParams, geometry: ConvGeometry) -> None:
    """Refuse a T the server should not build (the page shows the rule and which knob to lower)."""
    count = terms(params, geometry.out_length)
    if count > MAX_MATRIX_TERMS:
        formula = (
            f"{params.out_channels}·{geometry.out_length}·{params.in_channels // params.groups}·{params.kernel_size}"
        )
        raise ConvVizError(
            "matrix_too_big", terms=f"{count:,}", formula=formula, max=f"{MAX_MATRIX_TERMS:,}", length=geometry.length
        )


def tap_table(params: Conv1dParams, geometry: ConvGeometry, rows: range) -> dict[str, np.ndarray]:
    """Every tap of T's ``rows`` (row o·L_out + t) as flat arrays: row, column (−1 for a zero) and (o, c, k).

    ``c`` is the weight's channel index (0 … C_in/groups − 1), as in ``weight[o, c, k]``.
    """
    out_length = geometry.out_length
    per_group, per_out = params.in_channels // params.groups, params.out_channels // params.groups
    row, c, k = np.meshgrid(
        np.arange(rows.start, rows.stop, dtype=np.int32),
        np.arange(per_group, dtype=np.int32),
        np.arange(params.kernel_size, dtype=np.int32),
        indexing="ij",
    )  # int32: half the memory
    o, t = np.divmod(row, out_length)
    source = geometry.source_at(t, k)
    channel = (o // per_out) * per_group + c  # the input channel: this group's slice
    col = np.where(source == ZERO, -1, channel * geometry.length + source)
    return {"row": row.ravel(), "col": col.ravel(), "o": o.ravel(), "c": c.ravel(), "k": k.ravel()}


def build(params: Conv1dParams, geometry: ConvGeometry, weight: np.ndarray) -> Toeplitz:
    """T for ``weight`` (C_out, C_in/groups, K) on inputs of ``geometry.length``; call ``check_size`` first.

    Built a block of rows at a time: blocks are disjoint and in order, so they concatenate into T's sorted
    entries while only one block's index tables are alive (``BLOCK_TERMS`` taps).

    >>> from conv_viz.core.geometry import conv_geometry
    >>> p = Conv1dParams(1, 1, 2, padding=1, padding_mode="replicate")
    >>> t = build(p, conv_geometry(p, 3), np.array([[[1.0, 10.0]]]))
    >>> dense(t).tolist()
    [[11.0, 0.0, 0.0], [1.0, 10.0, 0.0], [0.0, 1.0, 10.0], [0.0, 0.0, 11.0]]
    """
    n_rows, n_cols = params.out_channels * geometry.out_length, params.in_channels * geometry.length
    index = np.int32 if max(n_rows, n_cols) < 2**31 else np.int64
    step = max(1, BLOCK_TERMS // (params.in_channels // params.groups * params.kernel_size))  # rows per block
    rows, cols, values = [], [], []
    for start in range(0, n_rows, step):
        taps = tap_table(params, geometry, range(start, min(start + step, n_rows)))
        keep = taps["col"] >= 0  # zero padding reads nothing: its taps are not in T
        key = taps["row"][keep].astype(np.int64) * n_cols + taps["col"][keep]
        weights = weight[taps["o"][keep], taps["c"][keep], taps["k"][keep]]
        unique, inverse = np.unique(key, return_inverse=True)  # taps landing on one cell add up
        values.append(np.bincount(inverse, weights=weights, minlength=unique.size).astype(weight.dtype))
        rows.append((unique // n_cols).astype(index))
        cols.append((unique % n_cols).astype(index))
    return Toeplitz((n_rows, n_cols), np.concatenate(rows), np.concatenate(cols), np.concatenate(values))


def dense(t: Toeplitz, rows: range | None = None, cols: range | None = None, empty: float = 0.0) -> np.ndarray:
    """T (or a window of it) as a dense float64 array; cells with no entry hold ``empty`` (NaN to blank them)."""
    rows = rows or range(t.shape[0])
    cols = cols or range(t.shape[1])
    out = np.full((len(rows), len(cols)), empty)
    inside = (t.rows >= rows.start) & (t.rows < rows.stop) & (t.cols >= cols.start) & (t.cols < cols.stop)
    out[t.rows[inside] - rows.start, t.cols[inside] - cols.start] = t.values[inside]
    return out


def apply(t: Toeplitz, x: np.ndarray, bias: np.ndarray | None, out_length: int) -> np.ndarray:
    """(N, C_in, L) → (N, C_out, L_out): T·vec(x[n]) + b for every item, from T's entries alone."""
    flat = x.reshape(x.shape[0], -1)
    out = np.empty((x.shape[0], t.shape[0]), dtype=np.float64)
    for n in range(x.shape[0]):  # one item at a time: memory stays at one row of products
        out[n] = np.bincount(t.rows, weights=t.values * flat[n, t.cols], minlength=t.shape[0])
    if bias is not None:
        out += np.repeat(bias.astype(np.float64), out_length)
    return out.reshape(x.shape[0], -1, out_length).astype(x.dtype)

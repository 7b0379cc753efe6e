"""The matrix page's numbers and their checks: T·vec(x) + b, the im2col GEMM and (kernel_size=1) the Linear.

Each product is computed on the whole batch and compared with the engine's
output, then with torch through ``conv_viz.reference`` (which imports torch
lazily): ``nn.Conv1d``'s output, its Jacobian (which is T), both unfold
GEMMs and ``nn.Linear`` with the conv's weight.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from conv_viz import engine, reference
from conv_viz.core import toeplitz
from conv_viz.core import unfold as im2col
from conv_viz.core.geometry import input_channels_of
from conv_viz.core.toeplitz import Toeplitz
from conv_viz.views.scene import Scene

MAX_JACOBIAN_ENTRIES = 250_000  # T's dense size for the autograd check: one backward pass per row of T


@dataclass(frozen=True)
class Comparison:
    """Two computations of the same numbers: the largest difference and whether they are allclose."""

    key: str  # names both sides (the string tables say it in words)
    max_diff: float
    ok: bool

    @classmethod
    def of(cls, key: str, got: np.ndarray, expected: np.ndarray, dtype: str) -> Comparison:
        """Compare ``got`` with ``expected`` by ``reference.agreement`` (the dtype's tolerances)."""
        return cls(key, *reference.agreement(got, expected, dtype))


@dataclass(frozen=True)
class MatrixScene:
    """The convolution of a scene, three more ways."""

    t: Toeplitz
    y_matrix: np.ndarray  # T·vec(x[n]) + b for every item, (N, C_out, L_out)
    y_gemm: np.ndarray  # W_g · columns_g + b
    y_linear: np.ndarray | None  # kernel_size=1: a Linear at every position


@dataclass(frozen=True)
class MatrixChecks:
    """Comparisons per part of the page; torch's are empty when torch is not installed."""

    matrix: tuple[Comparison, ...]
    unfold: tuple[Comparison, ...]
    linear: tuple[Comparison, ...]


def build_matrix(scene: Scene) -> MatrixScene:
    """T and the three products; raises ``ConvVizError`` when T would be too big to build here."""
    p, g, d = scene.params, scene.geometry, scene.data
    toeplitz.check_size(p, g)
    t = toeplitz.build(p, g, d.weight)
    y_linear = im2col.as_linear(d.x, d.weight, d.bias, g, p.stride) if p.kernel_size == 1 else None
    return MatrixScene(
        t, toeplitz.apply(t, d.x, d.bias, g.out_length), im2col.gemm(d.x, d.weight, d.bias, p, g), y_linear
    )


def jacobian_fits(t: Toeplitz) -> bool:
    return t.shape[0] * t.shape[1] <= MAX_JACOBIAN_ENTRIES


def checks(scene: Scene, ms: MatrixScene, with_torch: bool) -> MatrixChecks:
    """Every comparison the page shows; ``with_torch`` runs torch's side too."""
    p, d, y = scene.params, scene.data, scene.y
    dtype = d.x.dtype.name
    matrix = [Comparison.of("matrix.vs_engine", ms.y_matrix, y, dtype)]
    unfold = [Comparison.of("unfold.vs_engine", ms.y_gemm, y, dtype)]
    linear = [] if ms.y_linear is None else [Comparison.of("linear.vs_engine", ms.y_linear, y, dtype)]
    if with_torch:
        conv = reference.run_torch(d.x, d.weight, d.bias, p).output
        matrix.append(Comparison.of("matrix.vs_torch", ms.y_matrix, conv, dtype))
        if jacobian_fits(ms.t):
            jac = reference.torch_jacobian(d.x[0], d.weight, p)
            matrix.append(Comparison.of("matrix.vs_jacobian", toeplitz.dense(ms.t).astype(d.x.dtype), jac, dtype))
        by_tensor, by_f = reference.run_torch_unfold(d.x, d.weight, d.bias, p)
        unfold += [
            Comparison.of("unfold.torch_tensor", by_tensor, y, dtype),
            Comparison.of("unfold.torch_f", by_f, y, dtype),
        ]
        if ms.y_linear is not None:
            lin = reference.run_torch_linear(d.x, d.weight, d.bias, p)
            allclose = Comparison("linear.torch_allclose", float(np.abs(lin.conv - lin.linear).max()), lin.allclose)
            linear += [allclose, Comparison.of("linear.torch_vs_engine", lin.linear, y, dtype)]
    return MatrixChecks(tuple(matrix), tuple(unfold), tuple(linear))


@dataclass(frozen=True)
class GroupGemm:
    """Batch item n's unfold GEMM for the group of output channel o: y_g = W_g · cols_g (+ b_g)."""

    group: int
    channels: list[int]  # the input channels the group reads
    cols: np.ndarray  # (C_in/groups·K, L_out): row c·K + k holds what tap k of channel c reads at each t
    weight: np.ndarray  # (C_out/groups, C_in/groups·K)
    y: np.ndarray  # (C_out/groups, L_out): the engine's output rows of the group


def group_gemm(scene: Scene, n: int, o: int) -> GroupGemm:
    """The matrices the page draws for output channel o of item n (the engine's y beside the GEMM's factors)."""
    p, g, d = scene.params, scene.geometry, scene.data
    per_out = p.out_channels // p.groups
    group = o // per_out
    channels = [int(c) for c in input_channels_of(p.in_channels, p.out_channels, p.groups, o)]
    return GroupGemm(
        group,
        channels,
        im2col.columns(d.x[n], p, g)[group],
        im2col.weight_matrix(d.weight, p.groups)[group],
        scene.y[n, group * per_out : (group + 1) * per_out],
    )


def linear_column(scene: Scene, n: int, t: int) -> tuple[int, np.ndarray]:
    """kernel_size=1: the padded slot t·stride and the column of input channels a Linear reads there."""
    slot = t * scene.params.stride
    return slot, engine.pad(scene.data.x[n : n + 1], scene.geometry)[0, :, slot]

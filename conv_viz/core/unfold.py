"""Conv1d as one GEMM per group (unfold / im2col), and kernel_size=1 as a Linear layer at every position.

Column t of the column matrix is output t's window, read through the
geometry's window map: row c·K + k holds padded slot t·stride + k·dilation of
input channel c (the group's channels only). The weight reshaped to
(C_out/groups, C_in/groups·K) times that matrix is the convolution. NumPy only.
"""

from __future__ import annotations

import numpy as np

from conv_viz.core import conv
from conv_viz.core.geometry import ConvGeometry
from conv_viz.core.params import Conv1dParams


def columns(x: np.ndarray, params: Conv1dParams, geometry: ConvGeometry) -> np.ndarray:
    """(C_in, L) → (groups, C_in/groups·K, L_out): each group's windows as columns, rows ordered c·K + k.

    >>> from conv_viz.core.geometry import conv_geometry
    >>> p = Conv1dParams(1, 1, 2, stride=2)
    >>> columns(np.arange(5.0)[None], p, conv_geometry(p, 5))[0].tolist()
    [[0.0, 2.0], [1.0, 3.0]]
    """
    padded = conv.pad(x[None], geometry)[0]  # (C_in, L + pads): each pad slot gathered through the index map
    windows = padded[:, geometry.windows]  # (C_in, L_out, K)
    per_group = params.in_channels // params.groups
    rows = windows.transpose(0, 2, 1)  # (C_in, K, L_out)
    cols: np.ndarray = rows.reshape(params.groups, per_group * params.kernel_size, geometry.out_length)
    return cols


def weight_matrix(weight: np.ndarray, groups: int) -> np.ndarray:
    """(C_out, C_in/groups, K) → (groups, C_out/groups, C_in/groups·K): the row of output o is w[o] flattened."""
    out_channels, per_group, k = weight.shape
    return weight.reshape(groups, out_channels // groups, per_group * k)


def gemm(
    x: np.ndarray, weight: np.ndarray, bias: np.ndarray | None, params: Conv1dParams, geometry: ConvGeometry
) -> np.ndarray:
    """(N, C_in, L) → (N, C_out, L_out) as W_g · columns_g per item and group, plus the bias."""
    w = weight_matrix(weight, params.groups)
    out = np.empty((x.shape[0], params.out_channels, geometry.out_length), dtype=x.dtype)
    for n in range(x.shape[0]):  # one item's columns at a time: they are K times the input
        out[n] = (w @ columns(x[n], params, geometry)).reshape(params.out_channels, geometry.out_length)
    if bias is not None:
        out += bias[:, None]
    return out


def linear_weight(weight: np.ndarray, groups: int) -> np.ndarray:
    """kernel_size=1: the (C_out, C_in) matrix of the equivalent ``nn.Linear`` (block-diagonal over groups).

    With groups=1 it is ``conv.weight[:, :, 0]``.

    >>> linear_weight(np.arange(4.0).reshape(2, 1, 2)[..., :1], 2).tolist()
    [[0.0, 0.0], [0.0, 2.0]]
    """
    out_channels, per_group, _ = weight.shape
    per_out = out_channels // groups
    matrix = np.zeros((out_channels, per_group * groups), dtype=weight.dtype)
    for g in range(groups):
        matrix[g * per_out : (g + 1) * per_out, g * per_group : (g + 1) * per_group] = weight[
            g * per_out : (g + 1) * per_out, :, 0
        ]
    return matrix


def as_linear(
    x: np.ndarray, weight: np.ndarray, bias: np.ndarray | None, geometry: ConvGeometry, stride: int
) -> np.ndarray:
    """kernel_size=1 Conv1d as a Linear at every position: y[:, :, t] = W · x_padded[:, :, t·stride] + b."""
    padded = conv.pad(x, geometry)[..., ::stride]  # a 1-tap window at t reads slot t·stride
    w = linear_weight(weight, x.shape[1] // weight.shape[1])  # groups = C_in / (C_in/groups)
    y: np.ndarray = np.einsum("oc,ncl->nol", w, padded)
    return y + bias[:, None] if bias is not None else y

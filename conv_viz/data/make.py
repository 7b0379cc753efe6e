"""One view's data from the page's choices: preset names, seeded draws or explicit arrays, mixed."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np

from conv_viz.core.params import Conv1dParams, ConvTranspose1dParams
from conv_viz.data.inputs import input_preset
from conv_viz.data.kernels import kernel_weight
from conv_viz.data.seeded import ConvData, seeded


def _name(part: str | np.ndarray) -> str | None:
    return part if isinstance(part, str) else None


def make_data(
    params: Conv1dParams | ConvTranspose1dParams,
    batch: int,
    length: int,
    seed: int,
    x: str | np.ndarray,
    weight: str | np.ndarray,
    bias: np.ndarray | None = None,
    *,
    draw: Callable[[Any, int, int, int], ConvData] = seeded,
) -> ConvData:
    """Input and weights from preset names or explicit arrays, mixed as the page asks.

    ``draw`` is the seeded three-line draw for the module (``seeded`` for Conv1d; the
    transposed page passes its own): a kernel preset fills ``params.weight_shape``,
    whatever that layout is.

    "random" (either side) takes that part from the seeded three-line draw, so
    the other part never shifts torch's generator: random weights with a ramp
    input are exactly ``nn.Conv1d``'s after ``torch.randn(N, C_in, L)``. When
    anything is seeded, everything is float32 (torch's default dtype, as in the
    notebook); otherwise float64. An explicit weight without a bias gets zeros
    when ``params.bias`` is on, as do the kernel presets; a typed bias is used
    with any weights, seeded ones included.

    >>> data = make_data(Conv1dParams(1, 1, 3), 1, 4, 0, "ramp", "moving_average")
    >>> data.weight.tolist(), data.bias.tolist(), data.source
    ([[[0.333..., 0.333..., 0.333...]]], [0.0], 'explicit')
    """
    x_seeded, weight_seeded = _name(x) == "random", _name(weight) == "random"
    drawn = draw(params, batch, length, seed) if x_seeded or weight_seeded else None
    if drawn is not None and x_seeded:
        xa = drawn.x
    elif isinstance(x, str):
        xa = input_preset(x, batch, params.in_channels, length, seed)
    else:
        xa = np.asarray(x, dtype=np.float64)
    if drawn is not None and weight_seeded:
        # a typed bias replaces the drawn one, as conv.bias.copy_(b) would: drawn first, so the weights stay torch's
        wa, ba = drawn.weight, drawn.bias if bias is None else np.asarray(bias, np.float64)
    else:
        wa = kernel_weight(weight, *params.weight_shape) if isinstance(weight, str) else np.asarray(weight, np.float64)
        ba = (np.zeros(params.out_channels) if bias is None else np.asarray(bias, np.float64)) if params.bias else None
    if drawn is None:
        return ConvData(xa, wa, ba)
    f32 = np.float32
    return ConvData(
        xa.astype(f32),
        wa.astype(f32),
        None if ba is None else ba.astype(f32),
        drawn.source,
        seed,
        x_seeded=x_seeded,
        weight_seeded=weight_seeded,
        bias_typed=weight_seeded and bias is not None,
    )

"""ConvTranspose1d for one view: URL state in, validated data and the engine's output out.

Pure (no Streamlit, no torch at import), the transposed twin of ``scene.py``:
torch's rules first, then the app's limits, and only then data and arithmetic,
so an impossible or oversized request costs nothing. The view's shared Conv1d
fields are read as ``nn.ConvTranspose1d``'s arguments; ``causal`` is a Conv1d
option of this app and does not apply here.
"""

from __future__ import annotations

import functools
import math
from dataclasses import dataclass, replace

import numpy as np

from conv_viz import data, engine
from conv_viz.core import limits
from conv_viz.core.geometry import transposed_scatter_map
from conv_viz.core.params import ConvTranspose1dParams
from conv_viz.data import ConvData
from conv_viz.errors import ConvVizError
from conv_viz.views.scene import QUIET_OVERFLOW, ConvSpec, check_finite, typed_input, view_data


@dataclass(frozen=True)
class TransposedSpec(ConvSpec):
    """What the transposed page's numbers depend on: the playground's spec and ``output_padding``."""

    output_padding: int = 0


@dataclass(frozen=True)
class TransposedScene:
    """Everything the transposed page computes for one spec."""

    spec: TransposedSpec
    params: ConvTranspose1dParams  # the state's, with shapes taken from typed data
    batch: int
    length: int  # L_in
    data: ConvData  # x (N, C_in, L_in), weight (C_in, C_out/groups, K), bias (C_out,)
    y: np.ndarray  # engine output (N, C_out, L_out)
    scatter: np.ndarray  # (L_in, K) output position written by each input position and tap, ZERO if cropped


def transposed_params(state: TransposedSpec) -> ConvTranspose1dParams:
    """The view's fields as ``nn.ConvTranspose1d``'s arguments; a 'same'/'valid' padding is torch's TypeError.

    They are ``nn.Conv1d``'s keyword arguments and ``output_padding``; ``causal`` is not torch's, so it is dropped.
    """
    conv = replace(state.conv, causal=False)
    if isinstance(conv.padding, str):
        raise ConvVizError("transposed_padding", padding=conv.padding)
    return ConvTranspose1dParams(
        conv.in_channels,
        conv.out_channels,
        conv.kernel_size,
        output_padding=state.output_padding,
        **conv.module_kwargs(),
    )


def effective_params(
    state: TransposedSpec, x: np.ndarray | None, w: np.ndarray | None
) -> tuple[ConvTranspose1dParams, int, int]:
    """(params, batch, length) after typed data fixed some shapes; typed w is (in, out/groups, K) as torch stores it."""
    params, batch, length = transposed_params(state), state.batch, state.length
    if w is not None:
        params = replace(
            params, in_channels=w.shape[0], out_channels=w.shape[1] * params.groups, kernel_size=w.shape[2]
        )
    if x is not None:
        batch, length = x.shape[0], x.shape[2]
        if w is not None and x.shape[1] != w.shape[0]:  # both typed: the weight's dim 0 is in_channels, as in torch
            raise ConvVizError(
                "channels_mismatch",
                groups=params.groups,
                weight_shape=f"[{', '.join(map(str, w.shape))}]",
                input_shape=f"[{', '.join(map(str, x.shape))}]",
                expected=w.shape[0],
                got=x.shape[1],
            )
        params = replace(params, in_channels=x.shape[1])
    if state.b:
        params = replace(params, bias=True)
    return params, batch, length


def init_bound(params: ConvTranspose1dParams) -> float:
    """nn.ConvTranspose1d's default init bound: fan_in = weight.size(1)·K = (out_channels/groups)·K."""
    return math.sqrt(params.groups / (params.out_channels * params.kernel_size))


def _seeded(params: ConvTranspose1dParams, batch: int, length: int, seed: int) -> ConvData:
    """The notebook's three lines with nn.ConvTranspose1d; NumPy's draw (same shapes and bounds) without torch."""
    from conv_viz import reference  # imports torch lazily

    if reference.torch_available():
        x, w, b = reference.torch_seeded_transposed(params, batch, length, seed)
        return ConvData(x, w, b, "torch", seed, x_seeded=True, weight_seeded=True)
    rng = np.random.default_rng(seed)
    x = rng.standard_normal((batch, params.in_channels, length)).astype(np.float32)
    bound = init_bound(params)
    w = rng.uniform(-bound, bound, params.weight_shape).astype(np.float32)
    b = rng.uniform(-bound, bound, params.out_channels).astype(np.float32) if params.bias else None
    return ConvData(x, w, b, "numpy", seed, x_seeded=True, weight_seeded=True)


# Input and weights from preset names or arrays: data.make_data with nn.ConvTranspose1d's seeded draw. A kernel
# preset puts its kernel on input channel i → output channel i mod (out/groups) of its group.
make_data = functools.partial(data.make_data, draw=_seeded)


@QUIET_OVERFLOW  # check_finite reports it
def build_transposed(spec: TransposedSpec) -> TransposedScene:
    """Parse, validate, generate and run the engine; raises ``ConvVizError`` with the rule and its fix."""
    x_typed = typed_input(spec)
    w_typed = data.parse_weight(spec.w) if spec.w else None
    b_typed = data.parse_bias(spec.b) if spec.b else None
    params, batch, length = effective_params(spec, x_typed, w_typed)
    limits.check_transposed_limits(params, batch, length)
    params.validate(length)
    cast = view_data(spec, params, batch, length, x_typed, w_typed, b_typed, draw=_seeded)
    y = engine.apply(params, cast.x, cast.weight, cast.bias)
    check_finite(y.dtype, y=y)
    return TransposedScene(spec, params, batch, length, cast, y, transposed_scatter_map(params, length))


def conv_input(scene: TransposedScene) -> np.ndarray:
    """A Conv1d input z for the gradient and round-trip checks: the view's input preset at the output's shape.

    The gradient does not depend on z; the round trip shows what conv_transpose1d(conv1d(z)) does to it.
    """
    state, p = scene.spec, scene.params
    z = data.input_preset(state.input, scene.batch, p.out_channels, scene.y.shape[-1], state.seed)
    return z.astype(scene.data.x.dtype)

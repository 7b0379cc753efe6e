"""From groups=1 to depthwise: every valid ``groups`` for a channel pair, and depthwise-separable vs full.

Pure (no Streamlit; torch only through ``reference``, imported lazily). The
page's layers are drawn from one seeded generator in a fixed order —
``x = torch.randn(N, C, L)``, then the depthwise, pointwise and full Conv1d,
then the view's own Conv1d — so a notebook that builds them in that order gets
the same numbers, and an invalid ``groups`` (the last layer) moves nothing else.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

import numpy as np

from conv_viz import data, engine
from conv_viz.core import limits
from conv_viz.core.params import Conv1dParams, common_divisors
from conv_viz.views.scene import QUIET_OVERFLOW, ConvSpec, check_finite, typed_input


def kind(in_channels: int, groups: int) -> str:
    """'full' (groups=1), 'depthwise' (one input channel per group) or 'grouped' (in between).

    >>> [kind(4, g) for g in (1, 2, 4)]
    ['full', 'grouped', 'depthwise']
    """
    if groups == 1:
        return "full"
    return "depthwise" if groups == in_channels else "grouped"


@dataclass(frozen=True)
class GroupsOption:
    """One valid groups value for the view's channels: its Conv1d and what it costs."""

    params: Conv1dParams
    kind: str
    macs: int  # multiply-adds of one forward pass on the view's batch and length

    @property
    def reads(self) -> int:
        """Input channels each output channel reads."""
        return self.params.in_channels // self.params.groups


def groups_options(conv: Conv1dParams, batch: int, length: int) -> list[GroupsOption]:
    """Every groups value that divides both channel counts, from 1 (full) up (depthwise when it reaches in_channels).

    >>> [(o.params.groups, o.params.weight_shape, o.kind) for o in groups_options(Conv1dParams(4, 8, 3), 1, 10)]
    [(1, (8, 4, 3), 'full'), (2, (8, 2, 3), 'grouped'), (4, (8, 1, 3), 'depthwise')]
    """
    options = []
    for g in common_divisors(conv.in_channels, conv.out_channels):
        p = replace(conv, groups=g)
        options.append(GroupsOption(p, kind(conv.in_channels, g), limits.macs(p, batch, length)))
    return options


def grouped_as_independent(
    x: np.ndarray, weight: np.ndarray, bias: np.ndarray | None, params: Conv1dParams
) -> np.ndarray:
    """groups=g computed as g separate groups=1 convolutions on slices of the channels, concatenated.

    Group j reads input channels [j·C_in/g, (j+1)·C_in/g) and writes output
    channels [j·C_out/g, (j+1)·C_out/g) with its own slice of the weight.
    """
    g, per_in, per_out = params.groups, params.in_channels // params.groups, params.out_channels // params.groups
    parts = []
    for j in range(g):
        b = None if bias is None else bias[j * per_out : (j + 1) * per_out]
        parts.append(
            engine.apply(
                replace(params, in_channels=per_in, out_channels=per_out, groups=1),
                x[:, j * per_in : (j + 1) * per_in],
                weight[j * per_out : (j + 1) * per_out],
                b,
            )
        )
    return np.concatenate(parts, axis=1)


@dataclass(frozen=True)
class Separable:
    """Depthwise Conv1d(C, C·M, K, groups=C) then pointwise Conv1d(C·M, C_out, 1), and the full Conv1d(C, C_out, K)."""

    depthwise: Conv1dParams
    pointwise: Conv1dParams
    full: Conv1dParams

    def params_count(self) -> tuple[int, int]:
        """(separable, full) weights + biases."""
        return self.depthwise.param_count + self.pointwise.param_count, self.full.param_count

    def macs(self, batch: int, length: int) -> tuple[int, int]:
        """(separable, full) multiply-adds; the pointwise layer runs on the depthwise output's length."""
        mid = self.depthwise.output_length(length)
        separable = limits.macs(self.depthwise, batch, length) + limits.macs(self.pointwise, batch, mid)
        return separable, limits.macs(self.full, batch, length)


def separable(conv: Conv1dParams, multiplier: int) -> Separable:
    """The view's Conv1d factorised: its kernel geometry on the depthwise layer, a 1-tap pointwise layer after.

    >>> s = separable(Conv1dParams(4, 8, 3), 2)
    >>> s.depthwise.weight_shape, s.pointwise.weight_shape, s.full.weight_shape
    ((8, 1, 3), (8, 8, 1), (8, 4, 3))
    """
    c = conv.in_channels
    depthwise = replace(conv, out_channels=c * multiplier, groups=c)
    pointwise = Conv1dParams(c * multiplier, conv.out_channels, 1, bias=conv.bias)
    return Separable(depthwise, pointwise, replace(conv, groups=1))


@dataclass(frozen=True)
class ConvRun:
    """One Conv1d run by the engine: its configuration, weights, input and output."""

    params: Conv1dParams
    weight: np.ndarray
    bias: np.ndarray | None
    x: np.ndarray
    y: np.ndarray


@dataclass(frozen=True)
class GroupsSpec(ConvSpec):
    """What the groups page's numbers depend on: the playground's spec and the depthwise multiplier M."""

    depth_multiplier: int = 1


@dataclass(frozen=True)
class GroupsScene:
    """Everything the groups page computes: the separable pair, the full conv, and the view's own grouped conv."""

    spec: GroupsSpec
    conv: Conv1dParams  # the view's, with in_channels taken from typed x
    batch: int
    length: int
    plan: Separable
    depthwise: ConvRun
    pointwise: ConvRun
    full: ConvRun
    grouped: ConvRun | None  # None when the view's groups does not divide both channel counts
    source: str  # "torch", "numpy" (seeded without torch) or "explicit"


def _weights(
    layers: list[Conv1dParams], batch: int, length: int, state: GroupsSpec, x_typed: np.ndarray | None
) -> tuple[np.ndarray, list[tuple[np.ndarray, np.ndarray | None]], str]:
    """x and each layer's (weight, bias): seeded from one generator where 'random', else presets (float64)."""
    first = layers[0]
    seeded = state.input == "random" or state.weights == "random"
    draws: list[tuple[np.ndarray, np.ndarray | None]] = []
    source = "explicit"
    if seeded:
        from conv_viz import reference  # imports torch lazily

        if reference.torch_available():
            x, draws = reference.torch_seeded_layers(layers, batch, length, state.seed)
            source = "torch"
        else:
            rng = np.random.default_rng(state.seed)
            x = rng.standard_normal((batch, first.in_channels, length)).astype(np.float32)
            for p in layers:
                w = rng.uniform(-p.init_bound, p.init_bound, p.weight_shape).astype(np.float32)
                b = rng.uniform(-p.init_bound, p.init_bound, p.out_channels).astype(np.float32) if p.bias else None
                draws.append((w, b))
            source = "numpy"
    if x_typed is not None:
        x = x_typed
    elif state.input != "random":
        x = data.input_preset(state.input, batch, first.in_channels, length, state.seed)
    if state.weights != "random":
        draws = [
            (data.kernel_weight(state.weights, *p.weight_shape), np.zeros(p.out_channels) if p.bias else None)
            for p in layers
        ]
    return x, draws, source


@QUIET_OVERFLOW  # check_finite reports it
def build_groups(spec: GroupsSpec) -> GroupsScene:
    """Validate every layer, draw the data once, run each layer on the engine; raises ``ConvVizError``."""
    x_typed = typed_input(spec)
    conv, batch, length = spec.conv, spec.batch, spec.length
    if x_typed is not None:
        batch, length = x_typed.shape[0], x_typed.shape[2]
        conv = replace(conv, in_channels=x_typed.shape[1])
    plan = separable(conv, spec.depth_multiplier)
    mid = plan.depthwise.output_length(length)
    for p, n in ((plan.depthwise, length), (plan.full, length), (plan.pointwise, mid)):
        limits.check_limits(p, batch, n)
        p.validate(n)
    valid = conv.groups in common_divisors(conv.in_channels, conv.out_channels)
    layers = [plan.depthwise, plan.pointwise, plan.full] + ([conv] if valid else [])
    x, draws, source = _weights(layers, batch, length, spec, x_typed)
    dtype = np.dtype(spec.dtype)
    x = x.astype(dtype)
    check_finite(dtype, x=x)

    def run(p: Conv1dParams, inp: np.ndarray, drawn: tuple[np.ndarray, np.ndarray | None]) -> ConvRun:
        w, b = drawn[0].astype(dtype), None if drawn[1] is None else drawn[1].astype(dtype)
        y = engine.apply(p, inp, w, b)
        check_finite(dtype, y=y)
        return ConvRun(p, w, b, inp, y)

    depthwise = run(plan.depthwise, x, draws[0])
    pointwise = run(plan.pointwise, depthwise.y, draws[1])
    full = run(plan.full, x, draws[2])
    grouped = run(conv, x, draws[3]) if valid else None
    return GroupsScene(spec, conv, batch, length, plan, depthwise, pointwise, full, grouped, source)

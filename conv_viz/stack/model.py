"""Shapes through a small model, layer by layer, and the first layer that breaks: the gallery's tutorial CNN.

Integers and the engine's own checks only (NumPy and the core; ``to_stack`` spells a
model in the receptive-field page's ``conv_viz.stack`` layers): a Conv1d layer is
checked by ``engine.conv_params`` on an empty-valued input of the traced shape, so
the rule and message are the engine's. Pooling and ``view`` follow torch's shape
rules, including the one tutorials trip on: ``F.max_pool2d`` on a 3-D tensor reads
it as (C, H, W) and pools the channel axis too.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from conv_viz import engine
from conv_viz.core.params import Conv1dParams
from conv_viz.errors import ConvVizError
from conv_viz.stack import layers as stacks
from conv_viz.stack.layers import Conv, Flatten, Linear, MaxPool2d, Pool1d, ReLU

Shape = tuple[int, ...]


@dataclass(frozen=True)
class Layer:
    """One step of a model's ``forward``, named as the tutorial's code writes it."""

    code: str  # "self.conv1(x)", "F.max_pool2d(x, 2)", "x.view(-1, 18 * 7 * 7)"
    kind: str  # conv | relu | max_pool1d | max_pool2d | view | linear
    conv: Conv1dParams | None = None
    size: int = 0  # pool kernel, view's last dimension, or Linear's in_features
    out: int = 0  # Linear's out_features


def _pool(shape: Shape, axes: int, k: int) -> Shape:
    """max_pool over the last ``axes`` dimensions (kernel = stride = k, torch's default)."""
    pooled = tuple(s // k for s in shape[-axes:])
    if min(pooled) < 1:
        raise ConvVizError("trace_pool", shape=str(shape), k=k)
    return shape[:-axes] + pooled


def layer_output(layer: Layer, shape: Shape) -> Shape:
    """The output shape of ``layer`` on an input of ``shape``; ``ConvVizError`` where torch would raise."""
    if layer.kind == "conv":
        assert layer.conv is not None
        p = layer.conv
        x = np.zeros(shape, np.float32)
        w = np.zeros(p.weight_shape, np.float32)
        checked = engine.conv_params(
            x, w, np.zeros(p.out_channels, np.float32), p.stride, p.padding, p.dilation, p.groups, p.padding_mode
        )
        return (*shape[:-2], p.out_channels, checked.output_length(shape[-1]))
    if layer.kind == "relu":
        return shape
    if layer.kind in ("max_pool1d", "max_pool2d"):
        return _pool(shape, 1 if layer.kind == "max_pool1d" else 2, layer.size)
    if layer.kind == "view":
        total = math.prod(shape)
        if total % layer.size:
            raise ConvVizError("trace_view", size=layer.size, total=total)
        return (total // layer.size, layer.size)
    if layer.kind == "linear":
        if shape[-1] != layer.size:
            raise ConvVizError("trace_linear", rows=shape[0], got=shape[-1], size=layer.size, out=layer.out)
        return (*shape[:-1], layer.out)
    raise ValueError(f"unknown layer kind {layer.kind!r}")


@dataclass(frozen=True)
class Trace:
    """Each layer's output shape up to the first that breaks, and that layer's error."""

    steps: tuple[tuple[Layer, Shape], ...]
    broken: Layer | None = None
    error: ConvVizError | None = None

    @property
    def output(self) -> Shape | None:
        return None if self.error is not None or not self.steps else self.steps[-1][1]


def trace(layers: tuple[Layer, ...], shape: Shape) -> Trace:
    """Run the shapes through ``layers``; stop at the first layer torch would refuse.

    >>> conv = Layer("conv(x)", "conv", Conv1dParams(1, 8, 7))
    >>> trace((conv, Layer("F.max_pool2d(x, 2)", "max_pool2d", size=2)), (1, 1, 30)).output
    (1, 4, 12)
    """
    steps: list[tuple[Layer, Shape]] = []
    for layer in layers:
        try:
            shape = layer_output(layer, shape)
        except ConvVizError as err:
            return Trace(tuple(steps), layer, err)
        steps.append((layer, shape))
    return Trace(tuple(steps))


def fitting_lengths(layers: tuple[Layer, ...], want: Shape, longest: int) -> list[int]:
    """Input lengths L ≤ ``longest`` for which a (1, C_in, L) input comes out with shape ``want``.

    >>> fitting_lengths((Layer("conv(x)", "conv", Conv1dParams(1, 1, 3)),), (1, 1, 2), 10)
    [4]
    """
    first = next(layer.conv for layer in layers if layer.conv is not None)
    return [n for n in range(1, longest + 1) if trace(layers, (1, first.in_channels, n)).output == want]


# ---------------------------------------------------------------- the receptive-field page's spelling


def to_stack_layer(layer: Layer) -> stacks.Layer:
    """One model step in the receptive-field page's grammar (``conv_viz.stack``); ``x.view(-1, n)`` is its flatten."""
    if layer.conv is not None:
        return Conv(layer.conv)
    if layer.kind == "linear":
        return Linear(layer.size, layer.out)
    if layer.kind == "max_pool2d":
        return MaxPool2d(layer.size, layer.size)
    if layer.kind == "max_pool1d":
        return Pool1d("max", layer.size, layer.size)
    return Flatten() if layer.kind == "view" else ReLU()


def to_stack(layers: tuple[Layer, ...]) -> tuple[stacks.Layer, ...]:
    """The model as the receptive-field page's layers (what its ``stack`` URL text and torch check take)."""
    return tuple(to_stack_layer(layer) for layer in layers)

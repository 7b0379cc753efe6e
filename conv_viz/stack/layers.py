"""The layers a stack holds, one frozen dataclass per kind, with torch's argument names.

Each layer knows how the stack grammar spells it (``text``), so the table and
the URL agree; how torch spells it is ``conv_viz.text.code.stack.torch_call``.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TypeVar

import numpy as np

from conv_viz.core.params import Conv1dParams

Length = TypeVar("Length", int, np.ndarray)  # one length, or an array of candidate lengths


@dataclass(frozen=True)
class Conv:
    """``nn.Conv1d``; ``params.causal`` pads dilation·(kernel_size−1) cells on the left first (``F.pad``)."""

    params: Conv1dParams

    @property
    def param_count(self) -> int:
        return self.params.param_count

    def text(self) -> str:
        p = self.params
        parts = [str(p.in_channels), str(p.out_channels), str(p.kernel_size)]
        defaults = Conv1dParams()
        for key in ("stride", "padding", "dilation", "groups", "padding_mode"):
            value = getattr(p, key)
            if value != getattr(defaults, key):
                parts.append(f"{key}={value}")
        if not p.bias:
            parts.append("bias=false")
        if p.causal:
            parts.append("causal")
        return "conv:" + ",".join(parts)


@dataclass(frozen=True)
class ReLU:
    """``nn.ReLU()``: element-wise, shapes and dependencies pass through unchanged."""

    param_count = 0

    def text(self) -> str:
        return "relu"


@dataclass(frozen=True)
class Pool1d:
    """``nn.MaxPool1d`` (kind "max") or ``nn.AvgPool1d`` (kind "avg"), ceil_mode=False; stride defaults to the kernel."""

    kind: str
    kernel_size: int
    stride: int
    padding: int = 0
    dilation: int = 1  # MaxPool1d only: AvgPool1d has no dilation

    param_count = 0

    @property
    def span(self) -> int:
        return self.dilation * (self.kernel_size - 1) + 1

    def output_length(self, length: Length) -> Length:
        """⌊(L + 2·padding − dilation·(kernel_size − 1) − 1) / stride⌋ + 1, torch's pooling formula."""
        return (length + 2 * self.padding - self.span) // self.stride + 1

    def text(self) -> str:
        parts = [str(self.kernel_size)]
        if self.stride != self.kernel_size:
            parts.append(f"stride={self.stride}")
        if self.padding:
            parts.append(f"padding={self.padding}")
        if self.dilation != 1:
            parts.append(f"dilation={self.dilation}")
        return f"{self.kind}pool:" + ",".join(parts)


@dataclass(frozen=True)
class MaxPool2d:
    """``F.max_pool2d(x, kernel_size, stride)``: on a 3-D (N, C, L) tensor torch pools the (C, L) plane.

    A 3-D input is unbatched (C, H, W) to the 2-D pooling, so N plays "channels"
    and both C and L shrink: the tutorial's pitfall, modelled as torch runs it.
    """

    kernel_size: int
    stride: int

    param_count = 0

    def output_length(self, length: Length) -> Length:
        """⌊(L − kernel_size) / stride⌋ + 1 on each of the two pooled axes."""
        return (length - self.kernel_size) // self.stride + 1

    def text(self) -> str:
        stride = "" if self.stride == self.kernel_size else f",stride={self.stride}"
        return f"maxpool2d:{self.kernel_size}{stride}"


@dataclass(frozen=True)
class Flatten:
    """``nn.Flatten()`` (start_dim=1): (N, C, L) → (N, C·L); a 2-D tensor passes unchanged."""

    param_count = 0

    def text(self) -> str:
        return "flatten"


@dataclass(frozen=True)
class Linear:
    """``nn.Linear(in_features, out_features)``: acts on the last dimension, whatever the rank."""

    in_features: int
    out_features: int
    bias: bool = True

    @property
    def param_count(self) -> int:
        return self.in_features * self.out_features + (self.out_features if self.bias else 0)

    def text(self) -> str:
        bias = "" if self.bias else ",bias=false"
        return f"linear:{self.in_features},{self.out_features}{bias}"


Layer = Conv | ReLU | Pool1d | MaxPool2d | Flatten | Linear


@dataclass(frozen=True)
class Reshape:
    """``x.view(-1, size)``, the tutorials' flatten: unlike ``nn.Flatten`` it folds what does not fit into the batch.

    Not a stack layer (the grammar has ``flatten``); the gallery's tutorial CNN is traced with it.
    """

    size: int

    param_count = 0


@dataclass(frozen=True)
class Placed:
    """A layer and where the user wrote it: 1-based character position and the text as typed."""

    layer: Layer
    start: int
    source: str


def stack_text(layers: list[Layer] | tuple[Layer, ...]) -> str:
    """The canonical grammar text of a list of layers (what presets put in the URL)."""
    return ";".join(layer.text() for layer in layers)


def total_params(layers: list[Layer] | tuple[Layer, ...]) -> int:
    return sum(layer.param_count for layer in layers)

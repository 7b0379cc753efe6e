"""Stacks worth opening: the page's example, a dilated causal TCN, and a tutorial CNN as written and as fixed."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Preset:
    """A stack with the input it is shown on, and the output cell to light up first."""

    stack: str
    in_channels: int
    length: int
    cell: tuple[int, int]  # (channel, position) in the chosen layer's output


EXAMPLE = Preset("conv:2,4,3,padding=1;relu;maxpool:2;conv:4,4,3,padding=1;relu;conv:4,2,3,padding=1", 2, 12, (0, 2))

# WaveNet / TCN: kernel 2, dilations 1, 2, 4, 8, causal (F.pad on the left), so L stays and the
# receptive field doubles per layer to 1 + 1 + 2 + 4 + 8 = 16; the last output sees exactly the last 16 inputs.
TCN = Preset(
    "conv:1,8,2,dilation=1,causal;relu;conv:8,8,2,dilation=2,causal;relu;"
    "conv:8,8,2,dilation=4,causal;relu;conv:8,8,2,dilation=8,causal",
    1,
    32,
    (0, 31),
)

# EXAMPLES.md #12, as the tutorial writes it: F.max_pool2d on (N, C, L) pools C as well, so the second
# Conv1d gets 4 channels, not 8.
TUTORIAL = Preset(
    "conv:1,8,7;relu;maxpool2d:2;conv:8,18,7;relu;maxpool2d:2;flatten;linear:882,140;linear:140,86;linear:86,12",
    1,
    250,
    (0, 60),
)

# The same with 1-D pooling: it runs up to the first Linear, whose in_features=882 needs L in 214 … 217.
TUTORIAL_1D = Preset(
    "conv:1,8,7;relu;maxpool:2;conv:8,18,7;relu;maxpool:2;flatten;linear:882,140;linear:140,86;linear:86,12",
    1,
    250,
    (0, 29),
)

PRESETS = {"example": EXAMPLE, "tcn": TCN, "tutorial": TUTORIAL, "tutorial_1d": TUTORIAL_1D}

"""The gallery's tutorial CNN: its ``forward`` line by line, traced by the stack's shape rules.

Each step pairs the tutorial's code with a ``conv_viz.stack`` layer, so its shapes,
the first layer that breaks and torch's words for it come from ``stack.shapes``, one
rule per layer kind, the ones the receptive-field page runs. That includes the rule
tutorials trip on: ``F.max_pool2d`` on a 3-D tensor reads it as (C, H, W) and pools
the channel axis too. The tutorial's ``x.view(-1, n)`` is a ``Reshape``: unlike
``nn.Flatten``, it folds what does not fit into the batch axis.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from conv_viz.errors import ConvVizError
from conv_viz.stack import shapes
from conv_viz.stack.layers import Conv, Flatten, Layer, Reshape

Shape = tuple[int, ...]


@dataclass(frozen=True)
class ModelStep:
    """One line of a model's ``forward``, as the tutorial writes it, and the layer it runs."""

    code: str  # "self.conv1(x)", "F.max_pool2d(x, 2)", "x.view(-1, 18 * 7 * 7)"
    layer: Layer | Reshape


def layer_output(layer: Layer | Reshape, shape: Shape) -> Shape:
    """The output shape of ``layer`` on an input of ``shape``; ``ConvVizError`` where torch would raise.

    >>> from conv_viz.stack.layers import MaxPool2d
    >>> layer_output(MaxPool2d(2, 2), (1, 8, 208))
    (1, 4, 104)
    """
    out, rules = shapes.apply(layer, tuple(np.array([s], np.int64) for s in shape))
    failed = next((rule for rule in rules if rule.fails[0]), None)
    if failed is not None:
        raise failed.error(0)
    return tuple(int(d[0]) for d in out)


@dataclass(frozen=True)
class ModelTrace:
    """Each step's output shape up to the first that breaks, and that step's error."""

    steps: tuple[tuple[ModelStep, Shape], ...]
    broken: ModelStep | None = None
    error: ConvVizError | None = None

    @property
    def output(self) -> Shape | None:
        return None if self.error is not None or not self.steps else self.steps[-1][1]


def trace_model(steps: tuple[ModelStep, ...], shape: Shape) -> ModelTrace:
    """Run the shapes through ``steps``; stop at the first layer torch would refuse.

    >>> from conv_viz.core.params import Conv1dParams
    >>> from conv_viz.stack.layers import MaxPool2d
    >>> conv = ModelStep("conv(x)", Conv(Conv1dParams(1, 8, 7)))
    >>> trace_model((conv, ModelStep("F.max_pool2d(x, 2)", MaxPool2d(2, 2))), (1, 1, 30)).output
    (1, 4, 12)
    """
    done: list[tuple[ModelStep, Shape]] = []
    for step in steps:
        try:
            shape = layer_output(step.layer, shape)
        except ConvVizError as err:
            return ModelTrace(tuple(done), step, err)
        done.append((step, shape))
    return ModelTrace(tuple(done))


def lengths_giving(steps: tuple[ModelStep, ...], want: Shape, longest: int) -> list[int]:
    """Input lengths L ≤ ``longest`` for which a (1, C_in, L) input comes out with shape ``want``.

    Every L at once, by ``stack.shapes.run``.

    >>> from conv_viz.core.params import Conv1dParams
    >>> lengths_giving((ModelStep("conv(x)", Conv(Conv1dParams(1, 1, 3))),), (1, 1, 2), 10)
    [4]
    """
    first = next(step.layer.params for step in steps if isinstance(step.layer, Conv))
    result = shapes.run(tuple(step.layer for step in steps), first.in_channels, np.arange(1, longest + 1))
    out = result.dims[-1]
    fits = result.first_failure < 0
    if len(out) != len(want):
        return []
    for d, w in zip(out, want, strict=True):
        fits &= d == w
    return [int(n) for n in result.lengths[fits]]


def to_stack(steps: tuple[ModelStep, ...]) -> tuple[Layer, ...]:
    """The model as the receptive-field page's layers (its ``stack`` URL text and torch run take these).

    ``x.view(-1, n)`` becomes ``flatten``: the same shape at every length that fits the model's Linear.
    """
    return tuple(Flatten() if isinstance(step.layer, Reshape) else step.layer for step in steps)

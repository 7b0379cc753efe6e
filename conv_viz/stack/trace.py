"""One input length through a stack: the shape table, the break and its fix, receptive field and jump per layer.

Receptive field and jump follow the usual recurrence along the length axis:
jump_l = jump_{l−1}·stride_l and rf_l = rf_{l−1} + (span_l − 1)·jump_{l−1},
span = dilation·(kernel_size − 1) + 1; the centre of output cell 0 sits at
input coordinate start_l = start_{l−1} + ((span_l − 1)/2 − pad_left_l)·jump_{l−1}.
After Flatten the length axis is gone (no jump); a Linear sees every position.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from conv_viz.core.limits import MAX_LENGTH, MAX_MACS, MAX_STACK_VALUES
from conv_viz.errors import ConvVizError
from conv_viz.stack.layers import Conv, Flatten, Layer, Linear, MaxPool2d, Placed, Pool1d, ReLU
from conv_viz.stack.shapes import Run, first_error, fitting_lengths, run, spell_ranges


@dataclass(frozen=True)
class Step:
    """One layer that ran: its shapes, cost, and where its outputs look in the input."""

    number: int  # 1-based, as the table shows it
    placed: Placed
    in_shape: tuple[int, ...]
    out_shape: tuple[int, ...]
    macs: int  # multiply-adds for this input: convolutions and Linear layers only
    ops: int  # every value the layer reads or makes (products, a pool's window reads, ReLU): the work the limit counts
    rf: int | None  # input positions one output cell spans; None when the length axis is gone
    rf_all: bool  # every output depends on every input position (a Linear over them)
    jump: int | None  # input positions between neighbouring output cells
    start: float | None  # input coordinate of output cell 0's centre
    pads: tuple[int, int]  # cells the layer pads its input with (left, right)

    @property
    def positional(self) -> bool:
        return self.jump is not None


@dataclass(frozen=True)
class Trace:
    """The whole story of one stack on one input (1, C_in, L)."""

    placed: tuple[Placed, ...]
    in_shape: tuple[int, int, int]
    steps: tuple[Step, ...]  # the layers that ran, up to the break
    error: ConvVizError | None  # what torch raises at the break, in its words
    broken: int | None  # 0-based index of the layer that breaks
    fits: np.ndarray  # every L in 1 … MAX_LENGTH that makes the whole stack run
    stuck: bool  # no L gets past the broken layer: its rule does not depend on L
    notes: tuple[ConvVizError, ...]  # hints on the break (a max_pool2d that halved the channels)

    @property
    def macs(self) -> int:
        return sum(s.macs for s in self.steps)

    @property
    def ops(self) -> int:
        return sum(s.ops for s in self.steps)

    @property
    def out_shape(self) -> tuple[int, ...]:
        return self.steps[-1].out_shape if self.steps else self.in_shape


def _macs(layer: Layer, out: tuple[int, ...]) -> int:
    """Multiply-adds: a convolution's and a Linear's. Pooling compares or averages and ReLU compares: no products."""
    cells = math.prod(out)
    if isinstance(layer, Conv):
        return cells * (layer.params.in_channels // layer.params.groups) * layer.params.kernel_size
    if isinstance(layer, Linear):
        return cells * layer.in_features
    return 0


def _ops(layer: Layer, out: tuple[int, ...]) -> int:
    """The server's work for the layer: its multiply-adds, a pool's window reads, one step per other output value."""
    cells = math.prod(out)
    if isinstance(layer, Pool1d):
        return cells * layer.kernel_size
    if isinstance(layer, MaxPool2d):
        return cells * layer.kernel_size**2
    return _macs(layer, out) or cells


def _window(layer: Layer) -> tuple[int, int, int] | None:
    """(span, pad_left, stride) along the length axis, for layers that slide a window."""
    if isinstance(layer, Conv):
        return layer.params.span, layer.params.pads()[0], layer.params.stride
    if isinstance(layer, Pool1d):
        return layer.span, layer.padding, layer.stride
    if isinstance(layer, MaxPool2d):
        return layer.kernel_size, 0, layer.stride
    return None


def _pads(layer: Layer) -> tuple[int, int]:
    if isinstance(layer, Conv):
        return layer.params.pads()
    if isinstance(layer, Pool1d):
        return layer.padding, layer.padding
    return 0, 0


def _notes(
    placed: tuple[Placed, ...], steps: tuple[Step, ...], error: ConvVizError, in_channels: int
) -> list[ConvVizError]:
    """Why the break happened, when the stack says more than torch's message does.

    A channel mismatch after ``maxpool2d``: 2-D pooling pooled the channels too, and what the stack
    would do with 1-D pooling instead. A Linear after Flatten: how its in_features splits into
    channels·positions, and how many positions it needs.
    """
    broken = len(steps)
    notes = []
    if error.key == "stack_channels":
        pools = [i + 1 for i, p in enumerate(placed[:broken]) if isinstance(p.layer, MaxPool2d)]
        if pools:
            notes.append(ConvVizError("stack_note_pool2d", layers=", ".join(map(str, pools))))
            variant = tuple(
                Pool1d("max", p.layer.kernel_size, p.layer.stride) if isinstance(p.layer, MaxPool2d) else p.layer
                for p in placed
            )
            fits, _ = fitting_lengths(variant, in_channels)
            key = "stack_note_pool1d_fits" if fits.size else "stack_note_pool1d_none"
            notes.append(ConvVizError(key, lengths=spell_ranges(fits), max=f"{MAX_LENGTH:,}"))
    layer = placed[broken].layer
    if error.key in ("stack_linear", "stack_linear_one") and isinstance(layer, Linear):
        before = [s for s in steps if not isinstance(s.placed.layer, ReLU)]
        if before and isinstance(before[-1].placed.layer, Flatten) and len(before[-1].in_shape) == 3:
            flat = before[-1]
            _, c, length = flat.in_shape
            key = "stack_note_flatten_one" if c * length == 1 else "stack_note_flatten"
            notes.append(ConvVizError(key, layer=flat.number, c=c, l=length, features=c * length))
            if layer.in_features % c == 0:
                notes.append(
                    ConvVizError(
                        "stack_note_flatten_need",
                        expected=layer.in_features,
                        c=c,
                        need=layer.in_features // c,
                        l=length,
                        layer=flat.number - 1,
                    )
                )
    return notes


def _steps(placed: tuple[Placed, ...], result: Run, stop: int) -> tuple[Step, ...]:
    steps = []
    rf, jump, start, rf_all = 1, 1, 0.0, False
    positional = True
    for i in range(stop):
        layer = placed[i].layer
        in_shape = tuple(int(d[0]) for d in result.dims[i])
        out_shape = tuple(int(d[0]) for d in result.dims[i + 1])
        window = _window(layer)
        if isinstance(layer, Linear):
            rf_all, positional = True, False
        elif isinstance(layer, Flatten):
            positional = False  # each feature is still one cell: the receptive field stays
        elif window is not None and positional and len(in_shape) == 3:
            span, left, stride = window
            rf += (span - 1) * jump
            start += ((span - 1) / 2 - left) * jump
            jump *= stride
        elif window is not None:
            positional = False
            rf = rf if rf_all else 0  # a window over flattened features is no window of input positions
        steps.append(
            Step(
                number=i + 1,
                placed=placed[i],
                in_shape=in_shape,
                out_shape=out_shape,
                macs=_macs(layer, out_shape),
                ops=_ops(layer, out_shape),
                rf=rf if rf else None,
                rf_all=rf_all,
                jump=jump if positional else None,
                start=start if positional else None,
                pads=_pads(layer),
            )
        )
    return tuple(steps)


def trace(placed: tuple[Placed, ...], in_channels: int, length: int, fits: tuple[np.ndarray, Run]) -> Trace:
    """Shapes, the break and the receptive fields for input (1, in_channels, length).

    ``fits`` is ``shapes.fitting_lengths`` of the same layers (computed once per stack, cached by the page).
    """
    layers = tuple(p.layer for p in placed)
    result = run(layers, in_channels, np.array([length]))
    broken = int(result.first_failure[0])
    error = first_error(result)
    stop = len(placed) if broken < 0 else broken
    fitting, every = fits
    stuck = broken >= 0 and bool(np.all((every.first_failure >= 0) & (every.first_failure <= broken)))
    steps = _steps(placed, result, stop)
    return Trace(
        placed=placed,
        in_shape=(1, in_channels, length),
        steps=steps,
        error=error,
        broken=None if broken < 0 else broken,
        fits=fitting,
        stuck=stuck,
        notes=() if error is None or broken < 0 else tuple(_notes(placed, steps, error, in_channels)),
    )


def check_work(t: Trace) -> None:
    """Refuse dependency sets and the torch run when one forward pass would be too much for the server.

    Shapes and receptive fields are integers and always shown; this guards only what computes numbers:
    the largest tensor (a 4096-channel stack parses, see limits.py) and then the work of the pass.
    """
    shapes = [t.in_shape, *(s.out_shape for s in t.steps)]
    big = max(range(len(shapes)), key=lambda i: math.prod(shapes[i]))
    values = math.prod(shapes[big])
    if values > MAX_STACK_VALUES:
        raise ConvVizError(
            "stack_values",
            layer=big,
            shape=", ".join(map(str, shapes[big])),
            values=f"{values:,}",
            max=f"{MAX_STACK_VALUES:,}",
            length=t.in_shape[2],
        )
    if t.ops > MAX_MACS:  # pooling and ReLU cost time too, though they multiply nothing
        raise ConvVizError("stack_work", macs=f"{t.ops:,}", max=f"{MAX_MACS:,}", length=t.in_shape[2])

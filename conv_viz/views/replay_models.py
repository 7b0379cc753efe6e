"""Replays of the examples that go beyond one Conv1d: a Conv2d, a ConvTranspose1d, and a whole tutorial CNN.

Same contract as ``conv_viz.views.replay``: the engine computes, torch (through
``conv_viz.reference``, imported lazily) checks, facts carry i18n keys and
pre-formatted numbers. NumPy and the core only.
"""

from __future__ import annotations

import numpy as np

from conv_viz import data, engine, reference
from conv_viz.core.params import Conv1dParams, ConvTranspose1dParams, output_length
from conv_viz.stack.layers import MaxPool2d, Reshape
from conv_viz.stack.model import ModelStep, to_stack, trace_model
from conv_viz.text import formulas as text_formulas
from conv_viz.views.replay import NO_TORCH, Fact, Replay, shape_fact, shape_text

# ---------------------------------------------------------------- Conv2d: a sum of Conv1d's, one per kernel row


def conv2d_by_rows(x: np.ndarray, weight: np.ndarray, bias: np.ndarray | None, stride: tuple[int, int]) -> np.ndarray:
    """``nn.Conv2d`` (no padding) built from the 1-D engine: output row i = Σ_kh conv1d(input row i·sh + kh, kernel row kh).

    >>> x = np.arange(12.0).reshape(1, 1, 3, 4)
    >>> conv2d_by_rows(x, np.ones((1, 1, 2, 2)), None, (1, 1))[0, 0].tolist()
    [[10.0, 14.0, 18.0], [26.0, 30.0, 34.0]]
    """
    n, _, height, width = x.shape
    out_channels, _, kh, kw = weight.shape
    sh, sw = stride
    rows, cols = output_length(height, kh, sh), output_length(width, kw, sw)
    y = np.zeros((n, out_channels, rows, cols), x.dtype)
    for i in range(rows):
        for r in range(kh):
            y[:, :, i, :] += engine.conv1d(x[:, :, i * sh + r, :], weight[:, :, r, :], stride=sw)
    if bias is not None:
        y += bias[None, :, None, None]
    return y


def replay_conv2d(
    shape: tuple[int, int, int, int],
    out_channels: int,
    kernel: tuple[int, int],
    stride: tuple[int, int],
    seed: int,
    tutorial_shape: tuple[int, ...],
) -> Replay:
    """Conv2d's output shape by the 1-D formula per axis, and its values by Conv1d's, checked with ``nn.Conv2d``."""
    _, c, height, width = shape
    rng = np.random.default_rng(seed)
    bound = 1 / np.sqrt(c * kernel[0] * kernel[1])  # nn.Conv2d's default init range
    x = rng.standard_normal(shape).astype(np.float32)
    weight = rng.uniform(-bound, bound, (out_channels, c, *kernel)).astype(np.float32)
    bias = rng.uniform(-bound, bound, out_channels).astype(np.float32)
    y = conv2d_by_rows(x, weight, bias, stride)
    result = reference.run_torch_conv2d(x, weight, bias, stride, expected=y) if reference.torch_available() else None
    facts = [shape_fact(tutorial_shape, y.shape, None if result is None else result.output.shape)]
    if result is not None:
        fields = {"count": f"{y.size:,}", "diff": f"{result.max_abs_diff:.1e}", "dtype": "float32"}
        facts.append(Fact("gallery.fact.conv2d_rows", fields, bool(result.allclose)))
    tensors = [("y[0, 0]", y[0, 0])] + ([("y_torch[0, 0]", result.output[0, 0])] if result is not None else [])
    return Replay(
        shapes=(
            ("x", shape_text(shape)),
            ("weight", shape_text(weight.shape)),
            ("bias", shape_text(bias.shape)),
            ("y", shape_text(y.shape)),
        ),
        facts=tuple(facts),
        tensors=tuple(tensors),
        formulas=tuple(
            text_formulas.axis_formula(*axis) for axis in zip("HW", (height, width), kernel, stride, strict=True)
        ),
        torch_checked=result is not None,
    )


# ---------------------------------------------------------------- ConvTranspose1d: why output_padding exists


def replay_transposed(
    up: ConvTranspose1dParams, batch: int, length: int, seed: int, tutorial_shape: tuple[int, ...]
) -> Replay:
    """Conv1d with stride maps two lengths to one; ConvTranspose1d's output_padding picks which one comes back."""
    down = Conv1dParams(
        up.out_channels, up.in_channels, up.kernel_size, up.stride, up.padding, dilation=up.dilation, groups=up.groups
    )
    source = data.seeded(down, batch, length, seed)
    y = engine.conv1d(source.x, source.weight, source.bias, down.stride, down.padding, down.dilation, down.groups)
    same = [
        n
        for n in range(length - down.stride, length + down.stride + 1)
        if n >= 1 and down.output_length(n) == y.shape[-1]
    ]
    facts = [Fact("gallery.fact.ambiguous", {"lengths": ", ".join(map(str, same)), "out": str(y.shape[-1])})]
    rng = np.random.default_rng(seed)
    bound = np.sqrt(up.groups / (up.out_channels * up.kernel_size))  # ConvTranspose1d's init uses its weight's fan-in
    weight = rng.uniform(-bound, bound, up.weight_shape).astype(np.float32)
    bias = rng.uniform(-bound, bound, up.out_channels).astype(np.float32) if up.bias else None
    torch_on = reference.torch_available()
    formulas, tensors, shapes = [], [], [("x", shape_text(source.x.shape)), ("down(x)", shape_text(y.shape))]
    for op in range(max(up.stride, up.dilation)):
        q = ConvTranspose1dParams(
            up.in_channels, up.out_channels, up.kernel_size, up.stride, up.padding, op, up.groups, up.bias, up.dilation
        )
        z = engine.conv_transpose1d(y, weight, bias, q.stride, q.padding, op, q.groups, q.dilation)
        result = reference.run_torch(y, weight, bias, q, expected=z) if torch_on else None
        theirs = None if result is None else result.output.shape
        ok = z.shape[-1] == q.output_length(y.shape[-1]) and (result is None or bool(result.allclose))
        fields = {"op": str(op), "engine": shape_text(z.shape), "torch": shape_text(theirs) if theirs else NO_TORCH}
        key = "gallery.fact.transposed_back" if z.shape[-1] == length else "gallery.fact.transposed"
        facts.append(Fact(key, fields, ok if torch_on else None))
        formulas.append(text_formulas.transposed_length_formula(q, y.shape[-1]))
        shapes.append((f"up(down(x)), output_padding={op}", shape_text(z.shape)))
        if op == up.output_padding:
            facts.append(shape_fact(tutorial_shape, z.shape, theirs))
            tensors.append((f"up(down(x))[0, 0, :4], output_padding={op}", z[0, 0, :4]))
    return Replay(
        shapes=tuple(shapes),
        facts=tuple(facts),
        tensors=tuple(tensors),
        formulas=tuple(formulas),
        torch_checked=torch_on,
    )


# ---------------------------------------------------------------- a tutorial CNN: where it breaks, what fits


def folding_length(layers: tuple[ModelStep, ...], want: tuple[int, ...], after: int) -> int | None:
    """The first input length past ``after`` that runs but does not give ``want``: ``x.view(-1, n)`` made a batch.

    Searched up to 8× ``after`` (the tutorial's first such length is about 2×); shape arithmetic only.
    """
    for n in range(after + 1, 8 * after + 1):
        out = trace_model(layers, (1, 1, n)).output
        if out is not None and out != want:
            return n
    return None


def replay_model(
    layers: tuple[ModelStep, ...],
    fixed_layers: tuple[ModelStep, ...],
    want: tuple[int, ...],
    fits: list[int],
    seed: int,
) -> Replay:
    """A model as written (it breaks) and fixed (1-D pooling): shapes layer by layer, for the shortest input that fits.

    ``fits``: the input lengths for which the fixed model ends in ``want``, the tutorial's output shape.
    """
    shape = (1, 1, fits[0])
    written, fixed = trace_model(layers, shape), trace_model(fixed_layers, shape)
    as_written = [shape_text(s) for _, s in written.steps] + ["✗"]
    with_1d = [shape_text(s) for _, s in fixed.steps]
    rows = [("x", shape_text(shape), shape_text(shape))]
    rows += [
        (layer.code, as_written[i] if i < len(as_written) else "", with_1d[i] if i < len(with_1d) else "")
        for i, layer in enumerate(layers)
    ]
    pool = next(i for i, step in enumerate(layers) if isinstance(step.layer, MaxPool2d))
    flat = next(step.layer.size for step in fixed_layers if isinstance(step.layer, Reshape))
    folded = folding_length(fixed_layers, want, fits[-1])
    facts = [
        Fact("gallery.fact.pool2d", {"before": as_written[pool - 1], "after": as_written[pool]}),
        Fact(
            "gallery.fact.fit",
            {"first": str(fits[0]), "last": str(fits[-1]), "flat": str(flat), "out": shape_text(fixed.output)},
            fixed.output == want,
        ),
    ]
    if folded is not None:  # view(-1, n) runs on more lengths than fit: it folds positions into the batch
        out = trace_model(fixed_layers, (1, 1, folded)).output
        fields = {"flat": str(flat), "length": str(folded), "out": shape_text(out), "want": shape_text(want)}
        facts.append(Fact("gallery.fact.view_folds", fields))
    torch_error = None
    if reference.torch_available():  # torch's own modules, layer by layer, for both versions
        ran = [reference.run_torch_stack(to_stack(model), 1, fits[0], seed, None) for model in (layers, fixed_layers)]
        torch_error = ran[0].error
        same = [list(run.shapes) == [s for _, s in t.steps] for run, t in zip(ran, (written, fixed), strict=True)]
        facts.append(Fact("gallery.fact.torch_trace", {}, all(same) and ran[0].failed_at == len(written.steps)))
    return Replay(
        shapes=(("x", shape_text(shape)),),
        facts=tuple(facts),
        engine_error=written.error,
        torch_error=torch_error,
        torch_checked=torch_error is not None,
        trace=tuple(rows),
    )

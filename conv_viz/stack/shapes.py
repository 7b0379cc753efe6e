"""Shapes through a stack, where it breaks (in torch's words), and the input lengths that make it run.

Every rule is evaluated on an array of candidate input lengths at once, so
the same code gives the shape table for the user's L and the list of every L
in 1 … MAX_LENGTH that makes the stack run. Each layer applies its own length
formula (``params.output_length`` for Conv1d, torch's pooling formula) and
checks torch's rules in torch's order; a failing rule names the exact error
torch raises for that candidate.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from conv_viz.core.limits import MAX_LENGTH
from conv_viz.errors import ConvVizError
from conv_viz.stack.layers import Conv, Flatten, Layer, Linear, MaxPool2d, Pool1d, ReLU, Reshape

Dims = tuple[np.ndarray, ...]  # one int64 array per tensor dimension, one entry per candidate length


@dataclass(frozen=True)
class Rule:
    """Where a layer fails (one bool per candidate) and what torch says for candidate i."""

    fails: np.ndarray
    error: Callable[[int], ConvVizError]


def _torch_shape(dims: Dims, i: int) -> str:
    return "[" + ", ".join(str(int(d[i])) for d in dims) + "]"


def _always(dims: Dims, err: ConvVizError) -> Rule:
    return Rule(np.ones(dims[0].shape, bool), lambda i: err)


def _conv(layer: Conv, dims: Dims) -> tuple[Dims, list[Rule]]:
    """torch's order: F.pad (causal or a padding_mode other than zeros), channels, then the window size."""
    p = layer.params
    try:
        p.check()
    except ConvVizError as err:
        return dims, [_always(dims, err)]
    batched = dims if len(dims) == 3 else (np.ones_like(dims[0]), *dims)  # torch unsqueezes an unbatched input
    n, c, length = batched
    left, right = p.pads()
    rules = []
    padded_first = bool(left or right) and (p.padding_mode != "zeros" or p.causal)  # F.pad, then conv1d
    seen = (n, c, length + left + right) if padded_first else batched  # the shape torch's channel check reports
    if padded_first:
        mode = "zeros" if p.causal and p.padding_mode == "zeros" else p.padding_mode
        if mode == "reflect":
            rules.append(
                Rule(
                    np.maximum(left, right) >= length,
                    lambda i: ConvVizError(
                        "stack_reflect_pad",
                        left=left,
                        right=right,
                        dim=len(dims) - 1,
                        shape=_torch_shape(dims, i),
                        max_pad=int(length[i]) - 1,
                    ),
                )
            )
        elif mode == "circular":
            rules.append(
                Rule(
                    np.maximum(left, right) > length,
                    lambda i: ConvVizError(
                        "stack_circular_pad",
                        left=left,
                        right=right,
                        length=int(length[i]),
                        need=max(left, right),
                    ),
                )
            )
    weight = "[" + ", ".join(str(s) for s in p.weight_shape) + "]"
    rules.append(
        Rule(
            c != p.in_channels,
            lambda i: ConvVizError(
                "stack_channels",
                groups=p.groups,
                weight=weight,
                shape=_torch_shape(seen, i),
                expected=p.in_channels,
                got=int(c[i]),
            ),
        )
    )
    padded = length + left + right
    rules.append(
        Rule(
            padded < p.span,
            lambda i: ConvVizError(
                "stack_kernel",
                padded=int(padded[i]),
                span=p.span,
                kernel_size=p.kernel_size,
                dilation=p.dilation,
            ),
        )
    )
    out = (n, np.full_like(n, p.out_channels), (padded - p.span) // p.stride + 1)
    return (out if len(dims) == 3 else out[1:]), rules


def _pool(layer: Pool1d, dims: Dims) -> tuple[Dims, list[Rule]]:
    """MaxPool1d / AvgPool1d: the padding rule, then torch's check that the output is not empty."""
    k, p = layer.kernel_size, layer.padding
    rules = []
    if 2 * p > k:
        key = "stack_maxpool_padding" if layer.kind == "max" else "stack_avgpool_padding"
        rules.append(_always(dims, ConvVizError(key, padding=p, kernel_size=k, max_pad=k // 2)))
    length, channels = dims[-1], dims[-2]
    out = layer.output_length(length)
    if layer.kind == "max":
        rules.append(Rule(out <= 0, lambda i: ConvVizError("stack_maxpool_small", out=int(out[i]))))
    else:
        rules.append(
            Rule(
                out <= 0,
                lambda i: ConvVizError(
                    "stack_avgpool_small",
                    c=int(channels[i]),
                    length=int(length[i]),
                    out=int(out[i]),
                ),
            )
        )
    return (*dims[:-1], out), rules


def _pool2d(layer: MaxPool2d, dims: Dims) -> tuple[Dims, list[Rule]]:
    """F.max_pool2d: a 3-D tensor is one (C, H, W) image to it, so dims 1 and 2 both shrink."""
    if len(dims) != 3:
        return dims, [_always(dims, ConvVizError("stack_pool2d_rank"))]
    a, b, c = dims
    b2, c2 = layer.output_length(b), layer.output_length(c)
    rule = Rule(
        (b2 <= 0) | (c2 <= 0),
        lambda i: ConvVizError(
            "stack_pool2d_small",
            a=int(a[i]),
            b=int(b[i]),
            c=int(c[i]),
            b2=int(b2[i]),
            c2=int(c2[i]),
        ),
    )
    return (a, b2, c2), [rule]


def _linear(layer: Linear, dims: Dims) -> tuple[Dims, list[Rule]]:
    """Linear acts on the last dimension; torch multiplies (rows × last) by (in_features × out_features)."""
    last = dims[-1]
    rows = np.prod(np.stack(dims[:-1]), axis=0)
    key = "stack_linear_one" if layer.in_features == 1 else "stack_linear"  # "1 feature", "2 features"
    rule = Rule(
        last != layer.in_features,
        lambda i: ConvVizError(
            key,
            rows=int(rows[i]),
            last=int(last[i]),
            in_features=layer.in_features,
            out_features=layer.out_features,
        ),
    )
    return (*dims[:-1], np.full_like(last, layer.out_features)), [rule]


def _reshape(layer: Reshape, dims: Dims) -> tuple[Dims, list[Rule]]:
    """x.view(-1, size): (every value / size, size), when size divides the number of values."""
    total = np.prod(np.stack(dims), axis=0)
    rule = Rule(total % layer.size != 0, lambda i: ConvVizError("trace_view", size=layer.size, total=int(total[i])))
    return (total // layer.size, np.full_like(total, layer.size)), [rule]


def apply(layer: Layer | Reshape, dims: Dims) -> tuple[Dims, list[Rule]]:
    """The output dims of ``layer`` and the rules it checks, in torch's order."""
    if isinstance(layer, Conv):
        return _conv(layer, dims)
    if isinstance(layer, Pool1d):
        return _pool(layer, dims)
    if isinstance(layer, MaxPool2d):
        return _pool2d(layer, dims)
    if isinstance(layer, Linear):
        return _linear(layer, dims)
    if isinstance(layer, Reshape):
        return _reshape(layer, dims)
    if isinstance(layer, Flatten) and len(dims) == 3:
        return (dims[0], dims[1] * dims[2]), []
    assert isinstance(layer, ReLU | Flatten)
    return dims, []


@dataclass(frozen=True)
class Run:
    """Every candidate length through the stack: the dims after each layer and the first layer that failed."""

    lengths: np.ndarray
    dims: tuple[Dims, ...]  # dims[0] is the input; dims[i] the output of layer i (garbage past a failure)
    first_failure: np.ndarray  # 0-based layer index per candidate, -1 where the whole stack runs
    errors: tuple[tuple[Rule, ...], ...]  # each layer's rules


def run(layers: tuple[Layer | Reshape, ...], in_channels: int, lengths: np.ndarray) -> Run:
    """Push an input (1, in_channels, L) through the layers for every L in ``lengths`` at once."""
    lengths = np.asarray(lengths, dtype=np.int64)
    dims: Dims = (np.ones_like(lengths), np.full_like(lengths, in_channels), lengths)
    first = np.full(lengths.shape, -1)
    history, errors = [dims], []
    for index, layer in enumerate(layers):
        out, rules = apply(layer, dims)
        for rule in rules:
            first[rule.fails & (first < 0)] = index
        # keep failed candidates' dims positive so later formulas stay finite; they are never read
        dims = tuple(np.where(first < 0, d, 1) for d in out)
        history.append(dims)
        errors.append(tuple(rules))
    return Run(lengths, tuple(history), first, tuple(errors))


def first_error(result: Run, i: int = 0) -> ConvVizError | None:
    """What torch raises for candidate ``i``: the first failing rule of its first failing layer."""
    index = int(result.first_failure[i])
    if index < 0:
        return None
    return next(rule.error(i) for rule in result.errors[index] if rule.fails[i])


def fitting_lengths(layers: tuple[Layer, ...], in_channels: int, top: int = MAX_LENGTH) -> tuple[np.ndarray, Run]:
    """Every input length in 1 … top that makes the whole stack run, and the run over all of them."""
    result = run(layers, in_channels, np.arange(1, top + 1))
    return result.lengths[result.first_failure < 0], result


def ranges(values: np.ndarray) -> list[tuple[int, int]]:
    """Sorted integers as (first, last) runs of consecutive values.

    >>> ranges(np.array([214, 215, 216, 217, 300]))
    [(214, 217), (300, 300)]
    """
    if values.size == 0:
        return []
    breaks = np.nonzero(np.diff(values) != 1)[0]
    starts = np.concatenate([[0], breaks + 1])
    ends = np.concatenate([breaks, [values.size - 1]])
    return [(int(values[s]), int(values[e])) for s, e in zip(starts, ends, strict=True)]


def spell_ranges(values: np.ndarray, most: int = 6) -> str:
    """Lengths as people read them: runs joined, the first ``most`` runs only.

    >>> spell_ranges(np.array([3, 214, 215, 216, 217]))
    '3, 214–217'
    """
    runs = ranges(values)
    shown = [f"{a:,}" if a == b else f"{a:,}–{b:,}" for a, b in runs[:most]]
    return ", ".join(shown) + (", …" if len(runs) > most else "")

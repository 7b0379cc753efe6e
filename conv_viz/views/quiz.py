"""Quiz questions drawn from a seed: small configurations that are always valid, answers computed, never stored.

``make_question(seed)`` is a pure function of the seed (``random.Random(seed)``), so
a link with ``quiz=<seed>`` reproduces the question. Every draw is checked with
``params.validate`` and redrawn until torch would accept it; the answer comes from
the engine or ``params`` (the same code the pages use). The kind cycles with the
seed (seed mod len(KINDS)), so "next question" walks through every kind. NumPy, the
standard library and the core only.
"""

from __future__ import annotations

import random
from dataclasses import dataclass

import numpy as np

from conv_viz import engine
from conv_viz.core import backward
from conv_viz.core.params import Conv1dParams
from conv_viz.errors import ConvVizError

KINDS = ("length", "value", "weight_shape", "groups", "receptive_field", "gradient")
GRADIENTS = ("db", "dw", "dx")  # gradient questions: which tensor's cell, after y.sum().backward()
TOLERANCE = 1e-4  # a value answer within this of the engine's counts as right
Answer = int | float | tuple[int, ...] | frozenset[int]


@dataclass(frozen=True)
class Question:
    """One question: its configuration, and the answer the engine computed for it."""

    seed: int
    kind: str
    layers: tuple[Conv1dParams, ...]  # one layer, or the stack of a receptive-field question
    batch: int
    length: int
    answer: Answer
    x: tuple[tuple[int, ...], ...] = ()  # value questions: tiny integers, (C_in, L) of batch item 0
    weight: tuple[tuple[tuple[int, ...], ...], ...] = ()  # (C_out, C_in, K)
    bias: tuple[int, ...] | None = None
    at: tuple[int, int, int] = (0, 0, 0)  # the output cell asked for; gradient questions: the cell of ``grad``
    grad: str = ""  # gradient questions: "db" (at = (o, 0, 0)), "dw" (o, c, k) or "dx" (0, c, i)

    @property
    def params(self) -> Conv1dParams:
        return self.layers[0]

    def arrays(self) -> tuple[np.ndarray, np.ndarray, np.ndarray | None]:
        """x (1, C_in, L), weight and bias of a value question as float64, as the engine takes them."""
        bias = None if self.bias is None else np.array(self.bias, np.float64)
        return np.array([self.x], np.float64), np.array(self.weight, np.float64), bias


def kind_of(seed: int) -> str:
    return KINDS[seed % len(KINDS)]


def _valid(params: Conv1dParams, length: int) -> bool:
    try:
        params.validate(length)
    except ConvVizError:
        return False
    return True


def _length_question(seed: int, rng: random.Random) -> Question:
    """nn.Conv1d with stride, padding and dilation on a random batch: what is L_out?"""
    while True:
        stride = rng.choice((1, 1, 2, 2, 3))
        padding: int | str = rng.choice((0, 0, 1, 2, 3, "same")) if stride == 1 else rng.choice((0, 1, 2, 3))
        params = Conv1dParams(
            rng.randint(1, 8), rng.randint(1, 16), rng.randint(1, 7), stride, padding, dilation=rng.choice((1, 1, 2, 3))
        )
        length = rng.randint(6, 40)
        if _valid(params, length):
            return Question(seed, "length", (params,), rng.randint(1, 8), length, params.output_length(length))


def _value_question(seed: int, rng: random.Random) -> Question:
    """Tiny integer data, so y[0, o, t] can be summed by hand; the engine computes the answer."""
    while True:
        c_in, c_out, k = rng.randint(1, 2), rng.randint(1, 2), rng.randint(2, 3)
        params = Conv1dParams(c_in, c_out, k, rng.choice((1, 1, 2)), rng.choice((0, 0, 1)), bias=rng.random() < 0.5)
        length = rng.randint(5, 8)
        if _valid(params, length):
            break
    x = tuple(tuple(rng.randint(-3, 3) for _ in range(length)) for _ in range(c_in))
    weight = tuple(tuple(tuple(rng.randint(-2, 2) for _ in range(k)) for _ in range(c_in)) for _ in range(c_out))
    bias = tuple(rng.randint(-2, 2) for _ in range(c_out)) if params.bias else None
    at = (0, rng.randrange(c_out), rng.randrange(params.output_length(length)))
    q = Question(seed, "value", (params,), 1, length, 0, x, weight, bias, at)
    xa, wa, ba = q.arrays()
    y = engine.conv1d(xa, wa, ba, params.stride, params.padding)
    return Question(seed, "value", (params,), 1, length, float(y[at]), x, weight, bias, at)


def _gradient_question(seed: int, rng: random.Random) -> Question:
    """y.sum().backward() on tiny integer data: one cell of bias.grad, weight.grad or x.grad, by hand.

    With L = y.sum() every dL/dy is 1, so dL/db[o] counts outputs, dL/dw[o, c, k] adds the inputs tap k read,
    and dL/dx[0, c, i] adds the weights that touched x[i]; the answer is ``core.backward``'s.
    """
    while True:
        c_in, c_out, k = rng.randint(1, 2), rng.randint(1, 2), rng.randint(2, 3)
        params = Conv1dParams(c_in, c_out, k, rng.choice((1, 1, 2)), rng.choice((0, 0, 1)), bias=True)
        length = rng.randint(5, 8)
        if _valid(params, length):
            break
    x = tuple(tuple(rng.randint(-3, 3) for _ in range(length)) for _ in range(c_in))
    weight = tuple(tuple(tuple(rng.randint(-2, 2) for _ in range(k)) for _ in range(c_in)) for _ in range(c_out))
    bias = tuple(rng.randint(-2, 2) for _ in range(c_out))
    grad = rng.choice(GRADIENTS)
    o, c = rng.randrange(c_out), rng.randrange(c_in)
    at = {"db": (o, 0, 0), "dw": (o, c, rng.randrange(k)), "dx": (0, c, rng.randrange(length))}[grad]
    q = Question(seed, "gradient", (params,), 1, length, 0, x, weight, bias, at, grad)
    xa, wa, ba = q.arrays()
    y = engine.conv1d(xa, wa, ba, params.stride, params.padding)
    g = backward.gradients(xa, wa, ba, backward.loss_gradient(y, "sum"), params)
    value = {"db": lambda: g.db[o] if g.db is not None else 0.0, "dw": lambda: g.dw[at], "dx": lambda: g.dx[at]}
    return Question(seed, "gradient", (params,), 1, length, float(value[grad]()), x, weight, bias, at, grad)


def _weight_shape_question(seed: int, rng: random.Random) -> Question:
    """nn.Conv1d with groups: what is conv.weight.shape?"""
    while True:
        groups = rng.choice((1, 2, 2, 3, 4))
        params = Conv1dParams(groups * rng.randint(1, 4), groups * rng.randint(1, 4), rng.randint(2, 7), groups=groups)
        if params.in_channels > 1:  # one input channel makes every rule look the same
            params.check()
            return Question(seed, "weight_shape", (params,), 1, 16, params.weight_shape)


def valid_groups(in_channels: int, out_channels: int) -> frozenset[int]:
    """Every groups value nn.Conv1d accepts for these channels, by asking the rules themselves."""
    accepted = set()
    for groups in range(1, max(in_channels, out_channels) + 1):
        try:
            Conv1dParams(in_channels, out_channels, groups=groups).check()
        except ConvVizError:
            continue
        accepted.add(groups)
    return frozenset(accepted)


def _groups_question(seed: int, rng: random.Random) -> Question:
    """Which groups values work for these channel counts? Redrawn until more than groups=1 does."""
    while True:
        c_in, c_out = rng.randint(2, 12), rng.randint(2, 16)
        answer = valid_groups(c_in, c_out)
        if len(answer) > 1:
            return Question(seed, "groups", (Conv1dParams(c_in, c_out, 3),), 1, 16, answer)


def seen_cells(layers: tuple[Conv1dParams, ...]) -> np.ndarray:
    """The input cells output 0 of the stack reads, found by the engine: one impulse per input cell.

    All-ones weights and non-negative impulses cannot cancel, so output 0 is non-zero
    exactly for the impulses it sees. The input is long enough for any stack:
    Σ span · Π stride cells.

    >>> seen_cells((Conv1dParams(kernel_size=2, dilation=3),)).tolist()
    [0, 3]
    """
    length = sum(p.span for p in layers) * int(np.prod([p.stride for p in layers]))
    y = np.eye(length)[:, None, :]  # batch item i: an impulse at input cell i
    for p in layers:
        y = engine.conv1d(y, np.ones(p.weight_shape), None, p.stride, p.padding, p.dilation)
    return np.flatnonzero(y[:, 0, 0])


def receptive_field(layers: tuple[Conv1dParams, ...]) -> int:
    """From the first to the last input cell one output reads, gaps that dilation leaves included.

    >>> receptive_field((Conv1dParams(kernel_size=3, stride=2), Conv1dParams(kernel_size=3)))
    7
    """
    cells = seen_cells(layers)
    return int(cells[-1] - cells[0] + 1)


def _receptive_field_question(seed: int, rng: random.Random) -> Question:
    """One dilated Conv1d, or a stack of two or three: how many input cells does one output see?"""
    if rng.random() < 0.4:
        layers: tuple[Conv1dParams, ...] = (Conv1dParams(kernel_size=rng.randint(2, 7), dilation=rng.randint(2, 6)),)
    else:
        layers = tuple(
            Conv1dParams(kernel_size=rng.randint(2, 5), stride=rng.choice((1, 2)), dilation=rng.choice((1, 1, 2)))
            for _ in range(rng.randint(2, 3))
        )
    return Question(seed, "receptive_field", layers, 1, 64, receptive_field(layers))


_MAKERS = {
    "length": _length_question,
    "value": _value_question,
    "weight_shape": _weight_shape_question,
    "groups": _groups_question,
    "receptive_field": _receptive_field_question,
    "gradient": _gradient_question,
}


def make_question(seed: int) -> Question:
    """The question for ``seed``: its kind is ``KINDS[seed % len(KINDS)]``, its numbers from ``random.Random(seed)``.

    >>> q = make_question(0)
    >>> q.kind, q.answer == q.params.output_length(q.length)
    ('length', True)
    """
    return _MAKERS[kind_of(seed)](seed, random.Random(seed))

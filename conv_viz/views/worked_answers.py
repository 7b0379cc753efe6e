"""What the quiz page writes for a question: the code it asks about, the worked answer, and the page that shows it.

Pure string building from a ``Question`` (NumPy and the core): prose is an i18n key
with numbers as fields, so the page reads in English or Chinese; code and LaTeX
carry numbers only. The worked answer is computed again here by the engine
(``engine.explain``) and the same rules, never copied from the answer.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace

from conv_viz import data, engine
from conv_viz.core import backward
from conv_viz.core.geometry import ZERO
from conv_viz.data import format_number
from conv_viz.server.url_state import DEFAULT, ViewState
from conv_viz.stack.layers import Conv, stack_text
from conv_viz.text import formulas
from conv_viz.text.code import quiz as quiz_code
from conv_viz.views.quiz import Question, seen_cells


@dataclass(frozen=True)
class Step:
    """One piece of a worked answer: prose (an i18n key and its fields), LaTeX, or a code block."""

    kind: str  # "text" | "latex" | "code"
    body: str
    fields: Mapping[str, str] = field(default_factory=dict)


def code(q: Question) -> str:
    """The few lines of PyTorch the question asks about (written by ``text.code.quiz``)."""
    p = q.params
    if q.kind == "length":
        return quiz_code.length_question(p, q.batch, q.length)
    if q.kind == "value":
        return quiz_code.value_question(p, *q.arrays(), q.at)
    if q.kind == "weight_shape":
        return quiz_code.weight_shape_question(p)
    if q.kind == "groups":
        return quiz_code.groups_question(p)
    if q.kind == "gradient":
        x, w, b = q.arrays()
        assert b is not None
        return quiz_code.gradient_question(p, x, w, b, q.grad, q.at)
    return quiz_code.receptive_field_question(q.layers)


def prompt(q: Question) -> tuple[str, dict[str, str]]:
    """The question in words: an i18n key ``quiz.q.*`` and its fields."""
    p = q.params
    fields = {"cin": str(p.in_channels), "cout": str(p.out_channels), "o": str(q.at[1]), "t": str(q.at[2])}
    if q.kind == "gradient":
        a, b, c = (str(v) for v in q.at)
        return f"quiz.q.gradient_{q.grad}", {"a": a, "b": b, "c": c}
    return f"quiz.q.{q.kind}", fields


def _num(v: float) -> str:
    text = format_number(v)
    return f"({text})" if text.startswith("-") else text


def _value_steps(q: Question) -> list[Step]:
    """The sum behind y[0, o, t], term by term, from ``engine.explain``."""
    p = q.params
    x, w, b = q.arrays()
    e = engine.explain(x, w, b, p.stride, p.padding, at=q.at)
    names: dict[int, list[str]] = {}  # one line per input channel: a long sum stays readable
    numbers: dict[int, list[str]] = {}
    for tm in e.terms:
        read = f"x[0, {tm.channel}, {tm.source}]" if tm.source != ZERO else "0 (pad)"
        names.setdefault(tm.channel, []).append(f"{read}·w[{e.o}, {tm.channel}, {tm.tap}]")
        numbers.setdefault(tm.channel, []).append(f"{_num(tm.x)}·{_num(tm.w)}")
    rows = [(" + ".join(names[c]), " + ".join(numbers[c])) for c in names]
    if e.bias is not None:
        rows.append((f"b[{e.o}]", _num(e.bias)))
    head = f"y[0, {e.o}, {e.t}] = "
    indent = " " * (len(head) - 2)
    lines = [head + rows[0][0]] + [indent + "+ " + name for name, _ in rows[1:]]
    lines += [indent + "= " + rows[0][1]] + [indent + "+ " + value for _, value in rows[1:]]
    lines.append(indent + "= " + format_number(e.total))
    slots = [tm.padded_index for tm in e.terms]
    left = p.pads()[0]
    window = {"t": str(e.t), "stride": str(p.stride), "start": str(e.t * p.stride), "k": str(p.kernel_size)}
    window |= {"first": str(min(slots)), "last": str(max(slots)), "pad": str(left)}
    window |= {"first_in": str(min(slots) - left), "last_in": str(max(slots) - left)}
    key = "quiz.explain.window_padded" if left else "quiz.explain.window"
    return [Step("text", key, window), Step("code", "\n".join(lines))]


def _gradient_steps(q: Question) -> list[Step]:
    """dL/dy is all ones for y.sum(); the asked cell's sum from ``core.backward``, term by term."""
    p = q.params
    x, w, b = q.arrays()
    y = engine.conv1d(x, w, b, p.stride, p.padding)
    ones = backward.loss_gradient(y, "sum")
    out_length = str(y.shape[-1])
    if q.grad == "db":
        line = f"dL/db[{q.at[0]}] = " + " + ".join(["1"] * y.shape[-1]) + f" = {out_length}"
        return [Step("text", "quiz.explain.gradient_db", {"n": out_length}), Step("code", line)]
    gsum = (backward.explain_dw if q.grad == "dw" else backward.explain_dx)(x, w, ones, p, q.at)
    head = f"{'dL/dw' if q.grad == 'dw' else 'dL/dx'}[{', '.join(map(str, q.at))}] = "
    if q.grad == "dw":
        names = [f"1·x_pad[0, {q.at[1]}, {s}]" for s in gsum.slot.tolist()]
    else:
        names = [f"1·w[{o}, {q.at[1]}, {k}]" for o, k in zip(gsum.o.tolist(), gsum.k.tolist(), strict=True)]
    values = " + ".join(_num(v) for v in gsum.factor.tolist()) or "0"
    indent = " " * (len(head) - 2)
    lines = [head + (" + ".join(names) or "0"), indent + "= " + values, indent + "= " + format_number(gsum.total)]
    key = "quiz.explain.gradient_dw" if q.grad == "dw" else "quiz.explain.gradient_dx"
    fields = {"k": str(q.at[2]), "s": str(p.stride), "d": str(p.dilation), "i": str(q.at[2])}
    return [Step("text", key, fields), Step("code", "\n".join(lines))]


def _divisors(n: int) -> str:
    return ", ".join(str(d) for d in range(1, n + 1) if n % d == 0)


def _rf_steps(q: Question) -> list[Step]:
    """The receptive-field formula layer by layer, then the engine's impulse check of the same number."""
    rows, jump, r = ["layer  kernel_size  stride  dilation  jump  (k−1)·d·jump   r"], 1, 1
    for i, p in enumerate(q.layers, 1):
        add = (p.kernel_size - 1) * p.dilation * jump
        r += add
        rows.append(f"{i:>5}  {p.kernel_size:>11}  {p.stride:>6}  {p.dilation:>8}  {jump:>4}  {add:>12}  {r:>3}")
        jump *= p.stride
    cells = seen_cells(q.layers)
    steps = [Step("code", "\n".join(rows)), Step("latex", formulas.receptive_field_formula(q.layers))]
    checked = {"first": str(cells[0]), "last": str(cells[-1]), "r": str(q.answer), "count": str(cells.size)}
    steps.append(Step("text", "quiz.explain.rf" if cells.size == q.answer else "quiz.explain.rf_gaps", checked))
    return steps


def explain(q: Question) -> tuple[Step, ...]:
    """The worked answer, with the question's own numbers plugged in."""
    p = q.params
    if q.kind == "length":
        steps = [Step("latex", formulas.length_formula(p, q.length))]
        if p.padding == "same":
            left, right = p.pads()
            steps.append(Step("text", "quiz.explain.same", {"left": str(left), "right": str(right)}))
        return tuple(steps)
    if q.kind == "value":
        return tuple(_value_steps(q))
    if q.kind == "gradient":
        return tuple(_gradient_steps(q))
    if q.kind == "weight_shape":
        lines = (
            "weight.shape = (out_channels, in_channels // groups, kernel_size)\n"
            f"             = ({p.out_channels}, {p.in_channels} // {p.groups}, {p.kernel_size})\n"
            f"             = {p.weight_shape}"
        )
        fields = {"groups": str(p.groups), "cin": str(p.in_channels), "per": str(p.in_channels // p.groups)}
        return Step("code", lines), Step("text", "quiz.explain.weight_shape", fields)
    if q.kind == "groups":
        assert isinstance(q.answer, frozenset)
        lines = (
            f"in_channels  = {p.in_channels}: divisors {_divisors(p.in_channels)}\n"
            f"out_channels = {p.out_channels}: divisors {_divisors(p.out_channels)}\n"
            f"groups must divide both: {', '.join(str(g) for g in sorted(q.answer))}"
        )
        steps = [Step("code", lines), Step("text", "quiz.explain.groups")]
        if p.in_channels in q.answer:
            steps.append(Step("text", "quiz.explain.depthwise", {"cin": str(p.in_channels)}))
        return tuple(steps)
    return tuple(_rf_steps(q))


def link(q: Question) -> tuple[str, ViewState]:
    """The app page (url_path) and view that show this question's configuration."""
    p = q.params
    view = replace(DEFAULT, conv=p, batch=q.batch, length=q.length)
    if q.kind == "value":
        x, w, b = q.arrays()
        typed = replace(view, x=data.format_values(x), w=data.format_values(w), cell=q.at, batch=1)
        return "playground", replace(typed, b=None if b is None else data.format_values(b))
    if q.kind == "gradient":  # the same numbers on the backward page, the asked cell pinned
        x, w, b = q.arrays()
        typed = replace(view, x=data.format_values(x), w=data.format_values(w), batch=1)
        typed = replace(typed, b=None if b is None else data.format_values(b))
        if q.grad == "dw":
            typed = replace(typed, wcell=q.at)
        elif q.grad == "dx":
            typed = replace(typed, xcell=q.at)
        return "backward", typed
    if q.kind in ("weight_shape", "groups"):
        groups = max(q.answer) if isinstance(q.answer, frozenset) else p.groups
        return "groups", replace(view, conv=replace(p, groups=groups))
    if q.kind == "receptive_field":
        if len(q.layers) == 1:
            return "playground", replace(view, length=p.span + 4, input="ramp")
        stack = stack_text(tuple(Conv(layer) for layer in q.layers))
        return "receptive-field", replace(view, conv=replace(DEFAULT.conv, in_channels=p.in_channels), stack=stack)
    return "playground", view

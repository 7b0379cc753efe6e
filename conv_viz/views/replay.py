"""Replaying a tutorial example now: the engine computes it, torch checks it, each fact says whether it held.

Pure (NumPy and the core; torch only through ``conv_viz.reference``, which imports
it lazily): the gallery page caches a ``Replay`` and renders it, the tests compare
every fact with torch. Facts carry an i18n key and pre-formatted numbers, so the
same replay reads in English and Chinese.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

import numpy as np

from conv_viz import engine, reference
from conv_viz.core.params import Conv1dParams
from conv_viz.data import ConvData, format_number
from conv_viz.errors import ConvVizError
from conv_viz.text import formatting, formulas
from conv_viz.text.code import conv as conv_code
from conv_viz.text.formatting import fmt

PRINT_ALL = 200  # tensors up to this many values are printed whole; larger ones as a slice
NO_TORCH = "—"


@dataclass(frozen=True)
class Fact:
    """One statement the page shows: a ``gallery.fact.*`` key, its numbers, and whether it held."""

    key: str
    fields: Mapping[str, str]
    ok: bool | None = None  # None: nothing was checked (torch missing, or a plain statement)


@dataclass(frozen=True)
class Replay:
    """Everything the gallery shows for one example; every number was computed when it was built."""

    shapes: tuple[tuple[str, str], ...]
    facts: tuple[Fact, ...]
    tensors: tuple[tuple[str, np.ndarray], ...] = ()
    explained: engine.Explanation | None = None  # one output's terms: the page writes them as a sum, in its language
    formulas: tuple[str, ...] = ()  # LaTeX with the example's numbers
    engine_error: ConvVizError | None = None
    torch_error: str | None = None  # torch's own message, as torch prints it
    torch_checked: bool = False
    snippet: str | None = None  # Python that prints these exact numbers
    trace: tuple[tuple[str, str, str], ...] = field(default=())  # (layer, shape as written, shape when fixed)


def shape_text(shape: tuple[int, ...] | None) -> str:
    return formatting.shape(shape)


def _short(v: float, dtype: np.dtype) -> str:
    """A value as a tutorial writes it (0.1, 2) when that is short, else torch's 4 decimals; negatives in ()."""
    text = format_number(v, dtype)
    text = text if len(text) <= 6 else fmt(v)
    return f"({text})" if text.startswith("-") else text


def short_sum(e: engine.Explanation, dtype: np.dtype) -> str:
    """``0·0.1 + 1·0.2 + 2·0.3`` (+ bias): the terms of one output as a student writes them."""
    parts = [f"{_short(tm.x, dtype)}·{_short(tm.w, dtype)}" for tm in e.terms]
    if e.bias is not None:
        parts.append(_short(e.bias, dtype))
    return " + ".join(parts)


def _torch_result(d: ConvData, params: Conv1dParams, y: np.ndarray) -> tuple[reference.TorchResult | None, str | None]:
    """torch's output for the same numbers, or (None, its error) — (None, None) without torch."""
    if not reference.torch_available():
        return None, None
    try:
        return reference.run_torch(d.x, d.weight, d.bias, params, expected=y), None
    except ConvVizError as err:
        return None, str(err.fields.get("error", err))


def _close(a: float | np.ndarray, b: float | np.ndarray, dtype: np.dtype) -> bool:
    tol = reference.TOLERANCES[np.dtype(dtype).name][0]
    return bool(np.allclose(a, b, rtol=tol, atol=tol))


def shape_fact(tutorial: tuple[int, ...], ours: tuple[int, ...], theirs: tuple[int, ...] | None) -> Fact:
    ok = ours == tutorial and (theirs is None or theirs == tutorial)
    return Fact(
        "gallery.fact.shape",
        {
            "tutorial": shape_text(tutorial),
            "engine": shape_text(ours),
            "torch": shape_text(theirs) if theirs else NO_TORCH,
        },
        ok if theirs is not None else None,
    )


# ---------------------------------------------------------------- Conv1d examples: extra checks by name


def _agrees(value: float, y: np.ndarray, torch_y: np.ndarray | None, dtype: np.dtype) -> bool:
    """``value`` equals y[0, 0, 0] of the engine, and of torch when it ran."""
    ok = _close(value, float(y[0, 0, 0]), dtype)
    return ok and (torch_y is None or _close(value, float(torch_y[0, 0, 0]), dtype))


def _torch_first(torch_y: np.ndarray | None) -> str:
    return NO_TORCH if torch_y is None else fmt(float(torch_y[0, 0, 0]))


def _first_value(d: ConvData, p: Conv1dParams, y: np.ndarray, torch_y: np.ndarray | None) -> Fact:
    """y[0, 0, 0] as the tutorial writes it out: each input times its weight, added (``engine.explain``'s terms)."""
    e = engine.explain(d.x, d.weight, d.bias, p.stride, p.padding, p.dilation, p.groups, p.padding_mode)
    fields = {
        "cell": "y[0, 0, 0]",
        "sum": short_sum(e, d.x.dtype),
        "value": fmt(e.total),
        "torch": _torch_first(torch_y),
    }
    return Fact("gallery.fact.first_value", fields, _agrees(e.total, y, torch_y, d.x.dtype))


def _hand_sum(d: ConvData, p: Conv1dParams, y: np.ndarray, torch_y: np.ndarray | None) -> Fact:
    """The tutorial's check, in NumPy: the first output is the window times the first kernel, summed."""
    k = p.kernel_size
    value = float(np.sum(d.x[0, :, 0:k] * d.weight[0]))
    fields = {"expr": f"sum(x[0, :, 0:{k}] * weight[0])", "value": fmt(value), "engine": fmt(float(y[0, 0, 0]))}
    fields["torch"] = _torch_first(torch_y)
    return Fact("gallery.fact.hand_sum", fields, _agrees(value, y, torch_y, d.x.dtype))


def per_channel_formula(p: Conv1dParams) -> str:
    """``y[n,o,t] = x[n,0,t:t+5]·w[o,0] + … + b[o]``: one dot product per input channel (stride 1, no padding)."""
    k = p.kernel_size
    terms = [f"x[n,{c},t:t+{k}]·w[o,{c}]" for c in range(p.in_channels)]
    return "y[n,o,t] = " + " + ".join(terms) + (" + b[o]" if p.bias else "")


def _per_channel(d: ConvData, p: Conv1dParams, y: np.ndarray, torch_y: np.ndarray | None) -> Fact:
    """Every output from the tutorial's formula, written with NumPy dot products, against the engine."""
    n_items, out_channels, out_length = y.shape
    by_formula = np.empty_like(y)
    for n in range(n_items):
        for o in range(out_channels):
            for t in range(out_length):
                dots = [np.dot(d.x[n, c, t : t + p.kernel_size], d.weight[o, c]) for c in range(p.in_channels)]
                by_formula[n, o, t] = sum(dots) + (d.bias[o] if d.bias is not None else 0)
    diff = float(np.abs(by_formula - y).max())
    fields = {"formula": per_channel_formula(p), "count": str(y.size), "diff": f"{diff:.1e}"}
    return Fact("gallery.fact.per_channel", fields, _close(by_formula, y, d.x.dtype))


def _independent(d: ConvData, p: Conv1dParams, y: np.ndarray, torch_y: np.ndarray | None) -> Fact:
    """Each sample alone gives its own slice of the batched output: the batch axis never mixes."""
    alone = [
        engine.conv1d(d.x[n : n + 1], d.weight, d.bias, p.stride, p.padding, p.dilation, p.groups)
        for n in range(y.shape[0])
    ]
    ok = all(_close(a, y[n : n + 1], d.x.dtype) for n, a in enumerate(alone))
    return Fact("gallery.fact.independent", {"count": str(y.shape[0]), "last": str(y.shape[0] - 1)}, ok)


def _constant(d: ConvData, p: Conv1dParams, y: np.ndarray, torch_y: np.ndarray | None) -> Fact:
    """On ones every window reads the same numbers: each output is sum(weight) + bias."""
    total = float(d.weight.sum()) + (float(d.bias.sum()) if d.bias is not None else 0.0)
    fields = {
        "sum": fmt(float(d.weight.sum())),
        "bias": fmt(float(d.bias[0])) if d.bias is not None else "0",
        "value": fmt(total),
    }
    return Fact("gallery.fact.constant", fields, _close(y, np.full_like(y, total), d.x.dtype))


CHECKS = {
    "first_value": _first_value,
    "hand_sum": _hand_sum,
    "per_channel": _per_channel,
    "independent": _independent,
    "constant": _constant,
}


def replay_conv1d(
    params: Conv1dParams,
    batch: int,
    length: int,
    source: ConvData,
    tutorial_shape: tuple[int, ...],
    checks: tuple[str, ...],
) -> Replay:
    """A Conv1d example: shapes, the L_out formula, every value against torch, and the example's own checks."""
    d = source
    p = params
    y = engine.conv1d(d.x, d.weight, d.bias, p.stride, p.padding, p.dilation, p.groups, p.padding_mode)
    result, torch_error = _torch_result(d, p, y)
    torch_y = None if result is None else result.output
    facts = [shape_fact(tutorial_shape, y.shape, None if torch_y is None else torch_y.shape)]
    if result is not None:
        fields = {"count": f"{y.size:,}", "diff": f"{result.max_abs_diff:.1e}", "dtype": d.x.dtype.name}
        facts.append(Fact("gallery.fact.allclose", fields, bool(result.allclose)))
    facts += [CHECKS[name](d, p, y, torch_y) for name in checks]
    small = d.x.size <= PRINT_ALL
    tensors: list[tuple[str, np.ndarray]] = []
    if small:
        tensors += [("x", d.x), ("weight", d.weight)] + ([("bias", d.bias)] if d.bias is not None else [])
        tensors += [("y", y)] + ([("y_torch", torch_y)] if torch_y is not None else [])
    else:
        tensors += [("y[0, 0, :4]", y[0, 0, :4])] + (
            [("y_torch[0, 0, :4]", torch_y[0, 0, :4])] if torch_y is not None else []
        )
    e = engine.explain(d.x, d.weight, d.bias, p.stride, p.padding, p.dilation, p.groups, p.padding_mode)
    bias_shape = None if d.bias is None else d.bias.shape
    return Replay(
        shapes=(
            ("x", shape_text(d.x.shape)),
            ("weight", shape_text(d.weight.shape)),
            ("bias", shape_text(bias_shape)),
            ("y", shape_text(y.shape)),
        ),
        facts=tuple(facts),
        tensors=tuple(tensors),
        explained=e if small else None,
        formulas=(formulas.length_formula(p, length),),
        torch_error=torch_error,
        torch_checked=result is not None,
        snippet=_snippet(p, batch, length, d),
    )


def _snippet(p: Conv1dParams, batch: int, length: int, d: ConvData) -> str | None:
    """The code that prints these numbers; None when it would spell out too many (NumPy-seeded data, no torch)."""
    try:
        return conv_code.pytorch_snippet(p, batch, length, d)
    except ConvVizError:
        return None


def replay_channel_error(params: Conv1dParams, source: ConvData, batch: int, length: int) -> Replay:
    """A layer called on an input with the wrong number of channels: the engine's rule and torch's message."""
    d, p = source, params
    engine_error: ConvVizError | None = None
    try:
        engine.conv1d(d.x, d.weight, d.bias, p.stride, p.padding, p.dilation, p.groups, p.padding_mode)
    except ConvVizError as err:
        engine_error = err
    _, torch_error = _torch_result(d, p, np.empty(0))
    got = d.x.shape[1]
    facts = [
        Fact(
            "gallery.fact.params",
            {"weight": shape_text(p.weight_shape), "bias": shape_text(p.bias_shape), "count": str(p.param_count)},
        ),
        Fact("gallery.fact.expects", {"expected": str(p.in_channels), "got": str(got)}, engine_error is not None),
    ]
    return Replay(
        shapes=(
            ("x", shape_text(d.x.shape)),
            ("weight", shape_text(p.weight_shape)),
            ("bias", shape_text(p.bias_shape)),
        ),
        facts=tuple(facts),
        tensors=(("weight", d.weight),) + ((("bias", d.bias),) if d.bias is not None else ()),
        engine_error=engine_error,
        torch_error=torch_error,
        torch_checked=torch_error is not None,
        snippet=_snippet(p, batch, length, d),
    )

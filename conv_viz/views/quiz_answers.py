"""Reading a typed quiz answer tolerantly, checking it, and naming the likely slip when it is wrong.

Typed text is only parsed here, never shown: a ``Verdict`` spells the parsed numbers
canonically, so the page can echo the answer without rendering what was typed.
Full-width digits and punctuation (a Chinese keyboard's ``１２``, ``，``) read like
ASCII; a malformed answer raises ``ConvVizError`` with the format expected.
Standard library, NumPy and the core only.
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass, field, replace

import numpy as np

from conv_viz import engine
from conv_viz.core.params import Conv1dParams, output_length
from conv_viz.data import format_number
from conv_viz.errors import ConvVizError
from conv_viz.views.quiz import TOLERANCE, Answer, Question

MAX_ANSWER_CHARS = 120
_INT = re.compile(r"[+-]?\d+(?:\.0*)?")
_NUMBER = re.compile(r"[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?")
_SHAPE_NOISE = re.compile(r"torch\.size|size|[()\[\]]", re.IGNORECASE)
_SHAPE_SPLIT = re.compile(r"[\s,×xX*、]+")
_SET_SPLIT = re.compile(r"[\s,;、]+|\band\b|和|或|\bor\b")


@dataclass(frozen=True)
class Verdict:
    """Right or wrong, both answers spelled canonically, and the slip the wrong answer points to (if any)."""

    correct: bool
    given: str
    expected: str
    hint: str | None = None  # an i18n key ``quiz.hint.*``
    hint_fields: Mapping[str, str] = field(default_factory=dict)


def _normalise(text: str) -> str:
    """Full-width forms to ASCII (NFKC), the minus sign U+2212 to '-', surrounding space and a final '。' dropped."""
    return unicodedata.normalize("NFKC", text).replace("\u2212", "-").strip().removesuffix("。").strip()


def _int(token: str) -> int | None:
    return int(token.split(".")[0]) if _INT.fullmatch(token) else None


def parse_answer(kind: str, text: str) -> Answer:
    """The answer ``text`` spells for a question of ``kind``; ``ConvVizError`` names the format expected.

    >>> parse_answer("weight_shape", "torch.Size([8, 3, 5])")
    (8, 3, 5)
    >>> sorted(parse_answer("groups", "{4、1，2}"))
    [1, 2, 4]
    """
    if len(text) > MAX_ANSWER_CHARS:  # the text box stops there too; a longer value did not come from it
        raise ConvVizError("quiz_too_long", max=MAX_ANSWER_CHARS)
    t = _normalise(text)
    if not t:
        raise ConvVizError("quiz_empty")
    if kind in ("length", "receptive_field"):
        n = _int(t)
        if n is None:
            raise ConvVizError("quiz_bad_int")
        return n
    if kind in ("value", "gradient"):
        if not _NUMBER.fullmatch(t):
            raise ConvVizError("quiz_bad_number")
        return float(t)
    if kind == "weight_shape":
        parts = [_int(p) for p in _SHAPE_SPLIT.split(_SHAPE_NOISE.sub(" ", t)) if p]
        if len(parts) != 3 or any(p is None for p in parts):
            raise ConvVizError("quiz_bad_shape")
        return tuple(int(p or 0) for p in parts)
    items = [_int(p) for p in _SET_SPLIT.split(re.sub(r"[{}()\[\]]", " ", t)) if p]
    if not items or any(g is None or g < 1 for g in items):
        raise ConvVizError("quiz_bad_groups")
    return frozenset(int(g or 0) for g in items)


def spell_answer(answer: Answer) -> str:
    """An answer as the page writes it: ``12``, ``-2.5``, ``(8, 3, 5)``, ``1, 2, 4``."""
    if isinstance(answer, frozenset):
        return ", ".join(str(g) for g in sorted(answer))
    if isinstance(answer, tuple):
        return str(answer)
    if isinstance(answer, float):
        return format_number(answer)
    return str(answer)


def _length_slips(q: Question) -> dict[str, Answer]:
    """L_out as the usual slips compute it: padding once, dilation forgotten, no +1, rounding up."""
    p, n = q.params, q.length
    left, right = p.pads()
    top = n + left + right - p.dilation * (p.kernel_size - 1) - 1
    return {
        "pad_once": output_length(n, p.kernel_size, p.stride, left, 0, p.dilation),
        "no_dilation": output_length(n, p.kernel_size, p.stride, left, right, 1),
        "no_plus_one": top // p.stride,
        "ceil": math.ceil(top / p.stride) + 1,
    }


def _value_slips(q: Question) -> dict[str, Answer]:
    """y[n, o, t] with the kernel flipped (a convolution, not torch's correlation), or without the bias."""
    p = q.params
    x, w, b = q.arrays()
    flipped = engine.conv1d(x, np.ascontiguousarray(w[..., ::-1]), b, p.stride, p.padding)[q.at]
    slips: dict[str, Answer] = {"flipped": float(flipped)}
    if b is not None:
        slips["no_bias"] = _as_float(q.answer) - float(b[q.at[1]])
    return slips


def _shape_slips(q: Question) -> dict[str, Answer]:
    """weight.shape without the groups division, or in ConvTranspose1d's (in, out, K) order."""
    p = q.params
    return {
        "groups_ignored": (p.out_channels, p.in_channels, p.kernel_size),
        "transposed_order": (p.in_channels, p.out_channels // p.groups, p.kernel_size),
    }


def _rf_slips(q: Question) -> dict[str, Answer]:
    """The receptive field with the strides or the dilations left out, or the kernel sizes just added."""
    no_stride = tuple(replace(p, stride=1) for p in q.layers)
    no_dilation = tuple(replace(p, dilation=1) for p in q.layers)
    return {
        "rf_no_stride": rf_formula(no_stride),
        "rf_no_dilation": rf_formula(no_dilation),
        "rf_sum_kernels": sum(p.kernel_size for p in q.layers),
    }


def rf_formula(layers: tuple[Conv1dParams, ...]) -> int:
    """r = 1 + Σ (kernel_size − 1)·dilation·(product of the strides before): the textbook formula."""
    r, jump = 1, 1
    for p in layers:
        r += (p.kernel_size - 1) * p.dilation * jump
        jump *= p.stride
    return r


def _as_float(a: Answer) -> float:
    assert isinstance(a, int | float), a
    return float(a)


def _same(kind: str, a: Answer, b: Answer) -> bool:
    """Equal answers; a value within ``TOLERANCE`` of the engine's counts as equal."""
    if kind in ("value", "gradient"):
        return abs(_as_float(a) - _as_float(b)) <= TOLERANCE
    return a == b


_SLIPS = {"length": _length_slips, "value": _value_slips, "weight_shape": _shape_slips, "receptive_field": _rf_slips}


def check(q: Question, text: str) -> Verdict:
    """Is ``text`` the right answer to ``q``? Wrong answers that match a usual slip name it."""
    given = parse_answer(q.kind, text)
    expected = spell_answer(q.answer)
    if _same(q.kind, given, q.answer):
        return Verdict(True, spell_answer(given), expected)
    if isinstance(given, frozenset) and isinstance(q.answer, frozenset):
        wrong, missing = given - q.answer, q.answer - given
        key = "quiz.hint.groups_extra" if wrong else "quiz.hint.groups_missing"
        return Verdict(
            False, spell_answer(given), expected, key, {"wrong": spell_answer(wrong), "missing": spell_answer(missing)}
        )
    slips = _SLIPS[q.kind](q) if q.kind in _SLIPS else {}
    matched = [
        name for name, value in slips.items() if not _same(q.kind, value, q.answer) and _same(q.kind, given, value)
    ]
    return Verdict(False, spell_answer(given), expected, f"quiz.hint.{matched[0]}" if matched else None)

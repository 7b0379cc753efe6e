"""Typed numbers: the URL's text form of x, weight and bias, parsed with torch-style error positions.

The URL's format (DESIGN.md): ',' between numbers, ';' between channels, '|' between batch items (x) or
output channels (w). Also accepted, for pasted text: a newline ends a channel like ';' (one printed row per
channel, as torch and NumPy print), spaces separate numbers like ',', and empty pieces (a trailing or doubled
separator, a blank line) are dropped. Brackets are not accepted: a nested list would be silently flattened.
``format_values`` writes the same form back, exactly.
"""

from __future__ import annotations

import math
import re

import numpy as np

from conv_viz.core.limits import MAX_TYPED_VALUES
from conv_viz.errors import ConvVizError
from conv_viz.i18n.halfwidth import halfwidth

_TYPED_CHARS = MAX_TYPED_VALUES * 26  # the longest float64 repr is 24 characters, plus a separator
_TOKEN = re.compile(r"[^\s,;|]+")


def _numbers(text: str) -> list[str]:
    """Tokens of one row: commas and any whitespace separate; doubled separators are ignored."""
    return text.replace(",", " ").split()


def _values(tokens: list[str], name: str, shape: tuple[int, ...]) -> np.ndarray:
    """float64 of every token; a bad one is named by its index in torch's form, e.g. ``x[1, 0, 2]``."""

    def where(i: int) -> str:
        index = np.unravel_index(i, shape)
        return f"{name}[{', '.join(str(int(j)) for j in index)}]"

    values = np.empty(len(tokens))
    for i, token in enumerate(tokens):
        try:
            values[i] = float(token)
        except ValueError:
            raise ConvVizError("typed_not_number", token=token[:40], where=where(i)) from None
    bad = np.flatnonzero(~np.isfinite(values))  # nan, inf, and overflow such as 1e999
    if bad.size:
        raise ConvVizError("typed_not_finite", token=tokens[bad[0]][:40], where=where(int(bad[0])))
    return values.reshape(shape)


def _check_count(name: str, count: int) -> None:
    if count > MAX_TYPED_VALUES:
        raise ConvVizError("typed_too_many", name=name, count=f"{count:,}", max=f"{MAX_TYPED_VALUES:,}")


def _check_text(name: str, text: str) -> None:
    """Refuse text with too many numbers before splitting it into (possibly millions of) strings."""
    if len(text) > _TYPED_CHARS:
        _check_count(name, sum(1 for _ in _TOKEN.finditer(text)))


def _split3(text: str, name: str) -> list[list[list[str]]]:
    """Items by '|', channel rows by ';' or a newline, numbers by ',' or spaces; empty pieces dropped."""
    _check_text(name, text)
    text = halfwidth(text)  # '，' '；' '、' and full-width digits from a Chinese keyboard
    items = []
    for item in text.split("|"):
        rows = [_numbers(row) for row in re.split(r"[;\n]", item)]
        if rows := [row for row in rows if row]:
            items.append(rows)
    _check_count(name, sum(len(row) for rows in items for row in rows))
    if not items:
        raise ConvVizError("typed_empty", name=name)
    return items


def _parse3(text: str, name: str) -> np.ndarray:
    """(A, B, C) float64 from typed text, with the index of any bad number in torch's x[n, c, t] form."""
    items = _split3(text, name)
    channels, length = len(items[0]), len(items[0][0])
    for n, rows in enumerate(items):
        if len(rows) != channels:
            raise ConvVizError(
                "typed_ragged_channels", where=f"{name}[{n}]", got=len(rows), first=f"{name}[0]", expected=channels
            )
        for c, row in enumerate(rows):
            if len(row) != length:
                raise ConvVizError(
                    "typed_ragged", where=f"{name}[{n}, {c}]", got=len(row), first=f"{name}[0, 0]", expected=length
                )
    tokens = [token for rows in items for row in rows for token in row]
    return _values(tokens, name, (len(items), channels, length))


def parse_input(text: str) -> np.ndarray:
    """(N, C, L) input from text: ',' between numbers, ';' (or a newline) between channels, '|' between items.

    >>> parse_input("0, 1, 2; 3, 4, 5 | 6, 7, 8; 9, 10, 11").shape
    (2, 2, 3)
    """
    return _parse3(text, "x")


def parse_weight(text: str) -> np.ndarray:
    """(C_out, C_in/groups, K) weight: ',' between taps, ';' (or a newline) between input channels, '|' between outputs.

    >>> parse_weight("0.1, 0.2, 0.3").tolist()
    [[[0.1, 0.2, 0.3]]]
    """
    return _parse3(text, "weight")


def parse_bias(text: str) -> np.ndarray:
    """(C_out,) bias: one number per output channel; any separator works (the tensor is 1-D).

    >>> parse_bias("0.5, -1").tolist()
    [0.5, -1.0]
    """
    _check_text("bias", text)
    tokens = _TOKEN.findall(halfwidth(text))
    _check_count("bias", len(tokens))
    if not tokens:
        raise ConvVizError("typed_empty", name="bias")
    return _values(tokens, "bias", (len(tokens),))


def format_number(value: float, dtype: np.dtype | type = np.float64) -> str:
    """The shortest text that reads back as exactly ``value`` in ``dtype``: ``1`` not ``1.0``, ``1e-5``.

    >>> [format_number(v) for v in (1.0, -0.0, 0.1, 1e-05, 2.5e300)]
    ['1', '-0', '0.1', '1e-5', '2.5e300']
    >>> format_number(1 / 3, np.float32)
    '0.33333334'
    """
    v = float(value)
    if v.is_integer() and abs(v) < 1e16:
        return "-0" if v == 0 and math.copysign(1, v) < 0 else str(int(v))
    text = repr(v)
    if np.dtype(dtype) == np.float32:
        short = str(np.float32(v))
        text = short if float(np.float32(float(short))) == v else text  # keep it only if it reads back exactly
    # '1e-05' → '1e-5', '1e+16' → '1e16': shorter, and a '+' would turn into a space in a URL
    return re.sub(r"e([+-]?)0*(\d)", lambda m: "e" + m[1].replace("+", "") + m[2], text)


def format_values(values: np.ndarray) -> str:
    """Typed-text form of a 1-D, 2-D or 3-D array; ``parse_*`` reads it back to identical float64.

    >>> format_values(np.array([[[0.0, 1.0], [2.5, 3.0]], [[4.0, 5.0], [6.0, -7.0]]]))
    '0,1;2.5,3|4,5;6,-7'
    """
    a = np.asarray(values)
    if a.ndim == 1:
        return ",".join(format_number(v, a.dtype) for v in a.tolist())
    return (";" if a.ndim == 2 else "|").join(format_values(part) for part in a)

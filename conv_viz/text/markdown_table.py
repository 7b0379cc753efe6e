"""Tables as Markdown: a header and rows of numbers and text, every cell shown exactly as written.

Pure (stdlib and NumPy): a page hands the string to ``st.markdown``, which renders a real HTML ``<table>``
that screen readers and phones read like any text, and sends no data through pandas and Arrow as
``st.dataframe`` and ``st.table`` do (that alone kept ~80 MB of pandas and pyarrow in the server).

Every ASCII punctuation character in a cell is backslash-escaped. CommonMark lets any of them be escaped
and shows an escaped one as itself, so no cell can start emphasis, code, a link or autolink, a tag, an
entity, a new column (``|``), Streamlit's ``$…$`` LaTeX or its ``:color[…]`` / ``:material/…:``
directives. Line breaks become spaces (a row of a table is one line). GitHub's bare links (``www.…``,
``https://…``, ``a@b.c``) are found in the text after escapes are undone, so escaping cannot stop them:
an invisible word joiner (U+2060) inside ``www``, ``http`` and after ``@`` does.
"""

from __future__ import annotations

import math
import re
import string
from collections.abc import Sequence

import numpy as np

ELLIPSIS = "⋮"  # the row that stands for the rows left out
_PUNCTUATION = re.compile("([" + re.escape(string.punctuation) + "])")
_LINE_BREAK = re.compile(r"\r\n|[\r\n]")
WORD_JOINER = "\u2060"
_AUTOLINK = re.compile(r"h(?=ttps?://)|w(?=ww\.)|@(?=[-\w])", re.IGNORECASE)  # where a bare link would start
# A number a page already wrote as text: "-3", "1,024", "0.1250", "1.2e-16", "±0.5774".
_NUMBER = re.compile(r"[+\-−±]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?(?:[eE][+\-]?\d+)?")
_BLANK = {"", "—", "-", ELLIPSIS}  # empty or "not applicable": neither text nor a number
_ALIGN = {"left": ":---", "right": "---:", "center": ":---:"}


def escape_cell(value: object) -> str:
    """``value`` as one inert table cell: punctuation escaped, line breaks as spaces, bare links broken."""
    text = _AUTOLINK.sub(lambda m: m.group() + WORD_JOINER, _LINE_BREAK.sub(" ", str(value)))
    return _PUNCTUATION.sub(r"\\\1", text)


def format_value(value: object, decimals: int = 4) -> str:
    """A cell's text: floats with ``decimals`` decimals and no ``-0.0000`` (as torch prints), the rest as str()."""
    if value is None:
        return ""
    if isinstance(value, float | np.floating):
        v = float(value)
        if not math.isfinite(v):
            return str(v)
        text = f"{v:.{decimals}f}"
        return text[1:] if text.startswith("-") and float(text) == 0 else text
    if isinstance(value, np.integer):
        return str(int(value))
    return str(value)


def _numeric(value: object) -> bool:
    if isinstance(value, bool | np.bool_):
        return False
    if isinstance(value, int | float | np.integer | np.floating):
        return True
    return isinstance(value, str) and _NUMBER.fullmatch(value.strip()) is not None


def column_alignment(values: Sequence[object]) -> str:
    """ "right" for a column of numbers (blanks and "—" allowed), else "left"."""
    cells = [v for v in values if not (isinstance(v, str) and v.strip() in _BLANK) and v is not None]
    return "right" if cells and all(_numeric(v) for v in cells) else "left"


def markdown_table(
    header: Sequence[str],
    rows: Sequence[Sequence[object]],
    align: Sequence[str] | None = None,
    max_rows: int | None = None,
    more: str | None = None,
    decimals: int = 4,
) -> str:
    """A GitHub-flavoured Markdown table of ``rows`` under ``header``.

    ``align`` gives each column "left", "right" or "center"; by default a column of numbers is right-aligned
    and any other column left-aligned. Past ``max_rows`` rows the table shows the first ``max_rows - 1``,
    a row of ``⋮`` and the last row (a running sum's last row is its total), then ``more`` as a line of
    text below it (the caller's words for what was left out). Floats get ``decimals`` decimals.
    """
    width = len(header)
    if width == 0:
        raise ValueError("a table needs at least one column")
    for i, row in enumerate(rows):
        if len(row) != width:
            raise ValueError(f"row {i} has {len(row)} cells, the header {width}")
    if align is None:
        align = [column_alignment([row[j] for row in rows]) for j in range(width)]
    if len(align) != width or any(a not in _ALIGN for a in align):
        raise ValueError(f"align must give one of {sorted(_ALIGN)} per column: {list(align)}")
    if max_rows is not None and max_rows < 1:
        raise ValueError("max_rows must be at least 1")
    cut = max_rows is not None and len(rows) > max_rows
    shown: list[Sequence[object]] = list(rows)
    if cut:
        assert max_rows is not None
        shown = [*rows[: max_rows - 1], [ELLIPSIS] * width, rows[-1]]

    def line(cells: Sequence[object]) -> str:
        return "| " + " | ".join(escape_cell(format_value(c, decimals)) for c in cells) + " |"

    lines = [line(header), "| " + " | ".join(_ALIGN[a] for a in align) + " |"]
    lines += [line(row) for row in shown]
    text = "\n".join(lines)
    if cut and more:
        text += "\n\n" + escape_cell(more)
    return text

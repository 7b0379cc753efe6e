"""Small Streamlit helpers every page uses: bounded number inputs and safe messages."""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Literal

import streamlit as st

from conv_viz.core.params import Conv1dParams
from conv_viz.errors import ConvVizError
from conv_viz.i18n import translate
from conv_viz.text import formatting

# Markdown (and Streamlit's own :color[...] / :material/...: directives and $LaTeX$) would act on these.
_MARKDOWN = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>~$:&])")


def escape(text: str) -> str:
    """Text that Streamlit's Markdown shows literally: a user's ``<script>`` or ``![](…)`` stays text."""
    return _MARKDOWN.sub(r"\\\1", text)


def tr(lang: str, key: str, **fields: object) -> str:
    return translate(lang, key, **fields)


def number(
    key: str,
    label: str,
    low: int,
    high: int,
    *,
    help: str | None = None,
    disabled: bool = False,
    width: int | Literal["stretch"] = "stretch",
) -> int:
    """An integer input whose stored value is clamped into [low, high] first.

    Streamlit raises if a keyed widget's state lies outside its bounds, and the
    bounds move with other widgets (the pinned position with L_out, say).
    """
    ss = st.session_state
    value = ss.get(key, low)
    ss[key] = min(max(int(value), low), high)
    return int(
        st.number_input(
            label, min_value=low, max_value=high, step=1, key=key, help=help, disabled=disabled, width=width
        )
    )


# An index input: its label ("input position i"), a 4-digit value, and its ± buttons (hidden below 120 px).
INDEX_PX = 140


def cell_inputs(fields: Sequence[tuple[str, str, int]], help: str) -> list[int]:
    """A tensor cell's indices, each ``(key, label, highest)`` from 0, in one row ahead of what pinning it shows.

    One horizontal block, where columns take one per field: every element a page sends is re-rendered by the
    browser on each rerun. On a phone the row wraps instead of stacking four full-width rows above the chart.
    """
    with st.container(horizontal=True, vertical_alignment="bottom"):
        values = [number(key, label, 0, high, width=INDEX_PX) for key, label, high in fields]
        st.caption(help)
    return values


def show_error(err: ConvVizError, lang: str) -> None:
    st.error(escape(err.message(lang)), icon=":material/error:")


def show_warnings(warnings: list[ConvVizError], lang: str) -> None:
    for w in warnings:
        st.warning(escape(w.message(lang)), icon=":material/link_off:")


def numbers(text: str) -> None:
    """Tensors and sums, fixed-width and aligned as torch prints them: Markdown code spans, not ``st.code``.

    Any code block (``st.code``, a fenced block) makes a browser fetch and parse Streamlit's syntax
    highlighter, 1.5 MB of JavaScript, on the playground's first view; ``st.text`` is not fixed-width.
    Each line is a code span: indentation and column padding become no-break spaces (a code span collapses
    runs of spaces), single spaces stay breakable so a long row wraps inside a narrow column.
    """
    st.markdown(numbers_markdown(text))


def numbers_markdown(text: str) -> str:
    """What ``numbers`` draws, as Markdown: for one element holding several tensors, paragraphs apart."""
    return "  \n".join(_code_span(line) for line in text.split("\n"))


def _code_span(line: str) -> str:
    if not line.strip():
        return "\u00a0"
    body = re.sub(r"^ +", lambda m: "\u00a0" * len(m.group()), line)
    body = re.sub(r" {2,}", lambda m: "\u00a0" * (len(m.group()) - 1) + " ", body)
    fence = "``" if "`" in body else "`"  # a backtick inside needs a longer fence (CommonMark)
    return f"{fence}{body}{fence}" if fence == "`" else f"{fence} {body} {fence}"


def causal_note(params: Conv1dParams, lang: str) -> None:
    """Causal padding is no argument of the layer the page prints: say what runs before it."""
    pad = formatting.causal_pad(params)
    if pad is not None:
        st.caption(tr(lang, "play.causal_note", pad=pad))

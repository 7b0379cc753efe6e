"""In Chinese mode no page shows English prose: every page, several states, every text element.

Technical names stay as torch spells them (``in_channels``, ``padding_mode``, code,
tensor printouts), so the check looks for English *prose*: three or more plain
English words in a row, outside code spans, in a text with no Chinese at all.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

import pytest
from streamlit.testing.v1 import AppTest

from conv_viz.pages.tabs import TABS
from tests.app_pages import figures, open_page, open_sidebar_box
from tests.markdown_tables import tables

CJK = re.compile(r"[\u4e00-\u9fff]")
CODE_SPAN = re.compile(r"`[^`]*`")
# Three words of plain letters in a row ("the kernel is"): prose, not an identifier or a shape.
PROSE = re.compile(r"\b[A-Za-z]{2,}\b(?:[ ,]+\b[A-Za-z]{2,}\b){2,}")
# Words that are names, not English to translate: torch's, NumPy's and the app's own.
NAMES = {
    "torch",
    "numpy",
    "np",
    "nn",
    "conv",
    "conv1d",
    "convtranspose1d",
    "linear",
    "relu",
    "maxpool",
    "avgpool",
    "flatten",
    "permute",
    "view",
    "allclose",
    "float32",
    "float64",
    "true",
    "false",
    "none",
    "same",
    "valid",
    "zeros",
    "reflect",
    "replicate",
    "circular",
    "import",
    "print",
    "as",
    "the",
    "sum",
    "unfold",
    "pad",
    "lab",
    "conv1d lab",
}

PAGES = [
    ("playground", {}),
    ("playground", {"in_channels": "6", "groups": "4"}),  # an error message
    ("playground", {"kernel_size": "abc"}),  # a URL warning
    ("playground", {"present": "true"}),
    # the playground runs only its open tab: every other tab once
    *(("playground", {"tab": name}) for name in TABS[1:]),
    ("playground", {"tab": "listen", "input": "chirp", "length": "4000"}),
    ("transposed", {"stride": "2", "output_padding": "1"}),
    ("groups", {"in_channels": "4", "out_channels": "8"}),
    ("matrix", {"padding": "1"}),
    ("receptive-field", {}),
    ("gallery", {}),
    ("quiz", {}),
    ("backward", {}),
    ("backward", {"loss": "mse", "padding": "2", "padding_mode": "reflect", "lr": "5", "bias": "false"}),  # divergence
]


def _texts(at: AppTest) -> Iterator[str]:
    """Every string a reader sees: prose elements, labels, options and help texts."""
    for kind in ("title", "header", "subheader", "markdown", "caption", "info", "warning", "error", "success"):
        for element in getattr(at, kind):
            yield str(element.value)
    for kind in ("button", "toggle", "checkbox", "number_input", "selectbox", "text_area", "text_input", "radio"):
        for widget in getattr(at, kind):
            yield str(getattr(widget, "label", ""))
            yield str(getattr(widget, "help", "") or "")
    for tab in at.tabs:
        yield str(tab.label)
    for expander in at.expander:
        yield str(expander.label)
    for metric in at.metric:
        yield str(metric.label)
    for table in tables(at):  # column headers are prose too ("max |NumPy − torch|"), on their own
        yield " ".join(table)
    for spec in figures(at):
        yield from _layout_texts(spec.get("layout", {}))
        for frame in spec.get("frames", []):
            yield from _layout_texts(frame.get("layout", {}))
        for trace in spec.get("data", []):
            yield str(trace.get("name", ""))
            yield str(trace.get("hovertemplate", ""))


def _layout_texts(node: Any) -> Iterator[str]:
    """Titles, annotations, button labels and slider prefixes of a Plotly layout (not the data)."""
    if isinstance(node, dict):
        for key, value in node.items():
            if key in ("text", "label", "prefix") and isinstance(value, str):
                yield value
            else:
                yield from _layout_texts(value)
    elif isinstance(node, list):
        for item in node:
            yield from _layout_texts(item)


def _english_prose(text: str) -> str | None:
    plain = CODE_SPAN.sub(" ", text).replace("\\", "")
    if CJK.search(plain):
        return None
    for match in PROSE.finditer(plain):
        words = [w.lower() for w in re.findall(r"[A-Za-z]+", match.group())]
        if sum(w not in NAMES for w in words) >= 3:
            return match.group()
    return None


@pytest.mark.parametrize(("page", "query"), PAGES, ids=[f"{p}-{'&'.join(q)}" for p, q in PAGES])
def test_no_english_prose_in_chinese_mode(page: str, query: dict[str, Any]) -> None:
    at = open_page(page, lang="zh", **query)
    assert not at.exception, [e.value for e in at.exception]
    texts = list(_texts(at))
    at = open_sidebar_box(at, "upload", "typed")  # and the fields the sidebar's expanders draw once open
    assert not at.exception, [e.value for e in at.exception]
    found = {text[:120]: prose for text in [*texts, *_texts(at)] if (prose := _english_prose(text))}
    assert found == {}


def test_the_sweep_sees_english_prose_in_english_mode() -> None:
    """The detector is not blind: the English page is full of what it looks for."""
    at = open_page("playground", lang="en")
    texts = list(_texts(at))
    assert len(texts) > 40
    assert sum(_english_prose(text) is not None for text in texts) > 10

"""Links pasted from chat apps, mangled or malicious, opened on every page through AppTest.

Each hostile query string below is opened on each of the app's pages as a
fresh session would open it. Every page must run to the end (no exception),
show one warning for each thing the link asked for and the app ignored (what
``url_state.parse`` reports), and never hand user text to Markdown unescaped:
a ``<script>`` or ``<img onerror>`` from the link may come back as text or in
a code block, never as a tag. ``tests/e2e/test_hostile.py`` checks the same in
Chromium, where a tag would run.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path
from typing import Any

import pytest
from streamlit.testing.v1 import AppTest
from streamlit.util import calc_hash

from conv_viz.core.limits import MAX_TYPED_VALUES
from conv_viz.pages.tabs import TABS
from conv_viz.pages.ui import escape
from conv_viz.server.url_state import parse
from tests.app_pages import open_tab

REPO_ROOT = Path(__file__).resolve().parents[1]
PAGES = ["playground", "transposed", "groups", "matrix", "receptive-field", "gallery", "quiz", "backward"]
SCRIPT = "<script>window.__xss=1;alert(1)</script>"
IMG = '<img src=x onerror="window.__xss=1">'
MANY = ",".join(str(i % 7) for i in range(MAX_TYPED_VALUES))  # 20,000 numbers: the most a link may type

HOSTILE: dict[str, dict[str, str | list[str]]] = {
    "wrong types": {"kernel_size": "abc", "stride": "two", "bias": "maybe", "padding": "1.5", "dtype": "int8"},
    "huge numbers": {"length": "9" * 400, "in_channels": str(10**30), "seed": str(2**70), "quiz": "1" * 50},
    "negative numbers": {"stride": "-3", "batch": "-1", "dilation": "-2", "output_padding": "-1"},
    "nan and inf": {"kernel_size": "nan", "length": "inf", "padding": "-inf", "seed": "1e309"},
    "unicode digits": {"kernel_size": "３", "length": "١٢", "groups": "²", "lang": "中文"},
    "tags in values": {"padding": SCRIPT, "input": IMG, "padding_mode": "<b>reflect</b>", "layer": SCRIPT},
    "tag as a key": {SCRIPT: "1", IMG: IMG},
    "empty values": {"kernel_size": "", "stride": "", "lang": "", "bias": "", "x": "", "stack": ""},
    "repeated keys": {"kernel_size": ["3", "5", "abc"], "stride": ["2", "1"], "lang": ["zh", "en"]},
    "20,000 numbers": {"x": MANY, "w": "0.5,0.25", "bias": "false"},
    "one number too many": {"x": MANY + ",1", "w": ",".join(["1"] * (MAX_TYPED_VALUES + 1))},
    "tags in typed fields": {"x": SCRIPT, "w": IMG, "b": "javascript:alert(1)", "stack": SCRIPT},
    "markdown in typed fields": {"x": "**1**,[a](javascript:alert(1))", "w": ":red[1]", "stack": "$x$;`relu`"},
    "controls and bidi": {"padding_mode": "\x00\x1b[31mreflect", "input": "ra\u200bmp", "weights": "\u202eedge"},
    "out-of-range view": {"cell": "-1,999999,abc", "layer": "0", "depth_multiplier": "999", "quiz": "-5"},
    "many unknown keys": {f"<i>k{i}</i>": str(i) for i in range(40)},
    "beyond float32": {"x": "1e39,1,2,3;1,2,3,4", "dtype": "float32"},  # finite typed, infinite once cast
    "sums beyond float64": {"x": "1e308,1e308,1e308,1e308", "w": "1,1"},  # finite inputs, an infinite output
    "training knobs": {"lr": "nan", "momentum": "1e999", "steps": "0x10", "loss": SCRIPT, "target": IMG},
    "gradient pins": {"wcell": "-1,0,0", "xcell": "0,0," + "9" * 400},
    "squares beyond float64": {"x": "1e200,1e200,1e200,1e200", "loss": "mse", "lr": "1000"},  # finite y, infinite loss
}
# Markdown-rendered elements: where a raw tag would become HTML (code blocks show text as text).
MARKDOWN_KINDS = ("title", "header", "subheader", "markdown", "caption", "warning", "error", "info", "success")
RAW_TAG = re.compile(r"(?<!\\)<\s*(script|img|iframe|svg|b|i)\b", re.IGNORECASE)
RAW_LINK = re.compile(r"(?<!\\)\]\((?!https?://)[a-z]+:", re.IGNORECASE)


# The playground runs only its open tab: each of the others is swept as a view of its own ("playground:code").
VIEWS = PAGES + [f"playground:{tab}" for tab in TABS[1:]]


def open_page(view: str, query: dict[str, str | list[str]]) -> AppTest:
    at = AppTest.from_file(str(REPO_ROOT / "app.py"), default_timeout=120)
    page, _, tab = view.partition(":")
    if tab:
        open_tab(at, tab, parse(query)[0].lang or "en")
    for key, value in query.items():
        at.query_params[key] = value
    at._page_hash = calc_hash(page)  # opens the page at /page?query, as tests/app_pages.py does
    return at.run()


def markdown_texts(at: AppTest) -> list[str]:
    """Every string the page gave Markdown: element bodies, and the labels of tabs, expanders and widgets."""
    texts = [str(e.value) for kind in MARKDOWN_KINDS for e in getattr(at, kind)]
    for node in _walk(at._tree):
        for attr in ("label", "help"):
            value = getattr(getattr(node, "proto", None), attr, None)
            if isinstance(value, str):
                texts.append(value)
    return texts


def _walk(node: Any) -> list[Any]:
    out, stack = [], [node]
    while stack:
        n = stack.pop()
        out.append(n)
        stack.extend(getattr(n, "children", {}).values())
    return out


@pytest.mark.parametrize("name", list(HOSTILE))
@pytest.mark.parametrize("view", VIEWS)
def test_hostile_link(view: str, name: str) -> None:
    query = HOSTILE[name]
    at = open_page(view, query)
    assert not at.exception, [e.value for e in at.exception]
    shown = [w.value for w in at.warning]
    _, ignored = parse(query)
    for w in ignored:  # one warning per ignored thing, in the words parse chose
        assert escape(w.message("en")) in shown, (w.message("en"), shown)
    for text in markdown_texts(at):
        assert not RAW_TAG.search(text), text[:200]
        assert not RAW_LINK.search(text), text[:200]
    for element in _walk(at._tree):
        proto = getattr(element, "proto", None)
        if proto is not None and getattr(proto, "allow_html", False):  # only the app's own constant HTML is unsafe
            assert "xss" not in proto.body
            assert "onerror" not in proto.body


def test_every_page_is_swept() -> None:
    """PAGES lists every url_path app.py registers, so a new page joins the sweep."""
    tree = ast.parse((REPO_ROOT / "app.py").read_text(encoding="utf-8"))
    assigned = {
        t.id: n.value for n in ast.walk(tree) if isinstance(n, ast.Assign) for t in n.targets if isinstance(t, ast.Name)
    }
    table = assigned["PAGES"]
    assert isinstance(table, ast.List)
    paths = [row.elts[3] for row in table.elts if isinstance(row, ast.Tuple)]
    registered = [ast.literal_eval(assigned[p.id] if isinstance(p, ast.Name) else p) for p in paths]
    assert sorted(registered) == sorted(PAGES)
    # and app.py's PLOTLY table names each page's plotly.js, no more and no fewer (a page it misses would fail)
    assert sorted(ast.literal_eval(assigned["PLOTLY"])) == sorted(PAGES)


def test_the_sweep_covers_what_the_issue_lists() -> None:
    """Wrong types, huge and negative numbers, NaN/inf, unicode, tags, empty and repeated keys, 20,000 numbers."""
    values = [v for q in HOSTILE.values() for vs in q.values() for v in ([vs] if isinstance(vs, str) else vs)]
    assert any("nan" in v for v in values)
    assert any("inf" in v for v in values)
    assert any(v.startswith("-") for v in values)
    assert any(len(v) >= 400 for v in values)
    assert any("<script" in v for v in values)
    assert any(v == "" for v in values)
    assert any(isinstance(vs, list) for q in HOSTILE.values() for vs in q.values())
    assert any(v.count(",") == MAX_TYPED_VALUES - 1 for v in values)

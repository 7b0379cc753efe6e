"""The URL is the state: load a link into the widgets, write the widgets back into the link.

A link is parsed (``url_state.parse``) only when the query string differs
from the one this session last wrote, so widget edits never fight the URL
and a pasted or clicked link always wins. Widget keys are the URL keys.

Every link the app writes comes from ``link_query`` (``url_state.write``): no text the app
rejected, at most 8,000 characters, and typed text too long for a link kept on this server
(``upload_store.texts``) under the name the link gives it.
"""

from __future__ import annotations

from dataclasses import fields, replace
from typing import Any

import streamlit as st

from conv_viz.core.params import Conv1dParams
from conv_viz.errors import ConvVizError
from conv_viz.pages import upload_store
from conv_viz.server.url_state import (
    DEFAULT,
    MAX_LINK_CHARS,
    ORIGIN_CHARS,
    TYPED_KEYS,
    Link,
    ViewState,
    parse,
    resolve,
    write,
)

_CONV_KEYS = tuple(f.name for f in fields(Conv1dParams))
_FLAT_KEYS = (
    "output_padding",
    "batch",
    "length",
    "seed",
    "dtype",
    "input",
    "weights",
    "layout",
    "present",
    "layer",
    "depth_multiplier",
    "upload",
    "sample_rate",
    "loss",
    "target",
    "lr",
    "steps",
    "momentum",
)
# The backward page's two pins: a weight cell (o, c, k) and an input cell (n, c, i), one widget per index.
_TRIPLES = {"wcell": ("wcell_o", "wcell_c", "wcell_k"), "xcell": ("xcell_n", "xcell_c", "xcell_i")}
_TRIPLE_KEYS = tuple(key for keys in _TRIPLES.values() for key in keys)
_TEXT_KEYS = ("x", "w", "b", "stack")
# Widget keys that mirror the URL (not the uploader: Streamlit refuses writes to it).
_PIN_KEYS = ("cell_n", "cell_o", "cell_t", *_TRIPLE_KEYS)
# The sidebar's two lazy expanders (controls.py): each one's state, open or not, kept like a widget's value.
UPLOAD_EXPANDER = "upload_open"
TYPED_EXPANDER = "typed_open"
_KEPT_KEYS = (
    *_CONV_KEYS,
    *_FLAT_KEYS,
    *_TEXT_KEYS,
    "padding_kind",
    *_PIN_KEYS,
    "lang",
    UPLOAD_EXPANDER,
    TYPED_EXPANDER,
)


def browser_lang() -> str:
    """Chinese for a zh-* browser locale, English otherwise."""
    locale = getattr(st.context, "locale", None) or ""
    return "zh" if locale.lower().startswith("zh") else "en"


def _load(state: ViewState) -> None:
    """Put a parsed state into the widgets' session state (before any widget is drawn)."""
    ss = st.session_state
    for key in _CONV_KEYS:
        ss[key] = getattr(state.conv, key)
    padding = state.conv.padding
    ss["padding_kind"] = padding if isinstance(padding, str) else "number"
    ss["padding"] = padding if isinstance(padding, int) else 0
    for key in _FLAT_KEYS:
        ss[key] = getattr(state, key)
    for key in _TEXT_KEYS:
        ss[key] = getattr(state, key) or ""
    ss["cell_n"], ss["cell_o"], ss["cell_t"] = state.cell
    for name, keys in _TRIPLES.items():
        for key, value in zip(keys, getattr(state, name), strict=True):
            ss[key] = value
    ss["lang"] = state.lang or browser_lang()


def _keep_widget_state() -> None:
    """Carry widget values over a page switch (call before any widget is drawn).

    Streamlit forgets a widget's value when the user moves to a page where that
    widget is not drawn (the same key on another page is another widget), but
    keeps values written through session_state: each value is written back once.
    """
    ss = st.session_state
    for key in _KEPT_KEYS:
        if key in ss:
            ss[key] = ss[key]


def sync_from_url() -> list[ConvVizError]:
    """Load the URL into the widgets when it is new to this session; return its warnings."""
    ss = st.session_state
    _keep_widget_state()
    query = {key: st.query_params.get_all(key) for key in st.query_params}
    flat = {key: values[-1] for key, values in query.items() if values}
    if ss.get("_query") != flat:
        state, found = parse(query)
        state, missing = resolve(state, upload_store.find_text)  # x=~… : typed text this server keeps
        _load(state)
        ss["_query"] = flat
        ss["_accepted"] = {}  # a new link: nothing typed in this session was accepted for it yet
        found += missing
        ss["_warnings"] = found
    warnings: list[ConvVizError] = ss.get("_warnings", [])
    return warnings


def current(*, uploads: bool = True) -> ViewState:
    """The state the widgets hold now.

    ``uploads=False`` on pages that do not read a kept upload: the session still holds it for the playground,
    but the page's own link leaves it out, so the link names only what the page shows.
    """
    ss = st.session_state
    conv = {key: ss.get(key, getattr(DEFAULT.conv, key)) for key in _CONV_KEYS}
    kind = ss.get("padding_kind", "number")
    conv["padding"] = int(ss.get("padding", 0)) if kind == "number" else kind
    flat: dict[str, Any] = {key: ss.get(key, getattr(DEFAULT, key)) for key in _FLAT_KEYS}
    if not uploads:
        flat["upload"] = None
    text: dict[str, Any] = {key: (ss.get(key) or None) for key in _TEXT_KEYS}
    lang = ss.get("lang", browser_lang())
    triples: dict[str, Any] = {name: tuple(int(ss.get(k, 0)) for k in keys) for name, keys in _TRIPLES.items()}
    return replace(
        DEFAULT,
        conv=Conv1dParams(**conv),
        cell=(int(ss.get("cell_n", 0)), int(ss.get("cell_o", 0)), int(ss.get("cell_t", 0))),
        lang=None if lang == browser_lang() else lang,
        **flat,
        **text,
        **triples,
    )


def lang() -> str:
    """The language to speak now: the switch, else the link, else the browser."""
    value = st.session_state.get("lang") or browser_lang()
    return value if value in ("en", "zh") else "en"


def origin() -> str:
    """This page's address without the query (scheme, host, path); "" where the page does not know it."""
    return str(getattr(st.context, "url", "") or "").split("?")[0]


def link(view: ViewState) -> Link:
    """The link this session writes for ``view`` (``url_state.write``); stores nothing, writes nothing."""
    room = min(max(ORIGIN_CHARS, len(origin())), MAX_LINK_CHARS // 2)
    return write(view, st.session_state.get("_accepted"), room)


def _keep(plan: Link) -> dict[str, str]:
    """The plan's query, once this server holds the typed text it names (so the link reopens the view)."""
    for key, text in plan.kept.items():
        upload_store.keep_text(plan.query[key], text)
    return plan.query


def link_query(view: ViewState) -> dict[str, str]:
    """The query of a link to ``view`` (another page's "open in …" links too)."""
    return _keep(link(view))


def publish(state: ViewState) -> None:
    """Write ``state``'s link into the URL when it changed; warnings about the old link are then stale.

    A typed field the link carries as typed now becomes the text a later rejection falls back to.
    """
    ss = st.session_state
    plan = link(state)
    query = _keep(plan)
    accepted = dict(ss.get("_accepted") or {})
    accepted.update({key: getattr(state, key) for key in TYPED_KEYS if key not in plan.refused})
    ss["_accepted"] = accepted
    ss["_link"] = query
    if ss.get("_query") != query:
        st.query_params.from_dict(query)
        ss["_query"] = query
        ss["_warnings"] = []

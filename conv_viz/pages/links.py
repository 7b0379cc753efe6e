"""Links: those that open another page with a view loaded (the gallery's and the quiz's "open in …"), and
the note that says what a page's own link does with typed data it cannot carry (``note``).

Decision: ``st.page_link`` with ``query_params``, not a Markdown link. A page link
navigates inside the running app (same tab, same session, so the quiz score
survives) and is still a real ``<a href="/path?query">`` a user can copy or
middle-click. Streamlit renders every Markdown link with ``target="_blank"``, so
``[…](/?x=…)`` would open a new tab and a new session. The query comes from
``state.link_query``, as every link the app writes: numbers and preset names only, never text a user typed.
"""

from __future__ import annotations

from dataclasses import replace

import streamlit as st

from conv_viz import data
from conv_viz.errors import ConvVizError
from conv_viz.pages import state
from conv_viz.pages.ui import escape, tr
from conv_viz.server.uploads import MAX_TEXTS
from conv_viz.server.url_state import MAX_LINK_CHARS, ViewState, address

# The boxes' labels (controls.data_controls, the receptive-field page's stack box): what the user typed into.
FIELD_NAMES = {"x": "x", "w": "weight", "b": "bias", "stack": "stack"}

DEFAULT_PAGE = "playground"  # app.py registers it with default=True: its URL is "/"


def _registered_in_app() -> None:
    """Never runs: Streamlit identifies a page by its url_path alone and runs the callable app.py registered."""


def page_link(url_path: str, view: ViewState, label: str, icon: str) -> None:
    """A same-tab link to app page ``url_path`` showing ``view``, in the language the user reads now."""
    page = st.Page(_registered_in_app, title=label, url_path=url_path, default=url_path == DEFAULT_PAGE)
    query = state.link_query(replace(view, lang=state.current().lang))
    st.page_link(page, label=label, icon=icon, query_params=query)


def note(view: ViewState, lang: str, *, key: str) -> None:
    """What this page's link does with typed data it cannot carry as typed, in plain words, and the file route.

    Typed text too long for a link: kept on this server, and how to keep it elsewhere (x as a CSV the upload
    reads back, else the text itself). Refused text: the link keeps the last accepted one. ``key`` tells this
    note's download button from another note's on the same page.
    """
    plan = state.link(view)
    for field, text in plan.kept.items():
        name = FIELD_NAMES[field]
        chars = f"{len(address({field: text})):,}"
        st.info(
            escape(
                tr(
                    lang,
                    "link.kept",
                    name=name,
                    chars=chars,
                    max=f"{MAX_LINK_CHARS:,}",
                    kept=f"{field}={plan.query[field]}",
                    count=MAX_TEXTS,
                )
            ),
            icon=":material/cloud_done:",
        )
        csv = _one_item_csv(text, view.layout) if field == "x" else None
        if csv is None:
            st.caption(escape(tr(lang, "link.kept_copy", name=name)))
            continue
        st.caption(escape(tr(lang, "link.kept_file")))
        st.download_button(
            tr(lang, "link.csv"),
            data=csv,
            file_name="x.csv",
            mime="text/csv",
            on_click="ignore",
            icon=":material/download:",
            key=f"{key}_x_csv",
        )
    for field in plan.refused:
        which = "link.refused" if field in plan.query else "link.refused_none"
        st.caption(escape(tr(lang, which, name=FIELD_NAMES[field])))


def _one_item_csv(text: str, layout: str) -> bytes | None:
    """Typed x as the upload's CSV (one batch item only: the upload reads (1, C, L)); None otherwise."""
    try:
        x = data.parse_input(text)
    except ConvVizError:
        return None
    x = x.transpose(0, 2, 1) if layout == "nlc" else x  # typed as (N, L, C): the upload reads (N, C, L)
    return data.to_csv(x) if x.shape[0] == 1 else None

"""Links that open another page of the app with a view loaded (the gallery's and the quiz's "open in …").

Decision: ``st.page_link`` with ``query_params``, not a Markdown link. A page link
navigates inside the running app (same tab, same session, so the quiz score
survives) and is still a real ``<a href="/path?query">`` a user can copy or
middle-click. Streamlit renders every Markdown link with ``target="_blank"``, so
``[…](/?x=…)`` would open a new tab and a new session. The query comes from
``url_state.to_query``: numbers and preset names only, never text a user typed.
"""

from __future__ import annotations

from dataclasses import replace

import streamlit as st

from conv_viz.pages import state
from conv_viz.server.url_state import ViewState, to_query

DEFAULT_PAGE = "playground"  # app.py registers it with default=True: its URL is "/"


def _registered_in_app() -> None:
    """Never runs: Streamlit identifies a page by its url_path alone and runs the callable app.py registered."""


def page_link(url_path: str, view: ViewState, label: str, icon: str) -> None:
    """A same-tab link to app page ``url_path`` showing ``view``, in the language the user reads now."""
    page = st.Page(_registered_in_app, title=label, url_path=url_path, default=url_path == DEFAULT_PAGE)
    query = to_query(replace(view, lang=state.current().lang))
    st.page_link(page, label=label, icon=icon, query_params=query)

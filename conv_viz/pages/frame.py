"""What every page draws first: the link read into the widgets, the title, the sidebar, the link's warnings."""

from __future__ import annotations

from collections.abc import Callable

import streamlit as st

from conv_viz.pages import controls, state
from conv_viz.pages.ui import show_warnings, tr
from conv_viz.server.url_state import ViewState


def begin(page: str, *sidebar: Callable[[str], object]) -> tuple[ViewState, str]:
    """Title and caption (``{page}.title``, ``{page}.caption``), then the language switch and ``sidebar``'s
    controls, then anything the link had wrong; returns the view the widgets now hold and the language.

    The title comes first so a new browser paints it while the sidebar's widgets are still being drawn.
    """
    warnings = state.sync_from_url()
    lang = state.lang()
    st.title(tr(lang, f"{page}.title"))
    st.caption(tr(lang, f"{page}.caption"))
    controls.language_switch()
    for draw in sidebar:
        draw(lang)
    show_warnings(warnings, lang)
    return state.current(uploads=False), lang

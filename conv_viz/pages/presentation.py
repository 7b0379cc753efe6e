"""Presentation mode: one big animation and its sum, readable from the back of a classroom.

The sidebar is hidden with CSS (the app's own constant stylesheet, never user
text) and the root font grows, so every Streamlit element scales with it.
"""

from __future__ import annotations

import streamlit as st

from conv_viz import reference
from conv_viz.pages.ui import numbers, tr
from conv_viz.text import formatting
from conv_viz.views.scene import Scene, explain_cell

SCALE = 1.6  # figure text and cells, against the normal view

_CSS = """<style>
html { font-size: 22px; }
section[data-testid="stSidebar"], [data-testid="stSidebarCollapsedControl"], [data-testid="stExpandSidebarButton"] {
  display: none !important;
}
[data-testid="stMainBlockContainer"] { padding-top: 1.2rem; max-width: 100%; }
</style>"""


def _leave() -> None:
    st.session_state["present"] = False


def enter(lang: str) -> None:
    """Hide the sidebar, enlarge the text, and offer the way back (the sidebar's switch is hidden)."""
    st.html(_CSS)
    st.button(tr(lang, "ui.present_exit"), on_click=_leave, icon=":material/close_fullscreen:")


def big_sum(scene: Scene, result: reference.TorchResult | None, n: int, o: int, t: int, lang: str) -> None:
    """The pinned cell's equation and both values, in large type."""
    e = explain_cell(scene, n, o, t)
    left, right = st.columns([3, 1])
    with left:
        numbers(formatting.equation(e, lang, max_terms=8))
    with right:
        st.metric(tr(lang, "play.numpy_value"), formatting.fmt(float(scene.y[n, o, t])))
        if result is not None:
            st.metric("torch", formatting.fmt(float(result.output[n, o, t])))

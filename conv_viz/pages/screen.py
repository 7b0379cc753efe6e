"""Which screen the playground's animation is laid out for, and the narrow-screen stylesheet of every page.

Streamlit gives the server no viewport width. Decision: presentation mode means a projector; a phone is
recognised by its browser ("Mobi" in the User-Agent, as every phone browser sends it); a sidebar switch
("Phone layout") overrides the guess either way, for a desktop window made narrow or a phone that asks
for desktop sites. ``figures/screens.py`` says what each layout draws. Everything else on the pages
follows the width in the browser itself: the stylesheet below (a constant, never user text) keeps
tables, code and tab bars inside a 390 px screen with their own sideways scrolling.
"""

from __future__ import annotations

import streamlit as st

from conv_viz.figures.screens import LAPTOP, PHONE, PROJECTOR, Screen, is_phone
from conv_viz.pages.ui import tr

KEY = "phone_layout"  # the sidebar switch
_CHOICE = "_phone_layout"  # the switch's value, kept while the user visits pages that do not draw the switch

NARROW_PX = 640  # the stylesheet's phones: below this width Streamlit stacks columns too

STYLESHEET = f"""<style>
@media (max-width: {NARROW_PX}px) {{
  /* Wide tables scroll in their own box, not the page. */
  [data-testid=stMarkdownContainer] table {{ display: block; max-width: 100%; overflow-x: auto; }}
  /* Long code spans (layer reprs, links) wrap anywhere instead of widening the page. */
  [data-testid=stMarkdownContainer] code {{ overflow-wrap: anywhere; word-break: break-word; }}
  /* Tab bars scroll sideways inside the column. */
  [data-testid=stTabs] [role=tablist] {{ overflow-x: auto; max-width: 100%; }}
}}
</style>"""


def _remember() -> None:
    st.session_state[_CHOICE] = bool(st.session_state[KEY])


def phone_switch(lang: str) -> None:
    """The sidebar's "Phone layout" switch: on by itself in a phone's browser."""
    ss = st.session_state
    if KEY not in ss:
        choice = ss.get(_CHOICE)
        ss[KEY] = is_phone(st.context.headers.get("User-Agent")) if choice is None else choice
    st.sidebar.toggle(tr(lang, "ui.phone_layout"), key=KEY, help=tr(lang, "help.phone_layout"), on_change=_remember)


def current(present: bool) -> Screen:
    """The layout to draw: a phone's when the switch is on, else the projector's in presentation mode."""
    ss = st.session_state
    phone = ss.get(KEY, ss.get(_CHOICE))
    if phone is None:
        phone = is_phone(st.context.headers.get("User-Agent"))
    if phone:
        return PHONE
    return PROJECTOR if present else LAPTOP

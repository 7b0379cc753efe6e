"""Conv1d Lab — a table of contents: page config, then the pages."""

import streamlit as st

import conv_viz.pages.preload  # noqa: F401 — first: one thread imports the heavy modules, the others wait (see its docstring)
from conv_viz import memo
from conv_viz.pages import gallery, groups, matrix, playground, quiz, receptive_field, state, transposed
from conv_viz.pages.ui import tr

PAGES = [  # (page, title key, Material icon, url path); the first is the default page at "/"
    (playground, "nav.playground", "play_circle", "playground"),
    (transposed, "nav.transposed", "swap_vert", "transposed"),
    (groups, "nav.groups", "account_tree", "groups"),
    (matrix, "nav.matrix", "grid_on", "matrix"),
    (receptive_field, "nav.receptive_field", "settings_ethernet", "receptive-field"),
    (gallery, "nav.gallery", "menu_book", "gallery"),
    (quiz, "nav.quiz", "quiz", "quiz"),
]

st.set_page_config(page_title="Conv1d Lab", page_icon="〰️", layout="wide")
state.sync_from_url()  # before the titles, so a ?lang=zh link names the pages in Chinese
lang = state.lang()
navigation = [
    st.Page(page.render, title=tr(lang, key), icon=f":material/{icon}:", url_path=path, default=i == 0)
    for i, (page, key, icon, path) in enumerate(PAGES)
]
with memo.turn():  # at most two page runs at once: a class's heavy views do not all hold memory together
    st.navigation(navigation).run()

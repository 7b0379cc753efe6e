"""Conv1d Lab — a table of contents: page config, then the pages."""

import streamlit as st

from conv_viz.pages import gallery as gallery_page
from conv_viz.pages import groups as groups_page
from conv_viz.pages import matrix as matrix_page
from conv_viz.pages import playground, state
from conv_viz.pages import quiz as quiz_page
from conv_viz.pages import receptive_field as receptive_field_page
from conv_viz.pages import transposed as transposed_page
from conv_viz.pages.ui import tr

st.set_page_config(page_title="Conv1d Lab", page_icon="〰️", layout="wide")
lang = state.lang()
pages = [
    st.Page(
        playground.render,
        title=tr(lang, "nav.playground"),
        icon=":material/play_circle:",
        url_path="playground",
        default=True,
    ),
    st.Page(
        transposed_page.render,
        title=tr(lang, "nav.transposed"),
        icon=":material/swap_vert:",
        url_path="transposed",
    ),
    st.Page(
        groups_page.render,
        title=tr(lang, "nav.groups"),
        icon=":material/account_tree:",
        url_path="groups",
    ),
    st.Page(
        matrix_page.render,
        title=tr(lang, "nav.matrix"),
        icon=":material/grid_on:",
        url_path="matrix",
    ),
    st.Page(
        receptive_field_page.render,
        title=tr(lang, "nav.receptive_field"),
        icon=":material/account_tree:",
        url_path="receptive-field",
    ),
    st.Page(
        gallery_page.render,
        title=tr(lang, "nav.gallery"),
        icon=":material/menu_book:",
        url_path="gallery",
    ),
    st.Page(
        quiz_page.render,
        title=tr(lang, "nav.quiz"),
        icon=":material/quiz:",
        url_path="quiz",
    ),
]
st.navigation(pages).run()

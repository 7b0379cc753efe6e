"""Conv1d Lab — a table of contents: page config, then the pages."""

import streamlit as st

from conv_viz.pages import playground, state
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
]
st.navigation(pages).run()

"""Conv1d Lab — the server, then a table of contents: page config and the pages.

``streamlit run app.py`` finds ``app`` (an ``st.App``) and serves this same file as the script every
session runs. The server imports it once, at start: that branch starts the heavy imports
(``conv_viz/pages/preload.py``: torch, Plotly, the pages, …) in a thread of their own, so they load while the
first browser is still loading Streamlit's JavaScript, not after its websocket opens; then, once the first
page run has ended, what only some pages need (``preload_late.py``). Every session runs the file as
``__main__``: it imports the preload too, waiting on that module's import lock if the server's thread has not
finished it yet, then draws its page.
"""

import importlib
import threading
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

import streamlit as st

# The plotly.js each page draws with, by url path: the app's cartesian bundle (the playground's animation,
# conv_viz/pages/chart.py), Streamlit's own (every other chart) or none. The server sends each page with a
# preload of it (conv_viz/server/early_chunks.py), and its first element starts running it (pages/access.py).
DEFAULT_PAGE = "playground"
PLOTLY = {
    "playground": "cartesian",
    "transposed": "streamlit",
    "groups": "streamlit",
    "matrix": "streamlit",
    "receptive-field": "streamlit",
    "gallery": None,
    "quiz": None,
    "backward": "streamlit",
}

if __name__ != "__main__":  # the server importing this file to find `app`, once per process
    from starlette.middleware import Middleware

    from conv_viz.server import malloc
    from conv_viz.server.assets import Assets
    from conv_viz.server.early_chunks import EarlyChunks

    malloc.tune()  # before any session's thread allocates: freed arrays go back to the system (server/malloc.py)

    # A cold server's first page should not share the CPU with what only some pages need (0.3 s of imports):
    # run beside it, that held the GIL while the first run and the browser's script downloads waited. So it
    # waits for the first page run to end (a minute at most, on a server nobody visits yet), then takes a turn
    # between two page runs (a pin's fragment rerun is not a page run: one may wait for it once, at most 0.3 s).
    # A matrix page opened before then imports it itself (its render).
    LATE_WARM_UP_WAIT_S = 60.0

    def _warm_up() -> None:
        importlib.import_module("conv_viz.pages.preload")  # what every page needs; sessions wait on it
        from conv_viz import reference

        reference.warm_up()  # torch: a session waits for it at its first torch call, after drawing its controls
        from conv_viz.server import memo

        memo.TURN_ENDED.wait(LATE_WARM_UP_WAIT_S)
        with memo.turn():
            importlib.import_module("conv_viz.pages.preload_late")  # what some pages need, after the first page

    @asynccontextmanager
    async def _warm(_: Any) -> AsyncIterator[None]:
        threading.Thread(target=_warm_up, daemon=True).start()
        yield

    # The page's response names the chunks its first elements need: the browser loads them while the server warms.
    app = st.App(
        __file__,
        lifespan=_warm,
        middleware=[Middleware(Assets), Middleware(EarlyChunks, plotly=PLOTLY, default=DEFAULT_PAGE)],
    )

else:  # a session's run
    import conv_viz.pages.preload  # noqa: F401 — first: the heavy modules, imported once by one thread
    from conv_viz.pages import (
        access,
        backward,
        gallery,
        groups,
        matrix,
        playground,
        quiz,
        receptive_field,
        screen,
        state,
        transposed,
    )
    from conv_viz.pages.ui import tr
    from conv_viz.server import memo

    PAGES = [  # (page, title key, Material icon, url path); the first is the default page at "/"
        (playground, "nav.playground", "play_circle", DEFAULT_PAGE),
        (transposed, "nav.transposed", "swap_vert", "transposed"),
        (groups, "nav.groups", "account_tree", "groups"),
        (matrix, "nav.matrix", "grid_on", "matrix"),
        (receptive_field, "nav.receptive_field", "settings_ethernet", "receptive-field"),
        (gallery, "nav.gallery", "menu_book", "gallery"),
        (quiz, "nav.quiz", "quiz", "quiz"),
        (backward, "nav.backward", "trending_down", "backward"),
    ]

    st.set_page_config(page_title="Conv1d Lab", page_icon="〰️", layout="wide")
    state.sync_from_url()  # before the titles, so a ?lang=zh link names the pages in Chinese
    lang = state.lang()
    navigation = [
        st.Page(page.render, title=tr(lang, key), icon=f":material/{icon}:", url_path=path, default=i == 0)
        for i, (page, key, icon, path) in enumerate(PAGES)
    ]
    current = st.navigation(navigation)
    path = next(entry[3] for entry, page in zip(PAGES, navigation, strict=True) if page is current)
    # Every page: code-token colours, focusable scrolling code and formulas, and on narrow screens wide tables,
    # code and tab bars scrolling in their own box, not the page; its plotly.js run early where a chart comes.
    access.install(lang, screen.STYLESHEET, plotly=PLOTLY[path])
    with (
        memo.turn()
    ):  # one page run at a time (memo.CONCURRENT_TURNS): a class's heavy views never hold memory together
        current.run()

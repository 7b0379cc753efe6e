"""Everything a page would import on first use, imported once, by one thread, before any page runs.

Streamlit runs each session's script in a thread of its own. When a class opens the teacher's link on a
server that has just woken, several threads reach the first ``st.plotly_chart`` (plotly's lazily loaded
figure classes) and the first torch check (torch) at the same moment. Python's per-module import locks
cannot order two threads that each hold part of a package whose modules import one another, so one
thread is handed a module that is still half built: ``AttributeError: partially initialized module
'pandas' has no attribute 'Series'`` was one, shown to a student as a traceback.

Importing this module is the serialisation point. ``app.py`` imports it before anything else: the
first session's thread runs the body below, and every other thread waits on this module's own import
lock until the body is done, then finds every module complete. The body does the work rather than
list modules, so what a library imports inside a call is loaded too: one figure with every trace and
layout part the app draws goes through ``plotly.io.to_json`` as ``st.plotly_chart`` sends it. Last, every
page module, so the first session's run imports nothing. torch is not here: it takes a second, and a page
needs it only after drawing its controls. ``conv_viz.reference.warm_up`` imports it (the server's start
runs it right after this module) and every call into torch waits for it there, under its own lock.
``tests/test_preload.py`` renders every page and tab afterwards and fails on any module imported for
the first time there, and if pandas or pyarrow is loaded at all: tables are
Markdown (``conv_viz.text.markdown_table``), so nothing needs them (~80 MB of the server's memory).
"""

from __future__ import annotations

import importlib
import pkgutil

import numpy as np
import numpy.fft  # NumPy loads these two on first use: the engine's FFT strategy
import numpy.random  # and the seeded draws without torch
import plotly.graph_objects as go
import plotly.io
import plotly.tools  # st.plotly_chart imports it inside the call
import streamlit.emojis  # st.set_page_config's page icon is looked up here
import streamlit.material_icon_names  # noqa: F401 — and st.Page's :material/…: icons here

from conv_viz import pages

# One trace of every type and one of every layout part the figures use: plotly builds each class
# on first use (plotly.graph_objs' lazy __getattr__), and each brings its own submodules.
_FIGURE = {
    "data": [
        {"type": "scatter", "x": [0, 1], "y": np.zeros(2), "text": ["a", "b"], "line": {}, "textfont": {}},
        {"type": "scattergl", "x": [0], "y": [0], "line": {"width": 1}},
        {"type": "heatmap", "z": np.zeros((1, 2)), "colorbar": {"title": {"text": "c"}}, "textfont": {"size": 9}},
        {"type": "bar", "x": [0], "y": [1], "marker": {"line": {"width": 1}, "pattern": {"shape": "/"}}},
    ],
    "layout": {
        "title": {"text": "t", "font": {"size": 9}},
        "annotations": [{"text": "a", "font": {"size": 9}}],
        "shapes": [{"type": "rect", "line": {"width": 1}}, {"type": "line"}],
        "sliders": [{"steps": [{"label": "0"}], "currentvalue": {"font": {"size": 9}}, "pad": {"t": 0}}],
        "updatemenus": [{"type": "buttons", "buttons": [{"label": "▶", "method": "animate"}], "pad": {"t": 0}}],
        "legend": {"orientation": "h"},
        "margin": {"t": 0},
        "font": {"size": 9},
        "xaxis": {"title": {"text": "x", "font": {"size": 9}}, "tickfont": {"size": 9}},
        "yaxis": {"title": {"text": "y"}, "tickfont": {"size": 9}},
    },
    "frames": [{"name": "0", "data": [{"type": "scatter", "x": [0], "y": [0]}]}],
}


def _plotly() -> None:
    plotly.io.to_json(go.Figure(_FIGURE), validate=False)  # what st.plotly_chart sends


def _pages() -> None:
    """Every module of ``conv_viz.pages``, with the figures, views and texts they import. At server start they load
    while the first browser is still fetching Streamlit's JavaScript, not inside the first session's run."""
    for module in pkgutil.iter_modules(pages.__path__):
        if not module.name.startswith("preload"):  # preload_late runs after the first page can be drawn
            importlib.import_module(f"{pages.__name__}.{module.name}")


_plotly()
_pages()

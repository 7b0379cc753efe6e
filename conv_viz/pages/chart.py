"""The playground's animation as a Streamlit component of the app's own, drawn by plotly.js's cartesian bundle.

``st.plotly_chart`` makes a first visit run the whole of plotly.js (4.7 MB) in the browser before the chart
appears; this component runs the 1.5 MB cartesian distribution instead (``conv_viz/server/assets.py`` serves
it, ``chart.js`` draws with it): a new visit to the playground 0.45–0.6 s sooner (docs/perf.md). The figure is
the same ``go.Figure``, sent as Plotly's own JSON with the same config, and a click on an output cell comes back
as a trigger, as ``st.plotly_chart``'s point selection did. Every other chart of the app (other pages, the long
signal's overview with its WebGL trace) stays ``st.plotly_chart``.
"""

from __future__ import annotations

import json
import math
from collections.abc import Callable
from pathlib import Path
from typing import Any

import plotly.graph_objects as go
import plotly.io
import streamlit as st

from conv_viz.i18n import translate
from conv_viz.pages import access

_JS = (Path(__file__).resolve().parent / "chart.js").read_text(encoding="utf-8")
# In the page's own DOM, not a shadow root: plotly.js styles its charts with a document-wide stylesheet, and the
# keyboard row and the browser tests find this chart as they find Streamlit's.
_ANIMATION = st.components.v2.component("conv_viz.animation", js=_JS, isolate_styles=False)


def picked(key: str) -> int | None:
    """The output position a click on ``key``'s chart picked, in that click's run; None otherwise."""
    value = getattr(st.session_state.get(key), "pick", None)
    if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value):
        return None  # a browser sends a number; anything else (a forged message) pins nothing
    return int(value)


def animation(fig: go.Figure, key: str, config: dict[str, Any], on_pick: Callable[[], None], lang: str) -> None:
    """Draw ``fig`` (frames, slider and play buttons included); ``on_pick`` runs when a cell is clicked. Where
    the browser cannot load the bundle, the chart's place says so in ``lang`` (as text, never markup)."""
    # One JSON document sent as bytes: Streamlit forwards bytes untouched, where a dict's values are each tested
    # for a dataframe (importing pandas and pyarrow, ~80 MB this app never loads) and the figure's JSON would be
    # escaped into a string of another JSON.
    figure = plotly.io.to_json(fig, validate=False)
    extra = {"config": config, "plotly": access.CARTESIAN_FROM_INDEX, "failed": translate(lang, "play.chart_failed")}
    payload = f'{{"figure": {figure}, {json.dumps(extra)[1:]}'
    _ANIMATION(key=key, data=payload.encode(), on_pick_change=on_pick)

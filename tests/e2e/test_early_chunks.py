"""The chunks a first page needs arrive with it: the ``Link`` header, and Plotly's chunk run at the first element.

``conv_viz/server/early_chunks.py`` names them on every page's HTML response; ``conv_viz/pages/plotly_early.js``
imports the Plotly chunk on pages with a chart (``python -m tests.perf.latency`` measures what it saves on a
cold start). Here: the header is there, the chunk is fetched once and run by the page before Streamlit asks for it,
and a page without a chart does not run it.
"""

from __future__ import annotations

import urllib.request

from playwright.sync_api import Browser

from tests.browser import Session
from tests.perf import pages

_EARLY = """async () => ({
  early: window.__cvPlotlyEarly === undefined ? 'absent' : ((await window.__cvPlotlyEarly) ? 'loaded' : 'failed'),
  fetched: performance.getEntriesByType('resource').filter(e => e.name.includes('/PlotlyChart.')).length,
})"""


def test_every_page_names_its_first_chunks(app_url: str) -> None:
    for path in ("/", "/groups", "/quiz"):
        with urllib.request.urlopen(app_url + path, timeout=30) as response:
            link = response.headers["Link"]
        assert "rel=modulepreload" in link, path
        assert "/static/js/PlotlyChart." in link, path
        assert "/static/js/Html." in link, path


def test_a_chart_page_runs_plotly_early_and_fetches_it_once(browser: Browser, app_url: str) -> None:
    session = Session(browser)
    try:
        session.open(app_url + "/", wait_for=[pages.CHART])
        assert session.page.evaluate(_EARLY) == {"early": "loaded", "fetched": 1}
        assert session.console_errors == []
        assert session.exceptions() == 0
    finally:
        session.close()


def test_a_page_without_a_chart_does_not_run_plotly(browser: Browser, app_url: str) -> None:
    session = Session(browser)
    try:
        session.open(app_url + "/quiz", wait_for=["h1"])
        assert session.page.evaluate(_EARLY)["early"] == "absent"
        assert session.console_errors == []
    finally:
        session.close()

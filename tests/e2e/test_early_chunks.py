"""The scripts a first page needs arrive with it: the ``Link`` header, and its plotly.js run at the first element.

``conv_viz/server/early_chunks.py`` names them on every page's HTML response, by page; ``conv_viz/pages/
plotly_early.js`` imports the page's plotly.js (the playground: the app's cartesian bundle; the other chart pages:
Streamlit's Plotly chunk). ``python -m tests.perf.latency`` measures what it saves on a cold start. Here: the
header is there, the bundle is fetched once and run by the page before the chart asks for it, the playground
never fetches Streamlit's 4.7 MB chunk, and a page without a chart runs neither.
"""

from __future__ import annotations

import urllib.request

import pytest
from playwright.sync_api import Browser

from conv_viz.server.assets import PLOTLY_BUNDLE, PLOTLY_MODULE, STATIC
from tests.browser import Session
from tests.perf import pages

_EARLY = """async () => {
  const early = window.__cvPlotlyEarly || {};
  const done = await Promise.all(Object.values(early));
  const fetched = (part) => performance.getEntriesByType('resource').filter(e => e.name.includes(part)).length;
  return {
    early: Object.keys(early).map((k) => k.split('/').pop().split('.')[0]),
    loaded: done.every(Boolean),
    streamlit: fetched('/PlotlyChart.'),
    cartesian: fetched('/_conv_viz/plotly-cartesian-'),  // the bundle itself (its module is plotly-cartesian.mjs)
  };
}"""


def _link(url: str) -> str:
    with urllib.request.urlopen(url, timeout=30) as response:
        return str(response.headers["Link"])


def test_every_page_names_its_first_chunks(app_url: str) -> None:
    for path in ("/", "/groups", "/quiz"):
        link = _link(app_url + path)
        assert "rel=modulepreload" in link, path
        assert "/static/js/Html." in link, path
    assert f"/_conv_viz/{PLOTLY_MODULE}>" in _link(app_url + "/")
    assert "/PlotlyChart." not in _link(app_url + "/")
    assert "/PlotlyChart." in _link(app_url + "/groups")
    assert "Plotly" not in _link(app_url + "/quiz")
    assert "plotly" not in _link(app_url + "/quiz")


@pytest.mark.parametrize(
    ("path", "expected"),
    [  # the playground: the app's cartesian bundle, never Streamlit's 4.7 MB chunk; another chart page: Streamlit's
        ("/", {"early": ["plotly-cartesian"], "loaded": True, "streamlit": 0, "cartesian": 1}),
        ("/groups", {"early": ["PlotlyChart"], "loaded": True, "streamlit": 1, "cartesian": 0}),
    ],
)
def test_a_chart_page_runs_its_plotly_early_and_fetches_it_once(
    browser: Browser, app_url: str, path: str, expected: dict[str, object]
) -> None:
    session = Session(browser)
    try:
        session.open(app_url + path, wait_for=[pages.CHART])
        assert session.page.evaluate(_EARLY) == expected
        assert session.console_errors == []
        assert session.exceptions() == 0
    finally:
        session.close()


def test_a_page_without_a_chart_does_not_run_plotly(browser: Browser, app_url: str) -> None:
    session = Session(browser)
    try:
        session.open(app_url + "/quiz", wait_for=["h1"])
        assert session.page.evaluate(_EARLY)["early"] == []
        assert session.console_errors == []
    finally:
        session.close()


def test_each_chart_keeps_the_plotly_that_drew_it(browser: Browser, app_url: str) -> None:
    """Streamlit's chunk and the cartesian bundle are two copies of plotly.js (two versions), and both set
    window.Plotly. From a page of Streamlit's charts to the playground: window.Plotly stays Streamlit's copy, and
    the animation is drawn, and animated by its keyboard row, with the bundle's (plotly-cartesian.mjs)."""
    session = Session(browser)
    try:
        session.open(app_url + "/transposed", wait_for=[pages.CHART])
        session.page.evaluate("() => { window.__streamlits = window.Plotly; }")  # a client-side page switch keeps it
        session.page.get_by_role("link", name="Playground").click()
        session.page.wait_for_selector(".cv-chart .updatemenu-button", timeout=60_000)
        kept, own, version = session.page.evaluate(
            """() => {
              const mine = document.querySelector('.cv-chart').__cvPlotly;
              return [window.Plotly === window.__streamlits, mine !== window.__streamlits, mine.version];
            }"""
        )
        assert kept, "the cartesian bundle took window.Plotly from Streamlit's charts"
        assert own, "the animation was drawn with Streamlit's copy"
        assert f"v{version}\n" in (STATIC / PLOTLY_BUNDLE).read_text(encoding="utf-8")[:200]
        assert session.console_errors == []
        assert session.exceptions() == 0
    finally:
        session.close()

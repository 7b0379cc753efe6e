"""Every figure a page sends is valid Plotly: the app builds them unvalidated (``conv_viz.figures.figure``).

Rendered with AppTest on every page's default and heaviest views, every tab and both languages; each
chart's JSON, as Streamlit sends it, goes through ``go.Figure`` with Plotly's full validation.
"""

from __future__ import annotations

import json

import plotly.graph_objects as go
import pytest
from streamlit.testing.v1 import AppTest

from conv_viz.pages.tabs import TABS
from tests.app_pages import figures, open_page
from tests.perf.pages import CASES, Case, app_test

PAGES = ("playground", "transposed", "groups", "matrix", "receptive-field", "gallery", "quiz", "backward")


def _specs(at: AppTest) -> list[str]:
    return [json.dumps(figure) for figure in figures(at)]


def _assert_valid(specs: list[str]) -> None:
    for spec in specs:
        fig = json.loads(spec)
        go.Figure(fig)  # raises on any property Plotly does not know or any value out of its range
        assert fig["data"], "a chart with no traces"


@pytest.mark.parametrize("case", CASES, ids=lambda c: f"{c.page}-{c.name}-{c.query[:30]}")
def test_every_view_sends_valid_figures(case: Case) -> None:
    specs = _specs(app_test(case))
    assert specs or not case.chart
    _assert_valid(specs)


@pytest.mark.parametrize("tab", TABS)
def test_every_tab_sends_valid_figures(tab: str) -> None:
    at = open_page("playground", tab=tab)
    assert not at.exception
    _assert_valid(_specs(at))


@pytest.mark.parametrize("page", PAGES)
def test_chinese_pages_send_valid_figures(page: str) -> None:
    at = open_page(page, lang="zh", present="true" if page == "playground" else "false")
    assert not at.exception
    _assert_valid(_specs(at))

"""conv_viz.text.markdown_table in Streamlit's own Markdown renderer: hostile cells are text, numbers right-aligned.

The unit tests check the source (every ASCII punctuation escaped); here Chromium shows what a reader sees:
each cell's text exactly as given, no tag, link, emphasis, code, LaTeX or icon made from it.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from playwright.sync_api import Page, expect

from conv_viz.text.markdown_table import WORD_JOINER
from tests.browser import Server
from tests.e2e.helpers import ARTIFACTS, REPO_ROOT, assert_inert, shot, wait_idle
from tests.e2e.markdown_table_app import CELLS


@pytest.fixture(scope="module")
def table_url() -> Iterator[str]:
    ARTIFACTS.mkdir(exist_ok=True)
    srv = Server(str(REPO_ROOT / "tests/e2e/markdown_table_app.py"), ARTIFACTS / "streamlit-markdown-table.log")
    try:
        yield srv.url
    finally:
        srv.stop()


def test_hostile_cells_render_as_their_own_text(page: Page, table_url: str, dialogs: list[str]) -> None:
    page.goto(table_url)
    wait_idle(page)
    tables = page.locator("[data-testid=stMarkdownContainer] table")
    expect(tables).to_have_count(2)
    table = tables.first
    expect(table.locator("tbody tr")).to_have_count(len(CELLS))
    shown = table.locator("tbody tr td:first-child").all_inner_texts()
    assert [c.replace(WORD_JOINER, "") for c in shown] == [c.replace("\n", " ") for c in CELLS]
    assert table.locator("thead th").all_inner_texts() == ["text", "n", "[h|*]"]
    assert table.locator("tbody tr td:nth-child(3)").first.inner_text() == "0.0000"  # no -0.0000
    assert_inert(page, dialogs)
    made = "script, img, a, em, strong, code, del, h1, .katex, [data-testid=stIconMaterial], span[style*=color]"
    assert table.locator(made).count() == 0
    aligns = table.locator("thead th").evaluate_all("ths => ths.map(th => getComputedStyle(th).textAlign)")
    assert aligns[0] in ("left", "start")
    assert aligns[1:] == ["right", "right"]

    cut = tables.nth(1)
    assert cut.locator("tbody td").all_inner_texts() == ["0", "1", "2", "⋮", "9"]
    expect(page.get_by_text("… 6 more $rows$ …")).to_be_visible()
    shot(page, "markdown-table-hostile")

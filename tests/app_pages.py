"""Open one page of the multipage app in Streamlit's AppTest, the way a browser opens its URL.

``AppTest.switch_page`` takes a file path, and the app's pages are callables
registered with ``url_path``, so it cannot name them. A page's script hash is
Streamlit's hash of its url_path (``st.Page._script_hash``); setting it before
the first run opens that page in a fresh session, with the query string given.

Import as ``from tests.app_pages import open_page``.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from streamlit.testing.v1 import AppTest
from streamlit.util import calc_hash

from conv_viz.i18n import translate
from conv_viz.pages.controls import TYPED_EXPANDER, UPLOAD_EXPANDER
from conv_viz.pages.tabs import TAB_KEY, TABS

REPO_ROOT = Path(__file__).resolve().parents[1]
TIMEOUT_S = 60  # a shared 2-core box, and torch's first import


def open_page(url_path: str, *, tab: str | None = None, **query: str) -> AppTest:
    """Run ``app.py`` once on the page at ``/url_path?query``; returns the AppTest to inspect or drive.

    The playground runs only its open tab: ``tab`` (a name in ``conv_viz.pages.tabs.TABS``) opens that one,
    as a click on it would.
    """
    at = AppTest.from_file(str(REPO_ROOT / "app.py"), default_timeout=TIMEOUT_S)
    if tab is not None:
        open_tab(at, tab, query.get("lang", "en"))
    for key, value in query.items():
        at.query_params[key] = value
    at._page_hash = calc_hash(url_path)  # no public API opens a callable page by its url_path (streamlit 1.67)
    return at.run()


def open_clean(url_path: str, *, tab: str | None = None, **query: str) -> AppTest:
    """``open_page``, and the run neither raised nor showed an error: the page as a reader should see it."""
    at = open_page(url_path, tab=tab, **query)
    assert not at.exception
    assert not at.error
    return at


def all_green(at: AppTest) -> list[str]:
    """The page's check badges, each asserted green (the check held); returned for a test to count."""
    found = [str(m.value) for m in at.markdown if "badge" in m.value]
    assert all("green" in b for b in found), found
    return found


def open_tab(at: AppTest, tab: str, lang: str = "en") -> None:
    """Open one of the playground's tabs on the next run (its state holds the open tab's label)."""
    assert tab in TABS, tab
    at.session_state[TAB_KEY] = translate(lang, f"tab.{tab}")


def open_sidebar_box(at: AppTest, *boxes: str) -> AppTest:
    """Open the sidebar's "upload" and/or "typed" expander, as a click would, and rerun once.

    ``controls.data_controls`` draws an expander's fields only while it is open.
    """
    for box in boxes:
        at.session_state[{"upload": UPLOAD_EXPANDER, "typed": TYPED_EXPANDER}[box]] = True
    return at.run()


def text_of(at: AppTest) -> str:
    """Everything the page wrote as markdown, captions, titles and code, one string to search."""
    parts = [
        e.value
        for kind in ("title", "header", "subheader", "markdown", "caption", "code", "text", "latex")
        for e in getattr(at, kind)
    ]
    return "\n".join(str(p) for p in parts)


def numbers_of(at: AppTest) -> list[str]:
    """The fixed-width blocks the page wrote (``conv_viz.pages.ui.numbers_markdown``), as the text they show;
    an element holding several (a heading and tensors, paragraphs apart) gives each of them."""
    blocks = []
    for element in at.markdown:
        for paragraph in str(element.value).split("\n\n"):
            lines = paragraph.split("  \n")
            if all(line == "\u00a0" or (line.startswith("`") and line.endswith("`")) for line in lines):
                shown = [line.strip("`").strip(" ") if line != "\u00a0" else "" for line in lines]
                blocks.append("\n".join(shown).replace("\u00a0", " "))
    return blocks


def figures(at: AppTest) -> list[dict[str, Any]]:
    """Every chart's figure as sent to the browser: the playground's animation first (its own component,
    ``conv_viz/pages/chart.py``, whose payload carries Plotly's JSON), then each ``st.plotly_chart``'s spec."""
    animations = [json.loads(el.proto.bytes)["figure"] for el in at.get("bidi_component")]  # type: ignore[attr-defined]
    return animations + [json.loads(el.proto.spec) for el in at.get("plotly_chart")]  # type: ignore[attr-defined]

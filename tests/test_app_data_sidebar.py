"""The data sidebar's two expanders run their contents only while open, and open by themselves on news.

A closed expander sends the browser nothing but its label (every element costs a rerun time in the browser);
typed or uploaded data lives in session state and the link, so closing an expander loses none of it.
"""

from __future__ import annotations

import numpy as np
import pytest
from streamlit.testing.v1 import AppTest
from streamlit.util import calc_hash

from conv_viz.i18n import translate
from conv_viz.pages import upload_store
from conv_viz.pages.controls import TYPED_EXPANDER, UPLOAD_EXPANDER
from conv_viz.pages.ui import escape
from tests.app_pages import numbers_of, open_page, open_sidebar_box

DATA_PAGES = ["playground", "transposed", "groups", "matrix", "backward"]  # every page with controls.data_controls
X = "1,2,3,4;5,6,7,8"


def fields(at: AppTest) -> dict[str, int]:
    """How many of the expanders' fields the run drew."""
    return {kind: len(getattr(at, kind)) for kind in ("file_uploader", "text_area", "text_input")}


def labels(at: AppTest) -> list[str]:
    return [str(e.label) for e in at.expander if e.label]


@pytest.mark.parametrize("page", DATA_PAGES)
def test_closed_expanders_draw_no_fields(page: str) -> None:
    at = open_page(page)
    assert not at.exception
    assert fields(at) == {"file_uploader": 0, "text_area": 0, "text_input": 0}
    assert not [c for c in at.caption if c.value == translate("en", "ui.typed_help")]
    at = open_sidebar_box(at, "upload")
    assert fields(at) == {"file_uploader": 1, "text_area": 0, "text_input": 0}
    at = open_sidebar_box(at, "typed")
    assert fields(at) == {"file_uploader": 1, "text_area": 2, "text_input": 1}


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_labels_stay_translated_open_or_closed(lang: str) -> None:
    expected = [translate(lang, "ui.upload"), translate(lang, "ui.typed")]
    at = open_page("playground", lang=lang)
    assert [label for label in labels(at) if label in expected] == expected
    at = open_sidebar_box(at, "upload", "typed")
    assert [label for label in labels(at) if label in expected] == expected
    assert at.file_uploader(key="upload_file").label == translate(lang, "ui.upload_help")
    assert translate(lang, "ui.typed_help") in [c.value for c in at.caption]


@pytest.mark.parametrize("page", DATA_PAGES)
def test_a_link_with_typed_x_opens_its_expander(page: str) -> None:
    at = open_page(page, x=X)
    assert not at.exception
    assert at.text_area(key="x").value == X


def test_closing_keeps_typed_x_until_new_text_opens_it_again() -> None:
    at = open_page("playground", x=X, kernel_size="2")
    shown = numbers_of(at)
    at.session_state[TYPED_EXPANDER] = False
    at.run()
    assert not at.exception
    assert fields(at)["text_area"] == 0
    assert at.session_state["x"] == X
    assert at.query_params["x"] in ([X], X)
    assert numbers_of(at) == shown  # the view still computes from the typed x
    at.number_input(key="seed").set_value(3).run()  # another setting: nothing typed changed, it stays closed
    assert fields(at)["text_area"] == 0
    assert at.session_state["x"] == X
    at.query_params["x"] = "9,8,7"  # a new link with other typed numbers
    at.run()
    assert not at.exception
    assert at.text_area(key="x").value == "9,8,7"


def test_an_upload_opens_what_it_fills() -> None:
    """A short upload becomes typed x: the typed box opens on it; the upload box keeps its message in view."""
    at = open_sidebar_box(open_page("transposed"), "upload")
    at.file_uploader(key="upload_file").set_value(("x.csv", b"1,2\n3,4\n5,6\n", "text/csv")).run()
    assert not at.exception
    assert at.text_area(key="x").value == at.session_state["x"] != ""
    assert [s.value for s in at.success] == [escape(translate("en", "ui.upload_ok", shape="(1, 2, 3)"))]


def test_an_upload_message_opens_its_expander_even_if_closed_meanwhile() -> None:
    at = open_sidebar_box(open_page("groups"), "upload")
    at.file_uploader(key="upload_file").set_value(("bad.csv", b"1,2\n3,oops\n", "text/csv"))
    at.session_state[UPLOAD_EXPANDER] = False
    at.run()
    assert not at.exception
    assert len(at.error) == 1
    assert fields(at)["file_uploader"] == 1


def test_a_link_to_a_kept_upload_opens_its_expander() -> None:
    key = upload_store.keep(b"kept", np.zeros((1, 1, 5000)))
    at = open_page("playground", upload=key)
    assert not at.exception
    assert fields(at)["file_uploader"] == 1
    assert key in " ".join(str(i.value) for i in at.info)


def test_an_open_expander_stays_open_over_a_page_without_it() -> None:
    """Its state is written back each run, as the widgets' values are (``state._keep_widget_state``)."""
    at = open_sidebar_box(open_page("playground"), "typed")
    at._page_hash = calc_hash("receptive-field")  # as open_page does: no public API opens a page by its url_path
    at.run()
    assert not at.exception
    at._page_hash = calc_hash("transposed")
    at.run()
    assert not at.exception
    assert fields(at)["text_area"] == 2

"""Every page that writes a link, in AppTest: typed data too long for a link is kept on the server and named,
a refused text never reaches the link, the link stays under 8,000 characters, and opening it again (a reload,
a student's phone on the same server) gives the same view. The sidebar and the Export tab say so, in en and zh.
"""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from conv_viz.i18n import translate
from conv_viz.server.uploads import MAX_TEXTS
from conv_viz.server.url_state import MAX_LINK_CHARS, ORIGIN_CHARS, address, kept_name, parse
from tests.app_pages import open_page, text_of

X = ",".join(str((i * 7) % 10) for i in range(5000))  # 5,000 typed numbers: a 20,000-character link before
PAGES = ["playground", "transposed", "groups", "matrix", "receptive-field"]


def link_of(at: AppTest) -> dict[str, str]:
    """The query the page wrote, one value per key."""
    return {key: at.query_params[key] for key in at.query_params}


def infos(at: AppTest) -> str:
    return "\n".join(str(e.value) for e in [*at.info, *at.caption, *at.warning]).replace("\\", "")


@pytest.mark.parametrize("page", PAGES)
def test_too_long_typed_x_is_kept_and_the_link_reopens_the_view(page: str) -> None:
    at = open_page(page, x=X, seed="7", dilation="2")
    assert not at.exception
    link = link_of(at)
    assert link["x"] == kept_name(X)
    assert link["seed"] == "7"
    assert link["dilation"] == "2"
    assert len(address(link)) + ORIGIN_CHARS <= MAX_LINK_CHARS
    assert at.session_state["x"] == X  # the box still holds every number
    assert f"x={kept_name(X)}" in infos(at)  # the sidebar says where x went
    again = open_page(page, **link)  # the same server: a reload, or a student opening the teacher's link
    assert not again.exception
    assert again.session_state["x"] == X
    assert (again.session_state["seed"], again.session_state["dilation"]) == (7, 2)
    assert link_of(again) == link
    assert not at.warning
    assert not again.warning


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_the_note_says_it_plainly_and_offers_the_file(lang: str) -> None:
    at = open_page("playground", x=X, lang=lang)
    text = infos(at)
    kept = translate(
        lang, "link.kept", name="x", chars="19,999", max="8,000", kept=f"x={kept_name(X)}", count=MAX_TEXTS
    )
    assert kept.replace("\\", "") in text
    assert translate(lang, "link.kept_file") in text
    button = [b for b in at.get("download_button") if b.proto.label == translate(lang, "link.csv")]
    assert button, "the sidebar offers x as the upload's CSV"


def test_export_tab_shows_the_short_link_and_the_note() -> None:
    at = open_page("playground", tab="export", x=X, kernel_size="5")
    assert not at.exception
    shown = [c.value for c in at.code if "kernel_size=5" in c.value]
    assert shown
    assert shown[0].endswith(f"?kernel_size=5&x={kept_name(X)}")
    assert len(shown[0]) <= MAX_LINK_CHARS
    assert infos(at).count(f"x={kept_name(X)}") == 2  # the sidebar and the Export tab


@pytest.mark.parametrize("page", ["playground", "transposed", "matrix"])
def test_refused_typed_x_never_reaches_the_link(page: str) -> None:
    at = open_page(page, x="1,2,3,4,5,6", kernel_size="2")
    assert link_of(at) == {"x": "1,2,3,4,5,6", "kernel_size": "2"}
    at.text_area(key="x").set_value("1,2,oops").run()
    assert not at.exception
    assert link_of(at) == {"x": "1,2,3,4,5,6", "kernel_size": "2"}  # the last x the app accepted
    assert translate("en", "link.refused", name="x") in infos(at)
    at.text_area(key="x").set_value(",".join(["1"] * 100_000)).run()  # refused: more than 20,000 numbers
    assert not at.exception
    assert link_of(at) == {"x": "1,2,3,4,5,6", "kernel_size": "2"}
    assert at.session_state["x"].count(",") == 99_999  # the box keeps what was typed, with the error


def test_a_refused_link_value_is_dropped_from_the_link() -> None:
    at = open_page("playground", x="1,2,oops", w="0.5,abc", kernel_size="2", lang="zh")
    assert not at.exception
    assert link_of(at) == {"kernel_size": "2", "lang": "zh"}
    text = infos(at)
    assert translate("zh", "link.refused_none", name="x") in text
    assert translate("zh", "link.refused_none", name="weight") in text


def test_a_kept_name_this_server_lacks_says_so() -> None:
    name = kept_name("not kept anywhere")
    at = open_page("playground", x=name, kernel_size="5")
    assert not at.exception
    assert at.session_state["x"] == ""
    assert any(name in str(w.value).replace("\\", "") for w in at.warning)
    assert link_of(at) == {"kernel_size": "5"}  # the dead name leaves the link


def test_a_refused_stack_stays_in_the_box_not_in_the_link() -> None:
    at = open_page("receptive-field", stack="conv:1,8,7;relu", length="32")
    assert at.query_params["stack"] == "conv:1,8,7;relu"
    at.text_area(key="stack_text").set_value("conv:1,8,7;maxpol:2").run()
    assert not at.exception
    assert at.query_params["stack"] == "conv:1,8,7;relu"  # the last stack the app accepted
    assert "Character 12" in text_of(at) or "Character 12" in at.error[0].value
    state, warnings = parse({key: [value] for key, value in link_of(at).items()})
    assert state.stack == "conv:1,8,7;relu"
    assert warnings == []

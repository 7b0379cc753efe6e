"""The /gallery page in Streamlit's AppTest: examples replay with their numbers, links load their views, zh works."""

from __future__ import annotations

from collections.abc import Iterator
from urllib.parse import parse_qs

import pytest
from streamlit.testing.v1 import AppTest

from conv_viz import reference
from conv_viz.server.url_state import parse, to_query
from conv_viz.views import gallery
from tests.app_pages import open_clean, open_page, text_of
from tests.conftest import clear_caches

pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")


def links(at: AppTest) -> list[tuple[str, str, dict[str, list[str]]]]:
    """(label, page url, query) of every page link on the page."""
    return [(e.proto.label, e.proto.page, parse_qs(e.proto.query_string)) for e in at.get("page_link")]


def open_all(**query: str) -> AppTest:
    """The gallery with every example expanded (an expander's open state is its key in session state)."""
    at = open_page("gallery", **query)
    for ex in gallery.EXAMPLES:
        at.session_state[f"gallery_{ex.id}"] = True
    return at.run()


def test_first_example_is_open_with_its_numbers() -> None:
    at = open_clean("gallery")
    assert at.title[0].value == "Conv1d Lab · Tutorial gallery"
    text = text_of(at)
    assert "`y[0, 0, 0] = 0·0.1 + 1·0.2 + 2·0.3 = 0.8000` (torch: 0.8000)" in text
    assert "tensor([[[0.8000, 1.4000, 2.0000," in text
    assert "8.6000]]])" in text
    assert (
        ":green[:material/check_circle:] Output shape: tutorial `(1, 1, 14)` · engine `(1, 1, 14)` · torch `(1, 1, 14)`"
        in text
    )
    assert "x = torch.arange(16.).reshape(1, 1, 16)" in text  # the tutorial's own code
    assert [label for label, _, _ in links(at)] == ["Open in the Playground"]
    assert [e.label for e in at.expander][:2] == [
        "#1 · F.conv1d on a ramp: 0.8, 1.4, …, 8.6",
        "#2 · Seed 666: two channels, checked by hand",
    ]


def test_closed_examples_compute_nothing() -> None:
    at = open_page("gallery")
    assert len(at.expander) == len(gallery.EXAMPLES)
    assert len(links(at)) == 1  # only #1 is open, so only #1 rendered its content


def test_every_example_renders_and_checks() -> None:
    at = open_all()
    assert not at.exception
    text = text_of(at)
    assert ":material/cancel:" not in text
    found = links(at)
    # one link an example, and the tutorial CNN (#12), the network a tutorial trains, also opens /backward
    assert len(found) == len(gallery.EXAMPLES) + 1
    assert {page for _, page, _ in found} == {"", "transposed", "receptive-field", "backward"}  # "": the playground
    assert [page for _, page, _ in found].count("backward") == 1
    assert "y[n,o,t] = x[n,0,t:t+5]·w[o,0] + x[n,1,t:t+5]·w[o,1] + b[o]" in text
    assert "Output shape: tutorial `(5, 14, 4, 4)`" in text
    assert "= 55" in text  # #6 L_out, from the formula with the example's numbers


def test_channel_error_shows_the_rule_and_torchs_words() -> None:
    at = open_all()
    errors = [e.value for e in at.error]
    assert len(errors) == 2  # #11 and the tutorial CNN's second Conv1d
    assert any("expected input\\[2, 2, 7\\] to have 1 channels" in e for e in errors)
    torch_said = [c.value for c in at.code if c.value.startswith("Given groups=1, weight of size [1, 1, 3]")]
    assert torch_said == [
        "Given groups=1, weight of size [1, 1, 3], expected input[2, 2, 7] to have 1 channels, but got 2 channels instead"
    ]


def test_every_link_parses_without_warnings() -> None:
    at = open_all()
    for label, _, query in links(at):
        _, warnings = parse(query)
        assert warnings == [], label


def test_link_keeps_the_users_language() -> None:
    at = open_page("gallery", lang="zh")
    (_, _, query), *_ = links(at)
    assert query["lang"] == ["zh"]


def test_chinese() -> None:
    at = open_page("gallery", lang="zh")
    assert not at.exception
    assert at.title[0].value == "Conv1d Lab · 教程示例"
    assert "教程中的代码" in text_of(at)
    assert links(at)[0][0] == "在实验台中打开"


@pytest.fixture
def no_torch(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    clear_caches()
    monkeypatch.setattr(reference, "torch_available", lambda: False)
    yield
    clear_caches()


@pytest.mark.usefixtures("no_torch")
def test_without_torch_the_page_still_runs_and_says_so() -> None:
    at = open_all()
    assert not at.exception
    assert "torch is not installed here" in at.info[0].value
    text = text_of(at)
    assert "torch `—`" in text
    assert ":material/cancel:" not in text


@pytest.mark.parametrize("example_id", [11, 12, 14])
def test_link_opens_its_page_with_the_example(example_id: int) -> None:
    """Following a link: the target page (built by other modules) shows the example, or the same broken rule."""
    target = gallery.link(gallery.BY_ID[example_id])
    at = open_page(target.page, **to_query(target.view))
    assert not at.exception
    errors = " ".join(e.value for e in at.error)
    if example_id == 11:
        assert "to have 1 channels, but got 2 channels" in errors
    elif example_id == 12:
        assert "to have 8 channels, but got 4 channels" in errors
    else:
        assert errors == ""
        assert "(16, 16, 50)" in text_of(at)

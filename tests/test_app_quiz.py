"""The /quiz page in Streamlit's AppTest: the seed in the URL, checking answers, the score, zh, hostile input."""

from __future__ import annotations

from urllib.parse import parse_qs

import pytest
from streamlit.testing.v1 import AppTest

from conv_viz.server.url_state import parse, to_query
from conv_viz.views import quiz, worked_answers
from conv_viz.views.quiz_answers import spell_answer
from tests.app_pages import open_page, text_of

pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")


def answer(at: AppTest, seed: int, text: str, check: str = "Check") -> AppTest:
    """Type ``text`` into question ``seed``'s answer box and press the Check button (labelled ``check``)."""
    at.text_input(key=f"quiz_answer_{seed}").input(text)
    return _click(at, check)


def _click(at: AppTest, label: str) -> AppTest:
    (button,) = [b for b in at.button if b.label == label]
    return button.click().run()


def score(at: AppTest) -> dict[str, str]:
    return {m.label: m.value for m in at.metric}


def test_question_from_the_url() -> None:
    at = open_page("quiz", quiz="8")
    assert not at.exception
    q = quiz.make_question(8)
    assert at.markdown[0].value == "**Question 8** · weight shape"
    assert f"conv = nn.Conv1d({q.params.in_channels}, {q.params.out_channels}" in text_of(at)
    assert parse(at.query_params)[0].quiz == 8


def test_right_answer_scores_and_shows_the_worked_answer() -> None:
    at = open_page("quiz", quiz="0")
    q = quiz.make_question(0)
    at = answer(at, 0, spell_answer(q.answer))
    assert not at.exception
    assert score(at) == {"answered": "1", "correct": "1", "streak": "1", "best streak": "1"}
    assert at.success[0].value.startswith("Right")
    assert (
        at.latex[0].value.strip("$\n").removesuffix(r" \end{aligned}").endswith(f"= {q.answer}")
    )  # L_out with the question's numbers
    (link,) = at.get("page_link")
    view, warnings = parse(parse_qs(link.proto.query_string))
    assert warnings == []
    assert (view.conv, view.length) == (q.params, q.length)


def test_wrong_answer_counts_names_the_slip_and_only_the_first_check_counts() -> None:
    at = open_page("quiz", quiz="1")
    q = quiz.make_question(1)
    at = answer(at, 1, spell_answer(float(q.answer) + 1))  # type: ignore[arg-type]
    assert score(at) == {"answered": "1", "correct": "0", "streak": "0", "best streak": "0"}
    assert "the answer is" in at.error[0].value
    assert "y[0, 0, 5] = x[0, 0, 5]·w[0, 0, 0]" in text_of(at)  # the engine's terms, with indices
    at = answer(at, 1, spell_answer(q.answer))
    assert at.success  # now right ...
    assert score(at)["answered"] == "1"  # ... but the first check was the one that counted


def test_malformed_answer_says_the_format_and_keeps_the_score() -> None:
    at = open_page("quiz", quiz="2")
    at = answer(at, 2, "<script>alert(1)</script>")
    assert not at.exception
    (warning,) = at.warning
    assert "like \\(8, 3, 5\\)" in warning.value
    assert "script" not in warning.value
    assert score(at)["answered"] == "0"


def test_next_and_same_kind_move_the_seed_and_the_url() -> None:
    at = open_page("quiz", quiz="3")
    at = _click(at, "Next question")
    assert at.markdown[0].value.startswith("**Question 4**")
    assert parse(at.query_params)[0].quiz == 4
    at = _click(at, "Another: receptive field")
    assert at.markdown[0].value == f"**Question {4 + len(quiz.KINDS)}** · receptive field"


def test_reset_clears_the_score() -> None:
    at = open_page("quiz", quiz="0")
    at = answer(at, 0, "1")
    assert score(at)["answered"] == "1"
    at = _click(at, "Reset score")
    assert score(at) == {"answered": "0", "correct": "0", "streak": "0", "best streak": "0"}


def test_malformed_seed_warns_and_shows_question_zero() -> None:
    at = open_page("quiz", quiz="twelve")
    assert not at.exception
    assert "quiz" in at.warning[0].value
    assert at.markdown[0].value.startswith("**Question 0**")


def test_chinese() -> None:
    at = open_page("quiz", quiz="4", lang="zh")
    assert not at.exception
    assert at.title[0].value == "Conv1d Lab · 小测验"
    assert at.markdown[0].value == "**第 4 题** · 感受野"
    at = answer(at, 4, "1", check="核对")
    assert "正确答案是" in at.error[0].value


@pytest.mark.parametrize("seed", [0, 1, 2, 3, 4, 5, 10, 11])
def test_link_opens_its_page_with_the_question(seed: int) -> None:
    """Following a question's link: the target page runs the configuration without an error."""
    page, view = worked_answers.link(quiz.make_question(seed))
    at = open_page(page, **to_query(view))
    assert not at.exception
    if page == "playground":  # its layout tab shows an (N, L, C) error on purpose: look for the computed shapes
        assert any(m.value.startswith("`x (") for m in at.markdown)
    else:
        assert not at.error

"""The quiz's gradient questions: y.sum().backward() by hand, answered by core.backward, checked by torch."""

from __future__ import annotations

import contextlib
import io
import re

import pytest
import torch
from hypothesis import given, settings
from hypothesis import strategies as st

from conv_viz.views import quiz, quiz_answers, worked_answers
from tests.app_pages import open_page, text_of

GRADIENT_SEEDS = [s for s in range(600) if quiz.kind_of(s) == "gradient"]


def _run_snippet(code: str) -> float:
    """The question's code as a learner pastes it (torch, nn imported), and the value it prints."""
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        exec(code, {"torch": torch, "nn": torch.nn})  # our own generated snippet, run as a learner would
    found = re.search(r"tensor\((-?[\d.]+)", out.getvalue())
    assert found is not None, out.getvalue()
    return float(found.group(1))


@settings(max_examples=60)
@given(st.sampled_from(GRADIENT_SEEDS))
def test_answer_is_what_torch_prints(seed: int) -> None:
    q = quiz.make_question(seed)
    assert q.kind == "gradient"
    assert q.grad in quiz.GRADIENTS
    assert _run_snippet(worked_answers.code(q)) == pytest.approx(q.answer, abs=1e-5)
    assert quiz_answers.check(q, f"{q.answer:g}").correct
    assert not quiz_answers.check(q, str(q.answer + 1)).correct


def test_every_gradient_is_asked() -> None:
    asked = {quiz.make_question(s).grad for s in GRADIENT_SEEDS[:40]}
    assert asked == set(quiz.GRADIENTS)


@pytest.mark.parametrize("grad", quiz.GRADIENTS)
def test_worked_answer_adds_up(grad: str) -> None:
    q = next(q for q in map(quiz.make_question, GRADIENT_SEEDS) if q.grad == grad)
    steps = worked_answers.explain(q)
    code = next(s.body for s in steps if s.kind == "code")
    total = code.rsplit("= ", 1)[1]
    assert float(total) == pytest.approx(q.answer)


def test_quiz_page_asks_and_links_to_backward() -> None:
    seed = next(s for s in GRADIENT_SEEDS if quiz.make_question(s).grad == "dw")
    q = quiz.make_question(seed)
    at = open_page("quiz", quiz=str(seed))
    assert not at.exception
    assert f"conv.weight.grad[{q.at[0]}, {q.at[1]}, {q.at[2]}]" in text_of(at)
    page, view = worked_answers.link(q)
    assert page == "backward"
    assert view.wcell == q.at
    from conv_viz.server.url_state import to_query

    target = open_page("backward", **to_query(view))
    assert not target.exception
    assert not target.error
    assert f"dL/dw[{q.at[0]},{q.at[1]},{q.at[2]}]" in "\n".join(str(m.value) for m in target.markdown)

"""The quiz in headless Chromium: answer one question right and the next one wrong; the score follows.

Screenshots go to artifacts/screenshots/quiz-*.png for a human to look at.
"""

from __future__ import annotations

import re

from playwright.sync_api import Page, expect

from conv_viz.views import quiz
from conv_viz.views.quiz_answers import spell_answer
from tests.e2e.helpers import shot, tall, wait_idle


def metric(page: Page, label: str) -> str:
    box = page.locator("[data-testid=stMetric]").filter(has_text=label).first
    return box.locator("[data-testid=stMetricValue]").inner_text().strip()


def submit(page: Page, text: str) -> None:
    box = page.get_by_label("Your answer", exact=True)
    box.fill(text)
    page.get_by_role("button", name="Check").click()
    wait_idle(page)


def test_right_then_wrong(page: Page, app_url: str) -> None:
    tall(page, 1800)
    page.goto(app_url + "/quiz?quiz=0")
    wait_idle(page)
    expect(page.locator("h1", has_text="Quiz")).to_be_visible()
    expect(page.get_by_text("Question 0").first).to_be_visible()
    shot(page, "quiz")

    submit(page, spell_answer(quiz.make_question(0).answer))
    expect(page.locator("[data-testid=stAlertContentSuccess]")).to_contain_text("Right")
    assert (metric(page, "answered"), metric(page, "correct"), metric(page, "streak")) == ("1", "1", "1")
    expect(page.locator("[data-testid=stPageLink]")).to_have_count(1)
    shot(page, "quiz-right")

    page.get_by_role("button", name="Next question").click()
    wait_idle(page)
    expect(page).to_have_url(re.compile(r"/quiz\?(.*&)?quiz=1(&|$)"))  # polled: the address bar follows the run
    q = quiz.make_question(1)
    submit(page, spell_answer(float(q.answer) + 2))  # type: ignore[arg-type]
    expect(page.locator("[data-testid=stAlertContentError]")).to_contain_text("the answer is")
    assert (metric(page, "answered"), metric(page, "correct"), metric(page, "streak")) == ("2", "1", "0")
    assert metric(page, "best streak") == "1"
    assert page.locator("[data-testid=stException]").count() == 0
    shot(page, "quiz-wrong")

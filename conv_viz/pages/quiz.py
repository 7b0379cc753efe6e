"""The quiz (url path ``/quiz``): a question drawn from a seed, a typed answer, and the worked answer.

The question seed is the URL's ``quiz`` key, so a link reproduces the question; a
link without it keeps the session's question. The score lives in the session only.
Only the first check of a question counts, so checking again cannot farm points.
"""

from __future__ import annotations

from dataclasses import replace

import streamlit as st

from conv_viz.core.limits import MAX_SEED
from conv_viz.errors import ConvVizError
from conv_viz.pages import controls, state
from conv_viz.pages.links import page_link
from conv_viz.pages.ui import escape, show_warnings, tr
from conv_viz.server import memo
from conv_viz.server.url_state import DEFAULT, parse, to_query
from conv_viz.views import quiz, quiz_answers, worked_answers
from conv_viz.views.quiz_answers import Verdict

SCORE = "quiz_score"
SCORED = "quiz_scored"  # seeds whose first check already counted
LAST = "quiz_last"  # (seed, Verdict or the format error) of the latest check
LINKS = {
    "playground": ("quiz.open_playground", ":material/play_circle:"),
    "groups": ("quiz.open_groups", ":material/hub:"),
    "receptive-field": ("quiz.open_receptive", ":material/stacks:"),
    "backward": ("quiz.open_backward", ":material/trending_down:"),
}


# A question is a few small integers and text: under 1 KB per entry.
@memo.shared
def _question(seed: int) -> quiz.Question:
    return quiz.make_question(seed)


def _score() -> dict[str, int]:
    ss = st.session_state
    if SCORE not in ss:
        ss[SCORE] = {"answered": 0, "correct": 0, "streak": 0, "best": 0}
        ss[SCORED] = []
    score: dict[str, int] = ss[SCORE]
    return score


def _seed() -> int:
    """The question seed: a link that names one wins; otherwise the session keeps its question."""
    ss = st.session_state
    raw = st.query_params.get_all("quiz")
    if raw and ss.get("_quiz_url") != raw[-1]:
        ss["quiz"] = parse({"quiz": raw})[0].quiz  # malformed: the default, and sync_from_url's warning says so
    return int(ss.get("quiz", DEFAULT.quiz))


def _go(seed: int) -> None:
    st.session_state["quiz"] = seed % (MAX_SEED + 1)


def _check(seed: int) -> None:
    """The Check button's callback: parse and check the answer, and count the first check of a question."""
    ss = st.session_state
    try:
        verdict = quiz_answers.check(_question(seed), ss.get(f"quiz_answer_{seed}") or "")
    except ConvVizError as err:
        ss[LAST] = (seed, err)
        return
    ss[LAST] = (seed, verdict)
    score = _score()
    if seed in ss[SCORED]:
        return
    ss[SCORED].append(seed)
    score["answered"] += 1
    score["correct"] += verdict.correct
    score["streak"] = score["streak"] + 1 if verdict.correct else 0
    score["best"] = max(score["best"], score["streak"])


def _reset() -> None:
    ss = st.session_state
    for key in (SCORE, SCORED, LAST):
        ss.pop(key, None)


def render() -> None:
    warnings = state.sync_from_url()
    lang = state.lang()
    controls.language_switch()
    seed = _seed()
    view = replace(DEFAULT, lang=state.current().lang, quiz=seed)
    state.publish(view)
    st.session_state["_quiz_url"] = to_query(view).get("quiz")
    q = _question(seed)

    st.title(tr(lang, "quiz.title"))
    st.caption(tr(lang, "quiz.caption"))
    show_warnings(warnings, lang)
    _scoreboard(lang)
    with st.container(border=True):
        _ask(q, lang)
    last = st.session_state.get(LAST)
    if last is not None and last[0] == seed:
        _outcome(q, last[1], lang)
    c1, c2, _ = st.columns([1, 1, 2])
    c1.button(tr(lang, "quiz.next"), on_click=_go, args=(seed + 1,), icon=":material/skip_next:", type="primary")
    kind = tr(lang, f"quiz.kind.{q.kind}")
    c2.button(
        tr(lang, "quiz.same_kind", kind=kind), on_click=_go, args=(seed + len(quiz.KINDS),), icon=":material/replay:"
    )


def _scoreboard(lang: str) -> None:
    score = _score()
    cols = st.columns([1, 1, 1, 1, 1.3])
    for col, key in zip(cols, ("answered", "correct", "streak", "best"), strict=False):
        col.metric(tr(lang, f"quiz.score.{key}"), score[key])
    cols[4].button(tr(lang, "quiz.reset"), on_click=_reset, icon=":material/restart_alt:")
    st.caption(tr(lang, "quiz.score_note"))


def _ask(q: quiz.Question, lang: str) -> None:
    st.markdown(f"**{tr(lang, 'quiz.number', seed=q.seed)}** · {tr(lang, f'quiz.kind.{q.kind}')}")
    key, fields = worked_answers.prompt(q)
    st.markdown(tr(lang, key, **fields))
    st.code(worked_answers.code(q), language="python")
    with st.form(f"quiz_form_{q.seed}", border=False):
        st.text_input(
            tr(lang, "quiz.answer"),
            key=f"quiz_answer_{q.seed}",
            max_chars=quiz_answers.MAX_ANSWER_CHARS,
            placeholder=tr(lang, f"quiz.format.{q.kind}"),
            help=tr(lang, "quiz.answer_help"),
        )
        st.form_submit_button(tr(lang, "quiz.check"), on_click=_check, args=(q.seed,), icon=":material/check:")


def _outcome(q: quiz.Question, outcome: Verdict | ConvVizError, lang: str) -> None:
    """Right or wrong with both answers, the likely slip, then the worked answer and the page that shows it."""
    if isinstance(outcome, ConvVizError):
        st.warning(escape(outcome.message(lang)), icon=":material/edit:")
        return
    if outcome.correct:
        st.success(escape(tr(lang, "quiz.right", given=outcome.given)), icon=":material/check_circle:")
    else:
        st.error(
            escape(tr(lang, "quiz.wrong", given=outcome.given, expected=outcome.expected)), icon=":material/cancel:"
        )
    if outcome.hint is not None:
        st.info(tr(lang, outcome.hint, **outcome.hint_fields), icon=":material/lightbulb:")
    st.markdown(tr(lang, "quiz.worked"))
    for step in worked_answers.explain(q):
        if step.kind == "latex":
            st.latex(step.body)
        elif step.kind == "code":
            st.code(step.body, language=None)
        else:
            st.markdown(tr(lang, step.body, **step.fields))
    page, view = worked_answers.link(q)
    label, icon = LINKS[page]
    page_link(page, view, tr(lang, label), icon)

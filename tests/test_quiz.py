"""The quiz: every generated question is valid, its answer is what torch computes, answers parse tolerantly.

Questions are checked against torch itself (a module built from the question's
code, autograd for receptive fields), never against ``conv_viz.views.quiz``'s own
arithmetic; slips are checked on hand-made questions where each is unambiguous.
"""

from __future__ import annotations

import contextlib
import io
from dataclasses import replace

import numpy as np
import pytest
import torch
from hypothesis import given, settings
from hypothesis import strategies as st
from torch import nn

from conv_viz.core.limits import MAX_SEED
from conv_viz.core.params import Conv1dParams
from conv_viz.errors import ConvVizError
from conv_viz.server.url_state import DEFAULT, parse, to_query
from conv_viz.stack.grammar import parse_stack
from conv_viz.views import quiz, scene, worked_answers
from conv_viz.views.quiz import Question, make_question
from conv_viz.views.quiz_answers import check, parse_answer, rf_formula, spell_answer

SEEDS = range(60)  # twelve of each kind


def _torch_rf(layers: tuple[Conv1dParams, ...]) -> int:
    """Span of the input cells output 0 depends on, by autograd through torch's own Conv1d layers."""
    net = nn.Sequential(*(nn.Conv1d(1, 1, p.kernel_size, p.stride, p.padding, p.dilation) for p in layers)).double()
    with torch.no_grad():
        for m in net:
            m.weight.fill_(1.0)  # type: ignore[operator]
    length = sum(p.span for p in layers) * int(np.prod([p.stride for p in layers]))
    x = torch.ones(1, 1, length, dtype=torch.float64, requires_grad=True)
    net(x)[0, 0, 0].backward()
    assert x.grad is not None
    cells = torch.nonzero(x.grad[0, 0]).flatten()
    return int(cells[-1] - cells[0] + 1)


def torch_answer(q: Question) -> object:
    """The answer, from torch."""
    p = q.params
    if q.kind == "length":
        conv = nn.Conv1d(p.in_channels, p.out_channels, p.kernel_size, p.stride, p.padding, p.dilation)
        return conv(torch.randn(q.batch, p.in_channels, q.length)).shape[-1]
    if q.kind == "gradient":  # y.sum().backward() through torch's own Conv1d
        x, w, b = (torch.from_numpy(a) for a in q.arrays())  # type: ignore[arg-type]
        conv = nn.Conv1d(p.in_channels, p.out_channels, p.kernel_size, p.stride, p.padding).double()
        with torch.no_grad():
            conv.weight.copy_(w)
            conv.bias.copy_(b)
        xt = x.clone().requires_grad_(True)
        conv(xt).sum().backward()
        grads = {"db": conv.bias.grad, "dw": conv.weight.grad, "dx": xt.grad}
        cell = (q.at[0],) if q.grad == "db" else q.at
        return float(grads[q.grad][cell])  # type: ignore[index]
    if q.kind == "value":
        x, w, b = q.arrays()
        bias = None if b is None else torch.from_numpy(b)
        return float(
            torch.nn.functional.conv1d(torch.from_numpy(x), torch.from_numpy(w), bias, p.stride, p.padding)[q.at]
        )
    if q.kind == "weight_shape":
        return tuple(nn.Conv1d(p.in_channels, p.out_channels, p.kernel_size, groups=p.groups).weight.shape)
    if q.kind == "groups":
        accepted = set()
        for g in range(1, 40):
            with contextlib.suppress(ValueError):
                nn.Conv1d(p.in_channels, p.out_channels, 3, groups=g)
                accepted.add(g)
        return frozenset(accepted)
    return _torch_rf(q.layers)


@pytest.mark.parametrize("seed", SEEDS)
def test_question_is_valid_and_torch_agrees(seed: int) -> None:
    q = make_question(seed)
    assert q.kind == quiz.KINDS[seed % len(quiz.KINDS)]
    for p in q.layers:
        p.check()
    q.params.validate(q.length)
    expected = torch_answer(q)
    if q.kind in ("value", "gradient"):
        assert isinstance(q.answer, float)
        assert q.answer == pytest.approx(expected, abs=1e-9)
        assert q.answer.is_integer()  # tiny integers: the sum can be done by hand
    else:
        assert q.answer == expected


@settings(max_examples=40)
@given(st.integers(0, MAX_SEED))
def test_any_seed_is_reproducible_and_torch_agrees(seed: int) -> None:
    q = make_question(seed)
    assert make_question(seed) == q
    expected = torch_answer(q)
    if q.kind in ("value", "gradient"):
        assert q.answer == pytest.approx(expected, abs=1e-9)
    else:
        assert q.answer == expected


@pytest.mark.parametrize("seed", SEEDS)
def test_question_code_runs_in_torch_and_gives_the_answer(seed: int) -> None:
    """The code the question shows is real PyTorch: run it and read the asked-for value."""
    q = make_question(seed)
    namespace: dict[str, object] = {"torch": torch, "nn": nn, "F": torch.nn.functional}
    source = worked_answers.code(q)
    if q.kind == "groups":
        assert isinstance(q.answer, frozenset)
        for g in q.answer:
            exec(source, {**namespace, "g": g})
        return
    with contextlib.redirect_stdout(io.StringIO()) as out:
        exec(source, namespace)
    if q.kind == "receptive_field":
        assert isinstance(namespace["net"], nn.Sequential)
        assert len(namespace["net"]) == len(q.layers)
        return
    printed = out.getvalue().strip()
    if q.kind in ("value", "gradient"):
        assert abs(float(printed.removeprefix("tensor(").rstrip(")")) - float(q.answer)) < 1e-6  # type: ignore[arg-type]
    elif q.kind == "weight_shape":
        assert printed == f"torch.Size({list(q.answer)})"  # type: ignore[arg-type]
    else:
        assert printed == str(q.answer)


@settings(max_examples=60)
@given(
    st.lists(
        st.builds(Conv1dParams, kernel_size=st.integers(1, 5), stride=st.integers(1, 3), dilation=st.integers(1, 3)),
        min_size=1,
        max_size=4,
    )
)
def test_receptive_field_by_impulses_is_the_formula_and_torchs(layers: list[Conv1dParams]) -> None:
    stack = tuple(layers)
    assert quiz.receptive_field(stack) == rf_formula(stack) == _torch_rf(stack)


def test_valid_groups_are_the_common_divisors() -> None:
    assert quiz.valid_groups(6, 9) == {1, 3}
    assert quiz.valid_groups(8, 4) == {1, 2, 4}
    assert quiz.valid_groups(7, 5) == {1}


# ---------------------------------------------------------------- reading answers

ACCEPTED = [
    ("length", "12", 12),
    ("length", " 12 ", 12),
    ("length", "12.0", 12),
    ("length", "+7", 7),
    ("length", "１２", 12),  # full-width digits from a Chinese keyboard
    ("receptive_field", "7", 7),
    ("value", "-3", -3.0),
    ("value", "\u22123", -3.0),  # the minus sign U+2212
    ("value", "2.5", 2.5),
    ("value", ".5", 0.5),
    ("value", "1e-1", 0.1),
    ("value", "－２", -2.0),
    ("weight_shape", "(8, 3, 5)", (8, 3, 5)),
    ("weight_shape", "8,3,5", (8, 3, 5)),
    ("weight_shape", "[8 3 5]", (8, 3, 5)),
    ("weight_shape", "torch.Size([8, 3, 5])", (8, 3, 5)),
    ("weight_shape", "8×3×5", (8, 3, 5)),
    ("weight_shape", "（8，3，5）", (8, 3, 5)),
    ("weight_shape", "8、3、5", (8, 3, 5)),  # the Chinese enumeration comma
    ("length", "７。", 7),  # a sentence's full stop
    ("groups", "1, 2, 4", frozenset({1, 2, 4})),
    ("groups", "{4, 2, 1, 2}", frozenset({1, 2, 4})),
    ("groups", "1 2 4", frozenset({1, 2, 4})),
    ("groups", "1、2、4", frozenset({1, 2, 4})),
    ("groups", "1，2 和 4", frozenset({1, 2, 4})),
    ("groups", "1, 2 and 4", frozenset({1, 2, 4})),
    ("groups", "[3]", frozenset({3})),
]


@pytest.mark.parametrize(("kind", "text", "expected"), ACCEPTED)
def test_accepted_spellings(kind: str, text: str, expected: object) -> None:
    assert parse_answer(kind, text) == expected


REJECTED = [
    ("length", "", "quiz_empty"),
    ("length", "   ", "quiz_empty"),
    ("length", "12.5", "quiz_bad_int"),
    ("length", "twelve", "quiz_bad_int"),
    ("length", "<script>alert(1)</script>", "quiz_bad_int"),
    ("value", "3/2", "quiz_bad_number"),
    ("value", "nan", "quiz_bad_number"),
    ("value", "inf", "quiz_bad_number"),
    ("weight_shape", "(8, 3)", "quiz_bad_shape"),
    ("weight_shape", "(8, 3, 5, 1)", "quiz_bad_shape"),
    ("weight_shape", "(8, 3.5, 5)", "quiz_bad_shape"),
    ("groups", "0, 1", "quiz_bad_groups"),
    ("groups", "a, b", "quiz_bad_groups"),
    ("groups", "{}", "quiz_bad_groups"),
]


@pytest.mark.parametrize(("kind", "text", "key"), REJECTED)
def test_malformed_answers_name_the_format(kind: str, text: str, key: str) -> None:
    with pytest.raises(ConvVizError) as raised:
        parse_answer(kind, text)
    assert raised.value.key == key
    for lang in ("en", "zh"):
        message = raised.value.message(lang)
        assert message
        assert not message.startswith("err.")
        if text.strip():
            assert text.strip() not in message  # the message never repeats what was typed


def test_a_huge_answer_is_refused_before_it_is_read() -> None:
    with pytest.raises(ConvVizError) as raised:
        parse_answer("value", "9" * 200_000)
    assert raised.value.key == "quiz_too_long"


@pytest.mark.parametrize("seed", SEEDS)
def test_the_answer_spelled_back_is_right(seed: int) -> None:
    q = make_question(seed)
    verdict = check(q, spell_answer(q.answer))
    assert verdict.correct
    assert verdict.given == verdict.expected


def test_values_within_the_tolerance_count() -> None:
    q = _value_question((1, 2, 3, 4), ((1, 0, -1),), None)
    assert check(q, "-2.00009").correct
    assert not check(q, "-2.0002").correct


# ---------------------------------------------------------------- the slips a wrong answer points to


def _length_question(p: Conv1dParams, length: int) -> Question:
    return Question(0, "length", (p,), 1, length, p.output_length(length))


def _value_question(x: tuple[int, ...], w: tuple[tuple[int, ...], ...], bias: int | None) -> Question:
    p = Conv1dParams(1, 1, len(w[0]), bias=bias is not None)
    q = Question(1, "value", (p,), 1, len(x), 0, (x,), (w,), None if bias is None else (bias,), (0, 0, 0))
    xa, wa, ba = q.arrays()
    return replace(q, answer=float(np.correlate(xa[0, 0], wa[0, 0], "valid")[0] + (0 if ba is None else ba[0])))


def _rf_question(*layers: Conv1dParams) -> Question:
    return Question(4, "receptive_field", layers, 1, 64, quiz.receptive_field(layers))


SLIPS = [
    (_length_question(Conv1dParams(kernel_size=3, padding=3), 10), "11", "quiz.hint.pad_once"),
    (_length_question(Conv1dParams(kernel_size=3, dilation=3), 20), "18", "quiz.hint.no_dilation"),
    (_length_question(Conv1dParams(kernel_size=3), 10), "7", "quiz.hint.no_plus_one"),
    (_length_question(Conv1dParams(kernel_size=2, stride=3), 10), "4", "quiz.hint.ceil"),
    (_value_question((1, 2, 3, 4), ((1, 0, -1),), None), "2", "quiz.hint.flipped"),
    (_value_question((1, 2, 3, 4), ((1, 0, -1),), 5), "-2", "quiz.hint.no_bias"),
    (
        Question(2, "weight_shape", (Conv1dParams(6, 8, 5, groups=2),), 1, 16, (8, 3, 5)),
        "(8, 6, 5)",
        "quiz.hint.groups_ignored",
    ),
    (
        Question(2, "weight_shape", (Conv1dParams(6, 8, 5, groups=2),), 1, 16, (8, 3, 5)),
        "(6, 4, 5)",
        "quiz.hint.transposed_order",
    ),
    (_rf_question(Conv1dParams(kernel_size=3, stride=2), Conv1dParams(kernel_size=3)), "5", "quiz.hint.rf_no_stride"),
    (_rf_question(Conv1dParams(kernel_size=3, dilation=2)), "3", "quiz.hint.rf_no_dilation"),
    (_rf_question(Conv1dParams(kernel_size=3), Conv1dParams(kernel_size=3)), "6", "quiz.hint.rf_sum_kernels"),
]


@pytest.mark.parametrize(("q", "text", "hint"), SLIPS)
def test_wrong_answer_names_the_slip(q: Question, text: str, hint: str) -> None:
    verdict = check(q, text)
    assert not verdict.correct
    assert verdict.hint == hint


def test_wrong_groups_name_what_is_extra_or_missing() -> None:
    q = Question(3, "groups", (Conv1dParams(4, 8),), 1, 16, quiz.valid_groups(4, 8))
    extra = check(q, "1, 2, 3")
    assert (extra.hint, extra.hint_fields["wrong"]) == ("quiz.hint.groups_extra", "3")
    missing = check(q, "1, 2")
    assert (missing.hint, missing.hint_fields["missing"]) == ("quiz.hint.groups_missing", "4")


def test_a_wrong_answer_without_a_known_slip_has_no_hint() -> None:
    assert check(_length_question(Conv1dParams(kernel_size=3), 10), "100").hint is None


# ---------------------------------------------------------------- worked answers and links


@pytest.mark.parametrize("seed", SEEDS)
def test_worked_answer_ends_in_the_answer(seed: int) -> None:
    q = make_question(seed)
    steps = worked_answers.explain(q)
    shown = [s.body for s in steps if s.kind in ("latex", "code")]
    assert any(spell_answer(q.answer) in body.splitlines()[-1] for body in shown)
    for step in steps:
        if step.kind == "text":
            assert step.body.startswith("quiz.explain.")


@pytest.mark.parametrize("seed", SEEDS)
def test_link_parses_and_opens_the_question(seed: int) -> None:
    q = make_question(seed)
    page, view = worked_answers.link(q)
    assert parse(to_query(view)) == (view, [])
    if page == "receptive-field":
        assert view.stack is not None
        assert len(parse_stack(view.stack)) == len(q.layers)
        return
    built = scene.build_scene(scene.ConvSpec.of(view))
    assert page in ("playground", "groups", "backward")
    if q.kind == "value":
        assert built.y[q.at] == pytest.approx(q.answer)
    if q.kind == "length":
        assert built.y.shape[-1] == q.answer
    if q.kind == "weight_shape":
        assert built.data.weight.shape == q.answer


@pytest.mark.parametrize("seed", [0, 1, 12345, MAX_SEED])
def test_quiz_seed_round_trips_through_the_url(seed: int) -> None:
    view = replace(DEFAULT, quiz=seed)
    assert parse(to_query(view)) == (view, [])


def test_malformed_quiz_seed_falls_back_with_a_warning() -> None:
    state, warnings = parse({"quiz": "abc"})
    assert state.quiz == DEFAULT.quiz
    assert [w.key for w in warnings] == ["url_bad_int"]

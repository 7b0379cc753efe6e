"""Hostile links through every page's pure layers: a query string in, only ``ConvVizError`` out.

``tests/test_url_state.py`` fuzzes ``url_state.parse`` alone. Here a whole link
goes through what each page computes from it (the same calls the page makes,
without Streamlit), and any exception other than ``ConvVizError`` is a bug:
a page would show a traceback. Every message must also read in both languages.
Uploaded files and quiz answers, the app's other user input, get the same test.
"""

from __future__ import annotations

import io
import struct
import wave
from collections.abc import Callable
from typing import Any

import numpy as np
import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from conv_viz import data
from conv_viz.errors import ConvVizError
from conv_viz.server.url_state import KEYS, ViewState, parse
from conv_viz.stack.grammar import parse_stack
from conv_viz.stack.presets import EXAMPLE
from conv_viz.stack.receptive import dependencies
from conv_viz.stack.shapes import fitting_lengths
from conv_viz.stack.trace import check_work, trace
from conv_viz.text.code import conv as conv_code
from conv_viz.views import groups, matrix, quiz, quiz_answers, scene, transposed, transposed_vs_conv

EXAMPLES = 100  # per page; the default profile's database keeps the failures it finds for the next run
HOSTILE = [
    "<script>alert(1)</script>",
    '<img src=x onerror="window.__xss=1">',
    "javascript:alert(1)",
    "NaN",
    "nan",
    "inf",
    "-inf",
    "1e309",
    "",
    " ",
    "\x00",
    "\u202e",
    "１２",
    "٣",
    "0x10",
    "1_000",
    "3.0",
    "-0",
    "9" * 400,
    "true",
    "no",
    "same",
    "valid",
    "reflect",
    "circular",
    "zh-CN",
    "auto",
    "ramp",
    "moving_average",
    "float32",
    "nlc",
    "0,0,0",
    "1,2",
    "ˋcodeˋ`",
    "$x$",
    ":red[x]",
    "**bold**",
    "[a](javascript:alert(1))",
    "😀",
    "Ω" * 50,
]
# Small numbers build fast; the limits' edges (64, 128, 48000 and one past each) exercise the refusals.
NUMBERS = [
    "0",
    "1",
    "2",
    "3",
    "4",
    "5",
    "7",
    "8",
    "12",
    "16",
    "17",
    "63",
    "64",
    "65",
    "128",
    "129",
    "1024",
    "1025",
    "4000",
    "48000",
    "48001",
    "-1",
    "-7",
    str(2**63),
    str(2**63 - 1),
]
LAYERS = [
    "conv:2,4,3",
    "conv:4,4,3,padding=1",
    "conv:1,8,2,dilation=2,causal",
    "conv:4,8,3,groups=2",
    "conv:2,2,129",
    "conv:64,64,128",
    "relu",
    "maxpool:2",
    "maxpool2d:2",
    "avgpool:3,s=1",
    "flatten",
    "linear:8,4",
    "linear:999999,999999",
    "conv:2,4,",
    "conv::",
    "pool",
    ";",
    "\n",
    "<script>",
]


def _numbers_text(values: list[list[list[float]]]) -> str:
    """Typed data as the URL spells it: numbers by ',', channels by ';', items by '|'."""
    return "|".join(";".join(",".join(repr(v) for v in ch) for ch in item) for item in values)


finite = st.floats(-1e6, 1e6, allow_nan=False, width=32)
TYPED = st.one_of(
    st.lists(st.lists(st.lists(finite, min_size=1, max_size=9), min_size=1, max_size=3), min_size=1, max_size=2).map(
        _numbers_text
    ),
    st.lists(
        st.sampled_from(["1", "nan", "inf", "-inf", "1e400", "x", "", " ", ";", "|", ",", "0.5"]), max_size=12
    ).map("".join),
)
VALUE = st.one_of(st.sampled_from(NUMBERS), st.sampled_from(HOSTILE), st.text(max_size=12))
QUERY = st.builds(
    lambda flat, typed: {**flat, **typed},
    st.dictionaries(st.sampled_from(KEYS) | st.text(max_size=8), VALUE | st.lists(VALUE, max_size=3), max_size=10),
    st.fixed_dictionaries(
        {},
        optional={
            "x": TYPED,
            "w": TYPED,
            "b": TYPED,
            "stack": st.lists(st.sampled_from(LAYERS), max_size=8).map(";".join),
            "length": st.sampled_from(NUMBERS),
            "in_channels": st.sampled_from(NUMBERS[:10]),
        },
    ),
)
FUZZ = settings(max_examples=EXAMPLES, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])


def _readable(err: ConvVizError) -> None:
    """The page shows ``err.message(lang)``: it must exist and fill in both languages."""
    for lang in ("en", "zh"):
        assert err.message(lang).strip(), (err.key, lang)


def _only_convviz_errors(page: Callable[[ViewState], Any], query: dict[str, Any]) -> None:
    view, warnings = parse(query)
    for w in warnings:
        _readable(w)
    try:
        page(view)
    except ConvVizError as err:
        _readable(err)
        event(f"refused: {err.key}")  # pytest --hypothesis-show-statistics lists how often each rule fired
    else:
        event("computed")


# ---------------------------------------------------------------- what each page computes from its view


def playground(view: ViewState) -> None:
    s = scene.build_scene(scene.ConvSpec.of(view))
    scene.explain_cell(s, *(min(i, top - 1) for i, top in zip(view.cell, s.y.shape, strict=True)))
    conv_code.pytorch_snippet(s.params, s.batch, s.length, s.data)


def matrix_page(view: ViewState) -> None:
    s = scene.build_scene(scene.ConvSpec.of(view))
    matrix.checks(s, matrix.build_matrix(s), with_torch=False)


def transposed_page(view: ViewState) -> None:
    s = transposed.build_transposed(transposed.TransposedSpec.of(view))
    transposed_vs_conv.adjoint(s.params, s.data.x, s.data.weight, transposed.conv_input(s))
    transposed_vs_conv.output_padding_choices(s.params, s.length)


def groups_page(view: ViewState) -> None:
    s = groups.build_groups(groups.GroupsSpec.of(view))
    groups.groups_options(s.conv, s.batch, s.length)


def receptive_field(view: ViewState) -> None:
    placed = parse_stack(view.stack or EXAMPLE.stack)
    layers = tuple(p.layer for p in placed)
    t = trace(placed, view.conv.in_channels, view.length, fitting_lengths(layers, view.conv.in_channels))
    check_work(t)
    if t.steps:
        shape = t.steps[-1].out_shape
        dependencies(t, len(t.steps), (shape[-2] - 1, shape[-1] - 1) if len(shape) == 3 else (0, shape[-1] - 1))


@pytest.mark.parametrize(
    "page",
    [playground, matrix_page, transposed_page, groups_page, receptive_field],
    ids=["playground", "matrix", "transposed", "groups", "receptive-field"],
)
@given(query=QUERY)
@FUZZ
def test_page_raises_only_convviz_errors(page: Callable[[ViewState], None], query: dict[str, Any]) -> None:
    _only_convviz_errors(page, query)


@given(QUERY, st.text(max_size=60) | st.sampled_from(HOSTILE))
@FUZZ
def test_quiz_question_and_any_answer(query: dict[str, Any], answer: str) -> None:
    view, _ = parse(query)
    q = quiz.make_question(view.quiz)
    try:
        quiz_answers.check(q, answer)
    except ConvVizError as err:
        _readable(err)


# ---------------------------------------------------------------- uploads: any bytes, and WAV-shaped bytes


def _wav(channels: int, width: int, rate: int, frames: bytes) -> bytes:
    out = io.BytesIO()
    with wave.open(out, "wb") as w:
        w.setnchannels(channels)
        w.setsampwidth(width)
        w.setframerate(rate)
        w.writeframes(frames)
    return out.getvalue()


CSV = st.lists(st.sampled_from(["1", "2.5", "-3", "nan", "inf", "x", ",", ";", "\t", "\n", "\r\n", '"', "\ufeff", " "]))
WAV = st.builds(_wav, st.integers(1, 3), st.sampled_from([1, 2, 3, 4]), st.integers(1, 200_000), st.binary(max_size=64))


@given(st.binary(max_size=300) | CSV.map(lambda parts: "".join(parts).encode()))
@FUZZ
def test_any_csv_upload_is_read_or_refused(raw: bytes) -> None:
    try:
        x = data.load_csv(raw)
    except ConvVizError as err:
        _readable(err)
    else:
        assert x.ndim == 3
        assert np.isfinite(x).all()


@given(st.binary(max_size=300) | WAV | WAV.map(lambda raw: raw[: len(raw) // 2]))
@FUZZ
def test_any_wav_upload_is_read_or_refused(raw: bytes) -> None:
    try:
        x, rate = data.load_wav(raw)
    except ConvVizError as err:
        _readable(err)
    else:
        assert x.ndim == 3
        assert np.isfinite(x).all()
        assert rate > 0


def test_a_wav_header_claiming_gigabytes_is_refused() -> None:
    """A RIFF header may claim any size; the reader trusts the bytes it got, not the header."""
    raw = bytearray(_wav(1, 2, 8000, b"\x00\x01" * 8))
    raw[40:44] = struct.pack("<I", 0xFFFFFFF0)  # the data chunk's size field
    try:
        x, _ = data.load_wav(bytes(raw))
    except ConvVizError as err:
        _readable(err)
    else:
        assert x.size <= 8

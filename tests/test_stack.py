"""The stack of layers against torch: grammar, shapes, where it breaks (torch's words), fitting lengths, dependencies.

The oracle is torch itself: each stack is built and run layer by layer with
``nn.Conv1d``, ``nn.MaxPool1d``, ``F.max_pool2d``, … and must agree with the
trace on every shape, on the layer that raises and on the words it raises with;
dependency sets must equal the cells where autograd's gradient is non-zero.
"""

from __future__ import annotations

import contextlib
import io
import string
from dataclasses import replace

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conv_viz import reference
from conv_viz.core.limits import MAX_STACK_CHANNELS
from conv_viz.core.params import Conv1dParams
from conv_viz.errors import ConvVizError
from conv_viz.i18n import translate
from conv_viz.server.url_state import DEFAULT, parse, to_query
from conv_viz.stack.grammar import MAX_LAYERS, parse_stack
from conv_viz.stack.layers import Conv, Flatten, Layer, Linear, MaxPool2d, Pool1d, ReLU, stack_text
from conv_viz.stack.presets import PRESETS, TCN, TUTORIAL, TUTORIAL_1D
from conv_viz.stack.receptive import dependencies
from conv_viz.stack.shapes import fitting_lengths, ranges, run
from conv_viz.stack.trace import Trace, check_work, trace
from conv_viz.text.code.stack import stack_code


def _trace(text: str, channels: int, length: int) -> Trace:
    placed = parse_stack(text)
    return trace(placed, channels, length, fitting_lengths(tuple(p.layer for p in placed), channels))


def _renders(err: ConvVizError) -> None:
    for lang in ("en", "zh"):
        text = err.message(lang)
        assert text != f"err.{err.key}", f"no {lang} text for {err.key}"


# ---------------------------------------------------------------- grammar

SPELLINGS = [
    ("conv:1,8,7", "conv:1,8,7"),
    ("Conv1d : 1, 8 , 7 ,2", "conv:1,8,7,stride=2"),
    ("conv:2,4,3,s=2,p=1,d=2,g=2,bias=false", "conv:2,4,3,stride=2,padding=1,dilation=2,groups=2,bias=false"),
    ("conv:1,1,3,p=same,mode=reflect", "conv:1,1,3,padding=same,padding_mode=reflect"),
    ("conv:1,16,2,dilation=4,causal", "conv:1,16,2,dilation=4,causal"),
    ("MAXPOOL:3", "maxpool:3"),
    ("max_pool1d:3,2,1,2", "maxpool:3,stride=2,padding=1,dilation=2"),
    ("avgpool:4,k=2", None),  # kernel_size twice: an error, below
    ("avgpool1d:k=4,s=1,p=2,ceil_mode=false", "avgpool:4,stride=1,padding=2"),
    ("max_pool2d:2", "maxpool2d:2"),
    ("maxpool2d:3,1", "maxpool2d:3,stride=1"),
    ("fc:882,140,bias=0", "linear:882,140,bias=false"),
    ("relu;;flatten;\n\nrelu;", "relu;flatten;relu"),
]


@pytest.mark.parametrize(("text", "canonical"), [s for s in SPELLINGS if s[1] is not None])
def test_spellings(text: str, canonical: str) -> None:
    layers = tuple(p.layer for p in parse_stack(text))
    assert stack_text(layers) == canonical
    assert tuple(p.layer for p in parse_stack(canonical)) == layers  # the canonical text reads back the same


def test_positions_are_one_based_characters() -> None:
    placed = parse_stack("conv:1,8,7; relu\nmaxpool:2")
    assert [p.start for p in placed] == [1, 13, 18]
    assert [p.source for p in placed] == ["conv:1,8,7", "relu", "maxpool:2"]


MISTAKES = [
    ("", "stack_empty", None),
    (" ; \n ", "stack_empty", None),
    ("maxpol:2", "stack_unknown_layer_hint", 1),
    ("relu;zzz", "stack_unknown_layer", 6),
    ("conv:1,8", "stack_missing", 1),
    ("conv:1,8,x", "stack_bad_int", 10),
    ("conv:1,8,0", "stack_bad_int", 10),
    ("conv:1,8,7,stride=99999999999999", "stack_bad_int", 12),
    ("conv:1,8,7,q=2", "stack_unknown_option", 12),
    ("conv:1,8,7,padding=half", "stack_bad_choice", 12),
    ("conv:1,,7", "stack_empty_value", 8),
    ("relu:3", "stack_too_many", 6),
    ("conv:1,8,7,1,0,1,1,true,zeros,5", "stack_too_many", 31),
    ("avgpool:4,k=2", "stack_repeated_option", 11),
    ("maxpool:2,ceil_mode=true", "stack_ceil_mode", 11),
    ("linear:100000,1000", "stack_linear_big", 1),
    (";".join(["relu"] * (MAX_LAYERS + 1)), "stack_too_many_layers", None),
    ("relu;" * 500, "stack_too_long", None),
]


@pytest.mark.parametrize(("text", "key", "pos"), MISTAKES)
def test_mistakes_name_the_rule_and_the_position(text: str, key: str, pos: int | None) -> None:
    with pytest.raises(ConvVizError) as info:
        parse_stack(text)
    assert info.value.key == key
    assert info.value.fields.get("pos") == pos
    _renders(info.value)


@settings(max_examples=300)
@given(st.text(alphabet=string.ascii_letters + string.digits + ":;,=_ \n-", max_size=80) | st.text(max_size=40))
def test_any_text_parses_or_raises_a_message(text: str) -> None:
    try:
        parse_stack(text)
    except ConvVizError as err:
        _renders(err)


# ---------------------------------------------------------------- shapes and breaks against torch


def _torch_run(layers: tuple[Layer, ...], channels: int, length: int) -> reference.StackRun:
    return reference.run_torch_stack(layers, channels, length, seed=0, chosen=None)


def _assert_agrees(text: str, channels: int, length: int) -> Trace:
    """Same shape after every layer that runs; the same failing layer; our message opens with torch's words."""
    t = _trace(text, channels, length)
    torch_run = _torch_run(tuple(p.layer for p in t.placed), channels, length)
    assert [s.out_shape for s in t.steps] == list(torch_run.shapes)
    assert t.broken == torch_run.failed_at
    if t.error is not None:
        assert torch_run.error is not None
        _renders(t.error)
        if t.error.key.startswith("stack_"):  # construction rules keep the app's own (engine) wording
            assert t.error.message("en").startswith(torch_run.error.rstrip(".")), (t.error.message(), torch_run.error)
    return t


STACKS = [
    (TUTORIAL.stack, 1, 250),
    (TUTORIAL_1D.stack, 1, 250),
    (TUTORIAL_1D.stack, 1, 216),
    (TCN.stack, 1, 32),
    ("conv:4,8,3;relu", 8, 246),  # the channel mismatch of the issue: expected input[1, 8, 246] to have 4 channels
    ("conv:1,8,7", 1, 5),  # kernel bigger than the input
    ("conv:1,8,3,dilation=3", 1, 6),
    ("conv:1,2,3,padding=5,padding_mode=reflect", 1, 4),
    ("conv:1,2,3,padding=5,padding_mode=circular", 1, 4),
    ("conv:1,2,6,dilation=1,causal,padding_mode=reflect", 1, 4),
    ("conv:1,2,3,stride=2,padding=same", 1, 10),
    ("conv:1,2,3,groups=2", 1, 10),
    ("maxpool:4", 3, 3),
    ("maxpool:2,padding=2", 3, 30),
    ("maxpool:3,stride=1,padding=1,dilation=2", 3, 5),
    ("avgpool:4", 3, 3),
    ("avgpool:2,padding=2", 3, 30),
    ("avgpool:5,stride=1,padding=2", 3, 1),
    ("maxpool2d:2", 1, 240),
    ("flatten;maxpool2d:2", 2, 10),
    ("flatten;linear:20,4;maxpool:2", 2, 10),
    ("linear:10,5", 8, 246),  # Linear on a 3-D tensor: torch multiplies (8x246) by (10x5)
    ("linear:246,5;relu;conv:8,2,3", 8, 246),
    ("flatten;conv:1,3,7", 2, 441),  # Conv1d takes (1, 882) as one unbatched (C=1, L=882) input
    ("flatten;conv:8,3,7", 2, 441),
    ("conv:2,4,3;avgpool:2;flatten;linear:16,3", 2, 10),
]


@pytest.mark.parametrize(("text", "channels", "length"), STACKS)
def test_trace_agrees_with_torch(text: str, channels: int, length: int) -> None:
    _assert_agrees(text, channels, length)


def test_the_issue_examples() -> None:
    t = _assert_agrees("conv:4,8,3;relu", 8, 246)
    assert t.error is not None
    assert "expected input[1, 8, 246] to have 4 channels" in t.error.message()
    t = _assert_agrees("conv:1,8,7;relu;maxpool:2;conv:8,18,7;relu;maxpool:2;flatten;linear:882,140", 1, 998)
    assert t.error is not None
    assert t.error.message().startswith("mat1 and mat2 shapes cannot be multiplied (1x4410 and 882x140)")


def test_tutorial_as_written_breaks_at_the_second_conv() -> None:
    t = _assert_agrees(TUTORIAL.stack, 1, TUTORIAL.length)
    assert t.broken == 3
    assert t.steps[2].out_shape == (1, 4, 122)  # max_pool2d halved the channels
    assert t.stuck  # no L gets past it: channels do not depend on L
    assert t.fits.size == 0
    keys = [n.key for n in t.notes]
    assert keys == ["stack_note_pool2d", "stack_note_pool1d_fits"]
    assert t.notes[1].fields["lengths"] == "214–217"


@pytest.mark.parametrize("length", [213, 214, 217, 218])
def test_tutorial_with_1d_pooling_fits_exactly_214_to_217(length: int) -> None:
    t = _assert_agrees(TUTORIAL_1D.stack, 1, length)
    assert ranges(t.fits) == [(214, 217)]
    assert (t.error is None) == (214 <= length <= 217)
    if t.error is not None:
        assert [n.key for n in t.notes] == ["stack_note_flatten", "stack_note_flatten_need"]
        assert t.notes[1].fields == {"expected": 882, "c": 18, "need": 49, "l": t.steps[5].out_shape[2], "layer": 6}


def test_vectorised_run_equals_one_length_at_a_time() -> None:
    layers = tuple(p.layer for p in parse_stack(TUTORIAL_1D.stack))
    every = run(layers, 1, np.arange(1, 400))
    for i, length in enumerate(range(1, 400, 37)):
        one = run(layers, 1, np.array([length]))
        index = length - 1
        assert one.first_failure[0] == every.first_failure[index], i
        if one.first_failure[0] < 0:
            assert [tuple(int(d[0]) for d in dims) for dims in one.dims] == [
                tuple(int(d[index]) for d in dims) for dims in every.dims
            ]


# ---------------------------------------------------------------- receptive field and dependencies


def test_tcn_receptive_field_doubles() -> None:
    t = _trace(TCN.stack, 1, 32)
    assert [s.rf for s in t.steps] == [2, 2, 4, 4, 8, 8, 16]
    assert {s.jump for s in t.steps} == {1}
    assert {s.out_shape for s in t.steps} == {(1, 8, 32)}  # causal: L_out = L_in
    deps = dependencies(t, 7, TCN.cell)
    assert np.flatnonzero(deps.input[0, 0]).tolist() == list(range(16, 32))  # exactly the last 16 inputs


def test_receptive_field_and_jump_of_the_tutorial() -> None:
    t = _trace(TUTORIAL_1D.stack, 1, 216)
    assert [(s.rf, s.jump) for s in t.steps[:7]] == [(7, 1), (7, 1), (8, 2), (20, 2), (20, 2), (22, 4), (22, None)]
    assert [s.rf_all for s in t.steps[7:]] == [True, True, True]
    deps = dependencies(t, 8, (0, 3))  # a Linear after flatten sees every input cell the pools keep:
    assert np.flatnonzero(~deps.input[0, 0]).tolist() == [214, 215]  # ⌊99/2⌋ = 49 drops the tail


@pytest.mark.parametrize(
    ("text", "channels", "length", "layer"),
    [
        (TCN.stack, 1, 32, 7),
        (
            "conv:2,4,3,padding=2,padding_mode=reflect;relu;maxpool:3,stride=2,padding=1,dilation=2;conv:4,4,3,stride=2,groups=2",
            2,
            40,
            4,
        ),
        (
            "conv:2,4,3,padding=1,padding_mode=replicate;avgpool:2,padding=1;conv:4,2,5,padding=same,padding_mode=circular",
            2,
            17,
            3,
        ),
        ("conv:1,8,7;relu;maxpool2d:2;conv:4,6,3;maxpool2d:2", 1, 60, 5),
        ("conv:2,3,3;flatten;linear:60,5", 2, 22, 3),
        ("conv:2,3,3;linear:20,5;conv:3,2,2", 2, 22, 3),
    ],
)
def test_dependencies_are_where_autograd_is_non_zero(text: str, channels: int, length: int, layer: int) -> None:
    t = _trace(text, channels, length)
    layers = tuple(p.layer for p in t.placed)
    shape = t.steps[layer - 1].out_shape
    for cell in [(0, 0), (shape[-2] - 1, shape[-1] - 1), (shape[-2] // 2, shape[-1] // 2)]:
        deps = dependencies(t, layer, cell)
        torch_run = reference.run_torch_stack(layers, channels, length, 0, (layer, cell))
        assert torch_run.gradient is not None
        assert torch_run.max_gradient is not None
        np.testing.assert_array_equal(torch_run.gradient, deps.input)
        assert np.all(deps.input | ~torch_run.max_gradient)  # a real max pool reaches a subset
        assert deps.agrees_with(torch_run.gradient)  # what the page says, from the same comparison
        assert deps.covers(torch_run.max_gradient)
        reach = deps.reach()  # the page's sentence: counts and span of item 0's mask
        mask = deps.input[0]
        assert reach.cells == int(mask.sum())
        assert reach.channels == int(mask.any(axis=1).sum())
        read = np.flatnonzero(mask.any(axis=0))
        assert reach.span == ((int(read[0]), int(read[-1])) if read.size else None)


def test_reach_of_the_tcn_is_the_last_sixteen_inputs() -> None:
    reach = dependencies(_trace(TCN.stack, 1, 32), 7, TCN.cell).reach()
    assert (reach.cells, reach.channels, reach.span, reach.centre) == (16, 1, (16, 31), 23.5)


def test_a_cell_that_reads_only_padding_has_no_span() -> None:
    """Conv1d(1, 1, 2, padding=2): y[0] reads two zero-padding slots and no input, so the sentence shows a dash."""
    deps = dependencies(_trace("conv:1,1,2,padding=2", 1, 1), 1, (0, 0))
    reach = deps.reach()
    assert (reach.cells, reach.channels, reach.span, reach.centre) == (0, 0, None, 0.0)


def _layer(draw: st.DrawFn, channels: int) -> tuple[Layer, int]:
    """One random layer reading ``channels`` channels (sometimes the wrong number, to exercise the break)."""
    kind = draw(st.sampled_from(["conv", "conv", "relu", "maxpool", "avgpool", "maxpool2d"]))
    if kind == "conv":
        groups = draw(st.sampled_from([1, 1, 2]))
        c_in = channels if draw(st.integers(0, 9)) else channels + 1
        c_in = max(groups, c_in - c_in % groups)
        out = groups * draw(st.integers(1, 3))
        causal = draw(st.booleans())
        p = Conv1dParams(
            c_in,
            out,
            draw(st.integers(1, 4)),
            draw(st.integers(1, 2)),
            0 if causal else draw(st.integers(0, 2)),
            draw(st.sampled_from(["zeros", "reflect", "replicate", "circular"])),
            draw(st.integers(1, 3)),
            groups,
            causal=causal,
        )
        return Conv(p), out
    if kind in ("maxpool", "avgpool"):
        k = draw(st.integers(1, 4))
        dilation = draw(st.integers(1, 2)) if kind == "maxpool" else 1
        return Pool1d(kind[:3], k, draw(st.integers(1, 3)), draw(st.integers(0, k // 2 + 1)), dilation), channels
    if kind == "maxpool2d":
        k = draw(st.integers(1, 2))
        return MaxPool2d(k, k), (channels - k) // k + 1
    return ReLU(), channels


@st.composite
def stacks(draw: st.DrawFn) -> tuple[tuple[Layer, ...], int, int]:
    channels = draw(st.integers(1, 3))
    layers: list[Layer] = []
    c = channels
    for _ in range(draw(st.integers(1, 5))):
        layer, c = _layer(draw, max(c, 1))
        layers.append(layer)
    if draw(st.booleans()):
        layers.append(Flatten())
        layers.append(Linear(draw(st.integers(1, 40)), 3))
    return tuple(layers), channels, draw(st.integers(1, 24))


@settings(max_examples=120)
@given(stacks())
def test_random_stacks_agree_with_torch(case: tuple[tuple[Layer, ...], int, int]) -> None:
    layers, channels, length = case
    text = stack_text(layers)
    t = _assert_agrees(text, channels, length)
    if t.steps and t.error is None:
        last = t.steps[-1].out_shape
        cell = (last[-2] - 1, last[-1] // 2)
        deps = dependencies(t, len(t.steps), cell)
        torch_run = reference.run_torch_stack(layers, channels, length, 0, (len(t.steps), cell))
        assert torch_run.gradient is not None
        np.testing.assert_array_equal(torch_run.gradient, deps.input)


# ---------------------------------------------------------------- code, presets and the URL


@pytest.mark.parametrize("name", list(PRESETS))
def test_code_prints_the_table(name: str) -> None:
    preset = PRESETS[name]
    t = _trace(preset.stack, preset.in_channels, preset.length)
    out = io.StringIO()
    code = stack_code(tuple(p.layer for p in t.placed), preset.in_channels, preset.length, 0)
    with contextlib.redirect_stdout(out), contextlib.suppress(RuntimeError):
        exec(code, {})
    printed = [line.split(" ", 1) for line in out.getvalue().splitlines()]
    assert [(int(i), shape) for i, shape in printed] == [(s.number, str(s.out_shape)) for s in t.steps]


def test_presets_parse_and_show_what_they_promise() -> None:
    for preset in PRESETS.values():
        t = _trace(preset.stack, preset.in_channels, preset.length)
        assert t.steps, preset
    assert _trace(TCN.stack, 1, 32).error is None
    assert _trace(TUTORIAL.stack, 1, 250).broken == 3
    assert _trace(TUTORIAL_1D.stack, 1, 250).broken == 7


def test_stack_and_layer_travel_in_the_url() -> None:
    state = replace(DEFAULT, stack=TUTORIAL.stack, layer=3)
    query = to_query(state)
    assert query["stack"] == TUTORIAL.stack
    assert query["layer"] == "3"
    assert parse(query) == (state, [])
    assert parse({"layer": "auto"}) == (DEFAULT, [])
    hostile, warnings = parse({"stack": "<script>alert(1)</script>", "layer": "99"})
    assert hostile.stack == "<script>alert(1)</script>"  # raw text: the grammar reports it with its position
    assert [w.key for w in warnings] == ["url_over_limit"]


def test_a_chinese_keyboard_stack_reads_as_ascii() -> None:
    """'：' '，' '；' and full-width digits are what a Chinese keyboard types: the same stack, not an error."""
    assert parse_stack("conv：１，８，７；relu；maxpool：２") == parse_stack("conv:1,8,7;relu;maxpool:2")


def test_errors_in_full_width_text_point_at_the_right_layer() -> None:
    with pytest.raises(ConvVizError) as info:
        parse_stack("relu；ｃｏｎｖ：１，８，９９９")
    assert info.value.fields["pos"] == 15  # at '９９９', counted in what the user typed: one character for one


def test_multiply_adds_count_convolutions_and_linears_only() -> None:
    """By hand: conv 8·14·(1·7) = 784, pool and ReLU none, Linear 1·(8·7)·3 = 168; pooling still costs work."""
    t = _trace("conv:1,8,7;relu;maxpool:2;flatten;linear:56,3", 1, 20)
    assert [s.macs for s in t.steps] == [784, 0, 0, 0, 168]
    assert t.macs == 952
    assert [s.ops for s in t.steps] == [784, 112, 56 * 2, 56, 168]  # ReLU a step per value, a pool its window reads
    assert _trace("relu;flatten", 1, 1000).macs == 0


def test_the_help_example_runs() -> None:
    """The stack the box's help suggests fits some input length (882 = 18·49 did not divide by 8 channels)."""
    example = "conv:1,8,7;relu;maxpool:2;flatten;linear:880,140"
    assert example in translate("en", "rf.box_help")
    assert example in translate("zh", "rf.box_help")
    fits, _ = fitting_lengths(tuple(p.layer for p in parse_stack(example)), 1)
    assert fits.tolist() == [226, 227]


@pytest.mark.parametrize(
    ("text", "length", "says", "never"),
    [
        ("flatten;linear:1,2", 3, "gives 1 feature.", "1 features"),  # (1, 3) flattens to 3, the Linear wants 1
        ("flatten;linear:2,2", 3, "gives 2 features.", "2 feature."),
        ("conv:1,1,3;flatten;linear:4,2", 3, "= 1 feature.", "1 features"),  # L_out 1: the Flatten note
    ],
)
def test_feature_counts_read_as_english(text: str, length: int, says: str, never: str) -> None:
    """One feature, many features; Chinese has no plural, so both keys read the same there."""
    t = _assert_agrees(text, 1, length)
    assert t.error is not None
    english = " ".join([t.error.message("en"), *(n.message("en") for n in t.notes)])
    assert says in english
    assert never not in english
    for key in ("err.stack_linear", "err.stack_note_flatten"):
        assert translate("zh", f"{key}_one") == translate("zh", key)


# -- real model widths: shapes are integers, so the stack text takes up to limits.MAX_STACK_CHANNELS channels --

M5 = (  # Dai et al. 2017, M5 on 4 s of 8 kHz audio at its real widths (batch norm left out)
    "conv:1,128,80,4;relu;maxpool:4;conv:128,128,3;relu;maxpool:4;conv:128,256,3;relu;maxpool:4;"
    "conv:256,512,3;relu;maxpool:4"
)
WAVENET = ";relu;".join(
    ["conv:1,128,2,causal"] + [f"conv:128,128,2,dilation={d},causal" for d in (2, 4, 8, 16, 32, 64)]
)


def _meta(layers: tuple[Layer, ...], channels: int, length: int) -> tuple[list[tuple[int, ...]], int | None]:
    """torch's shapes on the meta device (no memory): the oracle for sizes the server never computes.

    The app itself does not do this: a meta convolution imports sympy (35 MB), which the server keeps out.
    """
    import torch

    shapes: list[tuple[int, ...]] = []
    with torch.device("meta"):
        h = torch.empty(1, channels, length)
        for i, layer in enumerate(layers):
            try:
                h = reference._stack_module(torch, layer)(h)
            except (RuntimeError, ValueError):
                return shapes, i
            shapes.append(tuple(h.shape))
    return shapes, None


def _agrees_on_meta(layers: tuple[Layer, ...], channels: int, length: int) -> None:
    result = run(layers, channels, np.array([length]))
    failed = int(result.first_failure[0])
    stop = len(layers) if failed < 0 else failed
    ours = [tuple(int(d[0]) for d in result.dims[i + 1]) for i in range(stop)]
    assert (ours, None if failed < 0 else failed) == _meta(layers, channels, length)


REAL = [
    (M5, 1, 32_000),
    (WAVENET, 1, 16_000),
    (TCN.stack.replace(",8,", ",128,").replace("conv:8,", "conv:128,"), 1, 48_000),
    ("conv:4096,4096,128,stride=64,padding=1024,dilation=64", 4096, 10**7),
    ("conv:512,4096,3,padding=same;relu;maxpool:64;conv:4096,4096,1;flatten", 512, 10**6),
    ("conv:256,256,3,groups=256;conv:256,128,1;avgpool:8;linear:6250,10", 256, 50_000),
    ("conv:1,128,80,4;conv:64,128,3", 1, 32_000),  # breaks at layer 2, as torch does
]


@pytest.mark.parametrize(("text", "channels", "length"), REAL)
def test_real_model_sizes_agree_with_torch_on_meta(text: str, channels: int, length: int) -> None:
    _agrees_on_meta(tuple(p.layer for p in parse_stack(text)), channels, length)


def test_m5_at_its_real_widths_has_shapes_and_a_receptive_field() -> None:
    t = _trace(M5, 1, 32_000)
    assert t.error is None
    assert t.out_shape == (1, 512, 30)
    assert [s.rf for s in t.steps if s.placed.source.startswith("maxpool")] == [92, 172, 492, 1772]
    with pytest.raises(ConvVizError) as refused:  # 81,715,200 multiply-adds in the first layer alone
        check_work(t)
    assert refused.value.key == "stack_work"


@st.composite
def big_convs(draw: st.DrawFn) -> tuple[tuple[Layer, ...], int, int]:
    c_in = draw(st.integers(1, MAX_STACK_CHANNELS))
    out = draw(st.integers(1, MAX_STACK_CHANNELS))
    groups = draw(st.sampled_from([g for g in (1, 2, 4, 8, c_in) if c_in % g == 0 and out % g == 0] or [1]))
    padding = draw(st.integers(0, 1024) | st.sampled_from(["same", "valid"]))
    stride = draw(st.integers(1, 64))
    causal = draw(st.booleans()) and padding == 0
    p = Conv1dParams(
        c_in,
        out,
        draw(st.integers(1, 128)),
        1 if padding == "same" else stride,
        padding,
        "zeros",
        draw(st.integers(1, 64)),
        groups,
        causal=causal,
    )
    layers: list[Layer] = [Conv(p)]
    if draw(st.booleans()):
        k = draw(st.integers(1, 64))
        layers.append(
            Pool1d(draw(st.sampled_from(["max", "avg"])), k, draw(st.integers(1, 64)), draw(st.integers(0, k // 2)))
        )
    channels = c_in if draw(st.integers(0, 9)) else draw(st.integers(1, MAX_STACK_CHANNELS))
    return tuple(layers), channels, draw(st.integers(1, 10**7))


@pytest.mark.filterwarnings("ignore:Using padding='same'")
@settings(max_examples=150, deadline=None)
@given(big_convs())
def test_big_convolutions_agree_with_torch_on_meta(case: tuple[tuple[Layer, ...], int, int]) -> None:
    _agrees_on_meta(*case)


@pytest.mark.parametrize("channels", ["4097", "128000", str(10**12), str(10**19), "-128", "1e3"])
def test_hostile_channel_counts_are_refused_with_a_message(channels: str) -> None:
    with pytest.raises(ConvVizError) as refused:
        parse_stack(f"conv:1,{channels},3")
    assert refused.value.key == "stack_bad_int"
    for lang in ("en", "zh"):
        assert "4,096" in refused.value.message(lang)


def test_a_tensor_too_big_to_compute_keeps_its_shapes() -> None:
    t = _trace("conv:1,4096,1;relu", 1, 1000)  # 4,096,000 values, little work
    assert t.error is None
    assert t.out_shape == (1, 4096, 1000)
    with pytest.raises(ConvVizError) as refused:
        check_work(t)
    assert refused.value.key == "stack_values"
    assert "(1, 4096, 1000) in row 1 of the table" in refused.value.message("en")
    assert "表中第 1 行的 (1, 4096, 1000)" in refused.value.message("zh")
    check_work(_trace("conv:1,4096,1;relu", 1, 700))  # 2,867,200 values: computed

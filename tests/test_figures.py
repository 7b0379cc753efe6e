"""The figures draw what the engine computes: every frame read back from the JSON the browser receives.

Pure: no Streamlit. Each configuration builds the sliding-window figure once
(``_built``), serialises it as Plotly would send it, and the checks decode that
JSON (NumPy arrays travel as base64 ``{"dtype", "bdata", "shape"}``) and compare
it with ``ConvGeometry`` and ``engine.conv1d``.
"""

from __future__ import annotations

import base64
import json
import re
from dataclasses import dataclass
from functools import cache
from typing import Any

import numpy as np
import pytest

from conv_viz import engine
from conv_viz.core import limits
from conv_viz.core.geometry import ZERO, ConvGeometry, conv_geometry, input_channels_of
from conv_viz.core.params import Conv1dParams
from conv_viz.figures import overview, sliding
from conv_viz.i18n import translate
from conv_viz.text.formatting import fmt

# Trace order of the sliding figure (its docstring's contract), and the traces frames replace.
INPUT, HATCH, LINKS, TAPS, TAP_LABELS, OUTPUT, CURRENT, PINS = range(8)
FRAME_TRACES = [TAPS, TAP_LABELS, OUTPUT, CURRENT]


def decode(value: Any) -> Any:
    """Plotly's JSON value as plain Python: typed arrays ({"dtype", "bdata", "shape"}) become nested lists."""
    if isinstance(value, dict) and "bdata" in value and "dtype" in value:
        a = np.frombuffer(base64.b64decode(value["bdata"]), dtype=np.dtype(value["dtype"]))
        shape = value.get("shape")
        if shape:
            dims = shape if isinstance(shape, list) else [int(s) for s in str(shape).split(",")]
            a = a.reshape(dims)
        return a.tolist()
    return value


def boxes(xs: list[float | None]) -> list[tuple[float, float]]:
    """(x0, x1) of each rectangle of ``style.rectangles``: every 6 points [a, b, b, a, a, None] are one box."""
    assert len(xs) % 6 == 0, xs
    out = []
    for i in range(0, len(xs), 6):
        a, b, b2, a2, a3, gap = xs[i : i + 6]
        assert (b2, a2, a3, gap) == (b, a, a, None), xs[i : i + 6]
        assert a is not None
        assert b is not None
        out.append((a, b))
    return out


@dataclass(frozen=True)
class Case:
    params: Conv1dParams
    length: int
    o: int = 0
    t: int = 0
    n: int = 0
    batch: int = 1


CASES: dict[str, Case] = {
    "default": Case(Conv1dParams(2, 2, 3, padding=1), 12),
    "zeros_no_bias": Case(Conv1dParams(1, 1, 3, padding=2, bias=False), 6, t=7),
    "reflect": Case(Conv1dParams(2, 3, 3, padding=2, padding_mode="reflect"), 8, o=2, t=3),
    "reflect_max_pad": Case(Conv1dParams(1, 1, 5, padding=4, padding_mode="reflect"), 5, t=8),
    "circular": Case(Conv1dParams(1, 2, 4, padding=3, padding_mode="circular"), 6, o=1, t=5),
    "circular_pad_equals_length": Case(Conv1dParams(1, 1, 3, padding=4, padding_mode="circular"), 4, t=2),
    "replicate_stride": Case(Conv1dParams(2, 2, 3, stride=2, padding=2, padding_mode="replicate"), 11, o=1, t=4),
    "dilation": Case(Conv1dParams(2, 2, 3, dilation=3, padding=2), 14, t=4),
    "dilation_reflect": Case(Conv1dParams(1, 1, 3, dilation=2, padding=3, padding_mode="reflect"), 9, t=6),
    "dilation_circular_stride": Case(
        Conv1dParams(2, 2, 3, stride=2, dilation=2, padding=3, padding_mode="circular"), 9, o=1, t=3
    ),
    "groups_second": Case(Conv1dParams(4, 4, 3, groups=2, padding=1), 10, o=3, t=2, n=1, batch=2),
    "depthwise": Case(Conv1dParams(3, 6, 3, groups=3), 9, o=5, t=6),
    "causal": Case(Conv1dParams(2, 2, 4, dilation=2, causal=True), 10, o=1, t=9),
    "causal_replicate": Case(Conv1dParams(1, 1, 3, causal=True, padding_mode="replicate"), 8, t=1),
    "causal_stride": Case(Conv1dParams(1, 2, 3, stride=2, dilation=3, causal=True), 13, o=1, t=3),
    "long_causal_dilated": Case(Conv1dParams(2, 2, 5, dilation=2, causal=True), 2000, o=1, t=1000),
    "same_even": Case(Conv1dParams(2, 2, 4, padding="same"), 9, t=8),
    "same_even_reflect_dilated": Case(Conv1dParams(1, 1, 4, padding="same", dilation=2, padding_mode="reflect"), 10),
    "valid_stride3": Case(Conv1dParams(1, 2, 5, stride=3, padding="valid"), 20, o=1, t=5),
    "long_window_middle": Case(Conv1dParams(2, 2, 5, padding=2), 2000, t=1000),
    "long_window_start": Case(Conv1dParams(2, 2, 5, padding=2, padding_mode="reflect"), 2000, t=0),
    "long_window_end": Case(Conv1dParams(2, 2, 5, padding=2, padding_mode="circular"), 2000, o=1, t=1999),
    "long_grouped_dilated_reflect": Case(
        Conv1dParams(3, 3, 7, stride=4, padding=3, padding_mode="reflect", dilation=2, groups=3), 2000, o=2, t=400
    ),
    "many_channels_third_group": Case(Conv1dParams(12, 6, 3, groups=3, padding=1), 10, o=5, t=4),
    "many_channels_one_group": Case(Conv1dParams(10, 2, 2), 7, o=1, t=3),
    "kernel_wider_than_view": Case(Conv1dParams(1, 1, 100, padding=1), 300, t=150),
}
SMALL = [name for name, c in CASES.items() if c.length < 100]


@dataclass(frozen=True)
class Built:
    case: Case
    geometry: ConvGeometry
    x: np.ndarray  # (N, C_in, L)
    weight: np.ndarray
    bias: np.ndarray | None
    y: np.ndarray  # (N, C_out, L_out), the engine's
    view: sliding.View
    spec: dict[str, Any]  # the figure's JSON, parsed
    size: int  # len(fig.to_json())


@cache
def _built(name: str) -> Built:
    case = CASES[name]
    p = case.params
    rng = np.random.default_rng(sum(map(ord, name)))
    x = rng.standard_normal((case.batch, p.in_channels, case.length))
    weight = rng.standard_normal(p.weight_shape)
    bias = rng.standard_normal(p.out_channels) if p.bias else None
    y = engine.conv1d(x, weight, bias, p.stride, p.padding, p.dilation, p.groups, p.padding_mode, causal=p.causal)
    geometry = conv_geometry(p, case.length)
    fig = sliding.sliding_window_figure(x[case.n], weight, bias, y[case.n], p, geometry, case.n, case.o, case.t)
    text = fig.to_json()
    view = sliding.choose_view(p, geometry, case.o, case.t)
    return Built(case, geometry, x, weight, bias, y, view, json.loads(text), len(text))


@pytest.fixture(params=list(CASES), name="built")
def _built_fixture(request: pytest.FixtureRequest) -> Built:
    return _built(request.param)


def _frame(b: Built, t: int) -> dict[str, Any]:
    return next(f for f in b.spec["frames"] if f["name"] == str(t))


def _group_rows(b: Built) -> list[int]:
    p = b.case.params
    group = input_channels_of(p.in_channels, p.out_channels, p.groups, b.case.o)
    return [r for r, c in enumerate(b.view.rows) if c in group]


# ---------------------------------------------------------------- frames


def test_one_frame_per_visible_output_named_by_t(built: Built) -> None:
    frames = built.spec["frames"]
    assert [f["name"] for f in frames] == [str(t) for t in built.view.outputs]
    assert all(f["traces"] == FRAME_TRACES for f in frames)
    assert all(len(f["data"]) == len(FRAME_TRACES) for f in frames)
    assert len(built.spec["data"]) == 8
    steps = built.spec["layout"]["sliders"][0]["steps"]
    assert [s["args"][0] for s in steps] == [[str(t)] for t in built.view.outputs]


def test_tap_boxes_sit_on_the_geometry_window(built: Built) -> None:
    for t in built.view.outputs:
        xs = decode(_frame(built, t)["data"][0]["x"])
        centres = [(a + b) / 2 for a, b in boxes(xs)]
        np.testing.assert_allclose(centres, built.geometry.windows[t], atol=1e-9, err_msg=f"t={t}")


def test_tap_boxes_span_exactly_the_pinned_group(built: Built) -> None:
    rows = _group_rows(built)
    assert rows == list(range(rows[0], rows[-1] + 1)), "the pinned group's rows are contiguous"
    for t in built.view.outputs:
        ys = [v for v in decode(_frame(built, t)["data"][0]["y"]) if v is not None]
        lo, hi = min(ys), max(ys)
        covered = [r for r in range(len(built.view.rows)) if lo < r < hi]
        assert covered == rows, f"t={t}: boxes cover rows {covered}, group rows are {rows}"


def test_tap_weight_labels_are_the_pinned_weights(built: Built) -> None:
    p, o = built.case.params, built.case.o
    group = input_channels_of(p.in_channels, p.out_channels, p.groups, o)
    for t in built.view.outputs:
        trace = _frame(built, t)["data"][1]
        xs, texts = decode(trace["x"]), trace["text"]
        if not texts:  # too many cells to label: the boxes alone show the window
            continue
        expected_x, expected_text = [], []
        for r in _group_rows(built):
            c = built.view.rows[r] - group.start
            expected_x += [int(s) for s in built.geometry.windows[t]]
            expected_text += ["×" + fmt(float(built.weight[o, c, k]), 2) for k in range(p.kernel_size)]
        assert xs == expected_x
        assert texts == expected_text


def test_output_row_shows_engine_values_up_to_t_only(built: Built) -> None:
    n, o = built.case.n, built.case.o
    y = built.y[n, o]
    outputs = list(built.view.outputs)
    for t in outputs:
        heat = _frame(built, t)["data"][2]
        z = decode(heat["z"])[0]
        text = decode(heat["text"])[0]
        assert decode(heat["customdata"])[0] == outputs
        for tt, shown_z, shown_text in zip(outputs, z, text, strict=True):
            if tt <= t:
                assert shown_z is not None, (t, tt)
                assert round(shown_z, 4) == round(float(y[tt]), 4), (t, tt)
                if shown_text:  # a view too narrow for numbers may leave them to the hover
                    assert float(shown_text) == pytest.approx(float(y[tt]), abs=0.006), (t, tt)
            else:
                assert shown_z is None, f"frame {t} already shows y[{tt}]"
                assert shown_text == ""


def _drawn_at(p: Conv1dParams, window: np.ndarray) -> float:
    """Where the lesson wants output t: under its last tap when causal, else under its window's centre."""
    return float(window[-1]) if p.causal else (float(window[0]) + float(window[-1])) / 2


def test_current_cell_box_sits_under_the_window(built: Built) -> None:
    p = built.case.params
    for t in built.view.outputs:
        ((a, b_),) = boxes(decode(_frame(built, t)["data"][3]["x"]))
        windows = built.geometry.windows[t]
        assert (a + b_) / 2 == pytest.approx(_drawn_at(p, windows))
        assert windows[0] <= (a + b_) / 2 <= windows[-1]


@pytest.mark.parametrize("name", [name for name, c in CASES.items() if c.params.causal])
def test_causal_output_stands_under_its_last_taps_input(name: str) -> None:
    """Causal: output t is drawn over the slot of its window's last tap, which reads x[t·stride]; no tap is right of it."""
    b = _built(name)
    p, g = b.case.params, b.geometry
    for t in b.view.outputs:
        frame = _frame(b, t)["data"]
        out_x = decode(frame[2]["x"])[b.view.outputs.index(t)]
        ((a, b_),) = boxes(decode(frame[3]["x"]))
        last = int(g.windows[t][-1])
        assert out_x == (a + b_) / 2 == last == sliding.output_x(p, t), t
        assert int(g.padded[last]) == t * p.stride, t  # the input index under the output is the newest it reads
        assert max(s for s in decode(frame[0]["x"]) if s is not None) == pytest.approx(last + 0.46), t


def test_non_causal_outputs_stay_centred() -> None:
    p = CASES["default"].params
    assert [sliding.output_x(p, t) for t in range(3)] == [1.0, 2.0, 3.0]  # kernel 3: the middle tap
    p = CASES["valid_stride3"].params
    assert [sliding.output_x(p, t) for t in range(3)] == [2.0, 5.0, 8.0]


@pytest.mark.parametrize("lang", ["en", "zh"])
@pytest.mark.parametrize("causal", [True, False])
def test_axis_title_says_where_outputs_are_drawn(lang: str, causal: bool) -> None:
    b = _built("causal" if causal else "default")
    c = b.case
    fig = sliding.sliding_window_figure(b.x[c.n], b.weight, b.bias, b.y[c.n], c.params, b.geometry, c.n, c.o, c.t, lang)
    title = fig.layout.xaxis.title.text
    said, unsaid = (
        ("fig.outputs_causal", "fig.outputs_centred") if causal else ("fig.outputs_centred", "fig.outputs_causal")
    )
    assert translate(lang, said) in title
    assert translate(lang, unsaid) not in title


def test_titles_name_the_cell_and_the_engine_value(built: Built) -> None:
    """The pinned cell's frame says "pinned", every other frame "animation": the page's sum is the pinned one's."""
    n, o = built.case.n, built.case.o
    for t in built.view.outputs:
        title = _frame(built, t)["layout"]["title"]["text"]
        which = "pinned" if t == built.case.t else "animation"
        assert title.startswith(f"{which}: y[{n},{o},{t}] = ")
        assert f"<b>{fmt(float(built.y[n, o, t]))}</b>" in title


def test_pinned_cell_is_marked_in_every_frame(built: Built) -> None:
    """A dashed box and a label on the pinned cell live in the layout, which no frame replaces."""
    p, t = built.case.params, built.case.t
    (box,) = [s for s in built.spec["layout"]["shapes"] if s.get("name") == "pinned"]
    (label,) = [a for a in built.spec["layout"]["annotations"] if a.get("name") == "pinned"]
    at = sliding.output_x(p, t)
    assert (box["x0"] + box["x1"]) / 2 == pytest.approx(at)
    assert box["x1"] - box["x0"] > 1.0  # wider than the black current-cell box, so both show on the pinned frame
    assert (box["xref"], box["yref"]) == ("x", "y2")
    assert box["line"]["dash"] == "dash"
    assert label["x"] == pytest.approx(at)
    assert label["text"] == "pinned"
    for frame in built.spec["frames"]:
        assert set(frame["layout"]) == {"title"}, "a frame that set shapes or annotations would drop the pin"
    pins = decode(built.spec["data"][PINS]["x"])
    assert pins[built.view.outputs.index(t)] == pytest.approx(at)  # the click target of the pinned cell


def test_figure_opens_on_the_pinned_cell(built: Built) -> None:
    """The static highlight traces are the pinned frame's; the slider and title start there too."""
    t = built.case.t
    assert t in built.view.outputs
    start = built.view.outputs.index(t)
    frame = _frame(built, t)
    for index, frame_trace in zip(FRAME_TRACES, frame["data"], strict=True):
        assert built.spec["data"][index] == frame_trace
    assert built.spec["layout"]["sliders"][0]["active"] == start
    assert built.spec["layout"]["title"]["text"] == frame["layout"]["title"]["text"]


def test_pin_markers_cover_the_visible_outputs(built: Built) -> None:
    p = built.case.params
    pins = built.spec["data"][PINS]
    assert pins["name"] == "pin"
    assert pins["hoverinfo"] == "none"  # "skip" would drop click events too
    assert pins["yaxis"] == "y2"
    assert decode(pins["customdata"]) == list(built.view.outputs)
    expected = [_drawn_at(p, built.geometry.windows[t]) for t in built.view.outputs]
    np.testing.assert_allclose(decode(pins["x"]), expected)


# ---------------------------------------------------------------- the static input


def test_input_heatmap_is_the_padded_input(built: Built) -> None:
    g, n = built.geometry, built.case.n
    heat = built.spec["data"][INPUT]
    cols = decode(heat["x"])
    assert cols == list(built.view.columns)
    rows = list(built.view.rows)
    assert decode(heat["y"]) == list(range(len(rows)))
    z = np.array(decode(heat["z"]), dtype=np.float64)
    source = g.padded[cols]
    expected = np.where(source == ZERO, 0.0, built.x[n][rows][:, np.maximum(source, 0)])
    np.testing.assert_array_equal(z, expected)
    labels = built.spec["layout"]["yaxis"]["ticktext"]
    assert labels == [f"x[{n},{c}]" for c in rows]


def test_rows_put_the_pinned_group_first_and_stay_at_most_eight(built: Built) -> None:
    p = built.case.params
    rows = list(built.view.rows)
    group = list(input_channels_of(p.in_channels, p.out_channels, p.groups, built.case.o))
    assert len(rows) == min(p.in_channels, sliding.MAX_ROWS)
    assert len(set(rows)) == len(rows)
    if p.in_channels <= sliding.MAX_ROWS:
        assert rows == list(range(p.in_channels))
    else:
        assert rows[: len(group)] == group[: len(rows)]


def test_tick_labels_name_the_slot_each_cell_reads(built: Built) -> None:
    """Interior slots show their input index; padding shows the index it copies, or ∅ for a zero."""
    g = built.geometry
    axis = built.spec["layout"]["xaxis"]
    ticks, labels = decode(axis["tickvals"]), axis["ticktext"]
    assert len(ticks) == len(labels) > 0
    assert set(ticks) <= set(built.view.columns)
    for slot, label in zip(ticks, labels, strict=True):
        source = int(g.padded[slot])
        if g.pad_left <= slot < g.pad_left + g.length:
            assert label == str(slot - g.pad_left) == str(source)
        elif source == ZERO:
            assert label == "∅"
        else:
            assert label == f"[{source}]"
            assert 0 <= source < g.length


def test_every_padding_cell_is_labelled_when_all_ticks_fit() -> None:
    """Small views label every slot: the reflect case's labels spell torch's reflection."""
    b = _built("reflect")  # length 8, padding 2, reflect: [2] [1] 0 … 7 [6] [5]
    assert b.spec["layout"]["xaxis"]["ticktext"] == ["[2]", "[1]", *map(str, range(8)), "[6]", "[5]"]
    b = _built("causal")  # dilation 2, kernel 4: six zeros on the left only
    assert b.spec["layout"]["xaxis"]["ticktext"] == ["∅"] * 6 + [str(i) for i in range(10)]
    b = _built("circular")  # length 6, padding 3
    assert b.spec["layout"]["xaxis"]["ticktext"] == ["[3]", "[4]", "[5]", *map(str, range(6)), "[0]", "[1]", "[2]"]


def test_hatch_covers_exactly_the_padding_cells(built: Built) -> None:
    g = built.geometry
    xs = [v for v in decode(built.spec["data"][HATCH]["x"]) if v is not None]
    hatched = {round(v) for v in xs}
    pads = {s for s in built.view.columns if not g.pad_left <= s < g.pad_left + g.length}
    assert hatched == pads


# ---------------------------------------------------------------- view and size


@pytest.mark.parametrize("name", [n for n in CASES if CASES[n].length >= 100])
def test_choose_view_keeps_the_pinned_t_visible(name: str) -> None:
    case = CASES[name]
    p = case.params
    g = conv_geometry(p, case.length)
    for t in sorted({0, 1, g.out_length // 3, g.out_length // 2, g.out_length - 2, g.out_length - 1}):
        view = sliding.choose_view(p, g, case.o, t)
        assert t in view.outputs, (name, t, view.outputs)
        assert 1 <= len(view.outputs) <= sliding.MAX_FRAMES
        assert view.outputs.start >= 0
        assert view.outputs.stop <= g.out_length
        assert len(view.columns) <= max(sliding.MAX_COLUMNS, p.span)
        seen = g.windows[view.outputs.start : view.outputs.stop]
        assert view.columns.start <= seen.min(), "every drawn window fits"
        assert seen.max() < view.columns.stop, "every drawn window fits"


def test_small_inputs_are_drawn_whole() -> None:
    for name in SMALL:
        b = _built(name)
        assert b.view.columns == range(b.geometry.padded_length), name
        assert b.view.outputs == range(b.geometry.out_length), name


def test_default_figure_is_small() -> None:
    assert _built("default").size < 500_000


def test_largest_allowed_figure_stays_under_3_mb() -> None:
    """Widest possible window: kernel 128 at dilation 64 spans 8,129 slots, 8 rows drawn."""
    p = Conv1dParams(64, 64, limits.MAX_KERNEL, dilation=limits.MAX_DILATION, groups=64, padding=1024)
    length = 9_000
    limits.check_limits(p, 1, length)
    p.validate(length)
    rng = np.random.default_rng(0)
    x = rng.standard_normal((1, 64, length))
    w = rng.standard_normal(p.weight_shape)
    b = rng.standard_normal(64)
    y = engine.conv1d(x, w, b, p.stride, p.padding, p.dilation, p.groups)
    g = conv_geometry(p, length)
    for t in (0, g.out_length // 2, g.out_length - 1):
        fig = sliding.sliding_window_figure(x[0], w, b, y[0], p, g, 0, 63, t)
        assert len(fig.to_json()) < 3_000_000
    view = sliding.choose_view(p, g, 63, 0)
    assert len(overview.overview_figure(x[0], y[0], p, g, view, 0, 63, 0).to_json()) < 3_000_000


def test_longest_allowed_input_stays_small() -> None:
    p = Conv1dParams(1, 1, 9, padding="same", padding_mode="reflect", bias=False)
    length = limits.MAX_LENGTH
    x = np.random.default_rng(1).standard_normal((1, 1, length))
    w = np.full((1, 1, 9), 1 / 9)
    y = engine.conv1d(x, w, None, padding="same", padding_mode="reflect")
    g = conv_geometry(p, length)
    fig = sliding.sliding_window_figure(x[0], w, None, y[0], p, g, 0, 0, length // 2)
    assert len(fig.to_json()) < 500_000
    view = sliding.choose_view(p, g, 0, length // 2)
    assert len(overview.overview_figure(x[0], y[0], p, g, view, 0, 0, length // 2).to_json()) < 500_000


# ---------------------------------------------------------------- overview


@pytest.mark.parametrize(
    "name", ["long_window_middle", "long_grouped_dilated_reflect", "kernel_wider_than_view", "long_causal_dilated"]
)
def test_overview_lines_shading_and_pinned_marker(name: str) -> None:
    """Outputs at their window's start; causal ones at the last tap, the input index t·stride they read last."""
    b = _built(name)
    p, g, n, o, t = b.case.params, b.geometry, b.case.n, b.case.o, b.case.t
    fig = json.loads(overview.overview_figure(b.x[n], b.y[n], p, g, b.view, n, o, t).to_json())
    *inputs, output = fig["data"]
    assert [tr["name"] for tr in inputs] == [f"x[{n},{c}]" for c in b.view.rows[:4]]
    assert output["name"] == f"y[{n},{o}]"
    assert output["yaxis"] == "y2"
    for trace, values, positions in [
        *((tr, b.x[n, c], np.arange(g.length)) for tr, c in zip(inputs, b.view.rows, strict=False)),
        (output, b.y[n, o], np.arange(g.out_length) * p.stride - g.pad_left + (p.span - 1) * p.causal),
    ]:
        xs, ys = np.array(decode(trace["x"])), np.array(decode(trace["y"]))
        assert len(xs) == len(ys) <= overview.MAX_POINTS
        step = int(xs[1] - xs[0]) // (p.stride if trace is output else 1) if len(xs) > 1 else 1
        np.testing.assert_array_equal(xs, positions[::step])
        np.testing.assert_array_equal(ys, values[::step])  # drawn values are the numbers, never resampled
    shade, pin = fig["layout"]["shapes"]
    assert (shade["x0"], shade["x1"]) == (b.view.columns.start - g.pad_left, b.view.columns.stop - 1 - g.pad_left)
    assert pin["x0"] == pin["x1"] == (t * p.stride if p.causal else t * p.stride - g.pad_left)


def test_overview_keeps_every_line_within_max_points() -> None:
    """Lines just under 2·MAX_POINTS long are strided too, not drawn whole."""
    p = Conv1dParams(1, 1, 3)
    length = 2 * overview.MAX_POINTS - 1
    x = np.random.default_rng(2).standard_normal((1, length))
    y = engine.conv1d(x, np.ones((1, 1, 3)))
    g = conv_geometry(p, length)
    view = sliding.choose_view(p, g, 0, 0)
    fig = json.loads(overview.overview_figure(x, y, p, g, view, 0, 0, 0).to_json())
    for trace in fig["data"]:
        assert len(decode(trace["x"])) <= overview.MAX_POINTS, trace["name"]


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_every_label_is_translated(lang: str) -> None:
    """A key missing from the string tables shows as the key itself ("fig.…") on the chart."""
    b = _built("long_window_middle")
    p, g, n, o, t = b.case.params, b.geometry, b.case.n, b.case.o, b.case.t
    figures = [
        sliding.sliding_window_figure(b.x[n], b.weight, b.bias, b.y[n], p, g, n, o, t, lang),
        overview.overview_figure(b.x[n], b.y[n], p, g, b.view, n, o, t, lang),
    ]
    for fig in figures:
        text = fig.to_json()
        assert re.search(r"\bfig\.[a-z_]+", text) is None, re.findall(r"\bfig\.[a-z_]+", text)

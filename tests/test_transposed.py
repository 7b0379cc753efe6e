"""The transposed page's pure modules against torch and against brute force.

transposed.py (scene, data, limits), transposed_vs_conv.py (lengths, overlaps, gradient,
round trip) and the two figure modules: every number the page shows is
computed twice here, once by the module and once by torch or a plain loop.
"""

from __future__ import annotations

import contextlib
import io
from dataclasses import replace
from typing import Any

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from conv_viz import reference
from conv_viz.core import limits
from conv_viz.core.geometry import ZERO, transposed_scatter_map
from conv_viz.core.params import Conv1dParams, ConvTranspose1dParams, transposed_output_length
from conv_viz.errors import ConvVizError
from conv_viz.figures.scatter import MAX_ROWS, choose_scatter_view, contributions, scatter_add_figure
from conv_viz.figures.transposed import MAX_STRIP, overlap_figure, round_trip_figure
from conv_viz.server.url_state import DEFAULT
from conv_viz.text import formulas
from conv_viz.text.code import transposed as transposed_code
from conv_viz.views import transposed, transposed_vs_conv
from tests.helpers import assert_close, torch_conv_transpose1d

torch = pytest.importorskip("torch")


def view(output_padding: int = 0, **fields: Any) -> transposed.TransposedSpec:
    """A spec whose conv fields are overridden by the keyword arguments that name them."""
    conv_fields = {k: v for k, v in fields.items() if hasattr(Conv1dParams, k)}
    rest = {k: v for k, v in fields.items() if k not in conv_fields}
    return transposed.TransposedSpec(conv=replace(DEFAULT.conv, **conv_fields), output_padding=output_padding, **rest)


def torch_kwargs(p: ConvTranspose1dParams) -> dict[str, Any]:
    return {
        "stride": p.stride,
        "padding": p.padding,
        "output_padding": p.output_padding,
        "groups": p.groups,
        "dilation": p.dilation,
    }


# ---------------------------------------------------------------- the scene

SCENES = [
    pytest.param(view(), id="default"),
    pytest.param(view(1, stride=2, padding=1), id="stride2-op1"),
    pytest.param(view(2, stride=1, dilation=3, kernel_size=2), id="op-from-dilation"),
    pytest.param(view(0, in_channels=4, out_channels=6, groups=2, stride=3, padding=2), id="groups2"),
    pytest.param(view(1, stride=2, input="ramp", weights="moving_average", dtype="float32"), id="presets-f32"),
    pytest.param(view(0, x="1,2,3;4,5,6", w="1,0,-1|0.5,0.5,0.5", b="0.25", stride=2), id="typed"),
    pytest.param(view(0, bias=False, batch=3, length=5, seed=7, kernel_size=4, stride=2), id="no-bias-batch"),
]


@pytest.mark.parametrize("state", SCENES)
def test_scene_output_matches_torch(state: transposed.TransposedSpec) -> None:
    scene = transposed.build_transposed(state)
    d, p = scene.data, scene.params
    assert d.weight.shape == p.weight_shape == (p.in_channels, p.out_channels // p.groups, p.kernel_size)
    assert scene.y.shape == (scene.batch, p.out_channels, p.output_length(scene.length))
    expected = torch_conv_transpose1d(d.x, d.weight, d.bias, **torch_kwargs(p))
    assert_close(scene.y, expected, d.x.dtype)
    z = transposed.conv_input(scene)  # the companion Conv1d's input: the shape conv1d maps back to x's
    assert z.shape == scene.y.shape
    assert z.dtype == d.x.dtype


def test_typed_weight_sets_the_shapes() -> None:
    """Worked by hand: x[0] = 1, 2, 3 drops 1·[1, 0, −1], 2·[…], 3·[…] two cells apart; x[1] likewise with 0.5s."""
    state = view(x="1,2,3;4,5,6", w="1,0,-1|0.5,0.5,0.5", b="0.25", stride=2, padding=0, bias=False)
    scene = transposed.build_transposed(state)
    p = scene.params
    assert (p.in_channels, p.out_channels, p.kernel_size, p.bias) == (2, 1, 3, True)
    assert scene.y[0, 0].tolist() == pytest.approx([3.25, 2.25, 5.75, 2.75, 6.75, 3.25, 0.25])


@pytest.mark.parametrize(
    ("p", "batch", "length", "seed"),
    [
        (ConvTranspose1dParams(2, 3, 3, stride=2), 2, 5, 666),
        (ConvTranspose1dParams(4, 6, 5, stride=3, padding=1, output_padding=2, groups=2), 1, 7, 0),
        (ConvTranspose1dParams(1, 2, 4, dilation=2, output_padding=1, bias=False), 3, 4, 2**40),
    ],
)
def test_seeded_data_is_the_notebooks(p: ConvTranspose1dParams, batch: int, length: int, seed: int) -> None:
    """manual_seed, randn, nn.ConvTranspose1d: the same float32 numbers, bit for bit."""
    d = transposed.make_data(p, batch, length, seed, "random", "random")
    torch.manual_seed(seed)
    x = torch.randn(batch, p.in_channels, length)
    conv = torch.nn.ConvTranspose1d(p.in_channels, p.out_channels, p.kernel_size, bias=p.bias, **torch_kwargs(p))
    assert d.source == "torch"
    np.testing.assert_array_equal(d.x, x.numpy())
    np.testing.assert_array_equal(d.weight, conv.weight.detach().numpy())
    if p.bias:
        np.testing.assert_array_equal(d.bias, conv.bias.detach().numpy())
    else:
        assert d.bias is None
    assert float(np.abs(d.weight).max()) <= transposed.init_bound(p)


def test_seeded_without_torch_uses_numpy_with_torchs_bounds(monkeypatch: pytest.MonkeyPatch) -> None:
    from conv_viz import reference

    monkeypatch.setattr(reference, "torch_available", lambda: False)
    p = ConvTranspose1dParams(2, 4, 3, groups=2)
    d = transposed.make_data(p, 1, 6, 3, "random", "random")
    assert d.source == "numpy"
    assert d.x.dtype == np.float32
    assert float(np.abs(d.weight).max()) <= transposed.init_bound(p) == pytest.approx(np.sqrt(2 / 12))


RULES = [
    pytest.param(view(padding="same"), "transposed_padding", id="padding-same"),
    pytest.param(view(padding="valid"), "transposed_padding", id="padding-valid"),
    pytest.param(view(padding_mode="reflect"), "transposed_mode", id="reflect"),
    pytest.param(view(2, stride=2), "output_padding", id="op-too-big"),
    pytest.param(view(groups=3, in_channels=3, out_channels=4), "groups_divide", id="groups"),
    pytest.param(view(padding=20, length=3), "transposed_too_small", id="too-small"),
    pytest.param(view(stride=64, length=48_000, out_channels=64, batch=2), "limit", id="output-too-big"),
    pytest.param(view(in_channels=64, out_channels=64, kernel_size=128, length=10_000), "transposed_work", id="work"),
]


@pytest.mark.parametrize(("state", "key"), RULES)
def test_impossible_settings_name_the_rule(state: transposed.TransposedSpec, key: str) -> None:
    with pytest.raises(ConvVizError) as info:
        transposed.build_transposed(state)
    assert info.value.key == key
    assert info.value.message("zh") != info.value.message("en")


def test_string_padding_is_what_torch_refuses() -> None:
    with pytest.raises(TypeError, match="padding"):
        torch.nn.functional.conv_transpose1d(torch.zeros(1, 1, 4), torch.zeros(1, 1, 3), padding="same")


def test_macs_counts_every_product() -> None:
    p = ConvTranspose1dParams(4, 6, 3, groups=2)
    x, w = np.ones((2, 4, 5)), np.ones(p.weight_shape)
    # with ones everywhere each product adds exactly 1 to the uncropped output
    full = torch_conv_transpose1d(x, w, None, groups=2)
    assert limits.transposed_macs(p, 2, 5) == full.sum()


# ---------------------------------------------------------------- lengths and output_padding

length_cases = st.tuples(st.integers(1, 30), st.integers(1, 6), st.integers(1, 5), st.integers(0, 4), st.integers(1, 4))


@given(length_cases)
def test_preimage_is_every_length_conv1d_maps_back(case: tuple[int, int, int, int, int]) -> None:
    length, k, s, pad, d = case
    p = ConvTranspose1dParams(kernel_size=k, stride=s, padding=pad, dilation=d)
    conv = transposed_vs_conv.companion(p)
    span = d * (k - 1) + 1
    brute = [n for n in range(1, 200) if n + 2 * pad >= span and conv.output_length(n) == length]
    assert list(transposed_vs_conv.conv_preimage(p, length)) == brute


@given(length_cases)
def test_output_padding_choices_follow_torch(case: tuple[int, int, int, int, int]) -> None:
    length, k, s, pad, d = case
    p = ConvTranspose1dParams(kernel_size=k, stride=s, padding=pad, dilation=d)
    pre = transposed_vs_conv.conv_preimage(p, length)
    for choice in transposed_vs_conv.output_padding_choices(p, length):
        q = replace(p, output_padding=choice.output_padding)
        assert choice.length == transposed_output_length(length, k, s, pad, choice.output_padding, d)
        if choice.length >= 1:
            out = torch_conv_transpose1d(np.zeros((1, 1, length)), np.zeros((1, 1, k)), None, **torch_kwargs(q)).shape[
                -1
            ]
            assert out == choice.length
        # below stride, output_padding picks one of the lengths Conv1d maps back; from stride on, none
        if choice.length >= 1:
            assert (choice.length in pre) == (choice.output_padding < s)


def test_length_formula_has_the_users_numbers() -> None:
    text = formulas.transposed_length_formula(
        ConvTranspose1dParams(kernel_size=3, stride=2, padding=1, output_padding=1), 12
    )
    assert r"(12 - 1)\cdot2 - 2\cdot1 + 1\cdot(3 - 1) + 1 + 1 = 24" in text


# ---------------------------------------------------------------- overlaps


def brute_counts(p: ConvTranspose1dParams, length: int) -> list[int]:
    out = p.output_length(length)
    counts = [0] * out
    for i in range(length):
        for k in range(p.kernel_size):
            t = i * p.stride + k * p.dilation - p.padding
            if 0 <= t < out:
                counts[t] += 1
    return counts


overlap_cases = st.builds(
    ConvTranspose1dParams,
    kernel_size=st.integers(1, 7),
    stride=st.integers(1, 5),
    padding=st.integers(0, 3),
    dilation=st.integers(1, 4),
)


@given(overlap_cases, st.integers(1, 12))
def test_overlap_counts_are_the_writes(p: ConvTranspose1dParams, length: int) -> None:
    if p.output_length(length) < 1:
        return
    counts = transposed_vs_conv.overlap_counts(transposed_scatter_map(p, length), p.output_length(length))
    assert counts.tolist() == brute_counts(p, length)


@given(overlap_cases)
def test_interior_pattern_is_what_a_long_input_shows(p: ConvTranspose1dParams) -> None:
    length = 40
    counts = brute_counts(p, length)
    first = p.dilation * (p.kernel_size - 1) - p.padding  # from here on every tap can reach a cell
    last = (length - 1) * p.stride - p.padding  # up to here every input position exists
    interior = [(t, counts[t]) for t in range(max(first, 0), min(last, len(counts) - 1) + 1)]
    assert interior, "the input is long enough to have an interior"
    pattern = transposed_vs_conv.interior_pattern(p)
    assert all(c == pattern[t % p.stride] for t, c in interior)


@pytest.mark.parametrize(
    ("k", "s", "d", "reason", "even"),
    [
        (3, 2, 1, "not_multiple", False),
        (4, 2, 1, "divides", True),
        (3, 1, 1, "divides", True),
        (2, 2, 2, "dilation", False),
        (5, 2, 3, "not_multiple", False),
        (6, 3, 2, "divides", True),
    ],
)
def test_checkerboard_sentence_is_computed(k: int, s: int, d: int, reason: str, even: bool) -> None:
    p = ConvTranspose1dParams(kernel_size=k, stride=s, dilation=d)
    assert transposed_vs_conv.checkerboard_reason(p) == reason
    assert (len(set(transposed_vs_conv.interior_pattern(p))) == 1) == even


# ---------------------------------------------------------------- gradient and round trip

ADJOINT_CASES = [
    ConvTranspose1dParams(2, 3, 3, stride=2, padding=1, output_padding=1),
    ConvTranspose1dParams(2, 4, 3, dilation=3, output_padding=2, groups=2),  # output_padding ≥ stride
    ConvTranspose1dParams(1, 1, 4, stride=3, padding=2, output_padding=2),
    ConvTranspose1dParams(3, 3, 1),
]


@pytest.mark.parametrize("p", ADJOINT_CASES)
@pytest.mark.parametrize("dtype", [np.float64, np.float32])
def test_transposed_is_the_gradient_of_conv1d(p: ConvTranspose1dParams, dtype: Any) -> None:
    from conv_viz import reference

    rng = np.random.default_rng(1)
    x = rng.standard_normal((2, p.in_channels, 7)).astype(dtype)
    w = rng.standard_normal(p.weight_shape).astype(dtype)
    z = rng.standard_normal((2, p.out_channels, p.output_length(7))).astype(dtype)
    a = transposed_vs_conv.adjoint(p, x, w, z)
    grad = reference.input_gradient(z, w, a.cotangent, transposed_vs_conv.companion(p))
    diff, ok = reference.agreement(a.gradient, grad, np.dtype(dtype).name)
    assert ok, diff
    assert a.inner_conv == pytest.approx(a.inner_transposed, rel=1e-4 if dtype == np.float32 else 1e-10)
    assert a.round_trip.shape == z.shape
    back = torch_conv_transpose1d(
        torch.nn.functional.conv1d(
            torch.from_numpy(z),
            torch.from_numpy(w),
            stride=p.stride,
            padding=p.padding,
            dilation=p.dilation,
            groups=p.groups,
        ).numpy(),
        w,
        None,
        **torch_kwargs(replace(p, output_padding=a.round_trip_padding)),
    )
    assert_close(a.round_trip, back, np.dtype(dtype))


def test_round_trip_is_not_an_inverse_but_a_delta_is() -> None:
    p = ConvTranspose1dParams(1, 1, 3, stride=2, padding=1, output_padding=1)
    z = np.arange(24.0).reshape(1, 1, 24)
    ramp = transposed_vs_conv.adjoint(p, np.ones((1, 1, 12)), np.full((1, 1, 3), 1 / 3), z)
    assert reference.agreement(ramp.round_trip, z, "float64")[0] > 1
    delta = ConvTranspose1dParams(1, 1, 1)
    same = transposed_vs_conv.adjoint(delta, np.ones((1, 1, 5)), np.ones((1, 1, 1)), np.arange(5.0).reshape(1, 1, 5))
    assert reference.agreement(same.round_trip, same.z, "float64") == (0.0, True)


def test_gradient_snippet_prints_true() -> None:
    code = transposed_code.gradient_snippet(ADJOINT_CASES[1], 2, 7)
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        exec(compile(code, "<snippet>", "exec"), {})
    assert out.getvalue().strip() == "True"


# ---------------------------------------------------------------- figures


@pytest.mark.parametrize("state", SCENES)
def test_drawn_rows_add_up_to_the_engine_output(state: transposed.TransposedSpec) -> None:
    """Scatter-adding the drawn contributions through the scatter map, plus bias, is y: what is drawn is computed."""
    scene = transposed.build_transposed(state)
    p, d = scene.params, scene.data
    for o in range(p.out_channels):
        c = contributions(d.x[0], d.weight, p, o)
        out = np.zeros(scene.y.shape[-1])
        kept = scene.scatter != ZERO
        np.add.at(out, scene.scatter[kept], c[kept])
        bias = 0.0 if d.bias is None else float(d.bias[o])
        np.testing.assert_allclose(out + bias, scene.y[0, o], rtol=1e-5, atol=1e-5)


def test_animation_frames_end_on_the_output() -> None:
    scene = transposed.build_transposed(view(1, stride=2, padding=1, bias=False))
    p, d = scene.params, scene.data
    fig = scatter_add_figure(d.x[0], d.weight, d.bias, scene.y[0], p, scene.scatter, 0, 1, 3, "en")
    assert [f.name for f in fig.frames] == [str(i) for i in range(scene.length)]
    assert fig.layout.sliders[0].active == 3
    last_sum = np.array(fig.frames[-1].data[1].z[0], dtype=float)
    cols = np.array(fig.frames[-1].data[1].x) - p.padding
    inside = (cols >= 0) & (cols < scene.y.shape[-1])
    np.testing.assert_allclose(last_sum[inside], scene.y[0, 1, cols[inside]], atol=1e-12)
    assert "✂" in fig.layout.xaxis.ticktext  # padding=1 crops a cell at each end


def test_long_inputs_draw_a_window_around_i() -> None:
    p = ConvTranspose1dParams(kernel_size=3, stride=2)
    v = choose_scatter_view(p, 500, 250)
    assert len(v.rows) <= MAX_ROWS
    assert 250 in v.rows
    assert v.columns.start == v.rows.start * 2
    assert v.columns.stop == (v.rows.stop - 1) * 2 + 3
    end = choose_scatter_view(replace(p, output_padding=1), 500, 499)
    assert end.rows.stop == 500
    assert end.columns.stop == p.output_length(500) + 1


def test_small_figures() -> None:
    counts = np.array([1, 2] * 100)
    strip = overlap_figure(counts, "zh")
    assert len(strip.data[0].z[0]) == MAX_STRIP
    assert "写入" in strip.layout.yaxis.ticktext[0]
    trip = round_trip_figure(np.arange(5.0), np.zeros(5), "z", "back")
    assert [t.name for t in trip.data] == ["z", "back"]
    assert trip.data[0].line.dash != trip.data[1].line.dash  # not colour alone


@pytest.mark.parametrize(("x", "w", "groups"), [("1,2,3;4,5,6", "1,2;3,4", 2), ("1,2,3;4,5,6", "1,2|3,4|5,6", 3)])
def test_typed_x_and_w_that_disagree_name_the_channels(x: str, w: str, groups: int) -> None:
    """Both typed: the weight's dim 0 is in_channels, so a different x is torch's channel mismatch, not a groups rule."""
    state = transposed.TransposedSpec(x=x, w=w, conv=replace(DEFAULT.conv, groups=groups))
    with pytest.raises(ConvVizError) as info:
        transposed.build_transposed(state)
    assert info.value.key == "channels_mismatch"
    assert info.value.fields["got"] == 2

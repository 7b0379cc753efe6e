"""``scene.build_scene``: URL state in, validated data and the engine's output out, checks before work."""

from __future__ import annotations

from dataclasses import fields, replace
from typing import Any

import numpy as np
import pytest

from conv_viz import data, engine
from conv_viz.core import limits
from conv_viz.core.params import Conv1dParams
from conv_viz.errors import ConvVizError
from conv_viz.server.url_state import DEFAULT, ViewState
from conv_viz.views import scene

# padding=1 (not the default 0) so the shapes below exercise padding; presets need no seeded draw, so no torch
PRESET = scene.ConvSpec(conv=replace(DEFAULT.conv, padding=1), input="ramp", weights="moving_average")


def _state(**conv: Any) -> scene.ConvSpec:
    return replace(PRESET, conv=replace(PRESET.conv, **conv))


def _forbid(monkeypatch: pytest.MonkeyPatch) -> None:
    """Any data generation or arithmetic now fails the test."""

    def boom(*args: object, **kwargs: object) -> None:
        raise AssertionError("work started before the configuration was checked")

    monkeypatch.setattr(data, "make_data", boom)
    monkeypatch.setattr(data, "seeded", boom)
    monkeypatch.setattr(engine, "conv1d", boom)


# ---------------------------------------------------------------- typed data


def test_typed_x_sets_batch_channels_and_length() -> None:
    s = scene.build_scene(replace(PRESET, x="0,1,2,3,4;5,6,7,8,9|1,1,1,1,1;2,2,2,2,2", batch=5, length=40))
    assert (s.batch, s.length, s.params.in_channels) == (2, 5, 2)
    assert s.data.x.shape == (2, 2, 5)
    assert s.data.x[0, 1].tolist() == [5, 6, 7, 8, 9]
    assert s.y.shape == (2, 2, 5)  # default: 2 out channels, kernel 3, padding 1


def test_typed_weight_sets_out_channels_and_kernel() -> None:
    s = scene.build_scene(replace(PRESET, x="0,1,2,3,4,5", w="1,0|0,1|1,1"))
    assert s.params.out_channels == 3
    assert s.params.kernel_size == 2
    assert s.params.in_channels == 1
    assert s.data.weight.shape == (3, 1, 2)
    assert s.y.shape == (1, 3, 7)  # 6 + 2·1 − 2 + 1


def test_typed_weight_without_x_sets_in_channels_from_groups() -> None:
    s = scene.build_scene(replace(_state(groups=2), w="1,2;3,4|5,6;7,8"))  # (2, 2, 2): 2 per group · 2 groups
    assert s.params.in_channels == 4
    assert s.data.x.shape == (1, 4, PRESET.length)


def test_typed_bias_turns_bias_on_and_is_used() -> None:
    state = replace(_state(bias=False), x="0,1,2,3", w="1,1|2,0", b="0.5, -1")
    s = scene.build_scene(state)
    assert s.params.bias is True
    assert s.data.bias is not None
    assert s.data.bias.tolist() == [0.5, -1.0]
    expected = engine.conv1d(
        np.array([[[0.0, 1, 2, 3]]]), np.array([[[1.0, 1]], [[2, 0]]]), np.array([0.5, -1]), padding=1
    )
    np.testing.assert_array_equal(s.y, expected)


def test_ramp_tutorial_numbers() -> None:
    s = scene.build_scene(replace(_state(padding=0), x=",".join(map(str, range(16))), w="0.1,0.2,0.3", b=None))
    assert s.params == replace(s.params, in_channels=1, out_channels=1, kernel_size=3)
    assert np.round(s.y[0, 0], 4).tolist()[:3] == [0.8, 1.4, 2.0]
    assert round(float(s.y[0, 0, -1]), 4) == 8.6


def test_nlc_layout_permutes_typed_x() -> None:
    """(N, L, C) text lists one time step per row: 3 steps of 2 channels become x of shape (1, 2, 3)."""
    s = scene.build_scene(replace(PRESET, x="1,2;3,4;5,6", layout="nlc"))
    assert s.data.x.shape == (1, 2, 3)
    assert s.data.x[0].tolist() == [[1, 3, 5], [2, 4, 6]]
    assert (s.params.in_channels, s.length) == (2, 3)
    ncl = scene.build_scene(replace(PRESET, x="1,2;3,4;5,6"))
    assert ncl.data.x.shape == (1, 3, 2)


def test_nlc_layout_without_typed_x_changes_nothing() -> None:
    assert scene.typed_input(replace(PRESET, layout="nlc")) is None


@pytest.mark.parametrize(
    ("fields", "key"),
    [
        ({"x": "1,2,oops"}, "typed_not_number"),
        ({"x": "1,2,3;4,5"}, "typed_ragged"),
        ({"w": "1,nan"}, "typed_not_finite"),
        ({"x": "1,2,3,4", "w": "1,1;1,1"}, "channels_mismatch"),
        ({"x": "1,2,3,4", "w": "1,1|1,1", "b": "1,2,3"}, "bias_shape"),
    ],
)
def test_bad_typed_data_raises_the_rule(fields: dict[str, str], key: str) -> None:
    with pytest.raises(ConvVizError) as info:
        scene.build_scene(replace(PRESET, **fields))
    assert info.value.key == key


# ---------------------------------------------------------------- checks before work


@pytest.mark.parametrize(
    ("state", "key"),
    [
        (_state(in_channels=6, groups=4), "groups_divide"),
        (_state(in_channels=4, out_channels=6, groups=4), "groups_divide"),
        (_state(padding="same", stride=2), "same_strided"),
        (_state(padding=0, kernel_size=20), "kernel_too_big"),
        (_state(padding=12, padding_mode="reflect"), "reflect_pad"),
        (_state(padding=13, padding_mode="circular"), "circular_pad"),
        (_state(padding=2, causal=True), "causal_padding"),
        (replace(PRESET, w="1,2,3,4,5", x="1,2"), "kernel_too_big"),  # 2 + 2·1 padded < 5
        (replace(PRESET, x="1,2,3;4,5,6;7,8,9", w="1,1|2,2", conv=replace(PRESET.conv, groups=3)), "groups_divide"),
    ],
)
def test_invalid_combinations_raise_before_any_data_work(
    monkeypatch: pytest.MonkeyPatch, state: scene.ConvSpec, key: str
) -> None:
    _forbid(monkeypatch)
    with pytest.raises(ConvVizError) as info:
        scene.build_scene(state)
    assert info.value.key == key


def test_groups_error_names_the_valid_groups(monkeypatch: pytest.MonkeyPatch) -> None:
    _forbid(monkeypatch)
    with pytest.raises(ConvVizError, match=r"Valid groups here: 1, 2\."):
        scene.build_scene(_state(in_channels=6, groups=4))


@pytest.mark.parametrize(
    ("state", "key"),
    [
        (replace(PRESET, length=limits.MAX_LENGTH + 1), "limit"),
        (replace(PRESET, batch=limits.MAX_BATCH + 1), "limit"),
        (_state(in_channels=limits.MAX_CHANNELS + 1), "limit"),
        (_state(kernel_size=limits.MAX_KERNEL + 1, padding=100), "limit"),
        # every knob allowed, their product not: 16·64·48,000·64·3 multiply-adds
        (replace(_state(in_channels=64, out_channels=64, padding=1), batch=16, length=48_000), "limit"),
        (replace(_state(in_channels=20, out_channels=64, kernel_size=128, padding=64), length=48_000), "limit_work"),
    ],
)
def test_limits_refused_before_any_work(monkeypatch: pytest.MonkeyPatch, state: scene.ConvSpec, key: str) -> None:
    _forbid(monkeypatch)
    with pytest.raises(ConvVizError) as info:
        scene.build_scene(state)
    assert info.value.key == key


def test_a_valid_state_reaches_the_data_layer_once(monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[tuple[Conv1dParams, int, int]] = []
    real = data.make_data

    def spy(params: Conv1dParams, batch: int, length: int, *args: Any, **kwargs: Any) -> data.ConvData:
        calls.append((params, batch, length))
        return real(params, batch, length, *args, **kwargs)

    monkeypatch.setattr(data, "make_data", spy)
    s = scene.build_scene(PRESET)
    assert calls == [(s.params, s.batch, s.length)]


# ---------------------------------------------------------------- dtype and output


@pytest.mark.parametrize("dtype", ["float32", "float64"])
@pytest.mark.parametrize("source", ["preset", "typed"])
def test_dtype_is_preserved_end_to_end(dtype: str, source: str) -> None:
    state = replace(PRESET, dtype=dtype)
    if source == "typed":
        state = replace(state, x="0.1,0.2,0.3,0.4,0.5", w="1,2,3|4,5,6", b="0.5,0.25")
    s = scene.build_scene(state)
    arrays = [s.data.x, s.data.weight, s.y] + ([s.data.bias] if s.data.bias is not None else [])
    assert {a.dtype.name for a in arrays} == {dtype}


def test_seeded_data_is_cast_to_the_view_dtype() -> None:
    """Seeded draws are float32 (torch's default); the view asks for float64 and gets an exact copy."""
    state = scene.ConvSpec(seed=3, dtype="float64")
    s = scene.build_scene(state)
    assert s.data.x.dtype == np.float64
    assert s.data.source in ("torch", "numpy")
    np.testing.assert_array_equal(s.data.x, s.data.x.astype(np.float32).astype(np.float64))
    s32 = scene.build_scene(replace(state, dtype="float32"))
    np.testing.assert_array_equal(s32.data.x, s.data.x.astype(np.float32))


@pytest.mark.parametrize(
    "conv",
    [
        {"padding": 2, "padding_mode": "reflect"},
        {"padding": "same", "kernel_size": 4, "padding_mode": "circular"},
        {"stride": 2, "dilation": 2, "padding": 3, "padding_mode": "replicate"},
        {"causal": True, "padding": 0},
        {"in_channels": 4, "out_channels": 8, "groups": 4},
    ],
)
def test_output_is_the_engine_on_the_scene_data(conv: dict[str, Any]) -> None:
    s = scene.build_scene(replace(_state(**conv), batch=2, length=9))
    p, d = s.params, s.data
    expected = engine.conv1d(
        d.x, d.weight, d.bias, p.stride, p.padding, p.dilation, p.groups, p.padding_mode, causal=p.causal
    )
    np.testing.assert_array_equal(s.y, expected)
    assert s.geometry.out_length == s.y.shape[2] == p.output_length(9)
    assert (s.geometry.pad_left, s.geometry.pad_right) == p.pads()


# ---------------------------------------------------------------- the pinned cell


def test_the_spec_holds_what_changes_the_numbers_and_nothing_else() -> None:
    """Every ViewState field outside ConvSpec leaves the scene's numbers alone, so one cache entry serves them all;
    every field inside changes them (a spec field that did not would split the cache for nothing)."""
    base = replace(DEFAULT, conv=replace(DEFAULT.conv, padding=1))  # seeded: the seed changes x and w
    ui_only = {
        "cell": (0, 1, 5),
        "lang": "zh",
        "present": True,
        "quiz": 7,
        "stack": "conv:1,1,3",
        "layer": 1,
        "depth_multiplier": 2,
        "sample_rate": 8000,
        "output_padding": 1,
        "loss": "mse",
        "lr": 0.5,
        "steps": 3,
        "momentum": 0.9,
        "wcell": (1, 0, 0),
        "xcell": (0, 1, 0),
        "target": "edge",
    }
    spec_fields = {f.name for f in fields(scene.ConvSpec)}
    view_fields = {f.name for f in fields(ViewState)}
    assert spec_fields | set(ui_only) >= view_fields - {"layout", "upload"}, "a new ViewState field: which is it?"
    y = scene.build_scene(scene.ConvSpec.of(base)).y
    for name, value in ui_only.items():
        if name in view_fields:
            changed = replace(base, **{name: value})
            assert scene.ConvSpec.of(changed) == scene.ConvSpec.of(base), name
            np.testing.assert_array_equal(scene.build_scene(scene.ConvSpec.of(changed)).y, y)
    number_changing = {
        "conv": replace(base.conv, stride=2),
        "batch": 2,
        "length": 10,
        "seed": 1,
        "dtype": "float32",
        "input": "step",
        "weights": "edge",
        "x": "1,2,3,4,5",
        "w": "1,0,-1|0,1,0",
        "b": "0.5,0.5",
    }
    for name, value in number_changing.items():
        changed = scene.build_scene(scene.ConvSpec.of(replace(base, **{name: value})))
        assert changed.y.shape != y.shape or not np.array_equal(changed.y, y), name


# ---------------------------------------------------------------- numbers that overflow the dtype

OVERFLOWS = [  # (view fields, the tensor named, the message key): parsed fine, infinite once cast or summed
    ({"x": "1e39,1,2,3", "dtype": "float32"}, "x", "overflow_float32"),
    ({"x": "1,2,3,4", "w": "1,1,-4e38", "dtype": "float32"}, "weight", "overflow_float32"),
    ({"x": "1,2,3,4", "b": "1e40,1", "dtype": "float32"}, "bias", "overflow_float32"),
    ({"x": "3e38,3e38,1,1", "w": "1,1", "dtype": "float32"}, "y", "overflow_float32"),
    ({"x": "1e308,1e308,0", "w": "1,1"}, "y", "overflow"),
]


@pytest.mark.parametrize(("fields", "name", "key"), OVERFLOWS, ids=str)
def test_overflow_is_a_message_not_inf(fields: dict[str, str], name: str, key: str) -> None:
    with pytest.raises(ConvVizError) as info:
        scene.build_scene(replace(scene.ConvSpec(), **fields))  # type: ignore[arg-type]
    assert info.value.key == key
    assert info.value.fields["name"] == name
    assert ("float64" in info.value.message("en")) == (key == "overflow_float32" or "dtype" not in fields)
    assert "inf" in info.value.message("zh")


def test_the_largest_finite_numbers_still_compute() -> None:
    s = scene.build_scene(scene.ConvSpec(x="1e308,-1e308,1e308", w="1,1"))
    assert np.isfinite(s.y).all()
    assert s.y.tolist() == [[[0.0, 0.0]]]


def test_typed_bias_replaces_the_seeded_one() -> None:
    """Seeded weights with a typed bias: torch's drawn weights, the typed bias (it was silently dropped before)."""
    seeded = scene.build_scene(scene.ConvSpec())
    s = scene.build_scene(scene.ConvSpec(b="5, -1"))
    assert s.data.bias is not None
    assert s.data.bias.tolist() == [5.0, -1.0]
    np.testing.assert_array_equal(s.data.weight, seeded.data.weight)  # the draw is unchanged
    np.testing.assert_array_equal(s.data.x, seeded.data.x)
    assert (s.data.weight_seeded, s.data.bias_typed) == (True, True)
    assert seeded.data.bias is not None
    shift = np.broadcast_to((np.array([5.0, -1.0]) - seeded.data.bias)[None, :, None], s.y.shape)
    np.testing.assert_allclose(s.y - seeded.y, shift, atol=1e-12)
    with pytest.raises(ConvVizError):  # one value for two output channels: torch's bias-shape rule
        scene.build_scene(scene.ConvSpec(b="5"))

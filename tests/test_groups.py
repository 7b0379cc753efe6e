"""The groups page's pure modules against torch: options, grouped = independent, separable vs full, figures."""

from __future__ import annotations

import contextlib
import io
from dataclasses import replace
from typing import Any

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from conv_viz.core.geometry import wiring
from conv_viz.core.params import Conv1dParams, common_divisors
from conv_viz.errors import ConvVizError
from conv_viz.figures.wiring import small_multiples, wiring_matrix
from conv_viz.server.url_state import DEFAULT
from conv_viz.text.code.groups import seeded_snippet
from conv_viz.views import groups
from tests.helpers import assert_close, torch_apply, torch_conv1d, torch_layer

torch = pytest.importorskip("torch")


def view(**fields: Any) -> groups.GroupsSpec:
    conv_fields = {k: v for k, v in fields.items() if hasattr(Conv1dParams, k)}
    rest = {k: v for k, v in fields.items() if k not in conv_fields}
    return groups.GroupsSpec(conv=replace(DEFAULT.conv, **conv_fields), **rest)


# ---------------------------------------------------------------- every groups value


@pytest.mark.parametrize(
    ("c", "o", "expected"),
    [
        (4, 8, [(1, "full"), (2, "grouped"), (4, "depthwise")]),
        (3, 4, [(1, "full")]),
        (6, 6, [(1, "full"), (2, "grouped"), (3, "grouped"), (6, "depthwise")]),
        (1, 5, [(1, "full")]),
    ],
)
def test_options_are_the_common_divisors(c: int, o: int, expected: list[tuple[int, str]]) -> None:
    options = groups.groups_options(Conv1dParams(c, o, 3), batch=2, length=10)
    assert [(opt.params.groups, opt.kind) for opt in options] == expected
    for opt in options:
        module = torch_layer(opt.params)
        assert opt.params.weight_shape == tuple(module.weight.shape)
        assert opt.params.param_count == sum(t.numel() for t in module.parameters())
        assert opt.reads == c // opt.params.groups


def test_macs_count_every_product() -> None:
    """With ones everywhere and no padding, each multiply-add adds exactly 1 to the output's sum."""
    for opt in groups.groups_options(Conv1dParams(4, 8, 3, stride=2, bias=False), batch=2, length=11):
        p = opt.params
        y = torch_conv1d(np.ones((2, 4, 11)), np.ones(p.weight_shape), None, stride=2, groups=p.groups)
        assert opt.macs == y.sum()


@given(
    st.sampled_from([(2, 4), (4, 4), (6, 3), (4, 8), (6, 12)]),
    st.integers(1, 3),
    st.integers(1, 4),
    st.sampled_from(["zeros", "reflect", "circular"]),
    st.booleans(),
    st.integers(0, 2**16),
)
def test_grouped_is_independent_convolutions(
    channels: tuple[int, int], k: int, stride: int, mode: str, bias: bool, seed: int
) -> None:
    c, o = channels
    rng = np.random.default_rng(seed)
    x = rng.standard_normal((2, c, 9))
    for g in common_divisors(c, o):
        p = Conv1dParams(c, o, k, stride=stride, padding=1, padding_mode=mode, groups=g, bias=bias)
        w = rng.standard_normal(p.weight_shape)
        b = rng.standard_normal(o) if bias else None
        expected = torch_conv1d(x, w, b, stride=stride, padding=1, padding_mode=mode, groups=g)
        assert_close(groups.grouped_as_independent(x, w, b, p), expected, np.dtype(np.float64))


# ---------------------------------------------------------------- separable vs full


@pytest.mark.parametrize(("c", "o", "m"), [(4, 8, 1), (4, 8, 2), (3, 5, 3), (1, 1, 1)])
def test_separable_shapes_and_counts_match_torch(c: int, o: int, m: int) -> None:
    s = groups.separable(Conv1dParams(c, o, 5, padding=2), m)
    dw, pw, full = torch_layer(s.depthwise), torch_layer(s.pointwise), torch_layer(s.full)
    count = sum(t.numel() for mod in (dw, pw) for t in mod.parameters())
    assert s.params_count() == (count, sum(t.numel() for t in full.parameters()))
    x = torch.zeros(2, c, 10)
    assert pw(dw(x)).shape == full(x).shape
    assert s.depthwise.groups == c
    assert s.depthwise.out_channels == c * m
    assert s.pointwise.kernel_size == 1
    sep, whole = s.macs(2, 10)
    assert sep == 2 * (c * m) * 10 * 5 + 2 * o * 10 * (c * m)
    assert whole == 2 * o * 10 * c * 5


SCENES = [
    pytest.param(view(in_channels=4, out_channels=8, groups=2, depth_multiplier=2), id="seeded"),
    pytest.param(view(in_channels=3, out_channels=6, groups=3, padding="same", dilation=2), id="same-depthwise"),
    pytest.param(view(in_channels=2, out_channels=4, causal=True, padding=0, padding_mode="replicate"), id="causal"),
    pytest.param(view(input="sine", weights="gaussian", stride=2, in_channels=4, out_channels=2), id="presets"),
    pytest.param(view(x="1,2,3,4,5;5,4,3,2,1", out_channels=4, groups=2, dtype="float32"), id="typed-f32"),
    pytest.param(view(in_channels=4, out_channels=6, groups=3), id="invalid-groups"),
]


@pytest.mark.parametrize("state", SCENES)
def test_every_layer_matches_torch(state: groups.GroupsSpec) -> None:
    scene = groups.build_groups(state)
    layers = [scene.depthwise, scene.pointwise, scene.full] + ([scene.grouped] if scene.grouped else [])
    for layer in layers:
        expected = torch_apply(layer.params, layer.x, layer.weight, layer.bias)
        assert_close(layer.y, expected, np.dtype(state.dtype))
    assert scene.pointwise.x is scene.depthwise.y
    assert scene.pointwise.y.shape == scene.full.y.shape


def test_invalid_groups_leaves_the_other_layers_unchanged() -> None:
    good = groups.build_groups(view(in_channels=4, out_channels=6, groups=2))
    bad = groups.build_groups(view(in_channels=4, out_channels=6, groups=3))
    assert bad.grouped is None
    assert good.grouped is not None
    for a, b in ((good.depthwise, bad.depthwise), (good.pointwise, bad.pointwise), (good.full, bad.full)):
        np.testing.assert_array_equal(a.weight, b.weight)


def test_seeded_layers_are_the_notebooks_in_order() -> None:
    scene = groups.build_groups(view(in_channels=4, out_channels=8, groups=2, depth_multiplier=2, seed=5))
    assert scene.source == "torch"
    torch.manual_seed(5)
    x = torch.randn(1, 4, scene.length)
    modules = [torch_layer(p) for p in (scene.plan.depthwise, scene.plan.pointwise, scene.plan.full, scene.conv)]
    np.testing.assert_array_equal(scene.depthwise.x, x.numpy().astype(np.float64))
    for layer, module in zip((scene.depthwise, scene.pointwise, scene.full, scene.grouped), modules, strict=True):
        assert layer is not None
        np.testing.assert_array_equal(layer.weight, module.weight.detach().numpy().astype(np.float64))


def test_snippet_reproduces_the_numbers() -> None:
    scene = groups.build_groups(view(in_channels=2, out_channels=4, groups=2, causal=True, padding=0, seed=9))
    plan = scene.plan
    grouped = None if scene.grouped is None else scene.conv
    code = seeded_snippet(
        scene.spec.seed, scene.batch, scene.length, (plan.depthwise, plan.pointwise, plan.full), grouped
    )
    namespace: dict[str, Any] = {}
    with contextlib.redirect_stdout(io.StringIO()):
        exec(compile(code, "<snippet>", "exec"), namespace)
    with torch.no_grad():
        np.testing.assert_allclose(namespace["y_full"].numpy(), scene.full.y, rtol=1e-5, atol=1e-5)
        np.testing.assert_allclose(namespace["y_separable"].numpy(), scene.pointwise.y, rtol=1e-5, atol=1e-5)


@pytest.mark.parametrize(
    ("state", "key"),
    [
        (view(in_channels=2, depth_multiplier=40), "limit"),  # depthwise out_channels 80 > 64
        (view(stride=2, padding="same"), "same_strided"),
        (view(kernel_size=20, length=5), "kernel_too_big"),
    ],
)
def test_impossible_settings_name_the_rule(state: groups.GroupsSpec, key: str) -> None:
    with pytest.raises(ConvVizError) as info:
        groups.build_groups(state)
    assert info.value.key == key


# ---------------------------------------------------------------- figures


@pytest.mark.parametrize(("c", "o", "g"), [(4, 8, 2), (64, 64, 8), (3, 4, 2), (6, 6, 6)])
def test_small_multiples_one_panel_per_valid_groups(c: int, o: int, g: int) -> None:
    fig = small_multiples(c, o, g, "en")
    valid = common_divisors(c, o)
    titles = [a.text for a in fig.layout.annotations]
    assert len(titles) == len(valid)
    assert [t.startswith("<b>") for t in titles] == [v == g for v in valid]  # the sidebar's value, bold
    assert len(fig.layout.shapes) == (1 if g in valid else 0)
    bands = [t for t in fig.data if t.fill == "toself"]
    assert len(bands) == sum(valid)  # one band per group in every panel


@pytest.mark.parametrize(("c", "o", "g"), [(4, 8, 2), (6, 6, 3), (64, 64, 64)])
def test_wiring_matrix_is_the_geometry(c: int, o: int, g: int) -> None:
    fig = wiring_matrix(c, o, g, "zh")
    z = np.array(fig.data[0].z, dtype=float)
    np.testing.assert_array_equal(~np.isnan(z), wiring(c, o, g))
    if c <= 16:
        assert fig.data[0].text[o - 1][c - 1] == f"w[{o - 1},{(c - 1) % (c // g)}]"
    assert "输入" in fig.layout.xaxis.title.text

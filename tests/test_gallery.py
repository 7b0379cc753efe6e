"""The gallery: every tutorial example replayed by the engine equals torch, and every link opens what it shows.

Each example is recomputed here with torch directly (the tutorial's own lines,
seeded as the app seeds), independently of ``conv_viz.views.replay``; the replay's
numbers, shapes and facts must agree with it.
"""

from __future__ import annotations

import contextlib
import io
from typing import Any
from urllib.parse import parse_qs

import numpy as np
import pytest
import torch
import torch.nn.functional as F  # noqa: N812 — torch's own idiom
from torch import nn

from conv_viz.core.params import Conv1dParams, ConvTranspose1dParams, output_length
from conv_viz.errors import ConvVizError
from conv_viz.server.url_state import parse, share_query, to_query
from conv_viz.stack.grammar import parse_stack
from conv_viz.stack.layers import Layer, Linear, MaxPool2d, Pool1d, Reshape
from conv_viz.stack.model import layer_output, lengths_giving, trace_model
from conv_viz.views import gallery, replay, replay_models, scene, transposed
from tests.helpers import seeded_layer

IDS = [ex.id for ex in gallery.EXAMPLES]
CONV1D = [ex.id for ex in gallery.EXAMPLES if ex.kind == "conv1d"]
F32: dict[str, Any] = {"atol": 1e-5, "rtol": 1e-5}


@pytest.fixture(scope="module")
def replays() -> dict[int, replay.Replay]:
    return {i: gallery.compute(i) for i in IDS}


def tensor(r: replay.Replay, name: str) -> np.ndarray:
    return dict(r.tensors)[name]


def test_the_table_is_examples_md() -> None:
    assert list(range(1, 15)) == IDS


@pytest.mark.parametrize("example_id", IDS)
def test_every_fact_holds(example_id: int, replays: dict[int, replay.Replay]) -> None:
    r = replays[example_id]
    checked = [f for f in r.facts if f.ok is not None]
    assert checked, "each example checks something against torch or the engine"
    assert [f.key for f in checked if not f.ok] == []
    assert r.torch_checked


@pytest.mark.parametrize("example_id", [i for i in IDS if gallery.BY_ID[i].kind != "channel_error"])
def test_output_shape_is_the_tutorials(example_id: int, replays: dict[int, replay.Replay]) -> None:
    shape = next(f for f in replays[example_id].facts if f.key in ("gallery.fact.shape", "gallery.fact.fit"))
    expected = replay.shape_text(gallery.BY_ID[example_id].tutorial_shape)
    assert expected in shape.fields.values()


def test_1_ramp_gives_08_to_86(replays: dict[int, replay.Replay]) -> None:
    x = torch.arange(16.0).reshape(1, 1, 16)
    y = F.conv1d(x, torch.tensor([0.1, 0.2, 0.3]).reshape(1, 1, 3)).numpy()
    r = replays[1]
    np.testing.assert_allclose(tensor(r, "y"), y, **F32)
    np.testing.assert_allclose(y[0, 0, [0, 1, 2, -1]], [0.8, 1.4, 2.0, 8.6], **F32)
    first = next(f for f in r.facts if f.key == "gallery.fact.first_value")
    assert first.fields["sum"] == "0·0.1 + 1·0.2 + 2·0.3"
    assert first.fields["value"] == first.fields["torch"] == "0.8000"


def test_2_seed_666_is_the_tutorials_numbers(replays: dict[int, replay.Replay]) -> None:
    with torch.no_grad():
        x, conv = seeded_layer(Conv1dParams(2, 2, 3, bias=False), (2, 2, 5), 666)
        y = conv(x)
        by_hand = float((x[0, :, 0:3] * conv.weight[0]).sum())
    r = replays[2]
    np.testing.assert_array_equal(tensor(r, "x"), x.numpy())
    np.testing.assert_array_equal(tensor(r, "weight"), conv.weight.detach().numpy())
    np.testing.assert_allclose(tensor(r, "y"), y.numpy(), **F32)
    hand = next(f for f in r.facts if f.key == "gallery.fact.hand_sum")
    assert hand.fields["expr"] == "sum(x[0, :, 0:3] * weight[0])"
    assert hand.fields["value"] == f"{by_hand:.4f}" == hand.fields["torch"]


def test_3_formula_per_channel(replays: dict[int, replay.Replay]) -> None:
    r = replays[3]
    facts = {f.key: f for f in r.facts}
    assert facts["gallery.fact.per_channel"].fields["formula"] == (
        "y[n,o,t] = x[n,0,t:t+5]·w[o,0] + x[n,1,t:t+5]·w[o,1] + b[o]"
    )
    x, w, b = (torch.from_numpy(tensor(r, name)) for name in ("x", "weight", "bias"))
    by_hand = torch.stack(
        [
            torch.stack([x[:, 0, t : t + 5] @ w[o, 0] + x[:, 1, t : t + 5] @ w[o, 1] + b[o] for t in range(2)], -1)
            for o in range(3)
        ],
        1,
    )
    np.testing.assert_allclose(tensor(r, "y"), by_hand.numpy(), **F32)
    assert facts["gallery.fact.independent"].ok


@pytest.mark.parametrize("example_id", [4, 5, 6, 7, 8])
def test_docs_shapes_by_formula_and_by_torch(example_id: int, replays: dict[int, replay.Replay]) -> None:
    ex = gallery.BY_ID[example_id]
    p = ex.params
    assert isinstance(p, Conv1dParams)
    n, _, length = ex.input_shape
    with torch.no_grad():
        x, conv = seeded_layer(p, ex.input_shape, ex.seed)
        y = conv(x)
    assert (n, p.out_channels, p.output_length(length)) == tuple(y.shape) == ex.tutorial_shape
    np.testing.assert_allclose(tensor(replays[example_id], "y_torch[0, 0, :4]"), y[0, 0, :4].numpy(), **F32)
    np.testing.assert_allclose(tensor(replays[example_id], "y[0, 0, :4]"), y[0, 0, :4].numpy(), **F32)


@pytest.mark.parametrize("example_id", [9, 10])
def test_seeded_weights_on_given_input(example_id: int, replays: dict[int, replay.Replay]) -> None:
    ex = gallery.BY_ID[example_id]
    given = torch.arange(2.0, 21.0, 2.0).reshape(1, 1, 10) if example_id == 9 else torch.ones(1, 1, 6)
    with torch.no_grad():
        _, conv = seeded_layer(Conv1dParams(1, 1, 3), ex.input_shape, ex.seed)
        y = conv(given)
    assert tuple(conv.weight.shape) == (1, 1, 3)
    assert conv.bias is not None
    assert tuple(conv.bias.shape) == (1,)
    np.testing.assert_allclose(tensor(replays[example_id], "y"), y.numpy(), **F32)


def test_11_channel_error_in_both_words(replays: dict[int, replay.Replay]) -> None:
    r = replays[11]
    assert r.engine_error is not None
    assert r.engine_error.key == "channels_mismatch"
    assert (r.engine_error.fields["expected"], r.engine_error.fields["got"]) == (1, 2)
    with pytest.raises(RuntimeError) as raised:
        nn.Conv1d(1, 1, 3)(torch.ones(2, 2, 7))
    assert r.torch_error == str(raised.value).splitlines()[0]
    assert "expected input[2, 2, 7] to have 1 channels, but got 2 channels instead" in (r.torch_error or "")


def _torch_net(pool: str, length: int) -> torch.Tensor:
    """The tutorial CNN, as torch runs it."""
    torch.manual_seed(0)
    conv1, conv2 = nn.Conv1d(1, 8, 7), nn.Conv1d(8, 18, 7)
    fcs = nn.Linear(18 * 7 * 7, 140), nn.Linear(140, 86), nn.Linear(86, 12)
    pooling = F.max_pool2d if pool == "max_pool2d" else F.max_pool1d
    with torch.no_grad():
        x = pooling(F.relu(conv1(torch.randn(1, 1, length))), 2)
        x = pooling(F.relu(conv2(x)), 2).view(-1, 18 * 7 * 7)
        y: torch.Tensor = fcs[2](F.relu(fcs[1](F.relu(fcs[0](x)))))
    return y


def test_12_view_folds_a_longer_input_into_the_batch(replays: dict[int, replay.Replay]) -> None:
    """The fact the page states, in torch: the first longer L that runs gives a batch of 2, where Flatten raises."""
    (fact,) = [f for f in replays[12].facts if f.key == "gallery.fact.view_folds"]
    length = int(fact.fields["length"])
    assert (length, fact.fields["out"], fact.fields["want"]) == (410, "(2, 12)", "(1, 12)")
    assert tuple(_torch_net("max_pool1d", length).shape) == (2, 12)
    for shorter in range(218, length):  # none before it runs (the fact names the first)
        with pytest.raises(RuntimeError):
            _torch_net("max_pool1d", shorter)
    torch.manual_seed(0)
    flatten = nn.Sequential(
        nn.Conv1d(1, 8, 7),
        nn.ReLU(),
        nn.MaxPool1d(2),
        nn.Conv1d(8, 18, 7),
        nn.ReLU(),
        nn.MaxPool1d(2),
        nn.Flatten(),
        nn.Linear(18 * 7 * 7, 140),
    )
    with pytest.raises(RuntimeError, match="cannot be multiplied"):
        flatten(torch.randn(1, 1, length))


def test_12_break_and_fit_match_torch(replays: dict[int, replay.Replay]) -> None:
    r = replays[12]
    fits = gallery.model_fit(gallery.BY_ID[12])
    assert fits == [214, 215, 216, 217]
    assert r.engine_error is not None
    assert r.engine_error.key == "stack_channels"  # the receptive-field page's rule: one shape rule per layer kind
    assert "expected input[1, 4, 104] to have 8 channels, but got 4 channels instead" in str(r.engine_error)
    with pytest.raises(RuntimeError, match=r"expected input\[1, 4, 104\] to have 8 channels, but got 4"):
        _torch_net("max_pool2d", fits[0])
    for length in fits:
        assert tuple(_torch_net("max_pool1d", length).shape) == (1, 12)
    for length in (fits[0] - 1, fits[-1] + 1):
        with contextlib.suppress(RuntimeError):
            assert tuple(_torch_net("max_pool1d", length).shape) != (1, 12)
    written = [row[1] for row in r.trace]
    assert written[:5] == ["(1, 1, 214)", "(1, 8, 208)", "(1, 8, 208)", "(1, 4, 104)", "✗"]
    assert r.trace[-1][2] == "(1, 12)"


def _close_shape(layer: Layer | Reshape, shape: tuple[int, ...]) -> tuple[int, ...]:
    """What torch gives for one layer (raising where it raises)."""
    x = torch.zeros(shape)
    if isinstance(layer, MaxPool2d):
        return tuple(F.max_pool2d(x, layer.kernel_size).shape)
    if isinstance(layer, Pool1d):
        return tuple(F.max_pool1d(x, layer.kernel_size).shape)
    if isinstance(layer, Reshape):
        return tuple(x.view(-1, layer.size).shape)
    assert isinstance(layer, Linear)
    return tuple(nn.Linear(layer.in_features, layer.out_features)(x).shape)


@pytest.mark.parametrize(
    ("layer", "shape"),
    [
        (MaxPool2d(2, 2), (1, 8, 208)),
        (MaxPool2d(3, 3), (2, 7, 10)),
        (Pool1d("max", 2, 2), (1, 8, 9)),
        (Reshape(882), (1, 18, 49)),
        (Reshape(882), (1, 18, 98)),
        (Reshape(10), (1, 3, 7)),
        (Linear(882, 140), (1, 882)),
        (Linear(882, 140), (1, 900)),
        (Pool1d("max", 4, 4), (1, 2, 3)),
    ],
)
def test_model_trace_layer_shapes_match_torch(layer: Layer | Reshape, shape: tuple[int, ...]) -> None:
    try:
        expected: tuple[int, ...] | None = _close_shape(layer, shape)
    except RuntimeError:
        expected = None
    try:
        ours: tuple[int, ...] | None = layer_output(layer, shape)
    except ConvVizError:
        ours = None
    assert ours == expected


def test_fitting_lengths_are_exactly_those_that_run() -> None:
    layers = gallery.TUTORIAL_CNN_1D
    assert lengths_giving(layers, (1, 12), 300) == [
        n for n in range(1, 301) if trace_model(layers, (1, 1, n)).output == (1, 12)
    ]


def test_13_conv2d_from_conv1d_rows_equals_torch() -> None:
    rng = np.random.default_rng(1)
    for shape, kernel, stride in [
        ((5, 8, 10, 5), (3, 2), (2, 1)),
        ((2, 3, 7, 9), (2, 4), (3, 2)),
        ((1, 1, 4, 4), (4, 4), (1, 1)),
    ]:
        x = rng.standard_normal(shape)
        w = rng.standard_normal((4, shape[1], *kernel))
        b = rng.standard_normal(4)
        expected = F.conv2d(torch.from_numpy(x), torch.from_numpy(w), torch.from_numpy(b), stride=stride).numpy()
        got = replay_models.conv2d_by_rows(x, w, b, stride)
        np.testing.assert_allclose(got, expected, atol=1e-10, rtol=1e-10)
        assert got.shape[2:] == tuple(output_length(n, k, s) for n, k, s in zip(shape[2:], kernel, stride, strict=True))


def test_14_output_padding_picks_the_length() -> None:
    x = torch.randn(20, 16, 50)
    down = nn.Conv1d(16, 33, 3, stride=2)
    with torch.no_grad():
        y = down(x)
        lengths = [nn.ConvTranspose1d(33, 16, 3, stride=2, output_padding=op)(y).shape[-1] for op in (0, 1)]
    r = gallery.compute(14)
    shown = [f.fields["engine"] for f in r.facts if f.key.startswith("gallery.fact.transposed")]
    assert shown == [f"(20, 16, {n})" for n in lengths] == ["(20, 16, 49)", "(20, 16, 50)"]
    assert [ConvTranspose1dParams(33, 16, 3, 2, output_padding=op).output_length(24) for op in (0, 1)] == lengths
    assert r.facts[0].fields["lengths"] == "49, 50"


# ---------------------------------------------------------------- the tutorial snippets print the same numbers


@pytest.mark.parametrize("example_id", CONV1D)
def test_snippet_prints_these_numbers(example_id: int, replays: dict[int, replay.Replay]) -> None:
    r = replays[example_id]
    assert r.snippet is not None
    namespace: dict[str, object] = {}
    with contextlib.redirect_stdout(io.StringIO()):
        exec(r.snippet, namespace)
    y = namespace["y"]
    assert isinstance(y, torch.Tensor)
    name = "y" if "y" in dict(r.tensors) else "y[0, 0, :4]"
    expected = tensor(r, name)
    got = y.detach().numpy() if name == "y" else y.detach().numpy()[0, 0, :4]
    np.testing.assert_allclose(got, expected, **F32)


def test_channel_error_snippet_raises_torchs_error(replays: dict[int, replay.Replay]) -> None:
    snippet = replays[11].snippet
    assert snippet is not None
    with pytest.raises(RuntimeError, match="to have 1 channels, but got 2 channels"):
        exec(snippet, {})


# ---------------------------------------------------------------- links


@pytest.mark.parametrize("example_id", IDS)
def test_link_parses_without_warnings(example_id: int) -> None:
    view = gallery.link(gallery.BY_ID[example_id]).view
    assert parse(to_query(view)) == (view, [])
    assert parse(parse_qs(share_query(view))) == (view, [])


@pytest.mark.parametrize("example_id", [i for i in IDS if gallery.link(gallery.BY_ID[i]).page == "playground"])
def test_playground_link_shows_the_example(example_id: int, replays: dict[int, replay.Replay]) -> None:
    """The playground builds the linked view; it shows the gallery's numbers, or (#11) the same error."""
    ex = gallery.BY_ID[example_id]
    target = gallery.link(ex)
    if ex.kind == "channel_error":
        with pytest.raises(ConvVizError) as raised:
            scene.build_scene(scene.ConvSpec.of(target.view))
        assert raised.value.key == "channels_mismatch"
        return
    s = scene.build_scene(scene.ConvSpec.of(target.view))
    if ex.kind == "conv2d":
        assert s.y.shape[2] == ex.tutorial_shape[2]  # type: ignore[index]
    elif not target.capped:
        np.testing.assert_allclose(s.y, tensor(replays[example_id], "y"), **F32)
    else:
        assert s.y.shape[1:] == ex.tutorial_shape[1:]  # type: ignore[index]


def test_transposed_link_builds() -> None:
    target = gallery.link(gallery.BY_ID[14])
    assert target.page == "transposed"
    built = transposed.build_transposed(transposed.TransposedSpec.of(target.view))
    assert built.y.shape[1:] == (16, 50)


def test_receptive_field_link_is_the_tutorial_stack() -> None:
    target = gallery.link(gallery.BY_ID[12])
    assert target.page == "receptive-field"
    assert target.view.stack is not None
    kinds = [type(p.layer).__name__ for p in parse_stack(target.view.stack)]
    assert kinds == ["Conv", "ReLU", "MaxPool2d", "Conv", "ReLU", "MaxPool2d", "Flatten", "Linear", "Linear", "Linear"]

"""The playground's side lessons (views/lessons.py) against torch and NumPy's own functions."""

from __future__ import annotations

from dataclasses import replace

import numpy as np
import pytest
import torch
import torch.nn.functional as F  # noqa: N812 — torch's own idiom
from hypothesis import given, settings
from hypothesis import strategies as st

from conv_viz.server.url_state import DEFAULT
from conv_viz.views import lessons
from conv_viz.views.scene import ConvSpec, build_scene


def _scene(length: int = 12, dtype: str = "float64", weights: str = "random", **conv: object):
    spec = ConvSpec(conv=replace(DEFAULT.conv, **conv), length=length, dtype=dtype, weights=weights)
    return build_scene(spec)


@settings(max_examples=25, deadline=None)
@given(
    c_in=st.integers(1, 4),
    per_out=st.integers(1, 3),
    k=st.integers(1, 6),
    length=st.integers(1, 20),
    depthwise=st.booleans(),
    dtype=st.sampled_from(["float64", "float32"]),
    seed=st.integers(0, 50),
)
def test_conv1d_is_torchs_cross_correlation(
    c_in: int, per_out: int, k: int, length: int, depthwise: bool, dtype: str, seed: int
) -> None:
    conv = replace(
        DEFAULT.conv,
        in_channels=c_in,
        out_channels=c_in * per_out,
        kernel_size=min(k, length),
        groups=c_in if depthwise else 1,
    )
    scene = build_scene(ConvSpec(conv=conv, length=length, seed=seed, dtype=dtype))
    o = scene.params.out_channels - 1
    c = lessons.correlation(scene, 0, o)
    assert c is not None
    x = torch.from_numpy(scene.data.x[0, c.c].astype(np.float64))
    w = torch.from_numpy(scene.data.weight[o, 0].astype(np.float64))
    expected = F.conv1d(x[None, None], w[None, None])[0, 0].numpy()  # torch: no flip
    np.testing.assert_allclose(c.conv1d, expected, rtol=1e-12, atol=1e-12)
    np.testing.assert_allclose(c.correlate, expected, rtol=1e-12, atol=1e-12)
    np.testing.assert_allclose(c.convolve_flipped, expected, rtol=1e-12, atol=1e-12)
    assert c.same
    # np.convolve flips the kernel: it agrees only when the kernel reads the same backwards
    assert c.flipped == bool(np.allclose(c.conv1d, c.convolve, rtol=1e-10, atol=1e-12))
    # the first input channel of o's group: groups=C_in reads channel o // per_out
    assert c.c == (o // per_out if depthwise else 0)


@pytest.mark.parametrize(("weights", "flipped"), [("moving_average", True), ("edge", False)])
def test_np_convolve_agrees_only_for_a_symmetric_kernel(weights: str, flipped: bool) -> None:
    c = lessons.correlation(_scene(weights=weights, kernel_size=3), 0, 0)
    assert c is not None
    assert c.same
    assert c.flipped is flipped


def test_a_kernel_longer_than_the_signal_has_no_lesson() -> None:
    scene = _scene(length=4, kernel_size=6, padding=2)  # padding makes the layer valid; one channel is too short
    assert lessons.correlation(scene, 0, 0) is None


@pytest.mark.parametrize("dtype", ["float64", "float32"])
def test_swapped_axes_fail_in_both_libraries(dtype: str) -> None:
    wrong = lessons.wrong_layout(_scene(length=12, dtype=dtype), with_torch=True)
    assert wrong.shape == (1, 12, 2)
    assert wrong.engine_error is not None
    assert wrong.engine_error.key == "channels_mismatch"
    assert wrong.torch_error is not None
    assert "channels" in wrong.torch_error


def test_swapped_axes_run_silently_when_length_equals_channels() -> None:
    """L == C_in: both libraries run and read time as channels, the trap the page warns about."""
    wrong = lessons.wrong_layout(_scene(length=4, in_channels=4, out_channels=4), with_torch=True)
    assert wrong.engine_error is None
    assert wrong.torch_error is None


def test_torch_is_not_asked_unless_wanted() -> None:
    wrong = lessons.wrong_layout(_scene(), with_torch=False)
    assert wrong.engine_error is not None
    assert wrong.torch_error is None

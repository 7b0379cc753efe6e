"""geometry's index maps are what torch computes: padding against F.pad and np.pad, windows against unfold."""

from __future__ import annotations

import numpy as np
import torch
import torch.nn.functional as F  # noqa: N812 — torch's own idiom
from hypothesis import given, settings
from hypothesis import strategies as st

from conv_viz.core.geometry import (
    ZERO,
    conv_geometry,
    input_channels_of,
    padded_index_map,
    transposed_scatter_map,
    window_index_map,
    wiring,
)
from conv_viz.core.params import PADDING_MODES, Conv1dParams, ConvTranspose1dParams

NP_PAD_MODE = {"zeros": "constant", "reflect": "reflect", "replicate": "edge", "circular": "wrap"}


@st.composite
def pads_for_mode(draw: st.DrawFn) -> tuple[int, int, int, str]:
    """A length, left and right pads and a mode that torch's F.pad accepts."""
    mode = draw(st.sampled_from(PADDING_MODES))
    length = draw(st.integers(1, 12))
    most = {"zeros": 12, "replicate": 12, "reflect": length - 1, "circular": length}[mode]
    return length, draw(st.integers(0, most)), draw(st.integers(0, most)), mode


def _read(length: int, index: np.ndarray) -> np.ndarray:
    """The values a map reads from the input 1, 2, …, length (0 for ZERO, so zeros stand out)."""
    x = np.arange(1.0, length + 1)
    return np.where(index == ZERO, 0.0, x[np.maximum(index, 0)])


@settings(max_examples=200)
@given(pads_for_mode())
def test_padded_index_map_is_torch_padding(config: tuple[int, int, int, str]) -> None:
    length, left, right, mode = config
    index = padded_index_map(length, left, right, mode)
    x = np.arange(1.0, length + 1)
    torch_mode = "constant" if mode == "zeros" else mode
    expected = F.pad(torch.from_numpy(x)[None, None], (left, right), mode=torch_mode)[0, 0].numpy()
    np.testing.assert_array_equal(_read(length, index), expected)
    np.testing.assert_array_equal(_read(length, index), np.pad(x, (left, right), mode=NP_PAD_MODE[mode]))


@settings(max_examples=200)
@given(st.integers(1, 30), st.integers(1, 5), st.integers(1, 4), st.integers(1, 4))
def test_window_index_map_is_unfold(padded_length: int, kernel_size: int, stride: int, dilation: int) -> None:
    span = dilation * (kernel_size - 1) + 1
    if span > padded_length:
        return
    out_length = (padded_length - span) // stride + 1
    windows = window_index_map(out_length, kernel_size, stride, dilation)
    slots = torch.arange(padded_length, dtype=torch.float64).reshape(1, 1, 1, padded_length)
    unfolded = F.unfold(slots, (1, kernel_size), dilation=(1, dilation), stride=(1, stride))  # (1, K, L_out)
    np.testing.assert_array_equal(windows, unfolded[0].T.numpy().astype(int))


def test_conv_geometry_composes_the_maps() -> None:
    params = Conv1dParams(2, 2, kernel_size=4, padding="same", padding_mode="reflect", dilation=1)
    g = conv_geometry(params, 6)
    assert (g.pad_left, g.pad_right, g.out_length) == (1, 2, 6)  # "same", even kernel: the extra cell on the right
    np.testing.assert_array_equal(g.sources, g.padded[g.windows])
    assert not g.padded.flags.writeable  # cached and shared
    for t in range(g.out_length):  # one row at a time, as the animation and explain() read them
        np.testing.assert_array_equal(g.window(t), g.windows[t])
        np.testing.assert_array_equal(g.source(t), g.sources[t])


def test_wiring_matches_input_channels_of() -> None:
    for c_in, c_out, groups in [(4, 6, 2), (3, 6, 3), (4, 4, 1), (6, 3, 3)]:
        table = wiring(c_in, c_out, groups)
        for o in range(c_out):
            assert np.flatnonzero(table[o]).tolist() == list(input_channels_of(c_in, c_out, groups, o))


@settings(max_examples=100)
@given(st.integers(1, 6), st.integers(1, 4), st.integers(1, 3), st.integers(0, 3), st.integers(0, 2), st.integers(1, 3))
def test_transposed_scatter_map_rebuilds_conv_transpose(
    length: int, kernel_size: int, stride: int, padding: int, output_padding: int, dilation: int
) -> None:
    params = ConvTranspose1dParams(1, 1, kernel_size, stride, padding, output_padding, dilation=dilation)
    if output_padding >= max(stride, dilation) or params.output_length(length) < 1:
        return
    rng = np.random.default_rng(length)
    x, w = rng.standard_normal(length), rng.standard_normal(kernel_size)
    out = np.zeros(params.output_length(length))
    for (i, k), pos in np.ndenumerate(transposed_scatter_map(params, length)):
        if pos != ZERO:
            out[pos] += x[i] * w[k]  # input cell i, tap k adds into the output cell it lands on
    expected = F.conv_transpose1d(
        torch.from_numpy(x)[None, None],
        torch.from_numpy(w)[None, None],
        None,
        stride,
        padding,
        output_padding,
        1,
        dilation,
    )
    np.testing.assert_allclose(out, expected[0, 0].numpy(), atol=1e-12)

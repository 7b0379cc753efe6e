"""explain(): the terms a student reads are the numbers the engine (and torch) used."""

from __future__ import annotations

from typing import Any

import numpy as np
import pytest
import torch
import torch.nn.functional as F  # noqa: N812 — torch's own idiom
from hypothesis import given, settings
from hypothesis import strategies as st

from conv_viz import engine
from conv_viz.core.geometry import ZERO
from conv_viz.core.params import PADDING_MODES, Conv1dParams
from conv_viz.errors import ConvVizError
from tests.helpers import DTYPES, TOLERANCES, random_arrays


def _torch_padded(x: np.ndarray, params: Conv1dParams) -> np.ndarray:
    """The input as torch's padding sees it: what each padded slot of a window holds."""
    mode = "constant" if params.padding_mode == "zeros" else params.padding_mode
    return F.pad(torch.from_numpy(x), params.pads(), mode=mode).numpy()


@st.composite
def valid_configs(draw: st.DrawFn) -> tuple[Conv1dParams, int, int, bool]:
    """A Conv1d configuration torch accepts, with an input length and batch size."""
    groups = draw(st.integers(1, 3))
    causal = draw(st.booleans())
    params = Conv1dParams(
        in_channels=groups * draw(st.integers(1, 3)),
        out_channels=groups * draw(st.integers(1, 3)),
        kernel_size=draw(st.integers(1, 5)),
        stride=1 if causal else draw(st.integers(1, 3)),
        padding=0 if causal else draw(st.one_of(st.integers(0, 3), st.sampled_from(["valid"]))),
        padding_mode=draw(st.sampled_from(PADDING_MODES)),
        dilation=draw(st.integers(1, 3)),
        groups=groups,
        bias=draw(st.booleans()),
        causal=causal,
    )
    if not causal and draw(st.booleans()):
        params = Conv1dParams(**{**params.__dict__, "padding": "same", "stride": 1})
    length = draw(st.integers(params.min_length(), params.min_length() + 6))
    return params, length, draw(st.integers(1, 2)), draw(st.booleans())


@settings(max_examples=150)
@given(valid_configs(), st.integers(0, 2**32 - 1), st.data())
def test_terms_add_up_to_the_engine_value(config: tuple, seed: int, data: st.DataObject) -> None:
    params, length, batch, unbatched = config
    kw: dict[str, Any] = {
        "stride": params.stride,
        "padding": params.padding,
        "dilation": params.dilation,
        "groups": params.groups,
        "padding_mode": params.padding_mode,
        "causal": params.causal,
    }
    for dtype in DTYPES:
        x_shape = (params.in_channels, length) if unbatched else (batch, params.in_channels, length)
        bias_len = params.out_channels if params.bias else None
        x, w, b = random_arrays(np.random.default_rng(seed), x_shape, params.weight_shape, bias_len, dtype)
        y = engine.conv1d(x, w, b, **kw)
        yb = y[None] if unbatched else y
        padded = _torch_padded(x[None] if unbatched else x, params)
        for _ in range(3):
            at = (
                data.draw(st.integers(0, yb.shape[0] - 1)),
                data.draw(st.integers(0, yb.shape[1] - 1)),
                data.draw(st.integers(0, yb.shape[2] - 1)),
            )
            e = engine.explain(x, w, b, **kw, at=at)
            n, o, t = at
            assert len(e.terms) == params.in_channels // params.groups * params.kernel_size
            for term in e.terms:
                assert term.w == w[o, term.channel - e.terms[0].channel, term.tap]
                assert term.padded_index == t * params.stride + term.tap * params.dilation
                assert term.x == padded[n, term.channel, term.padded_index]  # what torch's padding put there
                if term.source != ZERO:
                    assert term.x == (x[None] if unbatched else x)[n, term.channel, term.source]
            # running sums, added in the engine's dtype one term at a time
            running = np.asarray(0, dtype)
            for term, partial in zip(e.terms, e.partial_sums, strict=True):
                running = running + np.asarray(term.x, dtype) * np.asarray(term.w, dtype)
                assert partial == float(running)
            assert e.bias == (None if b is None else float(b[o]))
            tol = TOLERANCES[np.dtype(dtype)]
            assert e.total == pytest.approx(e.partial_sums[-1] + (e.bias or 0.0), rel=tol, abs=tol)
            assert e.total == pytest.approx(float(yb[n, o, t]), rel=tol, abs=tol)


def test_explain_the_tutorial_ramp() -> None:
    x = np.arange(16.0).reshape(1, 1, 16)
    e = engine.explain(x, np.array([[[0.1, 0.2, 0.3]]]), at=(0, 0, 0))
    assert [(t.x, t.w) for t in e.terms] == [(0.0, 0.1), (1.0, 0.2), (2.0, 0.3)]
    assert e.total == pytest.approx(0.8)


def test_explain_names_the_group_channels() -> None:
    x = np.arange(24.0).reshape(1, 4, 6)
    e = engine.explain(x, np.ones((4, 2, 2)), groups=2, at=(0, 3, 1))
    assert {t.channel for t in e.terms} == {2, 3}  # output channel 3 is in group 1: inputs 2 and 3


def test_explain_rejects_a_cell_outside_the_output() -> None:
    with pytest.raises(IndexError):
        engine.explain(np.ones((1, 1, 5)), np.ones((1, 1, 3)), at=(0, 0, 3))


def test_explain_raises_the_engines_rules() -> None:
    with pytest.raises(ConvVizError):
        engine.explain(np.ones((1, 1, 2)), np.ones((1, 1, 3)), at=(0, 0, 0))

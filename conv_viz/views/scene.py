"""One view's whole computation: a spec in, validated data and engine output out.

Pure (no Streamlit, no torch at import): the page caches ``build_scene`` on a
``ConvSpec`` (only what changes the numbers) and draws what it returns. The order of checks is the point:
torch's rules, then the app's limits, and only then any data or arithmetic,
so an impossible or oversized request costs nothing.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, fields, replace
from typing import Any, Self

import numpy as np

from conv_viz import data, engine
from conv_viz.core import limits
from conv_viz.core.geometry import ConvGeometry, conv_geometry
from conv_viz.core.params import Conv1dParams, ConvTranspose1dParams
from conv_viz.data import ConvData
from conv_viz.errors import ConvVizError
from conv_viz.server.url_state import DEFAULT, ViewState


@dataclass(frozen=True)
class ConvSpec:
    """What a Conv1d view's numbers depend on: the layer and where its data comes from.

    The URL's state (``ViewState``) also holds what only the UI reads (the pinned cell, the language,
    presentation mode) and the other pages' fields; none of them is here, so every link that shows the
    same numbers shares one cached result. The field names are ``ViewState``'s: the URL's keys.
    """

    conv: Conv1dParams = DEFAULT.conv
    batch: int = DEFAULT.batch
    length: int = DEFAULT.length
    seed: int = DEFAULT.seed
    dtype: str = DEFAULT.dtype
    input: str = DEFAULT.input
    weights: str = DEFAULT.weights
    x: str | None = None  # typed data, raw URL text
    w: str | None = None
    b: str | None = None
    layout: str = DEFAULT.layout
    upload: str | None = None  # the hash naming an upload the server keeps

    @classmethod
    def of(cls, state: ViewState) -> Self:
        return cls(**{f.name: getattr(state, f.name) for f in fields(cls)})


@dataclass(frozen=True)
class Scene:
    """Everything the playground shows for one spec; every number comes from here."""

    spec: ConvSpec
    params: Conv1dParams  # the state's, with shapes taken from typed data
    batch: int
    length: int
    data: ConvData  # x (N, C_in, L), weight, bias in the view's dtype
    y: np.ndarray  # engine output (N, C_out, L_out)
    geometry: ConvGeometry


def typed_input(state: ConvSpec) -> np.ndarray | None:
    """Typed ``x`` as (N, C, L); with the (N, L, C) layout the text lists time steps, so it is permuted."""
    if not state.x:
        return None
    x = data.parse_input(state.x)
    return x.transpose(0, 2, 1).copy() if state.layout == "nlc" else x


def effective_params(state: ConvSpec, x: np.ndarray | None, w: np.ndarray | None) -> tuple[Conv1dParams, int, int]:
    """The configuration after typed data fixed some shapes: (params, batch, length)."""
    conv, batch, length = state.conv, state.batch, state.length
    if w is not None:
        conv = replace(conv, out_channels=w.shape[0], kernel_size=w.shape[2])
        if x is None:
            conv = replace(conv, in_channels=w.shape[1] * conv.groups)
    if x is not None:
        batch, length = x.shape[0], x.shape[2]
        conv = replace(conv, in_channels=x.shape[1])
    if state.b:
        conv = replace(conv, bias=True)
    return conv, batch, length


def check_finite(dtype: np.dtype, **arrays: np.ndarray | None) -> None:
    """Refuse numbers that overflow the view's dtype.

    Typed numbers are finite when parsed, but 1e39 is inf in float32, and two
    1e308 summed are inf in float64; an inf would reach the page as "nan" diffs,
    309-digit sums and audio that cannot be encoded. Checked in order, so the
    message names the first tensor that overflowed (x, weight, bias, then y).
    """
    for name, a in arrays.items():
        if a is not None and not np.isfinite(a).all():
            key = "overflow_float32" if dtype == np.float32 else "overflow"
            raise ConvVizError(key, name=name, dtype=dtype.name, max=f"{float(np.finfo(dtype).max):.2g}")


def view_data(
    spec: ConvSpec,
    params: Conv1dParams | ConvTranspose1dParams,
    batch: int,
    length: int,
    x: np.ndarray | None,
    w: np.ndarray | None,
    b: np.ndarray | None,
    draw: Callable[[Any, int, int, int], ConvData] = data.seeded,
) -> ConvData:
    """The view's tensors in its dtype: the typed (or uploaded) ones where given, else presets or ``draw``'s.

    ``draw``: the seeded draw of the view's module (``nn.Conv1d``'s by default).
    """
    source = data.make_data(
        params, batch, length, spec.seed, spec.input if x is None else x, spec.weights if w is None else w, b, draw=draw
    )
    cast = source.astype(spec.dtype)
    check_finite(cast.x.dtype, x=cast.x, weight=cast.weight, bias=cast.bias)
    return cast


# Overflow is found by check_finite and told to the user; NumPy's own warnings about it would only fill the log.
QUIET_OVERFLOW = np.errstate(over="ignore", invalid="ignore")


@QUIET_OVERFLOW
def build_scene(spec: ConvSpec, upload: np.ndarray | None = None) -> Scene:
    """Parse, validate, generate and convolve; raises ``ConvVizError`` with the rule and its fix.

    ``upload``: the (1, C, L) input ``spec.upload`` names, looked up by the page
    (its store is server spec; this module stays pure). Typed ``x`` wins over it.
    """
    x_given = typed_input(spec)
    if x_given is None and upload is not None:
        x_given = np.asarray(upload, dtype=np.float64)
    w_typed = data.parse_weight(spec.w) if spec.w else None
    b_typed = data.parse_bias(spec.b) if spec.b else None
    params, batch, length = effective_params(spec, x_given, w_typed)
    params.check()
    limits.check_limits(params, batch, length)
    params.validate(length)
    cast = view_data(spec, params, batch, length, x_given, w_typed, b_typed)
    y = engine.apply(params, cast.x, cast.weight, cast.bias)
    check_finite(y.dtype, y=y)
    return Scene(spec, params, batch, length, cast, y, conv_geometry(params, length))


def explain_cell(scene: Scene, n: int, o: int, t: int) -> engine.Explanation:
    """The terms of y[n, o, t] for this scene, read through the geometry the engine used."""
    p, d = scene.params, scene.data
    return engine.explain(
        d.x,
        d.weight,
        d.bias,
        p.stride,
        p.padding,
        p.dilation,
        p.groups,
        p.padding_mode,
        causal=p.causal,
        at=(n, o, t),
    )

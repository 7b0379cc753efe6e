"""The playground's two side lessons, computed: Conv1d is cross-correlation, and (N, L, C) data is a trap.

Pure: the page's tabs draw what these return. ``correlation`` runs one channel of the view through the
engine, ``np.correlate`` and ``np.convolve``; ``wrong_layout`` hands the engine (and torch, when asked)
the view's x with its last two axes swapped, as data stored time-major arrives.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from conv_viz import engine, reference
from conv_viz.core.geometry import input_channels_of
from conv_viz.errors import ConvVizError
from conv_viz.views.scene import Scene

# float64 recomputations of the same sum in another order: equal far inside these bounds
_RTOL, _ATOL = 1e-10, 1e-12


@dataclass(frozen=True)
class Correlation:
    """One input channel c and one kernel row of output channel o, four ways."""

    n: int
    o: int
    c: int
    conv1d: np.ndarray  # the engine: no padding, stride 1, no bias
    correlate: np.ndarray  # np.correlate(x, w, "valid")
    convolve: np.ndarray  # np.convolve(x, w, "valid"): the kernel flipped
    convolve_flipped: np.ndarray  # np.convolve(x, w[::-1], "valid"): flipped back, so equal to conv1d

    @property
    def same(self) -> bool:
        """conv1d equals np.correlate: cross-correlation."""
        return bool(np.allclose(self.conv1d, self.correlate, rtol=_RTOL, atol=_ATOL))

    @property
    def flipped(self) -> bool:
        """conv1d also equals np.convolve: only when the kernel reads the same backwards."""
        return bool(np.allclose(self.conv1d, self.convolve, rtol=_RTOL, atol=_ATOL))


def correlation(scene: Scene, n: int, o: int) -> Correlation | None:
    """Output channel o's first input channel of item n; None when the kernel is longer than the signal."""
    p, d = scene.params, scene.data
    c = input_channels_of(p.in_channels, p.out_channels, p.groups, o)[0]
    x = d.x[n, c].astype(np.float64)
    w = d.weight[o, 0].astype(np.float64)
    if w.size > x.size:
        return None
    ours = engine.conv1d(x[None], w[None, None])[0]
    return Correlation(
        n,
        o,
        c,
        ours,
        np.correlate(x, w, mode="valid"),
        np.convolve(x, w, mode="valid"),
        np.convolve(x, w[::-1], mode="valid"),
    )


@dataclass(frozen=True)
class WrongLayout:
    """The view's x held as (N, L, C) and what each library makes of it."""

    shape: tuple[int, ...]  # x's shape as (N, L, C)
    engine_error: ConvVizError | None  # None: the engine ran, reading L as channels (silently wrong)
    torch_error: str | None  # torch's own message; None when torch ran or was not asked


def wrong_layout(scene: Scene, with_torch: bool) -> WrongLayout:
    """Run the layer on x.transpose(0, 2, 1), the permute a learner forgot."""
    p, d = scene.params, scene.data
    wrong = d.x.transpose(0, 2, 1)
    engine_error = torch_error = None
    try:
        engine.apply(p, wrong, d.weight, d.bias)
    except ConvVizError as err:
        engine_error = err
    if with_torch and reference.torch_available():
        try:
            reference.run_torch(wrong, d.weight, d.bias, p)
        except ConvVizError as err:
            torch_error = str(err.fields.get("error", err))
    return WrongLayout(wrong.shape, engine_error, torch_error)

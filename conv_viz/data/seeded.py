"""Seeded random data: the notebook's ``manual_seed`` → ``randn`` → ``nn.Conv1d``, bit for bit.

torch is reached through ``conv_viz.reference``, imported inside the functions
(that module imports torch inside its own), so importing this module never
imports torch. Without torch the draw comes from NumPy and says so (``source``).
"""

from __future__ import annotations

from dataclasses import dataclass, replace

import numpy as np

from conv_viz.core.limits import MAX_SEED
from conv_viz.core.params import Conv1dParams
from conv_viz.errors import ConvVizError


@dataclass(frozen=True)
class ConvData:
    """An input, a weight and a bias, and where they came from, so a snippet can rebuild them.

    ``source``: "torch" or "numpy" when some part came from the seeded draw
    (``torch.manual_seed(seed)``; ``x = torch.randn(...)``; ``nn.Conv1d(...)``),
    "explicit" when nothing did. "numpy" means torch is not installed and the
    draw came from NumPy: the same shapes and bounds, not torch's numbers.
    """

    x: np.ndarray
    weight: np.ndarray
    bias: np.ndarray | None
    source: str = "explicit"
    seed: int | None = None
    x_seeded: bool = False  # x is the draw's randn
    weight_seeded: bool = False  # weight (and bias, unless typed) are the draw's default init
    bias_typed: bool = False  # a typed bias replaced the draw's: a snippet writes it out

    def astype(self, dtype: np.dtype | str) -> ConvData:
        """The same numbers in ``dtype`` (the page's float32 / float64 choice), provenance kept."""
        bias = None if self.bias is None else self.bias.astype(dtype)
        return replace(self, x=self.x.astype(dtype), weight=self.weight.astype(dtype), bias=bias)


def _check_seed(seed: int) -> None:
    if not 0 <= seed <= MAX_SEED:
        raise ConvVizError("seed", seed=seed, max=MAX_SEED)


def seeded_input(batch: int, channels: int, length: int, seed: int) -> np.ndarray:
    """float32 ``torch.randn(batch, channels, length)`` after ``torch.manual_seed(seed)`` (NumPy's without torch)."""
    from conv_viz import reference  # imports torch lazily; here so conv_viz.data imports no torch

    _check_seed(seed)
    if reference.torch_available():
        return reference.torch_randn((batch, channels, length), seed)
    return np.random.default_rng(seed).standard_normal((batch, channels, length)).astype(np.float32)


def _numpy_seeded(params: Conv1dParams, batch: int, length: int, seed: int) -> ConvData:
    """Without torch: normal x, then U(−bound, bound) weight and bias, drawn in torch's order."""
    rng = np.random.default_rng(seed)
    x = rng.standard_normal((batch, params.in_channels, length)).astype(np.float32)
    bound = params.init_bound
    weight = rng.uniform(-bound, bound, params.weight_shape).astype(np.float32)
    bias = rng.uniform(-bound, bound, params.out_channels).astype(np.float32) if params.bias else None
    return ConvData(x, weight, bias, "numpy", seed, x_seeded=True, weight_seeded=True)


def seeded(params: Conv1dParams, batch: int, length: int, seed: int) -> ConvData:
    """The notebook's three lines: ``torch.manual_seed(seed)``, ``x = torch.randn(N, C_in, L)``, ``nn.Conv1d(...)``.

    Bit for bit torch's float32 numbers when torch is installed (``source`` is
    "torch"); otherwise NumPy's, with ``source`` "numpy" so the page can say so.
    """
    from conv_viz import reference

    _check_seed(seed)
    params.check()
    if not reference.torch_available():
        return _numpy_seeded(params, batch, length, seed)
    x, weight, bias = reference.torch_seeded(params, batch, length, seed)
    return ConvData(x, weight, bias, "torch", seed, x_seeded=True, weight_seeded=True)

"""The one comparison with torch: the engine and torch on the same numbers, explicit tolerances.

Tolerances (``atol`` and ``rtol`` alike, as in ``np.testing.assert_allclose``):
float64 1e-10 — both sides are exact to ~1e-15 relative, the slack covers long
sums; float32 1e-5 — torch's float32 goes through oneDNN, which sums in a
different order (and FMA), so the two agree to a few float32 ulps of the
largest partial sum, not bit for bit. Keep test shapes small (sums of at most a
few hundred terms of O(1) values) and these hold with a wide margin.

Import as ``from tests.helpers import assert_matches_torch``.
"""

from __future__ import annotations

import warnings
from typing import Any

import numpy as np
import torch
import torch.nn.functional as F  # noqa: N812 — torch's own idiom

from conv_viz import engine
from conv_viz.core.params import Conv1dParams, ConvTranspose1dParams
from conv_viz.errors import ConvVizError

TOLERANCES: dict[np.dtype, float] = {np.dtype(np.float64): 1e-10, np.dtype(np.float32): 1e-5}
DTYPES = (np.float64, np.float32)


def _module_dtype(module: torch.nn.Module, dtype: np.dtype) -> torch.nn.Module:
    return module.double() if dtype == np.float64 else module.float()


def torch_conv1d(
    x: np.ndarray,
    weight: np.ndarray,
    bias: np.ndarray | None = None,
    stride: int = 1,
    padding: int | str = 0,
    dilation: int = 1,
    groups: int = 1,
    padding_mode: str = "zeros",
    causal: bool = False,
) -> np.ndarray:
    """The real ``torch.nn.Conv1d`` with this weight and bias; causal = ``F.pad`` on the left, then padding 0.

    Raises whatever torch raises (the sweep relies on that).
    """
    out_channels, per_group, kernel_size = weight.shape
    with torch.no_grad(), warnings.catch_warnings():
        # torch warns that "same" with an even kernel copies the input, or that an empty weight is not
        # initialised: true, and not our concern
        warnings.simplefilter("ignore", UserWarning)
        module = torch.nn.Conv1d(
            per_group * groups,
            out_channels,
            kernel_size,
            stride=stride,
            padding=0 if causal else padding,
            dilation=dilation,
            groups=groups,
            bias=bias is not None,
            padding_mode=padding_mode,
        )
        module = _module_dtype(module, x.dtype)
        xt = torch.from_numpy(np.ascontiguousarray(x))
        module.weight.copy_(torch.from_numpy(weight))
        if bias is not None:
            module.bias.copy_(torch.from_numpy(bias))
        if causal:
            mode = "constant" if padding_mode == "zeros" else padding_mode
            xt = F.pad(xt, (dilation * (kernel_size - 1), 0), mode=mode)
        return module(xt).numpy()


def torch_apply(p: Conv1dParams, x: np.ndarray, weight: np.ndarray, bias: np.ndarray | None) -> np.ndarray:
    """``torch_conv1d`` for the layer ``p`` describes: torch's side of ``engine.apply``."""
    return torch_conv1d(x, weight, bias, p.stride, p.padding, p.dilation, p.groups, p.padding_mode, p.causal)


def torch_layer(p: Conv1dParams | ConvTranspose1dParams) -> torch.nn.Module:
    """The layer ``p`` describes, written out field by field as a learner would (not through the package's
    ``module_kwargs``, which the app's own torch calls use); a causal Conv1d pads with ``F.pad`` first, so its
    own padding is 0. Raises whatever torch raises."""
    if isinstance(p, ConvTranspose1dParams):
        return torch.nn.ConvTranspose1d(
            p.in_channels,
            p.out_channels,
            p.kernel_size,
            stride=p.stride,
            padding=p.padding,
            output_padding=p.output_padding,
            groups=p.groups,
            bias=p.bias,
            dilation=p.dilation,
            padding_mode=p.padding_mode,
        )
    return torch.nn.Conv1d(
        p.in_channels,
        p.out_channels,
        p.kernel_size,
        stride=p.stride,
        padding=0 if p.causal else p.padding,
        dilation=p.dilation,
        groups=p.groups,
        bias=p.bias,
        padding_mode=p.padding_mode,
    )


def seeded_layer(p: Conv1dParams, shape: tuple[int, ...], seed: int) -> tuple[torch.Tensor, torch.nn.Module]:
    """What a learner types, and the app's seeding convention: ``manual_seed(seed)``, ``x = randn(*shape)``,
    then the layer (its init draws from the generator after x)."""
    torch.manual_seed(seed)
    x = torch.randn(*shape)
    return x, torch_layer(p)


def engine_error(fn: Any, *args: Any, **kwargs: Any) -> ConvVizError | None:
    """The ConvVizError ``fn`` raises, or None when it returns; any other exception fails the test."""
    try:
        fn(*args, **kwargs)
    except ConvVizError as err:
        return err
    return None


def assert_close(got: np.ndarray, expected: np.ndarray, dtype: np.dtype) -> None:
    """Same dtype, same shape, equal within the documented tolerance of ``dtype``."""
    assert got.dtype == dtype, f"dtype {got.dtype} != {dtype}"
    assert got.shape == expected.shape, f"shape {got.shape} != {expected.shape}"
    tol = TOLERANCES[np.dtype(dtype)]
    np.testing.assert_allclose(got, expected, atol=tol, rtol=tol)


def assert_matches_torch(
    x: np.ndarray,
    weight: np.ndarray,
    bias: np.ndarray | None = None,
    *,
    strategy: str | None = None,
    **conv_kwargs: Any,
) -> np.ndarray:
    """``engine.conv1d`` equals ``torch.nn.Conv1d`` on the same numbers; returns the engine's output."""
    expected = torch_conv1d(x, weight, bias, **conv_kwargs)
    got = engine.conv1d(x, weight, bias, strategy=strategy, **conv_kwargs)
    assert_close(got, expected, x.dtype)
    return got


def torch_conv_transpose1d(
    x: np.ndarray, weight: np.ndarray, bias: np.ndarray | None = None, **kwargs: Any
) -> np.ndarray:
    """``F.conv_transpose1d`` on NumPy arrays; raises whatever torch raises."""
    b = None if bias is None else torch.from_numpy(bias)
    with torch.no_grad():
        return F.conv_transpose1d(torch.from_numpy(x), torch.from_numpy(weight), b, **kwargs).numpy()


def assert_transposed_matches_torch(
    x: np.ndarray, weight: np.ndarray, bias: np.ndarray | None = None, **kwargs: Any
) -> np.ndarray:
    """``engine.conv_transpose1d`` equals ``F.conv_transpose1d``; returns the engine's output."""
    expected = torch_conv_transpose1d(x, weight, bias, **kwargs)
    got = engine.conv_transpose1d(x, weight, bias, **kwargs)
    assert_close(got, expected, x.dtype)
    return got


def random_arrays(
    rng: np.random.Generator, x_shape: tuple[int, ...], w_shape: tuple[int, ...], bias: int | None, dtype: Any
) -> tuple[np.ndarray, np.ndarray, np.ndarray | None]:
    """Standard-normal input, weight and (when ``bias`` gives its length) bias in ``dtype``."""
    x = rng.standard_normal(x_shape).astype(dtype)
    w = rng.standard_normal(w_shape).astype(dtype)
    b = None if bias is None else rng.standard_normal(bias).astype(dtype)
    return x, w, b

"""Conv1d and ConvTranspose1d configurations and the rules torch enforces on them.

Frozen dataclasses so a configuration can key a cache and travel through the
URL unchanged. ``validate`` raises ``ConvVizError`` exactly where torch raises,
with torch's wording of the rule and a concrete fix. NumPy and the standard
library only.
"""

from __future__ import annotations

import math
import numbers
from dataclasses import dataclass, fields
from typing import Any

import numpy as np

from conv_viz.errors import ConvVizError
from conv_viz.i18n import join

PADDING_MODES = ("zeros", "reflect", "replicate", "circular")
PADDING_STRINGS = ("same", "valid")
Padding = int | str


def output_length(
    length: int, kernel_size: int, stride: int = 1, pad_left: int = 0, pad_right: int = 0, dilation: int = 1
) -> int:
    """Conv1d's L_out = ⌊(L_in + pad_left + pad_right − dilation·(kernel_size − 1) − 1) / stride⌋ + 1.

    torch writes ``2·padding`` for the two pads; they differ only for ``"same"``
    with an odd total and for causal padding. Zero or less means "no window fits".

    >>> output_length(16, 3)
    14
    >>> output_length(50, 3, stride=2)
    24
    """
    return (length + pad_left + pad_right - dilation * (kernel_size - 1) - 1) // stride + 1


def transposed_output_length(
    length: int, kernel_size: int, stride: int = 1, padding: int = 0, output_padding: int = 0, dilation: int = 1
) -> int:
    """ConvTranspose1d's L_out = (L_in − 1)·stride − 2·padding + dilation·(kernel_size − 1) + output_padding + 1.

    >>> transposed_output_length(24, 3, stride=2)
    49
    """
    return (length - 1) * stride - 2 * padding + dilation * (kernel_size - 1) + output_padding + 1


def same_padding(kernel_size: int, dilation: int) -> tuple[int, int]:
    """torch's ``padding="same"``: total dilation·(k−1), the odd extra cell on the right."""
    total = dilation * (kernel_size - 1)
    return total // 2, total - total // 2


def common_divisors(a: int, b: int) -> list[int]:
    """The ``groups`` values that divide both channel counts."""
    g = math.gcd(a, b)
    return [d for d in range(1, g + 1) if g % d == 0]


INT64 = (-(2**63), 2**63 - 1)
"""The range torch reads an integer argument into (a C++ int64_t); outside it torch raises."""
INT32_MAX = 2**31 - 1
"""ConvTranspose1d keeps stride and dilation in 32-bit ints: beyond this torch refuses them or wraps them round."""


def torch_int(name: str, value: object, *, one_tuple: bool = True) -> int:
    """``value`` read as torch reads an integer argument, or ``ConvVizError`` where torch raises.

    Python and NumPy integers are accepted (torch takes anything with ``__index__``), and so
    are a tuple or list of exactly one of them (torch's ``_single``) when ``one_tuple``; a bool,
    a float, a string or an integer outside int64 is refused, as torch refuses it.

    >>> torch_int("stride", (2,)), torch_int("padding", np.int8(1))
    (2, 1)
    """
    item = value
    if one_tuple and isinstance(value, tuple | list):
        if len(value) != 1:
            raise ConvVizError("arg_length", name=name, value=_show(value), count=len(value))
        item = value[0]
    # bool is an int to Python and np.bool_ has __index__, but torch refuses both
    if isinstance(item, bool | np.bool_) or not isinstance(item, numbers.Integral | np.integer):
        raise ConvVizError("arg_type", name=name, value=_show(value), type=type(item).__name__)
    number = int(item)
    if not INT64[0] <= number <= INT64[1]:
        raise ConvVizError("arg_int64", name=name, value=number)
    return number


def _show(value: object) -> str:
    """A user's argument as text for a message: short, and never more than 40 characters of it."""
    text = repr(value)
    return text if len(text) <= 40 else text[:37] + "..."


_SINGLE = ("kernel_size", "stride", "padding", "dilation", "output_padding")  # torch's _single: a 1-tuple will do


def _normalise(params: object, padding_strings: bool) -> None:
    """Replace each integer field of a frozen params object by ``torch_int`` of it (in ``__post_init__``).

    One type per value keeps the caches honest: ``2.0 == 2`` and ``hash(2.0) == hash(2)``, so a
    float stride would share a cache entry (``geometry.conv_geometry``) with the valid ``stride=2``.
    """
    for f in fields(params):  # type: ignore[arg-type]
        value = getattr(params, f.name)
        if f.name in ("bias", "causal"):
            continue
        if f.name == "padding_mode":
            if isinstance(value, str):  # np.str_ is a str; store the plain str
                object.__setattr__(params, f.name, str(value))
            continue
        if f.name == "padding" and padding_strings and isinstance(value, str):
            object.__setattr__(params, f.name, str(value))
            continue
        object.__setattr__(params, f.name, torch_int(f.name, value, one_tuple=f.name in _SINGLE))


def _positive(name: str, value: int) -> None:
    if value < 1:
        raise ConvVizError("positive", name=name, value=value)


def _check_groups(in_channels: int, out_channels: int, groups: int) -> None:
    _positive("in_channels", in_channels)
    _positive("out_channels", out_channels)
    valid = join(common_divisors(in_channels, out_channels))
    if groups < 1:
        raise ConvVizError("groups_positive", groups=groups, valid=valid)
    for name, channels in (("in_channels", in_channels), ("out_channels", out_channels)):
        if channels % groups:
            raise ConvVizError("groups_divide", groups=groups, name=name, channels=channels, valid=valid)


@dataclass(frozen=True)
class Conv1dParams:
    """What ``nn.Conv1d`` takes, plus ``causal`` (left-only padding, an app option).

    torch spells causal padding ``F.pad(x, (dilation·(kernel_size−1), 0))``
    followed by a convolution with ``padding=0``.
    """

    in_channels: int = 1
    out_channels: int = 1
    kernel_size: int = 3
    stride: int = 1
    padding: Padding = 0
    padding_mode: str = "zeros"
    dilation: int = 1
    groups: int = 1
    bias: bool = True
    causal: bool = False

    def __post_init__(self) -> None:
        _normalise(self, padding_strings=True)

    def pads(self) -> tuple[int, int]:
        """(left, right) cells added to the input before the windows slide."""
        if self.causal:
            return self.dilation * (self.kernel_size - 1), 0
        if self.padding == "same":
            return same_padding(self.kernel_size, self.dilation)
        if self.padding == "valid":
            return 0, 0
        assert isinstance(self.padding, int)
        return self.padding, self.padding

    def module_kwargs(self) -> dict[str, Any]:
        """``nn.Conv1d``'s keyword arguments; causal padding is ``F.pad`` before the layer, so padding=0 there."""
        return {
            "stride": self.stride,
            "padding": 0 if self.causal else self.padding,
            "dilation": self.dilation,
            "groups": self.groups,
            "bias": self.bias,
            "padding_mode": self.padding_mode,
        }

    @property
    def span(self) -> int:
        """Input cells one window covers: dilation·(kernel_size − 1) + 1 (the layer's receptive field)."""
        return self.dilation * (self.kernel_size - 1) + 1

    @property
    def weight_shape(self) -> tuple[int, int, int]:
        return (self.out_channels, self.in_channels // self.groups, self.kernel_size)

    @property
    def bias_shape(self) -> tuple[int] | None:
        return (self.out_channels,) if self.bias else None

    @property
    def param_count(self) -> int:
        return math.prod(self.weight_shape) + (self.out_channels if self.bias else 0)

    @property
    def init_bound(self) -> float:
        """PyTorch's default init draws weight and bias from U(−√k, √k), k = groups / (in_channels·kernel_size)."""
        return math.sqrt(self.groups / (self.in_channels * self.kernel_size))

    def output_length(self, length: int) -> int:
        return output_length(length, self.kernel_size, self.stride, *self.pads(), self.dilation)

    def check(self) -> None:
        """The rules that do not depend on the input (``nn.Conv1d``'s constructor and argument checks)."""
        _check_groups(self.in_channels, self.out_channels, self.groups)
        if isinstance(self.padding, str):
            if self.padding not in PADDING_STRINGS:
                raise ConvVizError("padding_string", padding=self.padding)
            if self.padding == "same" and self.stride != 1:
                raise ConvVizError("same_strided", stride=self.stride)
        elif self.padding < 0 and self.padding_mode == "zeros":
            # other modes hand the pads to F.pad, which crops for a negative one (the window rules still apply)
            raise ConvVizError("padding_negative", padding=self.padding)
        if self.padding_mode not in PADDING_MODES:
            raise ConvVizError("padding_mode", padding_mode=self.padding_mode, modes=join(PADDING_MODES))
        _positive("kernel_size", self.kernel_size)
        _positive("stride", self.stride)
        _positive("dilation", self.dilation)
        if self.causal and self.padding not in (0, "valid"):
            raise ConvVizError("causal_padding", padding=self.padding)

    def min_length(self) -> int:
        """The smallest input length every rule accepts (for messages and widget bounds)."""
        left, right = self.pads()
        need = max(1, self.span - left - right)
        if self.padding_mode == "reflect":
            need = max(need, left + 1, right + 1)
        elif self.padding_mode == "circular":
            need = max(need, left, right)
        return need

    def validate(self, length: int) -> None:
        """All of torch's rules for an input of ``length`` samples; raises ``ConvVizError``."""
        self.check()
        if length < 1:
            raise ConvVizError("length_positive", length=length)
        left, right = self.pads()
        pad = max(left, right)
        fix = self.min_length()
        if self.padding_mode == "reflect" and pad >= length:
            raise ConvVizError("reflect_pad", pad=pad, length=length, fix=fix, max_pad=length - 1)
        if self.padding_mode == "circular" and pad > length:
            raise ConvVizError("circular_pad", pad=pad, length=length, fix=fix)
        if self.span > length + left + right:
            raise ConvVizError(
                "kernel_too_big",
                padded=length + left + right,
                span=self.span,
                kernel_size=self.kernel_size,
                dilation=self.dilation,
                fix=fix,
            )


@dataclass(frozen=True)
class ConvTranspose1dParams:
    """What ``nn.ConvTranspose1d`` takes (zeros padding only, as in torch)."""

    in_channels: int = 1
    out_channels: int = 1
    kernel_size: int = 3
    stride: int = 1
    padding: int = 0
    output_padding: int = 0
    groups: int = 1
    bias: bool = True
    dilation: int = 1
    padding_mode: str = "zeros"

    def __post_init__(self) -> None:
        _normalise(self, padding_strings=False)

    def module_kwargs(self) -> dict[str, Any]:
        """``nn.ConvTranspose1d``'s keyword arguments, in its parameter order."""
        return {
            "stride": self.stride,
            "padding": self.padding,
            "output_padding": self.output_padding,
            "groups": self.groups,
            "bias": self.bias,
            "dilation": self.dilation,
        }

    @property
    def weight_shape(self) -> tuple[int, int, int]:
        """(in_channels, out_channels / groups, kernel_size): in and out swap places against Conv1d."""
        return (self.in_channels, self.out_channels // self.groups, self.kernel_size)

    @property
    def param_count(self) -> int:
        return math.prod(self.weight_shape) + (self.out_channels if self.bias else 0)

    def output_length(self, length: int) -> int:
        return transposed_output_length(
            length, self.kernel_size, self.stride, self.padding, self.output_padding, self.dilation
        )

    def check(self) -> None:
        _check_groups(self.in_channels, self.out_channels, self.groups)
        if self.padding_mode != "zeros":
            raise ConvVizError("transposed_mode", padding_mode=self.padding_mode)
        _positive("kernel_size", self.kernel_size)
        _positive("stride", self.stride)
        _positive("dilation", self.dilation)
        for name in ("stride", "dilation"):
            if getattr(self, name) > INT32_MAX:
                raise ConvVizError("arg_int32", name=name, value=getattr(self, name), max=INT32_MAX)
        if self.padding < 0:
            raise ConvVizError("padding_negative", padding=self.padding)
        if self.output_padding < 0:
            raise ConvVizError("output_padding_negative", output_padding=self.output_padding)
        if self.output_padding >= max(self.stride, self.dilation):
            raise ConvVizError(
                "output_padding",
                output_padding=self.output_padding,
                stride=self.stride,
                dilation=self.dilation,
                max_op=max(self.stride, self.dilation) - 1,
            )

    def min_length(self) -> int:
        """The smallest input length whose output has at least one cell."""
        fixed = -2 * self.padding + self.dilation * (self.kernel_size - 1) + self.output_padding + 1
        return max(1, -(-(1 - fixed) // self.stride) + 1)

    def validate(self, length: int) -> None:
        self.check()
        if length < 1:
            raise ConvVizError("length_positive", length=length)
        out = self.output_length(length)
        if out < 1:
            raise ConvVizError("transposed_too_small", length=length, out=out, fix=self.min_length())

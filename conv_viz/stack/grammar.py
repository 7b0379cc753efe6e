"""The stack's text form, as it travels in the URL: ``conv:1,8,7;relu;maxpool:2;flatten;linear:880,140``.

Grammar (whitespace anywhere between tokens is ignored; names are case-insensitive):

    stack := layer (";" layer)*          a newline also separates layers; empty layers are skipped
    layer := name [":" arg ("," arg)*]
    arg   := value | key "=" value | flag

Positional values follow torch's own argument order, keys are torch's names
(or the short aliases below), so ``conv:8,18,7,2`` is ``nn.Conv1d(8, 18, 7, 2)``:

    conv / conv1d        in_channels, out_channels, kernel_size, stride (s), padding (p: int, same, valid),
                         dilation (d), groups (g), bias (true/false), padding_mode; flag causal
    relu
    maxpool / maxpool1d  kernel_size (k), stride (s, default kernel_size), padding (p), dilation (d)
    avgpool / avgpool1d  kernel_size (k), stride (s, default kernel_size), padding (p)
    maxpool2d            kernel_size (k), stride (s): F.max_pool2d on the (N, C, L) tensor
    flatten
    linear / fc          in_features, out_features, bias

``causal`` is the app's causal option: ``F.pad(x, (dilation·(kernel_size−1), 0))``
then the convolution with padding=0, so L_out = L_in and no output sees the future.
A mistake raises ``ConvVizError`` naming the 1-based character position and the fix.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Callable
from dataclasses import dataclass

from conv_viz.core.limits import MAX_DILATION, MAX_KERNEL, MAX_LENGTH, MAX_PADDING, MAX_STACK_CHANNELS, MAX_STRIDE
from conv_viz.core.params import PADDING_MODES, Conv1dParams
from conv_viz.errors import ConvVizError
from conv_viz.i18n.halfwidth import halfwidth
from conv_viz.stack.layers import Conv, Flatten, Layer, Linear, MaxPool2d, Placed, Pool1d, ReLU

MAX_STACK_CHARS = 2000  # a URL field; 24 layers with every option spelled out fit in a quarter of it
MAX_LAYERS = 24  # each layer is a table row and a tower row: more stops being readable
MAX_FEATURES = MAX_STACK_CHANNELS * MAX_LENGTH  # the largest flatten any allowed stack produces
MAX_LINEAR_WEIGHTS = 4_000_000  # in·out of one Linear: 16 MB of float32 in the torch check

ALIASES = {
    "conv": "conv",
    "conv1d": "conv",
    "relu": "relu",
    "maxpool": "maxpool",
    "maxpool1d": "maxpool",
    "max_pool1d": "maxpool",
    "avgpool": "avgpool",
    "avgpool1d": "avgpool",
    "avg_pool1d": "avgpool",
    "maxpool2d": "maxpool2d",
    "max_pool2d": "maxpool2d",
    "flatten": "flatten",
    "linear": "linear",
    "fc": "linear",
}
LAYER_NAMES = ("conv", "relu", "maxpool", "avgpool", "maxpool2d", "flatten", "linear")
EXAMPLES = {
    "conv": "conv:1,8,7",
    "relu": "relu",
    "maxpool": "maxpool:2",
    "avgpool": "avgpool:2",
    "maxpool2d": "maxpool2d:2",
    "flatten": "flatten",
    "linear": "linear:880,140",
}
_INT = re.compile(r"[+-]?[0-9]+")


class _BadValueError(Exception):
    """A value a reader refused: the message key and what it expected."""

    def __init__(self, key: str, **fields: object) -> None:
        super().__init__(key)
        self.key = key
        self.fields = fields


def _int(low: int, high: int) -> Callable[[str], int]:
    def read(text: str) -> int:
        if not _INT.fullmatch(text) or len(text) > 12 or not low <= int(text) <= high:
            raise _BadValueError("stack_bad_int", low=low, high=f"{high:,}")
        return int(text)

    return read


def _choice(*choices: str) -> Callable[[str], str]:
    def read(text: str) -> str:
        if text.lower() not in choices:
            raise _BadValueError("stack_bad_choice", choices=", ".join(choices))
        return text.lower()

    return read


def _bool(text: str) -> bool:
    word = text.lower()
    if word not in ("true", "false", "1", "0"):
        raise _BadValueError("stack_bad_choice", choices="true, false")
    return word in ("true", "1")


def _floor_only(text: str) -> bool:
    """ceil_mode: only torch's default False is modelled (the pooling length rounds down)."""
    if text.lower() not in ("false", "0"):
        raise _BadValueError("stack_ceil_mode")
    return False


def _padding(text: str) -> int | str:
    if text.lower() in ("same", "valid"):
        return text.lower()
    try:
        return _int(0, MAX_PADDING)(text)
    except _BadValueError:
        raise _BadValueError("stack_bad_choice", choices=f"same, valid, 0 … {MAX_PADDING}") from None


@dataclass(frozen=True)
class _Arg:
    name: str
    read: Callable[[str], object]
    required: bool = False
    positional: bool = True
    aliases: tuple[str, ...] = ()


_CHANNELS = _int(1, MAX_STACK_CHANNELS)  # real widths: shapes here are integers (limits.py)
_KERNEL = _Arg("kernel_size", _int(1, MAX_KERNEL), required=True, aliases=("k",))
_STRIDE = _Arg("stride", _int(1, MAX_STRIDE), aliases=("s",))
_DILATION = _Arg("dilation", _int(1, MAX_DILATION), aliases=("d",))
_POOL_PADDING = _Arg("padding", _int(0, MAX_PADDING), aliases=("p",))
_CEIL = _Arg("ceil_mode", _floor_only, positional=False)
SPECS: dict[str, tuple[_Arg, ...]] = {
    "conv": (
        _Arg("in_channels", _CHANNELS, required=True),
        _Arg("out_channels", _CHANNELS, required=True),
        _KERNEL,
        _STRIDE,
        _Arg("padding", _padding, aliases=("p",)),
        _DILATION,
        _Arg("groups", _CHANNELS, aliases=("g",)),
        _Arg("bias", _bool),
        _Arg("padding_mode", _choice(*PADDING_MODES), aliases=("mode",)),
        _Arg("causal", _bool, positional=False),
    ),
    "relu": (),
    "maxpool": (_KERNEL, _STRIDE, _POOL_PADDING, _DILATION, _CEIL),
    "avgpool": (_KERNEL, _STRIDE, _POOL_PADDING, _CEIL),
    "maxpool2d": (_KERNEL, _STRIDE),
    "flatten": (),
    "linear": (
        _Arg("in_features", _int(1, MAX_FEATURES), required=True),
        _Arg("out_features", _int(1, MAX_FEATURES), required=True),
        _Arg("bias", _bool),
    ),
}
FLAGS = {"conv": ("causal",)}  # a bare word meaning key=true


def signature(kind: str) -> str:
    """``in_channels, out_channels, kernel_size[, stride, …]``: what a layer takes, for messages."""
    args = SPECS[kind]
    required = [a.name for a in args if a.required]
    optional = [a.name for a in args if not a.required and a.positional]
    keys = [a.name for a in args if not a.positional]
    text = ", ".join(required)
    if optional:
        text += f"[, {', '.join(optional)}]" if required else ", ".join(optional)
    if keys:
        text += f"; {', '.join(keys)}"
    return text or "—"


def _split(text: str, sep: str) -> list[tuple[int, str]]:
    """Pieces of ``text`` between ``sep`` characters, each with its 0-based offset (stripped)."""
    out, offset = [], 0
    for part in text.split(sep):
        lead = len(part) - len(part.lstrip())
        out.append((offset + lead, part.strip()))
        offset += len(part) + 1
    return out


def _layer(kind: str, values: dict[str, object]) -> Layer:
    if kind == "conv":
        return Conv(Conv1dParams(**values))  # type: ignore[arg-type]
    if kind in ("maxpool", "avgpool"):
        values.pop("ceil_mode", None)
        k = int(values.pop("kernel_size"))  # type: ignore[call-overload]
        stride = int(values.pop("stride", k))  # type: ignore[call-overload]
        return Pool1d(kind[:3], k, stride, **values)  # type: ignore[arg-type]
    if kind == "maxpool2d":
        k = int(values["kernel_size"])  # type: ignore[call-overload]
        return MaxPool2d(k, int(values.get("stride", k)))  # type: ignore[call-overload]
    if kind == "linear":
        return Linear(**values)  # type: ignore[arg-type]
    return ReLU() if kind == "relu" else Flatten()


def _parse_layer(position: int, piece: str) -> Placed:
    name, colon, rest = piece.partition(":")
    kind = ALIASES.get(name.strip().lower())
    if kind is None:
        guess = difflib.get_close_matches(name.strip().lower(), list(ALIASES), n=1)
        fields = {"pos": position, "name": name.strip()[:40], "names": ", ".join(LAYER_NAMES)}
        if guess:
            raise ConvVizError("stack_unknown_layer_hint", hint=ALIASES[guess[0]], **fields)
        raise ConvVizError("stack_unknown_layer", **fields)
    spec = SPECS[kind]
    by_name = {a.name: a for a in spec} | {alias: a for a in spec for alias in a.aliases}
    positional = [a for a in spec if a.positional]
    values: dict[str, object] = {}
    count = 0
    context = {"layer": kind, "signature": signature(kind), "example": EXAMPLES[kind]}
    args = _split(rest, ",") if colon and rest.strip() else []
    arg_start = position + len(name) + 1  # the character after ':'
    for offset, arg in args:
        pos = arg_start + offset
        if not arg:
            raise ConvVizError("stack_empty_value", pos=pos, **context)
        key, eq, value = arg.partition("=")
        if eq:
            arg_spec = by_name.get(key.strip().lower())
            if arg_spec is None:
                options = ", ".join(a.name for a in spec) or "—"
                raise ConvVizError("stack_unknown_option", pos=pos, name=key.strip()[:40], options=options, **context)
            value = value.strip()
        elif arg.lower() in FLAGS.get(kind, ()):
            arg_spec, value = by_name[arg.lower()], "true"
        else:
            if count >= len(positional):
                raise ConvVizError("stack_too_many", pos=pos, count=len(positional), **context)
            arg_spec, value = positional[count], arg
            count += 1
        if arg_spec.name in values:
            raise ConvVizError("stack_repeated_option", pos=pos, name=arg_spec.name, **context)
        try:
            values[arg_spec.name] = arg_spec.read(value)
        except _BadValueError as bad:
            raise ConvVizError(
                bad.key, pos=pos, name=arg_spec.name, value=value[:40], **bad.fields, **context
            ) from None
    missing = [a.name for a in spec if a.required and a.name not in values]
    if missing:
        raise ConvVizError("stack_missing", pos=position, missing=", ".join(missing), **context)
    layer = _layer(kind, values)
    if isinstance(layer, Linear) and layer.in_features * layer.out_features > MAX_LINEAR_WEIGHTS:
        raise ConvVizError(
            "stack_linear_big",
            pos=position,
            count=f"{layer.in_features * layer.out_features:,}",
            max=f"{MAX_LINEAR_WEIGHTS:,}",
            **context,
        )
    return Placed(layer, position, piece)


def parse_stack(text: str) -> tuple[Placed, ...]:
    """The layers ``text`` describes, each with its 1-based position; raises ``ConvVizError``.

    >>> [p.layer.text() for p in parse_stack("Conv1d:1,8,7; relu;\\nmaxpool:2,stride=1")]
    ['conv:1,8,7', 'relu', 'maxpool:2,stride=1']
    """
    if len(text) > MAX_STACK_CHARS:
        raise ConvVizError("stack_too_long", length=f"{len(text):,}", max=f"{MAX_STACK_CHARS:,}")
    text = halfwidth(text)  # '；' '：' '，' '１' from a Chinese keyboard; one for one, so positions stay
    layers = []
    offset = 0
    for part in re.split(r"([;\n])", text):
        if part not in (";", "\n") and part.strip():
            lead = len(part) - len(part.lstrip())
            layers.append(_parse_layer(offset + lead + 1, part.strip()))
        offset += len(part)
    if not layers:
        raise ConvVizError("stack_empty", example=";".join(EXAMPLES[k] for k in ("conv", "relu", "maxpool")))
    if len(layers) > MAX_LAYERS:
        raise ConvVizError("stack_too_many_layers", count=len(layers), max=MAX_LAYERS)
    return tuple(layers)

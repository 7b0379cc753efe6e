"""URL query parameters ⇄ ``ViewState``: the one place a shared link is read and written.

Parsing is the standard library's (the layers below add only names and limits: the data presets, the
core's limits and rules, the stack grammar's layer count), and garbage-tolerant: ``parse`` never raises. A malformed field
falls back to its default and adds a warning (a ``ConvVizError`` the page shows as
text); unknown keys are ignored with a warning. Combinations torch rejects (groups not
dividing the channels, ``padding=same`` with ``stride=2``) are kept exactly as given,
so the page can show the rule and its fix: only per-field type and range are repaired
here. Typed data (``x``, ``w``, ``b``) stays raw text; ``conv_viz.data`` parses it, as
``conv_viz.stack.grammar`` parses the receptive-field page's ``stack``.

Decisions (what a hand-edited URL may say):
- Integers: ASCII digits with an optional sign and surrounding ASCII whitespace.
  ``3.0`` reads as 3 (spreadsheets write integers that way); ``1e3``, ``0x10``,
  ``1_000`` and non-ASCII digits (``１２``, ``٣``) are rejected, although ``int()``
  takes some of them, so a shared link means the same thing to every reader.
- Booleans: true/false, 1/0, yes/no, on/off; names (presets, modes, dtype, layout,
  ``same``/``valid``) are case-insensitive; ``lang`` takes ``en``, ``zh``, a region
  form like ``zh-CN``, or ``auto`` (follow the browser).
- A repeated key uses its last value (as ``st.query_params`` does) and warns.
- An empty ``x``/``w``/``b`` means "no typed data" (no warning); any other empty
  value is malformed.
- Values shown in warnings are cut to ``SHOWN_CHARS`` characters, invisible
  characters escaped (``\\x00``, ``\\u202e``), backticks replaced: plain text, one line, short.

Writing a link (``write``; every page writes through ``conv_viz.pages.state.publish``):
- Never a rejected value. Typed ``x``, ``w``, ``b`` and ``stack`` go in only when they parse; while the text
  in a box is refused, the link keeps the last text the app accepted there (or leaves the field out), so
  it reopens the view the page still shows. A combination torch refuses (``groups=3`` with 2 channels) is
  not a rejected value: the link keeps it, so the page shows the rule and its fix.
- Never longer than ``MAX_LINK_CHARS`` (8,000) characters as the address bar holds it (Streamlit writes
  ',' as ``%2C``), origin and page path included.
- Always the same view. Typed text that would make the link longer is kept by the server, as a long
  upload is (``conv_viz.server.uploads``), and the link names it ``x=~`` plus 16 hex digits of its
  SHA-256 (``kept_name``), longest field first. Decision: the link stays short and reopens the view for
  everyone on this server (a class opening the teacher's link), where leaving the text out would open
  another view. Elsewhere, or once the bounded store has dropped it, the page says so and shows the view
  without it; the page offers the file route (x as a CSV to upload) for keeping the data.
"""

from __future__ import annotations

import difflib
import hashlib
import re
import string
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field, fields, replace
from typing import Any
from urllib.parse import urlencode

from conv_viz import data
from conv_viz.core.limits import (
    MAX_BATCH,
    MAX_CHANNELS,
    MAX_DILATION,
    MAX_KERNEL,
    MAX_LENGTH,
    MAX_LR,
    MAX_MOMENTUM,
    MAX_PADDING,
    MAX_SAMPLE_RATE,
    MAX_SEED,
    MAX_STRIDE,
    MAX_TRAIN_STEPS,
    MAX_TYPED_VALUES,
    MIN_SAMPLE_RATE,
)
from conv_viz.core.params import PADDING_MODES, PADDING_STRINGS, Conv1dParams, transposed_output_length
from conv_viz.errors import ConvVizError
from conv_viz.stack.grammar import MAX_LAYERS, parse_stack

INPUT_PRESETS = tuple(data.INPUT_PRESETS)  # one list of names: the data layer's
WEIGHT_PRESETS = tuple(data.WEIGHT_PRESETS)
DTYPES = ("float32", "float64")
LAYOUTS = ("ncl", "nlc")
LANGS = ("en", "zh")
LOSSES = ("sum", "mse")  # backward page: y.sum(), or F.mse_loss(y, target)
# backward page: the target is a filter's output on x (the kernel the training should find) or a signal
TARGET_FILTERS = ("moving_average", "edge", "gaussian", "random")
TARGET_SIGNALS = ("sine", "step")
TARGETS = TARGET_FILTERS + TARGET_SIGNALS

# output_padding < max(stride, dilation) is torch's rule; a value no configuration allows is garbage
MAX_OUTPUT_PADDING = max(MAX_STRIDE, MAX_DILATION) - 1
# the longest output any allowed configuration has (ConvTranspose1d at every limit) bounds cell's t
MAX_POSITION = transposed_output_length(MAX_LENGTH, MAX_KERNEL, MAX_STRIDE, 0, MAX_OUTPUT_PADDING, MAX_DILATION) - 1
TYPED_CHARS = MAX_TYPED_VALUES * 24  # room for 20,000 numbers like "-0.12345678901234567890,"
SHOWN_CHARS = 40
UNKNOWN_KEYS_SHOWN = 5  # a URL with hundreds of stray keys gets a handful of warnings, not hundreds
MAX_LINK_CHARS = 8_000  # a written link, whole: far below Tornado's 64 KB request line, and a phone reads it
ORIGIN_CHARS = 256  # room for scheme, host and page path when the page does not know its own (tests, AppTest)


# torch's own defaults for every argument a link may omit (padding=0, as nn.Conv1d): the tutorial links in
# DESIGN.md must give the tutorial's numbers. Two channels, so the default view shows channels adding up.
_DEFAULT_CONV = Conv1dParams(in_channels=2, out_channels=2, kernel_size=3)


@dataclass(frozen=True)
class ViewState:
    """Everything a shared link reproduces; defaults are what a bare URL shows."""

    conv: Conv1dParams = _DEFAULT_CONV
    output_padding: int = 0  # transposed page
    batch: int = 1
    length: int = 12
    seed: int = 0
    dtype: str = "float64"
    lang: str | None = None  # None: follow the browser's locale
    input: str = "random"
    weights: str = "random"
    x: str | None = None  # typed data, raw URL text; None (or "") means no typed data
    w: str | None = None
    b: str | None = None
    cell: tuple[int, int, int] = (0, 0, 0)  # pinned output cell: batch item n, out channel o, position t
    layout: str = "ncl"  # "nlc": typed data given as (N, L, C)
    present: bool = False  # presentation mode
    quiz: int = 0  # the quiz page's question seed: a link reproduces the question
    stack: str | None = None  # receptive-field page: layers as text (conv_viz.stack.grammar); None: its example
    layer: int | None = None  # receptive-field page: the chosen layer, 1-based; None: the deepest with a length axis
    depth_multiplier: int = 1  # groups page: M in the depthwise Conv1d(C, C·M, k, groups=C)
    upload: str | None = None  # playground: x is an upload this server keeps, named by a hash of the file
    sample_rate: int = data.AUDIO_RATE  # playground's Listen tab: the rate x plays at (torchaudio's name)
    loss: str = "sum"  # backward page: "sum" (y.sum()) or "mse" against the target
    target: str = "gaussian"  # backward page: the MSE's target and the kernel the training learns (TARGETS)
    lr: float = 0.1  # backward page's training: torch.optim.SGD's learning rate
    steps: int = 60  # backward page's training: optimizer steps
    momentum: float = 0.0  # backward page's training: SGD momentum (0: off)
    wcell: tuple[int, int, int] = (0, 0, 0)  # backward page: the pinned weight cell o, c, k of dL/dw
    xcell: tuple[int, int, int] = (0, 0, 0)  # backward page: the pinned input cell n, c, i of dL/dx


DEFAULT = ViewState()
# URL keys are the field names: torch's own for the convolution, in its parameter order.
CONV_KEYS = tuple(f.name for f in fields(Conv1dParams))
VIEW_KEYS = tuple(f.name for f in fields(ViewState) if f.name != "conv")
KEYS = CONV_KEYS + VIEW_KEYS  # torch's parameter order first: the order to_query writes
TYPED_KEYS = ("x", "w", "b", "stack")  # raw text, parsed (and explained) by the page that reads it

_WS = string.whitespace  # ASCII only: str.strip() would also eat U+3000 and friends
_INT = re.compile(r"([+-]?)([0-9]+)(?:\.0*)?")  # no nested repeats: linear time on a 200,000-digit value
_TRUE = ("true", "1", "yes", "on")
_UPLOAD = re.compile(r"[0-9a-f]{16}")  # conv_viz.server.uploads.content_key: the first 16 hex digits of a SHA-256
_FALSE = ("false", "0", "no", "off")
_KEPT = re.compile(r"~[0-9a-f]{16}")  # kept_name: typed text too long for a link, kept by the server


class _MalformedError(Exception):
    """A field's value is malformed: the warning key and the fields that explain what was expected."""

    def __init__(self, kind: str, **details: object) -> None:
        super().__init__(kind)
        self.kind = kind
        self.details = details


def shown(value: str) -> str:
    """The user's value as short, one-line plain text: safe inside a message whatever they typed.

    >>> shown("<script>\\x00\\u202e`")
    '<script>\\\\x00\\\\u202eˋ'
    >>> len(shown("9" * 200_000))
    41
    """
    head = value[:SHOWN_CHARS]
    out = "".join(_visible(ch) for ch in head)
    return out + ("…" if len(value) > SHOWN_CHARS else "")


def _visible(ch: str) -> str:
    """Invisible characters (controls, bidi overrides, odd spaces) become escapes; a backtick cannot close a code span."""
    if ch == "`":
        return "ˋ"
    return ch if ch.isprintable() else ascii(ch)[1:-1]


def _ascii_int(text: str) -> int | None:
    """The integer the text spells in plain ASCII, or None; a huge digit string never reaches ``int()``."""
    m = _INT.fullmatch(text.strip(_WS))
    if m is None:
        return None
    sign = -1 if m.group(1) == "-" else 1
    digits = m.group(2).lstrip("0") or "0"
    return sign * (10**30 if len(digits) > 30 else int(digits))  # 10**30: beyond every limit, and cheap


def _int_reader(low: int, high: int) -> Callable[[str], int]:
    """A reader for an integer field: below ``low`` is malformed, above ``high`` breaks the app's limit."""

    def read(text: str) -> int:
        n = _ascii_int(text)
        if n is None or n < low:
            raise _MalformedError("url_bad_int", low=low, high=high)
        if n > high:
            raise _MalformedError("url_over_limit", limit=high)
        return n

    return read


def _choice_reader(choices: Sequence[str]) -> Callable[[str], str]:
    """A reader for a named option, case-insensitive; the canonical spelling is lower case."""

    def read(text: str) -> str:
        name = text.strip(_WS).lower()
        if name not in choices:
            raise _MalformedError("url_bad_choice", choices=", ".join(choices))
        return name

    return read


def _read_bool(text: str) -> bool:
    """true/false and the usual synonyms, so hand-written links work."""
    word = text.strip(_WS).lower()
    if word in _TRUE or word in _FALSE:
        return word in _TRUE
    raise _MalformedError("url_bad_choice", choices="true, false")


def _read_padding(text: str) -> int | str:
    """torch's padding: a number of cells, or 'same' / 'valid'."""
    name = text.strip(_WS).lower()
    if name in PADDING_STRINGS:
        return name
    n = _ascii_int(text)
    if n is None or n < 0:
        raise _MalformedError("url_bad_choice", choices=f"same, valid, 0 … {MAX_PADDING}")
    if n > MAX_PADDING:
        raise _MalformedError("url_over_limit", limit=MAX_PADDING)
    return n


def _read_lang(text: str) -> str | None:
    """en / zh, region forms like zh-CN (the browser's spelling), or auto for the browser's choice."""
    tag = text.strip(_WS).lower().replace("_", "-").split("-", 1)[0]
    if tag == "auto":
        return None
    if tag not in LANGS:
        raise _MalformedError("url_bad_choice", choices="en, zh, auto")
    return tag


_CELL_MAX = (MAX_BATCH - 1, MAX_CHANNELS - 1, MAX_POSITION)


def _read_cell(text: str) -> tuple[int, int, int]:
    """'n,o,t' — three indices; whether they fit the current output is the page's call (it clamps)."""
    parts = text.split(",") if len(text) <= 64 else []
    numbers = [_ascii_int(p) for p in parts]
    if len(numbers) != 3 or any(n is None or not 0 <= n <= top for n, top in zip(numbers, _CELL_MAX, strict=True)):
        raise _MalformedError("url_bad_cell", n_max=_CELL_MAX[0], o_max=_CELL_MAX[1], t_max=f"{_CELL_MAX[2]:,}")
    n, o, t = (int(v or 0) for v in numbers)
    return n, o, t


_WCELL_MAX = (MAX_CHANNELS - 1, MAX_CHANNELS - 1, MAX_KERNEL - 1)
_XCELL_MAX = (MAX_BATCH - 1, MAX_CHANNELS - 1, MAX_LENGTH - 1)


def _triple_reader(tops: tuple[int, int, int], names: str) -> Callable[[str], tuple[int, int, int]]:
    """'a,b,c' — three indices each in [0, top]; whether they fit the current tensor is the page's call (it clamps)."""

    def read(text: str) -> tuple[int, int, int]:
        parts = text.split(",") if len(text) <= 64 else []
        numbers = [_ascii_int(p) for p in parts]
        if len(numbers) != 3 or any(n is None or not 0 <= n <= top for n, top in zip(numbers, tops, strict=True)):
            raise _MalformedError("url_bad_triple", names=names, maxima=",".join(f"{t:,}" for t in tops))
        a, b, c = (int(v or 0) for v in numbers)
        return a, b, c

    return read


_FLOAT = re.compile(r"[+-]?(?:[0-9]+\.?[0-9]*|\.[0-9]+)(?:[eE][+-]?[0-9]{1,3})?")


def _float_reader(low: float, high: float, *, low_open: bool) -> Callable[[str], float]:
    """A decimal number in ASCII (``0.1``, ``1e-3``): no ``nan``, ``inf``, hex or non-ASCII digits, within the range."""

    def read(text: str) -> float:
        body = text.strip(_WS)
        value = float(body) if len(body) <= 32 and _FLOAT.fullmatch(body) else None
        if value is None or value < low or (low_open and value == low):
            raise _MalformedError("url_bad_float", low=f"{low:g}", high=f"{high:g}")
        if value > high:
            raise _MalformedError("url_over_limit", limit=f"{high:g}")
        return value

    return read


def _read_typed(text: str) -> str | None:
    """Typed numbers stay raw (conv_viz.data parses them); only a length cap keeps a page responsive."""
    if len(text) > TYPED_CHARS:
        raise _MalformedError("url_too_long", length=f"{len(text):,}", cap=f"{TYPED_CHARS:,}")
    return text or None


def _read_upload(text: str) -> str:
    """An upload's name: 16 hex digits (any case; lower case is canonical). Whether this server holds it is the page's call."""
    name = text.strip(_WS).lower()
    if not _UPLOAD.fullmatch(name):
        raise _MalformedError("url_bad_upload")
    return name


def _read_layer(text: str) -> int | None:
    """A 1-based layer of the stack, or auto (the page's choice)."""
    if text.strip(_WS).lower() == "auto":
        return None
    return _int_reader(1, MAX_LAYERS)(text)


READERS: dict[str, Callable[[str], object]] = {
    "in_channels": _int_reader(1, MAX_CHANNELS),
    "out_channels": _int_reader(1, MAX_CHANNELS),
    "kernel_size": _int_reader(1, MAX_KERNEL),
    "stride": _int_reader(1, MAX_STRIDE),
    "padding": _read_padding,
    "padding_mode": _choice_reader(PADDING_MODES),
    "dilation": _int_reader(1, MAX_DILATION),
    "groups": _int_reader(1, MAX_CHANNELS),
    "bias": _read_bool,
    "causal": _read_bool,
    "output_padding": _int_reader(0, MAX_OUTPUT_PADDING),
    "batch": _int_reader(1, MAX_BATCH),
    "length": _int_reader(1, MAX_LENGTH),
    "seed": _int_reader(0, MAX_SEED),
    "dtype": _choice_reader(DTYPES),
    "input": _choice_reader(INPUT_PRESETS),
    "weights": _choice_reader(WEIGHT_PRESETS),
    "x": _read_typed,
    "w": _read_typed,
    "b": _read_typed,
    "cell": _read_cell,
    "layout": _choice_reader(LAYOUTS),
    "lang": _read_lang,
    "present": _read_bool,
    "quiz": _int_reader(0, MAX_SEED),
    "stack": _read_typed,  # raw text like typed data: conv_viz.stack.grammar reports mistakes with their position
    "layer": _read_layer,
    "depth_multiplier": _int_reader(1, MAX_CHANNELS),
    "upload": _read_upload,
    "sample_rate": _int_reader(MIN_SAMPLE_RATE, MAX_SAMPLE_RATE),
    "loss": _choice_reader(LOSSES),
    "target": _choice_reader(TARGETS),
    "lr": _float_reader(0.0, MAX_LR, low_open=True),
    "steps": _int_reader(1, MAX_TRAIN_STEPS),
    "momentum": _float_reader(0.0, MAX_MOMENTUM, low_open=False),
    "wcell": _triple_reader(_WCELL_MAX, "o,c,k"),
    "xcell": _triple_reader(_XCELL_MAX, "n,c,i"),
}


def _flat(state: ViewState) -> dict[str, object]:
    """The state flattened to URL keys, in ``KEYS`` order."""
    conv = {key: getattr(state.conv, key) for key in CONV_KEYS}
    return conv | {key: getattr(state, key) for key in VIEW_KEYS}


def spell(value: object) -> str:
    """The canonical URL spelling of a field value (also how warnings show defaults)."""
    if value is None:
        return "auto"  # only lang's default is None among the fields a warning can name
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, tuple):
        return ",".join(str(v) for v in value)
    return str(value)


_DEFAULTS = _flat(DEFAULT)


def _text(value: object) -> str:
    """A query value as a string, whatever a caller passed (the types say str; garbage must not raise)."""
    if isinstance(value, str):
        return value
    try:
        return str(value)
    except Exception:  # a hostile __str__ is still just garbage to ignore
        return "?"


def _last(key: str, value: object, warnings: list[ConvVizError]) -> str | None:
    """The value to use for one key: the last of a repeated key (as st.query_params does), with a warning."""
    if isinstance(value, str):
        return value
    if not isinstance(value, list | tuple):
        return _text(value)
    if len(value) == 0:
        return None  # nothing given: not an error, just absent
    last = _text(value[-1])
    if len(value) > 1:
        warnings.append(ConvVizError("url_repeated_key", name=key, count=len(value), value=shown(last)))
    return last


def _unknown(keys: list[str]) -> list[ConvVizError]:
    """Warnings for keys the app does not read: the first few by name (with a likely intended key), then a count."""
    warnings = []
    for key in keys[:UNKNOWN_KEYS_SHOWN]:
        guess = difflib.get_close_matches(key[:SHOWN_CHARS].lower(), KEYS, n=1)
        if guess:
            warnings.append(ConvVizError("url_unknown_key_hint", name=shown(key), hint=guess[0]))
        else:
            warnings.append(ConvVizError("url_unknown_key", name=shown(key)))
    if len(keys) > UNKNOWN_KEYS_SHOWN:
        warnings.append(ConvVizError("url_unknown_keys_more", count=len(keys) - UNKNOWN_KEYS_SHOWN))
    return warnings


def parse(query: Mapping[str, str | Sequence[str]]) -> tuple[ViewState, list[ConvVizError]]:
    """The view a URL asks for, and one warning per thing in it that was ignored. Never raises.

    >>> state, warnings = parse({"kernel_size": "5", "stride": "two", "bias": "false"})
    >>> state.conv.kernel_size, state.conv.stride, state.conv.bias
    (5, 1, False)
    >>> [w.key for w in warnings]
    ['url_bad_int']
    """
    values: dict[str, Any] = dict(_DEFAULTS)
    warnings: list[ConvVizError] = []
    unknown: list[str] = []
    for raw_key, raw_value in query.items():
        key = _text(raw_key)
        if key not in READERS:
            unknown.append(key)
            continue
        text = _last(key, raw_value, warnings)
        if text is None:
            continue
        try:
            values[key] = READERS[key](text)
        except _MalformedError as bad:
            warnings.append(
                ConvVizError(bad.kind, name=key, value=shown(text), default=spell(_DEFAULTS[key]), **bad.details)
            )
    warnings += _unknown(unknown)
    return _build(values), warnings


def _build(values: dict[str, Any]) -> ViewState:
    """A ViewState from checked field values (the readers guarantee each value's type)."""
    conv = replace(DEFAULT.conv, **{key: values[key] for key in CONV_KEYS})
    return replace(DEFAULT, conv=conv, **{key: values[key] for key in VIEW_KEYS})


def to_query(state: ViewState) -> dict[str, str]:
    """The query a link needs to reproduce ``state``: fields that differ from the defaults, canonically spelled.

    >>> to_query(ViewState())
    {}
    >>> to_query(replace(DEFAULT, x="0,1,2,3", conv=replace(DEFAULT.conv, kernel_size=2, bias=False)))
    {'kernel_size': '2', 'bias': 'false', 'x': '0,1,2,3'}
    """
    return {
        key: spell(value)
        for key, value in _flat(state).items()
        if value != _DEFAULTS[key] and not (key in TYPED_KEYS and not value)
    }


def share_query(state: ViewState) -> str:
    """The query string (no leading '?') for a shareable link; ``,;|`` stay readable in typed data.

    >>> share_query(replace(DEFAULT, x="0,1;2,3|4,5", seed=7))
    'seed=7&x=0,1;2,3|4,5'
    """
    return readable(to_query(state))


def readable(query: Mapping[str, str]) -> str:
    """A query string to show or copy: ``,;|`` unescaped, so never longer than ``address`` gives."""
    return urlencode(query, safe=",;|")


# ---------------------------------------------------------------- writing a link


def address(query: Mapping[str, str]) -> str:
    """The query string as the browser's address bar holds it: Streamlit writes ``urlencode`` (',' is %2C).

    >>> address({"x": "1,2;3", "seed": "7"})
    'x=1%2C2%3B3&seed=7'
    """
    return urlencode(query)


def kept_name(text: str) -> str:
    """The link's name for typed text the server keeps: '~' and the first 16 hex digits of its SHA-256.

    No typed number and no stack uses '~' (so a name never reads as typed text), and '~' is never escaped.

    >>> kept_name("1,2,3")
    '~8a6ae15122001229'
    """
    return "~" + hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()[:16]


_TEXT_READERS: dict[str, Callable[[str], object]] = {
    "x": data.parse_input,
    "w": data.parse_weight,
    "b": data.parse_bias,
    "stack": parse_stack,
}
_verdicts: dict[tuple[str, str], bool] = {}  # (key, SHA-256 of the text) → usable: a rerun parses no text twice


def usable(key: str, text: str) -> bool:
    """Whether the app accepts ``text`` as typed field ``key``: it parses (``conv_viz.data``, the stack grammar).

    Whether it fits the other settings (channels, groups) is the page's call, as for any setting.

    >>> usable("x", "1, 2; 3, 4"), usable("x", "1, 2, three"), usable("stack", "conv:1,8,7;relu")
    (True, False, True)
    """
    digest = hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()
    verdict = _verdicts.get((key, digest))
    if verdict is None:
        try:
            _TEXT_READERS[key](text)
            verdict = True
        except (ConvVizError, ValueError):
            verdict = False
        if len(_verdicts) >= 1024:  # bounded: a long session types many texts
            _verdicts.clear()
        _verdicts[(key, digest)] = verdict
    return verdict


@dataclass(frozen=True)
class Link:
    """The query the app writes for a view (``write``), and where it differs from ``to_query``.

    ``refused``: typed fields the app rejects; the link holds the last text it accepted there, or leaves the field
    out. ``kept``: typed fields too long for the link, with their text; the link names each by ``kept_name`` and
    reopens the view where the server holds that text (``resolve``).
    """

    query: dict[str, str]
    kept: dict[str, str] = field(default_factory=dict)
    refused: tuple[str, ...] = ()

    def chars(self, origin: str = "") -> int:
        """The link's length in the address bar: ``origin`` (scheme, host, page path), '?', the query."""
        query = address(self.query)
        return len(origin) + (len(query) + 1 if query else 0)


def write(state: ViewState, accepted: Mapping[str, str | None] | None = None, origin_chars: int = ORIGIN_CHARS) -> Link:
    """The link for ``state``: no rejected value, at most ``MAX_LINK_CHARS`` characters, and it reopens ``state``.

    ``accepted``: the last text the app accepted for each typed field (what a refused field's link keeps).
    ``origin_chars``: room left for the scheme, host and page path. Typed text is kept on the server, longest
    first, until the link fits.

    >>> write(replace(DEFAULT, x="1,2,3", w="1,2,oops"), {"w": "1,2"}).query
    {'x': '1,2,3', 'w': '1,2'}
    >>> link = write(replace(DEFAULT, x=",".join(["7"] * 5000)))
    >>> link.query == {"x": kept_name(",".join(["7"] * 5000))}, list(link.kept), link.chars("") <= MAX_LINK_CHARS
    (True, ['x'], True)
    """
    query = to_query(state)
    refused = []
    for key in TYPED_KEYS:
        text = query.get(key)
        if text is None or usable(key, text):
            continue
        refused.append(key)
        last = (accepted or {}).get(key)
        if last and usable(key, last):
            query[key] = last
        else:
            del query[key]
    budget = MAX_LINK_CHARS - origin_chars - 1  # the '?'
    kept: dict[str, str] = {}
    while len(address(query)) > budget:
        typed = [key for key in TYPED_KEYS if key in query and key not in kept]
        if not typed:  # cannot happen: every other field together is far shorter (tests/test_links.py)
            break
        longest = max(typed, key=lambda k: len(address({k: query[k]})))
        kept[longest] = query[longest]
        query[longest] = kept_name(query[longest])
    return Link(query, kept, tuple(refused))


def resolve(state: ViewState, find: Callable[[str], str | None]) -> tuple[ViewState, list[ConvVizError]]:
    """``state`` with each kept name (``x=~…``) replaced by the text ``find`` returns for it; a warning per miss.

    A name this server does not hold (another server's, or one that left the bounded store) leaves the field
    empty, and the page says so.
    """
    found: dict[str, Any] = {}  # typed fields only: str | None
    warnings = []
    for key in TYPED_KEYS:
        value = getattr(state, key)
        if not value or not _KEPT.fullmatch(value.strip(_WS)):
            continue
        name = value.strip(_WS)
        text = find(name)
        found[key] = text
        if text is None:
            warnings.append(ConvVizError("url_kept_missing", name=key, kept=name))
    return replace(state, **found), warnings

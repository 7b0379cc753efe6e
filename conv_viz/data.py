"""Inputs and weights: presets, seeded random data, typed text and CSV/WAV uploads.

NumPy and the standard library only. Seeded data comes from torch when it is
installed, reached through ``conv_viz.reference`` (imported inside ``seeded``;
that module imports torch inside its own functions), so importing this module
never imports torch, and the app still runs without it.

Arrays are (N, C, L) like torch's. Presets and parsers return float64; seeded
data is float32, because that is what ``torch.randn`` and ``nn.Conv1d`` give.
"""

from __future__ import annotations

import io
import math
import re
import wave
from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace

import numpy as np

from conv_viz.errors import ConvVizError
from conv_viz.i18n import join
from conv_viz.limits import MAX_CHANNELS, MAX_LENGTH, MAX_SEED, MAX_TYPED_VALUES, MAX_UPLOAD_BYTES
from conv_viz.params import Conv1dParams

# ---------------------------------------------------------------- input presets

InputPreset = Callable[[int, int, int, int], np.ndarray]

# Presets are numbers per sample; the Listen tab plays them at this rate. 8 kHz is telephone audio:
# tones and clicks sound as they should, and one second (8,000 samples) is well inside the app's limits.
AUDIO_RATE = 8000
TONE_HZ = 220.0  # sine: A3, and channels 1–3 its 2nd–4th harmonics
BEATS_PER_SECOND = 4  # rhythm: a click every quarter second
CLICK_DECAY_S = 0.003  # rhythm: a click fades by 1/e in 3 ms, short enough to sound like a click
HUM_HZ, HUM_LEVEL, NOISE_LEVEL = 110.0, 0.2, 0.02  # rhythm: a low hum an edge kernel removes, a little hiss


def _axes(batch: int, channels: int, length: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Broadcastable item, channel and time indices: n (N,1,1), c (1,C,1), t (1,1,L)."""
    return (
        np.arange(batch, dtype=np.float64)[:, None, None],
        np.arange(channels, dtype=np.float64)[None, :, None],
        np.arange(length, dtype=np.float64)[None, None, :],
    )


def _phase(n: np.ndarray, c: np.ndarray) -> np.ndarray:
    """A phase that differs per channel and per item, so no two rows look alike."""
    return 0.7 * c + 1.3 * n


def random_input(batch: int, channels: int, length: int, seed: int) -> np.ndarray:
    """``torch.randn(batch, channels, length)`` right after ``torch.manual_seed(seed)``: the notebook's x.

    The values are float32 draws (torch's default dtype), returned as float64.
    """
    return seeded_input(batch, channels, length, seed).astype(np.float64)


def ramp(batch: int, channels: int, length: int, seed: int = 0) -> np.ndarray:
    """0, 1, …, L−1 in every channel: the classic tutorial's ``torch.arange(16.)``.

    >>> ramp(1, 1, 4)[0, 0].tolist()
    [0.0, 1.0, 2.0, 3.0]
    """
    return np.broadcast_to(np.arange(length, dtype=np.float64), (batch, channels, length)).copy()


def ones(batch: int, channels: int, length: int, seed: int = 0) -> np.ndarray:
    """All ones (``torch.ones``): every output shows the plain sum of the kernel, plus bias."""
    return np.ones((batch, channels, length))


def _tone(hz: float, length: int) -> float:
    """Cycles per sample: ``hz`` at ``AUDIO_RATE``, but at least one cycle over a short input (so it shows)."""
    return max(1 / max(length, 1), hz / AUDIO_RATE)


def sine(batch: int, channels: int, length: int, seed: int = 0) -> np.ndarray:
    """1 to 4 cycles over a short input (by channel); from 37 samples on, a 220–880 Hz tone at ``AUDIO_RATE``.

    So a second of it (``length=8000``) is a tone you can hear, A3 and its
    harmonics, not a 1 Hz wave. Phase shifted per channel and item.
    """
    n, c, t = _axes(batch, channels, length)
    harmonic = 1 + c % 4
    return np.asarray(np.sin(2 * np.pi * harmonic * _tone(TONE_HZ, length) * t + _phase(n, c)))


def noisy_sine(batch: int, channels: int, length: int, seed: int) -> np.ndarray:
    """``sine`` plus seeded Gaussian noise (σ = 0.3): what a smoothing kernel is for (on audio: a hiss)."""
    noise = np.random.default_rng(seed).standard_normal((batch, channels, length))
    return sine(batch, channels, length) + 0.3 * noise


def step(batch: int, channels: int, length: int, seed: int = 0) -> np.ndarray:
    """0 then 1, the jump at a different place per channel and item: what an edge kernel finds.

    >>> step(1, 1, 6)[0, 0].tolist()
    [0.0, 0.0, 0.0, 1.0, 1.0, 1.0]
    """
    n, c, t = _axes(batch, channels, length)
    at = np.floor(length * (1 + c + n) / (channels + batch))
    return np.asarray(t >= at, dtype=np.float64)


def chirp(batch: int, channels: int, length: int, seed: int = 0) -> np.ndarray:
    """A sine whose frequency rises from 0 to 0.1–0.45 cycles per sample: shows what a kernel passes.

    At ``AUDIO_RATE`` the top is 800–3,600 Hz (below the 4,000 Hz Nyquist limit): a rising whistle.
    """
    n, c, t = _axes(batch, channels, length)
    top = 0.1 + 0.35 * (c + 1) / channels
    return np.asarray(np.sin(2 * np.pi * top * t**2 / (2 * max(length - 1, 1)) + _phase(n, c)))


def rhythm(batch: int, channels: int, length: int, seed: int) -> np.ndarray:
    """Clicks on a beat over a quiet hum, plus a little seeded noise: what an edge kernel picks out.

    At ``AUDIO_RATE``: 4 clicks a second, every 4th accented (1, 2, 3, 4), each a
    jump that decays in 3 ms; a 110 Hz hum at 0.2 and noise of σ = 0.02. A short
    input still gets 4 clicks. Channels start their beat a little later each.

    >>> x = rhythm(1, 1, 8000, seed=0)
    >>> [int(t) for t in np.flatnonzero(np.diff(x[0, 0]) > 0.3) + 1]
    [2000, 4000, 6000]
    """
    n, c, t = _axes(batch, channels, length)
    beat = max(2, min(AUDIO_RATE // BEATS_PER_SECOND, length // 4))  # samples from one click to the next
    decay = max(0.5, min(CLICK_DECAY_S * AUDIO_RATE, beat / 4))
    since = (t - (c * beat) // 8) % beat  # samples since this channel's last click
    count = (t - (c * beat) // 8) // beat  # which click of the bar (the first of every 4 is accented)
    clicks = np.where(count % 4 == 0, 1.0, 0.6) * np.exp(-since / decay)
    hum = HUM_LEVEL * np.sin(2 * np.pi * _tone(HUM_HZ, length) * t + _phase(n, c))
    noise = NOISE_LEVEL * np.random.default_rng(seed).standard_normal((batch, channels, length))
    return np.asarray(clicks + hum + noise)


def multivariate(batch: int, channels: int, length: int, seed: int) -> np.ndarray:
    """A multichannel time series (sensors, prices): each channel its own trend, season and noise."""
    rng = np.random.default_rng(seed)
    _, _, t = _axes(batch, channels, length)
    u = t / max(length - 1, 1)
    slope = rng.uniform(-2, 2, (1, channels, 1))
    amplitude = rng.uniform(0.5, 1.5, (1, channels, 1))
    period = np.maximum(2.0, rng.uniform(1 / 6, 1 / 2, (1, channels, 1)) * length)  # 2–6 seasons shown
    level = rng.normal(0, 1, (batch, channels, 1))
    phase = rng.uniform(0, 2 * np.pi, (batch, channels, 1))
    noise = rng.normal(0, 0.2, (batch, channels, length))
    return level + slope * u + amplitude * np.sin(2 * np.pi * t / period + phase) + noise


def embedding(batch: int, channels: int, length: int, seed: int) -> np.ndarray:
    """Token embeddings as Conv1d sees text: channels = embedding dims, length = tokens.

    ``nn.Embedding`` output (N, L, C) permuted to (N, C, L): column t is the
    vector of token t, drawn from a vocabulary of 8 words, so a repeated word
    repeats its column (piecewise constant per token) up to small noise (σ = 0.05).
    """
    rng = np.random.default_rng(seed)
    vocabulary = rng.standard_normal((8, channels))
    tokens = rng.integers(0, 8, (batch, length))
    noise = rng.normal(0, 0.05, (batch, channels, length))
    return vocabulary[tokens].transpose(0, 2, 1) + noise


INPUT_PRESETS: dict[str, InputPreset] = {
    "random": random_input,
    "ramp": ramp,
    "ones": ones,
    "sine": sine,
    "noisy_sine": noisy_sine,
    "step": step,
    "chirp": chirp,
    "rhythm": rhythm,
    "multivariate": multivariate,
    "embedding": embedding,
}


def _known(names: Iterable[str], kind: str, name: str) -> None:
    if name not in names:
        raise ConvVizError("unknown_preset", kind=kind, name=name, valid=join(list(names)))


def input_preset(name: str, batch: int, channels: int, length: int, seed: int = 0) -> np.ndarray:
    """The (N, C, L) float64 input a preset name stands for (``ConvVizError`` for an unknown name).

    >>> input_preset("ones", 1, 2, 3).shape
    (1, 2, 3)
    """
    _known(list(INPUT_PRESETS), "input", name)
    return INPUT_PRESETS[name](batch, channels, length, seed)


# ---------------------------------------------------------------- weight presets


def moving_average(k: int) -> np.ndarray:
    """1/K in every tap: each output is the mean of its window (a low-pass filter)."""
    return np.full(k, 1.0 / k)


def edge(k: int) -> np.ndarray:
    """[−1, 0, 1] on the centre tap, zeros around it: x[t+1] − x[t−1], large where the signal jumps.

    K = 2 is the plain difference [−1, 1]; K = 1 has no neighbour to subtract and is [1].

    >>> edge(5).tolist()
    [0.0, -1.0, 0.0, 1.0, 0.0]
    """
    if k < 3:
        return np.array([-1.0, 1.0]) if k == 2 else np.ones(1)
    kernel = np.zeros(k)
    centre = (k - 1) // 2
    kernel[centre - 1], kernel[centre + 1] = -1.0, 1.0
    return kernel


def gaussian(k: int) -> np.ndarray:
    """A Gaussian bump (σ = K/6, so ±3σ spans the kernel), normalised to sum to 1: a gentle smoother."""
    taps = np.arange(k) - (k - 1) / 2
    kernel = np.exp(-0.5 * (taps / max(k / 6, 0.5)) ** 2)
    return np.asarray(kernel / kernel.sum())


def identity(k: int) -> np.ndarray:
    """1 on the centre tap: output = input (shifted by the padding).

    For even K the tap is (K−1)//2, left of the middle: the cell torch's
    ``padding="same"`` centres on (it pads the odd extra cell on the right), so
    ``identity`` with ``padding="same"`` gives y = x (for even K only with
    dilation 1: a dilated even kernel has no tap on its centre).

    >>> identity(4).tolist()
    [0.0, 1.0, 0.0, 0.0]
    """
    kernel = np.zeros(k)
    kernel[(k - 1) // 2] = 1.0
    return kernel


KERNELS: dict[str, Callable[[int], np.ndarray]] = {
    "moving_average": moving_average,
    "edge": edge,
    "gaussian": gaussian,
    "identity": identity,
}
WEIGHT_PRESETS = ("random", *KERNELS)


def kernel_weight(name: str, out_channels: int, per_group: int, kernel_size: int) -> np.ndarray:
    """(O, C_in/groups, K) weight applying kernel ``name`` channel by channel.

    Output channel o filters input channel o mod (C_in/groups) of its group;
    its other taps are 0. So with one input channel per output (depthwise, or
    in = out with groups = 1) every channel is filtered on its own, and
    ``identity`` really is the identity.

    >>> kernel_weight("identity", 2, 2, 1)[:, :, 0].tolist()
    [[1.0, 0.0], [0.0, 1.0]]
    """
    _known(list(KERNELS), "weights", name)
    weight = np.zeros((out_channels, per_group, kernel_size))
    weight[np.arange(out_channels), np.arange(out_channels) % per_group] = KERNELS[name](kernel_size)
    return weight


# ---------------------------------------------------------------- seeded random data


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
    weight_seeded: bool = False  # weight and bias are the draw's default init

    def astype(self, dtype: np.dtype | str) -> ConvData:
        """The same numbers in ``dtype`` (the page's float32 / float64 choice), provenance kept."""
        bias = None if self.bias is None else self.bias.astype(dtype)
        return replace(self, x=self.x.astype(dtype), weight=self.weight.astype(dtype), bias=bias)


SeededData = ConvData  # what ``seeded`` returns: every part from the draw


def _check_seed(seed: int) -> None:
    if not 0 <= seed <= MAX_SEED:
        raise ConvVizError("seed", seed=seed, max=MAX_SEED)


def seeded_input(batch: int, channels: int, length: int, seed: int) -> np.ndarray:
    """float32 ``torch.randn(batch, channels, length)`` after ``torch.manual_seed(seed)`` (NumPy's without torch)."""
    from conv_viz import reference  # imports torch lazily; here so data.py imports no torch

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


def _name(part: str | np.ndarray) -> str | None:
    return part if isinstance(part, str) else None


def make_data(
    params: Conv1dParams,
    batch: int,
    length: int,
    seed: int,
    x: str | np.ndarray,
    weight: str | np.ndarray,
    bias: np.ndarray | None = None,
) -> ConvData:
    """Input and weights from preset names or explicit arrays, mixed as the page asks.

    "random" (either side) takes that part from the seeded three-line draw, so
    the other part never shifts torch's generator: random weights with a ramp
    input are exactly ``nn.Conv1d``'s after ``torch.randn(N, C_in, L)``. When
    anything is seeded, everything is float32 (torch's default dtype, as in the
    notebook); otherwise float64. An explicit weight without a bias gets zeros
    when ``params.bias`` is on, as do the kernel presets.

    >>> data = make_data(Conv1dParams(1, 1, 3), 1, 4, 0, "ramp", "moving_average")
    >>> data.weight.tolist(), data.bias.tolist(), data.source
    ([[[0.333..., 0.333..., 0.333...]]], [0.0], 'explicit')
    """
    x_seeded, weight_seeded = _name(x) == "random", _name(weight) == "random"
    draw = seeded(params, batch, length, seed) if x_seeded or weight_seeded else None
    if draw is not None and x_seeded:
        xa = draw.x
    elif isinstance(x, str):
        xa = input_preset(x, batch, params.in_channels, length, seed)
    else:
        xa = np.asarray(x, dtype=np.float64)
    if draw is not None and weight_seeded:
        wa, ba = draw.weight, draw.bias
    else:
        wa = kernel_weight(weight, *params.weight_shape) if isinstance(weight, str) else np.asarray(weight, np.float64)
        ba = (np.zeros(params.out_channels) if bias is None else np.asarray(bias, np.float64)) if params.bias else None
    if draw is None:
        return ConvData(xa, wa, ba)
    f32 = np.float32
    return ConvData(
        xa.astype(f32), wa.astype(f32), None if ba is None else ba.astype(f32), draw.source, seed,
        x_seeded=x_seeded, weight_seeded=weight_seeded,
    )  # fmt: skip


# ---------------------------------------------------------------- typed text
# The URL's format (DESIGN.md): ',' between numbers, ';' between channels, '|' between batch items (x) or
# output channels (w). Also accepted, for pasted text: a newline ends a channel like ';' (one printed row per
# channel, as torch and NumPy print), spaces separate numbers like ',', and empty pieces (a trailing or doubled
# separator, a blank line) are dropped. Brackets are not accepted: a nested list would be silently flattened.

_TYPED_CHARS = MAX_TYPED_VALUES * 26  # the longest float64 repr is 24 characters, plus a separator
_TOKEN = re.compile(r"[^\s,;|]+")


def _numbers(text: str) -> list[str]:
    """Tokens of one row: commas and any whitespace separate; doubled separators are ignored."""
    return text.replace(",", " ").split()


def _values(tokens: list[str], name: str, shape: tuple[int, ...]) -> np.ndarray:
    """float64 of every token; a bad one is named by its index in torch's form, e.g. ``x[1, 0, 2]``."""

    def where(i: int) -> str:
        index = np.unravel_index(i, shape)
        return f"{name}[{', '.join(str(int(j)) for j in index)}]"

    values = np.empty(len(tokens))
    for i, token in enumerate(tokens):
        try:
            values[i] = float(token)
        except ValueError:
            raise ConvVizError("typed_not_number", token=token[:40], where=where(i)) from None
    bad = np.flatnonzero(~np.isfinite(values))  # nan, inf, and overflow such as 1e999
    if bad.size:
        raise ConvVizError("typed_not_finite", token=tokens[bad[0]][:40], where=where(int(bad[0])))
    return values.reshape(shape)


def _check_count(name: str, count: int) -> None:
    if count > MAX_TYPED_VALUES:
        raise ConvVizError("typed_too_many", name=name, count=f"{count:,}", max=f"{MAX_TYPED_VALUES:,}")


def _check_text(name: str, text: str) -> None:
    """Refuse text with too many numbers before splitting it into (possibly millions of) strings."""
    if len(text) > _TYPED_CHARS:
        _check_count(name, sum(1 for _ in _TOKEN.finditer(text)))


def _split3(text: str, name: str) -> list[list[list[str]]]:
    """Items by '|', channel rows by ';' or a newline, numbers by ',' or spaces; empty pieces dropped."""
    _check_text(name, text)
    items = []
    for item in text.split("|"):
        rows = [_numbers(row) for row in re.split(r"[;\n]", item)]
        if rows := [row for row in rows if row]:
            items.append(rows)
    _check_count(name, sum(len(row) for rows in items for row in rows))
    if not items:
        raise ConvVizError("typed_empty", name=name)
    return items


def _parse3(text: str, name: str) -> np.ndarray:
    """(A, B, C) float64 from typed text, with the index of any bad number in torch's x[n, c, t] form."""
    items = _split3(text, name)
    channels, length = len(items[0]), len(items[0][0])
    for n, rows in enumerate(items):
        if len(rows) != channels:
            raise ConvVizError(
                "typed_ragged_channels", where=f"{name}[{n}]", got=len(rows), first=f"{name}[0]", expected=channels
            )
        for c, row in enumerate(rows):
            if len(row) != length:
                raise ConvVizError(
                    "typed_ragged", where=f"{name}[{n}, {c}]", got=len(row), first=f"{name}[0, 0]", expected=length
                )
    tokens = [token for rows in items for row in rows for token in row]
    return _values(tokens, name, (len(items), channels, length))


def parse_input(text: str) -> np.ndarray:
    """(N, C, L) input from text: ',' between numbers, ';' (or a newline) between channels, '|' between items.

    >>> parse_input("0, 1, 2; 3, 4, 5 | 6, 7, 8; 9, 10, 11").shape
    (2, 2, 3)
    """
    return _parse3(text, "x")


def parse_weight(text: str) -> np.ndarray:
    """(C_out, C_in/groups, K) weight: ',' between taps, ';' (or a newline) between input channels, '|' between outputs.

    >>> parse_weight("0.1, 0.2, 0.3").tolist()
    [[[0.1, 0.2, 0.3]]]
    """
    return _parse3(text, "weight")


def parse_bias(text: str) -> np.ndarray:
    """(C_out,) bias: one number per output channel; any separator works (the tensor is 1-D).

    >>> parse_bias("0.5, -1").tolist()
    [0.5, -1.0]
    """
    _check_text("bias", text)
    tokens = _TOKEN.findall(text)
    _check_count("bias", len(tokens))
    if not tokens:
        raise ConvVizError("typed_empty", name="bias")
    return _values(tokens, "bias", (len(tokens),))


def format_number(value: float, dtype: np.dtype | type = np.float64) -> str:
    """The shortest text that reads back as exactly ``value`` in ``dtype``: ``1`` not ``1.0``, ``1e-5``.

    >>> [format_number(v) for v in (1.0, -0.0, 0.1, 1e-05, 2.5e300)]
    ['1', '-0', '0.1', '1e-5', '2.5e300']
    >>> format_number(1 / 3, np.float32)
    '0.33333334'
    """
    v = float(value)
    if v.is_integer() and abs(v) < 1e16:
        return "-0" if v == 0 and math.copysign(1, v) < 0 else str(int(v))
    text = repr(v)
    if np.dtype(dtype) == np.float32:
        short = str(np.float32(v))
        text = short if float(np.float32(float(short))) == v else text  # keep it only if it reads back exactly
    # '1e-05' → '1e-5', '1e+16' → '1e16': shorter, and a '+' would turn into a space in a URL
    return re.sub(r"e([+-]?)0*(\d)", lambda m: "e" + m[1].replace("+", "") + m[2], text)


def format_values(values: np.ndarray) -> str:
    """Typed-text form of a 1-D, 2-D or 3-D array; ``parse_*`` reads it back to identical float64.

    >>> format_values(np.array([[[0.0, 1.0], [2.5, 3.0]], [[4.0, 5.0], [6.0, -7.0]]]))
    '0,1;2.5,3|4,5;6,-7'
    """
    a = np.asarray(values)
    if a.ndim == 1:
        return ",".join(format_number(v, a.dtype) for v in a.tolist())
    return (";" if a.ndim == 2 else "|").join(format_values(part) for part in a)


# ---------------------------------------------------------------- uploads


def _check_upload(data: bytes) -> None:
    if len(data) > MAX_UPLOAD_BYTES:
        raise ConvVizError(
            "upload_too_big", size=f"{len(data):,}", max=f"{MAX_UPLOAD_BYTES:,}", max_mb=MAX_UPLOAD_BYTES // 2**20
        )


def _check_shape(channels: int, length: int) -> None:
    """The CSV/WAV sizes the app can draw (the conv's own limits come later, in ``check_limits``)."""
    for name, value, limit in (("in_channels", channels, MAX_CHANNELS), ("length", length, MAX_LENGTH)):
        if value > limit:
            raise ConvVizError("limit", name=name, value=f"{value:,}", max=f"{limit:,}")


def _delimiter(line: str) -> str | None:
    """The commonest of ',', ';' and tab in the first line (None: whitespace, or a single column)."""
    counts = {d: line.count(d) for d in (",", ";", "\t")}
    best = max(counts, key=lambda d: counts[d])
    return best if counts[best] else None


def _fields(line: str, delimiter: str | None) -> list[str]:
    return [f.strip().strip('"') for f in line.split(delimiter)]


def _is_number(field: str) -> bool:
    """What ``np.loadtxt`` reads as a float (Python's ``float`` also takes '1_000'; NumPy does not)."""
    try:
        float(field)
    except ValueError:
        return False
    return "_" not in field


def _diagnose_csv(rows: list[tuple[int, str]], delimiter: str | None) -> None:
    """Find the first ragged row or non-number and raise its ``ConvVizError`` (file line numbers)."""
    expected = len(_fields(rows[0][1], delimiter))
    for line_no, line in rows:
        fields = _fields(line, delimiter)
        if len(fields) != expected:
            raise ConvVizError("csv_ragged", row=line_no, got=len(fields), expected=expected)
        for column, field in enumerate(fields, 1):
            if not _is_number(field):
                raise ConvVizError("csv_not_number", row=line_no, column=column, token=field[:40])


def load_csv(data: bytes) -> np.ndarray:
    """(1, C, L) float64 from a CSV file: rows are time steps, columns are channels (as in pandas or Keras).

    Separators: ',', ';' or tab (whichever the first row uses most), else spaces.
    A first row that is not all numbers is a header and is skipped; blank lines
    and lines starting with '#' are ignored. Parsing is NumPy's ``np.loadtxt``.

    >>> load_csv(b"left,right\\n1,2\\n3,4\\n5,6\\n").tolist()
    [[[1.0, 3.0, 5.0], [2.0, 4.0, 6.0]]]
    """
    _check_upload(data)
    try:
        text = data.decode("utf-8-sig")  # the BOM Excel writes
    except UnicodeDecodeError:
        raise ConvVizError("csv_encoding") from None
    lines = [(i, line) for i, line in enumerate(text.splitlines(), 1) if line.strip() and not line.startswith("#")]
    if not lines:
        raise ConvVizError("csv_empty")
    delimiter = _delimiter(lines[0][1])
    rows = lines if all(_is_number(f) for f in _fields(lines[0][1], delimiter)) else lines[1:]
    if not rows:
        raise ConvVizError("csv_empty")
    _check_shape(len(_fields(rows[0][1], delimiter)), len(rows))
    try:
        body = io.StringIO("\n".join(line for _, line in rows))
        values = np.loadtxt(body, delimiter=delimiter, dtype=np.float64, ndmin=2, comments=None, quotechar='"')
    except ValueError as err:
        _diagnose_csv(rows, delimiter)
        raise ConvVizError("csv_invalid", detail=str(err)[:200]) from None  # what the diagnosis missed
    bad = np.argwhere(~np.isfinite(values))
    if bad.size:
        r, c = bad[0]
        raise ConvVizError("csv_not_finite", row=rows[r][0], column=c + 1, token=_fields(rows[r][1], delimiter)[c])
    return np.ascontiguousarray(values.T[None])


_WAV_PCM = 1
_WAV_EXTENSIBLE = 0xFFFE
_WAV_FORMATS = {3: "IEEE float", 6: "A-law", 7: "μ-law", 2: "ADPCM", 17: "IMA ADPCM", 85: "MP3"}


def _pcm_extensible(data: bytes) -> bytes:
    """WAVE_FORMAT_EXTENSIBLE with a PCM sub-format rewritten as plain PCM (Python 3.11's ``wave`` refuses it).

    Many tools (ffmpeg, Windows) write 24-bit or multichannel PCM this way.
    """
    pos = 12
    while pos + 8 <= len(data):
        chunk, size = data[pos : pos + 4], int.from_bytes(data[pos + 4 : pos + 8], "little")
        if chunk == b"fmt ":
            tag = int.from_bytes(data[pos + 8 : pos + 10], "little")
            sub_format = data[pos + 32 : pos + 34]  # first two bytes of the sub-format GUID
            if tag == _WAV_EXTENSIBLE and sub_format == _WAV_PCM.to_bytes(2, "little"):
                return data[: pos + 8] + _WAV_PCM.to_bytes(2, "little") + data[pos + 10 :]
            return data
        pos += 8 + size + size % 2  # chunks are word aligned
    return data


def _samples(raw: bytes, width: int) -> np.ndarray:
    """Integer PCM bytes to float64 in [−1, 1): 8-bit is unsigned, 16/24/32-bit signed little-endian."""
    if width == 1:
        return (np.frombuffer(raw, np.uint8).astype(np.float64) - 128) / 128
    if width == 3:  # no 24-bit dtype: assemble the three bytes, then sign-extend
        b = np.frombuffer(raw, np.uint8).reshape(-1, 3).astype(np.int32)
        value = b[:, 0] | (b[:, 1] << 8) | (b[:, 2] << 16)
        return ((value ^ 0x800000) - 0x800000) / 2.0**23
    dtype = {2: "<i2", 4: "<i4"}[width]
    return np.frombuffer(raw, dtype).astype(np.float64) / 2.0 ** (8 * width - 1)


def load_wav(data: bytes) -> tuple[np.ndarray, int]:
    """(1, C, L) float64 in [−1, 1] and the sample rate, from an uncompressed PCM WAV (8/16/24/32-bit).

    Channels are the file's channels (stereo: left, right).
    """
    _check_upload(data)
    try:
        with wave.open(io.BytesIO(_pcm_extensible(data)), "rb") as f:
            channels, width, rate, frames = f.getnchannels(), f.getsampwidth(), f.getframerate(), f.getnframes()
            if width not in (1, 2, 3, 4):
                raise ConvVizError("wav_width", bits=8 * width)
            if rate < 1:
                raise ConvVizError("wav_invalid")
            if frames > MAX_LENGTH:  # from the header, before reading the samples
                raise ConvVizError(
                    "wav_too_long", frames=f"{frames:,}", rate=f"{rate:,}", seconds=f"{frames / rate:.2f}",
                    max=f"{MAX_LENGTH:,}", max_seconds=f"{MAX_LENGTH / rate:.2f}",
                )  # fmt: skip
            _check_shape(channels, frames)
            raw = f.readframes(frames)
    except wave.Error as err:
        code = re.fullmatch(r"unknown format: (\d+)", str(err))
        if code:
            number = int(code[1])
            raise ConvVizError("wav_format", code=number, kind=_WAV_FORMATS.get(number, "?")) from None
        raise ConvVizError("wav_invalid") from None
    except EOFError:  # truncated or empty
        raise ConvVizError("wav_empty" if len(data) < 44 else "wav_invalid") from None
    frames = len(raw) // (width * channels)  # a truncated file holds fewer frames than its header says
    if frames == 0:
        raise ConvVizError("wav_empty")
    samples = _samples(raw[: frames * width * channels], width).reshape(frames, channels)
    return np.ascontiguousarray(samples.T[None]), rate


def to_wav_bytes(signal: np.ndarray, rate: int) -> bytes:
    """16-bit PCM WAV of a (L,) or (C, L) signal, for the browser's audio player.

    Values in [−1, 1] are written as they are (so ``load_wav`` reads k/32768
    back exactly); a louder signal, such as a conv output, is scaled down to a
    peak of 1 instead of clipped.
    """
    a = np.asarray(signal, dtype=np.float64)
    a = a[None] if a.ndim == 1 else a
    if a.ndim != 2 or a.size == 0:
        raise ConvVizError("signal_shape", shape=str(list(np.shape(signal))))
    if not np.isfinite(a).all():
        raise ConvVizError("signal_not_finite")
    if not 1 <= rate <= 2**31 - 1:
        raise ConvVizError("wav_rate", rate=rate)
    peak = float(np.abs(a).max())
    scaled = a / peak if peak > 1 else a
    pcm = np.clip(np.round(scaled * 32768), -32768, 32767).astype("<i2")
    out = io.BytesIO()
    with wave.open(out, "wb") as f:
        f.setnchannels(a.shape[0])
        f.setsampwidth(2)
        f.setframerate(int(rate))
        f.writeframes(pcm.T.tobytes())  # frames interleave the channels
    return out.getvalue()

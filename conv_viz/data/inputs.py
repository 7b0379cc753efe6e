"""Input presets: (N, C, L) float64 signals a learner recognises, each a function of the shape and a seed.

Deterministic except ``random`` (torch's seeded ``randn``) and the noisy ones (NumPy's generator, seeded).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

import numpy as np

from conv_viz.data.seeded import seeded_input
from conv_viz.errors import ConvVizError
from conv_viz.i18n import join

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


def require_preset(names: Iterable[str], kind: str, name: str) -> None:
    """Refuse a preset name that is not in ``names``, listing the ones that are."""
    if name not in names:
        raise ConvVizError("unknown_preset", kind=kind, name=name, valid=join(list(names)))


def input_preset(name: str, batch: int, channels: int, length: int, seed: int = 0) -> np.ndarray:
    """The (N, C, L) float64 input a preset name stands for (``ConvVizError`` for an unknown name).

    >>> input_preset("ones", 1, 2, 3).shape
    (1, 2, 3)
    """
    require_preset(list(INPUT_PRESETS), "input", name)
    return INPUT_PRESETS[name](batch, channels, length, seed)

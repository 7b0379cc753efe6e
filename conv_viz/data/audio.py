"""Signals as sound: one channel in, a WAV clip for the browser's player out.

NumPy and the standard library only (the WAV writer is ``data.to_wav_bytes``).
Every clip is scaled to the same peak, so a quiet output (an edge kernel on a
slow tone) is as audible as a loud one; the gain is returned so the page can
say how much louder or softer the clip was made.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from conv_viz.data import to_wav_bytes

PEAK = 0.9  # a little below full scale: some players and speakers distort right at ±1
MIN_AUDIBLE_S = 0.25  # shorter than a quarter second is a click, not something to listen to


@dataclass(frozen=True)
class Clip:
    """A playable WAV of one channel, and how it was scaled."""

    wav: bytes
    peak: float  # max |value| of the signal as computed
    gain: float  # what the samples were multiplied by (1 for silence)
    seconds: float


def clip(signal: np.ndarray, rate: int, hold: int = 1) -> Clip:
    """A 16-bit mono WAV of a 1-D signal at ``rate``, scaled to ``PEAK``; each value repeated ``hold`` times.

    ``hold`` is the stride: a strided conv keeps one window in ``stride``, so
    holding each output that long makes it last as long as its input, at a
    rate every browser plays (``rate / stride`` can fall below what they accept).

    >>> c = clip(np.array([0.0, 2.0, -4.0]), 8000, hold=2)
    >>> c.peak, c.gain, c.seconds
    (4.0, 0.225, 0.00075)
    """
    a = np.repeat(np.asarray(signal, dtype=np.float64), hold)
    peak = float(np.abs(a).max()) if a.size else 0.0
    # below the smallest normal float PEAK / peak overflows to inf: such a signal is silence, played as it is
    gain = PEAK / peak if peak >= np.finfo(np.float64).tiny else 1.0
    return Clip(to_wav_bytes(a * gain, rate), peak, gain, a.size / rate)

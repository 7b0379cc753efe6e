"""Inputs and weights: presets, seeded random data, typed text and CSV/WAV uploads.

NumPy and the standard library only: seeded data comes from torch when it is
installed, but through ``conv_viz.reference`` inside the functions that need it,
so importing this package never imports torch and the app still runs without it.

Arrays are (N, C, L) like torch's. Presets and parsers return float64; seeded
data is float32, because that is what ``torch.randn`` and ``nn.Conv1d`` give.
One idea a module; callers use this package's names (``data.make_data``).
"""

from conv_viz.data.files import load_csv, load_wav, to_csv, to_wav_bytes
from conv_viz.data.inputs import (
    AUDIO_RATE,
    BEATS_PER_SECOND,
    CLICK_DECAY_S,
    HUM_LEVEL,
    INPUT_PRESETS,
    chirp,
    embedding,
    input_preset,
    multivariate,
    noisy_sine,
    ones,
    ramp,
    random_input,
    rhythm,
    sine,
    step,
)
from conv_viz.data.kernels import KERNELS, WEIGHT_PRESETS, edge, gaussian, identity, kernel_weight, moving_average
from conv_viz.data.make import make_data
from conv_viz.data.seeded import ConvData, seeded, seeded_input
from conv_viz.data.typed import format_number, format_values, parse_bias, parse_input, parse_weight

__all__ = [
    "AUDIO_RATE",
    "BEATS_PER_SECOND",
    "CLICK_DECAY_S",
    "HUM_LEVEL",
    "INPUT_PRESETS",
    "KERNELS",
    "WEIGHT_PRESETS",
    "ConvData",
    "chirp",
    "edge",
    "embedding",
    "format_number",
    "format_values",
    "gaussian",
    "identity",
    "input_preset",
    "kernel_weight",
    "load_csv",
    "load_wav",
    "make_data",
    "moving_average",
    "multivariate",
    "noisy_sine",
    "ones",
    "parse_bias",
    "parse_input",
    "parse_weight",
    "ramp",
    "random_input",
    "rhythm",
    "seeded",
    "seeded_input",
    "sine",
    "step",
    "to_csv",
    "to_wav_bytes",
]

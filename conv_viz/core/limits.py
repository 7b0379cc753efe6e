"""The app's limits, each with the reason it exists, checked before any heavy work.

The app runs on a small shared server (Streamlit Community Cloud: 0.7–2.7 GB of
RAM, a shared CPU) and every URL parameter is user input, so a limit is what
stands between a pasted link and a stalled page. Standard library only.
"""

from __future__ import annotations

from conv_viz.core.params import Conv1dParams, ConvTranspose1dParams
from conv_viz.errors import ConvVizError

MAX_BATCH = 16  # enough to show that samples are independent; more only repeats the picture
MAX_CHANNELS = 64  # in_channels and out_channels: the wiring and weight tables stay readable
# The receptive-field page's stack text: shapes and receptive fields there are integer arithmetic on the
# layer list (no tensor is made), so a real model's widths (M5: 256, WaveNet: 512) parse; 4096 bounds the text.
# Its numeric part (torch's run, the autograd and exact dependency sets, the input-cell figure) still computes
# only stacks whose every tensor holds ≤ MAX_STACK_VALUES values and whose pass is ≤ MAX_MACS operations.
MAX_STACK_CHANNELS = 4096
MAX_KERNEL = 128  # long FIR filters on audio; every tap is drawn and listed
MAX_LENGTH = 48_000  # 1 s of 48 kHz audio
MAX_STRIDE = 64  # beyond this a window skips most of any input the app accepts
MAX_DILATION = 64  # dilation·(kernel_size−1) still fits inside MAX_LENGTH-sized inputs
MAX_PADDING = 1024  # more padding than that is mostly zeros on the screen
MAX_INPUT_VALUES = 1_000_000  # N·C·L: 8 MB of float64, held per session
# N·C_out·L_out, likewise: without it 16·64·48,000 outputs (k=1) passed every other check and made 393 MB
MAX_OUTPUT_VALUES = 1_000_000
# the largest tensor the numeric part of a stack makes: the old MAX_CHANNELS·MAX_LENGTH, 12 MB of float32
MAX_STACK_VALUES = 64 * 48_000
MAX_MACS = 50_000_000  # N·C_out·L_out·(C_in/groups)·K: the server work of one rerun (well under a second)
MAX_TYPED_VALUES = 20_000  # typed text travels in the URL; browsers and proxies cap URLs near 64 KB–2 MB
MAX_UPLOAD_BYTES = 5 * 1024 * 1024  # a CSV or WAV file: 5 MB holds ~50 s of 16-bit mono audio at 48 kHz
# torch.manual_seed and NumPy's default_rng accept up to 2**63 − 1, but the seed widget is a browser number input,
# exact only up to 2**53 − 1 (JavaScript's safe integers): one bound for the link and the widget, so a seed in a link
# is either shown as it is or refused with a warning, never changed silently.
MAX_SEED = 2**53 - 1
# The backward page's training: every step is a forward and a backward pass on the server, and torch repeats them
# beside NumPy; 500 steps show convergence at any learning rate worth trying, the work bound keeps a rerun short.
MAX_TRAIN_STEPS = 500
MAX_TRAIN_WORK = 20_000_000  # steps · 3 passes · MACs of one pass
MAX_TRAIN_TAPS = 512  # C_in/groups · K (+1 bias) per output channel: the Hessian's eigenvalue problem is that square
MAX_LR = 1000.0  # any learning rate past the critical one diverges in a few steps; beyond this is the same picture
MAX_MOMENTUM = 0.99  # torch accepts any momentum ≥ 0; ≥ 1 never converges, and 0.99 already rings for hundreds of steps
# The Listen tab's sample rate: what browsers' audio players accept (Chromium plays 3 kHz … 768 kHz WAV)
MIN_SAMPLE_RATE, MAX_SAMPLE_RATE = 3000, 384_000

# The knobs of one convolution, with their limits, in the order messages list them.
_KNOB_LIMITS: tuple[tuple[str, int], ...] = (
    ("in_channels", MAX_CHANNELS),
    ("out_channels", MAX_CHANNELS),
    ("kernel_size", MAX_KERNEL),
    ("stride", MAX_STRIDE),
    ("dilation", MAX_DILATION),
)


def _over(name: str, value: int, limit: int) -> None:
    if value > limit:
        raise ConvVizError("limit", name=name, value=f"{value:,}", max=f"{limit:,}")


def macs(params: Conv1dParams, batch: int, length: int) -> int:
    """Multiply-adds of one forward pass: N·C_out·L_out·(C_in/groups)·K (0 when no window fits).

    >>> macs(Conv1dParams(16, 33, 3, stride=2), batch=20, length=50)
    760320
    """
    out_length = max(0, params.output_length(length))
    per_output = (params.in_channels // max(1, params.groups)) * params.kernel_size
    return batch * params.out_channels * out_length * per_output


def _knob_to_lower(params: Conv1dParams, batch: int, length: int) -> tuple[str, int]:
    """The knob set closest to its own maximum: lowering it costs the learner least."""
    share = {
        "batch": (batch, batch / MAX_BATCH),
        "length": (length, length / MAX_LENGTH),
        "out_channels": (params.out_channels, params.out_channels / MAX_CHANNELS),
        "in_channels": (params.in_channels, params.in_channels / max(1, params.groups) / MAX_CHANNELS),
        "kernel_size": (params.kernel_size, params.kernel_size / MAX_KERNEL),
    }
    name = max(share, key=lambda k: share[k][1])
    return name, share[name][0]


def _check_knobs(params: Conv1dParams | ConvTranspose1dParams, batch: int, length: int) -> None:
    """torch's own rules first (they make the arithmetic after them safe: stride, groups ≥ 1), then the knobs."""
    params.check()
    if batch < 1:
        raise ConvVizError("positive", name="batch", value=batch)
    _over("batch", batch, MAX_BATCH)
    _over("length", length, MAX_LENGTH)
    for name, limit in _KNOB_LIMITS:
        _over(name, getattr(params, name), limit)


def check_limits(params: Conv1dParams, batch: int, length: int) -> None:
    """Refuse a configuration the server should not compute, before anything is computed.

    Raises ``ConvVizError("limit")`` naming the knob over its maximum, or
    ``ConvVizError("limit_work")`` when each knob is fine but their product is not.

    >>> check_limits(Conv1dParams(2, 2, 3, bias=False), batch=2, length=5)
    >>> check_limits(Conv1dParams(kernel_size=500), batch=1, length=1000)
    Traceback (most recent call last):
    ...
    conv_viz.errors.ConvVizError: kernel_size=500 is over this app's limit of 128. Use kernel_size ≤ 128.
    """
    _check_knobs(params, batch, length)
    if isinstance(params.padding, int):
        _over("padding", params.padding, MAX_PADDING)
    _over("batch·in_channels·length", batch * params.in_channels * length, MAX_INPUT_VALUES)
    work = macs(params, batch, length)
    if work > MAX_MACS:
        knob, value = _knob_to_lower(params, batch, length)
        terms = (batch, params.out_channels, params.output_length(length), params.in_channels // params.groups)
        formula = "·".join(str(t) for t in (*terms, params.kernel_size))
        raise ConvVizError(
            "limit_work", macs=f"{work:,}", max=f"{MAX_MACS:,}", formula=formula, knob=knob, value=f"{value:,}"
        )
    # after the work, whose message names a knob: only views with little work per output (a 1-tap or
    # depthwise kernel, wide padding) get this far with too many outputs
    out_length = max(0, params.output_length(length))
    _over("batch·out_channels·L_out", batch * params.out_channels * out_length, MAX_OUTPUT_VALUES)


def check_train_limits(params: Conv1dParams, batch: int, length: int, steps: int) -> None:
    """Refuse a training run the server should not compute: too many steps, too much work, too many taps.

    >>> check_train_limits(Conv1dParams(2, 2, 3), batch=1, length=12, steps=60)
    >>> check_train_limits(Conv1dParams(2, 2, 3), batch=1, length=12, steps=501)
    Traceback (most recent call last):
    ...
    conv_viz.errors.ConvVizError: steps=501 is over this app's limit of 500. Use steps ≤ 500.
    """
    if steps < 1:
        raise ConvVizError("positive", name="steps", value=steps)
    _over("steps", steps, MAX_TRAIN_STEPS)
    taps = (params.in_channels // max(1, params.groups)) * params.kernel_size + int(params.bias)
    _over("in_channels/groups·kernel_size", taps, MAX_TRAIN_TAPS)
    one_pass = macs(params, batch, length)
    if 3 * steps * one_pass > MAX_TRAIN_WORK:
        raise ConvVizError(
            "limit_train",
            work=f"{3 * steps * one_pass:,}",
            max=f"{MAX_TRAIN_WORK:,}",
            steps=steps,
            macs=f"{one_pass:,}",
        )


def transposed_macs(params: ConvTranspose1dParams, batch: int, length: int) -> int:
    """Multiply-adds of one ConvTranspose1d pass: every input value times its group's (C_out/groups)·K weights.

    >>> transposed_macs(ConvTranspose1dParams(2, 4, 3, groups=2), batch=1, length=10)
    120
    """
    return batch * params.in_channels * length * (params.out_channels // max(1, params.groups)) * params.kernel_size


def check_transposed_limits(params: ConvTranspose1dParams, batch: int, length: int) -> None:
    """The same limits for a ConvTranspose1d, with the same reasons; its output grows with stride, so that is bounded.

    >>> check_transposed_limits(ConvTranspose1dParams(2, 2, 3, stride=2), batch=2, length=5)
    >>> check_transposed_limits(ConvTranspose1dParams(kernel_size=3, stride=64), batch=16, length=1000)
    Traceback (most recent call last):
    ...
    conv_viz.errors.ConvVizError: batch·out_channels·L_out=1,023,024 is over this app's limit of 1,000,000. ...
    """
    _check_knobs(params, batch, length)
    _over("padding", params.padding, MAX_PADDING)
    _over("batch·in_channels·length", batch * params.in_channels * length, MAX_INPUT_VALUES)
    _over("batch·out_channels·L_out", batch * params.out_channels * params.output_length(length), MAX_OUTPUT_VALUES)
    work = transposed_macs(params, batch, length)
    if work > MAX_MACS:
        terms = (batch, params.in_channels, length, params.out_channels // params.groups, params.kernel_size)
        formula = "·".join(str(t) for t in terms)
        raise ConvVizError("transposed_work", macs=f"{work:,}", max=f"{MAX_MACS:,}", formula=formula)

"""Weight presets: named 1-D kernels (moving average, edge, Gaussian, identity) laid into a Conv1d weight."""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

from conv_viz.data.inputs import require_preset


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
    require_preset(list(KERNELS), "weights", name)
    weight = np.zeros((out_channels, per_group, kernel_size))
    weight[np.arange(out_channels), np.arange(out_channels) % per_group] = KERNELS[name](kernel_size)
    return weight

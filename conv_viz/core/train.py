"""A Conv1d learning a kernel by gradient descent: NumPy's forward, ``backward.gradients`` and SGD.

The update is ``torch.optim.SGD``'s (dampening 0, no Nesterov, no weight decay): on the first step
the momentum buffer is the gradient itself, then buf = momentum·buf + grad, and p ← p − lr·buf.
The loss is ``F.mse_loss(conv(x), target)``. NumPy and the standard library only.

Gradient descent on this loss is a linear system: along the Hessian's largest eigenvalue λ the error
is multiplied each step by 1 − lr·λ (heavy-ball momentum β: it converges while lr·λ < 2·(1 + β)), so
``critical_lr`` says, before a step is taken, which learning rates diverge.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from conv_viz.core import backward, conv
from conv_viz.core.geometry import conv_geometry
from conv_viz.core.params import Conv1dParams

# Stop once the loss has grown this much over its start: the curve has shown the blow-up, and the
# next steps would overflow float32 (and then float64) into inf and nan.
DIVERGED_GROWTH = 1e12


@dataclass(frozen=True, eq=False)
class SGDSetup:
    """Where a run starts and how it steps: one value that NumPy's ``sgd`` and torch's ``reference.torch_train`` read.

    The loss is ``F.mse_loss(conv(x), target)``; ``weight`` and ``bias`` are the start, ``lr`` and ``momentum``
    ``torch.optim.SGD``'s.
    """

    params: Conv1dParams
    x: np.ndarray
    weight: np.ndarray
    bias: np.ndarray | None
    target: np.ndarray
    lr: float
    momentum: float
    steps: int


@dataclass(frozen=True)
class Training:
    """The NumPy run: the loss before each step, the parameters after it, and why it stopped early."""

    losses: np.ndarray  # (steps run,) float64 copies of the loss in the run's dtype
    weights: np.ndarray  # (steps run + 1, *weight.shape): the start, then after each step
    biases: np.ndarray | None  # (steps run + 1, C_out)
    steps: int  # asked for
    diverged_at: int | None  # 1-based step whose loss passed DIVERGED_GROWTH × the first (or overflowed)
    curvature: float  # λ_max of the loss's Hessian in (weight, bias)
    critical_lr: float  # 2·(1 + momentum)/λ_max: larger learning rates diverge


def forward(x: np.ndarray, weight: np.ndarray, bias: np.ndarray | None, params: Conv1dParams) -> np.ndarray:
    """The layer's output, the way the engine computes it for the playground."""
    p = params
    return conv.apply(p, x, weight, bias)


def curvature(x: np.ndarray, params: Conv1dParams, out_count: int) -> float:
    """λ_max of the MSE's Hessian: (2/M)·AᵀA per output channel, A = [windows | 1] of its group, M = numel(y).

    Every output channel of a group sees the same windows, so one eigenvalue problem a group.

    >>> round(curvature(np.ones((1, 1, 4)), Conv1dParams(1, 1, 2, bias=False), 3), 6)  # A = ones(3, 2)
    4.0
    """
    geometry = conv_geometry(params, x.shape[-1])
    xp = conv.pad(conv.batched(x).astype(np.float64), geometry)
    windows = geometry.windows  # (L_out, K)
    per_group = params.in_channels // params.groups
    largest = 0.0
    for g in range(params.groups):
        cols = xp[:, g * per_group : (g + 1) * per_group][:, :, windows]  # (N, Cg, L_out, K)
        a = cols.transpose(0, 2, 1, 3).reshape(-1, per_group * params.kernel_size)
        if params.bias:
            a = np.hstack([a, np.ones((a.shape[0], 1))])
        largest = max(largest, float(np.linalg.eigvalsh(a.T @ a)[-1]))
    return 2 * largest / out_count


def sgd(setup: SGDSetup) -> Training:
    """``setup.steps`` of torch.optim.SGD(lr, momentum) on ``F.mse_loss(conv(x), target)``, in x's dtype.

    Stops early, before anything overflows, once the loss has grown DIVERGED_GROWTH-fold.
    """
    x, target, params, lr, momentum, steps = setup.x, setup.target, setup.params, setup.lr, setup.momentum, setup.steps
    dtype = x.dtype.type
    w, b = setup.weight.copy(), None if setup.bias is None else setup.bias.copy()
    step_lr, beta = dtype(lr), dtype(momentum)
    buffers: list[np.ndarray] | None = None
    losses: list[float] = []
    weights = [w.copy()]
    biases = [] if b is None else [b.copy()]
    diverged = None
    with np.errstate(over="ignore", invalid="ignore"):  # overflow is caught below and told as divergence
        for step in range(1, steps + 1):
            y = forward(x, w, b, params)
            loss = backward.loss_value(y, "mse", target)
            if not np.isfinite(loss) or (losses and loss > DIVERGED_GROWTH * max(losses[0], 1e-30)):
                diverged = step
                break
            grads = backward.gradients(x, w, b, backward.loss_gradient(y, "mse", target), params)
            found = [grads.dw] if grads.db is None else [grads.dw, grads.db]
            if momentum and buffers is not None:
                buffers = [beta * buf + grad for buf, grad in zip(buffers, found, strict=True)]
            elif momentum:
                buffers = [grad.copy() for grad in found]
            updates = buffers if momentum and buffers is not None else found
            new = [p - step_lr * u for p, u in zip([w] if b is None else [w, b], updates, strict=True)]
            if not all(np.isfinite(p).all() for p in new):
                diverged = step
                break
            losses.append(loss)
            w = new[0]
            weights.append(w.copy())
            if b is not None:
                b = new[1]
                biases.append(b.copy())
    lam = curvature(x, params, target.size)
    return Training(
        losses=np.array(losses, dtype=np.float64),
        weights=np.stack(weights),
        biases=np.stack(biases) if biases else None,
        steps=steps,
        diverged_at=diverged,
        curvature=lam,
        critical_lr=2 * (1 + momentum) / lam if lam > 0 else float("inf"),
    )

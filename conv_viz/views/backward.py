"""The backward page's computation: a small frozen spec in, the gradients (or a training run) out.

Pure (no Streamlit, no torch at import): the page caches ``build_backward`` and ``build_training``
on their specs and draws what they return. The layer and its data are the playground's
(``views.scene.build_scene``: torch's rules, the app's limits, then data), so the page shows the
gradients of exactly the convolution the playground shows for the same link.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

import numpy as np

from conv_viz import data
from conv_viz.core import backward, train
from conv_viz.core.backward import Gradients, GradientSum, TransposeIdentity
from conv_viz.core.limits import check_train_limits
from conv_viz.core.params import Conv1dParams
from conv_viz.errors import ConvVizError
from conv_viz.server.url_state import DEFAULT, TARGET_FILTERS, ViewState
from conv_viz.views.scene import QUIET_OVERFLOW, ConvSpec, Scene, build_scene, check_finite


@dataclass(frozen=True)
class BackwardSpec:
    """What the gradients depend on: the layer and its data, the loss, and (for the MSE) the target."""

    conv: ConvSpec  # the layer and its data, as the playground reads them from the link (``_conv``)
    loss: str = "sum"
    target: str = "gaussian"


@dataclass(frozen=True)
class TrainSpec:
    """What a training run depends on: the layer and its data, the target, and SGD's knobs."""

    conv: ConvSpec
    target: str
    lr: float
    steps: int
    momentum: float


def _conv(state: ViewState) -> ConvSpec:
    """The playground's spec of the link's layer and data; this page does not read kept uploads."""
    return replace(ConvSpec.of(state), upload=None)


def backward_spec(state: ViewState) -> BackwardSpec:
    # y.sum() has no target: every target then names the same numbers
    return BackwardSpec(_conv(state), state.loss, state.target if state.loss == "mse" else DEFAULT.target)


def train_spec(state: ViewState) -> TrainSpec:
    return TrainSpec(_conv(state), state.target, state.lr, state.steps, state.momentum)


def target_weight(scene: Scene, name: str, seed: int) -> np.ndarray | None:
    """The target filter as a weight of the layer's shape (each output channel filters its own input channel).

    ``random``: NumPy's ``default_rng(seed).uniform(−b, b)`` with PyTorch's init bound b, another kernel of
    the same kind as the model's start. A signal target has no kernel: None.
    """
    p = scene.params
    if name not in TARGET_FILTERS:
        return None
    if name == "random":
        bound = p.init_bound
        w = np.random.default_rng(seed).uniform(-bound, bound, p.weight_shape)
    else:
        w = data.kernel_weight(name, *p.weight_shape)
    return w.astype(scene.data.x.dtype)


def target_output(scene: Scene, name: str, seed: int) -> np.ndarray:
    """The MSE's target: the target filter's output on x (no bias), or a preset signal of y's shape."""
    weight = target_weight(scene, name, seed)
    d = scene.data
    if weight is None:
        n, c, length = scene.y.shape
        return data.input_preset(name, n, c, length, seed).astype(d.x.dtype)
    bias = None if d.bias is None else np.zeros_like(d.bias)
    return train.forward(d.x, weight, bias, scene.params)


@dataclass(frozen=True)
class BackwardView:
    """Everything the page's gradient part shows; every number comes from here."""

    scene: Scene
    loss: str
    target: np.ndarray | None  # the MSE's target, None for y.sum()
    loss_value: float
    grads: Gradients
    identity: TransposeIdentity


@QUIET_OVERFLOW
def build_backward(spec: BackwardSpec) -> BackwardView:
    """The playground's scene, the loss, and backward's three gradients; raises ``ConvVizError``."""
    scene = build_scene(spec.conv)
    target = target_output(scene, spec.target, spec.conv.seed) if spec.loss == "mse" else None
    d, y = scene.data, scene.y
    dy = backward.loss_gradient(y, spec.loss, target)
    grads = backward.gradients(d.x, d.weight, d.bias, dy, scene.params)
    check_finite(y.dtype, dw=grads.dw, dx=grads.dx)  # MSE gradients square typed numbers: they can overflow
    identity = backward.transpose_identity(grads.dy, d.weight, scene.params, scene.length)
    return BackwardView(scene, spec.loss, target, backward.loss_value(y, spec.loss, target), grads, identity)


def explain_weight(view: BackwardView, cell: tuple[int, int, int]) -> GradientSum:
    """dL/dw[o, c, k] written out, the cell clamped into the weight's shape."""
    d = view.scene.data
    o, c, k = (min(v, s - 1) for v, s in zip(cell, d.weight.shape, strict=True))
    return backward.explain_dw(d.x, d.weight, view.grads.dy, view.scene.params, (o, c, k))


def explain_input(view: BackwardView, cell: tuple[int, int, int]) -> GradientSum:
    """dL/dx[n, c, i] written out, the cell clamped into x's shape."""
    d = view.scene.data
    shape = (view.scene.batch, *d.x.shape[-2:])
    n, c, i = (min(v, s - 1) for v, s in zip(cell, shape, strict=True))
    return backward.explain_dx(d.x, d.weight, view.grads.dy, view.scene.params, (n, c, i))


# ---------------------------------------------------------------- the kernel that learns


@dataclass(frozen=True)
class TrainingView:
    """A NumPy SGD run from the layer's starting weights towards the target."""

    scene: Scene
    target_weight: np.ndarray | None  # the kernel to find; None for a signal target
    target: np.ndarray  # the target output
    run: train.Training
    lr: float
    momentum: float


def build_training(spec: TrainSpec) -> TrainingView:
    """Limits first (steps, work, taps), then ``spec.steps`` of SGD from the scene's weights."""
    scene = build_scene(spec.conv)
    check_train_limits(scene.params, scene.batch, scene.length, spec.steps)
    if not spec.lr > 0 or not 0 <= spec.momentum < 1:  # the URL reader bounds them; a caller's bug otherwise
        raise ConvVizError("train_knobs", lr=spec.lr, momentum=spec.momentum)
    d = scene.data
    target = target_output(scene, spec.target, spec.conv.seed)
    run = train.sgd(train.SGDSetup(scene.params, d.x, d.weight, d.bias, target, spec.lr, spec.momentum, spec.steps))
    return TrainingView(scene, target_weight(scene, spec.target, spec.conv.seed), target, run, spec.lr, spec.momentum)


# ---------------------------------------------------------------- the torch comparison's yardstick


def magnitudes(view: BackwardView) -> Gradients:
    """Σ|terms| of every gradient cell: backward run on |x|, |w| and |dL/dy| (padding copies, so |pad(x)| = pad(|x|)).

    Rounding error follows the size of the terms, not of their sum, so a tolerance scaled by this never fails
    on a sum that cancels to about zero (the playground's rule, ``reference.TOLERANCES``).
    """
    d = view.scene.data
    bias = None if d.bias is None else np.abs(d.bias)
    return backward.gradients(np.abs(d.x), np.abs(d.weight), bias, np.abs(view.grads.dy), view.scene.params)


def difference(
    ours: np.ndarray, theirs: np.ndarray, magnitude: np.ndarray, rtol: float, atol: float
) -> tuple[float, bool]:
    """Largest |ours − theirs| and whether every cell is within atol + rtol·Σ|terms|."""
    if ours.shape != theirs.shape:
        return float("inf"), False
    diff = np.abs(np.asarray(ours, np.float64) - np.asarray(theirs, np.float64))
    return float(diff.max(initial=0.0)), bool(np.all(diff <= atol + rtol * magnitude))


def training_view(first: Conv1dParams, length: int, seed: int = 0) -> ViewState:
    """Where a tutorial's training starts on this page: its first Conv1d on an input that fits, learning by MSE."""
    return replace(DEFAULT, conv=first, length=length, seed=seed, loss="mse", target="gaussian")

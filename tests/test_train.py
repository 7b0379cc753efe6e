"""NumPy's SGD steps (conv_viz.core.train) against torch.optim.SGD from the same start, step by step."""

from __future__ import annotations

from typing import Any

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conv_viz import reference
from conv_viz.core import train
from conv_viz.core.params import PADDING_MODES, Conv1dParams
from conv_viz.data import kernel_weight

# float64: both sides are exact to ~1e-16 per step and a converging run shrinks errors, so 1e-10 relative
# to max(1, |value|) is a wide margin. float32: a few ulps a step, and ulps of the weights reach the loss;
# 2e-5 holds over 200 steps (measured ~1e-6 at worst).
STEP_TOL = {np.dtype(np.float64): 1e-10, np.dtype(np.float32): 2e-5}


def _setup(params: Conv1dParams, length: int, dtype: Any, seed: int, kernel: str = "gaussian") -> tuple:
    x, w, b = reference.torch_seeded(params, 1, length, seed)
    x, w = x.astype(dtype), w.astype(dtype)
    b = None if b is None else b.astype(dtype)
    wt = kernel_weight(kernel, *params.weight_shape).astype(dtype)
    target = train.forward(x, wt, None if b is None else np.zeros_like(b), params)
    return x, w, b, target


def _agree(run: train.Training, theirs: reference.TorchTraining, dtype: Any) -> None:
    tol = STEP_TOL[np.dtype(dtype)]
    scale = np.maximum(1.0, np.abs(theirs.losses))
    assert np.all(np.abs(run.losses - theirs.losses) <= tol * scale)
    axes = tuple(range(1, run.weights.ndim))
    wscale = np.maximum(1.0, np.abs(theirs.weights).max(axis=axes, keepdims=True))
    assert np.all(np.abs(run.weights - theirs.weights) <= tol * wscale)
    if run.biases is not None:
        assert theirs.biases is not None
        bscale = np.maximum(1.0, np.abs(theirs.biases).max(axis=1, keepdims=True))
        assert np.all(np.abs(run.biases - theirs.biases) <= tol * bscale)


def _both(params: Conv1dParams, length: int, dtype: Any, lr: float, momentum: float, steps: int, seed: int = 0):
    x, w, b, target = _setup(params, length, dtype, seed)
    run = train.sgd(train.SGDSetup(params, x, w, b, target, lr, momentum, steps))
    theirs = reference.torch_train(train.SGDSetup(params, x, w, b, target, lr, momentum, len(run.losses)))
    return run, theirs


@pytest.mark.parametrize("dtype", [np.float64, np.float32])
@pytest.mark.parametrize("momentum", [0.0, 0.9])
@pytest.mark.parametrize("lr", [0.05, 0.5])
def test_default_view_learns_like_torch(dtype: Any, momentum: float, lr: float) -> None:
    run, theirs = _both(Conv1dParams(2, 2, 3), 12, dtype, lr, momentum, 120)
    assert len(run.losses) == 120
    assert run.diverged_at is None
    _agree(run, theirs, dtype)
    assert run.losses[-1] < run.losses[0]


TABLE = [
    Conv1dParams(1, 1, 5, padding=2, padding_mode="reflect"),
    Conv1dParams(2, 4, 3, stride=2, groups=2, bias=False),
    Conv1dParams(2, 2, 3, dilation=2, padding="same", padding_mode="circular"),
    Conv1dParams(1, 2, 4, causal=True, padding_mode="replicate"),
]


@pytest.mark.parametrize("dtype", [np.float64, np.float32])
@pytest.mark.parametrize("params", TABLE)
def test_every_argument_trains_like_torch(params: Conv1dParams, dtype: Any) -> None:
    run, theirs = _both(params, 16, dtype, 0.1, 0.5, 40)
    _agree(run, theirs, dtype)


@settings(max_examples=25)
@given(
    st.sampled_from(PADDING_MODES),
    st.integers(1, 3),
    st.integers(1, 2),
    st.floats(0.001, 1.0),
    st.sampled_from([0.0, 0.5, 0.9]),
    st.integers(0, 1000),
)
def test_any_run_matches_torch_in_float64(mode: str, stride: int, dilation: int, lr: float, momentum: float, seed: int):
    params = Conv1dParams(2, 2, 3, stride=stride, padding=1, padding_mode=mode, dilation=dilation)
    run, theirs = _both(params, 10, np.float64, lr, momentum, 15, seed)
    _agree(run, theirs, np.float64)


@pytest.mark.parametrize("momentum", [0.0, 0.9])
def test_critical_learning_rate_divides_converging_from_diverging(momentum: float) -> None:
    """lr·λ_max < 2·(1 + momentum) converges; just above it the loss grows until the run stops, all finite."""
    params = Conv1dParams(2, 2, 3)
    x, w, b, target = _setup(params, 12, np.float64, 0)
    critical = train.sgd(train.SGDSetup(params, x, w, b, target, 0.1, momentum, 1)).critical_lr
    below = train.sgd(train.SGDSetup(params, x, w, b, target, 0.9 * critical, momentum, 400))
    above = train.sgd(train.SGDSetup(params, x, w, b, target, 1.1 * critical, momentum, 3000))
    assert below.diverged_at is None
    assert below.losses[-1] < below.losses[0]
    assert above.diverged_at is not None
    assert above.losses[-1] > 1e9 * above.losses[0]
    assert np.isfinite(above.losses).all()
    assert np.isfinite(above.weights).all()
    theirs = reference.torch_train(train.SGDSetup(params, x, w, b, target, 1.1 * critical, momentum, len(above.losses)))
    _agree(above, theirs, np.float64)


def test_huge_learning_rate_stops_before_overflow_in_float32() -> None:
    params = Conv1dParams(2, 2, 3)
    x, w, b, target = _setup(params, 12, np.float32, 0)
    run = train.sgd(train.SGDSetup(params, x, w, b, target, 1e30, 0.9, 50))
    assert run.diverged_at is not None
    assert run.diverged_at <= 3
    assert np.isfinite(run.losses).all()
    assert np.isfinite(run.weights).all()


def test_curvature_is_the_hessians_largest_eigenvalue() -> None:
    """The Hessian of F.mse_loss in (w, b), by torch.func.hessian on a flat parameter vector."""
    import torch

    params = Conv1dParams(2, 4, 3, stride=2, groups=2, padding=1, padding_mode="reflect")
    x, w, b, target = _setup(params, 9, np.float64, 5)
    xt, tt = torch.from_numpy(x), torch.from_numpy(target)
    nw = w.size

    def loss(theta: torch.Tensor) -> torch.Tensor:
        xp = torch.nn.functional.pad(xt, (1, 1), mode="reflect")
        y = torch.nn.functional.conv1d(xp, theta[:nw].reshape(w.shape), theta[nw:], stride=2, groups=2)
        return torch.nn.functional.mse_loss(y, tt)

    theta = torch.from_numpy(np.concatenate([w.ravel(), b]))
    hessian = torch.func.jacfwd(torch.func.jacrev(loss))(theta).numpy()
    assert train.curvature(x, params, target.size) == pytest.approx(np.linalg.eigvalsh(hessian)[-1], rel=1e-10)


@pytest.mark.parametrize("dtype", [np.float64, np.float32])
@pytest.mark.parametrize("momentum", [0.0, 0.9])
def test_reference_steps_are_the_sgd_class(dtype: Any, momentum: float) -> None:
    """reference.torch_train runs SGD.step's update function; the class itself takes bit-identical steps."""
    import torch

    params = Conv1dParams(2, 2, 3, padding=1, padding_mode="replicate")
    x, w, b, target = _setup(params, 12, dtype, 3)
    ours = reference.torch_train(train.SGDSetup(params, x, w, b, target, 0.2, momentum, 25))
    conv = torch.nn.Conv1d(2, 2, 3, padding=1, padding_mode="replicate").to(torch.from_numpy(x).dtype)
    with torch.no_grad():
        conv.weight.copy_(torch.from_numpy(w))
        conv.bias.copy_(torch.from_numpy(b))
    opt = torch.optim.SGD(conv.parameters(), lr=0.2, momentum=momentum)
    for step in range(25):
        opt.zero_grad()
        loss = torch.nn.functional.mse_loss(conv(torch.from_numpy(x)), torch.from_numpy(target))
        loss.backward()
        opt.step()
        assert loss.item() == ours.losses[step]
        np.testing.assert_array_equal(conv.weight.detach().numpy(), ours.weights[step + 1])

"""PyTorch itself: the cross-check of the NumPy engine and seeded data (the code to paste: ``text.code``).

The one module that touches torch, and only inside functions: importing it
imports no torch, so the app starts fast and runs where torch is not installed
(``torch_available()`` tells the page). Checks run torch's real modules
(``nn.Conv1d``, ``nn.ConvTranspose1d``) with the app's weights copied in.
"""

from __future__ import annotations

import importlib.util
import threading
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import numpy as np

from conv_viz.core.params import Conv1dParams, ConvTranspose1dParams
from conv_viz.core.train import SGDSetup
from conv_viz.errors import ConvVizError
from conv_viz.stack.layers import Conv, Flatten, Layer, Linear, MaxPool2d, Pool1d

if TYPE_CHECKING:
    from types import ModuleType

    import torch

# torch's global generator is shared by every session of the server: one seeded draw at a time.
_RNG_LOCK = threading.Lock()

# (rtol, atol) per dtype. rtol scales with Σ|terms| of each output, not |output|: rounding error follows
# the size of the terms, and a sum that cancels to ~0 would otherwise fail on rounding alone.
# float64: sums of up to 64·128 terms carry ~1e-13 relative error, so 1e-10 still catches any real bug.
# float32: torch and NumPy sum in different orders (~1e-7 per term); 1e-5 is torch.testing's float32 rtol.
TOLERANCES: dict[str, tuple[float, float]] = {"float64": (1e-10, 1e-10), "float32": (1e-5, 1e-5)}


def agreement(got: np.ndarray, expected: np.ndarray, dtype: str) -> tuple[float, bool]:
    """(max |got − expected|, ``np.allclose`` with the dtype's tolerances): two computations of the same numbers.

    NumPy only (no torch): the pages compare engine with engine, or with torch's arrays. A shape
    mismatch is never close.

    >>> agreement(np.array([1.0, 2.0]), np.array([1.0, 2.5]), "float64")
    (0.5, False)
    """
    if got.shape != expected.shape:
        return float("inf"), False
    rtol, atol = TOLERANCES[dtype]
    diff = np.abs(np.asarray(got, np.float64) - np.asarray(expected, np.float64))
    return float(diff.max(initial=0.0)), bool(np.allclose(got, expected, rtol=rtol, atol=atol))


def torch_available() -> bool:
    """Whether torch can be imported, found without importing it (that takes seconds)."""
    return importlib.util.find_spec("torch") is not None


# torch's first import, and the modules its calls load on first use (autograd, optim, …), happen once, in one
# thread, while any other thread that needs torch waits: two threads importing such a package at once can be
# handed a half-built module (``conv_viz/pages/preload.py`` says how a student saw one). A page that needs no
# torch does not wait: a cold server draws its controls while torch loads. Re-entrant: the warm-up's own calls
# come back through ``_torch``.
_WARM_LOCK = threading.RLock()
_WARMED = threading.Event()
_warming = False  # read and written only under _WARM_LOCK


def _torch() -> ModuleType:
    if not torch_available():
        raise ConvVizError("torch_missing")
    if not _WARMED.is_set():
        warm_up()
    import torch

    return torch


def warm_up() -> None:
    """Import torch and make one call of every kind the pages make, on 1×1×3 data; other threads wait.

    The server's start runs it after ``conv_viz.pages.preload``; otherwise the first call that needs torch
    does. The forward-mode Jacobian (``torch.func.jacfwd``), which only the matrix page uses, is
    ``conv_viz.pages.preload_late``'s.
    """
    global _warming
    if not torch_available():
        return
    with _WARM_LOCK:
        if _WARMED.is_set() or _warming:
            return
        _warming = True
        try:
            params = Conv1dParams(1, 1, 2)
            x, w = np.zeros((1, 1, 3)), np.zeros(params.weight_shape)
            torch_randn((1,), 0)
            torch_gradients(x, w, np.zeros(1), params)
            torch_conv_transpose(np.zeros((1, 1, 2)), w, 1, 0, 0, 1, 1)
            torch_train(SGDSetup(params, x, w, np.zeros(1), np.zeros((1, 1, 2)), 0.1, 0.9, 1))
        finally:
            _warming = False
            _WARMED.set()


def _module(torch: ModuleType, module_cls: Any, *args: Any, **kwargs: Any) -> Any:
    """``module_cls(*args, **kwargs)`` for the caller to copy its own weights into.

    Its random init draws from a forked generator, under the lock, so other sessions'
    seeded draws stay intact. Not ``torch.nn.utils.skip_init``: that goes through the meta
    device, whose first use imports sympy (0.3–0.8 s) in front of a cold server's first page.
    """
    with _RNG_LOCK, torch.random.fork_rng(devices=[]):
        return module_cls(*args, **kwargs)


def torch_randn(shape: tuple[int, ...], seed: int) -> np.ndarray:
    """float32 ``torch.randn(*shape)`` right after ``torch.manual_seed(seed)``."""
    torch = _torch()
    with _RNG_LOCK, torch.random.fork_rng(devices=[]):  # fork: other sessions' generator state is untouched
        torch.manual_seed(seed)
        x: np.ndarray = torch.randn(*shape).numpy()
    return x


def torch_seeded(
    params: Conv1dParams, batch: int, length: int, seed: int
) -> tuple[np.ndarray, np.ndarray, np.ndarray | None]:
    """x, weight, bias from ``torch.manual_seed(seed)``; ``x = torch.randn(N, C_in, L)``; ``nn.Conv1d(...)``.

    ``nn.Conv1d``'s init draws the weight (kaiming_uniform_) and then the bias
    (uniform_), and only their shapes decide how much of the generator they use;
    stride, padding, dilation and padding_mode are passed anyway, as the notebook does.
    """
    torch = _torch()
    with _RNG_LOCK, torch.random.fork_rng(devices=[]):
        torch.manual_seed(seed)
        x = torch.randn(batch, params.in_channels, length)
        conv = torch.nn.Conv1d(params.in_channels, params.out_channels, params.kernel_size, **params.module_kwargs())
    bias = None if conv.bias is None else conv.bias.detach().numpy()
    return x.numpy(), conv.weight.detach().numpy(), bias


@dataclass(frozen=True)
class TorchResult:
    """torch's output and, when an engine output was given, how far apart they are."""

    output: np.ndarray
    rtol: float
    atol: float
    max_abs_diff: float | None = None  # None: nothing to compare with
    allclose: bool | None = None  # |engine − torch| ≤ atol + rtol·Σ|terms| everywhere


def _tensors(x: np.ndarray, weight: np.ndarray, bias: np.ndarray | None) -> tuple[str, list[torch.Tensor]]:
    """The arrays as tensors of one float dtype (torch would refuse a mix, and so does the engine)."""
    torch = _torch()
    arrays = [x, weight] + ([bias] if bias is not None else [])
    dtypes = {a.dtype.name for a in arrays}
    if len(dtypes) > 1:
        raise ConvVizError("dtype_mismatch", dtypes=", ".join(a.dtype.name for a in arrays))
    dtype = dtypes.pop()
    if dtype not in TOLERANCES:
        raise ConvVizError("dtype", dtype=dtype)
    return dtype, [torch.from_numpy(np.ascontiguousarray(a)) for a in arrays]


def _compare(output: np.ndarray, magnitude: np.ndarray | None, dtype: str, expected: np.ndarray | None) -> TorchResult:
    rtol, atol = TOLERANCES[dtype]
    if expected is None or magnitude is None:
        return TorchResult(output, rtol, atol)
    if np.shape(expected) != output.shape:  # an engine bug, reported rather than broadcast
        return TorchResult(output, rtol, atol, float("inf"), False)
    diff = np.abs(np.asarray(expected, np.float64) - output)
    ok = bool(np.all(diff <= atol + rtol * magnitude))
    return TorchResult(output, rtol, atol, float(diff.max(initial=0.0)), ok)


def _run(
    module_cls: Any, args: tuple[int, ...], kwargs: dict[str, Any], tensors: list[Any], pad: Any, compare: bool
) -> tuple[np.ndarray, np.ndarray | None]:
    """(output, Σ|terms| when comparing) of ``module_cls(*args, **kwargs)`` with the given weight and bias copied in.

    ``_module`` builds it without disturbing other sessions' seeded draws. Σ|terms| is the same
    layer run on |x| with |w| and |b| (padding copies values, so |pad(x)| = pad(|x|)).
    """
    torch = _torch()
    x, weight, *bias = tensors
    results: list[np.ndarray] = []
    with torch.no_grad():
        for sign in (lambda t: t, torch.abs)[: 2 if compare else 1]:
            conv = _module(torch, module_cls, *args, dtype=x.dtype, **kwargs)
            conv.weight.copy_(sign(weight))
            if bias:
                conv.bias.copy_(sign(bias[0]))
            results.append(conv(pad(sign(x))).numpy())
    return results[0], results[1] if compare else None


def run_torch(
    x: np.ndarray,
    weight: np.ndarray,
    bias: np.ndarray | None,
    params: Conv1dParams | ConvTranspose1dParams,
    expected: np.ndarray | None = None,
) -> TorchResult:
    """The layer ``params`` describes as torch's own module, with this weight and bias, compared with ``expected``.

    torch's side of ``engine.apply``: ``nn.ConvTranspose1d`` (weight (in_channels, out_channels/groups, K)) or
    ``nn.Conv1d``; a causal Conv1d is ``F.pad(x, (dilation·(kernel_size−1), 0), mode)`` then the module with
    padding=0, as one writes it in torch (mode "constant" for zeros).
    """
    torch = _torch()
    if isinstance(params, ConvTranspose1dParams):
        return _run_layer(torch.nn.ConvTranspose1d, params, x, weight, bias, expected, lambda t: t)
    conv = params
    left = conv.dilation * (conv.kernel_size - 1)
    mode = "constant" if conv.padding_mode == "zeros" else conv.padding_mode

    def pad(t: Any) -> Any:
        return torch.nn.functional.pad(t, (left, 0), mode=mode) if conv.causal else t

    return _run_layer(torch.nn.Conv1d, params, x, weight, bias, expected, pad)


def _run_layer(
    module: Any,
    params: Conv1dParams | ConvTranspose1dParams,
    x: np.ndarray,
    weight: np.ndarray,
    bias: np.ndarray | None,
    expected: np.ndarray | None,
    pad: Any,
) -> TorchResult:
    """torch's ``module`` built from ``params``, run on ``pad(x)``; a refusal is ``torch_failed`` in torch's words."""
    dtype, tensors = _tensors(x, weight, bias)
    args = (params.in_channels, params.out_channels, params.kernel_size)
    try:
        output, magnitude = _run(module, args, params.module_kwargs(), tensors, pad, expected is not None)
    except (RuntimeError, ValueError) as err:
        raise ConvVizError("torch_failed", error=str(err).splitlines()[0][:300]) from None
    return _compare(output, magnitude, dtype, expected)


def run_torch_conv2d(
    x: np.ndarray,
    weight: np.ndarray,
    bias: np.ndarray | None,
    stride: tuple[int, int],
    expected: np.ndarray | None = None,
) -> TorchResult:
    """``nn.Conv2d`` with this weight (out, in, kH, kW) and bias, no padding: the gallery's Conv2d example."""
    torch = _torch()
    dtype, tensors = _tensors(x, weight, bias)
    out_channels, in_channels, kh, kw = weight.shape
    kwargs = {"kernel_size": (kh, kw), "stride": stride, "bias": bias is not None}
    try:
        output, magnitude = _run(
            torch.nn.Conv2d, (in_channels, out_channels), kwargs, tensors, lambda t: t, expected is not None
        )
    except (RuntimeError, ValueError) as err:
        raise ConvVizError("torch_failed", error=str(err).splitlines()[0][:300]) from None
    return _compare(output, magnitude, dtype, expected)


def torch_seeded_transposed(
    params: ConvTranspose1dParams, batch: int, length: int, seed: int
) -> tuple[np.ndarray, np.ndarray, np.ndarray | None]:
    """x, weight, bias from ``torch.manual_seed(seed)``; ``x = torch.randn(N, C_in, L)``; ``nn.ConvTranspose1d(...)``."""
    torch = _torch()
    with _RNG_LOCK, torch.random.fork_rng(devices=[]):
        torch.manual_seed(seed)
        x = torch.randn(batch, params.in_channels, length)
        args = (params.in_channels, params.out_channels, params.kernel_size)
        conv = torch.nn.ConvTranspose1d(*args, **params.module_kwargs())
    bias = None if conv.bias is None else conv.bias.detach().numpy()
    return x.numpy(), conv.weight.detach().numpy(), bias


def torch_seeded_layers(
    layers: list[Conv1dParams], batch: int, length: int, seed: int
) -> tuple[np.ndarray, list[tuple[np.ndarray, np.ndarray | None]]]:
    """``torch.manual_seed(seed)``; ``x = torch.randn(N, C_in, L)`` (the first layer's C_in); one ``nn.Conv1d`` per layer.

    The layers are built in order from one generator, as a notebook builds a small model.
    """
    torch = _torch()
    weights: list[tuple[np.ndarray, np.ndarray | None]] = []
    with _RNG_LOCK, torch.random.fork_rng(devices=[]):
        torch.manual_seed(seed)
        x = torch.randn(batch, layers[0].in_channels, length)
        for p in layers:
            conv = torch.nn.Conv1d(p.in_channels, p.out_channels, p.kernel_size, **p.module_kwargs())
            weights.append((conv.weight.detach().numpy(), None if conv.bias is None else conv.bias.detach().numpy()))
    return x.numpy(), weights


def input_gradient(z: np.ndarray, weight: np.ndarray, cotangent: np.ndarray, params: Conv1dParams) -> np.ndarray:
    """torch autograd: ∂/∂z of ``(F.conv1d(z, weight, ...) * cotangent).sum()``, what backward sends to a Conv1d's input.

    No bias: it does not depend on z. ``params.padding`` must be an int (the transposed page's Conv1d).
    """
    torch = _torch()
    _, (zt, wt) = _tensors(z, weight, None)
    gt = torch.from_numpy(np.ascontiguousarray(cotangent, dtype=z.dtype))
    zt = zt.clone().requires_grad_(True)
    try:
        y = torch.nn.functional.conv1d(zt, wt, None, params.stride, params.padding, params.dilation, params.groups)
        (grad,) = torch.autograd.grad((y * gt).sum(), zt)
    except (RuntimeError, ValueError) as err:
        raise ConvVizError("torch_failed", error=str(err).splitlines()[0][:300]) from None
    result: np.ndarray = grad.numpy()
    return result


# ---------------------------------------------------------------- the matrix page: T, unfold, kernel_size=1


def _conv_forward(params: Conv1dParams, weight: Any, bias: Any) -> Any:
    """``nn.Conv1d`` with this weight and bias copied in, as a function of x (causal: ``F.pad`` on the left first)."""
    return _layer(_torch(), params, weight, bias)[1]


def torch_jacobian(x: np.ndarray, weight: np.ndarray, params: Conv1dParams) -> np.ndarray:
    """∂vec(y)/∂vec(x) of ``nn.Conv1d`` at one item x (C_in, L): the Jacobian of a linear map is its matrix T."""
    torch = _torch()
    _, (xt, wt) = _tensors(x, weight, None)
    forward = _conv_forward(params, wt, None)
    try:
        # Forward-mode (torch.func): autograd.functional.jacobian's reverse mode feeds a cotangent tensor to
        # backward, whose first use imports sympy (35 MB of a 0.7 GB host) for shape checks a conv never needs.
        jac = torch.func.jacfwd(forward)(xt)  # (C_out, L_out, C_in, L)
    except (RuntimeError, ValueError) as err:
        raise ConvVizError("torch_failed", error=str(err).splitlines()[0][:300]) from None
    matrix: np.ndarray = jac.detach().reshape(jac.shape[0] * jac.shape[1], -1).numpy()
    return matrix


def _padded(xt: Any, params: Conv1dParams) -> Any:
    """``F.pad`` with the layer's own (left, right) cells and mode: what Conv1d reads."""
    torch = _torch()
    left, right = params.pads()
    mode = "constant" if params.padding_mode == "zeros" else params.padding_mode
    return torch.nn.functional.pad(xt, (left, right), mode=mode) if left or right else xt


def run_torch_unfold(
    x: np.ndarray, weight: np.ndarray, bias: np.ndarray | None, params: Conv1dParams
) -> tuple[np.ndarray, np.ndarray]:
    """The convolution as torch GEMMs: columns from ``Tensor.unfold`` and from ``F.unfold`` on a (N, C, 1, L) view."""
    torch = _torch()
    _, (xt, wt, *bt) = _tensors(x, weight, bias)
    n, groups, k = xt.shape[0], params.groups, params.kernel_size
    per_group = params.in_channels // groups
    try:
        xp = _padded(xt, params)
        cols = xp.unfold(-1, params.span, params.stride)[..., :: params.dilation]  # (N, C_in, L_out, K)
        out_length = cols.shape[2]
        cols = cols.permute(0, 1, 3, 2).reshape(n, groups, per_group * k, out_length)
        w = wt.reshape(groups, params.out_channels // groups, per_group * k)
        y_tensor = (w @ cols).reshape(n, params.out_channels, out_length)
        cols2 = torch.nn.functional.unfold(
            xp.unsqueeze(2), kernel_size=(1, k), dilation=(1, params.dilation), stride=(1, params.stride)
        )  # (N, C_in·K, L_out)
        y_f = (w @ cols2.reshape(n, groups, per_group * k, out_length)).reshape(n, params.out_channels, out_length)
    except (RuntimeError, ValueError) as err:
        raise ConvVizError("torch_failed", error=str(err).splitlines()[0][:300]) from None
    if bt:
        y_tensor, y_f = y_tensor + bt[0][:, None], y_f + bt[0][:, None]
    return y_tensor.numpy(), y_f.numpy()


@dataclass(frozen=True)
class LinearCheck:
    """kernel_size=1: ``nn.Conv1d`` and ``nn.Linear`` (weights copied) at every position, and torch's allclose."""

    conv: np.ndarray
    linear: np.ndarray
    allclose: bool


def run_torch_linear(x: np.ndarray, weight: np.ndarray, bias: np.ndarray | None, params: Conv1dParams) -> LinearCheck:
    """``linear.weight = conv.weight[:, :, 0]`` (block-diagonal over groups); y = linear(x.transpose(1, 2)).transpose(1, 2)."""
    torch = _torch()
    dtype, (xt, wt, *bt) = _tensors(x, weight, bias)
    with torch.no_grad():
        y_conv = _conv_forward(params, wt, bt[0] if bt else None)(xt)
        linear = _module(torch, torch.nn.Linear, params.in_channels, params.out_channels, bias=bool(bt), dtype=wt.dtype)
        linear.weight.copy_(torch.block_diag(*wt[:, :, 0].split(params.out_channels // params.groups)))
        if bt:
            linear.bias.copy_(bt[0])
        xs = _padded(xt, params)[..., :: params.stride]
        y_linear = linear(xs.transpose(1, 2)).transpose(1, 2)
    rtol, atol = TOLERANCES[dtype]
    return LinearCheck(y_conv.numpy(), y_linear.numpy(), bool(torch.allclose(y_conv, y_linear, rtol=rtol, atol=atol)))


# ---------------------------------------------------------------- the receptive-field page: a stack in torch


@dataclass(frozen=True)
class StackRun:
    """torch running a stack layer by layer: shapes, the first error, and the dependency set by autograd."""

    shapes: tuple[tuple[int, ...], ...]  # output shape of each layer that ran
    error: str | None  # the first line of what torch raised
    failed_at: int | None  # 0-based index of the layer that raised
    gradient: np.ndarray | None  # ∂y[cell]/∂x ≠ 0, positive weights and input, max pools as window sums
    max_gradient: np.ndarray | None  # the same with torch's real max pools: only each window's winner


def _stack_module(torch: Any, layer: Layer) -> Any:
    """The torch module of one stack layer (built in order, so seeded weights are a notebook's)."""
    nn = torch.nn
    if isinstance(layer, Conv):
        p = layer.params
        conv = nn.Conv1d(p.in_channels, p.out_channels, p.kernel_size, **p.module_kwargs())
        if not p.causal:
            return conv
        left = p.dilation * (p.kernel_size - 1)
        pad = {
            "zeros": nn.ConstantPad1d((left, 0), 0.0),
            "reflect": nn.ReflectionPad1d((left, 0)),
            "replicate": nn.ReplicationPad1d((left, 0)),
            "circular": nn.CircularPad1d((left, 0)),
        }
        return nn.Sequential(pad[p.padding_mode], conv)
    if isinstance(layer, Pool1d):
        if layer.kind == "max":
            return nn.MaxPool1d(layer.kernel_size, layer.stride, layer.padding, layer.dilation)
        return nn.AvgPool1d(layer.kernel_size, layer.stride, layer.padding)
    if isinstance(layer, MaxPool2d):
        return nn.MaxPool2d(layer.kernel_size, layer.stride)  # = F.max_pool2d: a 3-D input is one (C, H, W) image
    if isinstance(layer, Linear):
        return nn.Linear(layer.in_features, layer.out_features, bias=layer.bias)
    return nn.Flatten() if isinstance(layer, Flatten) else nn.ReLU()


def _window_sum(torch: Any, module: Any) -> Any:
    """A max pool's windows summed instead: the same windows, and every cell of them gets gradient."""
    F = torch.nn.functional
    if isinstance(module, torch.nn.MaxPool2d):
        return torch.nn.AvgPool2d(module.kernel_size, module.stride)
    k, s, p, d = module.kernel_size, module.stride, module.padding, module.dilation
    span = d * (k - 1) + 1
    return lambda h: F.pad(h, (p, p)).unfold(-1, span, s)[..., ::d].sum(-1)


def _gradient(torch: Any, modules: list[Any], x: Any, layer: int, cell: tuple[int, int], sums: bool) -> np.ndarray:
    """Where ∂ y_layer[cell] / ∂x ≠ 0 in float64, with |weights| + 0.05 and |x| + 0.1 so no path cancels or dies."""
    import copy

    h = (x.abs() + 0.1).double().requires_grad_(True)
    out = h
    for module in modules[:layer]:
        if sums and isinstance(module, torch.nn.MaxPool1d | torch.nn.MaxPool2d):
            module = _window_sum(torch, module)
        elif isinstance(module, torch.nn.Module):
            module = copy.deepcopy(module).double()
            with torch.no_grad():
                for param in module.parameters():
                    param.copy_(param.abs() + 0.05)
        out = module(out)
    index = (0, *cell) if out.dim() == 3 else cell
    (grad,) = torch.autograd.grad(out[index], h)
    mask: np.ndarray = (grad != 0).numpy()
    return mask


def run_torch_stack(
    layers: tuple[Layer, ...], in_channels: int, length: int, seed: int, chosen: tuple[int, tuple[int, int]] | None
) -> StackRun:
    """``torch.manual_seed(seed)``; ``x = torch.randn(1, C_in, L)``; then each layer built and run in order.

    ``chosen`` = (layer, cell), 1-based layer: also the dependency set of that output by autograd.
    """
    torch = _torch()
    shapes: list[tuple[int, ...]] = []
    modules: list[Any] = []
    error, failed = None, None
    with _RNG_LOCK, torch.random.fork_rng(devices=[]), torch.no_grad():
        torch.manual_seed(seed)
        x = torch.randn(1, in_channels, length)
        h = x
        for i, layer in enumerate(layers):
            try:
                modules.append(_stack_module(torch, layer))
                h = modules[-1](h)
            except (RuntimeError, ValueError) as err:
                error, failed = str(err).splitlines()[0][:300], i
                break
            shapes.append(tuple(h.shape))
    gradient = max_gradient = None
    if chosen is not None and chosen[0] <= len(shapes):
        gradient = _gradient(torch, modules, x, *chosen, sums=True)
        max_gradient = _gradient(torch, modules, x, *chosen, sums=False)
    return StackRun(tuple(shapes), error, failed, gradient, max_gradient)


# ---------------------------------------------------------------- the backward page: autograd and SGD


@dataclass(frozen=True)
class TorchGradients:
    """What ``loss.backward()`` leaves in ``.grad`` (and dL/dy, kept by ``retain_grad``)."""

    loss: float
    dy: np.ndarray
    dw: np.ndarray
    db: np.ndarray | None
    dx: np.ndarray


def _layer(torch: Any, params: Conv1dParams, weight: Any, bias: Any) -> Any:
    """``nn.Conv1d`` with this weight and bias copied in as leaf parameters; causal adds ``F.pad`` in front."""
    shape = (params.in_channels, params.out_channels, params.kernel_size)
    conv = _module(torch, torch.nn.Conv1d, *shape, dtype=weight.dtype, **params.module_kwargs())
    with torch.no_grad():
        conv.weight.copy_(weight)
        if bias is not None:
            conv.bias.copy_(bias)
    left = params.dilation * (params.kernel_size - 1)
    mode = "constant" if params.padding_mode == "zeros" else params.padding_mode
    forward = (lambda t: conv(torch.nn.functional.pad(t, (left, 0), mode=mode))) if params.causal else conv
    return conv, forward


def _loss(torch: Any, y: Any, loss: str, target: np.ndarray | None, dy: np.ndarray | None) -> Any:
    """A scalar, so ``.backward()`` needs no grad_outputs (whose first use imports sympy)."""
    if dy is not None:
        return (y * torch.from_numpy(np.ascontiguousarray(dy))).sum()  # dL/dy = dy exactly
    if loss == "mse":
        assert target is not None
        return torch.nn.functional.mse_loss(y, torch.from_numpy(np.ascontiguousarray(target)))
    return y.sum()


def torch_gradients(
    x: np.ndarray,
    weight: np.ndarray,
    bias: np.ndarray | None,
    params: Conv1dParams,
    loss: str = "sum",
    target: np.ndarray | None = None,
    dy: np.ndarray | None = None,
) -> TorchGradients:
    """torch.autograd on ``nn.Conv1d``: ``loss(conv(x)).backward()``; ``loss`` is "sum" or "mse" (against ``target``).

    ``dy`` given: the loss is ``(y * dy).sum()``, whose dL/dy is ``dy`` (a sweep's arbitrary upstream gradient).
    """
    torch = _torch()
    _, (xt, wt, *bt) = _tensors(x, weight, bias)
    try:
        conv, forward = _layer(torch, params, wt, bt[0] if bt else None)
        xt = xt.clone().requires_grad_(True)
        y = forward(xt)
        y.retain_grad()
        value = _loss(torch, y, loss, target, dy)
        value.backward()
    except (RuntimeError, ValueError) as err:
        raise ConvVizError("torch_failed", error=str(err).splitlines()[0][:300]) from None
    grads = [t.grad for t in (y, conv.weight, xt)] + ([] if conv.bias is None else [conv.bias.grad])
    dy_, dw, dx, *db = [g.numpy() for g in grads if g is not None]  # backward filled every one of them
    return TorchGradients(float(value.item()), dy_, dw, db[0] if db else None, dx)


def torch_conv_transpose(
    dy: np.ndarray, weight: np.ndarray, stride: int, padding: int, output_padding: int, groups: int, dilation: int
) -> np.ndarray:
    """``F.conv_transpose1d(dy, weight, None, …)``: the backward page's identity on torch's side."""
    torch = _torch()
    _, (dt, wt) = _tensors(dy, weight, None)
    try:
        out = torch.nn.functional.conv_transpose1d(dt, wt, None, stride, padding, output_padding, groups, dilation)
    except (RuntimeError, ValueError) as err:
        raise ConvVizError("torch_failed", error=str(err).splitlines()[0][:300]) from None
    result: np.ndarray = out.numpy()
    return result


@dataclass(frozen=True)
class TorchTraining:
    """torch.optim.SGD's run: the loss before each step and the weight and bias after it."""

    losses: np.ndarray  # (steps,)
    weights: np.ndarray  # (steps + 1, *weight.shape): the start, then after each step
    biases: np.ndarray | None  # (steps + 1, C_out)


def torch_train(setup: SGDSetup) -> TorchTraining:
    """torch.optim.SGD(conv.parameters(), lr, momentum)'s steps on ``mse_loss(conv(x), target)``, from setup's weights.

    Each step: zero the grads, ``mse_loss(conv(x), target).backward()``, then ``torch.optim.sgd.sgd``: the update
    ``SGD.step`` runs, with SGD's defaults (dampening 0, no Nesterov, no weight decay) and its momentum buffers.
    Not the ``SGD`` class itself: constructing the first ``torch.optim.Optimizer`` imports torch._dynamo and sympy
    (~800 modules, ~60 MB of a 0.7 GB host); tests/test_train.py checks the class takes the same steps.
    """
    torch = _torch()
    from torch.optim.sgd import sgd as sgd_update

    _, (xt, wt, *bt) = _tensors(setup.x, setup.weight, setup.bias)
    tt = torch.from_numpy(np.ascontiguousarray(setup.target))
    conv, forward = _layer(torch, setup.params, wt, bt[0] if bt else None)
    parameters = [conv.weight] + ([] if conv.bias is None else [conv.bias])
    buffers: list[Any] = [None] * len(parameters)
    losses, weights = [], [conv.weight.detach().numpy().copy()]
    biases = [] if conv.bias is None else [conv.bias.detach().numpy().copy()]
    try:
        for _ in range(setup.steps):
            for p in parameters:
                p.grad = None
            value = torch.nn.functional.mse_loss(forward(xt), tt)
            value.backward()
            with torch.no_grad():
                grads = [p.grad for p in parameters]
                defaults: dict[str, Any] = {"weight_decay": 0.0, "dampening": 0.0, "nesterov": False, "maximize": False}
                sgd_update(parameters, grads, buffers, momentum=setup.momentum, lr=setup.lr, foreach=False, **defaults)
            losses.append(value.item())
            weights.append(conv.weight.detach().numpy().copy())
            if conv.bias is not None:
                biases.append(conv.bias.detach().numpy().copy())
    except (RuntimeError, ValueError) as err:
        raise ConvVizError("torch_failed", error=str(err).splitlines()[0][:300]) from None
    return TorchTraining(np.array(losses, dtype=np.float64), np.stack(weights), np.stack(biases) if biases else None)

"""The classic tutorial examples (shared/EXAMPLES.md #1–#14) as a data table, replayed on demand.

Each ``Example`` holds the tutorial's code as the tutorial writes it, the shape the
tutorial says comes out, and the configuration; ``compute`` replays it with the
engine and torch (``conv_viz.views.replay``, ``conv_viz.views.replay_models``) and ``link`` gives the app page and view that
show it. Random inputs are seeded (``torch.manual_seed``, then ``torch.randn``, then
the layer: the app's convention), so every number is reproducible. NumPy and the
core only; torch is reached lazily through ``conv_viz.reference``.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

import numpy as np

from conv_viz import data
from conv_viz.core import limits
from conv_viz.core.params import Conv1dParams, ConvTranspose1dParams
from conv_viz.data import ConvData
from conv_viz.server.url_state import DEFAULT, ViewState
from conv_viz.stack.layers import Conv, Linear, MaxPool2d, Pool1d, ReLU, Reshape, stack_text
from conv_viz.stack.model import ModelStep, lengths_giving, to_stack
from conv_viz.views import replay, replay_models

RAMP = ",".join(str(i) for i in range(16))
EVENS = ",".join(str(i) for i in range(2, 21, 2))
LONGEST_SEARCHED = 1024  # input lengths tried when solving for the length that fits the tutorial CNN's Linear


@dataclass(frozen=True)
class Example:
    """One tutorial example: its code, what it says comes out, and the configuration that reproduces it."""

    id: int
    kind: str  # conv1d | channel_error | model | conv2d | transposed
    code: str
    tutorial_shape: tuple[int, ...] | None  # the output shape the tutorial states
    params: Conv1dParams | ConvTranspose1dParams | None = None
    input_shape: tuple[int, ...] = (1, 1, 1)  # (N, C, L); (N, C, H, W) for Conv2d
    input: str = "random"  # input preset, when ``x`` is not typed
    x: str | None = None  # typed input, in the URL's format
    w: str | None = None  # typed weight; None: nn.Conv1d's seeded init
    seed: int = 0
    checks: tuple[str, ...] = ()  # extra facts to verify (``replay.CHECKS``)
    kernel2d: tuple[int, int] = (1, 1)  # Conv2d only
    stride2d: tuple[int, int] = (1, 1)
    layers: tuple[ModelStep, ...] = field(default=())  # model only: its forward, step by step


def _code(*lines: str) -> str:
    return "\n".join(lines) + "\n"


_TORCH = ("import torch", "import torch.nn as nn", "")
_DOCS_STYLE = "m = nn.Conv1d({a})", "input = torch.randn({shape})", "output = m(input)", "print(output.shape)  # {out}"


def _docs_example(
    i: int, args: str, params: Conv1dParams, shape: tuple[int, int, int], out: tuple[int, ...]
) -> Example:
    """The PyTorch-docs pattern: a layer, a random batch, the printed output shape."""
    lines = [s.format(a=args, shape=", ".join(map(str, shape)), out=f"torch.Size({list(out)})") for s in _DOCS_STYLE]
    return Example(i, "conv1d", _code(*_TORCH, *lines), out, params, shape)


def _cnn(pool: str) -> tuple[ModelStep, ...]:
    """The tutorial CNN's forward (#12); ``pool`` is the pooling it calls (max_pool2d as written, max_pool1d fixed)."""
    pooling = ModelStep(f"F.{pool}(x, 2)", MaxPool2d(2, 2) if pool == "max_pool2d" else Pool1d("max", 2, 2))
    return (
        ModelStep("self.conv1(x)", Conv(Conv1dParams(1, 8, 7))),
        ModelStep("F.relu(x)", ReLU()),
        pooling,
        ModelStep("self.conv2(x)", Conv(Conv1dParams(8, 18, 7))),
        ModelStep("F.relu(x)", ReLU()),
        pooling,
        ModelStep("x.view(-1, 18 * 7 * 7)", Reshape(18 * 7 * 7)),
        ModelStep("self.fc1(x)", Linear(18 * 7 * 7, 140)),
        ModelStep("self.fc2(x)", Linear(140, 86)),
        ModelStep("self.fc3(x)", Linear(86, 12)),
    )


TUTORIAL_CNN = _cnn("max_pool2d")
TUTORIAL_CNN_1D = _cnn("max_pool1d")

EXAMPLES: tuple[Example, ...] = (
    Example(
        1,
        "conv1d",
        _code(
            "import torch",
            "import torch.nn.functional as F",
            "",
            "x = torch.arange(16.).reshape(1, 1, 16)",
            "weight = torch.tensor([0.1, 0.2, 0.3]).reshape(1, 1, 3)",
            "y = F.conv1d(x, weight)",
            "print(y)",
        ),
        (1, 1, 14),
        Conv1dParams(1, 1, 3, bias=False),
        (1, 1, 16),
        x=RAMP,
        w="0.1,0.2,0.3",
        checks=("first_value",),
    ),
    Example(
        2,
        "conv1d",
        _code(
            *_TORCH,
            "torch.manual_seed(666)",
            "x = torch.randn(2, 2, 5)",
            "conv = nn.Conv1d(2, 2, 3, bias=False)",
            "y = conv(x)",
            "print(y.shape)  # torch.Size([2, 2, 3])",
            "print(y[0, 0, 0], (x[0, :, 0:3] * conv.weight[0]).sum())",
        ),
        (2, 2, 3),
        Conv1dParams(2, 2, 3, bias=False),
        (2, 2, 5),
        seed=666,
        checks=("hand_sum",),
    ),
    Example(
        3,
        "conv1d",
        _code(
            *_TORCH,
            "conv = nn.Conv1d(2, 3, 5)",
            "x = torch.randn(4, 2, 6)",
            "y = conv(x)",
            "print(y.shape)  # torch.Size([4, 3, 2])",
        ),
        (4, 3, 2),
        Conv1dParams(2, 3, 5),
        (4, 2, 6),
        checks=("per_channel", "independent"),
    ),
    _docs_example(4, "16, 33, 3, stride=2", Conv1dParams(16, 33, 3, stride=2), (20, 16, 50), (20, 33, 24)),
    _docs_example(5, "18, 35, 5, stride=2", Conv1dParams(18, 35, 5, stride=2), (22, 18, 52), (22, 35, 24)),
    _docs_example(
        6,
        "42, 12, kernel_size=3, stride=2, padding=3",
        Conv1dParams(42, 12, 3, stride=2, padding=3),
        (42, 42, 105),
        (42, 12, 55),
    ),
    _docs_example(7, "42, 12, kernel_size=3, stride=2", Conv1dParams(42, 12, 3, stride=2), (42, 42, 102), (42, 12, 50)),
    _docs_example(8, "20, 37, 5, stride=2", Conv1dParams(20, 37, 5, stride=2), (24, 20, 54), (24, 37, 25)),
    Example(
        9,
        "conv1d",
        _code(
            *_TORCH,
            "x = torch.tensor([[[2., 4., 6., 8., 10., 12., 14., 16., 18., 20.]]])",
            "conv = nn.Conv1d(1, 1, 3)",
            "y = conv(x)",
            "print(y.shape)  # torch.Size([1, 1, 8])",
        ),
        (1, 1, 8),
        Conv1dParams(1, 1, 3),
        (1, 1, 10),
        x=EVENS,
        checks=("first_value",),
    ),
    Example(
        10,
        "conv1d",
        _code(
            *_TORCH,
            "conv = nn.Conv1d(1, 1, 3)",
            "x = torch.ones(1, 1, 6)",
            "print(conv.weight.shape, conv.bias.shape)  # torch.Size([1, 1, 3]) torch.Size([1])",
            "print(conv(x).shape)  # torch.Size([1, 1, 4])",
        ),
        (1, 1, 4),
        Conv1dParams(1, 1, 3),
        (1, 1, 6),
        input="ones",
        checks=("constant",),
    ),
    Example(
        11,
        "channel_error",
        _code(
            *_TORCH,
            "conv = nn.Conv1d(1, 1, 3)",
            "x = torch.ones(2, 2, 7)",
            "for name, p in conv.named_parameters():",
            "    print(name, p.shape)",
            "# conv(x) is never called in the tutorial: it would raise",
        ),
        None,
        Conv1dParams(1, 1, 3),
        (2, 2, 7),
        input="ones",
    ),
    Example(
        12,
        "model",
        _code(
            "class Net(nn.Module):",
            "    def __init__(self):",
            "        super().__init__()",
            "        self.conv1 = nn.Conv1d(1, 8, 7)",
            "        self.conv2 = nn.Conv1d(8, 18, 7)",
            "        self.fc1 = nn.Linear(18 * 7 * 7, 140)",
            "        self.fc2 = nn.Linear(140, 86)",
            "        self.fc3 = nn.Linear(86, 12)",
            "",
            "    def forward(self, x):",
            "        x = F.max_pool2d(F.relu(self.conv1(x)), 2)",
            "        x = F.max_pool2d(F.relu(self.conv2(x)), 2)",
            "        x = x.view(-1, 18 * 7 * 7)",
            "        x = F.relu(self.fc1(x))",
            "        x = F.relu(self.fc2(x))",
            "        return self.fc3(x)",
        ),
        (1, 12),
        layers=TUTORIAL_CNN,
    ),
    Example(
        13,
        "conv2d",
        _code(
            *_TORCH,
            "conv = nn.Conv2d(8, 14, (3, 2), stride=(2, 1))",
            "x = torch.randn(5, 8, 10, 5)",
            "print(conv(x).shape)  # torch.Size([5, 14, 4, 4])",
        ),
        (5, 14, 4, 4),
        None,
        (5, 8, 10, 5),
        kernel2d=(3, 2),
        stride2d=(2, 1),
    ),
    Example(
        14,
        "transposed",
        _code(
            *_TORCH,
            "x = torch.randn(20, 16, 50)",
            "down = nn.Conv1d(16, 33, 3, stride=2)",
            "up = nn.ConvTranspose1d(33, 16, 3, stride=2)",
            "print(up(down(x)).shape)  # torch.Size([20, 16, 49])",
            "up = nn.ConvTranspose1d(33, 16, 3, stride=2, output_padding=1)",
            "print(up(down(x)).shape)  # torch.Size([20, 16, 50])",
        ),
        (20, 16, 50),
        ConvTranspose1dParams(33, 16, 3, stride=2, output_padding=1),
        (20, 16, 50),
    ),
)
BY_ID = {ex.id: ex for ex in EXAMPLES}


def source(ex: Example) -> ConvData:
    """The example's x, weight and bias in float32 (torch's default dtype, as in the tutorial), seeded as the app seeds."""
    assert isinstance(ex.params, Conv1dParams)
    n, _, length = ex.input_shape
    x = data.parse_input(ex.x) if ex.x else ex.input
    if isinstance(x, str) and ex.input_shape[1] != ex.params.in_channels:  # a shape the layer refuses (#11)
        x = data.input_preset(x, n, ex.input_shape[1], length, ex.seed)
    w = data.parse_weight(ex.w) if ex.w else "random"
    d = data.make_data(ex.params, n, length, ex.seed, x, w)
    f32 = np.float32
    return replace(
        d, x=d.x.astype(f32), weight=d.weight.astype(f32), bias=None if d.bias is None else d.bias.astype(f32)
    )


def compute(example_id: int) -> replay.Replay:
    """Replay example ``example_id`` now: the engine's numbers, torch's check, the example's own facts."""
    ex = BY_ID[example_id]
    if ex.kind == "conv1d":
        assert isinstance(ex.params, Conv1dParams)
        assert ex.tutorial_shape is not None
        n, _, length = ex.input_shape
        return replay.replay_conv1d(ex.params, n, length, source(ex), ex.tutorial_shape, ex.checks)
    if ex.kind == "channel_error":
        assert isinstance(ex.params, Conv1dParams)
        return replay.replay_channel_error(ex.params, source(ex), ex.input_shape[0], ex.input_shape[2])
    if ex.kind == "model":
        assert ex.tutorial_shape is not None
        return replay_models.replay_model(ex.layers, TUTORIAL_CNN_1D, ex.tutorial_shape, model_fit(ex), ex.seed)
    if ex.kind == "conv2d":
        assert ex.tutorial_shape is not None
        n, c, h, w = ex.input_shape
        out = ex.tutorial_shape[1]
        return replay_models.replay_conv2d((n, c, h, w), out, ex.kernel2d, ex.stride2d, ex.seed, ex.tutorial_shape)
    assert isinstance(ex.params, ConvTranspose1dParams)
    assert ex.tutorial_shape is not None
    n, _, length = ex.input_shape
    return replay_models.replay_transposed(ex.params, n, length, ex.seed, ex.tutorial_shape)


def model_fit(ex: Example) -> list[int]:
    """Input lengths for which the model, with 1-D pooling, ends in the tutorial's output shape."""
    assert ex.tutorial_shape is not None
    return lengths_giving(TUTORIAL_CNN_1D, ex.tutorial_shape, LONGEST_SEARCHED)


# ---------------------------------------------------------------- links into the app


@dataclass(frozen=True)
class Link:
    """Where an example opens: an app page (its url_path) and the view to load there."""

    page: str  # "playground" | "transposed" | "receptive-field"
    view: ViewState
    capped: bool = False  # the batch was lowered to the app's limit


def _conv_view(ex: Example, params: Conv1dParams, shape: tuple[int, ...]) -> ViewState:
    n, _, length = shape[0], shape[1], shape[-1]
    return replace(
        DEFAULT,
        conv=params,
        batch=min(n, limits.MAX_BATCH),
        length=length,
        seed=ex.seed,
        dtype="float32",
        input=ex.input,
        x=ex.x,
        w=ex.w,
    )


def link(ex: Example) -> Link:
    """The app view that shows example ``ex`` (the batch capped at the app's limit; shapes per sample are unchanged)."""
    capped = ex.input_shape[0] > limits.MAX_BATCH
    if ex.kind == "conv1d":
        assert isinstance(ex.params, Conv1dParams)
        return Link("playground", _conv_view(ex, ex.params, ex.input_shape), capped)
    if ex.kind == "channel_error":  # typed x with 2 channels and the layer's 1-channel weight: the page shows the rule
        assert isinstance(ex.params, Conv1dParams)
        d = source(ex)
        typed = replace(ex, x=data.format_values(d.x), w=data.format_values(d.weight))
        view = _conv_view(typed, ex.params, ex.input_shape)
        return Link("playground", replace(view, b=None if d.bias is None else data.format_values(d.bias)))
    if ex.kind == "conv2d":  # the H axis alone is a Conv1d: kernel 3, stride 2 over H = 10
        n, c, h, _ = ex.input_shape
        params = Conv1dParams(c, ex.tutorial_shape[1] if ex.tutorial_shape else 1, ex.kernel2d[0], ex.stride2d[0])
        return Link("playground", _conv_view(ex, params, (n, c, h)))
    if ex.kind == "transposed":
        assert isinstance(ex.params, ConvTranspose1dParams)
        p = ex.params
        down = Conv1dParams(p.out_channels, p.in_channels, p.kernel_size, p.stride, p.padding)
        conv = Conv1dParams(p.in_channels, p.out_channels, p.kernel_size, p.stride, p.padding, bias=p.bias)
        n = ex.input_shape[0]
        view = replace(
            DEFAULT,
            conv=conv,
            output_padding=p.output_padding,
            batch=min(n, limits.MAX_BATCH),
            length=down.output_length(ex.input_shape[2]),
            seed=ex.seed,
            dtype="float32",
        )
        return Link("transposed", view, capped)
    first = next(step.layer.params for step in ex.layers if isinstance(step.layer, Conv))
    conv = replace(DEFAULT.conv, in_channels=first.in_channels)  # the page reads the input's channels from conv
    return Link(
        "receptive-field", replace(DEFAULT, conv=conv, stack=stack_text(to_stack(ex.layers)), length=model_fit(ex)[0])
    )

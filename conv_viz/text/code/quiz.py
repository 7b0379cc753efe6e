"""The quiz's code: the few lines of PyTorch each kind of question asks about.

>>> print(length_question(Conv1dParams(3, 8, 5, stride=2), 4, 50), end="")
conv = nn.Conv1d(3, 8, 5, stride=2)
x = torch.randn(4, 3, 50)
y = conv(x)
print(y.shape[-1])  # L_out = ?
"""

from __future__ import annotations

import numpy as np

from conv_viz.core.params import Conv1dParams
from conv_viz.text.code import write


def length_question(p: Conv1dParams, batch: int, length: int) -> str:
    x = f"x = torch.randn({batch}, {p.in_channels}, {length})"
    return f"conv = {write.conv_call(p)}\n{x}\ny = conv(x)\nprint(y.shape[-1])  # L_out = ?\n"


def value_question(
    p: Conv1dParams, x: np.ndarray, weight: np.ndarray, bias: np.ndarray | None, at: tuple[int, int, int]
) -> str:
    """``F.conv1d`` on written-out tensors (float32, as ``.float()`` gave), asking for y[n, o, t]."""
    args = (f", stride={p.stride}" if p.stride != 1 else "") + (f", padding={p.padding}" if p.padding else "")
    lines = [
        write.tensor("x = ", x, "float32"),
        write.tensor("weight = ", weight, "float32"),
        "bias = None" if bias is None else write.tensor("bias = ", bias, "float32"),
        f"y = F.conv1d(x, weight, bias{args})",
        f"print(y[{at[0]}, {at[1]}, {at[2]}])  # = ?",
    ]
    return "\n".join(lines) + "\n"


def gradient_question(
    p: Conv1dParams, x: np.ndarray, weight: np.ndarray, bias: np.ndarray, grad: str, at: tuple[int, int, int]
) -> str:
    """``nn.Conv1d`` with written-out weights, ``y.sum().backward()``, asking for one cell of a ``.grad``."""
    args = (f", stride={p.stride}" if p.stride != 1 else "") + (f", padding={p.padding}" if p.padding else "")
    cell = {
        "db": f"conv.bias.grad[{at[0]}]",
        "dw": f"conv.weight.grad[{at[0]}, {at[1]}, {at[2]}]",
        "dx": f"x.grad[{at[0]}, {at[1]}, {at[2]}]",
    }[grad]
    lines = [
        write.tensor("x = ", x, "float32") + ".requires_grad_()",
        f"conv = nn.Conv1d({p.in_channels}, {p.out_channels}, {p.kernel_size}{args})",
        write.tensor("conv.weight = nn.Parameter(", weight, "float32") + ")",
        write.tensor("conv.bias = nn.Parameter(", bias, "float32") + ")",
        "conv(x).sum().backward()",
        f"print({cell})  # = ?",
    ]
    return "\n".join(lines) + "\n"


def weight_shape_question(p: Conv1dParams) -> str:
    return f"conv = {write.conv_call(p)}\nprint(conv.weight.shape)  # ?\n"


def groups_question(p: Conv1dParams) -> str:
    """Which ``groups`` work: the layer with ``groups=g`` for the learner's g."""
    return f"conv = {write.conv_call(p, groups='g')}  # which g work?\n"


def receptive_field_question(layers: tuple[Conv1dParams, ...]) -> str:
    body = "".join(f"    {write.conv_call(layer)},\n" for layer in layers)
    return f"net = nn.Sequential(\n{body})\n# how many input samples does one output of net see?\n"

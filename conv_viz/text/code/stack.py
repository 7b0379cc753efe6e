"""The receptive-field page's code: each stack layer as torch spells it, and the stack as a notebook cell.

>>> from conv_viz.core.params import Conv1dParams
>>> from conv_viz.stack.layers import Pool1d
>>> torch_call(Conv(Conv1dParams(8, 18, 7, stride=2, causal=True)))
'F.pad(x, (6, 0)) → nn.Conv1d(8, 18, 7, stride=2)'
>>> torch_call(Pool1d("avg", 3, 2, padding=1))
'nn.AvgPool1d(3, stride=2, padding=1)'
"""

from __future__ import annotations

from conv_viz.stack.layers import Conv, Flatten, Layer, Linear, MaxPool2d, Pool1d, ReLU
from conv_viz.text.code import write


def torch_call(layer: Layer) -> str:
    """How torch spells one layer (the shape table's column): a module, or the function call torch runs."""
    if isinstance(layer, Conv):
        call = write.conv_call(layer.params)
        return f"{write.pad_call(layer.params)} → {call}" if layer.params.causal else call
    if isinstance(layer, Pool1d):
        name = "MaxPool1d" if layer.kind == "max" else "AvgPool1d"
        parts = [str(layer.kernel_size)]
        parts += [f"stride={layer.stride}"] if layer.stride != layer.kernel_size else []
        parts += [f"padding={layer.padding}"] if layer.padding else []
        parts += [f"dilation={layer.dilation}"] if layer.dilation != 1 else []
        return f"nn.{name}({', '.join(parts)})"
    if isinstance(layer, MaxPool2d):
        stride = "" if layer.stride == layer.kernel_size else f", stride={layer.stride}"
        return f"F.max_pool2d(x, {layer.kernel_size}{stride})"
    if isinstance(layer, Linear):
        bias = "" if layer.bias else ", bias=False"
        return f"nn.Linear({layer.in_features}, {layer.out_features}{bias})"
    assert isinstance(layer, ReLU | Flatten)
    return "nn.ReLU()" if isinstance(layer, ReLU) else "nn.Flatten()"


def _module(layer: Layer) -> str:
    """One list entry: the module, with a comment where torch's spelling differs from the stack's."""
    if isinstance(layer, Conv) and layer.params.causal:
        conv = write.conv_call(layer.params)
        pad = write.pad_module(layer.params)
        return f"nn.Sequential({pad}, {conv}),  # causal: pad dilation·(kernel_size−1) on the left only"
    if isinstance(layer, MaxPool2d):
        stride = "" if layer.stride == layer.kernel_size else f", {layer.stride}"
        return f"nn.MaxPool2d({layer.kernel_size}{stride}),  # = {torch_call(layer)}: pools C and L of (N, C, L)"
    return torch_call(layer) + ","


def stack_code(layers: tuple[Layer, ...], in_channels: int, length: int, seed: int) -> str:
    """``torch.manual_seed``; ``x = torch.randn(1, C, L)``; the layers built in order; each output's shape printed.

    >>> print(stack_code((ReLU(),), 1, 8, 0).splitlines()[6])
        nn.ReLU(),
    """
    lines = [
        *write.imports(),
        f"torch.manual_seed({seed})",
        f"x = torch.randn(1, {in_channels}, {length})",
        "layers = [",
        *(f"    {_module(layer)}" for layer in layers),
        "]",
        "h = x",
        "for i, layer in enumerate(layers, 1):",
        "    h = layer(h)  # a stack that breaks raises here, at the layer the table marks",
        "    print(i, tuple(h.shape))",
    ]
    return "\n".join(lines) + "\n"

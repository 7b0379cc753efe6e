"""The stack as PyTorch code a learner can paste into a notebook: it prints every layer's output shape."""

from __future__ import annotations

from conv_viz.stack.layers import Conv, Layer, MaxPool2d


def _module(layer: Layer) -> str:
    """One list entry: the module, with a comment where torch's spelling differs from the stack's."""
    if isinstance(layer, Conv) and layer.params.causal:
        p = layer.params
        left = p.dilation * (p.kernel_size - 1)
        pad = {
            "zeros": f"nn.ConstantPad1d(({left}, 0), 0.0)",
            "reflect": f"nn.ReflectionPad1d(({left}, 0))",
            "replicate": f"nn.ReplicationPad1d(({left}, 0))",
            "circular": f"nn.CircularPad1d(({left}, 0))",
        }[p.padding_mode]
        conv = layer.torch_call().split(" → ")[-1]
        return f"nn.Sequential({pad}, {conv}),  # causal: pad dilation·(kernel_size−1) on the left only"
    if isinstance(layer, MaxPool2d):
        stride = "" if layer.stride == layer.kernel_size else f", {layer.stride}"
        return f"nn.MaxPool2d({layer.kernel_size}{stride}),  # = {layer.torch_call()}: pools C and L of (N, C, L)"
    return layer.torch_call() + ","


def stack_code(layers: tuple[Layer, ...], in_channels: int, length: int, seed: int) -> str:
    """``torch.manual_seed``; ``x = torch.randn(1, C, L)``; the layers built in order; each output's shape printed.

    >>> from conv_viz.stack.layers import ReLU
    >>> print(stack_code((ReLU(),), 1, 8, 0).splitlines()[6])
        nn.ReLU(),
    """
    lines = [
        "import torch",
        "import torch.nn as nn",
        "",
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

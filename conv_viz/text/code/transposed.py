"""The transposed page's code: torch's autograd checks that conv_transpose1d is Conv1d's input gradient."""

from __future__ import annotations

from conv_viz.core.params import Conv1dParams, ConvTranspose1dParams
from conv_viz.text.code import write


def gradient_snippet(params: ConvTranspose1dParams, batch: int, length: int) -> str:
    """Python that checks the identity in a notebook with torch's autograd, with the page's numbers; prints True."""
    p = params
    geo = f"stride={p.stride}, padding={p.padding}, dilation={p.dilation}, groups={p.groups}"
    lines = [
        *[line for line in write.imports(functional=True) if line != "import torch.nn as nn"],
        f"W = torch.randn({p.in_channels}, {p.out_channels // p.groups}, {p.kernel_size}, dtype=torch.float64)",
        f"g = torch.randn({batch}, {p.in_channels}, {length}, dtype=torch.float64)  # the gradient arriving at y",
        f"z = torch.randn({batch}, {p.out_channels}, {p.output_length(length)}, dtype=torch.float64, "
        "requires_grad=True)",
        "",
        f"y = F.conv1d(z, W, {geo})",
        "g_full = F.pad(g, (0, y.shape[-1] - g.shape[-1]))  # zeros only when output_padding ≥ stride",
        "(dz,) = torch.autograd.grad((y * g_full).sum(), z)",
        f"t = F.conv_transpose1d(g, W, {geo}, output_padding={p.output_padding})",
        "print(torch.allclose(dz, t))  # True",
    ]
    return "\n".join(lines) + "\n"


def weight_modules(params: ConvTranspose1dParams) -> tuple[str, str, str]:
    """The modules whose weights the page lays side by side, ``groups`` always written.

    ConvTranspose1d, the Conv1d with the same arguments, and the companion Conv1d (channels swapped)
    whose weight tensor is the same one.

    >>> weight_modules(ConvTranspose1dParams(2, 4, 3))
    ('nn.ConvTranspose1d(2, 4, 3, groups=1)', 'nn.Conv1d(2, 4, 3, groups=1)', 'nn.Conv1d(4, 2, 3, groups=1)')
    """
    p, groups = params, str(params.groups)
    same = write.conv_call(Conv1dParams(p.in_channels, p.out_channels, p.kernel_size), groups=groups)
    companion = write.conv_call(Conv1dParams(p.out_channels, p.in_channels, p.kernel_size), groups=groups)
    return same.replace("nn.Conv1d", "nn.ConvTranspose1d", 1), same, companion

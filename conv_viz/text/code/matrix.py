"""The matrix page's code: Conv1d as unfold + GEMM, and kernel_size=1 as nn.Linear.

Each snippet is self-contained, uses the page's configuration and prints
``True`` when run (a test executes them against torch).
"""

from __future__ import annotations

from conv_viz.core.params import Conv1dParams
from conv_viz.text.code import write

HEADER = "\n".join([*write.imports(functional=True), "torch.manual_seed(0)", ""])


def _module(params: Conv1dParams) -> str:
    """``nn.Conv1d(...)`` as written; a causal layer is the plain module (padding=0) after an ``F.pad`` on the left."""
    return write.conv_call(params)


def _pad_line(params: Conv1dParams) -> str:
    if params.pads() == (0, 0):
        return "xp = x  # no padding"
    return f"xp = {write.pad_call(params)}  # the cells Conv1d pads, (left, right)"


def _reference(params: Conv1dParams) -> str:
    """What the module computes on x: a causal layer's padding is the F.pad before it."""
    return "conv(xp)" if params.causal and params.pads() != (0, 0) else "conv(x)"


def unfold_snippet(params: Conv1dParams, batch: int, length: int) -> str:
    """Columns with ``Tensor.unfold`` (and ``F.unfold`` on a (N, C, 1, L) view), then one GEMM per group."""
    g, k = params.groups, params.kernel_size
    rows = params.in_channels // g * k
    dilate = f"[..., ::{params.dilation}]" if params.dilation > 1 else ""
    bias = " + conv.bias[:, None]" if params.bias else ""
    lines = [
        HEADER + f"conv = {_module(params)}",
        f"x = torch.randn({batch}, {params.in_channels}, {length})",
        "",
        _pad_line(params),
        f"cols = xp.unfold(-1, {params.span}, {params.stride}){dilate}  # (N, C_in, L_out, K): each output's window",
        "L_out = cols.shape[2]",
        f"cols = cols.permute(0, 1, 3, 2).reshape({batch}, {g}, {rows}, L_out)  # (N, groups, C_in/groups·K, L_out)",
        f"W = conv.weight.reshape({g}, {params.out_channels // g}, {rows})  # (groups, C_out/groups, C_in/groups·K)",
        f"y = (W @ cols).reshape({batch}, {params.out_channels}, L_out){bias}",
        f"print(torch.allclose(y, {_reference(params)}, atol=1e-6))",
        "",
        "# the same columns from F.unfold on a 2-D view (N, C_in, 1, L_padded):",
        f"cols2 = F.unfold(xp.unsqueeze(2), kernel_size=(1, {k}), dilation=(1, {params.dilation}), "
        f"stride=(1, {params.stride}))",
        f"print(torch.equal(cols2.reshape({batch}, {g}, {rows}, L_out), cols))",
    ]
    return "\n".join(lines) + "\n"


def linear_snippet(params: Conv1dParams, batch: int, length: int) -> str:
    """kernel_size=1: ``nn.Linear`` with the conv's weight, applied at every position."""
    c_in, c_out, g = params.in_channels, params.out_channels, params.groups
    weight = "conv.weight[:, :, 0]" if g == 1 else f"torch.block_diag(*conv.weight[:, :, 0].split({c_out // g}))"
    bias = "" if params.bias else ", bias=False"
    lines = [
        HEADER + f"conv = {_module(params)}",
        f"linear = nn.Linear({c_in}, {c_out}{bias})",
        "with torch.no_grad():",
        f"    linear.weight.copy_({weight})  # ({c_out}, {c_in})" + ("  # block-diagonal: groups" if g > 1 else ""),
    ]
    if params.bias:
        lines.append("    linear.bias.copy_(conv.bias)")
    lines += [f"x = torch.randn({batch}, {c_in}, {length})", ""]
    source = "x"
    if params.pads() != (0, 0) or params.stride > 1:
        lines.append(_pad_line(params))
        lines.append(f"xs = xp[..., ::{params.stride}]  # the 1-tap window of output t reads padded cell t·stride")
        source = "xs"
    lines += [
        f"y_linear = linear({source}.transpose(1, 2)).transpose(1, 2)  # the same Linear at every position t",
        f"print(torch.allclose({_reference(params)}, y_linear, atol=1e-6))",
    ]
    return "\n".join(lines) + "\n"

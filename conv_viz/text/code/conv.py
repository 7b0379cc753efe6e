"""The playground's code: PyTorch that prints exactly the numbers on screen, and the same sum in plain NumPy.

The tests execute both snippets and compare what they print with torch and the engine.
"""

from __future__ import annotations

from conv_viz.core.params import Conv1dParams
from conv_viz.data import ConvData
from conv_viz.text.code import write

# torch's padding modes as np.pad spells them
NP_PAD_MODES = {"zeros": "constant", "reflect": "reflect", "replicate": "edge", "circular": "wrap"}


def pytorch_snippet(params: Conv1dParams, batch: int, length: int, data: ConvData) -> str:
    """Self-contained Python that prints exactly the numbers on screen.

    Seeded parts are the notebook's three lines (``manual_seed``, ``randn``,
    ``nn.Conv1d``); explicit parts are written out and copied into the layer
    under ``torch.no_grad()``. float64 data seeded in float32 gets ``.double()``
    (an exact copy; drawing in float64 would give other numbers). NumPy-drawn
    data (no torch on the server) is written out, since no seed reproduces it.
    Raises ``ConvVizError("snippet_too_big")`` past ``MAX_TYPED_VALUES`` written numbers.

    >>> from conv_viz.data import seeded
    >>> p = Conv1dParams(2, 2, 3, bias=False)
    >>> print(pytorch_snippet(p, 2, 5, seeded(p, 2, 5, 666)))
    import torch
    import torch.nn as nn
    <BLANKLINE>
    torch.manual_seed(666)
    x = torch.randn(2, 2, 5)
    conv = nn.Conv1d(2, 2, 3, bias=False)
    <BLANKLINE>
    y = conv(x)
    print(y)
    """
    x_seeded = data.x_seeded and data.source == "torch"
    w_seeded = data.weight_seeded and data.source == "torch"
    bias_written = not w_seeded or data.bias_typed
    written = (
        ([] if x_seeded else [data.x]) + ([] if w_seeded else [data.weight]) + ([data.bias] if bias_written else [])
    )
    write.check_written_size(written)
    dtype = data.x.dtype.name
    double = ".double()" if dtype == "float64" else ""
    lines = write.imports(functional=params.causal)
    if x_seeded or w_seeded:
        randn = f"torch.randn({batch}, {params.in_channels}, {length})"
        lines.append(f"torch.manual_seed({data.seed})")
        lines.append(f"x = {randn}{double}" if x_seeded else f"{randn}  # drawn as in the app, so the weights match")
        lines.append(f"conv = {write.conv_call(params, None)}{double}")
    else:
        lines.append(f"conv = {write.conv_call(params, None if dtype == 'float32' else dtype)}")
    if not x_seeded:
        lines.append(write.tensor("x = ", data.x, dtype))
    if not w_seeded:
        lines.append("with torch.no_grad():  # the app's weights replace the random init")
        lines.append(write.tensor("    conv.weight.copy_(", data.weight, dtype) + ")")
    elif bias_written and data.bias is not None:
        lines.append("with torch.no_grad():  # the typed bias replaces the random one; the weights stay as drawn")
    if bias_written and data.bias is not None:
        lines.append(write.tensor("    conv.bias.copy_(", data.bias, dtype) + ")")
    lines.append("")
    if params.causal:
        lines.append(f"y = conv({write.pad_call(params)})  # causal: pad dilation·(kernel_size−1) on the left only")
    else:
        lines.append("y = conv(x)")
    lines.append("print(y)")
    return "\n".join(lines) + "\n"


def numpy_snippet(p: Conv1dParams, d: ConvData) -> str:
    """Plain NumPy that recomputes y from the numbers on screen: pad, slide, multiply, sum.

    Written out, not seeded: NumPy cannot replay torch's random generator.
    """
    write.check_written_size([d.x, d.weight, d.bias])
    left, right = p.pads()
    dtype = d.x.dtype.name
    mode = NP_PAD_MODES[p.padding_mode]
    lines = [
        "import numpy as np",
        "from numpy.lib.stride_tricks import sliding_window_view",
        "",
        write.array("x = ", d.x, dtype, "(N, C_in, L)"),
        write.array("weight = ", d.weight, dtype, "(C_out, C_in/groups, K)"),
        write.array("bias = ", d.bias, dtype) if d.bias is not None else "bias = None",
        f"stride, dilation, groups = {p.stride}, {p.dilation}, {p.groups}",
        "",
        f"# padding: {left} cell(s) left, {right} right, mode {p.padding_mode!r} (np.pad calls it {mode!r})",
        f"xp = np.pad(x, ((0, 0), (0, 0), ({left}, {right})), mode={mode!r})",
        "K = weight.shape[-1]",
        "span = dilation * (K - 1) + 1",
        "# every window of `span` cells, every `stride` cells; keep every `dilation`-th cell of a window",
        "windows = sliding_window_view(xp, span, axis=-1)[:, :, ::stride, ::dilation]  # (N, C_in, L_out, K)",
        "n, c_in, l_out, _ = windows.shape",
        "g_in, g_out = c_in // groups, weight.shape[0] // groups",
        "windows = windows.reshape(n, groups, g_in, l_out, K)",
        "w = weight.reshape(groups, g_out, g_in, K)",
        "# cross-correlation: no kernel flip; sum over the group's input channels and the taps",
        "y = np.einsum('ngclk,gock->ngol', windows, w).reshape(n, groups * g_out, l_out)",
        "if bias is not None:",
        "    y = y + bias[:, None]",
        "np.set_printoptions(precision=4, suppress=True)",
        "print(y)",
    ]
    return "\n".join(lines) + "\n"

"""Text the pages show: tensors printed like torch, a cell's sum as an equation, formulas.

Pure string building from engine results, so it is tested without Streamlit.
"""

from __future__ import annotations

import numpy as np

from conv_viz.core.params import Conv1dParams, ConvTranspose1dParams
from conv_viz.engine import Explanation
from conv_viz.i18n import translate
from conv_viz.text.code import write


def fmt(v: float, decimals: int = 4) -> str:
    """A value the way torch prints it: fixed decimals, no ``-0.0000``."""
    text = f"{v:.{decimals}f}"
    return text[1:] if text.startswith("-") and float(text) == 0 else text


MAX_EQUATION_TERMS = 12  # longer sums show their head and tail; the table lists every term


def tensor_text(a: np.ndarray, name: str = "tensor", max_values: int = 4000) -> str:
    """``a`` the way ``print(torch_tensor)`` shows it: 4 decimals, nested brackets, long rows summarised."""
    body = np.array2string(
        np.asarray(a, dtype=np.float64),
        precision=4,
        floatmode="fixed",
        separator=", ",
        max_line_width=100,
        threshold=max_values,
        edgeitems=3,
        prefix=f"{name}(",
    )
    body = body.replace("-0.0000", " 0.0000")
    return f"{name}({body})"


def equation(e: Explanation, lang: str = "en", max_terms: int = MAX_EQUATION_TERMS) -> str:
    """``y[n,o,t] = x·w + x·w + … + b = total`` with the real numbers, in the order the table lists them."""
    parts = [f"({fmt(tm.x)})·({fmt(tm.w)})" for tm in e.terms]
    if len(parts) > max_terms:
        hidden = len(parts) - (max_terms - 2)
        parts = [*parts[: max_terms - 3], translate(lang, "eq.more", hidden=hidden), *parts[-1:]]
    lines = [f"y[{e.n},{e.o},{e.t}] = " + "\n           + ".join(parts)]
    if e.bias is not None:
        lines.append(f"           + {fmt(e.bias)}   {translate(lang, 'eq.bias')}")
    lines.append(f"         = {fmt(e.total)}")
    return "\n".join(lines)


def shape(a: tuple[int, ...] | None) -> str:
    """A shape as Python prints a tuple: ``(2,)``, ``(1, 2, 12)``."""
    return "None" if a is None else str(tuple(int(s) for s in a))


def module_repr(params: Conv1dParams | ConvTranspose1dParams) -> str:
    """The layer as ``print(nn.Conv1d(...))`` (or ``nn.ConvTranspose1d``) shows it: torch's ``_ConvNd.extra_repr``.

    Sizes print as 1-tuples, stride always, the rest only when not torch's default; a string padding prints
    unquoted. Causal padding is ``F.pad`` before the layer, so the layer itself has padding=0 (``causal_pad``).

    >>> module_repr(Conv1dParams(2, 2, 3))
    'Conv1d(2, 2, kernel_size=(3,), stride=(1,))'
    >>> module_repr(Conv1dParams(4, 8, 3, padding="same", groups=2, bias=False, padding_mode="reflect"))
    'Conv1d(4, 8, kernel_size=(3,), stride=(1,), padding=same, groups=2, bias=False, padding_mode=reflect)'
    >>> module_repr(ConvTranspose1dParams(2, 4, 3, stride=2, output_padding=1))
    'ConvTranspose1d(2, 4, kernel_size=(3,), stride=(2,), output_padding=(1,))'
    """
    padding = 0 if isinstance(params, Conv1dParams) and params.causal else params.padding
    parts = [str(params.in_channels), str(params.out_channels), f"kernel_size=({params.kernel_size},)"]
    parts.append(f"stride=({params.stride},)")
    if isinstance(padding, str):
        parts.append(f"padding={padding}")
    elif padding != 0:
        parts.append(f"padding=({padding},)")
    if params.dilation != 1:
        parts.append(f"dilation=({params.dilation},)")
    if isinstance(params, ConvTranspose1dParams) and params.output_padding != 0:
        parts.append(f"output_padding=({params.output_padding},)")
    if params.groups != 1:
        parts.append(f"groups={params.groups}")
    if not params.bias:
        parts.append("bias=False")
    if params.padding_mode != "zeros":
        parts.append(f"padding_mode={params.padding_mode}")
    name = "ConvTranspose1d" if isinstance(params, ConvTranspose1dParams) else "Conv1d"
    return f"{name}({', '.join(parts)})"


def causal_pad(params: Conv1dParams) -> str | None:
    """How causal padding runs in torch (it is no argument of the layer): ``F.pad(x, (4, 0))``; None if not causal.

    >>> causal_pad(Conv1dParams(kernel_size=3, dilation=2, causal=True))
    'F.pad(x, (4, 0))'
    >>> causal_pad(Conv1dParams(kernel_size=3, padding_mode="replicate", causal=True))
    "F.pad(x, (2, 0), mode='replicate')"
    """
    if not params.causal:
        return None
    return write.pad_call(params)


def shape_line(
    params: Conv1dParams | ConvTranspose1dParams,
    x: np.ndarray,
    weight: np.ndarray,
    bias: np.ndarray | None,
    y: np.ndarray,
) -> str:
    """One Markdown line: x's shape → the layer as ``print`` shows it · weight · bias → y's shape · dtype."""
    b = shape(None if bias is None else bias.shape)
    return (
        f"`x {shape(x.shape)}` → `{module_repr(params)}` · `weight {shape(weight.shape)}` · `bias {b}` → "
        f"`y {shape(y.shape)}` · `{x.dtype}`"
    )

"""The pieces every snippet shares, written one way: imports, tensor literals, the Conv1d call, F.pad.

>>> print(conv_call(Conv1dParams(2, 4, 3, padding=1, groups=2)))
nn.Conv1d(2, 4, 3, padding=1, groups=2)
>>> pad_call(Conv1dParams(kernel_size=3, dilation=2, padding_mode="replicate", causal=True))
"F.pad(x, (4, 0), mode='replicate')"
>>> print(tensor("x = ", np.array([[1.0, 2.5]]), "float32"))
x = torch.tensor([[1, 2.5]], dtype=torch.float32)
"""

from __future__ import annotations

import numpy as np

from conv_viz.core.limits import MAX_TYPED_VALUES
from conv_viz.core.params import Conv1dParams
from conv_viz.data import format_number
from conv_viz.errors import ConvVizError

WIDTH = 100  # a notebook cell's comfortable line length; literals wrap under their first bracket


def imports(functional: bool = False, numpy: bool = False) -> list[str]:
    """``import torch``, ``import torch.nn as nn`` (and ``torch.nn.functional as F``, NumPy), then a blank line."""
    lines = ["import torch", "import torch.nn as nn"]
    lines += ["import torch.nn.functional as F"] if functional else []
    lines += ["import numpy as np"] if numpy else []
    return [*lines, ""]


def check_written_size(arrays: list[np.ndarray | None]) -> None:
    """A snippet writes its numbers out: past ``MAX_TYPED_VALUES`` it would be unreadable (and slow to send)."""
    count = sum(a.size for a in arrays if a is not None)
    if count > MAX_TYPED_VALUES:
        raise ConvVizError("snippet_too_big", count=f"{count:,}", max=f"{MAX_TYPED_VALUES:,}")


def literal(a: np.ndarray, indent: int, width: int = WIDTH) -> str:
    """A nested Python list of ``a``: one innermost row per line, long rows wrapped at ``width``.

    Each number is the shortest text that reads back exactly in ``a``'s dtype (``data.format_number``).
    """
    if a.ndim == 1:
        numbers = [format_number(v, a.dtype) for v in a.tolist()]
        lines, line = [], ""
        for number in numbers:
            if line and indent + len(line) + len(number) + 3 > width:
                lines.append(line + ",")
                line = number
            else:
                line = f"{line}, {number}" if line else number
        lines.append(line)
        return "[" + ("\n" + " " * (indent + 1)).join(lines) + "]"
    inner = [literal(part, indent + 1, width) for part in a]
    return "[" + (",\n" + " " * (indent + 1)).join(inner) + "]"


def written(prefix: str, a: np.ndarray, suffix: str) -> str:
    """``prefix[[…]]suffix`` with wrapped rows aligned under the first bracket."""
    return f"{prefix}{literal(a, len(prefix))}{suffix}"


def tensor(prefix: str, a: np.ndarray, dtype: str) -> str:
    """``prefix`` then ``torch.tensor([...], dtype=torch.<dtype>)``: the one way a snippet spells a tensor."""
    return written(f"{prefix}torch.tensor(", a, f", dtype=torch.{dtype})")


def array(prefix: str, a: np.ndarray, dtype: str, comment: str = "") -> str:
    """``prefix`` then ``np.array([...], dtype=np.<dtype>)``, the NumPy twin of ``tensor``."""
    return written(f"{prefix}np.array(", a, f", dtype=np.{dtype})" + (f"  # {comment}" if comment else ""))


def conv_call(params: Conv1dParams, dtype: str | None = None, **source: str) -> str:
    """``nn.Conv1d(2, 2, 3, bias=False)``: channels and kernel positional, then only what differs from torch's defaults.

    Causal padding is ``F.pad`` before the layer (``pad_call``), so the layer itself has padding=0.
    ``source`` writes an argument as given source text (``groups="g"`` in a question).
    """
    defaults = Conv1dParams()
    parts = [str(params.in_channels), str(params.out_channels), str(params.kernel_size)]
    for key, value in params.module_kwargs().items():
        if key in source:
            parts.append(f"{key}={source.pop(key)}")
        elif value != getattr(defaults, key):
            parts.append(f"{key}={value!r}")
    parts += [f"{key}={text}" for key, text in source.items()]
    if dtype is not None:
        parts.append(f"dtype=torch.{dtype}")
    return f"nn.Conv1d({', '.join(parts)})"


def pad_call(params: Conv1dParams, x: str = "x") -> str:
    """``F.pad(x, (left, right))`` with the cells the layer pads (a causal layer: the left only), torch's mode name."""
    left, right = params.pads()
    mode = "" if params.padding_mode == "zeros" else f", mode={params.padding_mode!r}"
    return f"F.pad({x}, ({left}, {right}){mode})"


def pad_module(params: Conv1dParams) -> str:
    """``pad_call`` as a module for ``nn.Sequential``: ``nn.ConstantPad1d((4, 0), 0.0)`` and its siblings."""
    left, right = params.pads()
    return {
        "zeros": f"nn.ConstantPad1d(({left}, {right}), 0.0)",
        "reflect": f"nn.ReflectionPad1d(({left}, {right}))",
        "replicate": f"nn.ReplicationPad1d(({left}, {right}))",
        "circular": f"nn.CircularPad1d(({left}, {right}))",
    }[params.padding_mode]

"""What a teacher takes home: the tensors (CSV + NPY in one zip), NumPy code, the animation as HTML.

Pure: bytes and strings from a ``Scene``; the page wraps them in download
buttons that build them only when clicked.
"""

from __future__ import annotations

import io
import zipfile

import numpy as np
import plotly.graph_objects as go

from conv_viz.data import format_number
from conv_viz.errors import ConvVizError
from conv_viz.limits import MAX_TYPED_VALUES
from conv_viz.scene import Scene

# torch's padding modes as np.pad spells them
NP_PAD_MODES = {"zeros": "constant", "reflect": "reflect", "replicate": "edge", "circular": "wrap"}


def _csv(a: np.ndarray, labels: list[str]) -> str:
    """Rows = every index but the last (labelled), columns = the last axis; repr-exact numbers."""
    flat = a.reshape(-1, a.shape[-1])
    rows = [",".join(labels) + "," + ",".join(str(i) for i in range(a.shape[-1]))]
    for index, row in zip(np.ndindex(*a.shape[:-1]), flat, strict=True):
        rows.append(",".join(str(i) for i in index) + "," + ",".join(format_number(float(v)) for v in row))
    return "\n".join(rows) + "\n"


def tensors_zip(scene: Scene, torch_output: np.ndarray | None = None) -> bytes:
    """x, weight, bias, y (and torch's y) as CSV files plus one ``tensors.npz``, in a zip."""
    d = scene.data
    arrays = {"x": d.x, "weight": d.weight, "y_numpy": scene.y}
    if d.bias is not None:
        arrays["bias"] = d.bias
    if torch_output is not None:
        arrays["y_torch"] = torch_output
    labels = {"x": ["n", "c"], "weight": ["o", "c"], "y_numpy": ["n", "o"], "y_torch": ["n", "o"], "bias": []}
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, a in arrays.items():
            if name == "bias":
                archive.writestr(
                    "bias.csv", "o,value\n" + "".join(f"{i},{format_number(float(v))}\n" for i, v in enumerate(a))
                )
            else:
                archive.writestr(f"{name}.csv", _csv(a, labels[name]))
        npz = io.BytesIO()
        np.savez(npz, allow_pickle=False, **arrays)
        archive.writestr("tensors.npz", npz.getvalue())
    return buffer.getvalue()


def _literal(a: np.ndarray) -> str:
    """A nested list literal that round-trips every float64 exactly."""
    if a.ndim == 1:
        return "[" + ", ".join(format_number(float(v)) for v in a) + "]"
    return "[" + ", ".join(_literal(row) for row in a) + "]"


def numpy_snippet(scene: Scene) -> str:
    """Plain NumPy that recomputes y from the numbers on screen: pad, slide, multiply, sum.

    Written out, not seeded: NumPy cannot replay torch's random generator.
    """
    p, d = scene.params, scene.data
    count = d.x.size + d.weight.size + (0 if d.bias is None else d.bias.size)
    if count > MAX_TYPED_VALUES:
        raise ConvVizError("snippet_too_big", count=f"{count:,}", max=f"{MAX_TYPED_VALUES:,}")
    left, right = p.pads()
    dtype = d.x.dtype.name
    mode = NP_PAD_MODES[p.padding_mode]
    lines = [
        "import numpy as np",
        "from numpy.lib.stride_tricks import sliding_window_view",
        "",
        f"x = np.array({_literal(d.x)}, dtype=np.{dtype})  # (N, C_in, L)",
        f"weight = np.array({_literal(d.weight)}, dtype=np.{dtype})  # (C_out, C_in/groups, K)",
        f"bias = np.array({_literal(d.bias)}, dtype=np.{dtype})" if d.bias is not None else "bias = None",
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


def animation_html(fig: go.Figure) -> str:
    """A standalone page: Plotly's JavaScript embedded, so the animation plays offline."""
    html: str = fig.to_html(include_plotlyjs=True, full_html=True, auto_play=False)
    return html

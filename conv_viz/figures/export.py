"""What a teacher takes home: the tensors (CSV + NPY in one zip) and the animation as HTML (code: ``text.code``).

Pure: bytes and strings from a ``Scene``; the page wraps them in download
buttons that build them only when clicked.
"""

from __future__ import annotations

import io
import zipfile

import numpy as np
import plotly.graph_objects as go

from conv_viz.data import format_number
from conv_viz.figures import style
from conv_viz.views.scene import Scene


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


def animation_html(fig: go.Figure) -> str:
    """A standalone page: Plotly's JavaScript embedded, so the animation plays offline."""
    html: str = fig.to_html(include_plotlyjs=True, full_html=True, auto_play=False, config=style.ANIMATION_CONFIG)
    return html

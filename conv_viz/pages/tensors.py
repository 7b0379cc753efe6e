"""The whole tensors, printed the way torch prints them, and torch's verdict on the output.

Shared by the playground (Conv1d) and /transposed (ConvTranspose1d): the same
panel, whichever op made ``y``.
"""

from __future__ import annotations

import numpy as np
import streamlit as st

from conv_viz import reference
from conv_viz.data import ConvData
from conv_viz.pages.ui import escape, numbers_markdown, tr
from conv_viz.text import formatting


def verdict(ok: bool, lang: str, yes: str = "tensors.allclose", no: str = "tensors.not_close") -> None:
    """A green or red badge: icon and words as well as colour, so it reads without colour too."""
    badge = tr(lang, yes if ok else no)
    st.badge(badge, icon=":material/check_circle:" if ok else ":material/error:", color="green" if ok else "red")


def tensors_panel(d: ConvData, y: np.ndarray, result: reference.TorchResult | None, lang: str) -> None:
    """torch's verdict and largest difference, then x, weight, bias beside the NumPy and torch outputs."""
    if result is not None:
        verdict(bool(result.allclose), lang)
        diff, rtol, atol = f"{result.max_abs_diff:.2e}", f"{result.rtol:g}", f"{result.atol:g}"
        st.caption(escape(tr(lang, "tensors.max_diff", diff=diff, rtol=rtol, atol=atol)))
    bias = "bias = None" if d.bias is None else formatting.tensor_text(d.bias, "bias")
    outputs = [formatting.tensor_text(y, "y_numpy")]
    if result is not None:
        outputs.append(formatting.tensor_text(result.output, "y_torch"))
    left, right = st.columns(2)
    with left:
        _column(
            tr(lang, "tensors.inputs"),
            formatting.tensor_text(d.x, "x"),
            formatting.tensor_text(d.weight, "weight"),
            bias,
        )
    with right:
        _column(tr(lang, "tensors.outputs"), *outputs)
        if result is None:
            st.info(tr(lang, "play.no_torch"))


def _column(heading: str, *tensors: str) -> None:
    """A heading and tensors as one Markdown element (paragraphs apart): each element is redrawn every rerun."""
    st.markdown("\n\n".join([heading, *(numbers_markdown(text) for text in tensors)]))

"""The transposed page (url path ``/transposed``): ConvTranspose1d as scatter-add, output_padding, and Conv1d's gradient."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import streamlit as st

from conv_viz import reference
from conv_viz.errors import ConvVizError
from conv_viz.figures.scatter import choose_scatter_view, scatter_add_figure
from conv_viz.figures.style import ANIMATION_CONFIG
from conv_viz.figures.transposed import MAX_STRIP, overlap_figure, round_trip_figure
from conv_viz.pages import access, controls, frame, state
from conv_viz.pages.tensors import tensors_panel, verdict
from conv_viz.pages.ui import cell_inputs, escape, numbers, show_error, tr
from conv_viz.server import memo
from conv_viz.text import formatting, formulas
from conv_viz.text.code import transposed as transposed_code
from conv_viz.text.markdown_table import markdown_table
from conv_viz.views import transposed_vs_conv
from conv_viz.views.transposed import TransposedScene, TransposedSpec, build_transposed, conv_input


@dataclass(frozen=True)
class TorchChecks:
    """torch's side of the page: nn.ConvTranspose1d's output and autograd's input gradient of the Conv1d."""

    forward: reference.TorchResult
    gradient: np.ndarray


# Worst case per entry: x, y ≤ 8 MB each, weight 4 MB, and the scatter map L_in·K int64 ≤ 48,000·128·8 B = 49 MB:
# ~70 MB.
@memo.shared
def _scene(spec: TransposedSpec) -> TransposedScene:
    return build_transposed(spec)


# Four arrays of ≤ 10⁶ float64 (z, cotangent, gradient, round trip): ≤ 32 MB per entry.
@memo.shared
def _adjoint(spec: TransposedSpec) -> transposed_vs_conv.Adjoint:
    """The gradient and round-trip identities on the engine; z is the input preset drawn at the output's shape."""
    scene = _scene(spec)
    return transposed_vs_conv.adjoint(scene.params, scene.data.x, scene.data.weight, conv_input(scene))


# torch's output and gradient, ≤ 10⁶ values each: ≤ 16 MB per entry.
@memo.shared
def _checks(spec: TransposedSpec) -> TorchChecks | None:
    if not reference.torch_available():
        return None
    scene, adj = _scene(spec), _adjoint(spec)
    d = scene.data
    forward = reference.run_torch(d.x, d.weight, d.bias, scene.params, expected=scene.y)
    gradient = reference.input_gradient(adj.z, d.weight, adj.cotangent, transposed_vs_conv.companion(scene.params))
    return TorchChecks(forward, gradient)


def render() -> None:
    view, lang = frame.begin("transposed", controls.transposed_controls, controls.data_controls)
    key = TransposedSpec.of(view)
    try:
        scene = _scene(key)
        adj = _adjoint(key)
        checks = _checks(key)
    except ConvVizError as err:
        show_error(err, lang)
        state.publish(view)  # the link reproduces the broken setting too, so a teacher can share the rule
        return
    state.publish(view)
    _shape_line(scene, lang)
    n, o, i = _pin(scene, lang)
    _scatter(scene, n, o, i, lang)
    _overlaps(scene, lang)
    names = ["lengths", "gradient", "inverse", "torch"]
    tabs = st.tabs([tr(lang, f"transposed.tab_{name}") for name in names])
    with tabs[0]:
        _lengths(scene, lang)
    with tabs[1]:
        _gradient(scene, adj, checks, lang)
    with tabs[2]:
        _inverse(scene, adj, n, o, lang)
    with tabs[3]:
        _torch(scene, checks, lang)


def _shape_line(scene: TransposedScene, lang: str) -> None:
    d = scene.data
    st.markdown(formatting.shape_line(scene.params, d.x, d.weight, d.bias, scene.y))
    if scene.spec.w:
        st.caption(tr(lang, "transposed.typed_w"))
    if d.source == "numpy":
        st.info(tr(lang, "play.numpy_seed"))


def _pin(scene: TransposedScene, lang: str) -> tuple[int, int, int]:
    """Batch item, output channel, and the input position the animation opens on."""
    n, o, i = cell_inputs(
        [
            ("cell_n", tr(lang, "ui.pin_n"), scene.batch - 1),
            ("cell_o", tr(lang, "ui.pin_o"), scene.params.out_channels - 1),
            ("cell_t", tr(lang, "transposed.pin_i"), scene.length - 1),
        ],
        tr(lang, "transposed.pin_help"),
    )
    return n, o, i


def _scatter(scene: TransposedScene, n: int, o: int, i: int, lang: str) -> None:
    p, d = scene.params, scene.data
    st.header(tr(lang, "transposed.scatter_title"))
    st.caption(tr(lang, "transposed.scatter_caption", s=p.stride, d=p.dilation, p=p.padding, op=p.output_padding))
    fig = scatter_add_figure(d.x[n], d.weight, d.bias, scene.y[n], p, scene.scatter, n, o, i, lang)
    st.plotly_chart(fig, theme=None, config=ANIMATION_CONFIG)
    access.animation_keys(fig, lang)  # Play, Pause and the frames from the keyboard
    view = choose_scatter_view(p, scene.length, i)
    if len(view.rows) < scene.length:
        st.caption(tr(lang, "transposed.window_note", shown=len(view.rows), total=scene.length))


def _overlaps(scene: TransposedScene, lang: str) -> None:
    """Writes per output cell, and whether the interior is even: the checkerboard, computed."""
    p = scene.params
    counts = transposed_vs_conv.overlap_counts(scene.scatter, scene.y.shape[-1])
    pattern = transposed_vs_conv.interior_pattern(p)
    st.header(tr(lang, "transposed.overlap_title"))
    values = ", ".join(str(c) for c in pattern)
    reason = tr(
        lang,
        f"transposed.reason_{transposed_vs_conv.checkerboard_reason(p)}",
        k=p.kernel_size,
        s=p.stride,
        d=p.dilation,
    )
    if len(set(pattern)) == 1:
        st.markdown(tr(lang, "transposed.even", count=pattern[0], reason=reason))
    else:
        st.markdown(tr(lang, "transposed.uneven", pattern=values, s=p.stride, reason=reason))
    st.plotly_chart(overlap_figure(counts, lang), theme=None, config={"displayModeBar": False})
    if counts.size > MAX_STRIP:
        st.caption(tr(lang, "transposed.strip_note", shown=MAX_STRIP, total=counts.size))


def _lengths(scene: TransposedScene, lang: str) -> None:
    """The formula with the user's numbers, the Conv1d lengths that collapse together, and output_padding's pick."""
    p, length = scene.params, scene.length
    conv = transposed_vs_conv.companion(p)
    st.latex(formulas.transposed_length_formula(p, length))
    pre = list(transposed_vs_conv.conv_preimage(p, length))
    key = "transposed.preimage" if len(pre) > 1 else "transposed.preimage_one"  # stride 1 forgets nothing
    st.markdown(
        tr(
            lang,
            key,
            k=p.kernel_size,
            s=p.stride,
            p=p.padding,
            d=p.dilation,
            lengths=", ".join(str(v) for v in pre),
            length=length,
            count=len(pre),
        )
    )
    choices = transposed_vs_conv.output_padding_choices(p, length)
    mark = tr(lang, "transposed.current")
    header = [
        "output_padding",
        tr(lang, "transposed.col_length"),
        tr(lang, "transposed.col_back"),
        tr(lang, "transposed.col_match"),
        tr(lang, "a11y.col_in_use"),
    ]
    rows = [
        (
            c.output_padding,
            c.length,
            c.conv_length,
            "✓" if c.length in pre else "✗",
            mark if c.output_padding == p.output_padding else "",
        )
        for c in choices
    ]
    st.markdown(markdown_table(header, rows))
    st.markdown(tr(lang, "transposed.op_rule", max=max(p.stride, p.dilation) - 1, s=p.stride, d=p.dilation))
    st.markdown(tr(lang, "transposed.weight_intro"))
    header = [tr(lang, "transposed.col_module"), "weight.shape", tr(lang, "transposed.col_layout")]
    transposed_module, same_module, companion_module = transposed_code.weight_modules(p)
    weights = [
        (transposed_module, formatting.shape(p.weight_shape), "(in_channels, out_channels / groups, kernel_size)"),
        (
            same_module,
            formatting.shape((p.out_channels, p.in_channels // p.groups, p.kernel_size)),
            "(out_channels, in_channels / groups, kernel_size)",
        ),
        (companion_module, formatting.shape(conv.weight_shape), tr(lang, "transposed.same_tensor")),
    ]
    st.markdown(markdown_table(header, weights))


def _gradient(scene: TransposedScene, adj: transposed_vs_conv.Adjoint, checks: TorchChecks | None, lang: str) -> None:
    """conv_transpose1d(g) = ∂/∂z Σ conv1d(z)·g: the engine on one side, torch autograd on the other."""
    p = scene.params
    st.markdown(tr(lang, "transposed.grad_intro"))
    if adj.conv_length != scene.length:
        st.caption(tr(lang, "transposed.grad_padded", conv=adj.conv_length, length=scene.length, op=p.output_padding))
    st.markdown(tr(lang, "transposed.grad_inner", lhs=f"{adj.inner_conv:.4f}", rhs=f"{adj.inner_transposed:.4f}"))
    if checks is None:
        st.info(tr(lang, "play.no_torch"))
    else:
        diff, ok = reference.agreement(adj.gradient, checks.gradient, str(scene.data.x.dtype))
        verdict(ok, lang, "transposed.grad_ok", "transposed.grad_bad")
        st.caption(escape(tr(lang, "transposed.grad_diff", diff=f"{diff:.2e}", dtype=str(scene.data.x.dtype))))
        numbers(formatting.tensor_text(adj.gradient, "conv_transpose1d(g)"))
        numbers(formatting.tensor_text(checks.gradient, "z.grad"))
    st.caption(tr(lang, "transposed.snippet"))
    st.code(transposed_code.gradient_snippet(p, scene.batch, scene.length), language="python")


def _inverse(scene: TransposedScene, adj: transposed_vs_conv.Adjoint, n: int, o: int, lang: str) -> None:
    """conv_transpose1d(conv1d(z)) restores z's shape, not its values."""
    dtype = str(scene.data.x.dtype)
    diff, ok = reference.agreement(adj.round_trip, adj.z, dtype)
    st.markdown(tr(lang, "transposed.inverse_intro", preset=tr(lang, f"preset.{scene.spec.input}")))
    key = "transposed.inverse_equal" if ok else "transposed.inverse_not"
    st.markdown(tr(lang, key, diff=f"{diff:.4f}", shape=formatting.shape(adj.z.shape)))
    fig = round_trip_figure(
        adj.z[n, o], adj.round_trip[n, o], f"z[{n},{o}]", f"conv_transpose1d(conv1d(z))[{n},{o}]", lang
    )
    st.plotly_chart(fig, theme=None, config={"displayModeBar": False})
    if adj.round_trip_padding != scene.params.output_padding:
        st.caption(tr(lang, "transposed.inverse_padding", op=adj.round_trip_padding))


def _torch(scene: TransposedScene, checks: TorchChecks | None, lang: str) -> None:
    """NumPy's output next to nn.ConvTranspose1d's, with the largest difference."""
    tensors_panel(scene.data, scene.y, None if checks is None else checks.forward, lang)

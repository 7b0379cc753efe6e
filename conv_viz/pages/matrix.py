"""The matrix page (url path ``/matrix``): the playground's Conv1d as T·vec(x) + b, as im2col GEMMs, and k=1 as Linear."""

from __future__ import annotations

import importlib

import plotly.graph_objects as go
import streamlit as st

from conv_viz import reference
from conv_viz.core import unfold
from conv_viz.errors import ConvVizError
from conv_viz.figures.matrix import MAX_CELLS, MAX_T_COLS, MAX_T_ROWS, around, matrix_figure, toeplitz_figure
from conv_viz.pages import controls, frame, state
from conv_viz.pages.ui import causal_note, cell_inputs, numbers, show_error, tr
from conv_viz.server import memo
from conv_viz.text import formatting
from conv_viz.text.code import matrix as matrix_code
from conv_viz.text.formatting import fmt
from conv_viz.text.markdown_table import markdown_table
from conv_viz.views import matrix
from conv_viz.views.matrix import Comparison, MatrixChecks, MatrixScene
from conv_viz.views.scene import ConvSpec, Scene, build_scene

MAX_ROW_TERMS = 12  # terms of the pinned row written out; hovering T shows the rest
HALF_PX = 540  # a figure in one of two columns


# As the playground's scene: ≤ ~20 MB per entry; 3 KB for the default view.
@memo.shared
def _scene(spec: ConvSpec) -> Scene:
    return build_scene(spec)


# T (≤ 10⁶ taps per item: indices and values) and three products of ≤ 10⁶ values per entry.
@memo.shared
def _matrices(spec: ConvSpec) -> MatrixScene:
    return matrix.build_matrix(_scene(spec))


# A few numbers per comparison: under 1 KB per entry.
@memo.shared
def _checks(spec: ConvSpec, with_torch: bool) -> MatrixChecks:
    return matrix.checks(_scene(spec), _matrices(spec), with_torch=with_torch)


def _set_kernel_one() -> None:
    """The k=1 preset: a 1-tap window with no padding, stride, dilation or groups, so Linear is plain."""
    ss = st.session_state
    ss.update(kernel_size=1, padding_kind="number", padding=0, stride=1, dilation=1, groups=1, causal=False)


def render() -> None:
    importlib.import_module("conv_viz.pages.preload_late")  # jacfwd's first use, by one thread (its docstring)
    view, lang = frame.begin("matrix", controls.conv_controls, controls.data_controls)
    key = ConvSpec.of(view)
    state.publish(view)
    try:
        scene, ms = _scene(key), _matrices(key)
    except ConvVizError as err:
        show_error(err, lang)
        return
    try:
        checks = _checks(key, reference.torch_available())
    except ConvVizError as err:  # torch refused something the engine accepted: say so, keep NumPy's checks
        show_error(err, lang)
        checks = _checks(key, False)
    p, g = scene.params, scene.geometry
    st.markdown(
        f"`x {formatting.shape(scene.data.x.shape)}` → `{formatting.module_repr(p)}`: `vec(y) = T · vec(x) + b` · "
        f"`T {formatting.shape(ms.t.shape)}` · {tr(lang, 'matrix.nnz', nnz=f'{ms.t.nnz:,}', density=_density(ms))} "
        f"→ `y {formatting.shape(scene.y.shape)}` · `{scene.data.x.dtype}`"
    )
    causal_note(p, lang)
    n, o, t = cell_inputs(
        [
            ("cell_n", tr(lang, "ui.pin_n"), scene.y.shape[0] - 1),
            ("cell_o", tr(lang, "ui.pin_o"), p.out_channels - 1),
            ("cell_t", tr(lang, "ui.pin_t"), g.out_length - 1),
        ],
        tr(lang, "matrix.pin_help"),
    )
    names = ["matrix", "unfold", "linear"]
    tabs = st.tabs([tr(lang, f"matrix.tab_{name}") for name in names])
    with tabs[0]:
        _toeplitz(scene, ms, checks.matrix, n, o, t, lang)
    with tabs[1]:
        _unfold(scene, checks.unfold, n, o, t, lang)
    with tabs[2]:
        _linear(scene, checks.linear, n, t, lang)


def _plot(fig: go.Figure, key: str) -> None:
    """A figure with a layout width keeps it (small matrices stay small); T fills the column."""
    if fig.layout.width:
        st.plotly_chart(fig, key=key, theme=None, width="content", config={"displayModeBar": False})
    else:
        st.plotly_chart(fig, key=key, theme=None, config={"displayModeBar": False})


def _density(ms: MatrixScene) -> str:
    total = ms.t.shape[0] * ms.t.shape[1]
    return f"{100 * ms.t.nnz / total:.1f}" if total else "0"


def _checks_table(rows: tuple[Comparison, ...], dtype: str, lang: str) -> None:
    """Each comparison: what against what, the largest difference, allclose."""
    if not reference.torch_available():
        st.info(tr(lang, "play.no_torch"))
    rtol, atol = reference.TOLERANCES[dtype]
    header = [tr(lang, "matrix.col_check"), tr(lang, "matrix.col_diff"), "allclose"]
    table = [(tr(lang, f"matrix.check.{c.key}"), f"{c.max_diff:.2e}", "✓" if c.ok else "✗") for c in rows]
    st.markdown(markdown_table(header, table))
    st.caption(tr(lang, "matrix.tolerance", dtype=dtype, rtol=f"{rtol:g}", atol=f"{atol:g}"))


def _toeplitz(scene: Scene, ms: MatrixScene, rows: tuple[Comparison, ...], n: int, o: int, t: int, lang: str) -> None:
    p, g, d = scene.params, scene.geometry, scene.data
    st.markdown(tr(lang, "matrix.t_intro", l_in=g.length, l_out=g.out_length))
    r = o * g.out_length + t
    cols_of_row, _ = ms.t.row(r)
    centre = int(cols_of_row.mean()) if cols_of_row.size else 0
    row_window = around(ms.t.shape[0], r, MAX_T_ROWS)
    col_window = around(ms.t.shape[1], centre, MAX_T_COLS)
    if len(row_window) < ms.t.shape[0] or len(col_window) < ms.t.shape[1]:
        st.info(
            tr(
                lang,
                "matrix.t_window",
                rows=f"{ms.t.shape[0]:,}",
                cols=f"{ms.t.shape[1]:,}",
                r0=row_window.start,
                r1=row_window.stop - 1,
                c0=col_window.start,
                c1=col_window.stop - 1,
            )
        )
    _plot(toeplitz_figure(ms.t, p, g, row_window, col_window, r, lang), "m_t")
    st.caption(tr(lang, "matrix.t_legend"))
    st.markdown(tr(lang, "matrix.row_title", r=r, n=n, o=o, t=t))
    numbers(_row_equation(ms, scene, r, n, o, t, lang))
    _checks_table(rows, d.x.dtype.name, lang)
    if reference.torch_available() and not matrix.jacobian_fits(ms.t):
        st.caption(tr(lang, "matrix.no_jacobian", max=f"{matrix.MAX_JACOBIAN_ENTRIES:,}"))


def _row_equation(ms: MatrixScene, scene: Scene, r: int, n: int, o: int, t: int, lang: str) -> str:
    """Row r of T times vec(x[n]), one term per line: which entry, which input cell, and their values."""
    length, x, bias = scene.geometry.length, scene.data.x[n].reshape(-1), scene.data.bias
    cols, values = ms.t.row(r)
    terms = [
        (f"T[{r},{j}]·x[{n},{j // length},{j % length}]", f"({fmt(float(v))})·({fmt(float(x[j]))})")
        for j, v in zip(cols.tolist(), values, strict=True)
    ]
    if len(terms) > MAX_ROW_TERMS:
        terms = [*terms[: MAX_ROW_TERMS - 1], ("…", tr(lang, "eq.more_terms", count=len(terms) - MAX_ROW_TERMS + 1))]
    if bias is not None:
        terms.append((f"b[{o}]", fmt(float(bias[o]))))
    head = f"y[{n},{o},{t}] = "
    width = max((len(name) for name, _ in terms), default=0)
    lines = [
        (head if i == 0 else " " * (len(head) - 2) + "+ ") + f"{name:<{width}}   {value}"
        for i, (name, value) in enumerate(terms or [("0", "")])
    ]
    total = fmt(float(ms.y_matrix[n, o, t]))
    engine_value = tr(lang, "eq.engine", value=fmt(float(scene.y[n, o, t])))
    lines.append(" " * (len(head) - 2) + f"= {total}   {engine_value}")
    return "\n".join(lines)


def _unfold(scene: Scene, rows: tuple[Comparison, ...], n: int, o: int, t: int, lang: str) -> None:
    p, g, d = scene.params, scene.geometry, scene.data
    gemm = matrix.group_gemm(scene, n, o)
    group, channels, cols, w, y_group = gemm.group, gemm.channels, gemm.cols, gemm.weight, gemm.y
    per_out = y_group.shape[0]
    st.markdown(tr(lang, "matrix.unfold_intro", k=p.kernel_size, groups=p.groups))
    row_window = around(cols.shape[0], 0, MAX_CELLS)
    t_window = around(g.out_length, t, MAX_CELLS)
    o_window = around(per_out, o - group * per_out, MAX_CELLS)
    if len(row_window) < cols.shape[0] or len(t_window) < g.out_length or len(o_window) < per_out:
        st.info(tr(lang, "matrix.unfold_window", rows=cols.shape[0], cols=g.out_length, shown=MAX_CELLS))
    row_labels = [f"x[{channels[i // p.kernel_size]}] k={i % p.kernel_size}" for i in row_window]
    t_labels = [f"t={tt}" for tt in t_window]
    o_labels = [f"w[{group * per_out + i}]" for i in o_window]
    hover = [
        [_window_hover(scene, channels[i // p.kernel_size], i % p.kernel_size, tt, lang) for tt in t_window]
        for i in row_window
    ]
    title = tr(lang, "matrix.cols_title", n=n, group=group, shape=formatting.shape(cols.shape))
    sub = cols[row_window.start : row_window.stop, t_window.start : t_window.stop]
    _plot(matrix_figure(sub, row_labels, t_labels, title, hover, t - t_window.start), "m_cols")
    left, right = st.columns(2)
    with left:
        title = tr(lang, "matrix.w_title", group=group, shape=formatting.shape(w.shape))
        sub = w[o_window.start : o_window.stop, row_window.start : row_window.stop]
        _plot(matrix_figure(sub, o_labels, row_labels, title, max_width=HALF_PX), "m_w")
    with right:
        title = tr(lang, "matrix.y_title", n=n, group=group, shape=formatting.shape(y_group.shape))
        sub = y_group[o_window.start : o_window.stop, t_window.start : t_window.stop]
        y_labels = [f"y[{group * per_out + i}]" for i in o_window]
        fig = matrix_figure(sub, y_labels, t_labels, title, highlight_col=t - t_window.start, max_width=HALF_PX)
        _plot(fig, "m_y")
    st.caption(tr(lang, "matrix.code_caption"))
    st.code(matrix_code.unfold_snippet(p, scene.batch, scene.length), language="python")
    _checks_table(rows, d.x.dtype.name, lang)


def _window_hover(scene: Scene, c: int, k: int, t: int, lang: str) -> str:
    """What one cell of the column matrix reads: padded slot t·stride + k·dilation and the input cell it copies."""
    slot = int(scene.geometry.window(t)[k])
    source = int(scene.geometry.source(t)[k])
    reads = f"x[{c},{source}]" if source >= 0 else tr(lang, "play.zero_pad")
    return tr(lang, "matrix.cols_hover", t=t, c=c, k=k, slot=slot, reads=reads)


def _linear(scene: Scene, rows: tuple[Comparison, ...], n: int, t: int, lang: str) -> None:
    p, d = scene.params, scene.data
    st.markdown(tr(lang, "matrix.linear_intro"))
    if p.kernel_size != 1:
        typed = bool(st.session_state.get("w"))
        st.button(
            tr(lang, "matrix.set_k1"),
            on_click=_set_kernel_one,
            disabled=typed,
            icon=":material/linear_scale:",
            help=tr(lang, "help.set_by_typed") if typed else None,
        )
        st.caption(tr(lang, "matrix.k_now", k=p.kernel_size))
        return
    st.code(matrix_code.linear_snippet(p, scene.batch, scene.length), language="python")
    w = unfold.linear_weight(d.weight, p.groups)
    shown = slice(0, MAX_CELLS)
    title = tr(lang, "matrix.linear_w", shape=formatting.shape(w.shape))
    out_labels = [f"o={i}" for i in range(w.shape[0])][shown]
    in_labels = [f"c={i}" for i in range(w.shape[1])][shown]
    _plot(matrix_figure(w[shown, shown], out_labels, in_labels, title), "m_lin")
    slot, padded = matrix.linear_column(scene, n, t)
    st.markdown(tr(lang, "matrix.linear_at", n=n, t=t, slot=slot))
    values = ", ".join(fmt(float(v)) for v in padded[:MAX_CELLS])
    outputs = ", ".join(fmt(float(v)) for v in scene.y[n, :MAX_CELLS, t])
    numbers(f"x_padded[{n}, :, {slot}] = [{values}]\ny[{n}, :, {t}] = W · x + b = [{outputs}]")
    _checks_table(rows, d.x.dtype.name, lang)
    st.caption(tr(lang, "matrix.linear_note"))

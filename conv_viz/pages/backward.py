"""The backward page (url path ``/backward``): Conv1d's gradients as sums, checked by autograd, and a kernel learning."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import streamlit as st

from conv_viz import engine, reference
from conv_viz.core.geometry import conv_geometry
from conv_viz.core.limits import MAX_LR, MAX_MOMENTUM, MAX_TRAIN_STEPS
from conv_viz.core.train import SGDSetup
from conv_viz.errors import ConvVizError
from conv_viz.figures.backward import cell_figure, training_figure
from conv_viz.figures.style import ANIMATION_CONFIG
from conv_viz.pages import controls, frame, state
from conv_viz.pages.links import page_link
from conv_viz.pages.tensors import verdict
from conv_viz.pages.ui import causal_note, cell_inputs, escape, number, numbers, show_error, tr
from conv_viz.server import memo
from conv_viz.server.url_state import LOSSES, TARGET_SIGNALS, TARGETS, ViewState
from conv_viz.text import formatting
from conv_viz.text.markdown_table import markdown_table
from conv_viz.views import backward as view_backward
from conv_viz.views.backward import BackwardSpec, BackwardView, TrainingView, TrainSpec

MAX_SUM_ROWS = 64  # rows of a pinned sum's table: the first 63, a ⋮ row and the last
MAX_STEP_ROWS = 12  # rows of the per-step table: the first steps and the last


@memo.shared
def _backward(spec: BackwardSpec) -> BackwardView:
    return view_backward.build_backward(spec)


@dataclass(frozen=True)
class Autograd:
    """torch's gradients for the view, and Σ|terms| to judge the differences by."""

    grads: reference.TorchGradients
    magnitude: view_backward.Gradients
    transposed: np.ndarray  # F.conv_transpose1d with the identity's arguments


@memo.shared
def _autograd(spec: BackwardSpec) -> Autograd | None:
    if not reference.torch_available():
        return None
    v = _backward(spec)
    d, t = v.scene.data, v.identity
    grads = reference.torch_gradients(d.x, d.weight, d.bias, v.scene.params, v.loss, v.target)
    transposed = reference.torch_conv_transpose(
        v.grads.dy, d.weight, t.stride, t.padding, t.output_padding, t.groups, t.dilation
    )
    return Autograd(grads, view_backward.magnitudes(v), transposed)


@memo.shared
def _training(spec: TrainSpec) -> TrainingView:
    return view_backward.build_training(spec)


@memo.shared
def _torch_training(spec: TrainSpec) -> reference.TorchTraining | None:
    if not reference.torch_available():
        return None
    t = _training(spec)
    d = t.scene.data
    steps = len(t.run.losses)  # a diverged run stopped early: torch takes the same steps
    return reference.torch_train(SGDSetup(t.scene.params, d.x, d.weight, d.bias, t.target, t.lr, t.momentum, steps))


def _loss_controls(lang: str) -> None:
    sb = st.sidebar
    sb.subheader(tr(lang, "back.loss_header"))
    sb.selectbox(tr(lang, "back.loss"), LOSSES, key="loss", format_func=lambda v: tr(lang, f"back.loss_{v}"))
    sb.selectbox(
        tr(lang, "back.target"),
        TARGETS,
        key="target",
        format_func=lambda v: tr(lang, f"back.target_{v}"),
        help=tr(lang, "back.target_help"),
    )


def render() -> None:
    view, lang = frame.begin("back", _loss_controls, controls.conv_controls, controls.data_controls)
    spec = view_backward.backward_spec(view)
    try:
        v = _backward(spec)
    except ConvVizError as err:
        show_error(err, lang)
        state.publish(view)  # the link reproduces the broken setting too, so a teacher can share the rule
        return
    try:
        checks = _autograd(spec)
    except ConvVizError as err:
        show_error(err, lang)
        checks = None
    _header(v, spec.target, lang)
    _gradients(v, checks, lang)
    _weight_cell(v, checks, lang)
    _input_cell(v, checks, lang)
    _identity(v, checks, lang)
    _train(view, lang)
    state.publish(state.current(uploads=False))  # after the pins and knobs, which clamp into range


def _header(v: BackwardView, target_name: str, lang: str) -> None:
    d, p = v.scene.data, v.scene.params
    st.markdown(formatting.shape_line(p, d.x, d.weight, d.bias, v.scene.y))
    causal_note(p, lang)
    if d.source == "numpy":
        st.info(tr(lang, "play.numpy_seed"))
    key = "back.loss_line_sum" if v.loss == "sum" else "back.loss_line_mse"
    target = tr(lang, f"back.target_{target_name}")
    st.markdown(tr(lang, key, value=formatting.fmt(v.loss_value), target=target))


def _pair(
    name: str, ours: np.ndarray | None, theirs: np.ndarray | None, magnitude: np.ndarray | None, dtype: str, lang: str
) -> None:
    """One gradient: NumPy's beside autograd's, with the largest difference and the verdict."""
    if ours is None:
        st.caption(tr(lang, "back.no_bias"))
        return
    left, right = st.columns(2)
    with left:
        numbers(formatting.tensor_text(ours, f"{name}_numpy"))
    with right:
        if theirs is None or magnitude is None:
            st.info(tr(lang, "play.no_torch"))
            return
        numbers(formatting.tensor_text(theirs, f"{name}_autograd"))
    rtol, atol = reference.TOLERANCES[dtype]
    diff, ok = view_backward.difference(ours, theirs, magnitude, rtol, atol)
    verdict(ok, lang, "back.close", "back.not_close")
    st.caption(escape(tr(lang, "back.diff", diff=f"{diff:.2e}", dtype=dtype, rtol=f"{rtol:g}", atol=f"{atol:g}")))


def _gradients(v: BackwardView, checks: Autograd | None, lang: str) -> None:
    """dL/dy, dL/dw, dL/db, dL/dx: NumPy's and torch.autograd's, one tab each."""
    st.subheader(tr(lang, "back.grads_title"))
    st.caption(tr(lang, "back.grads_caption"))
    dtype = str(v.scene.data.x.dtype)
    g = v.grads
    names = ("dy", "dw", "db", "dx")
    tabs = st.tabs([tr(lang, f"back.tab_{n}") for n in names])
    torch_side = (
        {}
        if checks is None
        else {
            "dy": checks.grads.dy,
            "dw": checks.grads.dw,
            "db": checks.grads.db,
            "dx": checks.grads.dx,
        }
    )
    dy_scale = np.abs(g.dy)  # dL/dy is one number a cell: its own size is its yardstick
    scale = (
        {}
        if checks is None
        else {"dy": dy_scale, "dw": checks.magnitude.dw, "db": checks.magnitude.db, "dx": checks.magnitude.dx}
    )
    ours = {"dy": g.dy, "dw": g.dw, "db": g.db, "dx": g.dx}
    for tab, name in zip(tabs, names, strict=True):
        with tab:
            st.markdown(tr(lang, f"back.explain_{name}_{v.loss}" if name == "dy" else f"back.explain_{name}"))
            _pair(name, ours[name], torch_side.get(name), scale.get(name), dtype, lang)


def _terms_table(gsum: view_backward.GradientSum, lang: str) -> str:
    kind = gsum.kind
    rows: list[tuple[object, ...]]
    if kind == "dw":
        header = [
            "n",
            "t",
            tr(lang, "back.col_slot"),
            tr(lang, "back.col_reads"),
            "dL/dy[n,o,t]",
            "x_pad",
            tr(lang, "back.col_product"),
            tr(lang, "back.col_running"),
        ]
        rows = [
            (n, t, s, "∅" if src < 0 else f"x[{n},·,{src}]", gy, f, gy * f, run)
            for n, t, s, src, gy, f, run in zip(
                gsum.n.tolist(),
                gsum.t.tolist(),
                gsum.slot.tolist(),
                gsum.source.tolist(),
                gsum.grad.tolist(),
                gsum.factor.tolist(),
                gsum.partial_sums.tolist(),
                strict=True,
            )
        ]
    else:
        folded = gsum.folded.tolist()
        header = [
            "o",
            "t",
            "k",
            tr(lang, "back.col_slot"),
            tr(lang, "back.col_via"),
            "dL/dy[n,o,t]",
            "w[o,c,k]",
            tr(lang, "back.col_product"),
            tr(lang, "back.col_running"),
        ]
        rows = [
            (o, t, k, s, tr(lang, "back.via_pad") if fold else tr(lang, "back.via_own"), gy, f, gy * f, run)
            for o, t, k, s, fold, gy, f, run in zip(
                gsum.o.tolist(),
                gsum.t.tolist(),
                gsum.k.tolist(),
                gsum.slot.tolist(),
                folded,
                gsum.grad.tolist(),
                gsum.factor.tolist(),
                gsum.partial_sums.tolist(),
                strict=True,
            )
        ]
    hidden = len(rows) - MAX_SUM_ROWS
    more = tr(lang, "play.more_terms", hidden=f"{hidden:,}", count=f"{len(rows):,}") if hidden > 0 else None
    return markdown_table(header, rows, max_rows=MAX_SUM_ROWS, more=more)


def _sum_line(gsum: view_backward.GradientSum, name: str) -> str:
    """``dL/dw[o,c,k] = (g)·(x) + … = total`` with the real numbers (head and tail of a long sum)."""
    parts = [
        f"({formatting.fmt(a)})·({formatting.fmt(b)})"
        for a, b in zip(gsum.grad.tolist(), gsum.factor.tolist(), strict=True)
    ]
    if len(parts) > formatting.MAX_EQUATION_TERMS:
        parts = [*parts[:9], f"… ({len(parts) - 10:,})", parts[-1]]
    head = f"{name}[{','.join(str(i) for i in gsum.cell)}] = "
    body = ("\n" + " " * (len(head) - 2) + "+ ").join(parts) if parts else "0"
    return f"{head}{body}\n{' ' * (len(head) - 2)}= {formatting.fmt(gsum.total)}"


def _autograd_value(checks: Autograd | None, tensor: str, cell: tuple[int, ...], lang: str) -> None:
    if checks is None:
        st.metric("torch.autograd", "—")
        return
    value = float(getattr(checks.grads, tensor)[cell])
    st.metric("torch.autograd", formatting.fmt(value))


def _weight_cell(v: BackwardView, checks: Autograd | None, lang: str) -> None:
    """Pin dL/dw[o, c, k]: Σₙ Σₜ dL/dy[n, o, t] · x_pad[n, c', t·stride + k·dilation], term by term."""
    p, shape = v.scene.params, v.scene.data.weight.shape
    st.subheader(tr(lang, "back.w_title"))
    o, c, k = cell_inputs(
        [("wcell_o", "o", shape[0] - 1), ("wcell_c", "c", shape[1] - 1), ("wcell_k", "k", shape[2] - 1)],
        tr(lang, "back.w_help", s=p.stride, d=p.dilation),
    )
    gsum = view_backward.explain_weight(v, (o, c, k))
    channel = (o // (p.out_channels // p.groups)) * (p.in_channels // p.groups) + c
    geometry = conv_geometry(p, v.scene.length)
    left, right = st.columns([3, 2])
    with left:
        numbers(_sum_line(gsum, "dL/dw"))
    with right:
        a, b = st.columns(2)
        a.metric("NumPy", formatting.fmt(float(v.grads.dw[o, c, k])))
        with b:
            _autograd_value(checks, "dw", (o, c, k), lang)
    xp = engine.pad(v.scene.data.x[:1, channel : channel + 1], geometry)[0, 0]
    st.caption(tr(lang, "back.w_fig", channel=channel))
    st.plotly_chart(
        cell_figure(gsum, xp, v.grads.dy[0, o], geometry, 0, lang),
        theme=None,
        config={"displayModeBar": False},
        key="wcell_fig",
    )
    with st.expander(tr(lang, "back.terms", count=f"{gsum.grad.size:,}")):
        st.markdown(_terms_table(gsum, lang))


def _input_cell(v: BackwardView, checks: Autograd | None, lang: str) -> None:
    """Pin dL/dx[n, c, i]: every (o, t, k) whose window read a slot holding x[i], its own and any padded copy."""
    p, scene = v.scene.params, v.scene
    st.subheader(tr(lang, "back.x_title"))
    n, c, i = cell_inputs(
        [("xcell_n", "n", scene.batch - 1), ("xcell_c", "c", p.in_channels - 1), ("xcell_i", "i", scene.length - 1)],
        tr(lang, "back.x_help"),
    )
    gsum = view_backward.explain_input(v, (n, c, i))
    geometry = conv_geometry(p, scene.length)
    left, right = st.columns([3, 2])
    with left:
        numbers(_sum_line(gsum, "dL/dx"))
    with right:
        a, b = st.columns(2)
        cell = (n, c, i) if scene.data.x.ndim == 3 else (c, i)
        a.metric("NumPy", formatting.fmt(float(v.grads.dx[cell])))
        with b:
            _autograd_value(checks, "dx", cell, lang)
    folded = sorted(set(gsum.slot[gsum.folded].tolist()))
    if folded:
        st.markdown(tr(lang, "back.folded", slots=", ".join(map(str, folded)), i=i, mode=p.padding_mode))
    elif geometry.pad_left or geometry.pad_right:
        st.caption(tr(lang, "back.not_folded", mode=p.padding_mode))
    xp = engine.pad(scene.data.x[n : n + 1, c : c + 1], geometry)[0, 0]
    per_out = p.out_channels // p.groups
    group = c // (p.in_channels // p.groups)
    dy_row = v.grads.dy[n, group * per_out : (group + 1) * per_out].sum(axis=0)
    st.caption(tr(lang, "back.x_fig"))
    st.plotly_chart(
        cell_figure(gsum, xp, dy_row, geometry, n, lang), theme=None, config={"displayModeBar": False}, key="xcell_fig"
    )
    with st.expander(tr(lang, "back.terms", count=f"{gsum.grad.size:,}")):
        st.markdown(_terms_table(gsum, lang))


def _identity(v: BackwardView, checks: Autograd | None, lang: str) -> None:
    """dL/dx = conv_transpose1d(dL/dy, w): computed both ways, compared live."""
    t, dtype = v.identity, str(v.scene.data.x.dtype)
    st.subheader(tr(lang, "back.identity_title"))
    call = (
        f"conv_transpose1d(dL/dy, w, stride={t.stride}, padding={t.padding}, output_padding={t.output_padding}, "
        f"groups={t.groups}, dilation={t.dilation})"
    )
    st.markdown(tr(lang, "back.identity_intro"))
    numbers(call)
    if not t.direct:
        st.caption(tr(lang, "back.identity_fold", mode=v.scene.params.padding_mode))
    rtol, atol = reference.TOLERANCES[dtype]
    magnitude = np.abs(v.grads.dx) if checks is None else checks.magnitude.dx
    diff, ok = view_backward.difference(t.dx, v.grads.dx, magnitude, rtol, atol)
    verdict(ok, lang, "back.identity_ok", "back.identity_bad")
    st.caption(escape(tr(lang, "back.identity_diff", diff=f"{diff:.2e}", dtype=dtype)))
    if checks is not None:
        tdiff = float(np.abs(checks.transposed - t.transposed).max(initial=0.0))
        st.caption(escape(tr(lang, "back.identity_torch", diff=f"{tdiff:.2e}")))
    left, right = st.columns(2)
    with left:
        numbers(formatting.tensor_text(t.dx, "conv_transpose1d"))
    with right:
        numbers(formatting.tensor_text(v.grads.dx, "backward_dx"))
    # the transposed page with this layer's stride, padding, dilation and groups (its own data)
    page_link("transposed", state.current(uploads=False), tr(lang, "back.to_transposed"), ":material/swap_vert:")


# ---------------------------------------------------------------- training


def _train_controls(lang: str) -> None:
    c1, c2, c3 = st.columns(3)
    with c1:
        st.number_input(
            tr(lang, "back.lr"), min_value=1e-6, max_value=MAX_LR, key="lr", format="%g", help=tr(lang, "back.lr_help")
        )
    with c2:
        number("steps", tr(lang, "back.steps"), 1, MAX_TRAIN_STEPS)
    with c3:
        st.number_input(
            tr(lang, "back.momentum"),
            min_value=0.0,
            max_value=MAX_MOMENTUM,
            step=0.1,
            key="momentum",
            format="%g",
            help=tr(lang, "back.momentum_help"),
        )


def _train(view: ViewState, lang: str) -> None:
    st.header(tr(lang, "back.train_title"))
    st.caption(tr(lang, "back.train_caption"))
    _train_controls(lang)
    spec = view_backward.train_spec(state.current(uploads=False))
    try:
        t = _training(spec)
    except ConvVizError as err:
        show_error(err, lang)
        return
    run = t.run
    st.markdown(
        tr(
            lang,
            "back.critical",
            lam=f"{run.curvature:.4g}",
            lr=f"{t.lr:g}",
            m=f"{t.momentum:g}",
            critical=f"{run.critical_lr:.4g}",
        )
    )
    if run.diverged_at is not None:
        st.error(
            tr(
                lang,
                "back.diverged",
                step=run.diverged_at,
                lr=f"{t.lr:g}",
                critical=f"{run.critical_lr:.4g}",
                factor=f"{abs(1 - t.lr * run.curvature):.3g}",
            ),
            icon=":material/trending_up:",
        )
    elif spec.target in TARGET_SIGNALS:
        st.info(tr(lang, "back.signal_target"))
    pinned = state.current(uploads=False).wcell  # the kernel drawn is the pinned weight cell's row w[o, c, :]
    o, c = min(pinned[0], run.weights.shape[1] - 1), min(pinned[1], run.weights.shape[2] - 1)
    st.plotly_chart(
        training_figure(run, t.target_weight, o, c, lang), theme=None, config=ANIMATION_CONFIG, key="train_fig"
    )
    try:
        theirs = _torch_training(spec)
    except ConvVizError as err:
        show_error(err, lang)
        theirs = None
    _agreement(t, theirs, lang)


def _agreement(t: TrainingView, theirs: reference.TorchTraining | None, lang: str) -> None:
    """Per step: NumPy's loss and kernel beside torch.optim.SGD's, and the largest difference over the run."""
    run, dtype = t.run, str(t.scene.data.x.dtype)
    if theirs is None:
        st.info(tr(lang, "play.no_torch"))
        return
    tol = 1e-10 if dtype == "float64" else 2e-5
    scale = np.maximum(1.0, np.abs(theirs.losses))
    loss_diff = np.abs(run.losses - theirs.losses) / scale
    axes = tuple(range(1, run.weights.ndim))
    scale_w = np.maximum(1.0, np.abs(theirs.weights).max(axis=axes))
    w_diff = np.abs(run.weights - theirs.weights).max(axis=axes) / scale_w
    ok = bool(np.all(loss_diff <= tol) and np.all(w_diff <= tol))
    verdict(ok, lang, "back.sgd_ok", "back.sgd_bad")
    st.caption(
        escape(
            tr(
                lang,
                "back.sgd_diff",
                loss=f"{loss_diff.max(initial=0):.2e}",
                weight=f"{w_diff.max(initial=0):.2e}",
                dtype=dtype,
                tol=f"{tol:g}",
            )
        )
    )
    steps = len(run.losses)
    shown = list(range(min(steps, MAX_STEP_ROWS - 2))) + [s for s in (steps - 2, steps - 1) if s >= MAX_STEP_ROWS - 2]
    header = [tr(lang, "back.col_step"), "loss (NumPy)", "loss (torch)", tr(lang, "back.col_wdiff")]
    rows = [
        (s, formatting.fmt(float(run.losses[s]), 6), formatting.fmt(float(theirs.losses[s]), 6), f"{w_diff[s + 1]:.1e}")
        for s in shown
    ]
    with st.expander(tr(lang, "back.steps_table", count=steps)):
        st.markdown(markdown_table(header, rows))

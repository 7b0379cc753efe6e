"""The groups page (url path ``/groups``): from groups=1 to depthwise, and depthwise-separable vs full."""

from __future__ import annotations

from dataclasses import replace

import streamlit as st

from conv_viz import reference
from conv_viz.core import limits
from conv_viz.core.params import Conv1dParams, common_divisors
from conv_viz.errors import ConvVizError
from conv_viz.figures.wiring import small_multiples, wiring_matrix
from conv_viz.pages import controls, frame, state
from conv_viz.pages.ui import number, numbers, show_error, tr
from conv_viz.server import memo
from conv_viz.server.url_state import ViewState
from conv_viz.text import formatting
from conv_viz.text.code import groups as groups_code
from conv_viz.text.markdown_table import markdown_table
from conv_viz.views import groups
from conv_viz.views.scene import ConvSpec, typed_input

LAYERS = ("depthwise", "pointwise", "full", "grouped")


# Four layers' x, y (≤ 10⁶ float64 each) and weights: ≤ ~70 MB per entry.
@memo.shared
def _scene(spec: groups.GroupsSpec) -> groups.GroupsScene:
    return groups.build_groups(spec)


# torch's output of each layer: ≤ 4 × 8 MB per entry; the default view: 1 KB.
@memo.shared
def _torch(spec: groups.GroupsSpec) -> dict[str, reference.TorchResult] | None:
    """nn.Conv1d on each layer's own input and weights, compared with the engine's output."""
    if not reference.torch_available():
        return None
    scene = _scene(spec)
    layers = {"depthwise": scene.depthwise, "pointwise": scene.pointwise, "full": scene.full, "grouped": scene.grouped}
    return {
        name: reference.run_torch(layer.x, layer.weight, layer.bias, layer.params, expected=layer.y)
        for name, layer in layers.items()
        if layer is not None
    }


def render() -> None:
    view, lang = frame.begin(  # each layer here draws its own weights: no typed weights
        "groups",
        lambda lang: controls.conv_controls(lang, typed_weights=False),
        lambda lang: controls.data_controls(lang, typed_weights=False),
    )
    try:  # channel counts come from typed x when there is one
        x = typed_input(ConvSpec.of(view))
    except ConvVizError as err:
        show_error(err, lang)
        state.publish(view)
        return
    conv = view.conv if x is None else replace(view.conv, in_channels=x.shape[1])
    batch, length = (view.batch, view.length) if x is None else (x.shape[0], x.shape[2])
    _options(conv, batch, length, lang)
    _matrix(conv, lang)
    _multiplier_input(conv, lang)
    view = state.current(uploads=False)
    state.publish(view)
    _separable(view, lang)


def _options(conv: Conv1dParams, batch: int, length: int, lang: str) -> None:
    """Every valid groups value: the diagrams, then a table of shapes, parameters and work."""
    c, o = conv.in_channels, conv.out_channels
    valid = common_divisors(c, o)
    st.header(tr(lang, "groups.every_title", c=c, o=o))
    st.markdown(tr(lang, "groups.split", c=c, o=o, valid=", ".join(str(g) for g in valid)))
    if o % c == 0:
        st.markdown(tr(lang, "groups.depthwise_yes", c=c, o=o, k=o // c))
    else:
        st.markdown(tr(lang, "groups.depthwise_no", c=c, o=o))
    if conv.groups not in valid:
        try:
            conv.check()
        except ConvVizError as err:
            show_error(err, lang)
    st.plotly_chart(small_multiples(c, o, conv.groups, lang), theme=None, config={"displayModeBar": False})
    st.caption(tr(lang, "groups.diagram_caption"))
    options = groups.groups_options(conv, batch, length)
    mark = tr(lang, "groups.current")
    header = [
        "groups",
        tr(lang, "groups.col_kind"),
        "weight.shape",
        tr(lang, "groups.col_params"),
        tr(lang, "groups.col_macs"),
        tr(lang, "groups.col_reads"),
        tr(lang, "a11y.col_in_use"),
    ]
    rows = [
        (
            opt.params.groups,
            tr(lang, f"groups.kind_{opt.kind}"),
            formatting.shape(opt.params.weight_shape),
            opt.params.param_count,
            opt.macs,
            opt.reads,
            mark if opt.params.groups == conv.groups else "",
        )
        for opt in options
    ]
    st.markdown(markdown_table(header, rows))
    st.caption(tr(lang, "groups.table_note", n=batch, length=length))


def _matrix(conv: Conv1dParams, lang: str) -> None:
    """The selected groups value cell by cell: which weight row each (output, input) pair uses."""
    if conv.groups not in common_divisors(conv.in_channels, conv.out_channels):
        return
    st.header(tr(lang, "groups.matrix_title", g=conv.groups))
    st.markdown(f"`{formatting.module_repr(conv)}`")  # the selected layer, as print(conv) shows it
    st.caption(tr(lang, "groups.matrix_caption", per=conv.in_channels // conv.groups, shape=str(conv.weight_shape)))
    fig = wiring_matrix(conv.in_channels, conv.out_channels, conv.groups, lang)
    st.plotly_chart(fig, width="content", theme=None, config={"displayModeBar": False})


def _multiplier_input(conv: Conv1dParams, lang: str) -> None:
    st.header(tr(lang, "groups.sep_title"))
    st.markdown(tr(lang, "groups.sep_intro"))
    top = max(1, limits.MAX_CHANNELS // conv.in_channels)
    c1, c2 = st.columns([1, 3])
    with c1:
        m = number("depth_multiplier", tr(lang, "groups.multiplier"), 1, top, help=tr(lang, "help.multiplier", top=top))
    with c2:
        plan = groups.separable(conv, m)
        named = (("depthwise", plan.depthwise), ("pointwise", plan.pointwise), ("full", plan.full))
        st.code(groups_code.layer_lines(named), language="python")


def _separable(view: ViewState, lang: str) -> None:
    """Parameters and multiply-adds of both, then each layer's output checked against torch."""
    key = groups.GroupsSpec.of(view)
    try:
        scene = _scene(key)
        checks = _torch(key)
    except ConvVizError as err:
        show_error(err, lang)
        return
    if view.w or view.b:
        st.info(tr(lang, "groups.typed_w"))
    plan = scene.plan
    (sep_p, full_p), (sep_m, full_m) = plan.params_count(), plan.macs(scene.batch, scene.length)
    rows = [("depthwise", scene.depthwise), ("pointwise", scene.pointwise), ("full", scene.full)]
    header = [
        tr(lang, "groups.col_layer"),
        "weight.shape",
        tr(lang, "groups.col_params"),
        tr(lang, "groups.col_macs"),
        tr(lang, "groups.col_out"),
    ]
    table = [
        (
            tr(lang, f"groups.layer_{name}"),
            formatting.shape(layer.params.weight_shape),
            layer.params.param_count,
            limits.macs(layer.params, scene.batch, layer.x.shape[-1]),
            formatting.shape(layer.y.shape),
        )
        for name, layer in rows
    ]
    st.markdown(markdown_table(header, table))
    st.markdown(
        tr(
            lang,
            "groups.sep_verdict",
            sep_p=f"{sep_p:,}",
            full_p=f"{full_p:,}",
            ratio_p=f"{sep_p / full_p:.2f}",
            sep_m=f"{sep_m:,}",
            full_m=f"{full_m:,}",
            ratio_m=f"{sep_m / max(full_m, 1):.2f}",
            shape=formatting.shape(scene.pointwise.y.shape),
        )
    )
    _checks(scene, checks, lang)
    if view.input == "random" and view.weights == "random" and not view.x and scene.source == "torch":
        st.caption(tr(lang, "groups.snippet"))
        grouped = None if scene.grouped is None else scene.conv
        layers = (plan.depthwise, plan.pointwise, plan.full)
        st.code(
            groups_code.seeded_snippet(scene.spec.seed, scene.batch, scene.length, layers, grouped), language="python"
        )


def _checks(scene: groups.GroupsScene, checks: dict[str, reference.TorchResult] | None, lang: str) -> None:
    """Engine vs torch per layer, and groups=g vs g independent convolutions (engine vs engine)."""
    names = [name for name in LAYERS if name != "grouped" or scene.grouped is not None]
    dtype = str(scene.full.y.dtype)
    table: dict[str, list[str]] = {tr(lang, "groups.col_layer"): [tr(lang, f"groups.layer_{n}") for n in names]}
    if checks is None:
        st.info(tr(lang, "play.no_torch"))
    else:
        table[tr(lang, "groups.col_max_diff")] = [f"{checks[n].max_abs_diff:.2e}" for n in names]
        table["allclose"] = ["✓" if checks[n].allclose else "✗" for n in names]
    st.markdown(markdown_table(list(table), list(zip(*table.values(), strict=True))))
    grouped = scene.grouped
    if grouped is not None and grouped.params.groups > 1:
        split = groups.grouped_as_independent(grouped.x, grouped.weight, grouped.bias, grouped.params)
        diff, ok = reference.agreement(split, grouped.y, dtype)
        key = "groups.independent_ok" if ok else "groups.independent_bad"
        st.markdown(tr(lang, key, g=grouped.params.groups, diff=f"{diff:.2e}"))
    with st.expander(tr(lang, "groups.outputs")):
        numbers(formatting.tensor_text(scene.pointwise.y, "y_separable"))
        numbers(formatting.tensor_text(scene.full.y, "y_full"))
        if grouped is not None:
            numbers(formatting.tensor_text(grouped.y, f"y_groups{grouped.params.groups}"))

"""The receptive-field page (url path ``/receptive-field``): a stack of layers, its shapes, its break, its receptive field."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

import numpy as np
import streamlit as st

from conv_viz import reference
from conv_viz.core import limits
from conv_viz.errors import ConvVizError
from conv_viz.figures.stack import input_figure, tower_figure, tower_rows, tower_window
from conv_viz.pages import frame, links, state
from conv_viz.pages.ui import number, show_error, tr
from conv_viz.server import memo
from conv_viz.stack.grammar import parse_stack
from conv_viz.stack.layers import Layer, MaxPool2d, Placed, Pool1d
from conv_viz.stack.presets import EXAMPLE, PRESETS
from conv_viz.stack.receptive import Dependencies, dependencies
from conv_viz.stack.shapes import Run, fitting_lengths, spell_ranges
from conv_viz.stack.trace import Trace, check_work, trace
from conv_viz.text import formatting
from conv_viz.text.code.stack import stack_code, torch_call
from conv_viz.text.markdown_table import markdown_table

BOX = "stack_text"  # the text area; ``stack`` (the URL's) stays None while the box shows the example
TOWER_KEY = "rf_tower"


# ≤ 24 layers parsed from ≤ 2,000 characters: a few KB per entry.
@memo.shared
def _parse(text: str) -> tuple[Placed, ...]:
    return parse_stack(text)


# Shapes of every length 1 … 48,000 at every layer: 24 layers × 48,000 lengths × a few int64 dimensions.
@memo.shared
def _fits(text: str, in_channels: int) -> tuple[np.ndarray, Run]:
    """Every input length through the stack at once: it does not change with the length the user picks."""
    return fitting_lengths(tuple(p.layer for p in _parse(text)), in_channels)


# One length through ≤ 24 layers: under 0.5 MB per entry.
@memo.shared
def _trace(text: str, in_channels: int, length: int) -> Trace:
    return trace(_parse(text), in_channels, length, _fits(text, in_channels))


# One boolean mask per layer, each ≤ 64·48,000 (3 MB): ≤ 75 MB per entry
# (the masks shrink with the channels a real stack has).
@memo.shared
def _dependencies(text: str, in_channels: int, length: int, layer: int, cell: tuple[int, int]) -> Dependencies:
    return dependencies(_trace(text, in_channels, length), layer, cell)


# Shapes and two input masks (≤ 3 MB each): ≤ 6 MB per entry.
@memo.shared
def _torch(
    text: str, in_channels: int, length: int, seed: int, chosen: tuple[int, tuple[int, int]] | None
) -> reference.StackRun:
    layers = tuple(p.layer for p in _parse(text))
    return reference.run_torch_stack(layers, in_channels, length, seed, chosen)


def _sync_box() -> None:
    """Show the URL's stack in the box when it changed (a new link, a preset); the example when there is none."""
    ss = st.session_state
    if BOX not in ss or ss.get("_stack_shown") != ss.get("stack"):
        ss[BOX] = ss.get("stack") or EXAMPLE.stack
        ss["_stack_shown"] = ss.get("stack")


def _on_box() -> None:
    ss = st.session_state
    text = ss[BOX]
    if not text.strip():
        ss[BOX] = text = EXAMPLE.stack  # an emptied box brings the example back
    ss["stack"] = None if text == EXAMPLE.stack else text
    ss["_stack_shown"] = ss["stack"]


def _apply_preset(name: str) -> None:
    preset = PRESETS[name]
    ss = st.session_state
    ss["stack"] = None if preset is EXAMPLE else preset.stack
    ss.update(in_channels=preset.in_channels, length=preset.length, layer=None, cell_n=0)
    ss["cell_o"], ss["cell_t"] = preset.cell


def _on_tower() -> None:
    """A click on a cell of the tower chooses that layer and position."""
    ss = st.session_state
    event: Any = ss.get(TOWER_KEY)
    for point in (event or {}).get("selection", {}).get("points", []):
        custom = point.get("customdata")
        if isinstance(custom, list) and len(custom) == 2 and custom[0] >= 1 and custom[1] >= 0:
            ss["layer"], ss["cell_t"] = int(custom[0]), int(custom[1])


def _sidebar(lang: str) -> None:
    with st.sidebar:
        st.subheader(tr(lang, "rf.stack"))
        for name in PRESETS:
            st.button(tr(lang, f"rf.preset_{name}"), on_click=_apply_preset, args=(name,), width="stretch")
        _sync_box()
        st.text_area(tr(lang, "rf.box"), key=BOX, on_change=_on_box, height=150, help=tr(lang, "rf.box_help"))
        links.note(state.current(uploads=False), lang, key="stack")  # a refused stack: what the link keeps
        with st.expander(tr(lang, "rf.grammar")):
            st.markdown(tr(lang, "rf.grammar_text"))
        st.subheader(tr(lang, "rf.input"))
        c1, c2 = st.columns(2)
        with c1:
            number("in_channels", "in_channels", 1, limits.MAX_CHANNELS)
        with c2:
            number("length", "length (L)", 1, limits.MAX_LENGTH)
        number("seed", "seed", 0, limits.MAX_SEED, help=tr(lang, "rf.seed_help"))


def render() -> None:
    view, lang = frame.begin("rf", _sidebar)
    text = view.stack or EXAMPLE.stack
    channels, length = view.conv.in_channels, view.length
    try:
        t = _trace(text, channels, length)
    except ConvVizError as err:
        show_error(err, lang)
        _caret(text, err)
        state.publish(view)
        return
    layer = _choose_layer(t, lang)
    cell = _pick_cell(t, layer, lang) if layer else None
    view = state.current(uploads=False)  # now with the layer and cell widgets clamped to this stack
    state.publish(replace(view, layer=None if layer == _default_layer(t) else layer))
    try:
        check_work(t)
    except ConvVizError as err:
        _table(t, None, lang)
        _verdict(t, None, lang)
        st.markdown(tr(lang, "rf.numeric_skipped"))
        show_error(err, lang)
        return
    chosen = (layer, cell) if layer is not None and cell is not None else None
    run = _torch(text, channels, length, view.seed, chosen) if reference.torch_available() else None
    _table(t, run, lang)
    _verdict(t, run, lang)
    if chosen:
        _receptive(t, text, *chosen, run, lang)
    with st.expander(tr(lang, "rf.code")):
        st.caption(tr(lang, "rf.code_caption"))
        st.code(stack_code(tuple(p.layer for p in t.placed), channels, length, view.seed), language="python")


def _caret(text: str, err: ConvVizError) -> None:
    """The stack text around the error's position with a ^ under it (code blocks show user text literally)."""
    pos = err.fields.get("pos")
    if not isinstance(pos, int):
        return
    flat = text.replace("\n", "⏎")
    start = max(0, pos - 40)
    st.code(flat[start : start + 80] + "\n" + " " * (pos - 1 - start) + "^", language=None)


def _default_layer(t: Trace) -> int | None:
    """The deepest layer that still has a length axis (else the last that ran); None when nothing ran."""
    positional = [s.number for s in t.steps if s.positional]
    return positional[-1] if positional else (t.steps[-1].number if t.steps else None)


def _choose_layer(t: Trace, lang: str) -> int | None:
    """The selectbox of layers that ran; a link's layer past the break (or none) falls back to the default."""
    default = _default_layer(t)
    if default is None:
        return None
    ss = st.session_state
    options = [s.number for s in t.steps]
    if ss.get("layer") not in options:
        ss["layer"] = default
    labels = {s.number: f"{s.number} · {s.placed.source[:40]} → {formatting.shape(s.out_shape)}" for s in t.steps}
    with st.sidebar:
        st.subheader(tr(lang, "rf.choose"))
        choice = st.selectbox(tr(lang, "rf.layer"), options, key="layer", format_func=labels.__getitem__)
    return int(choice)


def _pick_cell(t: Trace, layer: int, lang: str) -> tuple[int, int]:
    shape = t.steps[layer - 1].out_shape
    with st.sidebar:
        c1, c2 = st.columns(2)
        with c1:
            o = number("cell_o", tr(lang, "rf.cell_o"), 0, shape[-2] - 1)
        with c2:
            p = number("cell_t", tr(lang, "rf.cell_t"), 0, shape[-1] - 1)
    return o, p


def _rf_text(step_rf: int | None, rf_all: bool, lang: str) -> str:
    if rf_all:
        return tr(lang, "rf.all")
    return "—" if step_rf is None else str(step_rf)


def _table(t: Trace, run: reference.StackRun | None, lang: str) -> None:
    """Layer by layer: the layer, torch's spelling, the output shape (and torch's), parameters, receptive field, jump."""
    rows = [(0, "x", f"torch.randn{t.in_shape}", formatting.shape(t.in_shape), "", "", "1", "1")]
    for i, placed in enumerate(t.placed):
        layer = placed.layer
        if i < len(t.steps):
            s = t.steps[i]
            shape, rf, jump = formatting.shape(s.out_shape), _rf_text(s.rf, s.rf_all, lang), s.jump
        else:
            shape, rf, jump = tr(lang, "rf.breaks" if i == t.broken else "rf.not_reached"), "", None
        jump_text = "—" if jump is None and rf else ("" if jump is None else str(jump))
        rows.append(
            (
                i + 1,
                placed.source,
                torch_call(layer),
                shape,
                _torch_shape(run, i),
                f"{layer.param_count:,}",
                rf,
                jump_text,
            )
        )
    names = [
        "#",
        tr(lang, "rf.col_layer"),
        "torch",
        tr(lang, "rf.col_shape"),
        tr(lang, "rf.col_torch_shape"),
        tr(lang, "rf.col_params"),
        tr(lang, "rf.col_rf"),
        tr(lang, "rf.col_jump"),
    ]
    keep = [i for i in range(len(names)) if i != 4 or run is not None]  # no torch: no column of its shapes
    st.markdown(markdown_table([names[i] for i in keep], [[row[i] for i in keep] for row in rows]))
    total = sum(p.layer.param_count for p in t.placed)
    st.caption(tr(lang, "rf.table_caption", params=f"{total:,}", macs=f"{t.macs:,}"))
    if not reference.torch_available():
        st.info(tr(lang, "play.no_torch"))


def _torch_shape(run: reference.StackRun | None, i: int) -> str:
    if run is None:
        return ""
    if i < len(run.shapes):
        return formatting.shape(run.shapes[i])
    return "✗" if i == run.failed_at else ""


def _verdict(t: Trace, run: reference.StackRun | None, lang: str) -> None:
    """Where it breaks (torch's words), why, and which input lengths would make it run; or that it runs."""
    top = f"{limits.MAX_LENGTH:,}"
    if t.error is None:
        st.success(tr(lang, "rf.runs", shape=formatting.shape(t.out_shape), lengths=spell_ranges(t.fits)))
    else:
        assert t.broken is not None
        number = t.broken + 1
        st.header(tr(lang, "rf.break_title", layer=number))
        show_error(t.error, lang)
        for note in t.notes:
            st.info(note.message(lang))
        if t.fits.size:
            st.markdown(tr(lang, "rf.fits", lengths=spell_ranges(t.fits)))
        elif t.stuck:
            st.markdown(tr(lang, "rf.fits_stuck", max=top, layer=number))
        else:
            st.markdown(tr(lang, "rf.fits_none", max=top, layer=number))
    if run is not None and run.error is not None:
        same = run.failed_at == t.broken
        st.markdown(tr(lang, "rf.torch_says", layer=(run.failed_at or 0) + 1, same="✓" if same else "✗"))
        st.code(run.error, language=None)
    elif run is not None:
        same = t.error is None and [s.out_shape for s in t.steps] == list(run.shapes)
        st.markdown(tr(lang, "rf.torch_runs", same="✓" if same else "✗"))


def _receptive(
    t: Trace, text: str, layer: int, cell: tuple[int, int], run: reference.StackRun | None, lang: str
) -> None:
    step = t.steps[layer - 1]
    channels, length = t.in_shape[1], t.in_shape[2]
    deps = _dependencies(text, channels, length, layer, cell)
    reach = deps.reach()
    st.header(tr(lang, "rf.rf_title", layer=layer, o=cell[0], t=cell[1]))
    st.markdown(
        tr(
            lang,
            "rf.depends",
            cells=f"{reach.cells:,}",
            channels=reach.channels,
            total=channels,
            span="—" if reach.span is None else f"{reach.span[0]}–{reach.span[1]}",
            width=0 if reach.span is None else reach.span[1] - reach.span[0] + 1,
            rf=_rf_text(step.rf, step.rf_all, lang),
            jump="—" if step.jump is None else step.jump,
        )
    )
    rows = tower_rows(t, layer)
    window = tower_window(rows, reach.centre)
    if window != tower_window(rows, reach.centre, width=2**62):
        st.info(tr(lang, "rf.window", lo=int(np.ceil(window[0])), hi=int(window[1]), length=length))
    st.plotly_chart(
        tower_figure(t, deps, rows, window, lang),
        key=TOWER_KEY,
        on_select=_on_tower,
        selection_mode="points",
        theme=None,
        config={"displayModeBar": False, "scrollZoom": False},
    )
    st.caption(tr(lang, "rf.tower_caption"))
    gradient = run.gradient[0] if run is not None and run.gradient is not None else None
    st.plotly_chart(
        input_figure(deps.input[0], gradient, window, lang),
        key="rf_input",
        theme=None,
        config={"displayModeBar": False},
    )
    if run is not None and run.gradient is not None and run.max_gradient is not None:
        same = deps.agrees_with(run.gradient)
        st.markdown(tr(lang, "rf.autograd", count=f"{int(run.gradient.sum()):,}", same="✓" if same else "✗"))
        if _has_max(tuple(p.layer for p in t.placed[:layer])):
            subset = deps.covers(run.max_gradient)
            st.markdown(
                tr(lang, "rf.autograd_max", count=f"{int(run.max_gradient.sum()):,}", ok="✓" if subset else "✗")
            )


def _has_max(layers: tuple[Layer, ...]) -> bool:
    return any(isinstance(x, MaxPool2d) or (isinstance(x, Pool1d) and x.kind == "max") for x in layers)

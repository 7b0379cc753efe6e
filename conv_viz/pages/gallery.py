"""The tutorial gallery (url path ``/gallery``): each classic example replayed now, checked, and one click from the app.

Examples are computed lazily: an expander tracks whether it is open and a closed
one computes nothing; an open one is cached per example id for every session.
"""

from __future__ import annotations

from dataclasses import replace

import numpy as np
import streamlit as st

from conv_viz import reference
from conv_viz.pages import controls, state
from conv_viz.pages.links import page_link
from conv_viz.pages.ui import numbers, show_error, show_warnings, tr
from conv_viz.server import memo
from conv_viz.server.url_state import DEFAULT
from conv_viz.stack.layers import Conv
from conv_viz.text import formatting
from conv_viz.text.markdown_table import markdown_table
from conv_viz.views import backward as view_backward
from conv_viz.views import gallery
from conv_viz.views.replay import Fact, Replay

# a shape as well as a colour, so they read without colour vision; Material icons ship with Streamlit (emoji may not)
MARKS = {
    True: ":green[:material/check_circle:]",
    False: ":red[:material/cancel:]",
    None: ":gray[:material/arrow_right:]",
}
LINKS = {
    "playground": ("gallery.open_playground", ":material/play_circle:"),
    "transposed": ("gallery.open_transposed", ":material/swap_vert:"),
    "receptive-field": ("gallery.open_receptive", ":material/stacks:"),
}


# 14 examples × with/without torch; the largest replay holds 1.5 KB of arrays: under 50 KB in all.
@memo.shared
def _replay(example_id: int, torch_on: bool) -> Replay:
    """One example's replay, shared by every session (``torch_on`` keys it: a replay without torch differs)."""
    return gallery.compute(example_id)


def render() -> None:
    warnings = state.sync_from_url()
    lang = state.lang()
    controls.language_switch()
    state.publish(replace(DEFAULT, lang=state.current().lang))  # the page has no other state: a link shows it all
    st.title(tr(lang, "gallery.title"))
    st.caption(tr(lang, "gallery.caption"))
    show_warnings(warnings, lang)
    torch_on = reference.torch_available()
    if not torch_on:
        st.info(tr(lang, "gallery.no_torch"))
    for ex in gallery.EXAMPLES:
        box = st.expander(
            f"#{ex.id} · {tr(lang, f'gallery.ex{ex.id}.title')}",
            expanded=ex.id == 1,
            key=f"gallery_{ex.id}",
            on_change="rerun",
        )
        with box:
            if box.open:  # a closed example computes nothing
                _example(ex, _replay(ex.id, torch_on), lang)


def _fact(fact: Fact, lang: str) -> None:
    st.markdown(f"{MARKS[fact.ok]} {tr(lang, fact.key, **fact.fields)}")


def _example(ex: gallery.Example, r: Replay, lang: str) -> None:
    st.markdown(tr(lang, f"gallery.ex{ex.id}.note"))
    st.markdown(tr(lang, "gallery.code"))
    st.code(ex.code, language="python")  # full width: tutorial lines stay whole
    st.markdown(tr(lang, "gallery.shapes") + " " + " · ".join(f"`{name} {shape}`" for name, shape in r.shapes))
    st.markdown(tr(lang, "gallery.checks"))
    for fact in r.facts:
        _fact(fact, lang)
    if r.trace:
        _trace(r, lang)
    if r.engine_error is not None:
        st.markdown(tr(lang, "gallery.engine_error"))
        show_error(r.engine_error, lang)
    if r.torch_error is not None:
        st.markdown(tr(lang, "gallery.torch_error"))
        st.code(r.torch_error, language=None, wrap_lines=True)
    if r.formulas:
        st.markdown(tr(lang, "gallery.formula"))
        for formula in r.formulas:
            st.latex(formula)
    _numbers(r, lang)
    _link(ex, lang)


def _trace(r: Replay, lang: str) -> None:
    """The model's layers: output shape as written and with 1-D pooling."""
    st.markdown(tr(lang, "gallery.trace"))
    header = [tr(lang, "gallery.trace_layer"), tr(lang, "gallery.trace_written"), tr(lang, "gallery.trace_fixed")]
    st.markdown(markdown_table(header, r.trace))


def _numbers(r: Replay, lang: str) -> None:
    """Inputs, then the engine's and torch's outputs, printed as torch prints them (full width: rows stay whole)."""
    if r.tensors:
        st.markdown(tr(lang, "gallery.numbers"))
        numbers("\n".join(_assigned(name, a) for name, a in r.tensors))
    if r.explained is not None:
        st.markdown(tr(lang, "gallery.sum"))
        numbers(formatting.equation(r.explained, lang))
    if r.snippet:
        st.markdown(tr(lang, "gallery.snippet"))
        st.code(r.snippet, language="python")


def _assigned(name: str, a: np.ndarray) -> str:
    """``name = tensor([...])``: the whole head is the prefix, so wrapped rows align under the first bracket."""
    return formatting.tensor_text(a, f"{name} = tensor")


def _link(ex: gallery.Example, lang: str) -> None:
    target = gallery.link(ex)
    key, icon = LINKS[target.page]
    if ex.kind == "conv2d":
        key = "gallery.open_axis"
    page_link(target.page, target.view, tr(lang, key), icon)
    if target.capped:
        st.caption(tr(lang, "gallery.capped", batch=str(target.view.batch), n=str(ex.input_shape[0])))
    if ex.kind == "channel_error":
        st.caption(tr(lang, "gallery.link_error"))
    if ex.kind == "model":  # the tutorial trains this network: its first layer's gradients and a training run
        first = next(step.layer.params for step in ex.layers if isinstance(step.layer, Conv))
        view = view_backward.training_view(first, gallery.model_fit(ex)[0], ex.seed)
        page_link("backward", view, tr(lang, "gallery.open_backward"), ":material/trending_down:")

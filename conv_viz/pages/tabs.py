"""The playground's lower half: tensors, shapes and formulas, code, correlation vs convolution, layout."""

from __future__ import annotations

from collections.abc import Callable

import plotly.graph_objects as go
import streamlit as st

from conv_viz import reference
from conv_viz.errors import ConvVizError
from conv_viz.figures import export
from conv_viz.pages import links, state
from conv_viz.pages.listen import render_listen
from conv_viz.pages.pin import Pin
from conv_viz.pages.tensors import tensors_panel
from conv_viz.pages.ui import show_error, tr
from conv_viz.server.url_state import readable
from conv_viz.text import formatting, formulas
from conv_viz.text.code import conv as conv_code
from conv_viz.text.markdown_table import markdown_table
from conv_viz.views import lessons
from conv_viz.views.scene import Scene

TAB_KEY = "playground_tab"
TABS = ("tensors", "shapes", "code", "correlation", "layout", "listen", "export")
# The panels that draw something of the pinned cell: its window, its batch item's sound, the animation for it.
PINNED = frozenset({"correlation", "listen", "export"})


def open_tab(lang: str) -> str:
    """The open tab's name (the widget keeps its label, in the page's language); the first one on a first visit."""
    label = st.session_state.get(TAB_KEY)
    return next((name for name in TABS if tr(lang, f"tab.{name}") == label), TABS[0])


def follows_pin(lang: str) -> bool:
    """Whether the open panel changes with the pinned cell, so moving the pin must rerun the page, not the fragment."""
    return open_tab(lang) in PINNED


def render_tabs(scene: Scene, result: reference.TorchResult | None, lang: str, pinned: tuple[Pin, go.Figure]) -> None:
    """The tabs, and the open one's panel; ``pinned``: the pin and its animation, which three panels draw.

    Drawn by the page after the pin's fragment, so moving the pin does not send the tabs and the open panel again
    (a dozen of a pin's elements and blocks, each one the browser renders again; tests/perf/latency.py times a
    pin) unless the open panel draws the pin (``follows_pin``): then the fragment reruns the page.
    """
    pin, fig = pinned
    panels: dict[str, Callable[[], None]] = {
        "tensors": lambda: _tensors(scene, result, lang),
        "shapes": lambda: _shapes(scene, lang),
        "code": lambda: _code(scene, lang),
        "correlation": lambda: _correlation(pin),
        "layout": lambda: _layout(scene, result, lang),
        "listen": lambda: render_listen(scene, pin.n, lang),
        "export": lambda: _export(scene, result, lang, fig),
    }
    # Keyed, so the open tab survives a rerun that adds elements above it (a Listen demo making x long).
    # Only the open tab runs: hidden panels cost every rerun server time, bytes and the browser's layout
    # work, and would make a first visit load the code highlighter and audio it does not show.
    tabs = st.tabs([tr(lang, f"tab.{name}") for name in TABS], key=TAB_KEY, on_change="rerun")
    for tab, name in zip(tabs, TABS, strict=True):
        if tab.open:
            with tab:
                panels[name]()


def _tensors(scene: Scene, result: reference.TorchResult | None, lang: str) -> None:
    """Input, weight, bias and both outputs, printed the way torch prints them."""
    tensors_panel(scene.data, scene.y, result, lang)


def _shapes(scene: Scene, lang: str) -> None:
    """L_out with the user's numbers, every shape, the parameter count, the init bound."""
    p, length = scene.params, scene.length
    st.latex(formulas.length_formula(p, length))
    left, right = p.pads()
    columns = {
        tr(lang, "shapes.what"): [
            "x",
            "weight",
            "bias",
            "y",
            tr(lang, "shapes.params"),
            tr(lang, "shapes.receptive"),
            tr(lang, "shapes.init"),
            tr(lang, "shapes.flatten"),
            tr(lang, "shapes.pads"),
        ],
        tr(lang, "shapes.value"): [
            formatting.shape(scene.data.x.shape),
            formatting.shape(p.weight_shape),
            formatting.shape(p.bias_shape),
            formatting.shape(scene.y.shape),
            f"{p.param_count:,}",
            f"{p.span}",
            f"±{p.init_bound:.4f}",
            f"{p.out_channels * scene.geometry.out_length:,}",
            f"{left} + {right}",
        ],
        tr(lang, "shapes.why"): [
            "(N, C_in, L_in)",
            "(out_channels, in_channels / groups, kernel_size)",
            "(out_channels,)",
            "(N, C_out, L_out)",
            tr(lang, "shapes.params_why"),
            "dilation·(kernel_size − 1) + 1",
            "√k, k = groups / (in_channels · kernel_size)",
            tr(lang, "shapes.flatten_why"),
            tr(lang, "shapes.pads_why"),
        ],
    }
    st.markdown(markdown_table(list(columns), list(zip(*columns.values(), strict=True))))


def _code(scene: Scene, lang: str) -> None:
    st.caption(tr(lang, "code.caption"))
    try:
        snippet = conv_code.pytorch_snippet(scene.params, scene.batch, scene.length, scene.data)
    except ConvVizError as err:
        show_error(err, lang)
        return
    st.code(snippet, language="python")
    st.caption(tr(lang, "code.cudnn"))


def _correlation(pin: Pin) -> None:
    """Conv1d is cross-correlation: ``np.correlate`` matches it, ``np.convolve`` flips the kernel."""
    lang = pin.lang
    st.markdown(tr(lang, "corr.intro"))
    c = lessons.correlation(pin.scene, pin.n, pin.o)
    if c is None:
        st.info(tr(lang, "corr.too_short"))
        return
    st.code(
        f"x = x[{c.n}, {c.c}]  ;  w = weight[{c.o}, 0]\n"
        + formatting.tensor_text(c.conv1d, "conv1d(x, w)")
        + "\n"
        + formatting.tensor_text(c.correlate, "np.correlate(x, w, 'valid')")
        + "\n"
        + formatting.tensor_text(c.convolve, "np.convolve(x, w, 'valid')")
        + "\n"
        + formatting.tensor_text(c.convolve_flipped, "np.convolve(x, w[::-1], 'valid')"),
        language=None,
    )
    yes, no = f"✅ {tr(lang, 'corr.yes')}", f"❌ {tr(lang, 'corr.no')}"  # a word too: not every screen has emoji
    st.markdown(tr(lang, "corr.verdict", same=yes if c.same else no, flipped=yes if c.flipped else no))


def _layout(scene: Scene, result: reference.TorchResult | None, lang: str) -> None:
    """Data held as (N, L, C): the error torch raises on it and the permute that fixes it."""
    d = scene.data
    wrong = lessons.wrong_layout(scene, with_torch=result is not None)
    st.markdown(tr(lang, "layout.intro", shape=formatting.shape(wrong.shape), right=formatting.shape(d.x.shape)))
    st.code(
        f"x_nlc.shape          # {formatting.shape(wrong.shape)}  (N, L, C)\n"
        f"conv(x_nlc)          # ✗\nconv(x_nlc.permute(0, 2, 1))   # ✓ {formatting.shape(d.x.shape)} → "
        f"{formatting.shape(scene.y.shape)}",
        language="python",
    )
    if wrong.engine_error is not None:
        st.markdown(tr(lang, "layout.engine_error"))
        show_error(wrong.engine_error, lang)
    else:
        st.warning(tr(lang, "layout.silent", c=wrong.shape[1]))
    if wrong.torch_error is not None:
        st.markdown(tr(lang, "layout.torch_error"))
        st.code(wrong.torch_error, language=None)


def _share_url() -> str:
    """This page's full address with the view's query string, URL-encoded: what a copied link opens.

    Encoded by ``url_state.readable`` (a typed ``+2`` or ``1e+3`` stays a plus; written by hand it came back as a space).
    """
    base = state.origin()
    query = readable(state.link_query(state.current()))  # what publish wrote: same view, same accepted texts
    return f"{base}?{query}" if query else base


def _export(scene: Scene, result: reference.TorchResult | None, lang: str, animation: go.Figure) -> None:
    """Downloads built only when clicked (a standalone animation embeds 4 MB of plotly.js)."""
    st.caption(tr(lang, "export.link"))
    st.code(_share_url(), language=None)
    links.note(state.current(), lang, key="export")  # typed data the link names instead of carrying
    torch_y = None if result is None else result.output
    c1, c2 = st.columns(2)
    with c1:
        st.download_button(
            tr(lang, "export.html"),
            data=lambda: export.animation_html(animation),
            file_name="conv1d-animation.html",
            mime="text/html",
            on_click="ignore",
            icon=":material/movie:",
        )
        st.download_button(
            tr(lang, "export.tensors"),
            data=lambda: export.tensors_zip(scene, torch_y),
            file_name="conv1d-tensors.zip",
            mime="application/zip",
            on_click="ignore",
            icon=":material/table:",
        )
    with c2:
        for label, build, name in (
            (
                "export.torch_code",
                lambda: conv_code.pytorch_snippet(scene.params, scene.batch, scene.length, scene.data),
                "conv1d_torch.py",
            ),
            ("export.numpy_code", lambda: conv_code.numpy_snippet(scene.params, scene.data), "conv1d_numpy.py"),
        ):
            try:
                code = build()  # cheap, and a too-large snippet must say so before the click
            except ConvVizError as err:
                show_error(err, lang)
                continue
            st.download_button(
                tr(lang, label),
                data=code,
                file_name=name,
                mime="text/x-python",
                on_click="ignore",
                icon=":material/code:",
            )

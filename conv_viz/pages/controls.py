"""The sidebar: every argument ``nn.Conv1d`` takes, and where the data comes from.

Widget bounds are the app's limits; combinations torch rejects stay reachable
on purpose, so the page can name the rule and the fix.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import streamlit as st

from conv_viz import data
from conv_viz.core import limits
from conv_viz.core.params import PADDING_MODES, common_divisors
from conv_viz.errors import ConvVizError
from conv_viz.pages import links, state, upload_store
from conv_viz.pages.state import TYPED_EXPANDER, UPLOAD_EXPANDER
from conv_viz.pages.ui import escape, number, show_error, tr
from conv_viz.server.url_state import INPUT_PRESETS, MAX_OUTPUT_PADDING, WEIGHT_PRESETS

if TYPE_CHECKING:  # annotations only: Streamlit's own modules, not its public API
    from streamlit.delta_generator import DeltaGenerator
    from streamlit.elements.lib.mutable_expander_container import ExpanderContainer

UPLOAD_TO_URL = 4000  # uploads up to this many values travel in the link as typed x


def language_switch() -> None:
    st.sidebar.segmented_control(
        "Language / 语言",
        ["en", "zh"],
        key="lang",
        format_func=lambda v: {"en": "English", "zh": "中文"}[v],
        selection_mode="single",
        label_visibility="collapsed",
    )


def presentation_switch(lang: str) -> None:
    """Presentation mode: the sidebar hides itself, so the page also offers a way back (presentation.enter)."""
    st.sidebar.toggle(tr(lang, "ui.present"), key="present", help=tr(lang, "help.present"))


def conv_controls(lang: str, *, uploads: bool = False, typed_weights: bool = True) -> None:
    """nn.Conv1d's arguments, named as torch names them.

    ``uploads``: a kept upload, like typed x, sets in_channels. ``typed_weights``: the page uses a typed weight,
    whose shape then sets out_channels and kernel_size (the groups page builds its own layers and does not).
    """
    ss = st.session_state
    sb = st.sidebar
    sb.subheader("nn.Conv1d")
    typed_x, typed_w = _x_given(uploads), _w_given(typed_weights)
    with sb:
        with _pair():
            number(
                "in_channels",
                "in_channels",
                1,
                limits.MAX_CHANNELS,
                disabled=typed_x,
                help=tr(lang, "help.set_by_typed") if typed_x else tr(lang, "help.in_channels"),
            )
            number(
                "out_channels",
                "out_channels",
                1,
                limits.MAX_CHANNELS,
                disabled=typed_w,
                help=_set_by_w(lang) if typed_w else tr(lang, "help.out_channels"),
            )
        _kernel_stride_padding(lang, typed_w, "", causal=bool(ss.get("causal")))
        with _pair():
            st.selectbox("padding_mode", list(PADDING_MODES), key="padding_mode", help=tr(lang, "help.padding_mode"))
            number("dilation", "dilation", 1, limits.MAX_DILATION, help=tr(lang, "help.dilation"))
        _groups(lang)
        with _pair():
            st.toggle("bias", key="bias", help=tr(lang, "help.bias"), width="stretch")
            st.toggle(tr(lang, "ui.causal"), key="causal", help=tr(lang, "help.causal"), width="stretch")


def _pair() -> DeltaGenerator:
    """Two widgets side by side, equal widths: one block for the browser to draw where columns take three.

    Not wrapping: each field asks for 8rem, more than half the default sidebar, so a wrapping row would stack them.
    """
    return st.container(horizontal=True, gap="small", wrap=False)


def _lazy_expander(label: str, key: str, shown: object, *, pending: bool = False) -> ExpanderContainer:
    """An expander whose contents run only while it is open (``.open``): a closed one sends the browser nothing.

    It opens by itself when what it shows, ``shown`` (None: nothing), differs from what it showed last (a link,
    an upload or a button filled it from outside), or when a one-off message is ``pending``; closed by the user,
    it stays closed until that changes again. Its state is set before it is drawn, the only time Streamlit
    allows; ``key`` is one of ``state._KEPT_KEYS``, so a page without the sidebar does not make it forget.
    """
    ss = st.session_state
    seen = f"_{key}_shown"
    if pending or (shown is not None and shown != ss.get(seen)):
        ss[key] = True
    ss[seen] = shown
    return st.expander(label, key=key, on_change="rerun")


def _x_given(uploads: bool) -> bool:
    """x comes from typed numbers or (on a page that keeps them) a long upload: its shape sets N, C_in and L."""
    ss = st.session_state
    return bool(ss.get("x") or (uploads and ss.get("upload")))


def _w_given(typed_weights: bool) -> bool:
    """A typed weight on a page that uses it: its shape sets out_channels and kernel_size, and replaces the preset."""
    return typed_weights and bool(st.session_state.get("w"))


def _typed_w_shape() -> str:
    """The typed weight's shape as torch prints a tuple, "(8, 2, 3)"; "?" while the text does not parse."""
    try:
        return str(tuple(data.parse_weight(st.session_state.get("w") or "").shape))
    except (ConvVizError, ValueError):
        return "?"


def _set_by_w(lang: str) -> str:
    """Why a field the typed weight fixes is locked, with the weight's shape."""
    return tr(lang, "help.set_by_typed_w", shape=_typed_w_shape())


def _kernel_stride_padding(lang: str, typed_w: bool, help_prefix: str, *, causal: bool) -> None:
    """kernel_size and stride, then padding as a kind ("number", 'same', 'valid') and a cell count.

    ``help_prefix`` "t_" takes ConvTranspose1d's wording; causal padding sets the padding itself.
    """
    help_k = _set_by_w(lang) if typed_w else tr(lang, "help.kernel_size")
    with _pair():
        number("kernel_size", "kernel_size", 1, limits.MAX_KERNEL, disabled=typed_w, help=help_k)
        number("stride", "stride", 1, limits.MAX_STRIDE, help=tr(lang, f"help.{help_prefix}stride"))
    kind = st.session_state.get("padding_kind")
    with _pair():
        st.selectbox(
            "padding",
            ["number", "same", "valid"],
            key="padding_kind",
            format_func=lambda v: tr(lang, "ui.padding_number") if v == "number" else f"'{v}'",
            help=tr(lang, f"help.{help_prefix}padding"),
            disabled=causal,
        )
        number("padding", tr(lang, "ui.padding_cells"), 0, limits.MAX_PADDING, disabled=kind != "number" or causal)


def _groups(lang: str) -> None:
    """groups, its help listing the values that divide both channel counts."""
    ss = st.session_state
    valid = ", ".join(str(g) for g in common_divisors(int(ss.get("in_channels", 1)), int(ss.get("out_channels", 1))))
    number("groups", "groups", 1, limits.MAX_CHANNELS, help=tr(lang, "help.groups", valid=valid))


def data_controls(lang: str, *, uploads: bool = False, typed_weights: bool = True) -> None:
    """Shapes, seed, dtype and the sources of x and the weights.

    ``uploads``: the page reads ``upload=`` (the playground), so an upload too
    long for a link is kept on the server (``upload_store``) instead of refused.
    ``typed_weights``: the page uses typed weight and bias; where it does not, their fields say so and lock nothing.
    """
    ss = st.session_state
    typed_x, typed_w = _x_given(uploads), _w_given(typed_weights)
    with st.sidebar:
        st.subheader(tr(lang, "ui.data"))
        with _pair():
            number("batch", "batch (N)", 1, limits.MAX_BATCH, disabled=typed_x)
            number("length", "length (L_in)", 1, limits.MAX_LENGTH, disabled=typed_x)
        with _pair():
            number("seed", "seed", 0, limits.MAX_SEED, help=tr(lang, "help.seed"))
            st.selectbox("dtype", ["float64", "float32"], key="dtype")
        st.selectbox(
            "x",
            list(INPUT_PRESETS),
            key="input",
            format_func=lambda v: tr(lang, f"preset.{v}"),
            disabled=typed_x,
            help=tr(lang, "help.input"),
        )
        if typed_w:  # the preset is not used: say what is (ss["weights"] is kept for when the text is cleared)
            typed_label = tr(lang, "ui.weights_typed", shape=_typed_w_shape())
            st.selectbox("weight", [typed_label], key="weights_typed", disabled=True, help=_set_by_w(lang))
        else:
            st.selectbox(
                "weight",
                list(WEIGHT_PRESETS),
                key="weights",
                format_func=lambda v: tr(lang, f"preset.{v}"),
                help=tr(lang, "help.weights"),
            )
        _upload_box(lang, uploads)
        _typed_box(lang, typed_weights)
        links.note(state.current(uploads=uploads), lang, key="sidebar")  # typed data the link cannot carry as typed
        ss["layout_nlc_toggle"] = ss.get("layout") == "nlc"
        st.toggle(
            tr(lang, "ui.layout_nlc"), key="layout_nlc_toggle", on_change=_flip_layout, help=tr(lang, "help.layout")
        )


def _upload_box(lang: str, uploads: bool) -> None:
    """The uploader, its one-off message, and the kept upload (elsewhere: that this page does not use it).

    Closing it loses nothing: the kept upload is ``upload`` in the link, and typed x holds a short one.
    """
    ss = st.session_state
    pending = "_upload_error" in ss or "_upload_shape" in ss
    box = _lazy_expander(tr(lang, "ui.upload"), UPLOAD_EXPANDER, ss.get("upload"), pending=pending)
    if not box.open:
        return
    with box:
        st.file_uploader(
            tr(lang, "ui.upload_help"),
            type=["csv", "txt", "wav"],
            key="upload_file",
            on_change=_take_upload,
            args=(uploads,),
        )
        if "_upload_error" in ss:
            show_error(ss.pop("_upload_error"), lang)
        elif "_upload_shape" in ss:
            shape = ss.pop("_upload_shape")
            if not ss.get("upload"):  # a kept upload is described by its status, below
                st.success(escape(tr(lang, "ui.upload_ok", shape=str(shape))))
        if uploads:
            upload_store.status(lang)
        elif ss.get("upload") and not ss.get("x"):  # kept for the playground; this page draws x from the preset
            st.info(tr(lang, "ui.upload_playground_only"))


def _typed_box(lang: str, typed_weights: bool) -> None:
    """Typed x, weight and bias; the text lives in session state (kept each run), so a closed box keeps it."""
    ss = st.session_state
    typed = tuple(ss.get(key) or "" for key in ("x", "w", "b"))
    box = _lazy_expander(tr(lang, "ui.typed"), TYPED_EXPANDER, typed if any(typed) else None)
    if not box.open:
        return
    with box:
        st.caption(tr(lang, "ui.typed_help"))
        st.text_area("x", key="x", placeholder="0, 1, 2, 3; 1, 0, 1, 0 | …", height=80)
        unused = None if typed_weights else tr(lang, "help.typed_w_unused")
        st.text_area("weight", key="w", placeholder="0.1, 0.2, 0.3", height=68, disabled=not typed_weights, help=unused)
        st.text_input("bias", key="b", placeholder="0.5", disabled=not typed_weights, help=unused)


def _flip_layout() -> None:
    ss = st.session_state
    ss["layout"] = "nlc" if ss.get("layout_nlc_toggle") else "ncl"


def _take_upload(keep_long: bool) -> None:
    """Uploader callback (runs before the script, so it may set the typed-x widget's state).

    A WAV also sets the Listen tab's sample rate to the file's own (a CSV has none: the default).
    """
    ss = st.session_state
    file = ss.get("upload_file")
    if file is None:
        return
    raw = file.getvalue()
    try:
        if len(raw) > limits.MAX_UPLOAD_BYTES:
            raise ConvVizError(
                "upload_too_big",
                size=f"{len(raw):,}",
                max=f"{limits.MAX_UPLOAD_BYTES:,}",
                max_mb=limits.MAX_UPLOAD_BYTES // 2**20,
            )
        x, rate = data.load_wav(raw) if file.name.lower().endswith(".wav") else (data.load_csv(raw), data.AUDIO_RATE)
        long = x.size > UPLOAD_TO_URL  # the link carries typed values; more would not survive a reload
        if long and not keep_long:
            raise ConvVizError("upload_too_many", count=f"{x.size:,}", max=f"{UPLOAD_TO_URL:,}")
        key = upload_store.keep(raw, x) if long else None  # kept on the server, named in the link
    except ConvVizError as err:
        ss["_upload_error"] = err
        return
    ss["x"] = "" if key else data.format_values(x)
    ss["upload"] = key
    ss["sample_rate"] = min(max(rate, limits.MIN_SAMPLE_RATE), limits.MAX_SAMPLE_RATE)
    ss["layout"] = "ncl"
    ss["_upload_shape"] = tuple(x.shape)


def transposed_controls(lang: str) -> None:
    """nn.ConvTranspose1d's arguments in torch's order; a string padding or a non-zeros mode stays reachable (the rule shows)."""
    ss = st.session_state
    typed_x, typed_w = _x_given(uploads=False), _w_given(typed_weights=True)
    set_by = tr(lang, "help.set_by_typed")
    with st.sidebar:
        st.subheader("nn.ConvTranspose1d")
        help_in = set_by if typed_x or typed_w else tr(lang, "help.t_in_channels")
        help_out = _set_by_w(lang) if typed_w else tr(lang, "help.t_out_channels")
        with _pair():
            number("in_channels", "in_channels", 1, limits.MAX_CHANNELS, disabled=typed_x or typed_w, help=help_in)
            number("out_channels", "out_channels", 1, limits.MAX_CHANNELS, disabled=typed_w, help=help_out)
        _kernel_stride_padding(lang, typed_w, "t_", causal=False)
        allowed = max(int(ss.get("stride", 1)), int(ss.get("dilation", 1))) - 1
        number(
            "output_padding", "output_padding", 0, MAX_OUTPUT_PADDING, help=tr(lang, "help.output_padding", max=allowed)
        )
        with _pair():
            _groups(lang)
            number("dilation", "dilation", 1, limits.MAX_DILATION, help=tr(lang, "help.dilation"))
        with _pair():
            with st.container():  # a toggle alone is as wide as its label: in a box, as wide as the select box
                st.toggle("bias", key="bias", help=tr(lang, "help.bias"))
            st.selectbox("padding_mode", list(PADDING_MODES), key="padding_mode", help=tr(lang, "help.t_padding_mode"))

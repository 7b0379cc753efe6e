"""Presentation mode: one big animation and its sum, readable from the back of a classroom.

The sidebar is hidden with CSS (the app's own constant stylesheet, never user text) and the root font
grows, so every Streamlit element scales with it. The fold of a 1280×720 or 1024×768 projector holds,
top to bottom: the way out and the share panel, the animation with Play/Pause, and the pinned cell's sum
with NumPy's and torch's values (tests/e2e/test_screens.py measures it). The pin inputs, the colour key,
the layer as torch prints it and a long signal's overview follow below.

Sharing: a popover with the page's link and its QR code (segno, drawn as PNG bytes, shown by ``st.image``;
no user text becomes HTML). The link is the one this page wrote into the address bar (so it has the
rules of the link writer: no rejected value, a bounded length) without ``present``: a student's phone
opens the same view, with its own sidebar, in the phone layout.
"""

from __future__ import annotations

import io
from urllib.parse import urlencode, urlsplit

import segno
import streamlit as st

from conv_viz import reference
from conv_viz.pages.pin import Pin
from conv_viz.pages.ui import escape, numbers, tr
from conv_viz.text import formatting
from conv_viz.views.scene import explain_cell

MAX_QR_VERSION = 10  # 57×57 modules: ~6 px a module in a 380 px code, read by a phone across a classroom
QR_ERROR = "m"  # 15 % of the code may be lost (a projector's glare, a head in the way)
QR_PX = 330  # the code's width at most, the link beside it: whole pixels a module, never resampled
SUM_TERMS = 8  # products in the one-line equation (more: the first five, "…", the last)
_LOCAL_HOSTS = ("localhost", "127.0.0.1", "::1", "0.0.0.0")

_CSS = """<style>
html { font-size: 22px; }
section[data-testid="stSidebar"], [data-testid="stSidebarCollapsedControl"], [data-testid="stExpandSidebarButton"],
[data-testid="stHeader"] {
  display: none !important;  /* the header too: on a phone its white bar covered the way out */
}
[data-testid="stMainBlockContainer"] {
  padding: 0.5rem 1rem 2rem 1rem; max-width: 100%;
}
</style>"""


def enter() -> None:
    """Hide the sidebar and enlarge the text (the way back is in ``top_bar``: the sidebar's switch is hidden)."""
    st.html(_CSS)


def _leave() -> None:
    st.session_state["present"] = False


def top_bar(lang: str) -> None:
    """Leave presentation mode, and the share panel: one row above the animation."""
    with st.container(horizontal=True, vertical_alignment="center"):
        st.button(tr(lang, "ui.present_exit"), on_click=_leave, icon=":material/close_fullscreen:")
        with st.popover(tr(lang, "share.button"), icon=":material/qr_code_2:"):
            share_panel(lang)


def share_link() -> str | None:
    """This page's address with the query it wrote, without ``present``; None if the browser did not say."""
    base = st.context.url
    if not base:
        return None
    query = {key: st.query_params[key] for key in st.query_params if key != "present"}
    return f"{base}?{urlencode(query, safe=',;|~')}" if query else base  # typed lists stay readable: 0,1,3


def qr_png(link: str) -> bytes | None:
    """A QR code of ``link`` as PNG bytes, black on white with the standard quiet zone; None if too dense.

    As many whole pixels a module as fit in ``QR_PX``: shown at its own size, no module is blurred.

    >>> png = qr_png("https://conv1d.example.org/?kernel_size=5&stride=2")
    >>> png[:8] == b"\\x89PNG\\r\\n\\x1a\\n"
    True
    >>> qr_png("https://conv1d.example.org/?x=" + ",".join(["0.5"] * 200)) is None
    True
    """
    try:
        code = segno.make(link, error=QR_ERROR, micro=False, boost_error=True)
    except segno.DataOverflowError:  # longer than any QR code holds
        return None
    if int(code.version) > MAX_QR_VERSION:
        return None
    out = io.BytesIO()
    modules = code.symbol_size(scale=1, border=4)[0]
    code.save(out, kind="png", scale=max(1, QR_PX // modules), border=4, dark="#000000", light="#FFFFFF")
    return out.getvalue()


def share_panel(lang: str) -> None:
    """The link and its QR code; a link too long for a readable code says so and offers the file route."""
    link = share_link()
    if link is None:
        st.info(tr(lang, "share.no_url"))
        return
    png = qr_png(link)
    with st.container(horizontal=True, gap="medium", wrap=False):  # the code, and beside it what to do with it
        if png is not None:
            width = int.from_bytes(png[16:20], "big")  # the PNG's own width (its IHDR chunk): pixel for pixel
            st.image(png, width=width, output_format="PNG", alt=tr(lang, "share.alt"))  # JPEG would blur it
        with st.container(width="stretch"):
            if png is None:
                st.warning(tr(lang, "share.too_long", chars=f"{len(link):,}"), icon=":material/qr_code_2:")
            else:
                st.caption(tr(lang, "share.scan"))
            st.caption(tr(lang, "share.link"))
            numbers(link)  # a code span: the link as text, escaped by Markdown, wrapping in the panel
            host = urlsplit(link).hostname or ""
            if host in _LOCAL_HOSTS:
                st.caption(escape(tr(lang, "share.local", host=host)))


def big_sum(pin: Pin, result: reference.TorchResult | None) -> None:
    """The pinned cell's sum on one wrapping line beside NumPy's and torch's values, in large type."""
    scene, n, o, t, lang = pin.scene, pin.n, pin.o, pin.t, pin.lang
    e = explain_cell(scene, n, o, t)
    lines = formatting.equation(e, lang, max_terms=SUM_TERMS).split("\n")
    left, mid, right = st.columns([5, 2, 2], vertical_alignment="center")
    with left:
        numbers(" ".join(line.strip() for line in lines))
    with mid:
        st.metric(tr(lang, "play.numpy_value"), formatting.fmt(float(scene.y[n, o, t])))
    with right:
        st.metric("torch", "—" if result is None else formatting.fmt(float(result.output[n, o, t])))

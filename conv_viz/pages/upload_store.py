"""Data too long for a link, on the server: the shared stores, the link's ``upload=`` key, and the sidebar's word on it.

An upload with more values than a link carries (``controls.UPLOAD_TO_URL``)
is kept here, named by a hash of the file (``conv_viz.server.uploads``); the link
says ``upload=<hash>``. Typed text too long for a link is kept the same way
(``texts``; the link says ``x=~<hash>``, ``url_state.write``). A link opened on
another server, or after its data left the bounded store, falls back to the
preset (or to no typed data) with a message, never an error.
"""

from __future__ import annotations

import numpy as np
import streamlit as st

from conv_viz import data
from conv_viz.errors import ConvVizError
from conv_viz.pages.ui import escape, tr
from conv_viz.server.uploads import MAX_UPLOADS, TextStore, UploadStore, content_key


# One entry, the store itself, bounded by its own count and byte limits (uploads.MAX_UPLOAD_STORE_BYTES, 64 MB).
@st.cache_resource(show_spinner=False)
def store() -> UploadStore:
    """One store per server process, shared by every session: the class opening a teacher's link finds the upload."""
    return UploadStore()


# Typed text by its link name (url_state.kept_name), bounded like the uploads (uploads.MAX_TEXT_STORE_BYTES, 16 MB).
@st.cache_resource(show_spinner=False)
def texts() -> TextStore:
    """One store per server process, shared by every session, as ``store`` is for uploads."""
    return TextStore()


def keep_text(name: str, text: str) -> None:
    """Keep typed text too long for a link under the name the link gives it."""
    texts().put(name, text)


def find_text(name: str) -> str | None:
    """The typed text a link names ``x=~…``, or None when this server does not hold it."""
    return texts().get(name)


def keep(raw: bytes, x: np.ndarray) -> str:
    """Keep an uploaded input; its name for the link."""
    return store().put(content_key(raw), x)


def lookup(key: str | None) -> np.ndarray | None:
    """The input ``upload=key`` names (None for no upload); ``ConvVizError`` when this server no longer holds it."""
    if key is None:
        return None
    x = store().get(key)
    if x is None:  # dropped between the page's check and now: say so rather than compute the preset under its name
        raise ConvVizError("upload_missing", upload=key, count=MAX_UPLOADS)
    return x


def reconcile() -> list[ConvVizError]:
    """Before any widget: typed x replaces an upload; an upload this server lacks falls back to the preset (warned)."""
    ss = st.session_state
    key = ss.get("upload")
    if not key:
        return []
    if ss.get("x"):  # one source of x at a time: what the user typed last
        ss["upload"] = None
        return []
    if key in store():
        return []
    ss["upload"] = None
    ss["sample_rate"] = data.AUDIO_RATE  # the rate was the upload's; the preset plays at its own
    return [ConvVizError("upload_missing", upload=key, count=MAX_UPLOADS)]


def status(lang: str) -> None:
    """What the kept upload is, why the link names it by a hash, and a way back to the preset."""
    ss = st.session_state
    key = ss.get("upload")
    x = store().get(key) if key else None
    if x is None:
        return
    rate = int(ss.get("sample_rate", data.AUDIO_RATE))
    _, channels, length = x.shape
    st.info(
        escape(
            tr(
                lang,
                "upload.in_use",
                upload=key,
                channels=channels,
                length=f"{length:,}",
                seconds=f"{length / rate:.2f}",
                rate=f"{rate:,}",
                count=MAX_UPLOADS,
            )
        ),
        icon=":material/cloud_done:",
    )
    st.button(tr(lang, "upload.drop"), on_click=_drop, icon=":material/close:")


def _drop() -> None:
    ss = st.session_state
    ss["upload"] = None
    ss["sample_rate"] = data.AUDIO_RATE

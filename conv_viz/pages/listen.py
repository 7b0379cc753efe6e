"""The playground's Listen tab: the pinned batch item's input channels and every output channel as sound.

The clips are the whole signals (the animation shows a window of a long one),
built only here and scaled to one loudness each (``conv_viz.data.audio``).
"""

from __future__ import annotations

import streamlit as st

from conv_viz import data
from conv_viz.core import limits
from conv_viz.data import audio
from conv_viz.pages.ui import number, tr
from conv_viz.text import formatting
from conv_viz.views.scene import Scene

MAX_PLAYERS = 8  # per side: more players than that is a wall of identical controls, not something to compare
# One-click setups that make each lesson audible: (label key, input preset, weights preset, kernel_size).
DEMOS = (
    ("listen.demo_hiss", "noisy_sine", "moving_average", 15),
    ("listen.demo_clicks", "rhythm", "edge", 3),
    ("listen.demo_sweep", "chirp", "moving_average", 15),
)


def render_listen(scene: Scene, n: int, lang: str) -> None:
    """Players for x[n, c] and y[n, o], a hint for the weights in use, and demos that set up a lesson."""
    left, right = st.columns([1, 3])
    with left:
        rate = number(
            "sample_rate",
            tr(lang, "listen.rate"),
            limits.MIN_SAMPLE_RATE,
            limits.MAX_SAMPLE_RATE,
            help=tr(lang, "listen.rate_help"),
        )
    with right:
        st.markdown(tr(lang, f"listen.hint.{_weights(scene)}"))
        st.caption(tr(lang, "listen.normalised", peak=audio.PEAK))
    seconds = scene.length / rate
    if seconds < audio.MIN_AUDIBLE_S:
        st.info(_too_short(scene.length, rate, lang))
    _demos(lang)
    d, p = scene.data, scene.params
    inputs, outputs = st.columns(2)
    with inputs:
        st.markdown(tr(lang, "listen.inputs", n=n, seconds=f"{seconds:.2f}", rate=f"{rate:,}"))
        for c in range(min(p.in_channels, MAX_PLAYERS)):
            _player(f"x[{n}, {c}]", audio.clip(d.x[n, c], rate), lang)
        _more(p.in_channels, "in_channels", lang)
    with outputs:
        st.markdown(tr(lang, "listen.outputs", n=n))
        if p.stride > 1:
            st.caption(tr(lang, "listen.hold", stride=p.stride))
        for o in range(min(p.out_channels, MAX_PLAYERS)):
            _player(f"y[{n}, {o}]", audio.clip(scene.y[n, o], rate, hold=p.stride), lang)
        _more(p.out_channels, "out_channels", lang)


def _too_short(length: int, rate: int, lang: str) -> str:
    """What to change when x is too short to hear: one second of samples at this rate, or the rate itself."""
    shown = {"length": f"{length:,}", "rate": f"{rate:,}", "seconds": f"{length / rate:.4f}"}
    need = min(rate, limits.MAX_LENGTH)  # one second, or as long as the app allows
    if need / rate < audio.MIN_AUDIBLE_S:
        return tr(
            lang, "listen.too_short_rate", max=f"{limits.MAX_LENGTH:,}", max_seconds=f"{need / rate:.3f}", **shown
        )
    return tr(lang, "listen.too_short", need=f"{need:,}", need_seconds=f"{need / rate:g}", **shown)


def _weights(scene: Scene) -> str:
    """The hint to show: the weight preset's, or "typed" for weights given as numbers."""
    return "typed" if scene.spec.w else scene.spec.weights


def _player(name: str, clip: audio.Clip, lang: str) -> None:
    st.caption(tr(lang, "listen.clip", name=name, peak=formatting.fmt(clip.peak), gain=f"{clip.gain:.2f}"))
    st.audio(clip.wav, format="audio/wav", alt=tr(lang, "listen.alt", name=name, seconds=f"{clip.seconds:.2f}"))


def _more(count: int, name: str, lang: str) -> None:
    if count > MAX_PLAYERS:
        st.caption(tr(lang, "listen.more", shown=MAX_PLAYERS, count=count, name=name))


def _demos(lang: str) -> None:
    """Buttons that set up a lesson: one channel in and out, padding 'same', a second of audio."""
    st.caption(tr(lang, "listen.demos"))
    for column, (label, x, w, k) in zip(st.columns(len(DEMOS)), DEMOS, strict=True):
        with column:
            st.button(tr(lang, label), key=f"demo_{x}_{w}", on_click=_set_up, args=(x, w, k), width="stretch")


def _set_up(x: str, w: str, k: int) -> None:
    """Button callback (runs before the script, so it may set widget state): the demo's whole configuration."""
    ss = st.session_state
    ss.update(
        input=x,
        weights=w,
        kernel_size=k,
        length=data.AUDIO_RATE,
        sample_rate=data.AUDIO_RATE,
        in_channels=1,
        out_channels=1,
        groups=1,
        stride=1,
        dilation=1,
        padding_kind="same",
        padding=0,
        padding_mode="zeros",
        causal=False,
        bias=False,
        batch=1,
        x="",
        w="",
        b="",
        upload=None,
        layout="ncl",
        cell_n=0,
        cell_o=0,
        cell_t=data.AUDIO_RATE // 2,
    )

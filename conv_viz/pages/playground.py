"""The playground (url path ``/``): every Conv1d argument, the window sliding, every output explained."""

from __future__ import annotations

import plotly.graph_objects as go
import plotly.io
import streamlit as st

from conv_viz import reference
from conv_viz.errors import ConvVizError
from conv_viz.figures.overview import overview_figure
from conv_viz.figures.screens import Screen
from conv_viz.figures.sliding import View, axis_notes, choose_view, sliding_window_figure
from conv_viz.figures.style import ANIMATION_CONFIG
from conv_viz.pages import access, chart, controls, presentation, screen, state, tabs, upload_store
from conv_viz.pages.pin import Pin
from conv_viz.pages.ui import causal_note, cell_inputs, escape, numbers, show_error, show_warnings, tr
from conv_viz.server import memo
from conv_viz.server.url_state import ViewState
from conv_viz.text import formatting
from conv_viz.text.markdown_table import markdown_table
from conv_viz.views.scene import ConvSpec, Scene, build_scene, explain_cell

CHART_KEY = "slide"
STATIC_TERMS = 12  # a sum this short is shown whole on the page; a longer one scrolls in a box
SUM_HEIGHT = 420  # px: the box of a longer sum, about a dozen rows
MAX_SUM_ROWS = 64  # kernel 128 × 64 channels is 8,192 terms: the first 63, a ⋮ row and the last (the total)
# A kept figure's Python objects per byte of its JSON: 4.5–9.6 measured (tests/test_figure_cache.py), so never under.
FIGURE_WEIGHT = 10


# Worst case per entry (limits.py): x and y ≤ 10⁶ float64 each (8 MB), weight 64·64·128 (4 MB): ~20 MB.
@memo.shared
def _scene(spec: ConvSpec) -> Scene:
    """Shared across sessions (a class opening the same link computes once); bounded for a 0.7 GB host.

    An upload's name is a hash of its content, so the view still names the numbers exactly.
    """
    return build_scene(spec, upload_store.lookup(spec.upload))


# torch's output, ≤ 10⁶ values: ≤ 8 MB per entry; the default view: under 1 KB.
@memo.shared
def _torch(spec: ConvSpec) -> reference.TorchResult | None:
    if not reference.torch_available():
        return None
    scene = _scene(spec)
    d = scene.data
    return reference.run_torch(d.x, d.weight, d.bias, scene.params, expected=scene.y)


def _on_pick() -> None:
    """A click on an output cell of the animation pins it (the chart's selection holds the clicked point)."""
    t = chart.picked(CHART_KEY)
    if t is not None:
        st.session_state["cell_t"] = t


def _solve(view: ViewState) -> tuple[Scene | None, ConvVizError | None]:
    """This view's scene, or the broken rule plus the last scene that worked (None on a first visit)."""
    key = ConvSpec.of(view)
    try:
        scene = _scene(key)
    except ConvVizError as err:
        last = st.session_state.get("_last_good")
        try:  # the last good view may itself be gone (an upload the server has since dropped)
            return (None if last is None else _scene(last)), err
        except ConvVizError:
            st.session_state["_last_good"] = None
            return None, err
    st.session_state["_last_good"] = key
    return scene, None


def render() -> None:
    warnings = state.sync_from_url() + upload_store.reconcile()
    lang = state.lang()
    # Widgets hold their new values before the script runs, so the view is known before they are drawn.
    view = state.current()
    # The title first: a new browser paints it while the sidebar's two dozen widgets are still being drawn.
    if view.present:
        presentation.enter()
    else:
        st.title(tr(lang, "play.title"))
        st.caption(tr(lang, "play.caption"))
    controls.language_switch()
    controls.presentation_switch(lang)
    screen.phone_switch(lang)
    controls.conv_controls(lang, uploads=True)
    controls.data_controls(lang, uploads=True)
    state.publish(view)  # the link reproduces a broken setting too, so a teacher can share the error
    scene, error = _solve(view)  # after the controls and title: a first visit paints them before torch loads
    show_warnings(warnings, lang)
    if error is not None:
        show_error(error, lang)
    if scene is None:
        if view.present:  # the sidebar is hidden: the way out stays
            presentation.top_bar(lang)
        return
    if error is not None:
        st.caption(tr(lang, "play.showing_last"))
    if not view.present:
        _shape_line(scene, lang)
    pinned: list[tuple[Pin, go.Figure]] = []  # the pin and animation this page run draws (the fragment's pass)
    _cell_view(scene, view, lang, pinned)
    if view.present:  # under the fold: the animation and the sum come first on a projector
        _shape_line(scene, lang)
    elif pinned:  # after the pin's fragment, so a pin that no panel shows does not send the tabs again
        tabs.render_tabs(scene, _torch_quietly(scene), lang, pinned[0])


@st.fragment
def _cell_view(scene: Scene, drawn: ViewState, lang: str, pinned: list[tuple[Pin, go.Figure]]) -> None:
    """Everything the pinned cell changes: pinning one (its inputs, a click on the chart) reruns only this.

    A fragment's rerun reuses the scene it was drawn with and leaves the controls above untouched, so the
    browser redraws the chart and the sum, not the page's hundred elements. ``pinned`` is empty when the page
    runs this; its pass leaves the pin and the animation there for the tabs the page draws below.
    """
    # A control in here (a tab's demo) changed the view: the whole page reruns, so the controls above and the scene
    # follow. Compared with the view the page drew, not the scene: after a refused edit the scene is the last one
    # that worked, and comparing with it reran the page forever.
    if ConvSpec.of(state.current()) != ConvSpec.of(drawn):
        st.rerun()
    if state.current().present != drawn.present:  # Leave presentation mode, a button in here
        st.rerun()
    shown_on = screen.current(drawn.present)
    if drawn.present:
        _presentation(scene, lang, shown_on)
        return
    pin = _pin(scene, lang)
    # The open panel draws the pinned cell (tabs.PINNED): the page draws the tabs, never this fragment (a tab bar
    # moved in and out of it could be left twice on the page by a loaded server), so a pin moved in a rerun of the
    # fragment alone (``pinned`` holds the page run's) reruns the page.
    if pinned and tabs.follows_pin(lang) and _cell(pin) != _cell(pinned[0][0]):
        st.rerun()
    state.publish(state.current())  # after the pin's inputs, which may have clamped the cell into range
    chart = st.container()  # filled after the sum: a pin's sum reaches the browser before the chart it redraws
    _sum(pin, _checked(scene, lang))
    with chart:
        fig, view = _animation(pin, shown_on)
        if shown_on.key_below:  # a phone: the key right under the chart
            _key(scene, lang)
        _overview(pin, view)
    if not pinned:
        pinned.append((pin, fig))


def _cell(pin: Pin) -> tuple[int, int, int]:
    return pin.n, pin.o, pin.t


def _presentation(scene: Scene, lang: str, shown_on: Screen) -> None:
    """On a projector's first screen: the way out and the share panel, the animation, the pinned cell's sum.

    The pin inputs come first in the script (their values draw the rest) but below the sum on the page.
    """
    bar, chart, total = st.container(), st.container(), st.container()
    pin = _pin(scene, lang)
    state.publish(state.current())  # before the share panel reads the link
    with bar:
        presentation.top_bar(lang)
    with chart:
        _, view = _animation(pin, shown_on)
    with total:
        presentation.big_sum(pin, _checked(scene, lang))
    if shown_on.key_below:
        _key(scene, lang)
    _overview(pin, view)


def _checked(scene: Scene, lang: str) -> reference.TorchResult | None:
    """torch's output for the view; if torch itself fails, its message and the page goes on without the check."""
    try:
        return _torch(scene.spec)
    except ConvVizError as err:
        show_error(err, lang)
        return None


def _torch_quietly(scene: Scene) -> reference.TorchResult | None:
    """torch's output for the tabs after the fragment, which has shown torch's error already if it failed."""
    try:
        return _torch(scene.spec)
    except ConvVizError:
        return None


def _shape_line(scene: Scene, lang: str) -> None:
    """Shapes in and out and the layer as ``print(conv)`` shows it (presentation mode shows this line too)."""
    d = scene.data
    st.markdown(formatting.shape_line(scene.params, d.x, d.weight, d.bias, scene.y))
    causal_note(scene.params, lang)
    if d.source == "numpy":
        st.info(tr(lang, "play.numpy_seed"))


def _pin(scene: Scene, lang: str) -> Pin:
    """The pinned output cell: three bounded inputs (a click on the chart sets t)."""
    shape = scene.y.shape
    n, o, t = cell_inputs(
        [
            ("cell_n", tr(lang, "ui.pin_n"), shape[0] - 1),
            ("cell_o", tr(lang, "ui.pin_o"), shape[1] - 1),
            ("cell_t", tr(lang, "ui.pin_t"), shape[2] - 1),
        ],
        tr(lang, "ui.pin_help"),
    )
    return Pin(scene, n, o, t, lang)


def _figure_bytes(drawn: tuple[go.Figure, str | None]) -> int:
    """What a kept figure holds: Python objects, which ``memo.nbytes`` cannot see, about FIGURE_WEIGHT per JSON byte."""
    return FIGURE_WEIGHT * len(plotly.io.to_json(drawn[0], validate=False))


@memo.shared(weigh=_figure_bytes)
def _drawn(spec: ConvSpec, n: int, o: int, t: int, lang: str, shown_on: Screen) -> tuple[go.Figure, str | None]:
    """The sliding window for one pinned cell, language and screen, and its keyboard row.

    Shared, like the scene: a rerun that changes nothing, a pin moved back, or a class opening the same link
    sends the kept figure instead of building every frame's traces again. Nothing mutates a figure once drawn:
    ``st.plotly_chart`` and the Export tab read copies.
    """
    scene = _scene(spec)
    d = scene.data
    fig = sliding_window_figure(
        d.x[n], d.weight, d.bias, scene.y[n], scene.params, scene.geometry, n, o, t, lang, shown_on
    )
    return fig, access.keys_html(fig, lang)


def _animation(pin: Pin, shown_on: Screen) -> tuple[go.Figure, View]:
    """The sliding window laid out for ``shown_on`` (``figures/screens.py``), and the part of the signal it draws."""
    scene, n, o, t, lang = pin.scene, pin.n, pin.o, pin.t, pin.lang
    fig, keys = _drawn(scene.spec, n, o, t, lang, shown_on)
    chart.animation(fig, CHART_KEY, ANIMATION_CONFIG, _on_pick, lang)
    access.draw_keys(keys)  # Play, Pause and the frames from the keyboard (Plotly's controls take no focus)
    return fig, choose_view(scene.params, scene.geometry, o, t, shown_on)


def _key(scene: Scene, lang: str) -> None:
    """The axis title and the colour key as text: it wraps on a narrow screen, where the figure's would be clipped."""
    st.caption("  \n".join(escape(line) for line in axis_notes(scene.params, lang)))


def _overview(pin: Pin, view: View) -> None:
    """When the animation draws a window of a long signal: which part, and the whole signal below."""
    scene, n, o, t, lang = pin.scene, pin.n, pin.o, pin.t, pin.lang
    d = scene.data
    if len(view.columns) < scene.geometry.padded_length:
        st.caption(tr(lang, "play.window_note", shown=len(view.outputs), total=scene.geometry.out_length))
        st.plotly_chart(
            overview_figure(d.x[n], scene.y[n], scene.params, scene.geometry, view, n, o, t, lang),
            theme=None,
            config={"displayModeBar": False},
        )


def _sum(pin: Pin, result: reference.TorchResult | None) -> None:
    """The pinned cell's sum as an equation beside NumPy's and torch's values, then every term below."""
    scene, n, o, t, lang = pin.scene, pin.n, pin.o, pin.t, pin.lang
    d = scene.data
    e = explain_cell(scene, n, o, t)
    st.header(tr(lang, "play.sum_title", n=n, o=o, t=t))
    left, right = st.columns([3, 2])
    with left:
        numbers(formatting.equation(e, lang))
    with right:
        with st.container(horizontal=True):  # one block, where two columns take three
            st.metric(tr(lang, "play.numpy_value"), formatting.fmt(float(scene.y[n, o, t])))
            torch_value = None if result is None else float(result.output[n, o, t])
            st.metric("torch", "—" if torch_value is None else formatting.fmt(torch_value))
        if torch_value is None:
            st.info(tr(lang, "play.no_torch"))
        else:
            diff = abs(torch_value - float(scene.y[n, o, t]))
            st.caption(escape(tr(lang, "play.diff", diff=f"{diff:.2e}", dtype=str(d.x.dtype))))
    # The whole width: its eight columns need ~580 px, more than a column beside the equation on a laptop.
    reads = [f"x[{n},{tm.channel},{tm.source}]" if tm.source >= 0 else tr(lang, "play.zero_pad") for tm in e.terms]
    header = [
        "c",
        "k",
        tr(lang, "play.col_slot"),
        tr(lang, "play.col_reads"),
        "x",
        f"w[{o},c,k]",
        "x·w",
        tr(lang, "play.col_running"),
    ]
    rows = [
        (tm.channel, tm.tap, tm.padded_index, read, tm.x, tm.w, tm.product, running)
        for tm, read, running in zip(e.terms, reads, e.partial_sums, strict=True)
    ]
    hidden = len(rows) - MAX_SUM_ROWS
    more = tr(lang, "play.more_terms", hidden=f"{hidden:,}", count=f"{len(rows):,}") if hidden > 0 else None
    table = markdown_table(header, rows, max_rows=MAX_SUM_ROWS, more=more)
    if len(rows) <= STATIC_TERMS:
        st.markdown(table)
    else:  # a long sum scrolls in a box of its own, so the tabs below stay in reach
        with st.container(height=SUM_HEIGHT):
            st.markdown(table)

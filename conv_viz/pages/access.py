"""Keyboard and screen-reader access the theme cannot give (tests/e2e/test_accessibility.py runs axe-core).

``install`` runs once per page (app.py): a constant stylesheet, and a small script that makes every code block,
display formula or table that scrolls sideways focusable (``scroll_regions.js``). ``animation_keys`` puts a
keyboard player under an animated figure (``keyboard_player.js``): Plotly's own play buttons and frame slider
are SVG and never take focus.

The colours, heading sizes and contrast come from ``.streamlit/config.toml``; what is here is what Streamlit
exposes no option for. Code highlighting: Streamlit colours its tokens from a fixed palette (2.2–3.7:1 on the
code background), so ``_CSS`` sets darker shades of the same hues, each ≥ 5:1 on #F9FAFC. Only constant text of
the app's own and translated labels goes into the HTML, escaped; never a user's text.
"""

from __future__ import annotations

import html
import json
import re
from pathlib import Path
from typing import Any

import streamlit as st

from conv_viz.i18n import translate
from conv_viz.server import assets, early_chunks

_HERE = Path(__file__).resolve().parent


def _source(name: str) -> str:
    """A script for ``st.html``. Its sanitiser (DOMPurify) silently drops a script whose text has ``<`` before a
    letter, ``/`` or ``!`` (it looks like markup), so such a file fails here, loudly, instead of doing nothing."""
    text = (_HERE / name).read_text(encoding="utf-8")
    if re.search(r"<[\w/!]", text):
        raise ValueError(f"{name}: '<' before a letter, '/' or '!' would make Streamlit drop the script")
    return text


SCROLL_JS = _source("scroll_regions.js")
PLAYER_JS = _source("keyboard_player.js")
PLOTLY_EARLY_JS = _source("plotly_early.js")
PLOTLY_CHUNK = early_chunks.chunk(early_chunks.streamlit_js(), early_chunks.PLOTLY)
# The cartesian bundle's URL relative to Streamlit's index script (…/static/js/index.…js), as chart.js finds it.
CARTESIAN_FROM_INDEX = f"../..{assets.PREFIX}{assets.PLOTLY_MODULE}"

# Streamlit's token colour -> the same hue darkened to ≥ 5:1 on the code background #F9FAFC (and on white).
TOKEN_COLOURS = {
    ".token.keyword, .token.tag, .token.function, .token.class-name, .token.selector": "#176EBD",  # blue70 #1C83E1
    ".token.number, .token.regex": "#1C786B",  # blueGreen80 #29B09D
    ".token.string, .token.char, .token.attr-value": "#077D2B",  # green80 #09AB3B
    ".token.boolean, .token.constant, .token.symbol, .token.inserted.line, .token.inserted.prefix": "#157D36",
    ".token.operator, .token.entity, .token.decorator, .token.atrule": "#AE510D",  # orange90 #ED6F13
    ".token.important, .token.deleted.line, .token.deleted.prefix": "#DA0000",  # red70 #FF4B4B
    ".token.comment, .token.prolog, .token.doctype, .token.cdata, .token.punctuation, .token.unchanged.line,"
    " .comment.linenumber": "#676B7B",  # gray70 #808495
    ".token.attr-name, .token.property, .token.variable": "#007597",  # lightBlue80 #00A4D4
}

FOCUS = "#005A8C"  # the theme's primaryColor: the focus ring of the keyboard player

_CSS = (
    "".join(f"[data-testid=stCode] pre :is({sel}) {{ color: {colour}; }}\n" for sel, colour in TOKEN_COLOURS.items())
    + f"""
[data-cv-scroll]:focus-visible {{ outline: 2px solid {FOCUS}; outline-offset: 2px; }}
.stElementContainer:has(> .stHtml > .cv-install) {{ display: none; }}
.cv-keys {{ display: flex; flex-wrap: wrap; align-items: center; gap: 0.5rem; padding: 0.25rem 0; }}
.cv-keys button {{
  font: inherit; color: inherit; background: #FFFFFF; border: 1px solid #5C6370; border-radius: 0.5rem;
  padding: 0.25rem 0.75rem; cursor: pointer;
}}
.cv-keys label {{ display: flex; align-items: center; gap: 0.5rem; flex: 1 1 14rem; }}
.cv-keys input[type=range] {{ flex: 1 1 auto; accent-color: {FOCUS}; }}
.cv-keys :focus-visible {{ outline: 3px solid {FOCUS}; outline-offset: 2px; }}
.cv-keys output {{ font-variant-numeric: tabular-nums; white-space: nowrap; }}
.cv-sr {{
  position: absolute; width: 1px; height: 1px; padding: 0; margin: -1px; border: 0; overflow: hidden;
  clip-path: inset(50%); white-space: nowrap;
}}
/* Hidden until a key reaches it (a skip link's pattern): the mouse has Plotly's own controls, and the
   projector layout keeps its height. Its element's gap goes too, so the page below does not move. */
.cv-keys:not(:focus-within) {{
  position: absolute; width: 1px; height: 1px; padding: 0; margin: -1px; border: 0; overflow: hidden;
  clip-path: inset(50%); white-space: nowrap;
}}
.stElementContainer:has(> .stHtml > .cv-keys:not(:focus-within)) {{ margin-top: -1rem; }}
"""
)


def _script(source: str, **data: str) -> str:
    attrs = "".join(f' data-{k}="{html.escape(v, quote=True)}"' for k, v in data.items())
    return f"<script{attrs}>\n{source}</script>"


def install(lang: str, *stylesheets: str, plotly: str | None = early_chunks.STREAMLIT) -> None:
    """The app's stylesheet, any other page-wide ``stylesheets`` (constant ``<style>`` blocks), the scroll-region
    script and, on a page that draws charts, the script that runs its ``plotly`` early (``plotly_early.js``:
    ``early_chunks.STREAMLIT`` or ``CARTESIAN``), in one element: hidden (no gap above the title), one fewer for
    every rerun to redraw."""
    labels = {kind: translate(lang, f"a11y.scroll_{kind}") for kind in ("code", "formula", "table")}
    body = f"<style>{_CSS}</style>{''.join(stylesheets)}<span class='cv-install' hidden></span>" + _script(
        SCROLL_JS, labels=json.dumps(labels, ensure_ascii=False)
    )
    early = {early_chunks.STREAMLIT: PLOTLY_CHUNK, early_chunks.CARTESIAN: CARTESIAN_FROM_INDEX}.get(plotly or "")
    if early is not None:
        body += _script(PLOTLY_EARLY_JS, chunk=early)
    st.html(body, unsafe_allow_javascript=True)


def _button_label(label: str) -> str:
    """A leading glyph ("▶ Play", "❚❚ Pause") is decoration: hidden from screen readers, which read the word."""
    glyph, _, word = label.partition(" ")
    if word and not any(ch.isalnum() for ch in glyph):
        return f"<span aria-hidden='true'>{html.escape(glyph)}</span> {html.escape(word)}"
    return html.escape(label)


def animation_keys(fig: Any, lang: str) -> None:
    """Keyboard Play, Pause and frame scrubbing for ``fig``, the animated figure drawn just before this call."""
    draw_keys(keys_html(fig, lang))


def draw_keys(body: str | None) -> None:
    """The keyboard row ``keys_html`` wrote (nothing for a figure without an animation)."""
    if body is not None:
        st.html(body, unsafe_allow_javascript=True)


def keys_html(fig: Any, lang: str) -> str | None:
    """The keyboard row for ``fig``: its buttons and the range's steps mirror ``fig.layout.updatemenus[0]`` and
    ``fig.layout.sliders[0]``, and the browser runs each one's own ``Plotly.animate`` arguments. None for a figure
    without both. Pure, so a page can keep it with the figure it was read from.
    """
    menus, sliders = fig.layout.updatemenus, fig.layout.sliders
    if not menus or not sliders or not sliders[0].steps:
        return None
    slider = sliders[0]
    steps = slider.steps
    active = min(max(int(slider.active or 0), 0), len(steps) - 1)
    prefix = (slider.currentvalue.prefix if slider.currentvalue else None) or ""
    texts = [f"{prefix}{step.label}" for step in steps]  # what Plotly's slider shows above its rail
    current = texts[active]
    buttons = "".join(
        f"<button type='button' data-button='{i}'>{_button_label(str(b.label))}</button>"
        for i, b in enumerate(menus[0].buttons)
        if b.method == "animate"
    )
    return (
        f"<div class='cv-keys' role='group' aria-label='{html.escape(translate(lang, 'a11y.keys_group'))}'"
        f" data-texts='{html.escape(json.dumps(texts, ensure_ascii=False))}'>{buttons}"
        f"<label>{html.escape(translate(lang, 'a11y.frame'))}"
        f"<input type='range' min='0' max='{len(steps) - 1}' step='1' value='{active}'"
        f" aria-valuetext='{html.escape(current)}'></label>"
        f"<output>{html.escape(current)}</output>"
        "<span class='cv-sr' aria-live='polite'></span></div>" + _script(PLAYER_JS)
    )

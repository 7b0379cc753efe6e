"""Ask the browser for the JavaScript a first page needs, with the page itself.

Streamlit's frontend loads a chunk for each kind of element when the first such element arrives: the
Plotly chunk (4.7 MB) only once the first chart is sent. On a server that has just woken, the script waits
for torch for a second or more before it sends that chart, and the browser then fetches the chunk from a
server still busy importing. ``EarlyChunks`` adds a ``Link: <…>; rel=modulepreload`` header (a web standard,
RFC 8288 with HTML's ``modulepreload``) to every HTML response, so the browser fetches and compiles the
page's scripts while it loads the rest of Streamlit: the first element's (Html and its sanitiser), and the
plotly.js the page draws with, by the page's path: the app's cartesian bundle and Streamlit's component
chunk on the playground (``conv_viz/server/assets.py``, ``conv_viz/pages/chart.py``), Streamlit's Plotly chunk
on the other chart pages, none on the rest. ``conv_viz/pages/plotly_early.js`` then runs that plotly.js as
soon as the page's first element arrives; the later import finds the module done (one module per URL).
``python -m tests.perf.latency`` measures the cold start and new visits it shortens.

The chunk names carry a content hash, so they are read from the installed Streamlit's files at start: a
name not found exactly once is left out, and an upgrade that renames every chunk leaves the app as it was.
"""

from __future__ import annotations

import importlib.util
from collections.abc import Mapping, Sequence
from pathlib import Path

from conv_viz.server import assets
from conv_viz.server.asgi import ASGIApp, Message, Receive, Scope, Send

PLOTLY = "PlotlyChart"  # Streamlit's chunk for st.plotly_chart (``plotly_early.js`` runs it)
FIRST_CHUNKS = ("Html", "purify.es")  # every page's first element (st.html: Html and its sanitiser)
# The plotly.js a page draws with (app.py's PLOTLY names each page's): Streamlit's, or the app's cartesian bundle.
STREAMLIT, CARTESIAN = "streamlit", "cartesian"
PAGE_CHUNKS = {STREAMLIT: (PLOTLY,), CARTESIAN: ("BidiComponent",), None: ()}
# The app's own files a page needs (served by ``assets.Assets``)
APP_FILES: dict[str | None, tuple[str, ...]] = {CARTESIAN: assets.PLOTLY_FILES}


def streamlit_js() -> Path:
    """The installed Streamlit's frontend chunks (found without importing Streamlit: this layer never does)."""
    spec = importlib.util.find_spec("streamlit")
    origin = spec.origin if spec is not None else None
    return Path(origin or ".").parent / "static" / "static" / "js"


def chunk(js_dir: Path, name: str) -> str | None:
    """The file name of the chunk ``name`` (``<name>.<hash>.js``) in ``js_dir``; None unless exactly one.

    >>> chunk(Path("/nowhere"), "PlotlyChart") is None
    True
    """
    found = [p.name for p in js_dir.glob(f"{name}.*.js") if p.name.count(".") == name.count(".") + 2]
    return found[0] if len(found) == 1 else None


def link_header(js_dir: Path, names: Sequence[str] = FIRST_CHUNKS) -> bytes | None:
    """``<./static/js/Html.x.js>; rel=modulepreload, …`` for the chunks found (relative: a page's URL and a
    base path both resolve it as Streamlit's own ``./static/js/`` scripts), None if none is."""
    return _preloads([f"./static/js/{f}" for f in (chunk(js_dir, n) for n in names) if f is not None])


def _preloads(urls: Sequence[str]) -> bytes | None:
    """``<url>; rel=modulepreload, …``; None for no URL."""
    return ", ".join(f"<{url}>; rel=modulepreload" for url in urls).encode("ascii") if urls else None


class EarlyChunks:
    """ASGI middleware: the ``Link`` header on every HTML response (Streamlit's page, whatever its path).

    ``plotly`` maps a page's url path to the plotly.js it draws with (``STREAMLIT``, ``CARTESIAN`` or None);
    ``/``, a base path alone and a path it does not name are the ``default`` page, as Streamlit serves them.
    """

    def __init__(
        self, app: ASGIApp, plotly: Mapping[str, str | None], default: str, js_dir: Path | None = None
    ) -> None:
        self.app = app
        js = streamlit_js() if js_dir is None else js_dir
        self.links = {page: _page_link(js, kind) for page, kind in plotly.items()}
        self.default = self.links.get(default) or _page_link(js, None)

    def link(self, path: str) -> bytes | None:
        """The header for a page at ``path`` (its last segment names the page; a base path comes before it)."""
        return self.links.get(path.rstrip("/").rpartition("/")[2], self.default)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        link = self.link(scope.get("path", "")) if scope["type"] == "http" else None
        if link is None:
            await self.app(scope, receive, send)
            return

        async def send_with_link(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = list(message.get("headers", []))
                if any(k.lower() == b"content-type" and v.startswith(b"text/html") for k, v in headers):
                    message = {**message, "headers": [*headers, (b"link", link)]}
            await send(message)

        await self.app(scope, receive, send_with_link)


def _page_link(js_dir: Path, plotly: str | None) -> bytes | None:
    """The first chunks, Streamlit's chunks for the page's plotly.js, and the app's own files for it."""
    streamlits = (chunk(js_dir, n) for n in FIRST_CHUNKS + PAGE_CHUNKS[plotly])
    ours = (f".{assets.PREFIX}{name}" for name in APP_FILES.get(plotly, ()))
    return _preloads([*(f"./static/js/{f}" for f in streamlits if f is not None), *ours])

"""Serve the app's own browser files: Plotly's cartesian bundle for the playground's animation.

Streamlit's chart element bundles the whole of plotly.js (4.7 MB: maps, 3-D, WebGL), and a first visit spends
most of a second of the browser's main thread running it. The playground's animation needs scatter and heatmap
traces only, so it draws with plotly.js's own cartesian distribution (npm ``plotly.js-cartesian-dist-min``, the
version the installed Python ``plotly`` is built against: 1.5 MB, loaded and run in under half the time),
through ``conv_viz/pages/chart.py``. ``Assets`` is ASGI middleware on ``st.App``: a request whose path ends in
``/_conv_viz/<name>`` for a file of ``static/`` gets that file, whatever base path the host serves the app
under; every other request goes on to Streamlit. The bundle's name carries its version, so browsers keep it for a
year; the two small modules that wrap it (``plotly-cartesian.mjs``: the bundle's copy of Plotly as a module's
default export, ``window.Plotly`` left as it was) are checked again on each visit.
"""

from __future__ import annotations

from pathlib import Path

from conv_viz.server.asgi import ASGIApp, Receive, Scope, Send

PREFIX = "/_conv_viz/"
STATIC = Path(__file__).resolve().parent / "static"
PLOTLY_BUNDLE = "plotly-cartesian-4.1.1.min.js"  # tests/test_assets.py: the same bytes as npm's package
# The module a page imports: the bundle's copy of Plotly as its default export, window.Plotly left as it was.
PLOTLY_MODULE = "plotly-cartesian.mjs"
PLOTLY_FILES = (PLOTLY_MODULE, "plotly-before.mjs", PLOTLY_BUNDLE)  # the module and what it imports
_JS = b"text/javascript; charset=utf-8"
_YEAR = b"public, max-age=31536000, immutable"  # the bundle's name carries its version; the small modules do not
_TYPES = {".js": _JS, ".mjs": _JS, ".txt": b"text/plain; charset=utf-8"}


def served(path: str, root: Path = STATIC) -> Path | None:
    """The file a request path names, or None: only a plain name directly in ``root``, never a path out of it.

    >>> served("/_conv_viz/../app.py") is None, served("/_conv_viz/nothing.js") is None
    (True, True)
    """
    _, sep, name = path.rpartition(PREFIX)
    if not sep or not name or "/" in name or name.startswith(".") or Path(name).suffix not in _TYPES:
        return None
    file = root / name
    return file if file.is_file() else None


class Assets:
    """ASGI middleware: the files of ``static/`` at ``…/_conv_viz/<name>``, read once and kept (1.5 MB)."""

    def __init__(self, app: ASGIApp, root: Path = STATIC) -> None:
        self.app = app
        self.root = root
        self.kept: dict[Path, bytes] = {}

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        file = served(scope.get("path", ""), self.root) if scope["type"] == "http" else None
        if file is None or scope.get("method") not in ("GET", "HEAD"):
            await self.app(scope, receive, send)
            return
        body = self.kept.get(file)
        if body is None:
            body = self.kept[file] = file.read_bytes()
        headers = [
            (b"content-type", _TYPES[file.suffix]),
            (b"content-length", str(len(body)).encode()),
            (b"cache-control", _YEAR if file.name == PLOTLY_BUNDLE else b"no-cache"),
            (b"x-content-type-options", b"nosniff"),
        ]
        await send({"type": "http.response.start", "status": 200, "headers": headers})
        await send({"type": "http.response.body", "body": body if scope["method"] == "GET" else b""})

"""The app's own browser files (``conv_viz/server/assets.py``): the cartesian plotly.js, served whole, nothing else.

The bundle in the repository is npm's ``plotly.js-cartesian-dist-min`` as published (``make`` installs it beside
axe-core, so this compares the bytes), of the plotly.js version the installed Python ``plotly`` writes figures for.
"""

from __future__ import annotations

import asyncio
import re
from pathlib import Path
from typing import Any

import plotly.offline
import pytest

from conv_viz.server import assets
from conv_viz.server.assets import PLOTLY_BUNDLE, STATIC, Assets, served

ROOT = Path(__file__).resolve().parents[1]
NPM_COPY = ROOT / "node_modules" / "plotly.js-cartesian-dist-min" / "plotly-cartesian.min.js"


def test_the_bundle_is_the_version_python_plotly_writes_for() -> None:
    head = (STATIC / PLOTLY_BUNDLE).read_text(encoding="utf-8")[:300]
    version = plotly.offline.get_plotlyjs_version()
    assert f"plotly.js (cartesian - minified) v{version}\n" in head
    assert f"-{version}." in PLOTLY_BUNDLE  # the name changes with the file: browsers may keep it for a year
    assert (STATIC / "plotly-cartesian-LICENSE.txt").read_text(encoding="utf-8").startswith("MIT License")


@pytest.mark.skipif(not NPM_COPY.is_file(), reason="npm packages not installed (make installs them)")
def test_the_bundle_is_npms_file_unchanged() -> None:
    assert (STATIC / PLOTLY_BUNDLE).read_bytes() == NPM_COPY.read_bytes()
    version = re.search(r'"plotly.js-cartesian-dist-min": "([\d.]+)"', (ROOT / "package.json").read_text())
    assert version is not None
    assert f"-{version[1]}." in PLOTLY_BUNDLE


@pytest.mark.parametrize(
    "path",
    [f"/_conv_viz/{PLOTLY_BUNDLE}", f"/class/_conv_viz/{PLOTLY_BUNDLE}", "/_conv_viz/plotly-cartesian-LICENSE.txt"],
)
def test_served_names_a_file_of_static(path: str) -> None:
    assert served(path) == STATIC / path.rpartition("/")[2]


@pytest.mark.parametrize(
    "path",
    [
        "/",
        "/playground",
        f"/static/js/{PLOTLY_BUNDLE}",  # Streamlit's own folder: not ours
        "/_conv_viz/",
        "/_conv_viz/../app.py",
        "/_conv_viz/..%2Fassets.py",
        "/_conv_viz/assets.py",  # a file type it does not serve
        "/_conv_viz/.hidden.js",
        "/_conv_viz/missing.js",
        "/_conv_viz/static/x.js",
    ],
)
def test_served_refuses_every_other_path(path: str) -> None:
    assert served(path) is None


def _request(path: str, method: str = "GET", scope_type: str = "http") -> list[dict[str, Any]]:
    sent: list[dict[str, Any]] = []

    async def streamlit(scope: Any, receive: Any, send: Any) -> None:
        await send({"type": "http.response.start", "status": 404, "headers": []})
        await send({"type": "http.response.body", "body": b"streamlit"})

    async def receive() -> dict[str, Any]:
        return {"type": "http.request"}

    async def send(message: Any) -> None:
        sent.append(message)

    asyncio.run(Assets(streamlit)({"type": scope_type, "path": path, "method": method}, receive, send))
    return sent


def test_the_middleware_sends_the_bundle_with_its_type_and_a_long_cache() -> None:
    start, body = _request(f"/_conv_viz/{PLOTLY_BUNDLE}")
    headers = dict(start["headers"])
    assert start["status"] == 200
    assert headers[b"content-type"] == b"text/javascript; charset=utf-8"  # a module script needs a JavaScript type
    assert b"immutable" in headers[b"cache-control"]
    assert body["body"] == (STATIC / PLOTLY_BUNDLE).read_bytes()
    assert int(headers[b"content-length"]) == len(body["body"])
    head_start, head_body = _request(f"/_conv_viz/{PLOTLY_BUNDLE}", method="HEAD")
    assert head_start["headers"] == start["headers"]
    assert head_body["body"] == b""


@pytest.mark.parametrize(
    ("path", "method", "scope_type"),
    [("/", "GET", "http"), (f"/_conv_viz/{PLOTLY_BUNDLE}", "POST", "http"), ("/_stcore/stream", "GET", "websocket")],
)
def test_the_middleware_hands_everything_else_to_streamlit(path: str, method: str, scope_type: str) -> None:
    assert _request(path, method, scope_type)[1]["body"] == b"streamlit"


def test_the_module_imports_exactly_the_files_the_header_preloads() -> None:
    """plotly-cartesian.mjs's static imports, in order: the old window.Plotly kept, then the bundle; the page's
    ``Link`` header names the same files, so a preload is never wasted nor missing."""
    module = (STATIC / assets.PLOTLY_MODULE).read_text(encoding="utf-8")
    imported = re.findall(r'^import "\./([^"]+)";$', module, re.MULTILINE)
    assert imported == ["plotly-before.mjs", PLOTLY_BUNDLE]
    assert set(assets.PLOTLY_FILES) == {assets.PLOTLY_MODULE, *imported}
    assert all(served(f"/_conv_viz/{name}") is not None for name in assets.PLOTLY_FILES)
    assert "export default Plotly;" in module


def test_only_the_versioned_bundle_is_kept_for_a_year() -> None:
    for name, cache in [
        (PLOTLY_BUNDLE, b"immutable"),
        (assets.PLOTLY_MODULE, b"no-cache"),
        ("plotly-before.mjs", b"no-cache"),
    ]:
        start, _ = _request(f"/_conv_viz/{name}")
        headers = dict(start["headers"])
        assert headers[b"content-type"] == b"text/javascript; charset=utf-8", name
        assert cache in headers[b"cache-control"], name

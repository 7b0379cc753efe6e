"""The ``Link: rel=modulepreload`` header that asks a browser for the first page's scripts with the page."""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import Any

import pytest

from conv_viz.server import assets, early_chunks
from conv_viz.server.early_chunks import (
    CARTESIAN,
    FIRST_CHUNKS,
    PAGE_CHUNKS,
    STREAMLIT,
    EarlyChunks,
    chunk,
    link_header,
)

PLOTLY = {"playground": CARTESIAN, "groups": STREAMLIT, "quiz": None}  # as app.py's table names them


def test_every_first_chunk_is_in_the_installed_streamlit() -> None:
    """A Streamlit upgrade that renames one of them fails here, not silently in a student's browser."""
    js = early_chunks.streamlit_js()
    names = FIRST_CHUNKS + PAGE_CHUNKS[STREAMLIT] + PAGE_CHUNKS[CARTESIAN]
    found = {name: chunk(js, name) for name in names}
    assert all(found.values()), found
    assert all((js / f).is_file() for f in found.values() if f is not None)
    header = link_header(js)
    assert header is not None
    assert header.decode().count("rel=modulepreload") == len(FIRST_CHUNKS)
    assert header.decode().startswith("<./static/js/Html.")  # relative: a page's path and a base path resolve it


def test_each_page_names_the_plotly_it_draws_with() -> None:
    middleware = EarlyChunks(_never, PLOTLY, default="playground")
    links = {path: (middleware.link(path) or b"").decode() for path in ("/", "/playground", "/groups", "/quiz")}
    for path, link in links.items():
        assert link.startswith("<./static/js/Html."), path
    assert links["/"] == links["/playground"]  # "/" is the default page
    for name in (assets.PLOTLY_MODULE, "plotly-before.mjs", assets.PLOTLY_BUNDLE):  # the module and its imports
        assert f"<./_conv_viz/{name}>; rel=modulepreload" in links["/"]
    assert "/BidiComponent." in links["/"]
    assert "/PlotlyChart." not in links["/"]
    assert "/PlotlyChart." in links["/groups"]
    assert "_conv_viz" not in links["/groups"]
    assert "Plotly" not in links["/quiz"]
    assert "_conv_viz" not in links["/quiz"]
    # Behind a base path, and at a path no page has (Streamlit serves the default page there)
    assert middleware.link("/class/groups") == middleware.link("/groups")
    assert middleware.link("/class/") == middleware.link("/") == middleware.link("/no-such-page")


async def _never(scope: Any, receive: Any, send: Any) -> None:
    raise AssertionError("not called")


def test_chunk_wants_exactly_one_file_of_that_name(tmp_path: Path) -> None:
    for name in ("Html.aaa.js", "HtmlTable.bbb.js", "Html.ccc.map", "purify.es.ddd.js"):
        (tmp_path / name).write_text("")
    assert chunk(tmp_path, "Html") == "Html.aaa.js"  # not HtmlTable, not a source map
    assert chunk(tmp_path, "purify.es") == "purify.es.ddd.js"
    (tmp_path / "Html.eee.js").write_text("")
    assert chunk(tmp_path, "Html") is None  # two builds side by side: name neither
    assert chunk(tmp_path, "PlotlyChart") is None
    assert link_header(tmp_path, ["PlotlyChart"]) is None


def _served(content_type: bytes, scope_type: str = "http", js_dir: Path | None = None) -> list[dict[str, Any]]:
    """What a response of ``content_type`` sends through the middleware."""
    sent: list[dict[str, Any]] = []

    async def app(scope: Any, receive: Any, send: Any) -> None:
        await send({"type": "http.response.start", "status": 200, "headers": [(b"content-type", content_type)]})
        await send({"type": "http.response.body", "body": b"body"})

    async def receive() -> dict[str, Any]:
        return {"type": "http.request"}

    async def send(message: Any) -> None:
        sent.append(message)

    middleware = EarlyChunks(app, PLOTLY, default="playground", js_dir=js_dir)
    asyncio.run(middleware({"type": scope_type, "path": "/groups"}, receive, send))
    return sent


@pytest.mark.parametrize(
    ("content_type", "linked"),
    [(b"text/html; charset=utf-8", True), (b"text/javascript", False), (b"application/json", False)],
)
def test_middleware_adds_the_link_to_html_responses_only(content_type: bytes, linked: bool) -> None:
    sent = _served(content_type)
    headers = dict(sent[0]["headers"])
    expected = link_header(early_chunks.streamlit_js(), FIRST_CHUNKS + PAGE_CHUNKS[STREAMLIT])
    assert headers.get(b"link") == (expected if linked else None)
    assert headers[b"content-type"] == content_type
    assert sent[1] == {"type": "http.response.body", "body": b"body"}


def test_middleware_leaves_websockets_and_a_build_without_the_chunks_alone(tmp_path: Path) -> None:
    assert b"link" not in dict(_served(b"text/html", scope_type="websocket")[0]["headers"])
    assert b"link" not in dict(_served(b"text/html", js_dir=tmp_path)[0]["headers"])  # nothing found: no header

"""Package indexes made of files, for resolving a requirements file offline.

A wheel here is the least pip and uv read: a zip holding ``METADATA``, ``WHEEL`` and ``RECORD``. An index is a
tree of PEP 503 "simple" pages (``<root>/index.html``, ``<root>/<project>/index.html``) linking to those wheels with
their sha256, and ``LoopbackServer`` serves a tree on 127.0.0.1 with the standard library's ``http.server``, on a
port the system picks, recording every path it is asked for.
"""

from __future__ import annotations

import base64
import hashlib
import html
import re
import threading
import zipfile
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import quote


def normalize(name: str) -> str:
    """PEP 503's project name: lower case, runs of ``-_.`` as one ``-``."""
    return re.sub(r"[-_.]+", "-", name).lower()


@dataclass(frozen=True)
class Wheel:
    """One fake distribution: what its METADATA says and which platform tag its file name carries."""

    name: str
    version: str
    requires: Sequence[str] = ()
    tag: str = "py3-none-any"
    requires_python: str | None = None

    @property
    def filename(self) -> str:
        return f"{normalize(self.name).replace('-', '_')}-{self.version}-{self.tag}.whl"


def _record_hash(data: bytes) -> str:
    return "sha256=" + base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=").decode()


def build_wheel(directory: Path, wheel: Wheel) -> Path:
    """Write ``wheel`` into ``directory`` as a valid (tiny) wheel file; returns its path."""
    dist_info = f"{normalize(wheel.name).replace('-', '_')}-{wheel.version}.dist-info"
    metadata = ["Metadata-Version: 2.1", f"Name: {wheel.name}", f"Version: {wheel.version}"]
    if wheel.requires_python:
        metadata.append(f"Requires-Python: {wheel.requires_python}")
    metadata += [f"Requires-Dist: {r}" for r in wheel.requires]
    files = {
        f"{dist_info}/METADATA": ("\n".join(metadata) + "\n").encode(),
        f"{dist_info}/WHEEL": (
            f"Wheel-Version: 1.0\nGenerator: conv-viz-tests\nRoot-Is-Purelib: true\nTag: {wheel.tag}\n"
        ).encode(),
    }
    record = [f"{name},{_record_hash(data)},{len(data)}" for name, data in files.items()]
    record.append(f"{dist_info}/RECORD,,")
    files[f"{dist_info}/RECORD"] = ("\n".join(record) + "\n").encode()
    path = directory / wheel.filename
    directory.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in files.items():
            zf.writestr(name, data)
    return path


def write_simple_index(root: Path, wheel_files: Iterable[Path], href: Callable[[Path], str]) -> None:
    """PEP 503 pages under ``root`` for ``wheel_files``; ``href(file)`` is the link's URL before its hash."""
    by_project: dict[str, list[Path]] = {}
    for path in wheel_files:
        by_project.setdefault(normalize(path.name.split("-")[0]), []).append(path)
    root.mkdir(parents=True, exist_ok=True)
    links = "".join(f'<a href="{p}/">{p}</a>\n' for p in sorted(by_project))
    (root / "index.html").write_text(f"<!DOCTYPE html>\n<html><body>\n{links}</body></html>\n")
    for project, paths in by_project.items():
        anchors = "".join(
            f'<a href="{html.escape(href(p))}#sha256={hashlib.sha256(p.read_bytes()).hexdigest()}">'
            f"{html.escape(p.name)}</a><br/>\n"
            for p in sorted(paths)
        )
        (root / project).mkdir(exist_ok=True)
        (root / project / "index.html").write_text(f"<!DOCTYPE html>\n<html><body>\n{anchors}</body></html>\n")


def quoted(filename: str) -> str:
    """A file name as an index writes it in a URL (``+`` of a local version as ``%2B``)."""
    return quote(filename, safe="")


class _Handler(SimpleHTTPRequestHandler):
    """Serves files, records each requested path, logs nothing."""

    requested: list[str]
    timeout = 10  # a stalled client cannot hold a handler thread for long

    def do_GET(self) -> None:
        self.requested.append(self.path)
        super().do_GET()

    def do_HEAD(self) -> None:
        self.requested.append(self.path)
        super().do_HEAD()

    def log_message(self, format: str, *args: Any) -> None:
        pass


@dataclass
class LoopbackServer:
    """An HTTP server on 127.0.0.1 for one directory; ``requested`` lists the paths clients asked for."""

    url: str
    requested: list[str]


@contextmanager
def serve(directory: Path) -> Iterator[LoopbackServer]:
    """Serve ``directory`` on 127.0.0.1 (a free port) in a daemon thread for the ``with`` block."""
    requested: list[str] = []
    handler = type("Handler", (_Handler,), {"requested": requested})
    server = ThreadingHTTPServer(("127.0.0.1", 0), partial(handler, directory=str(directory)))
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    try:
        host, port = server.server_address[:2]
        yield LoopbackServer(url=f"http://{host!s}:{port}", requested=requested)
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)

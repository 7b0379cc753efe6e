"""One Streamlit session spoken the way the browser speaks it: protobufs over ``/_stcore/stream``.

The handshake and the messages follow Streamlit's own frontend (``App.tsx``,
``sendRerunBackMsg``) against the 1.67 server:

1. ``GET`` the page (what a browser does first; it also sets the ``_streamlit_xsrf``
   cookie), then open a websocket on ``/_stcore/stream`` with the subprotocols
   ``streamlit, <xsrf token>`` and that cookie. Opening it starts a session on
   the server and runs nothing.
2. The first ``BackMsg`` is ``rerun_script`` with a ``ClientState``: the
   link's ``query_string`` (no ``?``), ``page_name`` = the url path of the page
   (``""`` for ``/``, ``"transposed"``) and an empty ``page_script_hash``: the
   browser does not know the pages' hashes before the server has told it.
3. The server answers with ``ForwardMsg`` frames, one per websocket message:
   ``new_session``, ``navigation`` (every page's ``page_script_hash`` and
   ``url_pathname``, and the one it runs), ``page_info_changed`` (the query
   string the script wrote), ``delta`` (each element: an exception element is
   ``delta.new_element.exception``) and last ``script_finished``. A run that the
   script cut short for an ``st.rerun`` ends in ``FINISHED_EARLY_FOR_RERUN`` and
   the next run follows: only ``FINISHED_SUCCESSFULLY`` (or a compile error)
   ends what a user waits for.
4. Later reruns are ``rerun_script`` again, with the current page's
   ``page_script_hash``. A link to another view of the same page is a new
   ``query_string``; a click in the page menu is the other page's hash with
   the query string cleared (what ``onPageChange`` sends).

Widget interactions (``widget_states`` with the ids the deltas carry) are not
spoken here: in this app the URL is the state (``conv_viz.pages.state``), so a
rerun with a changed query string runs the same page code for the same view
as moving the widget would (it parses the link instead of reading a widget).
No ``cached_message_hashes`` are sent, so the server sends every message in
full (never a ``ref_hash`` to fetch separately): the most it can send.

The client is blocking; under gevent's monkey patching (Locust) every session
is a greenlet and its waits cost no thread.
"""

from __future__ import annotations

import contextlib
import time
import urllib.request
from dataclasses import dataclass, field
from http.cookies import SimpleCookie

import websocket
from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ClientState_pb2 import ClientState
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

XSRF_COOKIE = "_streamlit_xsrf"
RUN_TIMEOUT_S = 60.0  # no script_finished by then: a hang, counted as an error
_DONE = {ForwardMsg.FINISHED_SUCCESSFULLY, ForwardMsg.FINISHED_WITH_COMPILE_ERROR}


class StreamlitError(Exception):
    """What a user would see as broken: an exception on the page, a page not found, a compile error."""


@dataclass
class Run:
    """One script run as the client saw it: from the ``BackMsg`` sent to ``script_finished``."""

    seconds: float
    frames: int
    bytes: int
    exceptions: list[str] = field(default_factory=list)  # "Type: message" of every exception element


class StreamlitSession:
    """One browser tab's Streamlit session on ``base_url`` (``http://127.0.0.1:PORT``)."""

    def __init__(self, base_url: str, timeout_s: float = RUN_TIMEOUT_S) -> None:
        self.base_url = base_url.rstrip("/")
        self.timeout_s = timeout_s
        self.ws: websocket.WebSocket | None = None
        self.page_hash = ""  # the page the server ran last
        self.pages: dict[str, str] = {}  # url path ("" for the default page) -> page_script_hash
        self.query = ""  # the query string the script last wrote into the URL

    # ---------------------------------------------------------------- connection

    def get_page(self, path: str = "") -> tuple[int, str]:
        """``GET /path`` as a browser's first request: (bytes of the page, the XSRF cookie or "")."""
        with urllib.request.urlopen(f"{self.base_url}/{path}", timeout=self.timeout_s) as resp:
            body = resp.read()
            cookie = SimpleCookie()
            for header in resp.headers.get_all("Set-Cookie") or []:
                cookie.load(header)
        token = cookie[XSRF_COOKIE].value if XSRF_COOKIE in cookie else ""
        return len(body), token

    def connect(self, xsrf_token: str = "") -> None:
        """Open the websocket (same origin, as a page on this server does)."""
        url = "ws" + self.base_url.removeprefix("http") + "/_stcore/stream"
        protocols = ["streamlit", xsrf_token] if xsrf_token else ["streamlit"]
        cookie = f"{XSRF_COOKIE}={xsrf_token}" if xsrf_token else None
        self.ws = websocket.create_connection(
            url, timeout=self.timeout_s, subprotocols=protocols, origin=self.base_url, cookie=cookie
        )

    def close(self) -> None:
        if self.ws is not None:
            ws, self.ws = self.ws, None
            with contextlib.suppress(OSError, websocket.WebSocketException):
                ws.close(timeout=1)

    # ---------------------------------------------------------------- runs

    def open(self, path: str, query: str = "") -> Run:
        """The first run of a new tab on ``/path?query``: the page by name, since no hash is known yet."""
        return self._run(ClientState(query_string=query, page_name=path, page_script_hash=""))

    def rerun(self, query: str) -> Run:
        """The current page with another query string: a link to another view of it."""
        return self._run(ClientState(query_string=query, page_script_hash=self.page_hash))

    def switch(self, path: str) -> Run:
        """A click on another page in the page menu: its hash, the query string cleared."""
        if path not in self.pages:
            raise StreamlitError(f"no page at /{path}: the server listed {sorted(self.pages)}")
        return self._run(ClientState(query_string="", page_script_hash=self.pages[path]))

    def _run(self, client_state: ClientState) -> Run:
        if self.ws is None:
            raise websocket.WebSocketConnectionClosedException("not connected")
        start = time.perf_counter()
        self.ws.send_binary(BackMsg(rerun_script=client_state).SerializeToString())
        self.query = client_state.query_string  # the browser's URL now, until the script writes another
        run = Run(0.0, 0, 0)
        while True:
            left = self.timeout_s - (time.perf_counter() - start)
            if left <= 0:
                raise TimeoutError(f"no script_finished in {self.timeout_s:.0f} s")
            self.ws.settimeout(left)
            frame = self.ws.recv()
            if not isinstance(frame, bytes) or not frame:
                raise websocket.WebSocketConnectionClosedException("the server closed the websocket")
            run.frames += 1
            run.bytes += len(frame)
            if self._handle(ForwardMsg.FromString(frame), run):
                run.seconds = time.perf_counter() - start
                return run

    def _handle(self, msg: ForwardMsg, run: Run) -> bool:
        """Take in one message; True when it ends the run."""
        kind = msg.WhichOneof("type")
        if kind == "delta":
            if msg.delta.WhichOneof("type") == "new_element" and msg.delta.new_element.HasField("exception"):
                exc = msg.delta.new_element.exception
                run.exceptions.append(f"{'warning ' if exc.is_warning else ''}{exc.type}: {exc.message}")
        elif kind == "navigation":
            self.pages = {page.url_pathname: page.page_script_hash for page in msg.navigation.app_pages}
            self.page_hash = msg.navigation.page_script_hash or self.page_hash
        elif kind == "new_session":
            self.page_hash = msg.new_session.page_script_hash or self.page_hash
        elif kind == "page_info_changed":
            self.query = msg.page_info_changed.query_string
        elif kind == "page_not_found":
            run.exceptions.append(f"page not found: {msg.page_not_found.page_name!r}")
        elif kind == "script_finished":
            if msg.script_finished == ForwardMsg.FINISHED_WITH_COMPILE_ERROR:
                run.exceptions.append("the script did not compile")
            return msg.script_finished in _DONE
        return False

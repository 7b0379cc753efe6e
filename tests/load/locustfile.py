"""A class on one server: Locust users that speak Streamlit's websocket protocol (``tests.load.streamlit_user``).

Each ``Student`` opens the teacher's link for one page (students are dealt the
seven pages in turn), then every 3–8 s does one thing a student does in a
lesson, each a script rerun on the server:

- *change a setting* (most actions): a rerun of the same page with one value of
  the link changed (kernel size, stride, channels, length, seed, input, stack,
  question, language…), built on the query string the server last wrote into
  the URL, as a click on a link to that view would send it;
- *pin a cell* (on the pages with a pinned output cell): the same with a new
  ``cell=n,o,t``;
- *switch page* (one action in ten): a click on another page in the menu.

Every action is reported to Locust as a ``WS`` request named ``<action> /<page>``,
timed from the ``BackMsg`` sent to the ``script_finished`` received; it fails on
an exception element in the run's deltas, a page not found, a websocket error
or no ``script_finished`` within 60 s. After a failure the student reconnects
(a browser would) before the next action. Opening is reported too: ``GET /<page>``
(the HTML) and ``open /<page>`` (connect and the first run).

Run it with ``python -m tests.load.class_of_40`` (starts a server, samples it,
prints the tables), or with Locust's own command line against a running server, from the repository's root::

    PYTHONPATH=. .venv/bin/locust -f tests/load/locustfile.py --headless -u 40 -r 4 --run-time 130s --stop-timeout 60 \
        --host http://127.0.0.1:8501
"""

from __future__ import annotations

import itertools
import os
import random
import time
from collections.abc import Callable
from typing import ClassVar
from urllib.parse import parse_qsl, urlencode

from locust import User, between, task

from conv_viz.server.url_state import INPUT_PRESETS, WEIGHT_PRESETS
from conv_viz.stack.presets import PRESETS
from tests.load.streamlit_user import Run, StreamlitError, StreamlitSession

# The teacher's link for each page: url path ("" is the playground at /) -> query string.
LINKS = {
    "": "in_channels=4&out_channels=8&kernel_size=5&length=64&padding=2&seed=3",
    "transposed": "stride=2&kernel_size=4&length=16",
    "groups": "in_channels=8&out_channels=16&groups=4&length=32",
    "matrix": "in_channels=2&out_channels=3&kernel_size=3&length=20",
    "receptive-field": "",
    "gallery": "",
    "quiz": "quiz=3",
}
PAGES = tuple(LINKS)
SEEDS = tuple(str(s) for s in range(100))
# What a student changes on each page: URL key -> the values they pick from (a lesson's sizes, not the limits).
KNOBS: dict[str, dict[str, tuple[str, ...]]] = {
    "": {
        "in_channels": ("1", "2", "4", "8"),
        "out_channels": ("1", "2", "4", "8", "16"),
        "kernel_size": ("1", "2", "3", "5", "7", "9"),
        "stride": ("1", "2", "3"),
        "padding": ("0", "1", "2", "3"),
        "dilation": ("1", "2", "3"),
        "length": ("16", "32", "64", "128", "256", "2000"),
        "seed": SEEDS,
        "input": INPUT_PRESETS,
        "weights": WEIGHT_PRESETS,
        "dtype": ("float32", "float64"),
        "bias": ("true", "false"),
    },
    "transposed": {
        "in_channels": ("1", "2", "4"),
        "out_channels": ("1", "2", "4"),
        "kernel_size": ("2", "3", "4", "5"),
        "stride": ("1", "2", "3"),
        "padding": ("0", "1"),
        "length": ("8", "16", "32", "64"),
        "seed": SEEDS,
    },
    "groups": {
        "groups": ("1", "2", "4", "8"),
        "kernel_size": ("1", "3", "5"),
        "length": ("16", "32", "64", "128"),
        "seed": SEEDS,
    },
    "matrix": {
        "in_channels": ("1", "2", "3"),
        "out_channels": ("1", "2", "3"),
        "kernel_size": ("2", "3", "4", "5"),
        "stride": ("1", "2"),
        "length": ("8", "12", "16", "20", "24"),
        "batch": ("1", "2"),
    },
    "receptive-field": {
        "stack": tuple(PRESETS),  # a preset: its stack, channels and length together (see _set)
        "layer": ("auto", "1", "2", "3", "4"),
        "seed": SEEDS,
    },
    "gallery": {"lang": ("en", "zh")},
    "quiz": {"quiz": tuple(str(q) for q in range(1000))},
}
CELL_PAGES = {"", "transposed", "matrix", "receptive-field"}
SWITCH_SHARE = 0.1  # of actions: another page from the menu
PIN_SHARE = 0.35  # of actions on a page with a pinned cell
WAIT_S = (3.0, 8.0)


def _set(query: dict[str, str], key: str, value: str) -> None:
    if key == "stack":
        preset = PRESETS[value]
        query.update(stack=preset.stack, in_channels=str(preset.in_channels), length=str(preset.length))
        query.pop("layer", None)
        query.pop("cell", None)
    else:
        query[key] = value


class Student(User):
    """One student's browser tab: opens a page, then changes settings, pins cells, switches pages."""

    wait_time = between(*WAIT_S)
    host = "http://127.0.0.1:8501"
    _numbers: ClassVar[itertools.count[int]] = itertools.count()
    seed: ClassVar[int] = int(os.environ.get("CLASS_SEED", "0"))

    def on_start(self) -> None:
        self.index = next(Student._numbers)
        self.rng = random.Random(self.seed * 1000 + self.index)
        self.page = PAGES[self.index % len(PAGES)]
        self.session = StreamlitSession(self.host or "")
        self.broken = False  # the last action lost the connection: reconnect before the next one
        self._open(self.page, LINKS[self.page])

    def on_stop(self) -> None:
        self.session.close()

    # ---------------------------------------------------------------- reporting

    def _report(self, kind: str, page: str, start: float, action: Callable[[], Run]) -> Run | None:
        """Do ``action`` and report it to Locust; on a failure drop the connection (reopened next time)."""
        run: Run | None = None
        error: Exception | None = None
        start_time = time.time()
        try:
            run = action()
            if run.exceptions:
                error = StreamlitError("; ".join(run.exceptions))
        except Exception as err:  # a websocket failure, a timeout, a message that does not parse: all errors
            error = err
        elapsed_ms = run.seconds * 1000 if run is not None else (time.perf_counter() - start) * 1000
        self.environment.events.request.fire(
            request_type="WS",
            name=f"{kind} /{page}",
            response_time=elapsed_ms,
            response_length=run.bytes if run is not None else 0,
            response=None,
            context={"user": self.index, "kind": kind, "page": page},
            exception=error,
            start_time=start_time,
            url=f"/{page}",
        )
        if error is not None and run is None:
            self.session.close()
            self.broken = True
        return run

    def _open(self, page: str, query: str) -> None:
        """A new tab on ``/page?query``: the HTML, then the websocket and the first run."""
        self.session.close()
        session = self.session = StreamlitSession(self.host or "")
        self.broken = False
        start = time.perf_counter()
        try:
            with self.environment.events.request.measure("GET", f"/{page}", context={"user": self.index}) as meta:
                meta["response_length"], token = session.get_page(page)
        except Exception:  # reported by measure(); the websocket may still open
            token = ""

        def first_run() -> Run:
            session.connect(token)
            return session.open(page, query)

        self.page = page
        self._report("open", page, start, first_run)

    # ---------------------------------------------------------------- the lesson

    @task
    def act(self) -> None:
        if self.broken:  # a browser reconnects, on the URL it shows
            self._open(self.page, self.session.query)
            return
        session = self.session
        roll = self.rng.random()
        start = time.perf_counter()
        if roll < SWITCH_SHARE:
            page = self.rng.choice([p for p in PAGES if p != self.page])
            run = self._report("switch", page, start, lambda: session.switch(page))
            if run is not None:
                self.page = page
            return
        query = self._query()
        if self.page in CELL_PAGES and roll < SWITCH_SHARE + PIN_SHARE:
            kind = "pin"
            out_channels = int(query.get("out_channels", "1")) if query.get("out_channels", "").isdigit() else 1
            query["cell"] = f"0,{self.rng.randrange(out_channels)},{self.rng.randrange(32)}"
        else:
            kind = "setting"
            key = self.rng.choice(list(KNOBS[self.page]))
            choices = [v for v in KNOBS[self.page][key] if v != query.get(key)]
            _set(query, key, self.rng.choice(choices))
        text = urlencode(query, safe=",;|")  # spelled as the app spells its own links (url_state.share_query)
        self._report(kind, self.page, start, lambda: session.rerun(text))

    def _query(self) -> dict[str, str]:
        """The query string the student's browser shows now (what it sent last, or what the script wrote since)."""
        return dict(parse_qsl(self.session.query, keep_blank_values=True))

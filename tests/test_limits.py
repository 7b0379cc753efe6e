"""The app's limits, end to end: the largest allowed views are allowed, anything beyond is refused first.

A refusal must come before the heavy work it protects against. Each page is
opened in AppTest on a view beyond the limits with that work booby-trapped
(the functions that would do it raise ``AssertionError`` if called): the page
must show the rule as an error, with no exception. Oversize uploads get the
same treatment, with the file readers trapped. How long the largest views
take is the benchmark's business (``python -m tests.perf.engine``), not a test's:
a shared CI box is too noisy for a time bound.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from streamlit.testing.v1 import AppTest
from streamlit.util import calc_hash

from conv_viz import data, engine, reference
from conv_viz.core import limits, toeplitz, unfold
from conv_viz.errors import ConvVizError
from conv_viz.pages import receptive_field
from conv_viz.pages.ui import escape
from conv_viz.server.url_state import parse
from conv_viz.stack.grammar import parse_stack
from conv_viz.stack.shapes import fitting_lengths
from conv_viz.stack.trace import check_work, trace
from conv_viz.views import backward as view_backward
from conv_viz.views import groups, scene, transposed
from conv_viz.views.matrix import build_matrix
from tests.app_pages import open_sidebar_box
from tests.perf import pages

REPO_ROOT = Path(__file__).resolve().parents[1]


def _pure_build(page: str) -> Callable[[Any], object]:
    """What the page computes from its view, without Streamlit."""

    def matrix(view: Any) -> object:
        return build_matrix(scene.build_scene(scene.ConvSpec.of(view)))

    def stack(view: Any) -> object:
        placed = parse_stack(view.stack)
        layers = tuple(p.layer for p in placed)
        t = trace(placed, view.conv.in_channels, view.length, fitting_lengths(layers, view.conv.in_channels))
        check_work(t)
        return t

    def backward(view: Any) -> object:
        """The gradients, and the training unless its own limit refuses it (the page says so and goes on)."""
        grads = view_backward.build_backward(view_backward.backward_spec(view))
        try:
            return grads, view_backward.build_training(view_backward.train_spec(view))
        except ConvVizError as err:
            if err.key != "limit_train":
                raise
            return grads, err

    builders: dict[str, Callable[[Any], object]] = {
        "playground": lambda view: scene.build_scene(scene.ConvSpec.of(view)),
        "transposed": lambda view: transposed.build_transposed(transposed.TransposedSpec.of(view)),
        "groups": lambda view: groups.build_groups(groups.GroupsSpec.of(view)),
        "matrix": matrix,
        "receptive-field": stack,
        "backward": backward,
    }
    return builders[page]


LARGEST = [c for c in pages.CASES if c.name == "largest" and c.query]


@pytest.mark.parametrize("case", LARGEST, ids=[f"{c.page}:{c.query[:40]}" for c in LARGEST])
def test_the_benchmarks_largest_views_are_within_the_limits(case: pages.Case) -> None:
    """The views the benchmark times as "largest" parse cleanly and compute: the limits allow them."""
    view, warnings = parse(dict(pages._query(case)))
    assert warnings == []
    _pure_build(case.page)(view)


# ---------------------------------------------------------------- refused before the work


def _trap(name: str) -> Callable[..., Any]:
    def trapped(*args: Any, **kwargs: Any) -> Any:
        raise AssertionError(f"{name} ran for a view the limits refuse")

    return trapped


# (page, query beyond the limits, error key, heavy work that must not start: (module, attribute))
BEYOND = [
    pytest.param(
        "playground",
        "in_channels=64&out_channels=64&kernel_size=128&length=48000",
        "limit",
        [(data, "make_data"), (engine, "conv1d"), (reference, "torch_seeded")],
        id="playground-input-values",
    ),
    pytest.param(
        "playground",
        "in_channels=20&out_channels=64&kernel_size=128&length=48000",
        "limit_work",
        [(data, "make_data"), (engine, "conv1d"), (reference, "torch_seeded")],
        id="playground-work",
    ),
    pytest.param(  # every knob and the work allowed, but 16·64·48,000 outputs would be 393 MB of float64
        "playground",
        "batch=16&in_channels=1&out_channels=64&kernel_size=1&length=48000",
        "limit",
        [(data, "make_data"), (engine, "conv1d"), (reference, "torch_seeded")],
        id="playground-output-values",
    ),
    pytest.param(
        "transposed",
        "in_channels=64&out_channels=64&kernel_size=128&length=15000",
        "transposed_work",
        [(transposed, "make_data"), (engine, "conv_transpose1d")],
        id="transposed-work",
    ),
    pytest.param(
        "transposed",
        "in_channels=2&out_channels=64&stride=64&length=48000",
        "limit",
        [(transposed, "make_data"), (engine, "conv_transpose1d")],
        id="transposed-output",
    ),
    pytest.param(
        "groups",
        "in_channels=64&out_channels=64&kernel_size=128&length=15000",
        "limit_work",
        [(groups, "_weights"), (engine, "conv1d")],
        id="groups-work",
    ),
    pytest.param(
        "matrix",
        "in_channels=64&out_channels=64&kernel_size=3&length=4000",
        "matrix_too_big",
        [(toeplitz, "build"), (toeplitz, "apply"), (unfold, "gemm")],
        id="matrix-size",
    ),
    pytest.param(
        "receptive-field",
        "stack=conv:64,64,128;conv:64,64,128&in_channels=64&length=15000",
        "stack_work",
        [(receptive_field, "dependencies"), (reference, "run_torch_stack")],
        id="stack-work",
    ),
]


def open_page(page: str, query: str) -> AppTest:
    at = AppTest.from_file(str(REPO_ROOT / "app.py"), default_timeout=120)
    for key, value in (pair.split("=", 1) for pair in query.split("&")):
        at.query_params[key] = value
    at._page_hash = calc_hash(page)
    return at.run()


@pytest.mark.usefixtures("fresh_caches")
@pytest.mark.parametrize(("page", "query", "key", "heavy"), BEYOND)
def test_beyond_the_limits_is_refused_before_the_work(
    monkeypatch: pytest.MonkeyPatch, page: str, query: str, key: str, heavy: list[tuple[Any, str]]
) -> None:
    view, warnings = parse(dict(pair.split("=", 1) for pair in query.split("&")))
    assert warnings == []  # every knob is within its own limit: only their combination is too much
    with pytest.raises(ConvVizError) as info:
        _pure_build(page)(view)
    assert info.value.key == key
    for module, name in heavy:
        monkeypatch.setattr(module, name, _trap(f"{module.__name__}.{name}"))
    at = open_page(page, query)
    assert not at.exception, [e.value for e in at.exception]
    assert escape(info.value.message("en")) in [e.value for e in at.error]


# ---------------------------------------------------------------- uploads


UPLOAD_PAGES = ["playground", "transposed", "groups", "matrix"]  # the pages with the data sidebar


@pytest.mark.parametrize("name", ["big.csv", "big.wav"])
@pytest.mark.parametrize("page", UPLOAD_PAGES)
def test_an_upload_over_the_limit_is_refused_unread(monkeypatch: pytest.MonkeyPatch, page: str, name: str) -> None:
    """Streamlit's own 5 MB cap (.streamlit/config.toml) stops the browser; the app checks again, before reading."""
    at = open_page(page, "seed=1")
    monkeypatch.setattr(data, "load_csv", _trap("data.load_csv"))
    monkeypatch.setattr(data, "load_wav", _trap("data.load_wav"))
    raw = b"1\n" * (limits.MAX_UPLOAD_BYTES // 2 + 1)
    at = open_sidebar_box(at, "upload")
    at.file_uploader(key="upload_file").set_value((name, raw, "text/csv"))
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    expected = ConvVizError(
        "upload_too_big",
        size=f"{len(raw):,}",
        max=f"{limits.MAX_UPLOAD_BYTES:,}",
        max_mb=limits.MAX_UPLOAD_BYTES // 2**20,
    )
    assert escape(expected.message("en")) in [e.value for e in at.error]
    assert not at.query_params.get("x")  # nothing of the file reached the view


@pytest.mark.parametrize("reader", [data.load_csv, data.load_wav])
def test_the_readers_refuse_an_oversize_file_first(reader: Callable[[bytes], object]) -> None:
    with pytest.raises(ConvVizError) as info:
        reader(b"\x00" * (limits.MAX_UPLOAD_BYTES + 1))
    assert info.value.key == "upload_too_big"

"""The playground keeps its animation figure in the shared budget: weighed no lighter than it is, and reused."""

from __future__ import annotations

import dataclasses
import tracemalloc

import pytest

from conv_viz.figures import screens
from conv_viz.pages import playground
from conv_viz.server import memo
from conv_viz.server.url_state import DEFAULT
from conv_viz.views.scene import ConvSpec

SPEC = ConvSpec.of(DEFAULT)
VIEWS = [
    SPEC,
    dataclasses.replace(
        SPEC, conv=dataclasses.replace(SPEC.conv, in_channels=8, out_channels=8, kernel_size=64), length=2000
    ),
    dataclasses.replace(
        SPEC, conv=dataclasses.replace(SPEC.conv, in_channels=64, out_channels=4, kernel_size=9, padding=4), length=300
    ),
]


@pytest.mark.parametrize("screen", screens.SCREENS.values(), ids=screens.SCREENS.keys())
@pytest.mark.parametrize("spec", VIEWS, ids=["default", "long-kernel", "many-channels"])
def test_weight_is_never_less_than_what_the_figure_holds(spec: ConvSpec, screen: screens.Screen) -> None:
    build = playground._drawn.__wrapped__  # type: ignore[attr-defined]
    build(spec, 0, 0, 0, "en", screen)  # plotly builds its classes on first use: not the figure's memory
    tracemalloc.start()
    try:
        drawn = build(spec, 0, 0, 0, "en", screen)
        held, _ = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert held <= playground._figure_bytes(drawn) <= 3 * held


def test_a_rerun_sends_the_kept_figure_and_a_new_pin_draws_a_new_one() -> None:
    memo.clear()
    first = playground._drawn(SPEC, 0, 0, 1, "en", screens.LAPTOP)
    assert playground._drawn(SPEC, 0, 0, 1, "en", screens.LAPTOP) is first
    moved = playground._drawn(SPEC, 0, 0, 2, "en", screens.LAPTOP)
    assert moved is not first
    assert moved[0] != first[0]
    assert playground._drawn(SPEC, 0, 0, 1, "zh", screens.LAPTOP)[1] != first[1]  # the keys speak the language
    memo.clear()

"""Typed weights lock out_channels and kernel_size: the locked fields say why (with the weight's shape),
and the weight menu shows that the weights are typed instead of naming a preset it no longer uses.
"""

from __future__ import annotations

import pytest

from conv_viz.i18n import translate
from tests.app_pages import open_page

W = "1,0,-1;0.5,0.5,0.5|0,1,0;1,1,1"  # (2, 2, 3)


@pytest.mark.parametrize("lang", ["en", "zh"])
@pytest.mark.parametrize("page", ["playground", "transposed"])
def test_typed_weights_say_why_fields_are_locked(page: str, lang: str) -> None:
    at = open_page(page, w=W, lang=lang)
    assert not at.exception
    reason = translate(lang, "help.set_by_typed_w", shape="(2, 2, 3)")
    for key in ("out_channels", "kernel_size"):
        field = at.number_input(key=key)
        assert field.disabled is True
        assert field.help == reason
    marker = at.selectbox(key="weights_typed")
    assert marker.disabled is True
    assert marker.value == translate(lang, "ui.weights_typed", shape="(2, 2, 3)")
    assert marker.help == reason
    assert not [s for s in at.selectbox if s.key == "weights"]  # no preset reads as if it were used
    assert at.session_state["weights"] == "random"  # kept for when the typed weight is cleared
    assert "w" in at.query_params


def test_clearing_typed_weights_brings_the_preset_back() -> None:
    at = open_page("playground", w=W, weights="edge")
    at.text_area(key="w").set_value("").run()
    assert not at.exception
    assert at.selectbox(key="weights").value == "edge"
    assert at.selectbox(key="weights").disabled is False
    assert at.number_input(key="kernel_size").disabled is False
    assert at.number_input(key="kernel_size").help == translate("en", "help.kernel_size")


def test_untyped_weights_keep_the_preset_menu() -> None:
    at = open_page("playground")
    assert at.selectbox(key="weights").value == "random"
    assert at.number_input(key="out_channels").help == translate("en", "help.out_channels")
    assert not [s for s in at.selectbox if s.key == "weights_typed"]

"""The /groups page in Streamlit's AppTest: it renders, shows the computed numbers, names broken rules, speaks zh."""

from __future__ import annotations

import pytest

from tests.app_pages import open_page, text_of
from tests.markdown_tables import tables

pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")


def test_default_page_renders() -> None:
    at = open_page("groups")
    assert not at.exception
    assert not at.error
    assert at.title[0].value == "Conv1d Lab · groups"
    assert len(at.get("plotly_chart")) == 2  # small multiples and the wiring matrix


def test_every_groups_value_with_costs_and_checks() -> None:
    at = open_page("groups", in_channels="4", out_channels="8", groups="2", depth_multiplier="2", padding="0")
    assert not at.exception
    assert not at.error
    options, costs, checks = tables(at)
    assert options["groups"] == ["1", "2", "4"]
    assert options["weight.shape"] == ["(8, 4, 3)", "(8, 2, 3)", "(8, 1, 3)"]
    assert options["parameters"] == ["104", "56", "32"]
    assert costs["weight.shape"] == ["(8, 1, 3)", "(8, 8, 1)", "(8, 4, 3)"]
    assert checks["allclose"] == ["✓"] * 4
    text = text_of(at)
    assert "is a depthwise convolution" in text
    assert "groups=2 really is 2 independent convolutions" in text
    assert "Separable: **104** parameters" in text  # 32 + 72 = 104 vs 104: no saving at this size
    assert "nn.Conv1d(4, 8, 3, groups=4)" in text
    assert "`Conv1d(4, 8, kernel_size=(3,), stride=(1,), groups=2)`" in text  # the selected layer, as torch prints it


def test_invalid_groups_names_the_rule_and_keeps_the_diagrams() -> None:
    at = open_page("groups", in_channels="4", out_channels="6", groups="4")
    assert not at.exception
    assert len(at.error) == 1
    assert "Valid groups here: 1, 2" in at.error[0].value.replace("\\", "")
    assert tables(at)[0]["groups"] == ["1", "2"]
    assert len(at.get("plotly_chart")) == 1  # the matrix needs a valid groups value
    assert "Depthwise needs out_channels to be a multiple" in text_of(at)


def test_multiplier_widget_updates_the_link() -> None:
    at = open_page("groups", in_channels="2", out_channels="4")
    at.number_input(key="depth_multiplier").set_value(3).run()
    assert not at.exception
    assert at.query_params["depth_multiplier"] == "3"
    assert "nn.Conv1d(2, 6, 3, groups=2)" in text_of(at)


def test_oversized_multiplier_is_clamped_to_the_channel_limit() -> None:
    at = open_page("groups", in_channels="8", out_channels="8", depth_multiplier="20")
    assert not at.exception
    assert not at.error
    assert at.number_input(key="depth_multiplier").value == 8  # 8 · 8 = 64 channels, the app's limit


def test_chinese() -> None:
    at = open_page("groups", lang="zh", in_channels="4", out_channels="8")
    assert not at.exception
    assert "实验室" in at.title[0].value
    assert "深度卷积" in text_of(at)


def test_without_torch_the_page_says_the_check_is_off(monkeypatch: pytest.MonkeyPatch) -> None:
    from conv_viz import reference

    monkeypatch.setattr(reference, "torch_available", lambda: False)
    # a seed no other test caches: torch's results from another test must not come back
    at = open_page("groups", seed="424242", in_channels="4", out_channels="4", groups="2")
    assert not at.exception
    assert not at.error
    assert any("torch is not installed" in i.value for i in at.info)
    assert "allclose" not in tables(at)[2]  # no torch column, the layers are still listed
    assert "groups=2 really is 2 independent convolutions" in text_of(at)


def test_typed_weight_and_bias_lock_nothing_here() -> None:
    """This page builds its own layers: a typed w or b (kept for the other pages) disables no control and says so."""
    for query in ({"w": "1,2,3;4,5,6", "out_channels": "4"}, {"b": "0.5,1"}):
        at = open_page("groups", **query)
        assert not at.exception
        assert at.number_input(key="out_channels").disabled is False
        assert at.number_input(key="kernel_size").disabled is False
        assert at.selectbox(key="weights").disabled is False
        assert at.text_area(key="w").disabled is True
        assert any("does not use them" in i.value for i in at.info), [i.value for i in at.info]
        for key, value in query.items():  # kept in the link for the pages that use them
            assert at.query_params[key] in ([value], value)

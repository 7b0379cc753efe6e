"""The /transposed page in Streamlit's AppTest: it renders, shows the computed numbers, names broken rules, speaks zh."""

from __future__ import annotations

import pytest

from tests.app_pages import all_green, open_clean, open_page, text_of
from tests.markdown_tables import tables

pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")


def test_default_page_renders_every_section() -> None:
    at = open_page("transposed")
    assert not at.exception
    assert at.title[0].value == "Conv1d Lab · ConvTranspose1d"
    assert len(at.get("plotly_chart")) == 3  # scatter-add, overlaps, round trip
    at = open_page("transposed", in_channels="2", out_channels="3", padding="1", length="12")
    text = text_of(at)
    assert "ConvTranspose1d(2, 3, kernel_size=(3,), stride=(1,), padding=(1,))" in text
    assert "`y (1, 3, 12)`" in text
    assert len(at.tabs) == 4
    assert not at.error


def test_stride_two_shows_lengths_overlaps_and_checks() -> None:
    at = open_clean("transposed", stride="2", padding="1", output_padding="1", input="ramp", weights="moving_average")
    text = text_of(at)
    assert "`y (1, 2, 24)`" in text
    assert "**23, 24**" in text  # the Conv1d lengths output_padding chooses between
    assert "**1, 2** with period stride=2" in text  # the checkerboard, computed
    assert r"= 24 \end{aligned}" in text
    assert len(all_green(at)) == 2
    assert "The transpose is not the inverse" in text
    lengths = tables(at)[0]
    assert lengths["ConvTranspose1d L_out"] == ["23", "24"]


def test_stride_one_has_one_length_and_says_so() -> None:
    at = open_page("transposed", stride="1", padding="1", length="12")
    assert not at.exception
    text = text_of(at)
    assert "maps only the input length **12**" in text  # the transposed output, 12, is the only Conv1d preimage
    assert "forgets the remainder" not in text


def test_widget_edit_updates_page_and_link() -> None:
    at = open_page("transposed", padding="1", length="12", out_channels="2")
    at.number_input(key="stride").set_value(3).run()
    assert not at.exception
    assert at.query_params["stride"] == "3"
    assert "`y (1, 2, 34)`" in text_of(at)  # (12 − 1)·3 − 2·1 + 1·(3 − 1) + 0 + 1


@pytest.mark.parametrize(
    ("query", "needle"),
    [
        ({"padding": "same"}, "ConvTranspose1d takes a number for padding"),
        ({"padding_mode": "circular"}, 'Only "zeros" padding mode'),
        ({"stride": "2", "output_padding": "2"}, "output_padding ≤ 1"),
        ({"groups": "2", "in_channels": "3"}, "Valid groups here: 1"),
    ],
)
def test_impossible_settings_show_the_rule(query: dict[str, str], needle: str) -> None:
    at = open_page("transposed", **query)
    assert not at.exception
    assert len(at.error) == 1
    assert needle in at.error[0].value.replace("\\", "")
    assert at.query_params[next(iter(query))] == next(iter(query.values()))  # the link keeps the setting


def test_chinese() -> None:
    at = open_page("transposed", lang="zh", stride="2")
    assert not at.exception
    assert "实验室" in at.title[0].value
    assert "棋盘格" in text_of(at)
    bad = open_page("transposed", lang="zh", padding="valid")
    assert "padding 只能是整数" in bad.error[0].value.replace("\\", "")


def test_typed_weight_reads_as_torch_stores_it() -> None:
    at = open_clean("transposed", x="1,2,3;4,5,6", w="1,0,-1|0.5,0.5,0.5", padding="0", stride="2")
    text = text_of(at)
    assert "ConvTranspose1d(2, 1, kernel_size=(3,), stride=(2,))" in text
    assert "(in_channels, out_channels / groups, kernel_size)" in text


def test_without_torch_the_page_says_the_check_is_off(monkeypatch: pytest.MonkeyPatch) -> None:
    from conv_viz import reference

    monkeypatch.setattr(reference, "torch_available", lambda: False)
    at = open_page("transposed", seed="424242", stride="2")  # a seed no other test caches
    assert not at.exception
    assert not at.error
    infos = [i.value for i in at.info]
    assert any("torch is not installed" in i for i in infos)
    assert any("seeded data comes from NumPy" in i for i in infos)
    assert "Why “transpose”" in text_of(at)  # the engine's own identities still show


def test_settings_survive_a_page_switch() -> None:
    """The playground's toggles and choices are still set on arrival (Streamlit drops them unless kept)."""
    from streamlit.testing.v1 import AppTest
    from streamlit.util import calc_hash

    from tests.app_pages import REPO_ROOT, TIMEOUT_S

    at = AppTest.from_file(str(REPO_ROOT / "app.py"), default_timeout=TIMEOUT_S).run()  # the playground
    at.selectbox(key="dtype").set_value("float32").run()
    at._page_hash = calc_hash("transposed")
    at.run()
    assert not at.exception
    assert at.toggle(key="bias").value is True
    assert at.selectbox(key="dtype").value == "float32"
    assert "`float32`" in text_of(at)


def test_shape_line_shows_the_layer_as_torch_prints_it() -> None:
    import torch

    at = open_page(
        "transposed",
        in_channels="4",
        out_channels="8",
        kernel_size="3",
        stride="2",
        padding="1",
        dilation="2",
        groups="2",
        bias="false",
        output_padding="1",
        length="10",
    )
    assert not at.exception
    assert not at.error
    module = torch.nn.ConvTranspose1d(4, 8, 3, stride=2, padding=1, output_padding=1, groups=2, bias=False, dilation=2)
    assert f"`{module!r}`" in text_of(at)
    assert "output_padding=(1,), groups=2, bias=False)" in text_of(at)

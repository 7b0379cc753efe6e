"""The /receptive-field page in Streamlit's AppTest: shapes, breaks in torch's words, presets, the chosen cell, zh."""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from conv_viz import reference
from conv_viz.stack.presets import EXAMPLE, TCN, TUTORIAL, TUTORIAL_1D
from tests.app_pages import open_clean, open_page, text_of
from tests.markdown_tables import tables

pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")


def _table(at: AppTest) -> dict[str, list[str]]:
    return tables(at)[0]


def test_default_example_runs_and_matches_torch() -> None:
    at = open_clean("receptive-field")
    assert at.title[0].value == "Conv1d Lab · A stack of layers"
    table = _table(at)
    assert table["output shape"][1:] == table["torch's shape"][1:]
    assert table["receptive field"] == ["1", "3", "3", "4", "8", "8", "12"]
    text = text_of(at)
    assert "gets the same shape at every layer ✓" in text
    assert "the same set as above ✓" in text
    assert at.text_area(key="stack_text").value == EXAMPLE.stack
    assert "stack" not in at.query_params  # the example is what a bare link shows


def test_tutorial_as_written_breaks_where_torch_does() -> None:
    at = open_page("receptive-field", stack=TUTORIAL.stack, in_channels="1", length="250")
    assert not at.exception
    assert len(at.error) == 1
    error = at.error[0].value.replace("\\", "")
    assert "expected input[1, 4, 122] to have 8 channels, but got 4 channels instead" in error
    notes = "\n".join(i.value for i in at.info)
    assert "pools over the channels as well as the length (layer 3)" in notes
    assert "the stack runs for L = 214–217" in notes
    text = text_of(at)
    assert "No input length L from 1 to 48,000 gets past layer 4" in text
    assert "raises at layer 4 ✓" in text
    assert "Given groups=1, weight of size [18, 8, 7], expected input[1, 4, 122] to have 8 channels" in text  # torch's
    assert _table(at)["output shape"][4] == "✗ breaks here"


def test_tutorial_with_1d_pooling_needs_214_to_217() -> None:
    at = open_page("receptive-field", stack=TUTORIAL_1D.stack, in_channels="1", length="250")
    assert not at.exception
    error = at.error[0].value.replace("\\", "")
    assert error.startswith("mat1 and mat2 shapes cannot be multiplied (1x1044 and 882x140)")
    assert "in_features=1044" in error
    notes = "\n".join(i.value for i in at.info)
    assert "882 = 18·49" in notes
    assert "**214–217**" in text_of(at)


def test_a_preset_button_writes_the_link() -> None:
    at = open_page("receptive-field")
    at.button[1].click().run()  # the TCN
    assert not at.exception
    assert at.query_params["stack"] == TCN.stack
    assert at.query_params["length"] == "32"
    assert at.query_params["cell"] == "0,0,31"
    assert at.text_area(key="stack_text").value == TCN.stack
    text = text_of(at)
    assert "**It depends on 16 input cells**: 1 of 1 channels, positions 16–31" in text


def test_editing_the_box_updates_the_link() -> None:
    at = open_page("receptive-field")
    at.text_area(key="stack_text").input("conv:2,3,5;relu").run()
    assert not at.exception
    assert at.query_params["stack"] == "conv:2,3,5;relu"
    assert _table(at)["output shape"] == ["(1, 2, 12)", "(1, 3, 8)", "(1, 3, 8)"]


def test_layer_and_cell_from_the_link() -> None:
    at = open_page("receptive-field", stack=TCN.stack, in_channels="1", length="32", layer="3", cell="0,5,10")
    assert not at.exception
    assert at.selectbox(key="layer").value == 3
    assert "What output [5, 10] of layer 3 depends on" in text_of(at)
    assert "positions 7–10" in text_of(at)  # dilations 1 and 2: 1 + 1 + 2 = 4 cells ending at t


def test_a_layer_past_the_break_falls_back() -> None:
    at = open_page("receptive-field", stack=TUTORIAL.stack, in_channels="1", length="250", layer="9")
    assert not at.exception
    assert at.selectbox(key="layer").value == 3
    assert "layer" not in at.query_params


def test_grammar_mistake_shows_the_position_and_a_caret() -> None:
    at = open_page("receptive-field", stack="conv:1,8,7;maxpol:2")
    assert not at.exception
    assert "Character 12" in at.error[0].value
    assert "Did you mean 'maxpool'" in at.error[0].value.replace("\\", "")
    assert at.code[0].value == "conv:1,8,7;maxpol:2\n           ^"
    assert "stack" not in at.query_params  # a stack the app refuses never goes into the link (url_state.write)


def test_too_much_work_is_refused_but_the_shapes_stay() -> None:
    stack = ";".join(["conv:64,64,128,padding=same"] * 3)
    at = open_page("receptive-field", stack=stack, in_channels="64", length="48000")
    assert not at.exception
    assert "One pass through this stack takes" in at.error[0].value.replace("\\", "")
    assert _table(at)["output shape"][-1] == "(1, 64, 48000)"


def test_user_text_is_never_markdown() -> None:
    at = open_page("receptive-field", stack="<b>x</b>:1")
    assert not at.exception
    assert "<b>x</b>" not in at.error[0].value  # escaped in the message
    assert at.code[0].value.startswith("<b>x</b>:1")  # shown literally in the code block


def test_chinese() -> None:
    at = open_page("receptive-field", lang="zh", stack=TUTORIAL.stack, in_channels="1", length="250")
    assert not at.exception
    assert at.title[0].value == "Conv1d Lab · 层的堆叠"
    assert "堆叠在第 4 层出错" in text_of(at)
    assert "实际却有 4 个" in at.error[0].value


@pytest.mark.usefixtures("fresh_caches")
def test_page_runs_without_torch(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(reference, "torch_available", lambda: False)
    at = open_page("receptive-field", stack=TUTORIAL.stack, in_channels="1", length="250")
    assert not at.exception
    assert any("torch is not installed" in i.value for i in at.info)
    assert "torch's shape" not in _table(at)
    assert "expected input[1, 4, 122]" in at.error[0].value.replace("\\", "")  # the trace needs no torch


M5 = (
    "conv:1,128,80,4;relu;maxpool:4;conv:128,128,3;relu;maxpool:4;conv:128,256,3;relu;maxpool:4;"
    "conv:256,512,3;relu;maxpool:4"
)


def test_a_real_model_shows_its_shapes_and_receptive_field_and_skips_the_numbers() -> None:
    at = open_page("receptive-field", stack=M5, in_channels="1", length="32000")
    assert not at.exception
    table = _table(at)
    assert table["output shape"][-1] == "(1, 512, 30)"
    assert table["receptive field"][-1] == "1772"
    text = text_of(at)
    assert "The numeric part (torch's run of the stack" in text
    assert len(at.error) == 1
    assert "One pass through this stack takes" in at.error[0].value.replace("\\", "")
    zh = open_page("receptive-field", lang="zh", stack=M5, in_channels="1", length="32000")
    assert not zh.exception
    assert "数值部分" in text_of(zh)


def test_128_channels_still_run_in_torch_when_small_enough() -> None:
    stack = ";relu;".join(["conv:1,128,2,causal"] + [f"conv:128,128,2,dilation={d},causal" for d in (2, 4, 8)])
    at = open_clean("receptive-field", stack=stack, in_channels="1", length="64")
    table = _table(at)
    assert table["output shape"][1:] == table["torch's shape"][1:]
    assert table["receptive field"][-1] == "16"
    assert "the same set as above ✓" in text_of(at)


def test_a_tensor_over_the_value_limit_says_so() -> None:
    at = open_page("receptive-field", stack="conv:1,4096,1;relu", in_channels="1", length="1000")
    assert not at.exception
    assert _table(at)["output shape"][-1] == "(1, 4096, 1000)"
    assert "holds 4,096,000 values" in at.error[0].value.replace("\\", "")


def test_hostile_channel_count_is_a_message() -> None:
    at = open_page("receptive-field", stack=f"conv:1,{10**19},3")
    assert not at.exception
    assert "from 1 to 4,096" in at.error[0].value.replace("\\", "")

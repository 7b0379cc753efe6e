"""The /matrix page in Streamlit's AppTest: T, unfold and k=1 render with their checks; errors and zh work."""

from __future__ import annotations

import numpy as np
import pytest
from streamlit.testing.v1 import AppTest

from conv_viz import reference
from conv_viz.core import toeplitz
from conv_viz.core.geometry import conv_geometry
from conv_viz.core.params import Conv1dParams
from tests.app_pages import open_page, text_of
from tests.markdown_tables import tables

pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")

QUERY = {
    "in_channels": "2",
    "out_channels": "3",
    "kernel_size": "3",
    "padding": "2",
    "padding_mode": "reflect",
    "length": "8",
    "cell": "0,2,4",
}


def _checks(at: AppTest) -> list[str]:
    """The allclose column of every checks table on the page."""
    return [mark for table in tables(at) for mark in table["allclose"]]


def test_every_section_renders_and_every_check_passes() -> None:
    at = open_page("matrix", **QUERY)
    assert not at.exception
    assert not at.error
    assert at.title[0].value == "Conv1d Lab · Convolution as a matrix"
    text = text_of(at)
    p = Conv1dParams(2, 3, 3, padding=2, padding_mode="reflect")
    g = conv_geometry(p, 8)
    assert g.out_length == 10
    assert "`T (30, 16)`" in text  # (C_out·L_out, C_in·L_in)
    assert "**Row 24 of T is y[0, 2, 4]**" in text  # o·L_out + t = 2·10 + 4
    t = toeplitz.build(p, g, np.ones(p.weight_shape))
    assert f"{t.nnz} non-zero entries" in text  # reflect copies merge into fewer entries than taps
    assert t.nnz < 3 * 10 * 2 * 3
    assert "xp = F.pad(x, (2, 2), mode='reflect')" in text
    assert len(at.tabs) == 3
    assert _checks(at) == ["✓"] * 6  # T vs engine, torch, Jacobian; W·cols, Tensor.unfold, F.unfold
    assert [b.label for b in at.button] == ["Set kernel_size = 1 (padding 0, stride 1, groups 1)"]


def test_kernel_one_button_sets_the_state_and_the_link() -> None:
    at = open_page("matrix", **QUERY)
    at.button[0].click().run()
    assert not at.exception
    assert at.query_params["kernel_size"] == "1"
    assert "padding" not in at.query_params  # back to 0, torch's default
    text = text_of(at)
    assert "linear = nn.Linear(2, 3)" in text
    assert "linear.weight.copy_(conv.weight[:, :, 0])" in text
    assert "x_padded[0, :, 4] = [" in text
    assert _checks(at) == ["✓"] * 9  # the three Linear checks join the six


def test_typed_weights_disable_the_kernel_one_button() -> None:
    at = open_page("matrix", w="0.1,0.2,0.3", x="0,1,2,3,4,5", bias="false")
    assert not at.exception
    assert at.button[0].disabled
    assert "`T (4, 6)`" in text_of(at)


@pytest.mark.parametrize(
    ("query", "needle"),
    [
        ({"groups": "3", "in_channels": "2"}, "Valid groups here"),
        ({"in_channels": "16", "out_channels": "16", "length": "2000", "kernel_size": "9"}, "this page builds at most"),
        ({"padding": "7", "padding_mode": "reflect", "length": "4"}, "Padding size should be less"),
    ],
)
def test_impossible_or_too_big_settings_show_the_rule(query: dict[str, str], needle: str) -> None:
    at = open_page("matrix", **query)
    assert not at.exception
    assert len(at.error) == 1
    assert needle in at.error[0].value.replace("\\", "")


def test_large_input_draws_a_window_and_checks_everything() -> None:
    at = open_page("matrix", length="400", out_channels="4", padding="1", cell="0,3,200")
    assert not at.exception
    assert "drawn are rows" in "\n".join(i.value for i in at.info)
    text = text_of(at)
    assert "`T (1600, 800)`" in text  # C_out·L_out = 4·400, C_in·L_in = 2·400
    assert "**Row 1400 of T is y[0, 3, 200]**" in text
    assert "the Jacobian check (one backward pass per row) is skipped" in text
    assert _checks(at) == ["✓"] * 5  # the Jacobian row is left out, the products still cover all of T


def test_chinese() -> None:
    at = open_page("matrix", lang="zh", **QUERY)
    assert not at.exception
    assert at.title[0].value == "Conv1d Lab · 把卷积写成矩阵"
    assert "T 的第" in text_of(at)


@pytest.mark.usefixtures("fresh_caches")
def test_page_runs_without_torch(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(reference, "torch_available", lambda: False)
    at = open_page("matrix", **QUERY)
    assert not at.exception
    assert any("torch is not installed" in i.value for i in at.info)
    assert _checks(at) == ["✓", "✓"]  # NumPy's own: T·x + b and the GEMM against the engine


def test_the_matrix_names_the_layer_as_torch_prints_it() -> None:
    at = open_page(
        "matrix", in_channels="2", out_channels="4", kernel_size="3", groups="2", causal="true", bias="false"
    )
    assert not at.exception
    text = text_of(at)
    assert "`Conv1d(2, 4, kernel_size=(3,), stride=(1,), groups=2, bias=False)`" in text
    assert "`F.pad(x, (2, 0))`" in text

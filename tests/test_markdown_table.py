"""The Markdown table writer: every cell inert, numbers right-aligned, long tables cut with a note, CJK as is."""

from __future__ import annotations

import math
import string
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from conv_viz.text.markdown_table import ELLIPSIS, WORD_JOINER, escape_cell, format_value, markdown_table
from tests.markdown_tables import read_table

HOSTILE = "a|b*c_d$e<script>"
J = WORD_JOINER  # invisible: written {J} below


def _unescaped_punctuation(cell: str) -> list[str]:
    """ASCII punctuation in Markdown source that is not backslash-escaped (what Markdown could act on)."""
    found, i = [], 0
    while i < len(cell):
        if cell[i] == "\\" and i + 1 < len(cell) and cell[i + 1] in string.punctuation:
            i += 2
            continue
        if cell[i] in string.punctuation:
            found.append(cell[i])
        i += 1
    return found


def _body_cells(markdown: str) -> list[str]:
    """The raw (still escaped) text between the row pipes of the first data row."""
    row = markdown.splitlines()[2]
    return [c.strip() for c in row[2:-2].split(" | ")]


def test_hostile_cell_comes_out_inert() -> None:
    md = markdown_table(["h"], [[HOSTILE]])
    assert md.splitlines()[2] == r"| a\|b\*c\_d\$e\<script\> |"
    assert read_table(md) == {"h": [HOSTILE]}


@pytest.mark.parametrize("ch", list("|\\*_`[]<>#~$") + list(":&!()+-.{}@/=\"'"))
def test_each_special_character_is_escaped(ch: str) -> None:
    text = f"x{ch}y{ch}"
    cell = escape_cell(text)
    assert cell.replace(J, "") == f"x\\{ch}y\\{ch}"  # "@y" also gets a joiner (a bare e-mail link)
    assert _unescaped_punctuation(cell) == []
    assert read_table(markdown_table([ch], [[text]])) == {ch: [text]}  # the header is escaped too


@pytest.mark.parametrize(
    "text",
    [
        "**bold** _it_ `code` ~~gone~~",
        "[link](javascript:alert(1)) ![img](x) <https://example.com> www.example.com a@b.co",
        "$x^2$ and $$y$$",
        ":red[red] :material/home: :smile:",
        "<img src=x onerror=alert(1)> &lt; &#60;",
        "# heading > quote - item 1. item",
        r"back\slash \| \\| \*",
    ],
)
def test_markdown_constructs_stay_text(text: str) -> None:
    (cell,) = _body_cells(markdown_table(["h"], [[text]]))
    assert _unescaped_punctuation(cell) == []
    assert read_table(markdown_table(["h"], [[text]])) == {"h": [text]}


@given(st.text(st.characters(blacklist_categories=("Cs",)), max_size=40))
def test_any_text_round_trips_and_is_inert(text: str) -> None:
    md = markdown_table(["h", "i"], [[text, 1]])
    lines = md.split("\n")  # Markdown's line endings are \n, \r and \r\n only
    assert len(lines) == 3  # one line per row: line breaks cannot split a row
    assert "\r" not in md
    cell = lines[2][2:].rsplit(" | ", 1)[0]
    assert _unescaped_punctuation(cell) == []
    expected = text.replace("\r\n", " ").replace("\r", " ").replace("\n", " ").replace(WORD_JOINER, "").strip()
    assert read_table(md)["h"] == [expected]


@pytest.mark.parametrize(
    ("text", "cell"),
    [
        ("www.example.com", rf"w{J}ww\.example\.com"),
        ("see https://example.com/a", rf"see h{J}ttps\:\/\/example\.com\/a"),
        ("HTTP://X.Y", rf"H{J}TTP\:\/\/X\.Y"),
        ("a@b.co", rf"a\@{J}b\.co"),
        ("http://www.x.com", rf"h{J}ttp\:\/\/w{J}ww\.x\.com"),
    ],
)
def test_bare_links_are_broken_by_an_invisible_joiner(text: str, cell: str) -> None:
    """GitHub's bare-link search runs on the text after escapes are undone: a word joiner (U+2060) stops it."""
    assert escape_cell(text) == cell
    assert read_table(markdown_table(["h"], [[text]])) == {"h": [text]}


def test_newlines_become_spaces() -> None:
    assert escape_cell("a\nb\r\nc\rd") == "a b c d"


def test_numeric_columns_right_aligned_text_left() -> None:
    rows = [[1, 0.5, "1,024", "x[0,0,1]", "✓", "1.2e-16"], [22, -3.25, "—", "zero padding", "✗", "3.0e-17"]]
    md = markdown_table(["a", "b", "c", "d", "e", "f"], rows)
    assert md.splitlines()[1] == "| ---: | ---: | ---: | :--- | :--- | ---: |"
    assert read_table(md) == {
        "a": ["1", "22"],
        "b": ["0.5000", "-3.2500"],
        "c": ["1,024", "—"],
        "d": ["x[0,0,1]", "zero padding"],
        "e": ["✓", "✗"],
        "f": ["1.2e-16", "3.0e-17"],
    }


def test_shapes_and_empty_columns_are_text() -> None:
    md = markdown_table(["shape", ""], [["(8, 4, 3)", ""], ["(8, 2, 3)", "← current"]])
    assert md.splitlines()[1] == "| :--- | :--- |"
    assert read_table(md) == {"shape": ["(8, 4, 3)", "(8, 2, 3)"], "": ["", "← current"]}


def test_explicit_alignment() -> None:
    md = markdown_table(["a", "b", "c"], [[1, 2, 3]], align=["left", "center", "right"])
    assert md.splitlines()[1] == "| :--- | :---: | ---: |"
    with pytest.raises(ValueError, match="align"):
        markdown_table(["a"], [[1]], align=["middle"])
    with pytest.raises(ValueError, match="align"):
        markdown_table(["a", "b"], [[1, 2]], align=["left"])


def test_floats_as_torch_prints_them() -> None:
    assert format_value(0.5) == "0.5000"
    assert format_value(-0.00001) == "0.0000"  # no -0.0000
    assert format_value(np.float32(1.25)) == "1.2500"
    assert format_value(np.float64(-2.0)) == "-2.0000"
    assert format_value(np.int64(7)) == "7"
    assert format_value(1 / 3, decimals=2) == "0.33"
    assert format_value(math.inf) == "inf"
    assert format_value(math.nan) == "nan"
    assert format_value(None) == ""
    assert format_value("0.12345") == "0.12345"  # a page's own strings are kept as they are


def test_max_rows_shows_head_ellipsis_last_and_the_note() -> None:
    rows = [[i, float(i)] for i in range(10)]
    md = markdown_table(["i", "sum"], rows, max_rows=4, more="… 6 more terms …")
    table = read_table(md)
    assert table["i"] == ["0", "1", "2", ELLIPSIS, "9"]
    assert table["sum"] == ["0.0000", "1.0000", "2.0000", ELLIPSIS, "9.0000"]
    assert md.endswith("\n\n… 6 more terms …")
    assert md.splitlines()[1] == "| ---: | ---: |"  # the ⋮ row does not turn the numbers into text


def test_max_rows_not_reached_shows_everything_and_no_note() -> None:
    rows = [[i] for i in range(4)]
    md = markdown_table(["i"], rows, max_rows=4, more="never shown")
    assert read_table(md) == {"i": ["0", "1", "2", "3"]}
    assert "never shown" not in md
    assert markdown_table(["i"], rows, max_rows=None) == md
    with pytest.raises(ValueError, match="max_rows"):
        markdown_table(["i"], rows, max_rows=0)


def test_the_note_is_escaped_too() -> None:
    md = markdown_table(["i"], [[1], [2], [3]], max_rows=2, more="*2* <b>more</b>")
    assert md.endswith(r"\*2\* \<b\>more\<\/b\>")


def test_cjk_text_is_kept_as_is() -> None:
    md = markdown_table(["累加和", "读取"], [[1.5, "零填充"], [2.0, "x[0,1,2]（第 1 项）：完成"]])
    assert md.splitlines()[0] == "| 累加和 | 读取 |"
    assert md.splitlines()[2] == r"| 1\.5000 | 零填充 |"  # CJK untouched; ASCII punctuation escaped as anywhere
    assert read_table(md) == {"累加和": ["1.5000", "2.0000"], "读取": ["零填充", "x[0,1,2]（第 1 项）：完成"]}


def test_rows_must_match_the_header() -> None:
    with pytest.raises(ValueError, match="row 1"):
        markdown_table(["a", "b"], [[1, 2], [3]])
    with pytest.raises(ValueError, match="column"):
        markdown_table([], [])


def test_no_rows_is_a_header_only_table() -> None:
    assert markdown_table(["a"], []) == "| a |\n| :--- |"


def test_pure_numpy_and_stdlib() -> None:
    import subprocess
    import sys

    code = "import sys, conv_viz.text.markdown_table; print(sorted({m.split('.')[0] for m in sys.modules}))"
    loaded = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=Path(__file__).parents[1]
    ).stdout
    for heavy in ("streamlit", "pandas", "pyarrow", "plotly", "torch"):
        assert f"'{heavy}'" not in loaded

"""A one-table Streamlit script for tests/e2e/test_markdown_table.py: hostile cells through the writer."""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))  # `streamlit run` puts only this folder on sys.path

import streamlit as st

from conv_viz.text.markdown_table import markdown_table

CELLS = [
    "a|b*c_d$e<script>window.__xss=1</script>",
    '<img src=x onerror="window.__xss=2">',
    "**bold** _it_ `code` ~~gone~~ # not a heading",
    "[link](javascript:window.__xss=3) ![img](x) <https://example.com> www.example.com",
    "https://example.com/a a@b.co http://www.x.com",
    "$x^2$ and $$y$$ :red[red] :material/home: :smile:",
    r"back\slash \| \\| &lt; &#60;",
    "two\nlines",
    "累加和：零填充（第 1 项）",
]

st.markdown(markdown_table(["text", "n", "[h|*]"], [[c, i, -0.00001 * i] for i, c in enumerate(CELLS)]))
st.markdown(markdown_table(["i"], [[i] for i in range(10)], max_rows=4, more="… 6 more $rows$ …"))

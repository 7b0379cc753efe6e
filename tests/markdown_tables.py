"""Read back the tables the pages write with ``conv_viz.text.markdown_table``: cells as the reader sees them.

Import as ``from tests.markdown_tables import read_table, tables``.
"""

from __future__ import annotations

from streamlit.testing.v1 import AppTest

from conv_viz.text.markdown_table import WORD_JOINER


def _cells(line: str) -> list[str]:
    """One row's cells: split on the pipes that are not escaped, escapes and word joiners undone, padding stripped."""
    cells, cell, i = [], [], 0
    body = line.strip()
    assert body.startswith("|"), line
    assert body.endswith("|"), line
    body = body[1:-1]
    while i < len(body):
        ch = body[i]
        if ch == "\\" and i + 1 < len(body):
            cell.append(body[i + 1])
            i += 2
            continue
        if ch == "|":
            cells.append("".join(cell).strip())
            cell = []
        else:
            cell.append(ch)
        i += 1
    cells.append("".join(cell).strip())
    return [c.replace(WORD_JOINER, "") for c in cells]  # the writer's joiners inside bare links are invisible


def read_table(markdown: str) -> dict[str, list[str]]:
    """The first table in ``markdown``, column by column (header → the column's cells, top to bottom)."""
    lines = markdown.strip().split("\n")  # Markdown's line ends (the writer emits \n only), not str.splitlines'
    start = next(i for i, line in enumerate(lines) if line.startswith("|"))
    header = _cells(lines[start])
    rows = []
    for line in lines[start + 2 :]:
        if not line.startswith("|"):
            break
        rows.append(_cells(line))
    assert all(len(row) == len(header) for row in rows), markdown
    assert len(set(header)) == len(header), header
    return {name: [row[j] for row in rows] for j, name in enumerate(header)}


def tables(at: AppTest) -> list[dict[str, list[str]]]:
    """Every table on the page, in page order."""
    return [read_table(str(m.value)) for m in at.markdown if str(m.value).startswith("| ")]

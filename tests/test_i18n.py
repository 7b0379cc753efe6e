"""The English and Chinese tables say the same things with the same fields."""

from __future__ import annotations

import re
import string

import pytest

from conv_viz.i18n.en import STRINGS as EN
from conv_viz.i18n.zh import STRINGS as ZH

# CJK Unified Ideographs (+ extension A): at least one means the text was translated.
CJK = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff]")


def _fields(template: str) -> set[str]:
    """The ``{placeholder}`` names in a format string (``{{`` escapes excluded)."""
    return {name for _, name, _, _ in string.Formatter().parse(template) if name is not None}


def test_same_keys() -> None:
    assert sorted(EN.keys() - ZH.keys()) == [], "keys missing from zh.py"
    assert sorted(ZH.keys() - EN.keys()) == [], "keys missing from en.py"


@pytest.mark.parametrize("table", [EN, ZH], ids=["en", "zh"])
def test_values_are_non_empty_strings(table: dict[str, str]) -> None:
    empty = [k for k, v in table.items() if not isinstance(v, str) or not v.strip()]
    assert empty == []


def test_same_placeholders() -> None:
    mismatched = {
        key: (sorted(_fields(EN[key])), sorted(_fields(ZH[key])))
        for key in EN.keys() & ZH.keys()
        if _fields(EN[key]) != _fields(ZH[key])
    }
    assert mismatched == {}, "en vs zh placeholders differ"


def test_zh_is_translated() -> None:
    """code.* entries are Python snippets, the same in both languages; the rest is prose."""
    untranslated = sorted(k for k, v in ZH.items() if not k.startswith("code.") and not CJK.search(v))
    assert untranslated == []

"""User-facing strings: one table per language, looked up by key.

Pure (no Streamlit): errors, figures and pages all read text through
``translate`` so a page in Chinese never falls back to English prose.
"""

from __future__ import annotations

from conv_viz.i18n.en import STRINGS as EN
from conv_viz.i18n.zh import STRINGS as ZH

LANGUAGES = ("en", "zh")
TABLES: dict[str, dict[str, str]] = {"en": EN, "zh": ZH}


def translate(lang: str, key: str, **fields: object) -> str:
    """Text for ``key`` in ``lang`` (English for an unknown language), filled with ``fields``."""
    table = TABLES.get(lang, EN)
    template = table.get(key) or EN.get(key)
    if template is None:  # a missing key is a bug; show it rather than crash a page
        return key
    return template.format(**fields) if fields else template


def join(values: object) -> str:
    """A list of numbers the way messages show it: ``1, 2, 4``."""
    if isinstance(values, (list, tuple, range)):
        return ", ".join(str(v) for v in values)
    return str(values)

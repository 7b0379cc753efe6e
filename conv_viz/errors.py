"""The project's one error type.

A ``ConvVizError`` carries a message key and the numbers that fill it, so the
same broken rule can be told in English or Chinese (``message(lang)``), while
``str(err)`` stays English for logs and tests.
"""

from __future__ import annotations

from conv_viz.i18n import translate


class ConvVizError(ValueError):
    """A rule torch (or the app) enforces was broken; the message says how to fix it."""

    def __init__(self, key: str, **fields: object) -> None:
        self.key = key
        self.fields = fields
        super().__init__(self.message("en"))

    def message(self, lang: str = "en") -> str:
        return translate(lang, f"err.{self.key}", **self.fields)

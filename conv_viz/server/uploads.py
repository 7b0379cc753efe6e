"""Data too long for a link: kept on the server, named in the link by a hash of its content.

Standard library and NumPy only; the page holds one ``UploadStore`` (uploaded files, as arrays) and one
``TextStore`` (typed text, ``url_state.write``) per server process (``st.cache_resource``), shared by every
session, so a link a teacher copies works for the whole class on the same server. Each store is bounded
by count and by bytes (a 0.7 GB host): the least recently used entry goes first, and a link naming it
then falls back with a message (the preset for an upload, no typed data for text).
"""

from __future__ import annotations

import hashlib
import threading
from collections import OrderedDict
from typing import Generic, TypeVar

import numpy as np

from conv_viz.core.limits import MAX_INPUT_VALUES
from conv_viz.errors import ConvVizError

KEY_HEX = 16  # 64 bits of SHA-256: no accidental collision among a server's uploads, short enough for a link
MAX_UPLOADS = 32
MAX_UPLOAD_STORE_BYTES = 64 * 2**20  # eight uploads at the app's 1,000,000-value input limit, in float64
MAX_TEXTS = 64
MAX_TEXT_STORE_BYTES = 16 * 2**20  # thirty texts at the typed-data limit (20,000 numbers of 26 characters)

V = TypeVar("V")


def content_key(raw: bytes) -> str:
    """The name of an upload: the first 16 hex digits of the file's SHA-256 (the same file, the same name).

    >>> content_key(b"")
    'e3b0c44298fc1c14'
    """
    return hashlib.sha256(raw).hexdigest()[:KEY_HEX]


class _Lru(Generic[V]):
    """A thread-safe LRU by name, bounded by count and total bytes; the newest entry stays whatever its size."""

    def __init__(self, max_entries: int, max_bytes: int) -> None:
        self.max_entries, self.max_bytes = max_entries, max_bytes
        self._items: OrderedDict[str, V] = OrderedDict()
        self._bytes = 0
        self._lock = threading.Lock()  # Streamlit runs each session's script in its own thread

    @staticmethod
    def _size(value: V) -> int:
        raise NotImplementedError

    def _put(self, key: str, value: V) -> str:
        """Keep ``value`` under ``key``, dropping the least recently used entries past the bounds."""
        with self._lock:
            self._drop(key)
            self._items[key] = value
            self._bytes += self._size(value)
            while len(self._items) > self.max_entries or (len(self._items) > 1 and self._bytes > self.max_bytes):
                self._drop(next(iter(self._items)))  # the least recently used
        return key

    def get(self, key: str) -> V | None:
        """The entry named ``key`` (now the most recently used), or None when this server does not hold it."""
        with self._lock:
            value = self._items.get(key)
            if value is not None:
                self._items.move_to_end(key)
            return value

    def __contains__(self, key: object) -> bool:
        with self._lock:
            return key in self._items

    def __len__(self) -> int:
        with self._lock:
            return len(self._items)

    @property
    def nbytes(self) -> int:
        with self._lock:
            return self._bytes

    def _drop(self, key: str) -> None:
        value = self._items.pop(key, None)
        if value is not None:
            self._bytes -= self._size(value)


class UploadStore(_Lru[np.ndarray]):
    """(1, C, L) uploaded inputs by content key (``content_key`` of the file)."""

    def __init__(self, max_entries: int = MAX_UPLOADS, max_bytes: int = MAX_UPLOAD_STORE_BYTES) -> None:
        super().__init__(max_entries, max_bytes)

    @staticmethod
    def _size(value: np.ndarray) -> int:
        return int(value.nbytes)

    def put(self, key: str, x: np.ndarray) -> str:
        """Keep ``x`` (read-only) under ``key``, dropping the least recently used uploads past the bounds."""
        if x.size > MAX_INPUT_VALUES:  # the scene would refuse it: not worth the memory
            raise ConvVizError("limit", name="in_channels·length", value=f"{x.size:,}", max=f"{MAX_INPUT_VALUES:,}")
        kept = np.array(x, dtype=np.float64)  # a private copy nobody can change under a cached scene
        kept.flags.writeable = False
        return self._put(key, kept)


class TextStore(_Lru[str]):
    """Typed text too long for a link, by the name the link gives it (``url_state.kept_name``)."""

    def __init__(self, max_entries: int = MAX_TEXTS, max_bytes: int = MAX_TEXT_STORE_BYTES) -> None:
        super().__init__(max_entries, max_bytes)

    @staticmethod
    def _size(value: str) -> int:
        return len(value.encode("utf-8", "surrogatepass"))

    def put(self, key: str, text: str) -> str:
        """Keep ``text`` under ``key`` (strings are immutable: no copy needed)."""
        return self._put(key, text)

"""Hand freed arrays back to the operating system, so the server's memory follows what it holds.

glibc's allocator serves a large block (≥ 128 KiB) with its own ``mmap`` and
unmaps it on free, but after the first such free it raises that threshold up
to 32 MB, and later arrays of a few MB live in the heap, where freed pages stay
with the process. Streamlit runs every session in a thread, and each thread may
get a heap (an arena) of its own. A server that has drawn a few heavy views
then keeps ~100 MB it no longer uses: on a 0.7 GB host that is the margin.

``tune()`` fixes the threshold at 256 KiB and allows two arenas; ``python -m tests.perf.memory``
prints what the server's memory does with it. A no-op where the C library is not glibc (macOS, musl).
"""

from __future__ import annotations

import ctypes
import ctypes.util

M_MMAP_THRESHOLD = -3  # glibc's <malloc.h>
M_ARENA_MAX = -8
MMAP_THRESHOLD = 256 * 1024  # every array over 32k float64 values: its own mapping, returned on free
ARENAS = 2  # one per core of the host the app is sized for


def tune() -> bool:
    """Set both options; True when glibc took them."""
    name = ctypes.util.find_library("c")
    if name is None:
        return False
    try:
        libc = ctypes.CDLL(name)
        mallopt = libc.mallopt
    except (OSError, AttributeError):  # not glibc: nothing to tune
        return False
    return bool(mallopt(M_MMAP_THRESHOLD, MMAP_THRESHOLD)) and bool(mallopt(M_ARENA_MAX, ARENAS))

"""Test-wide settings: Hypothesis profiles, the e2e marker, and empty caches on request.

Hypothesis: no deadline anywhere (a shared 2-core CI box makes timings noisy);
in CI (the ``CI`` variable set) examples are derandomised, so a run is
repeatable and a red CI is reproducible locally with ``CI=true``.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

settings.register_profile("default", deadline=None)
settings.register_profile(
    "ci",
    deadline=None,
    derandomize=True,
    database=None,  # nothing to reuse in a fresh clone
    print_blob=True,
    suppress_health_check=[HealthCheck.too_slow],
)
settings.load_profile("ci" if os.environ.get("CI") else os.environ.get("HYPOTHESIS_PROFILE", "default"))

E2E_DIR = Path(__file__).parent / "e2e"


def clear_caches() -> None:
    """What a freshly started server holds: no kept results (conv_viz.server.memo) and no uploads (st.cache_resource)."""
    import streamlit as st

    from conv_viz.server import memo

    memo.clear()
    st.cache_resource.clear()


@pytest.fixture
def fresh_caches() -> Iterator[None]:
    """For a test that changes what a cached function would return: an empty server before and after it.

    Results are shared across the process as across a server's sessions, so a cached one would hide the change.
    """
    clear_caches()
    yield
    clear_caches()


def pytest_itemcollected(item: pytest.Item) -> None:
    """Mark everything under tests/e2e as ``e2e``: ``make test`` runs those in a process of their own."""
    if E2E_DIR in item.path.parents:
        item.add_marker(pytest.mark.e2e)

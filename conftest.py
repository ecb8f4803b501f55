"""Settings for every test and doctest: fynd's cache goes to a temporary directory.

The word cache (:mod:`graph.ingest.lexicon.cache`) is built once per test session in
that directory, never in the user's own cache; subprocesses inherit the setting.
"""

from __future__ import annotations

import os

import pytest


@pytest.fixture(scope="session", autouse=True)
def fynd_cache_dir(tmp_path_factory):
    """``$FYND_CACHE_DIR`` for the session: a fresh temporary directory."""
    where = tmp_path_factory.mktemp("fynd-cache")
    before = os.environ.get("FYND_CACHE_DIR")
    os.environ["FYND_CACHE_DIR"] = str(where)
    yield where
    if before is None:
        os.environ.pop("FYND_CACHE_DIR", None)
    else:
        os.environ["FYND_CACHE_DIR"] = before

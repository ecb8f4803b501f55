"""Shared fixtures: the shipped corpus built once per test session, and a CLI runner."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import settings
from typer.testing import CliRunner

# On CI the property tests draw the same examples every run: a failure there is a bug to
# reproduce, not a flake.  Locally they explore new examples each time.
settings.register_profile("ci", derandomize=True, print_blob=True)
if os.environ.get("CI"):
    settings.load_profile("ci")

ROOT = Path(__file__).resolve().parent.parent
REPORTS = ROOT / "data" / "reports"


@pytest.fixture(scope="session")
def built(tmp_path_factory):
    """The shipped reports built into a store under a temp path: (BuildResult, path)."""
    from graph.pipeline import build

    store = tmp_path_factory.mktemp("graph") / "store"
    return build(REPORTS, store), store


@pytest.fixture(scope="session")
def store_path(built):
    return built[1]


@pytest.fixture
def runner():
    return CliRunner()


@pytest.fixture(scope="session")
def hostile_store(tmp_path_factory):
    """A small graph whose labels are markup and spreadsheet formulas (tests/hostile_graph.py)."""
    from tests.hostile_graph import build_hostile

    return build_hostile(tmp_path_factory.mktemp("hostile") / "store")

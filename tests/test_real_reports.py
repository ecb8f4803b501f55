"""Acceptance on real public reports fynd was not written from (tests/fixtures/real/)."""

from __future__ import annotations

import pytest

from .real_reports import measure, sources

ROWS = [measure(doc, repair_text=False) for doc in sources()]


def test_at_least_three_documents_per_language():
    languages = [r.language for r in ROWS]
    assert languages.count("sv") >= 3 and languages.count("en") >= 3


def test_listed_items_are_found_at_least_90_percent_overall():
    listed = sum(r.listed for r in ROWS)
    assert listed >= 40
    assert sum(r.found for r in ROWS) / listed >= 0.9


@pytest.mark.parametrize("row", ROWS, ids=[r.file for r in ROWS])
def test_no_duplicate_and_no_label_with_page_furniture_or_a_heading(row):
    assert row.duplicates == 0
    assert row.bad_labels == 0

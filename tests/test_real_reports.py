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


def test_clean_real_reports_get_no_repair_edit():
    """Each text is repaired with its own language's lexicon: no edit on clean text
    (English word pairs such as "you will" stay apart)."""
    from graph.ingest.lexicon import default_lexicon
    from graph.ingest.repair import repair

    from .real_reports import REAL

    for doc in sources():
        raw = (REAL / doc["file"]).read_text(encoding="utf-8")
        assert repair(raw, default_lexicon(doc["language"])).edits == [], doc["file"]


def test_clean_text_with_names_outside_latin_1_gets_no_edit():
    from graph.ingest.lexicon import default_lexicon
    from graph.ingest.repair import repair

    sv = "Rapporten skrevs av Dženan Šimić under hösten tillsammans med Łukasz Wójcik."
    assert repair(sv, default_lexicon("sv")).text == sv
    en = "You will need to review the plan. The board agreed to review it in time."
    assert repair(en, default_lexicon("en")).text == en

"""Every word a view shows: types, statuses and link kinds from the ontology's SKOS labels,
the rest from one file per language."""

from __future__ import annotations

import pytest

from graph.analysis.lineage import STATUSES
from graph.findings import FindingType
from graph.views.labels import file_words, ontology_words, word


@pytest.mark.parametrize("lang", ["sv", "en"])
def test_types_statuses_and_kinds_have_labels_in_both_languages(lang):
    for t in FindingType:
        assert word(f"type:{t.value}", lang) != f"type:{t.value}"
        assert word(f"types:{t.value}", lang) != word(f"type:{t.value}", lang) or t.value in (
            "proposal",)  # förbättringsförslag is its own plural
    for s in STATUSES:
        assert word(f"status:{s}", lang) != f"status:{s}"
    for k in ("persists", "evolves", "drawsOn", "answers"):
        assert word(f"kind:{k}", lang) != f"kind:{k}"


def test_labels_come_from_the_ontology():
    words = ontology_words()
    assert words["types:recommendation"] == {"sv": "rekommendationer", "en": "recommendations"}
    assert words["status:new"] == {"sv": "ny", "en": "new"}
    assert words["kind:answers"]["sv"] == "besvarar"
    assert ontology_words() is words  # parsed once


def test_no_file_word_repeats_an_ontology_label():
    keys = set(file_words("en"))
    assert not {k for k in keys if ":" in k}


def test_placeholders_are_filled():
    assert word("shown", "sv", shown=3, total=7) == "3 av 7 fynd visas"
    assert word("panel_position", "en", start=1, end=9) == "characters 1–9"

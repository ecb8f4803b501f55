"""Evidence points into the source file: a hand-made damaged text through model and reader.

The quote selector holds the quote as repaired (``oa:exact``) and where it stands in the
repaired text (``fynd:repairedStart``/``fynd:repairedEnd``); the position selector's
``oa:start``/``oa:end`` slice the source text as read, damage and all.
"""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox
import pytest

from graph.errors import InputError
from graph.extract import extract
from graph.ingest.catalog import Catalog, Document, Report
from graph.ingest.repair import Edit, RepairedText
from graph.rdf.model import catalog_quads, document_quads
from graph.rdf.read import read_findings
from graph.rdf.validate import validate
from graph.rdf.vocab import FYND, OA, XSD, graph_iri, selector_iris
from tests.tiny_graph import tiny_store


def damaged(*pieces: str | tuple[str, str]) -> RepairedText:
    """A RepairedText from plain pieces and ``(damaged, repaired)`` pairs, edits spelled out."""
    raw, text, edits = "", "", []
    for piece in pieces:
        if isinstance(piece, tuple):
            bad, good = piece
            edits.append(Edit(len(raw), len(raw) + len(bad), good))
            raw, text = raw + bad, text + good
        else:
            raw, text = raw + piece, text + piece
    return RepairedText(raw, text, edits)


# What PDF extraction makes of two list items: a glyph for "tt" and one for "ti", each
# with a stray space, a Unicode ligature, a split ligature and a line-end hyphen.
SOURCE = damaged(
    "Inledning\n\nStudien följde arbetet.\n\nRekommendationer\n\n",
    "• Säkerställ a", ("Ʃ  ", "tt "), "det ", ("ﬁ", "fi"), "nns ", ("Ɵ ", "ti"),
    "d för uppföljning.\n",
    "• Skapa fl", (" ", ""), "era mötesplatser mellan organisa", ("-\n", ""), "tionerna.\n")
REPORT = Report("r1", "Delrapport 1", "2022", 1)
DOC = Document("r1-short", Path("r1-short.txt"), REPORT, "Kortversion", "short")


def _store(text: RepairedText = SOURCE) -> ox.Store:
    store = ox.Store()
    store.extend(catalog_quads(Catalog(Path("c.toml"), (REPORT,), (DOC,))))
    store.extend(document_quads(DOC, extract(text.text, DOC.id),
                                source_span=text.span_to_raw))
    return store


def test_the_hand_made_text_is_damaged_and_repaired():
    assert "aƩ  det ﬁnns Ɵ d" in SOURCE.raw and "organisa-\ntionerna" in SOURCE.raw
    assert "att det finns tid" in SOURCE.text and "flera mötesplatser" in SOURCE.text


def test_read_findings_gives_offsets_that_slice_the_source():
    rows = read_findings(_store())
    assert [row.quote for row in rows] == [
        "Säkerställ att det finns tid för uppföljning.",
        "Skapa flera mötesplatser mellan organisationerna."]
    assert [SOURCE.raw[row.start:row.end] for row in rows] == [
        "Säkerställ aƩ  det ﬁnns Ɵ d för uppföljning.",
        "Skapa fl era mötesplatser mellan organisa-\ntionerna."]
    assert [(row.start, row.end) for row in rows] == [(56, 100), (103, 155)]


def test_the_quote_selector_keeps_the_repaired_offsets():
    store = _store()
    found = []
    for row in read_findings(store):
        quote, position = selector_iris(ox.NamedNode(row.iri + "/evidence/1"))
        (exact,) = (q.object.value for q in store.quads_for_pattern(quote, OA.exact, None))
        start, end = (int(next(iter(store.quads_for_pattern(quote, p, None))).object.value)
                      for p in (FYND.repairedStart, FYND.repairedEnd))
        assert SOURCE.text[start:end] == exact == row.quote
        # oa:start/oa:end are only on the position selector, fynd:repaired* only on the quote
        assert not list(store.quads_for_pattern(quote, OA.start, None))
        assert not list(store.quads_for_pattern(position, FYND.repairedStart, None))
        found.append((start, end))
    # not the source offsets (56..100, 103..155): the repaired text gains a character
    # inside the first quote (ﬁ -> fi) and loses three inside the second (" ", "-\n")
    assert found == [(56, 101), (104, 153)]


def test_an_unrepaired_text_has_the_same_offsets_in_both_selectors():
    clean = damaged("Rekommendationer\n\n• Säkra samverkan.\n")
    (row,) = read_findings(_store(clean))
    assert (row.start, row.end) == (20, 36) == (clean.text.index("Säkra"), len(clean.text) - 1)


def test_the_graph_with_source_offsets_conforms():
    report = validate(_store())
    assert report.conforms, str(report)


def test_a_span_that_maps_to_nothing_is_refused():
    findings = extract(SOURCE.text, DOC.id)
    with pytest.raises(InputError, match="maps to 5..5 in the source text"):
        list(document_quads(DOC, findings, source_span=lambda start, end: (5, 5)))


def test_a_quote_selector_without_repaired_offsets_fails_validation():
    store = tiny_store()
    quote, _ = selector_iris(ox.NamedNode("https://w3id.org/fynd/id/finding/r1-full/risk-1"
                                          "/evidence/1"))
    (start,) = store.quads_for_pattern(quote, FYND.repairedStart, None)
    store.remove(start)
    report = validate(store)
    assert not report.conforms
    assert any("exactly one fynd:repairedStart" in str(v) for v in report.violations)


def test_repaired_offsets_must_be_ordered():
    store = tiny_store()
    quote, _ = selector_iris(ox.NamedNode("https://w3id.org/fynd/id/finding/r1-full/risk-1"
                                          "/evidence/1"))
    (start,) = store.quads_for_pattern(quote, FYND.repairedStart, None)
    store.remove(start)
    store.add(ox.Quad(quote, FYND.repairedStart, ox.Literal("999", datatype=XSD.integer),
                      graph_iri("r1-full")))
    report = validate(store)
    assert any("fynd:repairedStart must be less than its fynd:repairedEnd" in str(v)
               for v in report.violations)

"""Findings -> quads -> store -> rows: the RDF model and its IRIs."""

from __future__ import annotations

import subprocess
import sys
from dataclasses import replace
from datetime import UTC, datetime

import pyoxigraph as ox
import pytest

from graph.errors import InputError
from graph.findings import FindingType
from graph.rdf.model import catalog_quads, document_quads
from graph.rdf.read import read_findings
from graph.rdf.vocab import (
    CATALOG_GRAPH,
    DCTERMS,
    FYND,
    PROV,
    RDF,
    XSD,
    document_iri,
    finding_iri,
    graph_iri,
    report_iri,
)
from tests.tiny_graph import (
    CATALOG,
    FULL,
    REPORT,
    SHORT,
    full_findings,
    short_findings,
    tiny_quads,
    tiny_store,
)


def test_round_trip_keeps_labels_offsets_and_places():
    rows = {(r.document, r.type, r.ordinal): r for r in read_findings(tiny_store())}
    for f in full_findings() + short_findings():
        row = rows[(f.document, f.type.value, f.ordinal)]
        first = min(f.evidence, key=lambda s: s.start)
        assert row.iri == finding_iri(f.document, f.key).value
        assert (row.label, row.section, row.method) == (f.label, f.section, f.method)
        assert (row.quote, row.start, row.end) == (first.quote, first.start, first.end)
        assert row.confidence == f.confidence
        assert row.evidence == len(f.evidence)
        assert (row.report, row.year) == ("r1", 2022)


def test_first_evidence_is_the_earliest_span():
    risk = next(r for r in read_findings(tiny_store()) if r.type == "risk")
    assert (risk.start, risk.end, risk.evidence) == (200, 223, 2)


def test_restating_finding_points_to_the_full_reports_finding():
    rows = read_findings(tiny_store())
    short = next(r for r in rows if r.document == "r1-short")
    assert short.restates == finding_iri("r1-full", "rec-1").value
    assert all(r.restates is None for r in rows if r.document == "r1-full")
    kept = read_findings(tiny_store(), include_restating=False)
    assert [r.document for r in kept] == ["r1-full"] * 3


def test_rows_are_ordered_by_series_document_type_and_ordinal():
    later = replace(REPORT, id="r0", series=0, issued="2021")
    doc = replace(FULL, id="r0-full", report=later)
    earlier = [replace(f, document="r0-full") for f in full_findings()]
    store = tiny_store()
    store.extend(catalog_quads(replace(CATALOG, reports=(later,), documents=(doc,))))
    store.extend(document_quads(doc, earlier))
    rows = read_findings(store)
    assert [(r.document, r.type) for r in rows] == [
        ("r0-full", "success-factor"), ("r0-full", "risk"), ("r0-full", "recommendation"),
        ("r1-full", "success-factor"), ("r1-full", "risk"), ("r1-full", "recommendation"),
        ("r1-short", "recommendation")]
    assert rows[0].year == 2021


def test_filters_by_report_and_type():
    store = tiny_store()
    assert [r.document for r in read_findings(store, type="recommendation")] == \
        ["r1-full", "r1-short"]
    assert len(read_findings(store, type=FindingType.RISK)) == 1
    assert read_findings(store, report="nope") == []
    assert len(read_findings(store, report="r1")) == 4


def test_unknown_type_is_an_input_error():
    with pytest.raises(InputError, match="unknown type 'risks'"):
        read_findings(tiny_store(), type="risks")


def test_as_dict_is_the_json_of_fynd_findings():
    row = read_findings(tiny_store(), type="success-factor")[0].as_dict()
    assert list(row) == ["iri", "report", "document", "year", "type", "label", "section",
                         "ordinal", "quote", "start", "end", "method", "confidence",
                         "restates", "evidence"]
    assert row["label"] == "Delad övertygelse." and row["restates"] is None


def test_building_twice_gives_identical_quads():
    assert tiny_quads() == tiny_quads()


def test_iris_do_not_depend_on_the_order_of_findings():
    forward = set(document_quads(FULL, full_findings()))
    backward = set(document_quads(FULL, list(reversed(full_findings()))))
    assert forward == backward


def test_catalog_goes_to_the_catalog_graph_and_findings_to_their_documents_graph():
    assert {q.graph_name for q in catalog_quads(CATALOG)} == {CATALOG_GRAPH}
    assert {q.graph_name for q in document_quads(SHORT, short_findings())} == \
        {graph_iri("r1-short")}


def test_documents_restate_documents_and_belong_to_their_report():
    quads = set(catalog_quads(CATALOG))
    short, full = document_iri("r1-short"), document_iri("r1-full")
    assert ox.Quad(short, FYND.restates, full, CATALOG_GRAPH) in quads
    assert ox.Quad(full, DCTERMS.isPartOf, report_iri("r1"), CATALOG_GRAPH) in quads
    assert not any(q.subject == full and q.predicate == FYND.restates for q in quads)


@pytest.mark.parametrize("issued, datatype", [
    ("2022-06-30", XSD.date), ("2022-06", XSD.gYearMonth), ("2022", XSD.gYear)])
def test_issued_is_typed_as_precisely_as_known(issued, datatype):
    catalog = replace(CATALOG, reports=(replace(REPORT, issued=issued),), documents=())
    (issued_literal,) = [q.object for q in catalog_quads(catalog)
                         if q.predicate == DCTERMS.issued]
    assert issued_literal == ox.Literal(issued, datatype=datatype)


def test_confidence_is_a_decimal_and_language_tags_follow_the_document():
    english = replace(FULL, language="en")
    quads = list(document_quads(english, full_findings()))
    confidences = {q.object for q in quads if q.predicate == FYND.confidence}
    assert confidences == {ox.Literal(v, datatype=XSD.decimal) for v in ("1.0", "0.9", "0.5")}
    labels = [q.object for q in quads if q.predicate.value.endswith("#label")]
    assert {lit.language for lit in labels} == {"en"}


def test_empty_section_is_left_out():
    quads = list(document_quads(FULL, full_findings()))
    rec = finding_iri("r1-full", "rec-1")
    assert not any(q.subject == rec and q.predicate == FYND.section for q in quads)
    assert read_findings(tiny_store(), type="recommendation")[0].section == ""


def test_build_timestamp_only_when_asked():
    assert not any(q.predicate == PROV.startedAtTime for q in tiny_quads())
    when = datetime(2026, 1, 2, 3, 4, 5, tzinfo=UTC)
    stamped = [q for q in document_quads(FULL, full_findings(), started=when)
               if q.predicate == PROV.startedAtTime]
    assert [q.object.value for q in stamped] == ["2026-01-02T03:04:05+00:00"]


def test_findings_of_another_document_are_refused():
    with pytest.raises(InputError, match="belongs to document 'r1-short'"):
        list(document_quads(FULL, short_findings()))


def test_a_finding_without_evidence_is_refused():
    bad = replace(full_findings()[0], evidence=[])
    with pytest.raises(InputError, match="has no evidence"):
        list(document_quads(FULL, [bad]))


def test_duplicate_keys_are_refused():
    f = full_findings()[0]
    with pytest.raises(InputError, match="share key 'sf-1'"):
        list(document_quads(FULL, [f, replace(f, ordinal=2)]))


def test_reserved_document_ids_are_refused():
    catalog = replace(CATALOG, documents=(replace(FULL, id="catalog"),))
    with pytest.raises(InputError, match="reserved"):
        list(catalog_quads(catalog))


def test_a_bad_language_tag_is_an_input_error():
    with pytest.raises(InputError, match="language 'sv_SE' is not a BCP 47 tag"):
        list(document_quads(replace(FULL, language="sv_SE"), full_findings()))


def test_findings_are_typed_with_their_class_and_finding():
    quads = list(document_quads(FULL, full_findings()))
    types = {q.object for q in quads
             if q.subject == finding_iri("r1-full", "risk-1") and q.predicate == RDF.type}
    assert types == {FYND.Risk, FYND.Finding}


def test_model_and_vocab_do_not_import_rdflib():
    code = ("import sys, graph.rdf.model, graph.rdf.vocab, graph.rdf.validate; "
            "assert 'rdflib' not in sys.modules and 'pyshacl' not in sys.modules")
    subprocess.run([sys.executable, "-c", code], check=True)

"""SHACL validation: a good graph conforms; a broken one fails with a readable message."""

from __future__ import annotations

import re
import time

import pyoxigraph as ox
import pytest

from graph.errors import InputError
from graph.rdf.validate import Violation, validate
from graph.rdf.vocab import (
    FYND,
    LINEAGE_GRAPH,
    OA,
    RDF,
    XSD,
    document_iri,
    finding_iri,
    graph_iri,
    link_iri,
    selector_iris,
)
from tests.tiny_graph import tiny_store

RISK = finding_iri("r1-full", "risk-1")
FULL_GRAPH = graph_iri("r1-full")


def one(store: ox.Store, subject, predicate) -> ox.Quad:
    (quad,) = store.quads_for_pattern(subject, predicate, None)
    return quad


def messages(store: ox.Store) -> list[str]:
    report = validate(store)
    assert not report.conforms
    return [str(v) for v in report.violations]


def test_a_good_graph_conforms():
    report = validate(tiny_store())
    assert report.conforms, str(report)
    assert report.violations == []
    assert str(report) == "The graph conforms to the shapes."


def test_a_finding_without_report_fails():
    store = tiny_store()
    store.remove(one(store, RISK, FYND.report))
    lines = messages(store)
    assert f"Violation: {RISK.value} fynd:report: A finding needs exactly one fynd:report, " \
        "a fynd:Report." in lines


def test_a_confidence_above_one_fails():
    store = tiny_store()
    store.remove(one(store, RISK, FYND.confidence))
    store.add(ox.Quad(RISK, FYND.confidence, ox.Literal("1.5", datatype=XSD.decimal), FULL_GRAPH))
    (line,) = messages(store)
    assert line.startswith(f"Violation: {RISK.value} fynd:confidence: ")
    assert line.endswith("from 0 to 1. (value: '1.5'^^xsd:decimal)")


def test_an_unknown_method_fails():
    store = tiny_store()
    store.remove(one(store, RISK, FYND.method))
    store.add(ox.Quad(RISK, FYND.method, ox.Literal("guess"), FULL_GRAPH))
    (line,) = messages(store)
    assert "fynd:method" in line and "'guess'" in line


def test_a_finding_without_evidence_fails():
    store = tiny_store()
    for q in list(store.quads_for_pattern(RISK, FYND.evidence, None)):
        store.remove(q)
    lines = messages(store)
    assert any(f"{RISK.value} fynd:evidence: A finding needs at least one" in x for x in lines)


def test_a_finding_of_two_kinds_fails():
    store = tiny_store()
    store.add(ox.Quad(RISK, RDF.type, FYND.Recommendation, FULL_GRAPH))
    assert any("exactly one of fynd:SuccessFactor" in x for x in messages(store))


def test_a_finding_with_the_wrong_report_fails():
    store = tiny_store()
    other = ox.NamedNode(FYND.base.replace("#", "/id/report/other"))
    store.add(ox.Quad(other, RDF.type, FYND.Report, FULL_GRAPH))
    store.remove(one(store, RISK, FYND.report))
    store.add(ox.Quad(RISK, FYND.report, other, FULL_GRAPH))
    assert any("fynd:document/dcterms:isPartOf" in x and "report its document is part of" in x
               for x in messages(store))


def test_restating_a_finding_of_another_type_fails():
    store = tiny_store()
    short = finding_iri("r1-short", "rec-1")
    store.remove(one(store, short, FYND.restates))
    store.add(ox.Quad(short, FYND.restates, RISK, graph_iri("r1-short")))
    assert any("restate a finding of the same type" in x for x in messages(store))


def test_a_full_document_cannot_restate():
    store = tiny_store()
    full, short = document_iri("r1-full"), document_iri("r1-short")
    store.add(ox.Quad(full, FYND.restates, short))
    lines = messages(store)
    assert any("only restate a full document" in x for x in lines)
    assert any("must be a short version of the same report" in x for x in lines)


def test_evidence_without_a_position_selector_fails():
    store = tiny_store()
    evidence = ox.NamedNode(RISK.value + "/evidence/1")
    _, position = selector_iris(evidence)
    store.remove(ox.Quad(evidence, OA.hasSelector, position, FULL_GRAPH))
    lines = messages(store)
    assert any("exactly one oa:TextPositionSelector" in x for x in lines)


def test_offsets_must_be_ordered():
    store = tiny_store()
    _, position = selector_iris(ox.NamedNode(RISK.value + "/evidence/1"))
    store.remove(one(store, position, OA.start))
    store.add(ox.Quad(position, OA.start, ox.Literal("500", datatype=XSD.integer), FULL_GRAPH))
    assert any("oa:start must be less than its oa:end" in x for x in messages(store))


def test_a_violation_reads_on_one_line():
    v = Violation("https://w3id.org/fynd/id/finding/d/rec-1", "fynd:ordinal", "Bad.", value="0")
    assert str(v) == "Violation: https://w3id.org/fynd/id/finding/d/rec-1 fynd:ordinal: Bad. " \
        "(value: 0)"


def test_validates_rdflib_graphs_and_datasets():
    import rdflib

    data = tiny_store().dump(format=ox.RdfFormat.N_QUADS)
    dataset = rdflib.Dataset()
    dataset.parse(data=data.decode(), format="nquads")
    assert validate(dataset).conforms
    graph = rdflib.Graph()
    for s, p, o, _ in dataset.quads((None, None, None, None)):
        graph.add((s, p, o))
    assert validate(graph).conforms


def test_bad_input_is_an_input_error(tmp_path):
    with pytest.raises(InputError, match="cannot validate a dict"):
        validate({})  # type: ignore[arg-type]
    with pytest.raises(InputError, match="file not found"):
        validate(tiny_store(), tmp_path / "missing.ttl")


def _renamed(term, n: int):
    if isinstance(term, ox.NamedNode) and "/finding/" in term.value:
        return ox.NamedNode(re.sub(r"(/finding/[^/]+/[^/]+)", rf"\g<1>-{n}", term.value))
    return term


def test_validation_is_fast_enough_on_thousands_of_triples():
    store = tiny_store()
    base = [q for q in store if "/finding/" in q.subject.value]
    for n in range(60):  # ~5,000 triples: 60 renamed copies of the tiny findings
        store.extend(ox.Quad(_renamed(q.subject, n), q.predicate, _renamed(q.object, n),
                             q.graph_name) for q in base)
    assert len(store) > 4000
    started = time.perf_counter()
    report = validate(store)
    assert time.perf_counter() - started < 20  # about 1.5 s here
    assert report.conforms, str(report)


def test_the_shipped_corpus_conforms(store_path):
    from graph.rdf.store import open_store

    report = validate(open_store(store_path))
    assert report.conforms, str(report)


def _link(store: ox.Store, kind: str, method: str) -> ox.NamedNode:
    source, target = finding_iri("r1-full", "rec-1"), finding_iri("r1-full", "risk-1")
    node = link_iri(source, kind, target)
    for p, o in ((RDF.type, FYND.Link), (FYND.linkSource, source), (FYND.linkTarget, target),
                 (FYND.kind, ox.Literal(kind)), (FYND.method, ox.Literal(method)),
                 (FYND.score, ox.Literal("0.4200", datatype=XSD.decimal)),
                 (FYND.shape, ox.Literal("one-to-one"))):
        store.add(ox.Quad(node, p, o, LINEAGE_GRAPH))
    store.add(ox.Quad(source, FYND.answers, target, LINEAGE_GRAPH))
    return node


def test_a_lineage_link_conforms():
    store = tiny_store()
    _link(store, "answers", "auto")
    assert validate(store).conforms


def test_a_curated_link_needs_a_note():
    store = tiny_store()
    node = _link(store, "answers", "curated")
    assert any("A curated link needs a fynd:note" in x for x in messages(store))
    store.add(ox.Quad(node, FYND.note, ox.Literal("Same risk, named twice."), LINEAGE_GRAPH))
    assert validate(store).conforms


def test_an_unknown_link_kind_fails():
    store = tiny_store()
    _link(store, "resembles", "auto")
    assert any("fynd:kind" in x and "'resembles'" in x for x in messages(store))

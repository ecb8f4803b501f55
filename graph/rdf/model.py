"""Findings -> RDF quads under ``ontology/fynd.ttl``, and back.

Writing (:func:`catalog_quads`, :func:`document_quads`) uses pyoxigraph terms only: the
build path never imports rdflib.  The output is deterministic: the same catalog and
findings give the same quads in the same order (IRIs: :mod:`graph.rdf.vocab`).

What a finding looks like (in the named graph of its document)::

    <finding/d1-full/rec-1> a fynd:Recommendation, fynd:Finding ;
        rdfs:label "Säkra samverkan."@sv ;
        fynd:report <report/d1> ; fynd:document <doc/d1-full> ;
        fynd:section "Rekommendationer"@sv ; fynd:ordinal 1 ;
        fynd:method "list" ; fynd:confidence 1.0 ;
        fynd:evidence <finding/d1-full/rec-1/evidence/1> ;
        prov:wasGeneratedBy <build/d1-full> .
    <finding/d1-full/rec-1/evidence/1> a fynd:Evidence ;
        oa:hasSource <doc/d1-full> ; fynd:section "Rekommendationer"@sv ;
        oa:hasSelector <.../evidence/1/quote>, <.../evidence/1/position> .
    <.../evidence/1/quote> a oa:TextQuoteSelector ; oa:exact "Säkra samverkan." ;
        fynd:repairedStart 10 ; fynd:repairedEnd 26 .
    <.../evidence/1/position> a oa:TextPositionSelector ; oa:start 12 ; oa:end 29 .

Two texts, two sets of offsets.  Findings are extracted from the *repaired* text, which
exists only in memory; a reader has the *source* file.  So the quote selector holds the
quote as repaired (``oa:exact``) and where it stands in the repaired text
(``fynd:repairedStart``/``fynd:repairedEnd``), and the position selector holds offsets
into the source file's text as read (:func:`graph.ingest.read.read_text`), which slice the
source's own words, damage and all.  ``oa:start``/``oa:end`` are only ever source offsets,
so no query can mix the two up.

Offsets are ``xsd:integer``, not the ``xsd:nonNegativeInteger`` of the Web Annotation
model: Oxigraph stores every derived integer type as ``xsd:integer``, so the narrower
type would not survive a round trip (the shapes check ``>= 0`` instead).

A finding is typed with its class *and* ``fynd:Finding`` (the store does no inference,
and ``?f a fynd:Finding`` is the query everyone writes).  Reading back
(:func:`read_findings`) is one SPARQL query over the union of the graphs.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import datetime

import pyoxigraph as ox

from graph.errors import InputError
from graph.findings import Finding, FindingType
from graph.ingest.catalog import Catalog, Document, Report
from graph.rdf.vocab import (
    CATALOG_GRAPH,
    DCTERMS,
    FINDING_CLASSES,
    FYND,
    OA,
    PROV,
    RDF,
    RDFS,
    XSD,
    build_iri,
    document_iri,
    evidence_iri,
    finding_iri,
    graph_iri,
    report_iri,
    selector_iris,
)

_TYPE_ORDER = {t: n for n, t in enumerate(FindingType)}
#: Maps a ``(start, end)`` span of the repaired text to the span of the source text.
SourceSpan = Callable[[int, int], tuple[int, int]]
_Bindings = dict[ox.Variable, ox.NamedNode | ox.BlankNode | ox.Literal | ox.Triple]


def _integer(n: int) -> ox.Literal:
    return ox.Literal(str(int(n)), datatype=XSD.integer)


def _decimal(x: float) -> ox.Literal:
    text = f"{x:.6f}".rstrip("0")
    return ox.Literal(text + "0" if text.endswith(".") else text, datatype=XSD.decimal)


def _text(value: str, language: str) -> ox.Literal:
    return ox.Literal(value, language=language) if language else ox.Literal(value)


def _issued(issued: str) -> ox.Literal:
    datatype = {10: XSD.date, 7: XSD.gYearMonth, 4: XSD.gYear}[len(issued)]
    return ox.Literal(issued, datatype=datatype)


def _check_document(doc: Document) -> None:
    """Fail early on a document the graph cannot hold: a reserved id or a bad language tag."""
    graph_iri(doc.id)
    if doc.language:
        try:
            ox.Literal("", language=doc.language)
        except ValueError:
            raise InputError(f"document {doc.id}: language {doc.language!r} is not a BCP 47 "
                             "tag such as 'sv' or 'en-GB'") from None


def _report_quads(report: Report) -> Iterator[ox.Quad]:
    s, g = report_iri(report.id), CATALOG_GRAPH
    yield ox.Quad(s, RDF.type, FYND.Report, g)
    yield ox.Quad(s, FYND.reportId, ox.Literal(report.id), g)
    yield ox.Quad(s, DCTERMS.title, ox.Literal(report.title), g)
    yield ox.Quad(s, DCTERMS.issued, _issued(report.issued), g)
    yield ox.Quad(s, FYND.year, _integer(report.year), g)
    yield ox.Quad(s, FYND.seriesPosition, _integer(report.series), g)
    for author in report.authors:
        yield ox.Quad(s, DCTERMS.creator, ox.Literal(author), g)
    if report.publisher:
        yield ox.Quad(s, DCTERMS.publisher, ox.Literal(report.publisher), g)


def _document_quads(doc: Document) -> Iterator[ox.Quad]:
    s, g = document_iri(doc.id), CATALOG_GRAPH
    yield ox.Quad(s, RDF.type, FYND.Document, g)
    yield ox.Quad(s, FYND.documentId, ox.Literal(doc.id), g)
    yield ox.Quad(s, DCTERMS.isPartOf, report_iri(doc.report.id), g)
    yield ox.Quad(s, DCTERMS.title, _text(doc.title, doc.language), g)
    yield ox.Quad(s, DCTERMS.language, ox.Literal(doc.language), g)
    yield ox.Quad(s, DCTERMS.source, ox.Literal(doc.path.name), g)
    yield ox.Quad(s, FYND.version, ox.Literal(doc.version), g)
    if doc.restates:
        yield ox.Quad(s, FYND.restates, document_iri(doc.restates), g)
    # Only where a document differs from its report (the catalog lets it).
    if doc.authors != doc.report.authors:
        for author in doc.authors:
            yield ox.Quad(s, DCTERMS.creator, ox.Literal(author), g)
    if doc.publisher != doc.report.publisher and doc.publisher:
        yield ox.Quad(s, DCTERMS.publisher, ox.Literal(doc.publisher), g)


def catalog_quads(catalog: Catalog) -> Iterator[ox.Quad]:
    """The reports and documents of *catalog*, in the named graph ``graph/catalog``.

    Parameters
    ----------
    catalog
        A loaded catalog (:func:`graph.catalog.load_catalog`).

    Returns
    -------
    Iterator of pyoxigraph.Quad
        Each report (``fynd:Report``: id, title, issued, year, series position, creators,
        publisher) and document (``fynd:Document``: id, report, title, language, source
        file, version, ``fynd:restates`` for a short version of a full one).

    Raises
    ------
    InputError
        If a document id is a reserved graph name (``catalog``, ``lineage``) or a
        document's language is not a BCP 47 tag.

    Examples
    --------
    >>> from pathlib import Path
    >>> r = Report("d1", "Delrapport 1", "2022-06", 1, ("A. Author",), "FoU")
    >>> d = Document("d1-full", Path("d1-full.txt"), r, "Delrapport 1", "full")
    >>> quads = list(catalog_quads(Catalog(Path("catalog.toml"), (r,), (d,))))
    >>> [q.object for q in quads if q.predicate == DCTERMS.issued]
    [<Literal value=2022-06 datatype=<NamedNode value=http://www.w3.org/2001/XMLSchema#gYearMonth>>]
    >>> {q.graph_name.value for q in quads}
    {'https://w3id.org/fynd/id/graph/catalog'}
    """
    for doc in catalog.documents:  # fail before anything is written
        _check_document(doc)
    for report in catalog.reports:
        yield from _report_quads(report)
    for doc in catalog.documents:
        yield from _document_quads(doc)


def _same_span(start: int, end: int) -> tuple[int, int]:
    return start, end


def document_quads(document: Document, findings: list[Finding], *,
                   started: datetime | None = None,
                   source_span: SourceSpan | None = None) -> Iterator[ox.Quad]:
    """The findings of one document, in its named graph ``graph/{doc_id}``.

    Parameters
    ----------
    document
        The catalog document the findings were extracted from.
    findings
        Its findings (:func:`graph.extract.extract`); each must belong to *document*.
    started
        If given, recorded as the build's ``prov:startedAtTime``.  Left out by default
        so that the same input gives the same triples.
    source_span
        Maps a span of the repaired text (the findings' offsets) to the span of the
        source file's text as read that it stands on, e.g.
        :meth:`graph.ingest.repair.RepairedText.span_to_raw`.  Left out, the text was not
        repaired and both sets of offsets are the same.

    Returns
    -------
    Iterator of pyoxigraph.Quad
        The build activity, then per finding: its class and ``fynd:Finding``, label
        (tagged with the document's language), report, document, section, ordinal,
        method, confidence, ``fynd:restates`` (if set), ``prov:wasGeneratedBy`` and each
        evidence span (numbered from 1 in order of start) with its quote selector
        (the repaired quote, ``fynd:repairedStart``/``fynd:repairedEnd``) and its
        position selector (``oa:start``/``oa:end`` in the source text).

    Raises
    ------
    InputError
        If a finding names another document, has no evidence, or two share a key; if
        the document's id is reserved or its language not a BCP 47 tag; or if
        *source_span* maps a span to an empty or reversed one.

    Examples
    --------
    >>> from pathlib import Path
    >>> from graph.findings import Span
    >>> r = Report("d1", "Delrapport 1", "2022", 1)
    >>> d = Document("d1-full", Path("d1-full.txt"), r, "Delrapport 1", "full")
    >>> f = Finding("d1-full", "rec-1", FindingType.RECOMMENDATION, "Säkra samverkan.",
    ...             "Rekommendationer", 1, [Span(10, 26, "Säkra samverkan.", "Rek")],
    ...             "list", 1.0)
    >>> quads = list(document_quads(d, [f]))
    >>> [q.object.value.split("#")[1] for q in quads if q.predicate == RDF.type][:3]
    ['Build', 'Recommendation', 'Finding']
    >>> [q.object for q in quads if q.predicate == RDFS.label]
    [<Literal value=Säkra samverkan. language=sv>]

    The source said "Säkra  sam-\\nverkan." (the repair joined the word):

    >>> quads = list(document_quads(d, [f], source_span=lambda s, e: (s, e + 3)))
    >>> [(q.predicate.value.split("#")[1], q.object.value) for q in quads
    ...  if q.predicate in (OA.start, OA.end, FYND.repairedStart, FYND.repairedEnd)]
    [('repairedStart', '10'), ('repairedEnd', '26'), ('start', '10'), ('end', '29')]
    """
    _check_document(document)
    graph = graph_iri(document.id)
    keys: set[str] = set()
    for f in findings:
        if f.document != document.id:
            raise InputError(f"finding {f.key} belongs to document {f.document!r}, "
                             f"not {document.id!r}")
        if not f.evidence:
            raise InputError(f"finding {f.document}/{f.key} has no evidence")
        if f.key in keys:
            raise InputError(f"two findings of document {document.id!r} share key {f.key!r}")
        keys.add(f.key)
    build, doc, report = build_iri(document.id), document_iri(document.id), \
        report_iri(document.report.id)
    yield ox.Quad(build, RDF.type, FYND.Build, graph)
    yield ox.Quad(build, PROV.used, doc, graph)
    if started is not None:
        yield ox.Quad(build, PROV.startedAtTime,
                      ox.Literal(started.isoformat(), datatype=XSD.dateTime), graph)
    language = document.language
    to_source = source_span or _same_span
    for f in findings:
        s = finding_iri(document.id, f.key)
        yield ox.Quad(s, RDF.type, FINDING_CLASSES[FindingType(f.type)], graph)
        yield ox.Quad(s, RDF.type, FYND.Finding, graph)
        yield ox.Quad(s, RDFS.label, _text(f.label, language), graph)
        yield ox.Quad(s, FYND.report, report, graph)
        yield ox.Quad(s, FYND.document, doc, graph)
        if f.section:
            yield ox.Quad(s, FYND.section, _text(f.section, language), graph)
        yield ox.Quad(s, FYND.ordinal, _integer(f.ordinal), graph)
        yield ox.Quad(s, FYND.method, ox.Literal(str(f.method)), graph)
        yield ox.Quad(s, FYND.confidence, _decimal(f.confidence), graph)
        if f.restates is not None:
            yield ox.Quad(s, FYND.restates, finding_iri(*f.restates), graph)
        yield ox.Quad(s, PROV.wasGeneratedBy, build, graph)
        spans = sorted(f.evidence, key=lambda span: (span.start, span.end))
        for n, span in enumerate(spans, 1):
            e = evidence_iri(document.id, f.key, n)
            quote, position = selector_iris(e)
            yield ox.Quad(s, FYND.evidence, e, graph)
            yield ox.Quad(e, RDF.type, FYND.Evidence, graph)
            yield ox.Quad(e, OA.hasSource, doc, graph)
            if span.section:
                yield ox.Quad(e, FYND.section, _text(span.section, language), graph)
            yield ox.Quad(e, OA.hasSelector, quote, graph)
            yield ox.Quad(e, OA.hasSelector, position, graph)
            yield ox.Quad(quote, RDF.type, OA.TextQuoteSelector, graph)
            yield ox.Quad(quote, OA.exact, ox.Literal(span.quote), graph)
            yield ox.Quad(quote, FYND.repairedStart, _integer(span.start), graph)
            yield ox.Quad(quote, FYND.repairedEnd, _integer(span.end), graph)
            start, end = to_source(span.start, span.end)
            if not 0 <= start < end:
                raise InputError(f"finding {f.document}/{f.key}: the quote at {span.start}.."
                                 f"{span.end} maps to {start}..{end} in the source text")
            yield ox.Quad(position, RDF.type, OA.TextPositionSelector, graph)
            yield ox.Quad(position, OA.start, _integer(start), graph)
            yield ox.Quad(position, OA.end, _integer(end), graph)

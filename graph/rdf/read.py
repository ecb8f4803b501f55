"""The one reader of findings from the store: :func:`read_findings`.

Every command and analysis that needs findings back (``fynd findings``, lineage, the
views) reads them here, so there is one query to keep right and fast.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import pyoxigraph as ox

from graph.errors import InputError
from graph.findings import FindingType
from graph.rdf.vocab import FINDING_CLASSES, PREFIXES, finding_type

_TYPE_ORDER = {t: n for n, t in enumerate(FindingType)}
_Bindings = dict[ox.Variable, ox.NamedNode | ox.BlankNode | ox.Literal | ox.Triple]


@dataclass(frozen=True)
class FindingRow:
    """One finding as read from the graph; :meth:`as_dict` is the JSON of ``fynd findings``.

    ``quote``, ``start`` and ``end`` are those of the first evidence span (lowest start):
    the quote as repaired (``oa:exact``) and its offsets in the *source* file's text as
    read (``oa:start``/``oa:end`` of the position selector), which is what a reader uses
    to find it in the file; ``evidence`` counts the spans.  ``restates`` is the IRI of
    the full report's finding a short version's finding restates, or ``None``.
    """

    iri: str
    report: str
    document: str
    year: int
    type: str
    label: str
    section: str
    ordinal: int
    quote: str
    start: int
    end: int
    method: str
    confidence: float
    restates: str | None
    evidence: int
    #: The report's place in its series (what lineage orders by).
    report_position: int = field(default=0, repr=False, compare=False)
    #: Every evidence span as ``(start, end, quote)`` (source offsets), in text order.
    spans: tuple[tuple[int, int, str], ...] = field(default=(), repr=False, compare=False)

    def as_dict(self) -> dict[str, Any]:
        """The row as a JSON-ready dict, keys in field order (``spans`` and ``report_position`` left out)."""
        return {k: v for k, v in self.__dict__.items() if k not in ("spans", "report_position")}


# Two queries joined in Python: one SELECT with everything is ~50x slower in Oxigraph
# (its join order multiplies the selectors by the OPTIONALs).  Each pattern is a subquery
# of its own: Oxigraph then scans each property once and joins the scans by hash, where
# it would look every finding's properties up one by one (10,000 findings: 0.7 s and
# 0.5 s of CPU, was 3.4 s and 2.0 s, the most of what ``fynd trends`` spent).
_READ = """
SELECT ?f ?class ?rid ?did ?position ?version ?year ?label ?section ?ordinal ?method
       ?confidence ?restates
WHERE {
  { SELECT ?f ?class WHERE { VALUES ?class { CLASSES } ?f a ?class } }
  { SELECT ?f WHERE { ?f a fynd:Finding } }
  { SELECT ?f ?label WHERE { ?f rdfs:label ?label } }
  { SELECT ?f ?r WHERE { ?f fynd:report ?r } }
  { SELECT ?f ?d WHERE { ?f fynd:document ?d } }
  { SELECT ?f ?ordinal WHERE { ?f fynd:ordinal ?ordinal } }
  { SELECT ?f ?method WHERE { ?f fynd:method ?method } }
  { SELECT ?f ?confidence WHERE { ?f fynd:confidence ?confidence } }
  { SELECT ?r ?rid ?position ?year WHERE {
      ?r fynd:reportId ?rid ; fynd:seriesPosition ?position ; fynd:year ?year } }
  { SELECT ?d ?did ?version WHERE { ?d fynd:documentId ?did OPTIONAL { ?d fynd:version ?version } } }
  OPTIONAL { SELECT ?f ?section WHERE { ?f fynd:section ?section } }
  OPTIONAL { SELECT ?f ?restates WHERE { ?f fynd:restates ?restates } }
  FILTERS
}
"""
# oa:start/oa:end are the source offsets of the position selector; the quote selector
# carries the repaired offsets under other names (fynd:repairedStart/End), so each
# pattern below can only match its own selector.
_SPANS = """
SELECT ?f ?exact ?start ?end
WHERE {
  { SELECT ?f WHERE { ?f a fynd:Finding } }
  { SELECT ?f ?e WHERE { ?f fynd:evidence ?e } }
  { SELECT ?e ?q WHERE { ?e oa:hasSelector ?q } }
  { SELECT ?q WHERE { ?q a oa:TextQuoteSelector } }
  { SELECT ?q ?exact WHERE { ?q oa:exact ?exact } }
  { SELECT ?e ?p WHERE { ?e oa:hasSelector ?p } }
  { SELECT ?p WHERE { ?p a oa:TextPositionSelector } }
  { SELECT ?p ?start WHERE { ?p oa:start ?start } }
  { SELECT ?p ?end WHERE { ?p oa:end ?end } }
}
"""


def read_findings(store: ox.Store, *, report: str | None = None,
                  type: FindingType | str | None = None,
                  include_restating: bool = True) -> list[FindingRow]:
    """Read findings back from a store (the union of its graphs).

    Parameters
    ----------
    store
        A store holding :func:`catalog_quads` and :func:`document_quads` output.
    report
        Only findings of this report id.
    type
        Only findings of this type (``FindingType`` or its value, e.g. ``"risk"``).
    include_restating
        If false, leave out a short version's findings that restate the full report.

    Returns
    -------
    list of FindingRow
        Ordered by the report's place in the series, document (full before short, then
        id), type (success factor, risk, proposal, recommendation), ordinal and start.

    Raises
    ------
    InputError
        For an unknown type.

    Examples
    --------
    >>> from pathlib import Path
    >>> from graph.findings import Finding, Span
    >>> from graph.ingest.catalog import Catalog, Document, Report
    >>> from graph.rdf.model import catalog_quads, document_quads
    >>> r = Report("d1", "Delrapport 1", "2022", 1)
    >>> d = Document("d1-full", Path("d1-full.txt"), r, "Delrapport 1", "full")
    >>> f = Finding("d1-full", "risk-1", FindingType.RISK, "Personalomsättning.", "Risker",
    ...             1, [Span(40, 59, "Personalomsättning.", "Risker")], "list", 1.0)
    >>> store = ox.Store()
    >>> store.extend(catalog_quads(Catalog(Path("c.toml"), (r,), (d,))))
    >>> store.extend(document_quads(d, [f]))
    >>> [(row.type, row.label, row.start, row.year) for row in read_findings(store)]
    [('risk', 'Personalomsättning.', 40, 2022)]
    >>> read_findings(store, type="recommendation")
    []
    """
    filters = []
    substitutions: _Bindings = {}
    if type is not None:
        try:
            wanted = FindingType(type)
        except ValueError:
            raise InputError(f"unknown type {type!r}; choose one of "
                             + ", ".join(t.value for t in FindingType)) from None
        substitutions[ox.Variable("class")] = FINDING_CLASSES[wanted]
    if report is not None:
        substitutions[ox.Variable("rid")] = ox.Literal(report)
    if not include_restating:
        filters.append("FILTER(!BOUND(?restates))")
    sparql = _READ.replace("FILTERS", "\n  ".join(filters)).replace(
        "CLASSES", " ".join(f"fynd:{t.class_name}" for t in FindingType))
    rows: dict[str, dict[str, Any]] = {}
    order: dict[str, tuple[int, int]] = {}
    spans: dict[str, set[tuple[int, int, str]]] = {}
    for sol in _select(store, sparql, substitutions):
        iri = sol["f"].value
        if iri in rows:
            continue
        version = sol["version"]
        position = int(sol["position"].value)
        order[iri] = (position,
                      0 if version is not None and version.value == "full" else 1)
        rows[iri] = {
            "iri": iri,
            "report": sol["rid"].value,
            "document": sol["did"].value,
            "year": int(sol["year"].value),
            "type": finding_type(sol["class"]).value,
            "label": sol["label"].value,
            "section": _value(sol["section"], ""),
            "ordinal": int(sol["ordinal"].value),
            "method": sol["method"].value,
            "confidence": float(sol["confidence"].value),
            "restates": _value(sol["restates"], None),
            "report_position": position,
        }
    for sol in _select(store, _SPANS, {}):
        iri = sol["f"].value
        if iri in rows:
            spans.setdefault(iri, set()).add(
                (int(sol["start"].value), int(sol["end"].value), sol["exact"].value))
    result = []
    for iri, row in rows.items():
        if iri not in spans:  # no complete evidence: validate reports it
            continue
        ordered = tuple(sorted(spans[iri]))
        start, end, quote = ordered[0]
        result.append(FindingRow(**row, quote=quote, start=start, end=end,
                                 evidence=len(ordered), spans=ordered))
    result.sort(key=lambda r: (order[r.iri], r.document, _TYPE_ORDER[FindingType(r.type)],
                               r.ordinal, r.start, r.iri))
    return result


def _select(store: ox.Store, sparql: str, substitutions: _Bindings) -> ox.QuerySolutions:
    answer = store.query(sparql, prefixes=PREFIXES, use_default_graph_as_union=True,
                         substitutions=substitutions or None)
    assert isinstance(answer, ox.QuerySolutions)
    return answer


def _value(term: Any, default: Any) -> Any:
    return default if term is None else term.value

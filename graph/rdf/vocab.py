"""Namespaces, terms and the IRI scheme of the fynd graph, mirroring ``ontology/fynd.ttl``.

Every IRI the code writes or reads is made here; nothing else spells one out.  Terms are
:class:`pyoxigraph.NamedNode` objects (cheap to import; rdflib is not imported here).

Vocabulary
----------
``FYND`` is a *closed* namespace: ``FYND.Report`` works, ``FYND.Reprot`` raises
``AttributeError``, and :data:`FYND_TERMS` lists exactly the terms ``fynd.ttl`` declares
(a test keeps the two in step).  The other namespaces (``RDF``, ``RDFS``, ``XSD``,
``OWL``, ``SKOS``, ``DCTERMS``, ``PROV``, ``OA``, ``SH``) are open.

IRI scheme
----------
Instances live under :data:`ID_BASE` ``= https://w3id.org/fynd/id/``.  The same input
always gives the same IRIs (no counters, dates or hashes of run-time state)::

    report/{report_id}                           a fynd:Report
    doc/{doc_id}                                 a fynd:Document
    finding/{doc_id}/{key}                       a fynd:Finding (key e.g. rec-3)
    finding/{doc_id}/{key}/evidence/{n}          a fynd:Evidence, n = 1, 2, ... in start order
    finding/{doc_id}/{key}/evidence/{n}/quote    its oa:TextQuoteSelector (the repaired
                                                 quote, fynd:repairedStart/End in the
                                                 repaired text)
    finding/{doc_id}/{key}/evidence/{n}/position its oa:TextPositionSelector (oa:start/end
                                                 in the source file's text as read)
    build/{doc_id}                               the fynd:Build that extracted the document
    graph/{doc_id}                               named graph of a document's findings
    graph/catalog                                named graph of reports and documents
    graph/lineage                                named graph of lineage links and statuses
    link/{doc_id}/{key}/{kind}/{doc_id}/{key}    a fynd:Link, source kind target
    activity/lineage                             the lineage analysis (prov:Activity)

Ids are percent-encoded where they are not IRI-safe (catalog ids always are).  The
graph names ``catalog``, ``lineage`` and ``ontology`` are reserved: no document may use
them as id.

>>> FYND.Recommendation.value
'https://w3id.org/fynd#Recommendation'
>>> finding_iri("d1-full", "rec-3").value
'https://w3id.org/fynd/id/finding/d1-full/rec-3'
>>> finding_type(finding_class("risk"))
<FindingType.RISK: 'risk'>
"""

from __future__ import annotations

from urllib.parse import quote, unquote

import pyoxigraph as ox

from graph.errors import InputError
from graph.findings import FindingType
from graph.resources import ontology_dir

#: The ontology directory: ``fynd.ttl`` and ``shapes.ttl`` (the source tree's, or the
#: installed package's copy: :mod:`graph.resources`).
ONTOLOGY_DIR = ontology_dir()
ONTOLOGY_PATH = ONTOLOGY_DIR / "fynd.ttl"
SHAPES_PATH = ONTOLOGY_DIR / "shapes.ttl"


class Namespace:
    """A namespace whose attributes and items are :class:`pyoxigraph.NamedNode` terms.

    Parameters
    ----------
    base
        The namespace IRI, ending in ``#`` or ``/``.
    terms
        If given, the namespace is closed: only these local names are terms.

    Examples
    --------
    >>> ex = Namespace("http://example.org/", terms=("a",))
    >>> ex.a
    <NamedNode value=http://example.org/a>
    >>> ex["b"]
    Traceback (most recent call last):
    AttributeError: 'b' is not a term of http://example.org/
    """

    def __init__(self, base: str, terms: tuple[str, ...] | None = None) -> None:
        self.base = base
        self.terms = terms
        self._cache: dict[str, ox.NamedNode] = {}

    def __getitem__(self, name: str) -> ox.NamedNode:
        node = self._cache.get(name)
        if node is None:
            if self.terms is not None and name not in self.terms:
                raise AttributeError(f"{name!r} is not a term of {self.base}")
            node = self._cache[name] = ox.NamedNode(self.base + name)
        return node

    def __getattr__(self, name: str) -> ox.NamedNode:
        if name.startswith("_"):
            raise AttributeError(name)
        return self[name]

    def __contains__(self, iri: object) -> bool:
        value = iri.value if isinstance(iri, ox.NamedNode) else iri
        return isinstance(value, str) and value.startswith(self.base) and (
            self.terms is None or value[len(self.base):] in self.terms)

    def __repr__(self) -> str:
        return f"Namespace({self.base!r})"


#: Every class and property ``ontology/fynd.ttl`` declares, in the order it declares them.
FYND_CLASSES = (
    "Report", "Document", "Finding", "SuccessFactor", "Risk", "ImprovementProposal",
    "Recommendation", "Evidence", "Build", "Link",
)
FYND_PROPERTIES = (
    # catalog
    "reportId", "documentId", "seriesPosition", "programme", "year", "version",
    # findings
    "report", "document", "section", "ordinal", "evidence", "method", "confidence",
    "restates",
    # evidence (on the quote selector: where the quote stands in the repaired text)
    "repairedStart", "repairedEnd",
    # lineage (declared for the lineage stage; not written by graph.rdf.model)
    "linkSource", "linkTarget", "kind", "score", "shape", "note", "sharedTerm",
    "persistsAs", "evolvesInto", "drawsOn", "answers", "status", "lastSeenIn", "theme",
    "backgroundMethod", "backgroundScore", "signal", "semanticScore", "lineageOption",
)
# Labels for people (the block at the end of fynd.ttl): an annotation property, the
# concept schemes of statuses and link kinds, and their concepts.
FYND_ANNOTATIONS = ("pluralLabel",)
FYND_CONCEPTS = (
    "Statuses", "persisted", "evolved", "dropped", "new",
    "LinkKinds", "persists", "evolves", "drawingOn", "answering",
)
FYND_TERMS = FYND_CLASSES + FYND_PROPERTIES + FYND_ANNOTATIONS + FYND_CONCEPTS

FYND = Namespace("https://w3id.org/fynd#", terms=FYND_TERMS)
RDF = Namespace("http://www.w3.org/1999/02/22-rdf-syntax-ns#")
RDFS = Namespace("http://www.w3.org/2000/01/rdf-schema#")
XSD = Namespace("http://www.w3.org/2001/XMLSchema#")
OWL = Namespace("http://www.w3.org/2002/07/owl#")
SKOS = Namespace("http://www.w3.org/2004/02/skos/core#")
DCTERMS = Namespace("http://purl.org/dc/terms/")
PROV = Namespace("http://www.w3.org/ns/prov#")
OA = Namespace("http://www.w3.org/ns/oa#")
SH = Namespace("http://www.w3.org/ns/shacl#")

#: Prefix -> namespace IRI, for SPARQL and serialisation.
PREFIXES: dict[str, str] = {
    "fynd": FYND.base, "rdf": RDF.base, "rdfs": RDFS.base, "xsd": XSD.base,
    "owl": OWL.base, "skos": SKOS.base, "dcterms": DCTERMS.base, "prov": PROV.base,
    "oa": OA.base, "sh": SH.base,
}

#: Where instance IRIs live.
ID_BASE = "https://w3id.org/fynd/id/"
#: The ontology itself.
ONTOLOGY_IRI = ox.NamedNode("https://w3id.org/fynd")

#: Values of ``fynd:method`` on findings and of ``fynd:version`` on documents.
METHODS = ("list", "box", "table", "prose")
VERSIONS = ("full", "short")

#: FindingType -> its class, and back (keyed by the class IRI string).
FINDING_CLASSES: dict[FindingType, ox.NamedNode] = {t: FYND[t.class_name] for t in FindingType}
FINDING_TYPES: dict[str, FindingType] = {c.value: t for t, c in FINDING_CLASSES.items()}

CATALOG_GRAPH = ox.NamedNode(ID_BASE + "graph/catalog")
LINEAGE_GRAPH = ox.NamedNode(ID_BASE + "graph/lineage")
LINEAGE_ACTIVITY = ox.NamedNode(ID_BASE + "activity/lineage")
#: The ontology and theme scheme, loaded with the data so the graph describes itself.
ONTOLOGY_GRAPH = ox.NamedNode(ID_BASE + "graph/ontology")
_RESERVED_GRAPHS = ("catalog", "lineage", "ontology")


def _seg(value: str) -> str:
    return quote(value, safe="-._~")


def report_iri(report_id: str) -> ox.NamedNode:
    """The IRI of a report.

    >>> report_iri("d1").value
    'https://w3id.org/fynd/id/report/d1'
    """
    return ox.NamedNode(f"{ID_BASE}report/{_seg(report_id)}")


def document_iri(doc_id: str) -> ox.NamedNode:
    """The IRI of a document (one file of a report).

    >>> document_iri("d1-short").value
    'https://w3id.org/fynd/id/doc/d1-short'
    """
    return ox.NamedNode(f"{ID_BASE}doc/{_seg(doc_id)}")


def finding_iri(doc_id: str, key: str) -> ox.NamedNode:
    """The IRI of a finding, from its document id and :attr:`graph.findings.Finding.key`.

    >>> finding_iri("d1-full", "sf-2").value
    'https://w3id.org/fynd/id/finding/d1-full/sf-2'
    """
    return ox.NamedNode(f"{ID_BASE}finding/{_seg(doc_id)}/{_seg(key)}")


def evidence_iri(doc_id: str, key: str, n: int) -> ox.NamedNode:
    """The IRI of a finding's *n*-th evidence span (1-based, in order of start offset).

    >>> evidence_iri("d1-full", "sf-2", 1).value
    'https://w3id.org/fynd/id/finding/d1-full/sf-2/evidence/1'
    """
    return ox.NamedNode(f"{finding_iri(doc_id, key).value}/evidence/{n}")


def selector_iris(evidence: ox.NamedNode) -> tuple[ox.NamedNode, ox.NamedNode]:
    """The IRIs of an evidence's quote selector and position selector.

    >>> [s.value.rsplit("/", 3)[1:] for s in selector_iris(evidence_iri("d", "rec-1", 1))]
    [['evidence', '1', 'quote'], ['evidence', '1', 'position']]
    """
    return (ox.NamedNode(evidence.value + "/quote"), ox.NamedNode(evidence.value + "/position"))


def build_iri(doc_id: str) -> ox.NamedNode:
    """The IRI of the build activity that extracted a document's findings.

    >>> build_iri("d1-full").value
    'https://w3id.org/fynd/id/build/d1-full'
    """
    return ox.NamedNode(f"{ID_BASE}build/{_seg(doc_id)}")


def graph_iri(doc_id: str) -> ox.NamedNode:
    """The named graph holding a document's findings.

    Raises
    ------
    InputError
        If *doc_id* is a reserved graph name (``catalog``, ``lineage``).

    Examples
    --------
    >>> graph_iri("d2-short").value
    'https://w3id.org/fynd/id/graph/d2-short'
    >>> graph_iri("catalog")
    Traceback (most recent call last):
    graph.errors.InputError: document id 'catalog' is reserved for a graph name; rename it
    """
    if doc_id in _RESERVED_GRAPHS:
        raise InputError(f"document id {doc_id!r} is reserved for a graph name; rename it")
    return ox.NamedNode(f"{ID_BASE}graph/{_seg(doc_id)}")


def link_iri(source: str | ox.NamedNode, kind: str, target: str | ox.NamedNode) -> ox.NamedNode:
    """The IRI of a lineage link between two findings (given by their IRIs).

    >>> link_iri(finding_iri("d1-full", "rec-1"), "persists",
    ...          finding_iri("d2-short", "rec-4")).value
    'https://w3id.org/fynd/id/link/d1-full/rec-1/persists/d2-short/rec-4'
    """
    (sd, sk), (td, tk) = parse_finding_iri(source), parse_finding_iri(target)
    return ox.NamedNode(f"{ID_BASE}link/{_seg(sd)}/{_seg(sk)}/{_seg(kind)}/{_seg(td)}/{_seg(tk)}")


def parse_finding_iri(iri: str | ox.NamedNode) -> tuple[str, str]:
    """The ``(document id, key)`` of a finding IRI: the inverse of :func:`finding_iri`.

    Raises
    ------
    ValueError
        If *iri* is not a finding IRI.

    Examples
    --------
    >>> parse_finding_iri("https://w3id.org/fynd/id/finding/d1-full/rec-3")
    ('d1-full', 'rec-3')
    """
    value = iri.value if isinstance(iri, ox.NamedNode) else iri
    prefix = ID_BASE + "finding/"
    parts = value[len(prefix):].split("/") if value.startswith(prefix) else []
    if len(parts) != 2 or not all(parts):
        raise ValueError(f"not a finding IRI: {value}")
    return unquote(parts[0]), unquote(parts[1])


def finding_class(type: FindingType | str) -> ox.NamedNode:
    """The class of a finding type (a :class:`FindingType` or its value).

    Raises
    ------
    ValueError
        For an unknown type name.

    Examples
    --------
    >>> finding_class("proposal").value
    'https://w3id.org/fynd#ImprovementProposal'
    """
    return FINDING_CLASSES[FindingType(type)]


def finding_type(cls: ox.NamedNode | str) -> FindingType:
    """The finding type of a class IRI: the inverse of :func:`finding_class`.

    Raises
    ------
    KeyError
        If *cls* is not one of the four finding classes.

    Examples
    --------
    >>> finding_type("https://w3id.org/fynd#SuccessFactor").value
    'success-factor'
    """
    return FINDING_TYPES[cls.value if isinstance(cls, ox.NamedNode) else cls]

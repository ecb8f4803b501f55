"""Check the graph against the SHACL shapes of ``ontology/shapes.ttl`` with pySHACL.

The data graph is the union of the store's named graphs; ``ontology/fynd.ttl`` is the
ontology graph, so targets and ``sh:class`` see the class hierarchy.  rdflib and pyshacl
are heavy and imported only inside :func:`validate`.

Call it as ``validate(store)``; ``report.conforms`` says whether the graph conforms and
``report.violations`` lists what does not, one readable line each (``str(violation)``).
"""

from __future__ import annotations

import io
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pyoxigraph as ox

from graph.errors import InputError
from graph.rdf.vocab import ONTOLOGY_PATH, PREFIXES, SHAPES_PATH

if TYPE_CHECKING:
    import rdflib


@dataclass(frozen=True, order=True)
class Violation:
    """One validation result: the node at fault, the property, and what is wrong.

    IRIs are shortened with the usual prefixes (``fynd:``, ``oa:``, ...); instance IRIs
    keep their full form so that they can be pasted into a query.
    """

    focus: str
    path: str
    message: str
    severity: str = "Violation"
    value: str = ""

    def __str__(self) -> str:
        where = f"{self.focus} {self.path}" if self.path else self.focus
        value = f" (value: {self.value})" if self.value else ""
        return f"{self.severity}: {where}: {self.message}{value}"


@dataclass
class ValidationReport:
    """The outcome of :func:`validate`."""

    conforms: bool
    violations: list[Violation] = field(default_factory=list)
    text: str = ""

    def __str__(self) -> str:
        if self.conforms and not self.violations:
            return "The graph conforms to the shapes."
        return "\n".join(str(v) for v in self.violations)


def _short(term: Any) -> str:
    """A term for a person: a prefixed name, a quoted literal, or the IRI as is."""
    import rdflib

    if term is None:
        return ""
    if isinstance(term, rdflib.Literal):
        if term.language:
            return f"{str(term)!r}@{term.language}"
        if term.datatype is None or str(term.datatype) == PREFIXES["xsd"] + "string":
            return repr(str(term))
        return f"{str(term)!r}^^{_short(term.datatype)}"
    if isinstance(term, rdflib.URIRef):
        for prefix, base in PREFIXES.items():
            if str(term).startswith(base) and "/" not in str(term)[len(base):]:
                return f"{prefix}:{str(term)[len(base):]}"
        return str(term)
    if isinstance(term, rdflib.BNode):
        return "[]"
    return str(term)


def _path(results: rdflib.Graph, node: Any) -> str:
    """A SHACL path, shortened: ``fynd:report``, ``fynd:document/dcterms:isPartOf``,
    ``^fynd:evidence``."""
    import rdflib
    from rdflib.collection import Collection
    from rdflib.namespace import SH

    if node is None:
        return ""
    if isinstance(node, rdflib.URIRef):
        return _short(node)
    inverse = results.value(node, SH.inversePath)
    if inverse is not None:
        return "^" + _path(results, inverse)
    if results.value(node, rdflib.RDF.first) is not None:
        return "/".join(_path(results, step) for step in Collection(results, node))
    return "[path]"


def _data_graph(data: ox.Store | rdflib.Graph) -> rdflib.Graph:
    import rdflib

    from graph.rdf.remote import RemoteStore

    if isinstance(data, ox.Store | RemoteStore):
        out = io.BytesIO()
        triples = data.query("CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }",
                             use_default_graph_as_union=True)
        assert isinstance(triples, ox.QueryTriples)
        ox.serialize(triples, out, format=ox.RdfFormat.N_TRIPLES)
        graph = rdflib.Graph()
        graph.parse(data=out.getvalue().decode("utf-8"), format="nt")
        return graph
    if isinstance(data, rdflib.Dataset):
        union = rdflib.Graph()
        for s, p, o, _ in data.quads((None, None, None, None)):
            union.add((s, p, o))
        return union
    if isinstance(data, rdflib.Graph):
        return data
    raise InputError(f"cannot validate a {type(data).__name__}: give a pyoxigraph Store "
                     "or an rdflib Graph or Dataset")


def validate(data: ox.Store | rdflib.Graph, shapes_path: str | Path | None = None, *,
             ontology_path: str | Path | None = None) -> ValidationReport:
    """Validate the graph against the SHACL shapes.

    Parameters
    ----------
    data
        A pyoxigraph store (the union of its named graphs is validated), or an rdflib
        ``Graph`` or ``Dataset`` (a dataset's graphs are united).
    shapes_path
        The shapes (Turtle); default ``ontology/shapes.ttl``.
    ontology_path
        The ontology that gives the class hierarchy; default ``ontology/fynd.ttl``.

    Returns
    -------
    ValidationReport
        ``conforms`` and the ``violations``, sorted by focus node and path; warnings
        (``sh:Warning``) are listed but do not make the graph non-conforming.

    Raises
    ------
    InputError
        If *data* is of another kind, or a shapes or ontology file is missing.

    Examples
    --------
    >>> import pyoxigraph as ox
    >>> from graph.rdf.vocab import FYND, RDF, report_iri
    >>> store = ox.Store()
    >>> store.add(ox.Quad(report_iri("d1"), RDF.type, FYND.Report))
    >>> report = validate(store)
    >>> report.conforms
    False
    >>> print(report.violations[0])
    Violation: https://w3id.org/fynd/id/report/d1 dcterms:issued: A report needs exactly one ...
    """
    import pyshacl
    import rdflib

    shapes_file = Path(shapes_path) if shapes_path is not None else SHAPES_PATH
    ontology_file = Path(ontology_path) if ontology_path is not None else ONTOLOGY_PATH
    for file in (shapes_file, ontology_file):
        if not file.is_file():
            raise InputError("file not found", path=str(file))
    data_graph = _data_graph(data)
    shapes = rdflib.Graph().parse(shapes_file, format="turtle")
    ontology = rdflib.Graph().parse(ontology_file, format="turtle")
    conforms, results, text = pyshacl.validate(
        data_graph, shacl_graph=shapes, ont_graph=ontology, inference="none",
        allow_warnings=True, advanced=False, meta_shacl=False)
    return ValidationReport(bool(conforms), _violations(results), str(text))


def _violations(results: rdflib.Graph) -> list[Violation]:
    import rdflib
    from rdflib.namespace import SH

    found = set()
    for result in results.subjects(rdflib.RDF.type, SH.ValidationResult):
        severity = results.value(result, SH.resultSeverity)
        message = results.value(result, SH.resultMessage)
        found.add(Violation(
            focus=_short(results.value(result, SH.focusNode)),
            path=_path(results, results.value(result, SH.resultPath)),
            message=str(message) if message is not None else "does not conform",
            severity=str(severity).rsplit("#", 1)[-1] if severity is not None else "Violation",
            value=_short(results.value(result, SH.value)),
        ))
    return sorted(found)

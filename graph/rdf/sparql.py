"""SPARQL over an open store: queries that stay local and read-only, exports, bulk loads.

:func:`run_query` is what ``fynd query`` runs.  Before Oxigraph sees a query it is
checked for the two things a read-only, local tool must not do: an update (``INSERT``,
``DELETE``, ``LOAD``, ``CLEAR``, ...: "fynd query is read-only") and a ``SERVICE``
clause, which would make Oxigraph send an HTTP request to another endpoint (refused
unless ``allow_service``).  Every error is one line with the query's line and column.
"""

from __future__ import annotations

import io
import itertools
import re
from collections.abc import Iterable
from dataclasses import dataclass

import pyoxigraph as ox

from graph.errors import InputError, QueryError
from graph.rdf.vocab import PREFIXES

#: Export formats: name -> (pyoxigraph format, keeps named graphs?)
EXPORT_FORMATS: dict[str, tuple[ox.RdfFormat, bool]] = {
    "ttl": (ox.RdfFormat.TURTLE, False),
    "nt": (ox.RdfFormat.N_TRIPLES, False),
    "trig": (ox.RdfFormat.TRIG, True),
    "nq": (ox.RdfFormat.N_QUADS, True),
    "jsonld": (ox.RdfFormat.JSON_LD, True),
}

#: The first keyword of every SPARQL 1.1 Update operation.
UPDATE_KEYWORDS = ("INSERT", "DELETE", "LOAD", "CLEAR", "CREATE", "DROP", "COPY", "MOVE",
                   "ADD", "WITH")


@dataclass
class QueryResult:
    """The answer of a SELECT (rows), ASK (``boolean``) or CONSTRUCT (``triples``) query."""

    columns: list[str]
    rows: list[list[str | None]]
    boolean: bool | None = None
    triples: list[ox.Triple] | None = None


def _term_text(term: object) -> str | None:
    if term is None:
        return None
    return str(term.value)  # type: ignore[attr-defined]


# Strings, IRIs and comments: blanked out before looking for keywords, so that a
# "service" in a label or an IRI is not taken for the SERVICE keyword.
_OPAQUE = re.compile(r'"""[\s\S]*?"""|\'\'\'[\s\S]*?\'\'\'|"(?:[^"\\\n]|\\.)*"'
                     r"|'(?:[^'\\\n]|\\.)*'|<[^<>\"{}|^`\\\s]*>|#[^\n]*")
# Comments, PREFIX and BASE declarations before the query's first keyword (raw text).
_PROLOGUE = re.compile(r"(?:\s+|#[^\n]*|(?:PREFIX\s*[^\s:]*:|BASE)\s*<[^<>\s]*>)*",
                       re.IGNORECASE)
_SERVICE = re.compile(r"(?<![\w:?$])SERVICE\b", re.IGNORECASE)


def blank_out(sparql: str) -> str:
    """*sparql* with strings, IRIs and comments replaced by spaces (newlines kept, so
    offsets still point into the original).

    >>> blank_out('SELECT * WHERE { ?s rdfs:label "a {" } # }')
    'SELECT * WHERE { ?s rdfs:label      }    '
    """
    return _OPAQUE.sub(lambda m: re.sub(r"[^\n]", " ", m[0]), sparql)


def _place(text: str, offset: int) -> tuple[int, int]:
    line = text.count("\n", 0, offset) + 1
    return line, offset - (text.rfind("\n", 0, offset) + 1) + 1


def check_query(sparql: str, *, source: str = "query", allow_service: bool = False) -> None:
    """Refuse an update, and a ``SERVICE`` clause unless *allow_service*.

    Raises
    ------
    QueryError
        With the line and column of the offending keyword.

    Examples
    --------
    >>> check_query("SELECT * WHERE { ?s rdfs:label 'SERVICE' }")
    >>> check_query("PREFIX ex: <http://x/>\\nINSERT DATA { ex:a ex:b ex:c }")
    Traceback (most recent call last):
    graph.errors.QueryError: query:2:1: fynd query is read-only: INSERT changes the graph ...
    >>> check_query("SELECT * WHERE {\\n  SERVICE <http://x/s> { ?s ?p ?o } }")
    Traceback (most recent call last):
    graph.errors.QueryError: query:2:3: SERVICE would query another endpoint over the network...
    """
    start = _PROLOGUE.match(sparql)
    first = re.match(r"[A-Za-z]+", sparql[start.end():]) if start else None
    if first and first[0].upper() in UPDATE_KEYWORDS:
        line, column = _place(sparql, start.end() if start else 0)
        raise QueryError(f"fynd query is read-only: {first[0].upper()} changes the graph "
                         "(only fynd build writes it)", path=source, line=line, column=column)
    if "service" not in sparql.lower():
        return  # the common case, without blanking strings, IRIs and comments out
    service = _SERVICE.search(blank_out(sparql))
    if service and not allow_service:
        line, column = _place(sparql, service.start())
        raise QueryError("SERVICE would query another endpoint over the network; fynd "
                         "queries stay local (pass --allow-service to allow it)",
                         path=source, line=line, column=column)


_WHERE = re.compile(r"error at (\d+):(\d+):\s*(.*)", re.DOTALL)


def _syntax_message(sparql: str, line: int, column: int, detail: str) -> str:
    if "Prefix not found" in detail:
        text_line = sparql.splitlines()[line - 1] if line <= len(sparql.splitlines()) else ""
        names = re.findall(r"(?<![\w<])([A-Za-z][\w.-]*|):[\w-]*", text_line[: column + 40])
        known = ", ".join(sorted(PREFIXES))
        name = f" '{names[0]}:'" if names else ""
        return f"undefined prefix{name} (declare it with PREFIX, or use one of: {known})"
    first = " ".join(detail.split())
    if len(first) > 160:
        first = first[:157] + "..."
    return f"SPARQL syntax error: {first or 'invalid query'}"


def run_query(store: ox.Store, sparql: str, *, source: str = "query",
              allow_service: bool = False) -> QueryResult:
    """Run a read-only SPARQL query over the union of all graphs.

    Parameters
    ----------
    store
        An open store.
    sparql
        The query; the prefixes of :data:`PREFIXES` are predeclared.
    source
        Where the query came from, for error messages (a file name or ``query``).
    allow_service
        Let a ``SERVICE`` clause reach another endpoint (refused by default).

    Raises
    ------
    QueryError
        If the query is an update, uses ``SERVICE`` (unless allowed), does not parse
        (with its line and column) or fails while running; always one line.

    Examples
    --------
    >>> s = ox.Store()
    >>> s.add(ox.Quad(ox.NamedNode("http://a"), ox.NamedNode("http://b"), ox.Literal("c"),
    ...               ox.NamedNode("http://g")))
    >>> run_query(s, "SELECT ?o WHERE { ?s ?p ?o }").rows
    [['c']]
    >>> run_query(s, "SELECT ?o WHERE {")
    Traceback (most recent call last):
    graph.errors.QueryError: query:1:18: SPARQL syntax error: expected ...
    >>> run_query(s, "SELECT * WHERE { ?s nope:p ?o }")
    Traceback (most recent call last):
    graph.errors.QueryError: query:1:...: undefined prefix 'nope:' (declare it with PREFIX, ...
    """
    check_query(sparql, source=source, allow_service=allow_service)
    try:
        answer = store.query(sparql, prefixes=PREFIXES, use_default_graph_as_union=True)
        if isinstance(answer, ox.QueryBoolean):
            return QueryResult(columns=["result"], rows=[[str(bool(answer)).lower()]],
                               boolean=bool(answer))
        if isinstance(answer, ox.QuerySolutions):
            columns = [v.value for v in answer.variables]
            # A solution iterates over its values in the order of the variables.
            rows = [[None if t is None else t.value for t in sol] for sol in answer]
            return QueryResult(columns=columns, rows=rows)
        triples = list(answer)
    except SyntaxError as exc:
        found = _WHERE.search(str(exc))
        if found:
            line, column = int(found[1]), int(found[2])
            raise QueryError(_syntax_message(sparql, line, column, found[3]), path=source,
                             line=line, column=column) from None
        raise QueryError(f"SPARQL syntax error: {' '.join(str(exc).split())}",
                         path=source) from None
    except (OSError, ValueError, RuntimeError) as exc:
        raise QueryError(f"query failed: {' '.join(str(exc).split())}", path=source) from None
    rows = [[_term_text(t.subject), _term_text(t.predicate), _term_text(t.object)]
            for t in triples]
    return QueryResult(columns=["subject", "predicate", "object"], rows=rows, triples=triples)


def export(store: ox.Store, fmt: str = "ttl") -> bytes:
    """Serialise the graph.  Graph-aware formats (trig, nq, jsonld) keep the named graphs;
    triple formats (ttl, nt) get the union.

    Raises
    ------
    InputError
        For an unknown format name.

    Examples
    --------
    >>> s = ox.Store()
    >>> s.add(ox.Quad(ox.NamedNode("http://a"), ox.NamedNode("http://b"), ox.Literal("c"),
    ...               ox.NamedNode("http://g")))
    >>> export(s, "nt")
    b'<http://a> <http://b> "c" .\\n'
    """
    if fmt not in EXPORT_FORMATS:
        raise InputError(f"unknown format {fmt!r}; choose one of {', '.join(EXPORT_FORMATS)}")
    rdf_format, keeps_graphs = EXPORT_FORMATS[fmt]
    out = io.BytesIO()
    prefixes = PREFIXES if rdf_format in (ox.RdfFormat.TURTLE, ox.RdfFormat.TRIG) else None
    if keeps_graphs:
        store.dump(out, format=rdf_format, prefixes=prefixes)
    else:
        triples = store.query("CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }",
                              use_default_graph_as_union=True)
        assert isinstance(triples, ox.QueryTriples)
        ox.serialize(triples, out, format=rdf_format, prefixes=prefixes)
    return out.getvalue()


def select(store: ox.Store, sparql: str) -> ox.QuerySolutions:
    """Run a SELECT query (fynd's prefixes set) over the union of all graphs."""
    answer = store.query(sparql, prefixes=PREFIXES, use_default_graph_as_union=True)
    if not isinstance(answer, ox.QuerySolutions):
        raise QueryError("expected a SELECT query")
    return answer


def load_quads(store: ox.Store, quads: Iterable[ox.Quad]) -> int:
    """Add *quads* to *store* in one bulk write and return how many were given.

    The quads are streamed to the store, never held in a list: at 4.2 million quads a
    list cost 1.4x a plain ``bulk_load`` of the same file; streamed, the same time
    (``benchmarks/RESULTS.md``).

    >>> import pyoxigraph as ox
    >>> q = ox.Quad(ox.NamedNode("urn:a"), ox.NamedNode("urn:b"), ox.Literal("c"))
    >>> load_quads(ox.Store(), iter([q, q]))
    2
    """
    counted = itertools.count()
    store.bulk_extend(quad for quad, _ in zip(quads, counted))
    return next(counted)

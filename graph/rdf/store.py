"""The embedded graph store: Oxigraph on disk, built atomically, queried as a union.

Every document's findings live in a named graph of their own; queries see the union
of all graphs as their default graph.  A build writes a new store beside the old one
and swaps it in only once it is complete, so a failed or interrupted build leaves the
previous graph as it was.
"""

from __future__ import annotations

import io
import os
import re
import shutil
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import cast

import pyoxigraph as ox

from graph.errors import InputError, QueryError, StoreError
from graph.rdf.vocab import PREFIXES

#: Where the graph lives unless ``--store`` or ``$FYND_STORE`` says otherwise.
DEFAULT_STORE = Path(".fynd") / "store"

#: Export formats: name -> (pyoxigraph format, keeps named graphs?)
EXPORT_FORMATS: dict[str, tuple[ox.RdfFormat, bool]] = {
    "ttl": (ox.RdfFormat.TURTLE, False),
    "nt": (ox.RdfFormat.N_TRIPLES, False),
    "trig": (ox.RdfFormat.TRIG, True),
    "nq": (ox.RdfFormat.N_QUADS, True),
    "jsonld": (ox.RdfFormat.JSON_LD, True),
}


def store_path(path: str | Path | None = None) -> Path:
    """Resolve the store location: *path*, else ``$FYND_STORE``, else :data:`DEFAULT_STORE`.

    >>> store_path("x/y")
    PosixPath('x/y')
    """
    if path is not None:
        return Path(path)
    return Path(os.environ.get("FYND_STORE", DEFAULT_STORE))


def open_store(path: str | Path | None = None) -> ox.Store:
    """Open an existing store read-only; a ``http(s)://`` location is a remote SPARQL
    endpoint (:class:`graph.rdf.remote.RemoteStore`).

    Raises
    ------
    StoreError
        If there is no store at the path (``fynd build`` makes one).
    """
    from graph.rdf.remote import RemoteStore, is_url

    if is_url(path if path is not None else os.environ.get("FYND_STORE", "")):
        # A SPARQL endpoint: duck-typed as a store for the readers (query,
        # contains_named_graph, dump), read-only.
        return cast(ox.Store, RemoteStore(str(path or os.environ["FYND_STORE"])))
    location = store_path(path)
    if not location.is_dir():
        raise StoreError(f"no graph at {location}: run 'fynd build' first (or pass --store)")
    try:
        return ox.Store.read_only(str(location))
    except OSError as exc:
        raise StoreError(f"cannot open the graph at {location}: {exc}") from None


@contextmanager
def atomic_store(path: str | Path | None = None) -> Iterator[ox.Store]:
    """Yield a new, empty on-disk store that replaces the one at *path* on success.

    The new store is written in a sibling directory; only when the ``with`` block ends
    without an exception is the old store moved aside and the new one renamed into its
    place.  On any exception (including ``KeyboardInterrupt``) the new store is deleted
    and the old one is untouched.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> where = pathlib.Path(tempfile.mkdtemp()) / "store"
    >>> with atomic_store(where) as store:
    ...     store.add(ox.Quad(ox.NamedNode("http://a"), ox.NamedNode("http://b"),
    ...                       ox.Literal("c")))
    >>> len(list(open_store(where).quads_for_pattern(None, None, None)))
    1
    """
    target = store_path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    building = target.with_name(f".{target.name}.building-{os.getpid()}")
    shutil.rmtree(building, ignore_errors=True)
    try:
        store = ox.Store(str(building))
    except OSError as exc:
        raise StoreError(f"cannot create a store at {building}: {exc}") from None
    try:
        yield store
        store.flush()
        del store  # closes the RocksDB files before the rename
        old = target.with_name(f".{target.name}.old-{os.getpid()}")
        if target.exists():
            target.rename(old)
        building.rename(target)
        shutil.rmtree(old, ignore_errors=True)
    finally:
        shutil.rmtree(building, ignore_errors=True)


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


_WHERE = re.compile(r"error at (\d+):(\d+):\s*(.*)", re.DOTALL)


def run_query(store: ox.Store, sparql: str, *, source: str = "query") -> QueryResult:
    """Run a SPARQL query over the union of all graphs.

    Parameters
    ----------
    store
        An open store.
    sparql
        The query; the prefixes of :data:`PREFIXES` are predeclared.
    source
        Where the query came from, for error messages (a file name or ``query``).

    Raises
    ------
    QueryError
        If the query does not parse, with its line and column.

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
    """
    try:
        answer = store.query(sparql, prefixes=PREFIXES, use_default_graph_as_union=True)
    except SyntaxError as exc:
        found = _WHERE.search(str(exc))
        if found:
            detail = found[3].splitlines()[0] if found[3] else "invalid query"
            raise QueryError(f"SPARQL syntax error: {detail}", path=source,
                             line=int(found[1]), column=int(found[2])) from None
        raise QueryError(f"SPARQL syntax error: {exc}", path=source) from None
    except OSError as exc:
        raise QueryError(f"query failed: {exc}", path=source) from None
    if isinstance(answer, ox.QueryBoolean):
        return QueryResult(columns=["result"], rows=[[str(bool(answer)).lower()]],
                           boolean=bool(answer))
    if isinstance(answer, ox.QuerySolutions):
        columns = [v.value for v in answer.variables]
        rows = [[_term_text(sol[c]) for c in columns] for sol in answer]
        return QueryResult(columns=columns, rows=rows)
    triples = list(answer)
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
    """Add *quads* to *store* in one bulk write and return how many were given."""
    batch = list(quads)
    store.bulk_extend(batch)
    return len(batch)

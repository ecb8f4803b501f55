"""A remote graph: any SPARQL 1.1 endpoint, read through the SPARQL protocol.

:class:`RemoteStore` answers the calls fynd's readers make of an embedded store
(``query`` with ``prefixes``, ``use_default_graph_as_union`` and ``substitutions``,
``contains_named_graph``, ``dump``), so ``--store http(s)://…`` works on every command
that reads the graph.  :func:`push` loads a built graph into a store with the SPARQL 1.1
Graph Store Protocol.  Only ``urllib``; results are parsed by pyoxigraph.

What each server needs for fynd's queries to see the union of the named graphs:

* **Oxigraph** (``oxigraph serve``, ``fynd serve``): the ``union-default-graph`` query
  parameter, which this client sends, or the server option ``--union-default-graph``.
  ``--store http://host:7878`` queries ``/query`` and pushes to ``/store``.
* **Virtuoso**: ``--store http://host:8890/sparql``; with no ``FROM`` it queries the union
  of all graphs already (its own system graphs too, which fynd's patterns do not match).
* **Fuseki / GraphDB**: the dataset's union default graph must be switched on in the
  server's configuration (``tdb2:unionDefaultGraph true``; GraphDB does it by default).

Authentication comes from the environment, never a flag: ``FYND_STORE_AUTH=user:password``
(HTTP Basic) or ``FYND_STORE_TOKEN`` (a bearer token).
"""

from __future__ import annotations

import base64
import io
import os
import re
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterable
from typing import Any

import pyoxigraph as ox

from graph.errors import QueryError, StoreError

#: How ``--store`` names a remote graph.
URL = re.compile(r"^https?:/+", re.IGNORECASE)
_QUERY_TYPE = re.compile(r"\b(SELECT|ASK|CONSTRUCT|DESCRIBE)\b", re.IGNORECASE)
_WHERE = re.compile(r"\bWHERE\s*\{", re.IGNORECASE)


def is_url(location: object) -> bool:
    """Does *location* name a remote store?  (A ``Path`` collapses ``//``; that counts.)

    >>> is_url("https://example.org/sparql"), is_url("http:/example.org"), is_url(".fynd/store")
    (True, True, False)
    """
    return bool(URL.match(str(location)))


def normalise_url(location: object) -> str:
    """The URL of *location*, with the ``//`` a ``Path`` dropped put back.

    >>> normalise_url("http:/localhost:7878")
    'http://localhost:7878'
    """
    return URL.sub(lambda m: m.group(0).split(":")[0].lower() + "://", str(location), count=1)


def endpoints(url: str) -> tuple[str, str]:
    """The query endpoint and the Graph Store endpoint of *url*.

    A URL ending in ``/query`` or ``/sparql`` is the query endpoint itself; a bare server
    URL is Oxigraph's layout (``/query``, ``/store``).

    >>> endpoints("http://localhost:7878")
    ('http://localhost:7878/query', 'http://localhost:7878/store')
    >>> endpoints("http://h:8890/sparql")
    ('http://h:8890/sparql', 'http://h:8890/sparql-graph-crud')
    """
    url = normalise_url(url).rstrip("/")
    parts = urllib.parse.urlsplit(url)
    path = parts.path
    if path.endswith("/sparql"):
        return url, url + "-graph-crud"
    if path.endswith("/query"):
        return url, url[: -len("/query")] + "/store"
    return url + "/query", url + "/store"


def _auth_headers() -> dict[str, str]:
    auth, token = os.environ.get("FYND_STORE_AUTH"), os.environ.get("FYND_STORE_TOKEN")
    if token:
        return {"Authorization": f"Bearer {token}"}
    if auth:
        return {"Authorization": "Basic " + base64.b64encode(auth.encode()).decode("ascii")}
    return {}


def _request(url: str, *, data: bytes | None = None, method: str = "GET",
             headers: dict[str, str] | None = None, timeout: float = 300.0) -> bytes:
    request = urllib.request.Request(url, data=data, method=method,
                                     headers={**_auth_headers(), **(headers or {})})
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            return bytes(response.read())
    except urllib.error.HTTPError as exc:
        body = exc.read().decode("utf-8", "replace").strip().splitlines()
        detail = body[0][:300] if body else exc.reason
        if exc.code == 400:
            raise QueryError(f"the endpoint refused the query: {detail}", path=url) from None
        raise StoreError(f"{method} {url}: HTTP {exc.code}: {detail}") from None
    except (urllib.error.URLError, OSError) as exc:
        reason = getattr(exc, "reason", exc)
        raise StoreError(f"cannot reach {url}: {reason}") from None


def values_clause(substitutions: dict[ox.Variable, Any]) -> str:
    """Substitutions as one ``VALUES`` row.

    >>> values_clause({ox.Variable("rid"): ox.Literal("d1"),
    ...                ox.Variable("c"): ox.NamedNode("http://x/C")})
    'VALUES (?rid ?c) { ("d1" <http://x/C>) }'
    """
    names = " ".join(f"?{v.value}" for v in substitutions)
    row = " ".join(str(t) for t in substitutions.values())
    return f"VALUES ({names}) {{ ({row}) }}"


class RemoteStore:
    """A read-only graph behind a SPARQL 1.1 endpoint, queried like an embedded store.

    Examples
    --------
    >>> RemoteStore("http://localhost:7878").query_url
    'http://localhost:7878/query'
    """

    def __init__(self, url: str, *, timeout: float = 300.0) -> None:
        self.url = normalise_url(url)
        self.query_url, self.store_url = endpoints(self.url)
        self.timeout = timeout

    def __repr__(self) -> str:
        return f"RemoteStore({self.url!r})"

    def _text(self, sparql: str, prefixes: dict[str, str] | None,
              substitutions: dict[ox.Variable, Any] | None) -> str:
        if substitutions:
            where = _WHERE.search(sparql)
            if where is None:
                raise QueryError("the query has no WHERE group to bind values in")
            sparql = (f"{sparql[:where.end()]} {values_clause(substitutions)} "
                      f"{sparql[where.end():]}")
        declared = "".join(f"PREFIX {p}: <{iri}>\n" for p, iri in (prefixes or {}).items())
        return declared + sparql

    def _post(self, sparql: str, union: bool, accept: str) -> bytes:
        url = self.query_url + ("?union-default-graph" if union else "")
        return _request(url, data=sparql.encode("utf-8"), method="POST", timeout=self.timeout,
                        headers={"Content-Type": "application/sparql-query", "Accept": accept})

    def query(self, sparql: str, *, prefixes: dict[str, str] | None = None,
              use_default_graph_as_union: bool = False,
              substitutions: dict[ox.Variable, Any] | None = None, **_: Any
              ) -> ox.QuerySolutions | ox.QueryBoolean | ox.QueryTriples:
        """Run *sparql* at the endpoint; answers are pyoxigraph's result objects.

        Raises
        ------
        QueryError
            If the endpoint refuses the query (HTTP 400), with its message.
        StoreError
            If the endpoint cannot be reached or fails.
        """
        text = self._text(sparql, prefixes, substitutions)
        body = _QUERY_TYPE.search(re.sub(r"(?m)#.*$|<[^>\s]*>", "", text))
        if body is not None and body.group(1).upper() in ("CONSTRUCT", "DESCRIBE"):
            data = self._post(text, use_default_graph_as_union, "application/n-triples")
            # Through an in-memory store, so callers get a real QueryTriples.
            local = ox.Store()
            local.load(data, format=ox.RdfFormat.N_TRIPLES)
            return local.query("CONSTRUCT WHERE { ?s ?p ?o }")
        data = self._post(text, use_default_graph_as_union, "application/sparql-results+json")
        return ox.parse_query_results(data, format=ox.QueryResultsFormat.JSON)

    def contains_named_graph(self, graph: ox.NamedNode) -> bool:
        answer = self.query(f"ASK {{ GRAPH <{graph.value}> {{ ?s ?p ?o }} }}")
        return bool(answer)

    def quads(self) -> list[ox.Quad]:
        """Every quad of the named graphs."""
        answer = self.query("SELECT ?s ?p ?o ?g WHERE { GRAPH ?g { ?s ?p ?o } }")
        assert isinstance(answer, ox.QuerySolutions)
        return [ox.Quad(s["s"], s["p"], s["o"], s["g"]) for s in answer]  # type: ignore[arg-type]

    def dump(self, output: Any, *, format: ox.RdfFormat, prefixes: dict[str, str] | None = None,
             **_: Any) -> None:
        ox.serialize(self.quads(), output, format=format, prefixes=prefixes)

    def __len__(self) -> int:
        answer = self.query("SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }")
        assert isinstance(answer, ox.QuerySolutions)
        return int(next(iter(answer))["n"].value)  # type: ignore[union-attr]


def _graphs(quads: Iterable[ox.Quad]) -> dict[str, list[ox.Triple]]:
    out: dict[str, list[ox.Triple]] = {}
    for q in quads:
        if isinstance(q.graph_name, ox.NamedNode):
            out.setdefault(q.graph_name.value, []).append(q.triple)
    return out


def push(store: ox.Store, url: str, *, replace: bool = False, per_graph: bool = False) -> int:
    """Load the graph of *store* into the store at *url* (SPARQL 1.1 Graph Store Protocol).

    Parameters
    ----------
    store
        The built graph (embedded store).
    url
        The server (Oxigraph: ``http://host:7878``) or its Graph Store endpoint.
    replace
        Replace what the server holds: Oxigraph's ``PUT /store`` with N-Quads replaces
        the whole dataset; with *per_graph*, ``PUT ?graph=IRI`` replaces each of fynd's
        graphs.  Otherwise the quads are added (``POST``).
    per_graph
        One request per named graph as N-Triples (``?graph=IRI``), for servers that do
        not take N-Quads at the dataset level.

    Returns
    -------
    int
        How many quads were sent.

    Raises
    ------
    StoreError
        If the server refuses (with its status and message) or cannot be reached.
    """
    _query_url, store_url = endpoints(url)
    out = io.BytesIO()
    store.dump(out, format=ox.RdfFormat.N_QUADS)
    data = out.getvalue()
    method = "PUT" if replace else "POST"
    if not per_graph:
        _request(store_url, data=data, method=method,
                 headers={"Content-Type": "application/n-quads"})
        return data.count(b"\n")
    count = 0
    for graph, triples in _graphs(ox.parse(data, format=ox.RdfFormat.N_QUADS)).items():
        body = io.BytesIO()
        ox.serialize(triples, body, format=ox.RdfFormat.N_TRIPLES)
        target = f"{store_url}?{urllib.parse.urlencode({'graph': graph})}"
        _request(target, data=body.getvalue(), method=method,
                 headers={"Content-Type": "application/n-triples"})
        count += len(triples)
    return count

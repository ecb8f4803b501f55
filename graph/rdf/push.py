"""``fynd push``: a built graph into a SPARQL server, with the SPARQL 1.1 Graph Store
Protocol, in the way the server at the other end takes it.

* **Oxigraph**: one request of N-Quads to ``/store`` (``PUT`` replaces the dataset,
  ``POST`` adds).
* **Virtuoso** (7.2): its Graph Store endpoint ``/sparql-graph-crud-auth`` takes one graph
  per request as N-Triples or Turtle, behind HTTP Digest, and answers a request of N-Quads
  with its HTML form (nothing loaded), so fynd sends each named graph on its own
  (``PUT ?graph=IRI``); with *replace* it also deletes fynd's graphs the built graph no
  longer has.  Its own graphs are never touched.
* Any other server: N-Quads at the dataset level, or per graph when asked.

The server is recognised by its answers (:func:`graph.rdf.remote.server_kind`), and what
it holds afterwards is counted, so a server that answers "fine" and loads nothing is
caught.
"""

from __future__ import annotations

import io
import urllib.parse
from dataclasses import dataclass

import pyoxigraph as ox

from graph.errors import StoreError
from graph.rdf.remote import (
    GRAPHS,
    OTHER,
    VIRTUOSO,
    RemoteStore,
    endpoints,
    http_request,
    server_kind,
)

#: Triples per request when a graph is sent in parts (fynd's graphs have no blank nodes,
#: whose names would not carry across requests).
CHUNK = 200_000


@dataclass(frozen=True)
class Pushed:
    """What :func:`push` did."""

    quads: int
    graphs: int
    kind: str
    per_graph: bool
    #: Graphs of fynd's deleted on the server (with *replace*, per graph).
    deleted: int = 0


def _graphs(store: ox.Store) -> dict[str, list[ox.Triple]]:
    out: dict[str, list[ox.Triple]] = {}
    for q in store:
        if isinstance(q.graph_name, ox.NamedNode):
            out.setdefault(q.graph_name.value, []).append(q.triple)
    return out


def _chunks(triples: list[ox.Triple]) -> list[list[ox.Triple]]:
    if any(isinstance(t.subject, ox.BlankNode) or isinstance(t.object, ox.BlankNode)
           for t in triples):
        return [triples]
    return [triples[i:i + CHUNK] for i in range(0, len(triples), CHUNK)] or [[]]


def _send_graph(store_url: str, graph: str, triples: list[ox.Triple], replace: bool) -> None:
    target = f"{store_url}?{urllib.parse.urlencode({'graph': graph})}"
    for k, part in enumerate(_chunks(triples)):
        body = io.BytesIO()
        ox.serialize(part, body, format=ox.RdfFormat.N_TRIPLES)
        http_request(target, data=body.getvalue(), method="PUT" if replace and k == 0 else "POST",
                 headers={"Content-Type": "application/n-triples"})


def push(store: ox.Store, url: str, *, replace: bool = False,
         per_graph: bool = False) -> Pushed:
    """Load the graph of *store* into the server at *url*.

    Parameters
    ----------
    store
        The built graph (embedded store).
    url
        The server (``http://host:7878`` for Oxigraph, ``http://host:8890/sparql`` or
        ``http://host:8890`` for Virtuoso) or its Graph Store endpoint.
    replace
        Replace fynd's graph on the server: Oxigraph's ``PUT /store`` replaces the whole
        dataset; per graph, each of fynd's graphs is replaced and those the built graph
        no longer has are deleted.  Otherwise the quads are added (``POST``).
    per_graph
        One request per named graph (``?graph=IRI``, N-Triples) on any server; always so
        on Virtuoso.

    Returns
    -------
    Pushed
        How many quads and graphs were sent, to which kind of server, and how.

    Raises
    ------
    StoreError
        If the server refuses (with its status and message), cannot be reached, or holds
        fewer of fynd's quads afterwards than were sent.
    """
    kind = server_kind(url)
    query_url, store_url = endpoints(url, kind)
    per_graph = per_graph or kind == VIRTUOSO
    graphs = _graphs(store)
    count = sum(len(t) for t in graphs.values())
    deleted = 0
    if per_graph:
        for graph, triples in graphs.items():
            _send_graph(store_url, graph, triples, replace)
        if replace:
            for graph in RemoteStore(query_url).graphs():
                if graph not in graphs:
                    http_request(f"{store_url}?{urllib.parse.urlencode({'graph': graph})}",
                             method="DELETE")
                    deleted += 1
    else:
        out = io.BytesIO()
        store.dump(out, format=ox.RdfFormat.N_QUADS)
        http_request(store_url, data=out.getvalue(), method="PUT" if replace else "POST",
                 headers={"Content-Type": "application/n-quads"})
    _check(query_url, count, replace, kind)
    return Pushed(count, len(graphs), kind, per_graph, deleted)


def _check(query_url: str, sent: int, replace: bool, kind: str) -> None:
    """The server holds what was sent (all of it after *replace*, at least it otherwise)."""
    try:
        held = len(RemoteStore(query_url))
    except StoreError:
        if kind == OTHER:  # a Graph Store endpoint with no query endpoint beside it
            return
        raise
    if held < sent or (replace and held != sent):
        raise StoreError(f"the server at {query_url} holds {held} of fynd's quads after "
                         f"{sent} were sent (under {GRAPHS})")

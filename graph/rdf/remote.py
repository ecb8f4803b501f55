"""A remote graph: any SPARQL 1.1 endpoint, read through the SPARQL protocol.

:class:`RemoteStore` answers the calls fynd's readers make of an embedded store
(``query`` with ``prefixes``, ``use_default_graph_as_union`` and ``substitutions``,
``contains_named_graph``, ``dump``), so ``--store http(s)://…`` works on every command
that reads the graph.  Queries go as form POSTs; results are parsed by pyoxigraph.
:func:`server_kind` tells Oxigraph and Virtuoso apart by their answers;
``graph.rdf.push`` loads a built graph into a server.  Only ``urllib``.

What each server needs for fynd's queries to see the union of the named graphs:

* **Oxigraph** (``oxigraph serve``, ``fynd serve``): the ``union-default-graph`` query
  parameter, which this client sends, or the server option ``--union-default-graph``.
  ``--store http://host:7878`` queries ``/query`` and pushes to ``/store``.
* **Virtuoso**: ``--store http://host:8890/sparql``; with no ``FROM`` it queries the union
  of all graphs already (its own system graphs too, which fynd's patterns do not match,
  and which ``dump`` and ``len`` leave out).
* **Fuseki / GraphDB**: the dataset's union default graph must be switched on in the
  server's configuration (``tdb2:unionDefaultGraph true``; GraphDB does it by default).

Authentication comes from the environment, never a flag: ``FYND_STORE_AUTH=user:password``
(answering the server's HTTP Digest or Basic challenge) or ``FYND_STORE_TOKEN`` (a bearer
token).
"""
from __future__ import annotations

import functools
import os
import re
import urllib.error
import urllib.parse
import urllib.request
from typing import Any

import pyoxigraph as ox

from graph.errors import QueryError, StoreError
from graph.rdf.vocab import ID_BASE

#: How ``--store`` names a remote graph.
URL = re.compile(r"^https?:/+", re.IGNORECASE)
_QUERY_TYPE = re.compile(r"\b(SELECT|ASK|CONSTRUCT|DESCRIBE)\b", re.IGNORECASE)
_WHERE = re.compile(r"\bWHERE\s*\{", re.IGNORECASE)
#: A request body above this many bytes waits for the server's challenge first.
_SMALL = 64 * 1024


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


#: The servers whose layout fynd knows, told apart by their answers (``Server`` header).
OXIGRAPH, VIRTUOSO, OTHER = "oxigraph", "virtuoso", "other"
#: Where fynd's named graphs live: everything else on a server is not fynd's.
GRAPHS = ID_BASE + "graph/"
_VIRTUOSO_PATHS = ("/sparql-graph-crud-auth", "/sparql-graph-crud", "/sparql-auth", "/sparql")


def endpoints(url: str, kind: str = OTHER) -> tuple[str, str]:
    """The query endpoint and the Graph Store endpoint of *url* on a server of *kind*.

    A URL ending in ``/query`` or ``/sparql`` is the query endpoint itself; a bare server
    URL is Oxigraph's layout (``/query``, ``/store``).  On Virtuoso the Graph Store
    endpoint that takes writes is ``/sparql-graph-crud-auth`` (HTTP Digest).

    >>> endpoints("http://localhost:7878")
    ('http://localhost:7878/query', 'http://localhost:7878/store')
    >>> endpoints("http://h:8890/sparql")
    ('http://h:8890/sparql', 'http://h:8890/sparql-graph-crud')
    >>> endpoints("http://h:8890", VIRTUOSO)
    ('http://h:8890/sparql', 'http://h:8890/sparql-graph-crud-auth')
    """
    url = normalise_url(url).rstrip("/")
    path = urllib.parse.urlsplit(url).path
    if kind == VIRTUOSO:
        base = next((url[: -len(p)] for p in _VIRTUOSO_PATHS if path.endswith(p)), url)
        return base + "/sparql", base + "/sparql-graph-crud-auth"
    if path.endswith("/sparql"):
        return url, url + "-graph-crud"
    if path.endswith("/query"):
        return url, url[: -len("/query")] + "/store"
    return url + "/query", url + "/store"


class _Digest(urllib.request.HTTPDigestAuthHandler):
    """urllib's Digest handler that, once challenged, signs later requests up front, so a
    large body is sent once (Virtuoso closes the connection on its 401, which cuts off a
    body still being sent)."""

    challenge: dict[str, str] | None = None

    def http_error_auth_reqed(self, auth_header, host, req, headers):  # type: ignore[no-untyped-def]
        authreq = headers.get(auth_header) or ""
        scheme, _, rest = authreq.partition(" ")
        if scheme.lower() == "digest":
            self.challenge = urllib.request.parse_keqv_list(
                urllib.request.parse_http_list(rest))
        return super().http_error_auth_reqed(auth_header, host, req, headers)

    def http_request(self, req: urllib.request.Request) -> urllib.request.Request:
        if self.challenge is not None and not req.has_header("Authorization"):
            signed = self.get_authorization(req, self.challenge)
            if signed:
                req.add_unredirected_header("Authorization", f"Digest {signed}")
        return req

    https_request = http_request


@functools.lru_cache(maxsize=8)
def _opener(origin: str, auth: str | None) -> urllib.request.OpenerDirector:
    """urllib answering the server's challenge with *auth* (``user:password``): HTTP Digest
    (Virtuoso) or Basic, so a Digest server never sees the password.  One per server and
    credentials, so what a first answer taught it serves the later requests."""
    if not auth:
        return urllib.request.build_opener()
    user, _, password = auth.partition(":")
    passwords = urllib.request.HTTPPasswordMgrWithPriorAuth()
    passwords.add_password(None, origin, user, password)  # type: ignore[arg-type]
    return urllib.request.build_opener(_Digest(passwords),
                                       urllib.request.HTTPBasicAuthHandler(passwords))


def _token_header() -> dict[str, str]:
    token = os.environ.get("FYND_STORE_TOKEN")
    return {"Authorization": f"Bearer {token}"} if token else {}


def http_request(url: str, *, data: bytes | None = None, method: str = "GET",
             headers: dict[str, str] | None = None, timeout: float = 300.0) -> bytes:
    request = urllib.request.Request(url, data=data, method=method,
                                     headers={**_token_header(), **(headers or {})})
    parts = urllib.parse.urlsplit(url)
    auth = None if os.environ.get("FYND_STORE_TOKEN") else os.environ.get("FYND_STORE_AUTH")
    opener = _opener(f"{parts.scheme}://{parts.netloc}/", auth)
    if auth and data is not None and len(data) > _SMALL:
        _prime(opener, url, timeout)
    try:
        with opener.open(request, timeout=timeout) as response:
            return bytes(response.read())
    except urllib.error.HTTPError as exc:
        body = exc.read().decode("utf-8", "replace").strip().splitlines()
        detail = body[0][:300] if body else exc.reason
        if exc.code == 400:
            raise QueryError(f"the endpoint refused the query: {detail}", path=url) from None
        hint = (" (credentials come from $FYND_STORE_AUTH=user:password or $FYND_STORE_TOKEN)"
                if exc.code in (401, 403) else "")
        raise StoreError(f"{method} {url}: HTTP {exc.code}: {detail}{hint}") from None
    except (urllib.error.URLError, OSError) as exc:
        reason = getattr(exc, "reason", exc)
        raise StoreError(f"cannot reach {url}: {reason}") from None
    except ValueError as exc:  # urllib: an authentication scheme it does not speak
        raise StoreError(f"{method} {url}: {exc}") from None


def _prime(opener: urllib.request.OpenerDirector, url: str, timeout: float) -> None:
    """A ``HEAD`` of *url* first, so the server's challenge is known before a large body
    is sent (a wrong password fails here, with nothing sent)."""
    try:
        with opener.open(urllib.request.Request(url, method="HEAD"), timeout=timeout):
            pass
    except urllib.error.HTTPError as exc:
        if exc.code in (401, 403):
            raise StoreError(f"HEAD {url}: HTTP {exc.code}: {exc.reason} (credentials come "
                             "from $FYND_STORE_AUTH=user:password)") from None
    except (urllib.error.URLError, OSError, ValueError):
        pass


def _answer(url: str) -> tuple[str, bytes]:
    """The ``Server`` header and the body of a GET of *url*, an error status included."""
    try:
        with urllib.request.urlopen(url, timeout=30) as response:
            return response.headers.get("Server", ""), bytes(response.read(4096))
    except urllib.error.HTTPError as exc:
        return exc.headers.get("Server", ""), b""
    except (urllib.error.URLError, OSError) as exc:
        reason = getattr(exc, "reason", exc)
        raise StoreError(f"cannot reach {url}: {reason}") from None


def server_kind(url: str) -> str:
    """Which server answers at *url*: :data:`OXIGRAPH`, :data:`VIRTUOSO` or :data:`OTHER`.

    Told from the answers, not the URL: the ``Server`` header of an ``ASK {}`` at the
    query endpoint and of the server's root page, and Virtuoso's way of answering ``ASK``
    with a ``__ASK_RETVAL`` row (behind a proxy that drops the header).

    Raises
    ------
    StoreError
        If nothing answers at *url*.
    """
    url = normalise_url(url).rstrip("/")
    parts = urllib.parse.urlsplit(url)
    probes = [endpoints(url)[0] + "?query=ASK%7B%7D", f"{parts.scheme}://{parts.netloc}/"]
    for probe in probes:
        server, body = _answer(probe)
        if server.lower().startswith("virtuoso") or b"__ASK_RETVAL" in body:
            return VIRTUOSO
        if server.lower().startswith("oxigraph"):
            return OXIGRAPH
    return OTHER


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

    A URL that names its query endpoint (``…/query``, ``…/sparql``) is used as it is; for
    a bare server URL the first query asks which server it is (:func:`server_kind`) and
    takes that server's layout.

    Examples
    --------
    >>> RemoteStore("http://localhost:7878/query").query_url
    'http://localhost:7878/query'
    """

    def __init__(self, url: str, *, timeout: float = 300.0) -> None:
        self.url = normalise_url(url)
        self.timeout = timeout
        path = urllib.parse.urlsplit(self.url.rstrip("/")).path
        self._query_url = endpoints(self.url)[0] if path.endswith(("/query", "/sparql")) \
            else None

    def __repr__(self) -> str:
        return f"RemoteStore({self.url!r})"

    @property
    def query_url(self) -> str:
        """The query endpoint (for a bare server URL, after asking which server it is)."""
        if self._query_url is None:
            self._query_url = endpoints(self.url, server_kind(self.url))[0]
        return self._query_url

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
        # A form POST, which every SPARQL 1.1 server takes (Virtuoso 7.2 never answers a
        # body sent as application/sparql-query).
        form = urllib.parse.urlencode({"query": sparql}).encode("ascii")
        return http_request(url, data=form, method="POST", timeout=self.timeout,
                        headers={"Content-Type": "application/x-www-form-urlencoded",
                                 "Accept": accept})

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
        form = body.group(1).upper() if body is not None else "SELECT"
        if form in ("CONSTRUCT", "DESCRIBE"):
            data = self._post(text, use_default_graph_as_union, "application/n-triples")
            # Through an in-memory store, so callers get a real QueryTriples.
            local = ox.Store()
            local.load(data, format=ox.RdfFormat.N_TRIPLES)
            return local.query("CONSTRUCT WHERE { ?s ?p ?o }")
        data = self._post(text, use_default_graph_as_union, "application/sparql-results+json")
        answer = ox.parse_query_results(data, format=ox.QueryResultsFormat.JSON)
        if form == "ASK" and isinstance(answer, ox.QuerySolutions):
            return _boolean(answer)
        return answer

    def contains_named_graph(self, graph: ox.NamedNode) -> bool:
        answer = self.query(f"ASK {{ GRAPH <{graph.value}> {{ ?s ?p ?o }} }}")
        return bool(answer)

    def quads(self) -> list[ox.Quad]:
        """Every quad of fynd's named graphs (a server's own graphs left out)."""
        answer = self.query("SELECT ?s ?p ?o ?g WHERE { GRAPH ?g { ?s ?p ?o } "
                            f'FILTER(STRSTARTS(STR(?g), "{GRAPHS}")) }}')
        assert isinstance(answer, ox.QuerySolutions)
        return [ox.Quad(s["s"], s["p"], s["o"], s["g"]) for s in answer]  # type: ignore[arg-type]

    def dump(self, output: Any, *, format: ox.RdfFormat, prefixes: dict[str, str] | None = None,
             **_: Any) -> None:
        ox.serialize(self.quads(), output, format=format, prefixes=prefixes)

    def __len__(self) -> int:
        """How many quads fynd's named graphs hold on the server."""
        answer = self.query("SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } "
                            f'FILTER(STRSTARTS(STR(?g), "{GRAPHS}")) }}')
        assert isinstance(answer, ox.QuerySolutions)
        return int(next(iter(answer))["n"].value)  # type: ignore[union-attr]

    def graphs(self) -> list[str]:
        """fynd's named graphs on the server."""
        answer = self.query("SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } "
                            f'FILTER(STRSTARTS(STR(?g), "{GRAPHS}")) }}')
        assert isinstance(answer, ox.QuerySolutions)
        return sorted(s["g"].value for s in answer)  # type: ignore[union-attr]


def _boolean(answer: ox.QuerySolutions) -> ox.QueryBoolean:
    """Virtuoso answers ``ASK`` with one row of ``__ASK_RETVAL`` (1 or 0): a boolean."""
    row = next(iter(answer), None)
    value = row is not None and row[0] is not None and row[0].value not in ("0", "false")
    data = b'{"head":{},"boolean":%s}' % (b"true" if value else b"false")
    result = ox.parse_query_results(data, format=ox.QueryResultsFormat.JSON)
    assert isinstance(result, ox.QueryBoolean)
    return result

"""Named SPARQL queries: one ``.rq`` file each, in this directory.

A query file opens with comment lines: the first says what the query answers, and
``# param: NAME description`` lines name the variables a user may bind with
``--param NAME=VALUE``.  Binding puts a ``VALUES`` row at the start of the query's
``WHERE`` group, so patterns and filters see the value; an unbound parameter matches
everything where the query is written for it (``FILTER (!BOUND(?type) || ...)``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from graph.errors import InputError, QueryError

QUERY_DIR = Path(__file__).parent


@dataclass(frozen=True)
class NamedQuery:
    """A query file: its name (the file stem), what it answers, its parameters, its text."""

    name: str
    description: str
    params: tuple[str, ...]
    text: str


def _parse(path: Path) -> NamedQuery:
    text = path.read_text(encoding="utf-8")
    description, params = "", []
    for line in text.splitlines():
        if not line.startswith("#"):
            break
        body = line.lstrip("#").strip()
        if body.lower().startswith("param:"):
            params.append(body.split(":", 1)[1].split()[0])
        elif body and not description:
            description = body
    return NamedQuery(path.stem, description, tuple(params), text)


def list_queries() -> list[NamedQuery]:
    """Every named query, sorted by name.

    >>> any(q.name == "recommendations-by-year" for q in list_queries())
    True
    """
    return [_parse(p) for p in sorted(QUERY_DIR.glob("*.rq"))]


def load_query(name: str) -> NamedQuery:
    """The named query *name*.

    Raises
    ------
    QueryError
        If there is no such query; the message lists the known names.

    >>> load_query("no-such-query")
    Traceback (most recent call last):
    graph.errors.QueryError: unknown named query 'no-such-query'; known: ...
    """
    path = QUERY_DIR / f"{name}.rq"
    if "/" in name or not path.is_file():
        known = ", ".join(q.name for q in list_queries())
        raise QueryError(f"unknown named query {name!r}; known: {known}")
    return _parse(path)


def parse_params(pairs: list[str]) -> dict[str, str]:
    """``["report=d1"]`` -> ``{"report": "d1"}``.

    >>> parse_params(["report=d1", "term=samverkan"])
    {'report': 'd1', 'term': 'samverkan'}
    >>> parse_params(["report"])
    Traceback (most recent call last):
    graph.errors.InputError: --param must be NAME=VALUE, not 'report'
    """
    out = {}
    for pair in pairs:
        key, sep, value = pair.partition("=")
        if not sep or not key.strip():
            raise InputError(f"--param must be NAME=VALUE, not {pair!r}")
        out[key.strip()] = value
    return out


def _sparql_value(value: str) -> str:
    if re.match(r"^https?://[^\s<>\"]+$", value):
        return f"<{value}>"
    escaped = value.replace("\\", "\\\\").replace('"', '\\"')
    return f'"{escaped}"'


def bind(query: str, values: dict[str, str]) -> str:
    """Bind variables of *query* by a ``VALUES`` row at the start of its WHERE group.

    >>> bind("SELECT ?s WHERE { ?s ?p ?report }", {"report": "d1"})
    'SELECT ?s WHERE { VALUES (?report) { ("d1") } ?s ?p ?report }'
    """
    if not values:
        return query
    where = re.search(r"\bWHERE\s*\{", query, re.IGNORECASE)
    if where is None:
        raise QueryError("the query has no WHERE group to bind parameters in")
    names = " ".join(f"?{k}" for k in values)
    row = " ".join(_sparql_value(v) for v in values.values())
    return f"{query[:where.end()]} VALUES ({names}) {{ ({row}) }}{query[where.end():]}"


def named_query_text(name: str, params: dict[str, str]) -> str:
    """The text of named query *name* with *params* bound.

    A ``finding`` parameter may be a finding's short form (``d1-short/rec-2``).

    Raises
    ------
    QueryError
        For an unknown query or a parameter the query does not declare.

    >>> "<https://w3id.org/fynd/id/finding/d1-short/rec-2>" in named_query_text(
    ...     "evidence", {"finding": "d1-short/rec-2"})
    True
    """
    query = load_query(name)
    unknown = [k for k in params if k not in query.params]
    if unknown:
        declared = ", ".join(query.params) or "none"
        raise QueryError(f"query {name!r} has no parameter {unknown[0]!r} "
                         f"(parameters: {declared})")
    if "finding" in params:  # a finding may be named by its short form, d1-short/rec-2
        from graph.rdf.lookup import finding_ref

        params = {**params, "finding": finding_ref(params["finding"])}
    return bind(query.text, params)

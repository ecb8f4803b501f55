"""Named SPARQL queries: one ``.rq`` file each, in this directory.

A query file opens with comment lines: the first says what the query answers, and
``# param: NAME description`` lines name the variables a user may bind with
``--param NAME=VALUE``.  Binding puts a ``VALUES`` row at the start of the innermost
group that holds every use of the variable (the ``WHERE`` group when it is used there),
so patterns and filters see the value; an unbound parameter matches everything where
the query is written for it (``FILTER (!BOUND(?type) || ...)``).  A query may so filter
on a parameter inside a subquery that it evaluates first (``mentions.rq``): Oxigraph
joins a group's patterns before it applies a filter that needs a ``VALUES`` variable.
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


def _groups(blank: str, start: int) -> list[tuple[int, int]]:
    """``(open, close)`` offsets of the ``{...}`` groups from the one opening at *start*."""
    spans, stack = [], []
    for i in range(start, len(blank)):
        if blank[i] == "{":
            stack.append(i)
        elif blank[i] == "}" and stack:
            spans.append((stack.pop(), i))
            if not stack:
                break
    return spans


def _binding_place(blank: str, name: str, where: int) -> int:
    """Where the ``VALUES`` row of ``?name`` goes: just inside the innermost group that
    holds every use of the variable (the WHERE group opening at *where* if none)."""
    groups = _groups(blank, where)
    outer = max(groups, key=lambda g: g[1] - g[0])
    uses = [m.start() for m in re.finditer(rf"[?$]{re.escape(name)}\b", blank)
            if outer[0] < m.start() < outer[1]]
    if not uses:
        return outer[0] + 1
    holding = [g for g in groups if g[0] < uses[0] and uses[-1] < g[1]]
    inner = max(holding, key=lambda g: g[0])
    # A subquery's braces hold its SELECT: the row goes into its WHERE group.
    sub = re.match(r"\s*SELECT\b.*?\bWHERE\s*\{", blank[inner[0] + 1:inner[1]],
                   re.IGNORECASE | re.DOTALL)
    return inner[0] + 1 + (sub.end() if sub else 0)


def bind(query: str, values: dict[str, str]) -> str:
    """Bind variables of *query* by a ``VALUES`` row at the start of the innermost group
    that holds every use of each (the WHERE group when the variable is used there).

    >>> bind("SELECT ?s WHERE { ?s ?p ?report }", {"report": "d1"})
    'SELECT ?s WHERE { VALUES (?report) { ("d1") } ?s ?p ?report }'
    >>> bind("SELECT ?s WHERE { { SELECT ?s WHERE { ?s ?p ?o FILTER (?o = ?t) } } ?s ?q ?r }",
    ...      {"t": "x"})
    'SELECT ?s WHERE { { SELECT ?s WHERE { VALUES (?t) { ("x") } ?s ?p ?o FILTER (?o = ?t) } } ?s ?q ?r }'
    """
    if not values:
        return query
    from graph.rdf.sparql import blank_out

    blank = blank_out(query)
    where = re.search(r"\bWHERE\s*\{", blank, re.IGNORECASE)
    if where is None:
        raise QueryError("the query has no WHERE group to bind parameters in")
    places: dict[int, list[str]] = {}
    for name in values:
        places.setdefault(_binding_place(blank, name, where.end() - 1), []).append(name)
    for at in sorted(places, reverse=True):
        names = " ".join(f"?{k}" for k in places[at])
        row = " ".join(_sparql_value(values[k]) for k in places[at])
        query = f"{query[:at]} VALUES ({names}) {{ ({row}) }}{query[at:]}"
    return query


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

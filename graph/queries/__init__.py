"""Named SPARQL queries: one ``.rq`` file each, in this directory.

A query file opens with comment lines: the first says what the query answers, and
``# param: NAME description`` lines name the variables a user may bind with
``--param NAME=VALUE`` (unbound, they match everything).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ..errors import InputError, QueryError

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

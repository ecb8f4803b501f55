"""``fynd findings``, ``query`` and ``queries``: reading the graph."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from graph.cli.app import (
    OutOpt,
    RowFormatOpt,
    StoreOpt,
    app,
    emit,
    handles_errors,
    render_rows,
)
from graph.errors import InputError


@app.command()
@handles_errors
def findings(
    report: Annotated[str | None, typer.Option("--report", help="Only this report id.")] = None,
    type: Annotated[str | None, typer.Option(
        "--type", help="success-factor, risk, proposal or recommendation.")] = None,
    format: RowFormatOpt = "table",
    out: OutOpt = None,
    store: StoreOpt = None,
) -> None:
    """List findings with their short IRI, report, section, ordinal and quote.

    The id column is the finding's short IRI (d1-short/rec-2): `fynd lineage` and
    `--param finding=` take it as well as the full IRI (json gives both).
    """
    from graph.findings import FindingType

    if type is not None and type not in {t.value for t in FindingType}:
        raise InputError(f"unknown type {type!r}; choose one of "
                         + ", ".join(t.value for t in FindingType))
    from graph.rdf.lookup import short_id
    from graph.rdf.read import read_findings
    from graph.rdf.store import open_store

    rows = [r.as_dict() for r in read_findings(open_store(store), report=report, type=type)]
    if format != "json":
        rows = [{"id": short_id(r["iri"]), **r} for r in rows]
    columns = (["id", "section", "type", "method", "label"] if format == "table" else
               ["id", "report", "document", "section", "type", "ordinal", "method", "label"])
    emit(render_rows(rows, format, columns=None if format == "json" else columns), out)


@app.command()
@handles_errors
def query(
    sparql: Annotated[str | None, typer.Argument(help="A SPARQL query.")] = None,
    file: Annotated[Path | None, typer.Option("--file", help="Read the query from a .rq file.")
                    ] = None,
    name: Annotated[str | None, typer.Option("--name", help="Run a named query (fynd queries).")
                    ] = None,
    param: Annotated[list[str] | None, typer.Option(
        "--param", help="Bind a variable of a named query: --param report=d1.")] = None,
    allow_service: Annotated[bool, typer.Option(
        "--allow-service", help="Let a SERVICE clause query another endpoint over the "
        "network (refused by default).")] = False,
    format: RowFormatOpt = "table",
    out: OutOpt = None,
    store: StoreOpt = None,
) -> None:
    """Run a read-only SPARQL query over all graphs (the prefixes fynd:, dcterms:, oa:, ...
    are set).  Updates are refused, and SERVICE unless --allow-service."""
    from graph.rdf.queries import bind, named_query_text, parse_params
    from graph.rdf.store import open_store, run_query

    given = [x for x in (sparql, file, name) if x is not None]
    if len(given) != 1:
        raise InputError("give exactly one of: a query, --file Q.rq or --name NAME")
    params = parse_params(param or [])
    if file is not None:
        if not file.is_file():
            raise InputError(f"query file not found: {file}")
        text_, source = bind(file.read_text(encoding="utf-8"), params), str(file)
    elif name is not None:
        text_, source = named_query_text(name, params), f"{name}.rq"
    else:
        text_, source = bind(sparql or "", params), "query"
    result = run_query(open_store(store), text_, source=source, allow_service=allow_service)
    rows = [dict(zip(result.columns, row)) for row in result.rows]
    emit(render_rows(rows, format, columns=result.columns), out)


@app.command()
@handles_errors
def queries(store: StoreOpt = None) -> None:
    """List the named queries and what each answers.

    The queries ship with fynd; --store is accepted like on every command and only
    checked to be a readable store.
    """
    from graph.rdf.queries import list_queries

    if store is not None:
        from graph.rdf.store import current_version

        current_version(store)

    rows = [{"name": q.name, "answers": q.description,
             "params": ", ".join(q.params)} for q in list_queries()]
    typer.echo(render_rows(rows, "table", width=90))

"""``fynd push``: the built graph into a SPARQL store (``fynd serve`` lives in serve.py)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from graph.cli.app import app, handles_errors
from graph.errors import InputError


@app.command()
@handles_errors
def push(
    store: Annotated[str, typer.Option(
        "--store", help="The SPARQL server to load into, e.g. http://127.0.0.1:7878 "
        "(Oxigraph). Credentials from $FYND_STORE_AUTH=user:password or $FYND_STORE_TOKEN.")],
    source: Annotated[Path | None, typer.Option(
        "--from", help="The built graph to push [default: $FYND_STORE or .fynd/store].",
        show_default=False)] = None,
    replace: Annotated[bool, typer.Option(
        "--replace", help="Replace what the server holds (else the quads are added).")
    ] = False,
    per_graph: Annotated[bool, typer.Option(
        "--per-graph", help="One Graph Store request per named graph (?graph=IRI, "
        "N-Triples), for servers that take no N-Quads.")] = False,
) -> None:
    """Load the built graph into a SPARQL store with the Graph Store Protocol."""
    from graph.rdf.remote import is_url
    from graph.rdf.remote import push as run_push
    from graph.rdf.store import open_store, store_path

    if not is_url(store):
        raise InputError(f"--store must be an http(s):// URL, not {store!r}")
    if source is not None and is_url(source):
        raise InputError("--from must be a local store directory")
    local = open_store(store_path(source))
    count = run_push(local, store, replace=replace, per_graph=per_graph)
    typer.echo(f"Pushed {count} quads to {store}" + (" (replaced)" if replace else ""))

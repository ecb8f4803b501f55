"""``fynd push`` (the built graph into a SPARQL store) and ``fynd serve`` (a SPARQL server
over it): fynd and the SPARQL servers."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from graph.cli.app import StoreOpt, app, handles_errors
from graph.errors import InputError


@app.command()
@handles_errors
def push(
    store: Annotated[str, typer.Option(
        "--store", help="The SPARQL server to load into: http://host:7878 (Oxigraph), "
        "http://host:8890/sparql (Virtuoso; told apart by its answers). Credentials from "
        "$FYND_STORE_AUTH=user:password (HTTP Digest or Basic, as the server asks) or "
        "$FYND_STORE_TOKEN.")],
    source: Annotated[Path | None, typer.Option(
        "--from", help="The built graph to push [default: $FYND_STORE or .fynd/store].",
        show_default=False)] = None,
    replace: Annotated[bool, typer.Option(
        "--replace", help="Replace fynd's graph on the server (else the quads are added).")
    ] = False,
    per_graph: Annotated[bool, typer.Option(
        "--per-graph", help="One Graph Store request per named graph (?graph=IRI, "
        "N-Triples), for servers that take no N-Quads (always so on Virtuoso).")] = False,
) -> None:
    """Load the built graph into a SPARQL store with the Graph Store Protocol."""
    from graph.rdf.push import push as run_push
    from graph.rdf.remote import is_url
    from graph.rdf.store import open_store, store_path

    if not is_url(store):
        raise InputError(f"--store must be an http(s):// URL, not {store!r}")
    if source is not None and is_url(source):
        raise InputError("--from must be a local store directory")
    local = open_store(store_path(source))
    done = run_push(local, store, replace=replace, per_graph=per_graph)
    how = f"{done.graphs} graphs one by one" if done.per_graph else "as one dataset"
    gone = f", {done.deleted} graphs no longer built deleted" if done.deleted else ""
    typer.echo(f"Pushed {done.quads} quads to {store} ({done.kind}, {how}{gone})"
               + (" (replaced)" if replace else ""))


@app.command()
@handles_errors
def serve(
    store: StoreOpt = None,
    bind: Annotated[str, typer.Option(
        "--bind", help="HOST:PORT to listen on; a non-loopback host is reachable from "
        "other machines.")] = "127.0.0.1:7878",
    timeout_s: Annotated[int, typer.Option(
        "--timeout-s", help="Seconds a query may run before the server stops it.")] = 30,
    cors: Annotated[bool, typer.Option(
        "--cors", help="Allow cross-origin requests (from any origin: Oxigraph has no "
        "per-origin setting).")] = False,
) -> None:
    """Serve the graph read-only over SPARQL with the Oxigraph server (until Ctrl-C).

    The union of the named graphs is the default graph; UPDATE is refused.  After a
    build the server moves to the new graph within a second or two.
    """
    from graph.rdf.store import store_path
    from graph.serve import ServeOptions, parse_bind
    from graph.serve import serve as run_serve

    host, port = parse_bind(bind)
    if timeout_s <= 0:
        raise InputError("--timeout-s must be a positive number of seconds")
    options = ServeOptions(store_path(store), host, port, timeout_s, cors)
    run_serve(options, announce=lambda line: typer.echo(line, err=line.startswith("Warn")))

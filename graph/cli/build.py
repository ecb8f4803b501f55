"""``fynd build``, ``validate``, ``export`` and ``text``: making and checking the graph."""

from __future__ import annotations

import sys
from typing import Annotated

import typer

from graph.cli.app import (
    CurationOpt,
    OutOpt,
    RawOpt,
    ReportsOpt,
    RowFormatOpt,
    StoreOpt,
    app,
    handles_errors,
    progress_printer,
    render_rows,
)
from graph.errors import InputError


@app.command()
@handles_errors
def build(
    reports: ReportsOpt = None,
    store: StoreOpt = None,
    curation: CurationOpt = None,
    raw: RawOpt = False,
    max_text_mb: Annotated[float | None, typer.Option(
        "--max-text-mb", help="Most text one document may hold, in MB [default: "
        "$FYND_MAX_TEXT_MB or 20].", show_default=False)] = None,
    background: Annotated[bool, typer.Option(
        "--background", help="Keep a lineage link only above what unrelated findings of its "
        "series reach (a null model; slower, see the README).")] = False,
    semantic: Annotated[bool, typer.Option(
        "--semantic/--no-semantic", help="Let a semantic model find findings said again in "
        "other words, where the words alone left one without a successor (needs "
        "pip install 'fynd[semantic]'; see the README).")] = False,
    jobs: Annotated[int | None, typer.Option(
        "--jobs", "-j", min=1, help="Processes that read, repair and extract the documents "
        "in parallel [default: the number of cores, or 1 for less than 1 MB of reports]; 1 does "
        "it all in this process.",
        show_default=False)] = None,
) -> None:
    """Build the graph from a reports directory (catalog.toml + .txt/.pdf files).

    Reads and repairs every document, extracts its findings, links them across reports
    (lineage, with the curation file applied unless --raw) and writes the graph.  The
    new graph replaces the old one only when the build succeeds.  Without --reports:
    data/reports if the working directory has one, else the reports shipped with fynd.
    """
    from graph.pipeline import build as run_build
    from graph.resources import default_reports

    result = run_build(reports or default_reports(), store, progress=progress_printer(),
                       curation=curation, raw=raw, max_text_mb=max_text_mb,
                       background=background, semantic=semantic, jobs=jobs)
    for warning in result.warnings:
        typer.echo(f"Warning: {warning}", err=True)
    typer.echo(f"Built {result.store}: {len(result.documents)} documents, "
               f"{result.quads} quads.")
    from graph.findings import FindingType

    rows = [{"report": rid, **row} for rid, row in result.counts.items()]
    typer.echo(render_rows(rows, "table", columns=["report"] + [t.value for t in FindingType]))


@app.command()
@handles_errors
def validate(store: StoreOpt = None) -> None:
    """Check the graph against the SHACL shapes in ontology/shapes.ttl (exit 1 if not)."""
    from graph.errors import CheckFailed
    from graph.rdf.store import open_store
    from graph.rdf.validate import validate as run_validate

    report = run_validate(open_store(store))
    if report.conforms:
        typer.echo("The graph conforms to the shapes.")
        return
    for violation in report.violations:
        typer.echo(str(violation), err=True)
    raise CheckFailed(f"the graph does not conform: {len(report.violations)} violation(s)")


@app.command()
@handles_errors
def export(
    format: Annotated[str, typer.Option("--format", help="ttl, trig, nt, nq or jsonld.")] = "ttl",
    out: OutOpt = None,
    store: StoreOpt = None,
) -> None:
    """Export the whole graph (trig, nq and jsonld keep the per-document graphs)."""
    from graph.rdf.store import export as run_export
    from graph.rdf.store import open_store

    data = run_export(open_store(store), format)
    if out is None:
        sys.stdout.buffer.write(data)
        sys.stdout.flush()
    else:
        try:
            out.write_bytes(data)
        except OSError as exc:
            raise InputError(f"cannot write {out}: {exc.strerror}") from None
        typer.echo(f"Wrote {out}", err=True)


@app.command()
@handles_errors
def text(
    document: Annotated[str, typer.Argument(help="Document id from the catalog, e.g. d1-short.")],
    raw: Annotated[bool, typer.Option("--raw", help="Print the text as extracted.")] = False,
    stats: Annotated[bool, typer.Option(
        "--stats", help="Print the share of words in the lexicon before and after repair.")
    ] = False,
    format: RowFormatOpt = "table",
    reports: ReportsOpt = None,
    store: StoreOpt = None,
) -> None:
    """Print a document's repaired text (or --raw extracted text, or --stats).

    DOCUMENT may be `all` with --stats to compare every document.  The text comes from
    the reports directory (the graph keeps findings and quotes, not whole texts);
    --store is accepted like on every command and only checked to be a readable store.
    """
    from graph.ingest.catalog import load_catalog
    from graph.ingest.read import read_text
    from graph.resources import default_reports

    if store is not None:
        from graph.rdf.store import current_version

        current_version(store)
    catalog = load_catalog(reports or default_reports())
    if document == "all" and stats:
        docs = list(catalog.documents)
    else:
        docs = [catalog.document(document)]
    if raw and not stats:
        typer.echo(read_text(docs[0].path), nl=False)
        return
    from graph.pipeline import process

    processed = {p.document.id: p for p in process(catalog, only={d.id for d in docs})}
    if not stats:
        typer.echo(processed[docs[0].id].text.text, nl=False)
        return
    from graph.ingest.lexicon import default_lexicon
    from graph.ingest.repair import text_stats

    lexicon = default_lexicon()
    rows = []
    for doc in docs:
        repaired = processed[doc.id].text
        before, after = text_stats(repaired.raw, lexicon), text_stats(repaired.text, lexicon)
        rows.append({"document": doc.id, "words": after.tokens,
                     "in lexicon before": f"{before.share:.3f}",
                     "after repair": f"{after.share:.3f}", "edits": len(repaired.edits)})
    typer.echo(render_rows(rows, format))

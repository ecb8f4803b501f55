"""``fynd add``: a new report file, previewed for review, then added and built."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from graph.cli.app import ReportsOpt, StoreOpt, app, check_choice, handles_errors, render_rows
from graph.errors import InputError


@app.command()
@handles_errors
def add(
    file: Annotated[Path, typer.Argument(help="The report file: .pdf or .txt.")],
    report: Annotated[str, typer.Option("--report", help="Report id (new or existing).")],
    title: Annotated[str, typer.Option("--title", help="Title of the document.")],
    issued: Annotated[str, typer.Option("--issued", help="Date issued: YYYY, YYYY-MM or "
                                        "YYYY-MM-DD.")],
    version: Annotated[str, typer.Option("--version", help="full or short.")] = "full",
    restates: Annotated[str | None, typer.Option(
        "--restates", help="The full document a short version restates.")] = None,
    language: Annotated[str | None, typer.Option(
        "--language", help="sv or en [default: detected from the text].")] = None,
    reports: ReportsOpt = None,
    dry_run: Annotated[bool, typer.Option("--dry-run", help="Show what would be added; "
                                          "change nothing.")] = False,
    store: StoreOpt = None,
) -> None:
    """Add a report file: show its findings and lineage candidates, then (without
    --dry-run) copy it into the reports directory, list it in catalog.toml (comments and
    order kept) and rebuild the graph."""
    from graph.pipeline import add_document, preview_add

    check_choice(version, ("full", "short"), "--version")
    from graph.resources import LOCAL_REPORTS

    # fynd add writes into the reports directory: never into the reports shipped with fynd.
    if reports is None:
        if not LOCAL_REPORTS.is_dir():
            raise InputError(f"no {LOCAL_REPORTS} here: give the reports directory to add "
                             "to with --reports DIR")
        reports = LOCAL_REPORTS
    preview = preview_add(reports, file, report=report, title=title, issued=issued,
                          version=version, restates=restates, language=language,
                          store=store)
    doc = preview.document
    typer.echo(f"{doc.id} ({doc.language}, {doc.version}) of report {doc.report.id}: "
               f"{len(preview.findings)} findings, "
               f"{len(preview.text.edits)} repair edits")
    from graph.findings import FindingType

    order = list(FindingType)
    rows = [{"type": f.type.value, "key": f.key, "method": f.method,
             "section": f.section[:40], "label": f.label[:90]}
            for f in sorted(preview.findings, key=lambda f: (order.index(f.type), f.start))]
    typer.echo(render_rows(rows, "table"))
    if preview.candidates:
        typer.echo("\nLineage candidates (closest earlier finding of the same type):")
        typer.echo(render_rows([{"new": k, "document": d, "finding": g, "overlap": s}
                                for k, d, g, s in preview.candidates], "table"))
    if dry_run:
        typer.echo("\nDry run: nothing was changed.")
        return
    result = add_document(reports, preview, store)
    typer.echo(f"\nAdded {doc.id}; built {result.store}: {len(result.documents)} documents, "
               f"{result.quads} quads.")

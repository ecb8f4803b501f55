"""``fynd trends``, ``lineage`` and ``evaluate``: lineage across reports."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from graph.cli.app import (
    LangOpt,
    OutOpt,
    RawOpt,
    RowFormatOpt,
    StoreOpt,
    app,
    check_choice,
    emit,
    handles_errors,
    read_lineage_for,
    render_rows,
)
from graph.errors import InputError


@app.command()
@handles_errors
def trends(
    year_from: Annotated[int | None, typer.Option("--from", help="First year to show.")] = None,
    year_to: Annotated[int | None, typer.Option("--to", help="Last year to show.")] = None,
    type: Annotated[str, typer.Option(
        "--type", help="success-factor, risk, proposal or recommendation.")] = "recommendation",
    theme: Annotated[str | None, typer.Option(
        "--theme", help="Only findings of this theme (its label in sv or en, or its IRI).")
    ] = None,
    format: Annotated[str, typer.Option(
        "--format", help="text, md, json, csv or html (one self-contained file).")] = "text",
    lang: LangOpt = "en",
    raw: RawOpt = False,
    programme: Annotated[str | None, typer.Option(
        "--programme", help="The series to report on, when the catalog names several "
        "(a report's 'programme').")] = None,
    out: OutOpt = None,
    plot: Annotated[Path | None, typer.Option(
        "--plot", help="Also draw the pictures: FILE.png or FILE.svg writes FILE-themes "
        "(themes x reports) and FILE-flow (statuses from the first report to the last).",
        show_default=False)] = None,
    store: StoreOpt = None,
) -> None:
    """The trend report: how each finding fared from report to report.

    Each family of linked findings as a timeline (year, report, wording, link kind and
    score, where each finding goes next) under the family's status, what was dropped and
    when, what is new in each report, counts per type and theme for each report, and
    what persisted through every report.  One series at a time: --programme chooses it
    when the catalog names several (the title says which).
    """
    from graph.findings import FindingType

    check_choice(type, tuple(t.value for t in FindingType), "--type")
    check_choice(format, ("text", "md", "json", "csv", "html"), "--format")
    check_choice(lang, ("sv", "en"), "--lang")
    from graph.analysis.lineage_rdf import read_themes
    from graph.views.trend_render import render_trends
    from graph.views.trends import trend_report

    if plot is not None and plot.suffix.lower() not in (".png", ".svg"):
        raise InputError(f"--plot must end in .png or .svg, not {plot.name!r}")
    from graph.analysis.background import one_series
    from graph.analysis.lineage_rdf import read_programmes

    graph_store, lineage = read_lineage_for(store, raw)
    lineage, series = one_series(lineage, read_programmes(graph_store), programme)
    report = trend_report(lineage, year_from=year_from, year_to=year_to, type=type,
                          theme=theme, themes=read_themes(graph_store), lang=lang,
                          series=series)
    if plot is not None:
        from graph.views.plots import write_plots

        for path in write_plots(report, plot, lang):
            typer.echo(f"Wrote {path}", err=True)
    emit(render_trends(report, format, lang), out)


@app.command()
@handles_errors
def lineage(
    iri: Annotated[str, typer.Argument(
        help="The finding's IRI or short IRI, e.g. d1-short/rec-2 (see fynd findings).")],
    format: Annotated[str, typer.Option("--format", help="text, md or json.")] = "text",
    lang: LangOpt = "en",
    raw: RawOpt = False,
    store: StoreOpt = None,
) -> None:
    """One finding's ancestors and descendants, with each link's kind, score and evidence
    (both ends named by short id, e.g. d3-short/rec-2, and label).

    A short version's finding that restates the full report shows its own evidence and
    the lineage of the finding it restates.
    """
    check_choice(format, ("text", "md", "json"), "--format")
    check_choice(lang, ("sv", "en"), "--lang")
    from graph.rdf.lookup import find_finding, restatement
    from graph.views.lineage_view import lineage_of, render_lineage, render_restatement

    graph_store, result = read_lineage_for(store, raw)
    row = find_finding(graph_store, iri)
    target = row.restates or row.iri
    if target not in result.nodes:
        raise InputError(f"finding {iri} has no lineage in the graph")
    found = lineage_of(result, target)
    if row.restates and format == "json":
        found = {"restatement": restatement(row), **found}
    elif row.restates:
        typer.echo(render_restatement(restatement(row), row.document, format, lang))
    typer.echo(render_lineage(found, format, lang))


@app.command()
@handles_errors
def evaluate(
    judged: Annotated[Path | None, typer.Argument(
        help="The hand-judged lineage file (TOML) [default: tests/lineage_gold.toml, or the "
        "copy shipped with fynd].", show_default=False)] = None,
    raw: RawOpt = False,
    format: RowFormatOpt = "table",
    bootstrap: Annotated[int, typer.Option(
        "--bootstrap", help="Bootstrap draws for the 95% intervals (0: none).")] = 1000,
    seed: Annotated[int, typer.Option("--seed", help="Seed of the bootstrap draws.")] = 0,
    store: StoreOpt = None,
) -> None:
    """Precision and recall of the lineage links and statuses against a judged file.

    One row per measure: links, links with the right kind, each kind (persists,
    evolves), statuses and each status, with seeded bootstrap 95% intervals.  By
    default the lineage in the graph (curation applied); --raw scores the automatic
    result alone.
    """
    if bootstrap < 0:
        raise InputError(f"--bootstrap must be 0 or more, not {bootstrap}")
    from graph.analysis.evaluate import evaluate as run_evaluate
    from graph.analysis.lineage_rdf import read_nodes

    graph_store, lineage = read_lineage_for(store, raw)
    from graph.resources import judged_lineage

    result = run_evaluate(lineage, judged or judged_lineage(), read_nodes(graph_store).refs)
    typer.echo(render_rows(result.rows(rounds=bootstrap, seed=seed), format))
    if format == "table":
        for title, items in (("missed", result.missed), ("not judged", result.extra)):
            for source, target in items:
                typer.echo(f"{title}: {source} -> {target}")
        for label, want, got in result.wrong_status:
            typer.echo(f"status: {label}: judged {want}, got {got}")

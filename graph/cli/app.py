"""The ``fynd`` command line: argument parsing and output formatting only.

Every command calls one library function and formats its result.  Library errors
(:class:`graph.errors.FyndError`) become a one-line ``Error: ...`` on stderr and exit
code 2 (bad input) or 1 (a check failed); there is no traceback for a user's mistake.
Heavy modules are imported inside the commands so that ``fynd --help`` stays fast.
"""

from __future__ import annotations

import functools
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Annotated, Any, TypeVar

import typer

from graph.errors import FyndError, InputError

app = typer.Typer(
    name="fynd",
    help=(
        "Turn a series of evaluation reports into a knowledge graph of their findings "
        "(success factors, risks, improvement proposals, recommendations), each with "
        "the quote it rests on.\n\n"
        "Start with `fynd build` (reads data/reports/ and writes the graph to .fynd/store), "
        "then `fynd findings`, `fynd queries` and `fynd query --name NAME`."
    ),
    no_args_is_help=True,
    add_completion=False,
    rich_markup_mode=None,
    pretty_exceptions_enable=False,
)

# Options shared by several commands: one definition, the same name everywhere.
StoreOpt = Annotated[Path | None, typer.Option(
    "--store", help="Graph store directory [default: $FYND_STORE or .fynd/store].",
    show_default=False)]
ReportsOpt = Annotated[Path, typer.Option(
    "--reports", help="Directory with catalog.toml and the report files.")]
OutOpt = Annotated[Path | None, typer.Option(
    "--out", help="Write to this file instead of standard output.", show_default=False)]
RowFormatOpt = Annotated[str, typer.Option(
    "--format", help="Output format: table, json, csv or md.")]

F = TypeVar("F", bound=Callable[..., Any])


def handles_errors(command: F) -> F:
    """Turn library errors into a one-line message and the error's exit code."""

    @functools.wraps(command)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return command(*args, **kwargs)
        except FyndError as exc:
            typer.echo(f"Error: {exc}", err=True)
            raise typer.Exit(exc.exit_code) from None
        except KeyboardInterrupt:
            typer.echo("Interrupted; nothing was changed.", err=True)
            raise typer.Exit(130) from None

    return wrapper  # type: ignore[return-value]


def _emit(text: str, out: Path | None) -> None:
    if out is None:
        typer.echo(text.rstrip("\n"))
        return
    try:
        out.write_text(text if text.endswith("\n") else text + "\n", encoding="utf-8")
    except OSError as exc:
        raise InputError(f"cannot write {out}: {exc.strerror}") from None
    typer.echo(f"Wrote {out}", err=True)


def _progress() -> Callable[[str, int, int], None]:
    """A progress line on stderr when it is a terminal; silence otherwise, but for the
    steps that announce a slow one-off operation (they end with "..."; see
    :data:`graph.pipeline.Progress`), which get a line of their own either way."""
    if not sys.stderr.isatty():
        def notices(step: str, done: int, total: int) -> None:
            if step.endswith("..."):
                sys.stderr.write(f"{step}\n")
                sys.stderr.flush()

        return notices

    def show(step: str, done: int, total: int) -> None:
        sys.stderr.write(f"\r\033[K[{done}/{total}] {step}")
        if step == "done":
            sys.stderr.write("\r\033[K")
        elif step.endswith("..."):
            sys.stderr.write("\n")  # stays on screen: it explains the wait
        sys.stderr.flush()

    return show


CurationOpt = Annotated[Path | None, typer.Option(
    "--curation", help="Curation file of lineage links [default: curation.toml beside the "
    "reports directory, e.g. data/curation.toml].", show_default=False)]
RawOpt = Annotated[bool, typer.Option(
    "--raw", help="Ignore the curation file: the automatic lineage alone.")]


@app.command()
@handles_errors
def build(
    reports: ReportsOpt = Path("data/reports"),
    store: StoreOpt = None,
    curation: CurationOpt = None,
    raw: RawOpt = False,
) -> None:
    """Build the graph from a reports directory (catalog.toml + .txt/.pdf files).

    Reads and repairs every document, extracts its findings, links them across reports
    (lineage, with the curation file applied unless --raw) and writes the graph.  The
    new graph replaces the old one only when the build succeeds.
    """
    from graph.pipeline import build as run_build

    result = run_build(reports, store, progress=_progress(), curation=curation, raw=raw)
    typer.echo(f"Built {result.store}: {len(result.documents)} documents, "
               f"{result.quads} quads.")
    from graph.findings import FindingType

    rows = [{"report": rid, **row} for rid, row in result.counts.items()]
    typer.echo(_render(rows, "table", columns=["report"] + [t.value for t in FindingType]))


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
    reports: ReportsOpt = Path("data/reports"),
) -> None:
    """Print a document's repaired text (or --raw extracted text, or --stats).

    DOCUMENT may be `all` with --stats to compare every document.
    """
    from graph.ingest.catalog import load_catalog
    from graph.ingest.read import read_text

    catalog = load_catalog(reports)
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
    typer.echo(_render(rows, format))


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
    """List findings with their report, section, ordinal and quote."""
    from graph.findings import FindingType

    if type is not None and type not in {t.value for t in FindingType}:
        raise InputError(f"unknown type {type!r}; choose one of "
                         + ", ".join(t.value for t in FindingType))
    from graph.rdf.model import read_findings
    from graph.rdf.store import open_store

    rows = [r.as_dict() for r in read_findings(open_store(store), report=report, type=type)]
    columns = ["report", "document", "type", "ordinal", "method", "label"]
    _emit(_render(rows, format, columns=None if format == "json" else columns), out)


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
    format: RowFormatOpt = "table",
    out: OutOpt = None,
    store: StoreOpt = None,
) -> None:
    """Run a SPARQL query over all graphs (the prefixes fynd:, dcterms:, oa:, ... are set)."""
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
    result = run_query(open_store(store), text_, source=source)
    rows = [dict(zip(result.columns, row)) for row in result.rows]
    _emit(_render(rows, format, columns=result.columns), out)


@app.command()
@handles_errors
def evaluate(
    judged: Annotated[Path, typer.Argument(help="The hand-judged lineage file (TOML).")] = Path(
        "tests/lineage_gold.toml"),
    raw: RawOpt = False,
    format: RowFormatOpt = "table",
    store: StoreOpt = None,
) -> None:
    """Precision and recall of the lineage links and statuses against a judged file.

    By default the lineage in the graph (curation applied); --raw scores the automatic
    result alone.
    """
    from graph.analysis.evaluate import evaluate as run_evaluate
    from graph.analysis.lineage_rdf import read_nodes

    graph_store, lineage = _lineage(store, raw)
    result = run_evaluate(lineage, judged, read_nodes(graph_store).refs)
    typer.echo(_render(result.rows(), format))
    if format == "table":
        for title, items in (("missed", result.missed), ("not judged", result.extra)):
            for source, target in items:
                typer.echo(f"{title}: {source} -> {target}")
        for label, want, got in result.wrong_status:
            typer.echo(f"status: {label}: judged {want}, got {got}")


LangOpt = Annotated[str, typer.Option("--lang", help="Language of headings: sv or en.")]


def _lineage(store: Path | None, raw: bool):  # type: ignore[no-untyped-def]
    from graph.analysis.lineage_rdf import analyse_store, read_lineage
    from graph.rdf.store import open_store

    graph_store = open_store(store)
    return graph_store, (analyse_store(graph_store) if raw else read_lineage(graph_store))


def _check_choice(value: str, choices: tuple[str, ...], option: str) -> None:
    if value not in choices:
        raise InputError(f"{option} must be one of {', '.join(choices)}, not {value!r}")


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
    out: OutOpt = None,
    store: StoreOpt = None,
) -> None:
    """The trend report: how each finding fared from report to report.

    Each family of linked findings as a timeline (year, report, wording, link kind and
    score), what was dropped and when, what is new in each report, counts per type, theme
    and year, and what persisted through every report.
    """
    from graph.findings import FindingType

    _check_choice(type, tuple(t.value for t in FindingType), "--type")
    _check_choice(format, ("text", "md", "json", "csv", "html"), "--format")
    _check_choice(lang, ("sv", "en"), "--lang")
    from graph.analysis.lineage_rdf import read_themes
    from graph.views.trends import render_trends, trend_report

    graph_store, lineage = _lineage(store, raw)
    report = trend_report(lineage, year_from=year_from, year_to=year_to, type=type,
                          theme=theme, themes=read_themes(graph_store), lang=lang)
    _emit(render_trends(report, format, lang), out)


@app.command()
@handles_errors
def lineage(
    iri: Annotated[str, typer.Argument(help="The finding's IRI (see fynd findings).")],
    format: Annotated[str, typer.Option("--format", help="text, md or json.")] = "text",
    lang: LangOpt = "en",
    raw: RawOpt = False,
    store: StoreOpt = None,
) -> None:
    """One finding's ancestors and descendants, with each link's kind, score and evidence."""
    _check_choice(format, ("text", "md", "json"), "--format")
    _check_choice(lang, ("sv", "en"), "--lang")
    from graph.views.trends import lineage_of, render_lineage

    _, result = _lineage(store, raw)
    if iri not in result.nodes:
        raise InputError(f"no finding {iri} in the graph (fynd findings lists them)")
    typer.echo(render_lineage(lineage_of(result, iri), format, lang))


@app.command()
@handles_errors
def queries() -> None:
    """List the named queries and what each answers."""
    from graph.rdf.queries import list_queries

    rows = [{"name": q.name, "answers": q.description,
             "params": ", ".join(q.params)} for q in list_queries()]
    typer.echo(_render(rows, "table", width=90))


def _render(rows: list[dict[str, Any]], fmt: str, **kwargs: Any) -> str:
    from graph.views.tables import render

    if not rows and fmt == "table":
        return "(no results)"
    return render(rows, fmt, **kwargs)


"""The ``fynd`` application object, the options shared by commands, and error handling.

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
ReportsOpt = Annotated[Path | None, typer.Option(
    "--reports", help="Directory with catalog.toml and the report files [default: "
    "data/reports if it exists here, else the reports shipped with fynd].",
    show_default=False)]
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


def emit(text: str, out: Path | None) -> None:
    if out is None:
        typer.echo(text.rstrip("\n"))
        return
    try:
        out.write_text(text if text.endswith("\n") else text + "\n", encoding="utf-8")
    except OSError as exc:
        raise InputError(f"cannot write {out}: {exc.strerror}") from None
    typer.echo(f"Wrote {out}", err=True)


def progress_printer() -> Callable[[str, int, int], None]:
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



LangOpt = Annotated[str, typer.Option("--lang", help="Language of headings: sv or en.")]


def read_lineage_for(store: Path | None, raw: bool):  # type: ignore[no-untyped-def]
    from graph.analysis.lineage_rdf import analyse_store, read_lineage
    from graph.rdf.store import open_store

    graph_store = open_store(store)
    return graph_store, (analyse_store(graph_store) if raw else read_lineage(graph_store))


def check_choice(value: str, choices: tuple[str, ...], option: str) -> None:
    if value not in choices:
        raise InputError(f"{option} must be one of {', '.join(choices)}, not {value!r}")



def render_rows(rows: list[dict[str, Any]], fmt: str, **kwargs: Any) -> str:
    from graph.views.tables import render

    if not rows and fmt == "table":
        return "(no results)"
    return render(rows, fmt, **kwargs)



"""``fynd view``: the interactive HTML view of the graph, one offline file."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from graph.cli.app import LangOpt, RawOpt, StoreOpt, app, check_choice, handles_errors
from graph.errors import InputError


@app.command()
@handles_errors
def view(
    out: Annotated[Path, typer.Option(
        "--out", help="The HTML file to write.")] = Path("fynd-view.html"),
    report: Annotated[str | None, typer.Option("--report", help="Only this report id.")] = None,
    type: Annotated[str | None, typer.Option(
        "--type", help="Only success-factor, risk, proposal or recommendation.")] = None,
    theme: Annotated[str | None, typer.Option(
        "--theme", help="Only findings of this theme (its label in sv or en, or its IRI).")
    ] = None,
    status: Annotated[str | None, typer.Option(
        "--status", help="Only persisted, evolved, dropped or new findings.")] = None,
    lang: LangOpt = "en",
    raw: RawOpt = False,
    open_: Annotated[bool, typer.Option("--open", help="Open the file in the browser.")] = False,
    store: StoreOpt = None,
) -> None:
    """Write the graph as one interactive HTML file that works offline.

    Reports are columns in order of issue, findings sit in lanes by type; lineage links
    join them (persists solid, evolves dashed). Click a finding for its quote, status,
    links and whole chain; filter by report, type, theme and status, or search.
    """
    check_choice(lang, ("sv", "en"), "--lang")
    from graph.rdf.store import open_store
    from graph.views.view_page import make_view

    page = make_view(open_store(store), report=report, type=type, theme=theme, status=status,
                     lang=lang, raw=raw)
    try:
        out.write_text(page, encoding="utf-8")
    except OSError as exc:
        raise InputError(f"cannot write {out}: {exc.strerror}") from None
    typer.echo(f"Wrote {out} ({len(page.encode()) / 1e6:.1f} MB)", err=True)
    if open_:
        import webbrowser

        webbrowser.open(out.resolve().as_uri())

"""A small graph whose labels and titles are markup and spreadsheet formulas, for the
tests that guard every output against them (views, tables, CSV, the browser).

Two reports; a recommendation carried from the first to the second; a recommendation
labelled with an XSS attempt, one with a ``=HYPERLINK`` formula, a risk with Markdown,
and a short version of report 1 restating one recommendation.
"""

from __future__ import annotations

from pathlib import Path

from graph.findings import Finding, FindingType, Span
from graph.ingest.catalog import Catalog, Document, Report

XSS = "<img src=x onerror=alert(1)><script>alert(1)</script>"
FORMULA = '=HYPERLINK("http://x","y")'
MARKDOWN = "Risk | with *stars* _under_ `code` [link](x) <b>bold</b>"
TITLE = "<b>Rapport</b> & <i>titel</i>"

R1 = Report("h1", TITLE, "2022-03-01", 1)
R2 = Report("h2", "Rapport 2", "2024", 2)
D1 = Document("h1-full", Path("h1-full.txt"), R1, TITLE, "full")
D1S = Document("h1-short", Path("h1-short.txt"), R1, "Kortversion", "short", restates="h1-full")
D2 = Document("h2-full", Path("h2-full.txt"), R2, "Rapport 2", "full")
CATALOG = Catalog(Path("catalog.toml"), (R1, R2), (D1, D1S, D2))


def _f(doc: str, key: str, type: FindingType, label: str, ordinal: int, start: int,
       restates: tuple[str, str] | None = None) -> Finding:
    return Finding(doc, key, type, label, "Rekommendationer", ordinal,
                   [Span(start, start + len(label), label, "Rekommendationer")], "list", 1.0,
                   restates=restates)


def findings() -> dict[Document, list[Finding]]:
    rec, risk = FindingType.RECOMMENDATION, FindingType.RISK
    carried = "Säkra samverkan genom gemensamma rutiner och avsatta tider"
    return {
        D1: [_f("h1-full", "rec-1", rec, carried, 1, 100),
             _f("h1-full", "rec-2", rec, XSS, 2, 300),
             _f("h1-full", "rec-3", rec, FORMULA, 3, 500),
             _f("h1-full", "risk-1", risk, MARKDOWN, 1, 700)],
        D1S: [_f("h1-short", "rec-1", rec, carried, 1, 50, restates=("h1-full", "rec-1"))],
        D2: [_f("h2-full", "rec-1", rec, carried + " i länet", 1, 100),
             _f("h2-full", "rec-2", rec, "Tydlig arbetsdelning mellan region och kommun", 2, 300)],
    }


def build_hostile(path: Path) -> Path:
    """Write the graph (findings, lineage, themes) to an on-disk store at *path*."""
    from graph.analysis.lineage_rdf import analyse_store, write_lineage
    from graph.rdf.model import catalog_quads, document_quads
    from graph.rdf.store import atomic_store

    with atomic_store(path) as store:
        store.extend(catalog_quads(CATALOG))
        for doc, found in findings().items():
            store.extend(document_quads(doc, found))
        write_lineage(store, analyse_store(store))
    return path

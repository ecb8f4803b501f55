"""A tiny hand-made catalog and findings, for the model, ontology and validation tests.

One report (``r1``) with a full document and a short version that restates it; the full
document has a success factor, a risk stated twice and a recommendation, the short
version one recommendation that restates the full one.
"""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox

from graph.findings import Finding, FindingType, Span
from graph.ingest.catalog import Catalog, Document, Report
from graph.rdf.model import catalog_quads, document_quads

REPORT = Report("r1", "Delrapport 1", "2022-06-30", 1, ("Osman Aytar", "Lina Larsson"),
                "FoU i Sörmland")
FULL = Document("r1-full", Path("r1-full.txt"), REPORT, "Delrapport 1", "full")
SHORT = Document("r1-short", Path("r1-short.txt"), REPORT, "Delrapport 1 – kortversion",
                 "short", restates="r1-full")
CATALOG = Catalog(Path("catalog.toml"), (REPORT,), (FULL, SHORT))


def full_findings() -> list[Finding]:
    return [
        Finding("r1-full", "sf-1", FindingType.SUCCESS_FACTOR, "Delad övertygelse.",
                "Framgångsfaktorer", 1,
                [Span(100, 118, "Delad övertygelse.", "Framgångsfaktorer")], "list", 1.0),
        Finding("r1-full", "risk-1", FindingType.RISK, "Hög personalomsättning.", "Risker", 1,
                # stated twice; given out of order on purpose
                [Span(900, 923, "Hög personalomsättning.", "Sammanfattning"),
                 Span(200, 223, "Hög personalomsättning.", "Risker")],
                "box", 0.9),
        Finding("r1-full", "rec-1", FindingType.RECOMMENDATION, "Säkra samverkan.", "", 1,
                [Span(300, 316, "Säkra samverkan.", "")], "prose", 0.5),
    ]


def short_findings() -> list[Finding]:
    return [
        Finding("r1-short", "rec-1", FindingType.RECOMMENDATION, "Säkra samverkan.",
                "Rekommendationer", 1, [Span(50, 66, "Säkra samverkan.", "Rekommendationer")],
                "list", 1.0, restates=("r1-full", "rec-1")),
    ]


def tiny_quads() -> list[ox.Quad]:
    """Every quad of the tiny graph, in build order."""
    return [*catalog_quads(CATALOG), *document_quads(FULL, full_findings()),
            *document_quads(SHORT, short_findings())]


def tiny_store() -> ox.Store:
    store = ox.Store()
    store.extend(tiny_quads())
    return store

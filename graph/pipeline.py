"""The build pipeline: catalog -> text -> repair -> extract -> RDF -> store.

Each step is a plain function of :mod:`graph`; this module only strings them together
and reports progress.  Nothing is written until every document has been read, repaired
and extracted, and the store is swapped in atomically, so a failed build loses nothing.
"""

from __future__ import annotations

from collections.abc import Callable, Collection
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from graph.extract import extract, link_restatements
from graph.findings import Finding, FindingType
from graph.ingest.catalog import Catalog, Document, load_catalog
from graph.ingest.read import read_text

if TYPE_CHECKING:
    from graph.ingest.repair import RepairedText

#: ``progress(step, done, total)`` is called as the build goes on.
Progress = Callable[[str, int, int], None]

DEFAULT_REPORTS = Path("data") / "reports"
#: Shortest word of the undamaged texts that joins the repair lexicon.
VOCABULARY_MIN = 5


@dataclass
class ProcessedDocument:
    """One document through the text stages: extracted and repaired text, findings."""

    document: Document
    text: RepairedText
    findings: list[Finding]


@dataclass
class BuildResult:
    """What a build made: the documents with their findings, and the quad count."""

    catalog: Catalog
    documents: list[ProcessedDocument]
    quads: int = 0
    store: Path | None = None
    counts: dict[str, dict[str, int]] = field(default_factory=dict)


def _quiet(step: str, done: int, total: int) -> None:
    pass


def process(catalog: Catalog, progress: Progress = _quiet,
            only: Collection[str] | None = None) -> list[ProcessedDocument]:
    """Read, repair and extract the documents of *catalog*, and link short versions.

    The lexicon that repair uses is the package lexicon plus the vocabulary of those
    documents that show no damage (see :func:`graph.repair.damage_profile`), so every
    document is read; *only* (document ids) limits which are repaired and extracted.
    """
    total = len(catalog.documents)
    raws = {}
    for n, doc in enumerate(catalog.documents):
        progress(f"read {doc.id}", n, total)
        raws[doc.id] = read_text(doc.path)

    from graph.ingest.lexicon import default_lexicon
    from graph.ingest.repair import damage_profile, repair
    from graph.lang.words import words

    progress("load lexicon", 0, total)
    lexicon = default_lexicon()
    vocabulary: set[str] = set()
    for raw in raws.values():
        profile = damage_profile(raw, lexicon)
        if not (profile["glyphs"] or profile["dropped_glyphs"] or profile["split_ligatures"]):
            # Long words only: the vocabulary is for compounds and names the package
            # lexicon lacks; short tokens of clean text are often abbreviation pieces
            # ("fl" of "m.fl.") that would block a repair ("fl era" -> "flera").
            vocabulary.update(w for w in words(raw) if len(w) >= VOCABULARY_MIN)
    lexicon = lexicon.with_vocabulary(vocabulary)
    processed = []
    for n, doc in enumerate(catalog.documents):
        if only is not None and doc.id not in only:
            continue
        progress(f"repair and extract {doc.id}", n, total)
        repaired = repair(raws[doc.id], lexicon)
        processed.append(ProcessedDocument(doc, repaired, extract(repaired.text, doc.id)))
    by_id = {p.document.id: p for p in processed}
    for p in processed:
        if p.document.restates and p.document.restates in by_id:
            link_restatements(p.findings, by_id[p.document.restates].findings)
    progress("extracted", total, total)
    return processed


def counts(processed: list[ProcessedDocument]) -> dict[str, dict[str, int]]:
    """Findings per report and type, a short version's restatements not counted again."""
    table: dict[str, dict[str, int]] = {}
    for p in processed:
        row = table.setdefault(p.document.report.id, {t.value: 0 for t in FindingType})
        for f in p.findings:
            if f.restates is None:
                row[f.type.value] += 1
    return table


def default_curation(reports: str | Path) -> Path | None:
    """The curation file that goes with a reports directory: ``curation.toml`` beside it
    (``data/curation.toml`` for ``data/reports``), if there is one."""
    path = Path(reports).resolve().parent / "curation.toml"
    return path if path.is_file() else None


def build(reports: str | Path = DEFAULT_REPORTS, store: str | Path | None = None,
          progress: Progress = _quiet, *, curation: str | Path | None = None,
          raw: bool = False) -> BuildResult:
    """Build the graph from the reports directory into the store, atomically.

    Parameters
    ----------
    reports
        A directory with ``catalog.toml`` and the files it lists.
    store
        The store directory (default: :func:`graph.store.store_path`).
    progress
        Called with each step.
    curation
        The curation file for lineage (default: :func:`default_curation`).
    raw
        Ignore any curation file: the lineage is the automatic result alone.

    Raises
    ------
    CatalogError, ReportFileError, CurationError
        For bad input; the previous store is then untouched.
    """
    catalog = load_catalog(reports)
    if raw:
        curation = None
    elif curation is None:
        curation = default_curation(reports)
    processed = process(catalog, progress)

    import pyoxigraph as ox

    from graph.analysis.lineage_rdf import analyse_store, write_lineage
    from graph.rdf.model import catalog_quads, document_quads
    from graph.rdf.store import atomic_store, load_quads, store_path
    from graph.rdf.vocab import ONTOLOGY_DIR, ONTOLOGY_GRAPH

    location = store_path(store)
    progress("write graph", 0, 2)
    with atomic_store(location) as target:
        n = load_quads(target, catalog_quads(catalog))
        for p in processed:
            n += load_quads(target, document_quads(p.document, p.findings,
                                                   source_span=p.text.span_to_raw))
        for ttl in sorted(ONTOLOGY_DIR.glob("*.ttl")):
            if ttl.name != "shapes.ttl":
                target.load(path=str(ttl), format=ox.RdfFormat.TURTLE, to_graph=ONTOLOGY_GRAPH)
        progress("lineage", 1, 2)
        n += write_lineage(target, analyse_store(target, curation))
        n = len(target)
    progress("done", 2, 2)
    return BuildResult(catalog, processed, n, location, counts(processed))

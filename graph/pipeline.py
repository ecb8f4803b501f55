"""The build pipeline: catalog -> text -> repair -> extract -> RDF -> store.

Each step is a plain function of :mod:`graph`; this module only strings them together
and reports progress.  Nothing is written until every document has been read, repaired
and extracted, and the store is swapped in atomically, so a failed build loses nothing.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterator
from dataclasses import dataclass, field
from itertools import chain
from pathlib import Path
from typing import TYPE_CHECKING

from graph.extract import extract, link_restatements
from graph.findings import Finding, FindingType
from graph.ingest.catalog import Catalog, Document, load_catalog
from graph.ingest.read import read_text

if TYPE_CHECKING:
    import pyoxigraph as ox

    from graph.ingest.repair import RepairedText

#: ``progress(step, done, total)`` is called as the build goes on. A step that ends
#: with "..." announces a slow one-off operation, such as building the word cache on a
#: first run ("building the word cache for sv_SE (first run only)...").
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


def _ontology_quads(path: Path) -> Iterator[ox.Quad]:
    """The triples of a Turtle file of the ontology, as quads in the ontology's graph (so
    that they go into the store in the build's one bulk write)."""
    import pyoxigraph as ox

    from graph.rdf.vocab import ONTOLOGY_GRAPH

    for triple in ox.parse(path=str(path), format=ox.RdfFormat.TURTLE):
        yield ox.Quad(triple.subject, triple.predicate, triple.object, ONTOLOGY_GRAPH)


def process(catalog: Catalog, progress: Progress = _quiet,
            only: Collection[str] | None = None) -> list[ProcessedDocument]:
    """Read, repair and extract the documents of *catalog*, and link short versions.

    Every document's damage is analysed once (:func:`graph.ingest.repair.analyse_damage`);
    the lexicon that repair uses is the package lexicon plus the vocabulary of those
    documents that show no damage, so every document is read and analysed; *only*
    (document ids) limits which are repaired and extracted. A document with nothing to
    repair is not searched at all.
    """
    total = len(catalog.documents)
    raws = {}
    for n, doc in enumerate(catalog.documents):
        progress(f"read {doc.id}", n, total)
        raws[doc.id] = read_text(doc.path)

    from graph.ingest.lexicon import default_lexicon
    from graph.ingest.repair import analyse_damage, repair
    from graph.lang.words import words

    progress("load lexicon", 0, total)
    lexicon = default_lexicon().load(notice=lambda message: progress(message, 0, total))
    analyses = {}
    vocabulary: set[str] = set()
    for n, doc in enumerate(catalog.documents):
        progress(f"analyse {doc.id}", n, total)
        analyses[doc.id] = analysis = analyse_damage(raws[doc.id], lexicon)
        if not analysis.damaged:
            # Long words only: the vocabulary is for compounds and names the package
            # lexicon lacks; short tokens of clean text are often abbreviation pieces
            # ("fl" of "m.fl.") that would block a repair ("fl era" -> "flera").
            vocabulary.update(w for w in words(raws[doc.id]) if len(w) >= VOCABULARY_MIN)
    lexicon = lexicon.with_vocabulary(vocabulary)
    processed = []
    for n, doc in enumerate(catalog.documents):
        if only is not None and doc.id not in only:
            continue
        progress(f"repair and extract {doc.id}", n, total)
        repaired = repair(raws[doc.id], lexicon, analysis=analyses[doc.id])
        processed.append(ProcessedDocument(doc, repaired, extract(repaired.text, doc.id)))
    lexicon.save()
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

    from graph.analysis.lineage_rdf import analyse_store, write_lineage
    from graph.rdf.model import catalog_quads, document_quads
    from graph.rdf.store import atomic_store, load_quads, store_path
    from graph.rdf.vocab import ONTOLOGY_DIR

    location = store_path(store)
    progress("write graph", 0, 2)
    with atomic_store(location) as target:
        load_quads(target, chain(
            catalog_quads(catalog),
            *(document_quads(p.document, p.findings,
                                             source_span=p.text.span_to_raw) for p in processed),
            *(_ontology_quads(ttl) for ttl in sorted(ONTOLOGY_DIR.glob("*.ttl"))
              if ttl.name != "shapes.ttl"),
        ))
        progress("lineage", 1, 2)
        write_lineage(target, analyse_store(target, curation))
        n = len(target)
    progress("done", 2, 2)
    return BuildResult(catalog, processed, n, location, counts(processed))

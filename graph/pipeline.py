"""The build pipeline: catalog -> text -> repair -> extract -> RDF -> store.

Each step is a plain function of :mod:`graph`; this module only strings them together
and reports progress.  Nothing is written until every document has been read, repaired
and extracted, and the store is swapped in atomically, so a failed build loses nothing.
"""

from __future__ import annotations

import warnings
from collections.abc import Callable, Collection, Iterator
from dataclasses import dataclass, field
from itertools import chain
from pathlib import Path
from typing import TYPE_CHECKING

from graph.extract import extract, link_restatements
from graph.findings import Finding, FindingType
from graph.ingest.catalog import Catalog, Document, load_catalog
from graph.ingest.read import read_text
from graph.workers import VOCABULARY_MIN, with_language  # noqa: F401 (re-exported)

if TYPE_CHECKING:
    import pyoxigraph as ox

    from graph.ingest.repair import RepairedText

#: ``progress(step, done, total)`` is called as the build goes on. A step that ends
#: with "..." announces a slow one-off operation, such as building the word cache on a
#: first run ("building the word cache for sv_SE (first run only)...").
Progress = Callable[[str, int, int], None]

DEFAULT_REPORTS = Path("data") / "reports"


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
    #: One line per document that yielded no text or no finding.
    warnings: list[str] = field(default_factory=list)


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
            only: Collection[str] | None = None,
            jobs: int | None = 1) -> list[ProcessedDocument]:
    """Read, repair and extract the documents of *catalog*, and link short versions.

    Every document's damage is analysed once (:func:`graph.ingest.repair.analyse_damage`);
    the lexicon that repair uses is the package lexicon plus the vocabulary of those
    documents that show no damage, so every document is read and analysed; *only*
    (document ids) limits which are repaired and extracted. A document with nothing to
    repair is not searched at all.

    With *jobs* > 1 the documents are read, analysed, repaired and extracted in that
    many worker processes (:mod:`graph.workers`), with the same results; ``None``
    chooses (:func:`graph.workers.jobs_for`). A script that uses workers must start
    its work under ``if __name__ == "__main__":`` (workers are spawned).
    """
    from graph.workers import Vocabulary, jobs_for, run_stages

    documents = catalog.documents
    total = len(documents)
    jobs = jobs_for(documents, jobs)
    languages = list(dict.fromkeys(d.language for d in documents if d.language))
    # The lexicons are loaded here first (building the word cache on a first run, with a
    # notice), so that workers only ever load them from the cache.
    lexicons = {}
    for language in languages:
        progress(f"load lexicon ({language})", 0, total)
        lexicons[language] = lexicon_for(language).load(
            notice=lambda message: progress(message, 0, total))
    if jobs > 1:
        progress(f"start {jobs} worker processes", 0, total)
    with run_stages(jobs, languages) as (analyse, repair_extract):
        analysed = {}
        # One vocabulary per language, of that language's documents that show no damage.
        vocabulary: dict[str, set[str]] = {}
        for a in analyse((doc, catalog.max_text_bytes) for doc in documents):
            for message in a.warnings:
                warnings.warn(message, UserWarning, stacklevel=2)
            language = a.document.language
            if language not in lexicons:  # detected: not in the catalog
                lexicons[language] = lexicon_for(language).load()
            lexicons[language].add_verdicts(a.verdicts)
            vocabulary.setdefault(language, set()).update(a.vocabulary)
            analysed[a.document.id] = a
            progress(f"analysed {a.document.id}", len(analysed), total)
        shared = {language: Vocabulary(language, words) for language, words in vocabulary.items()}
        todo = [analysed[d.id] for d in documents if only is None or d.id in only]
        done = {}
        for e in repair_extract((a, None if a.analysis.clean else shared[a.document.language])
                                for a in todo):
            lexicons[e.document.language].add_verdicts(e.verdicts)
            done[e.document.id] = ProcessedDocument(e.document, e.text, e.findings)
            progress(f"extracted {e.document.id}", len(done), len(todo))
    processed = [done[a.document.id] for a in todo]
    for lexicon in lexicons.values():
        lexicon.save()
    by_id = {p.document.id: p for p in processed}
    for p in processed:
        if p.document.restates and p.document.restates in by_id:
            link_restatements(p.findings, by_id[p.document.restates].findings)
    progress("extracted", total, total)
    return processed


def lexicon_for(language: str):  # type: ignore[no-untyped-def]
    """The package lexicon of a language: its profile's Hunspell and wordfreq lists.

    >>> lexicon_for("sv") is lexicon_for("sv")
    True
    """
    from graph.ingest.lexicon import default_lexicon

    return default_lexicon(language)


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
    """The curation file beside a reports directory (see
    :func:`graph.analysis.curation.default_curation`: it must stay in its box)."""
    from graph.analysis.curation import default_curation as beside

    return beside(reports)


def build(reports: str | Path = DEFAULT_REPORTS, store: str | Path | None = None,
          progress: Progress = _quiet, *, curation: str | Path | None = None,
          raw: bool = False, max_text_mb: float | None = None,
          background: bool = False, semantic: bool = False,
          jobs: int | None = 1) -> BuildResult:
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
    max_text_mb
        The most text one document may hold (default: :func:`graph.ingest.read.text_limit`).
    background
        Keep an automatic link only above the series' background (the null model).
    semantic
        Add the semantic rescue to lineage (:mod:`graph.analysis.semantic`); when its
        extra is not installed, lineage stays lexical and a warning says so.
    jobs
        Worker processes that read, repair and extract the documents (1: this process;
        None: :func:`graph.workers.jobs_for` chooses, as ``fynd build`` does).

    Raises
    ------
    CatalogError, ReportFileError, CurationError
        For bad input; the previous store is then untouched.
    StoreError
        If the store path is not fynd's to write (checked before any work).
    """
    # trust: refuse a store path that is not fynd's before any work (graph.rdf.store).
    from graph.rdf.store import check_store_path

    check_store_path(store)
    catalog = load_catalog(reports, max_text_mb=max_text_mb)
    if raw:
        curation = None
    elif curation is None:
        curation = default_curation(reports)
    processed = process(catalog, progress, jobs=jobs)

    from graph.analysis.background import BACKGROUND
    from graph.analysis.lineage_rdf import analyse_store_series, write_lineage
    from graph.analysis.semantic import semantic_setting
    from graph.rdf.model import catalog_quads, document_quads
    from graph.rdf.store import atomic_store, load_quads, store_path
    from graph.rdf.vocab import ONTOLOGY_DIR

    location = store_path(store)
    semantic_config, semantic_notice = semantic_setting(semantic)
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
        write_lineage(target, analyse_store_series(
            target, curation, BACKGROUND if background else None, semantic_config))
        n = len(target)
    progress("done", 2, 2)
    result = BuildResult(catalog, processed, n, location, counts(processed))
    # trust: a document with no text or no finding is a warning naming it.
    from graph.ingest.read import empty_warning

    result.warnings = [w for p in processed
                       if (w := empty_warning(p.document.path, p.text.raw, len(p.findings)))]
    if semantic_notice:
        result.warnings.append(semantic_notice)
    return result


@dataclass
class AddPreview:
    """What ``fynd add`` would add: the new document, its findings, lineage candidates."""

    document: Document
    text: RepairedText
    findings: list[Finding]
    #: (new finding key, existing document id, existing key, word overlap), best first.
    candidates: list[tuple[str, str, str, float]] = field(default_factory=list)


def preview_add(reports: str | Path, file: str | Path, *, report: str, title: str,
                issued: str, version: str = "full", restates: str | None = None,
                language: str | None = None,
                store: str | Path | None = None) -> AddPreview:
    """Read, repair and extract *file* as a new document of *reports*, changing nothing.

    The new document's findings are compared with those of the catalog's documents:
    each gets its closest earlier finding of the same type as a lineage candidate.
    Those findings are read from the graph at *store* when it holds the catalog's
    documents (:func:`existing_findings`), else the documents are processed.

    Raises
    ------
    CatalogError, ReportFileError, InputError
        For a bad catalog, an unreadable file or a document id already in the catalog.
    """
    from graph.errors import InputError
    from graph.ingest.catalog import Report
    from graph.ingest.repair import repair
    from graph.lang.profile import detect_language
    from graph.lang.words import overlap

    catalog = load_catalog(reports)
    path = Path(file)
    doc_id = path.stem
    if any(d.id == doc_id for d in catalog.documents):
        raise InputError(f"document {doc_id!r} is already in the catalog")
    raw = read_text(path)
    language = language or detect_language(raw)
    known = {r.id: r for r in catalog.reports}
    the_report = known.get(report) or Report(report, title, issued,
                                             max((r.series for r in catalog.reports),
                                                 default=0) + 1)
    document = Document(doc_id, path, the_report, title, version, language, restates)
    repaired = repair(raw, lexicon_for(language))
    findings = extract(repaired.text, doc_id, language)
    existing = existing_findings(catalog, store)
    if restates and restates in existing:
        link_restatements(findings, existing[restates])
    candidates = []
    for f in findings:
        best = max(((overlap(f.label, g.label, language), g.document, g.key)
                    for found in existing.values() for g in found if g.type is f.type),
                   default=None)
        if best is not None and best[0] >= 0.5:
            candidates.append((f.key, best[1], best[2], round(best[0], 2)))
    return AddPreview(document, repaired, findings, candidates)


def existing_findings(catalog: Catalog, store: str | Path | None = None
                      ) -> dict[str, list[Finding]]:
    """The findings of the catalog's documents, by document id: read from the graph at
    *store* (its last build) when it holds exactly the catalog's documents, else by
    reading, repairing and extracting them (:func:`process`).

    Raises
    ------
    CatalogError, ReportFileError
        When the documents must be processed and one cannot be read.
    """
    from graph.errors import StoreError
    from graph.rdf.store import close_store, open_store

    try:
        graph = open_store(store)
    except StoreError:
        graph = None
    if graph is not None:
        try:
            found = _stored_findings(graph, {d.id for d in catalog.documents})
        finally:
            close_store(graph)
        if found is not None:
            return found
    return {p.document.id: p.findings for p in process(catalog)}


def _stored_findings(graph: ox.Store, documents: set[str]) -> dict[str, list[Finding]] | None:
    """The findings in *graph* as :class:`Finding`, by document; None unless the graph
    holds exactly *documents*. A finding gets its evidence quotes (as repaired) with
    their source offsets, which is what comparing wordings needs."""
    from graph.findings import Span
    from graph.rdf.read import read_findings
    from graph.rdf.sparql import run_query
    from graph.rdf.vocab import parse_finding_iri

    held = run_query(graph, "SELECT DISTINCT ?id WHERE { ?d a fynd:Document ; "
                            "fynd:documentId ?id }").rows
    if {row[0] for row in held} != documents:
        return None
    found: dict[str, list[Finding]] = {d: [] for d in documents}
    for row in read_findings(graph):
        doc, key = parse_finding_iri(row.iri)
        found[doc].append(Finding(
            doc, key, FindingType(row.type), row.label, row.section, row.ordinal,
            [Span(start, end, quote, row.section) for start, end, quote in row.spans],
            row.method, row.confidence,
            parse_finding_iri(row.restates) if row.restates else None))
    return found


def add_document(reports: str | Path, preview: AddPreview, store: str | Path | None = None,
                 progress: Progress = _quiet) -> BuildResult:
    """Copy the previewed document into *reports*, list it in the catalog and rebuild.

    The catalog is edited with ``tomlkit``, so the user's comments and order stay; a
    new report gets a ``[[report]]`` table after the last one.
    """
    import shutil

    import tomlkit

    from graph.errors import InputError
    from graph.ingest.catalog import CATALOG_NAME

    directory = Path(reports)
    target = directory / preview.document.path.name
    if target.exists() and target.resolve() != preview.document.path.resolve():
        raise InputError(f"{target} exists already")
    path = directory / CATALOG_NAME
    doc = tomlkit.parse(path.read_text(encoding="utf-8"))
    rep = preview.document.report
    if not any(r.get("id") == rep.id for r in doc.get("report", [])):
        table = tomlkit.table()
        table.update({"id": rep.id, "title": rep.title, "issued": rep.issued,
                      "series": rep.series})
        doc.setdefault("report", tomlkit.aot()).append(table)
    entry = tomlkit.table()
    entry.update({"file": target.name, "report": rep.id, "version": preview.document.version,
                  "language": preview.document.language})
    if preview.document.title != rep.title:
        entry["title"] = preview.document.title
    if preview.document.restates:
        entry["restates"] = preview.document.restates
    doc.setdefault("document", tomlkit.aot()).append(entry)
    if target.resolve() != preview.document.path.resolve():
        shutil.copyfile(preview.document.path, target)
    path.write_text(tomlkit.dumps(doc), encoding="utf-8")
    return build(directory, store, progress)

"""Lineage and the store: findings in, links and statuses back out as RDF.

The analysis itself (:mod:`graph.analysis.lineage`) works on plain records; this module reads
those records from the store with SPARQL, applies the curation file, and writes the
result into the named graph ``graph/lineage``:

* ``source fynd:persistsAs target`` / ``source fynd:evolvesInto target``, and for each a
  ``fynd:Link`` node with source, target, kind, score, method (``auto``/``curated``),
  shape, the shared terms as evidence, the curator's note, ``prov:wasDerivedFrom`` both
  findings and ``prov:wasGeneratedBy`` the analysis activity;
* ``fynd:status`` and ``fynd:lastSeenIn`` on every finding;
* within one report, ``recommendation fynd:drawsOn proposal`` and
  ``recommendation fynd:answers risk``, each with its link node too.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import pyoxigraph as ox

from graph.analysis.curation import FindingRef, load_curation, resolve
from graph.analysis.lineage import Lineage, Link, Node
from graph.rdf.store import select
from graph.rdf.vocab import (
    FYND,
    LINEAGE_ACTIVITY,
    LINEAGE_GRAPH,
    PROV,
    RDF,
    RDFS,
    SKOS,
    XSD,
    link_iri,
    report_iri,
)

if TYPE_CHECKING:
    from graph.analysis.background import BackgroundConfig, SeriesLineage
    from graph.config import SemanticConfig

ANALYSIS = LINEAGE_ACTIVITY
@dataclass
class StoredFindings:
    """What lineage needs from the store: nodes to link, and refs to resolve names."""

    nodes: list[Node]
    refs: list[FindingRef]


def read_nodes(store: ox.Store) -> StoredFindings:
    """Findings of the store as lineage nodes (read by :func:`graph.rdf.read.read_findings`);
    a short version's restatements are left out (they are their full report's finding)
    but can still be named in curation."""
    from graph.rdf.read import read_findings

    nodes, refs = [], []
    for row in sorted(read_findings(store), key=lambda r: (r.report_position, r.document,
                                                           r.iri)):
        refs.append(FindingRef(row.iri, row.document, row.label, row.restates))
        if row.restates:
            continue
        text = " ".join(quote for _start, _end, quote in row.spans)
        nodes.append(Node(row.iri, row.report, row.report_position, row.year, row.type,
                          row.label, text, document=row.document))
    return StoredFindings(nodes, refs)


def curated_links(path: str | Path, refs: Sequence[FindingRef]
                  ) -> tuple[list[Link], set[tuple[str, str]]]:
    """The links a curation file adds or confirms, and the pairs it rejects."""
    added, rejected = [], set()
    for entry in load_curation(path):
        source, target = resolve(entry.source, refs), resolve(entry.target, refs)
        if entry.action == "reject":
            rejected.add((source, target))
        else:
            added.append(Link(source, target, entry.kind, 1.0, method="curated",
                              note=entry.note, translations=entry.translations))
    return added, rejected


def read_programmes(store: ox.Store) -> dict[str, str]:
    """Report id -> its programme (series), for the reports the catalog gave one."""
    return {sol["rid"].value: sol["p"].value for sol in select(
        store, "SELECT ?rid ?p WHERE { ?r fynd:reportId ?rid ; fynd:programme ?p }")}


def analyse_store_series(store: ox.Store, curation: str | Path | None = None,
                         background: BackgroundConfig | None = None,
                         semantic: SemanticConfig | None = None) -> SeriesLineage:
    """Run the lineage analysis on the findings of *store* (with *curation*, if given),
    within each series and above its background (:mod:`graph.analysis.background`),
    with the semantic rescue if *semantic* is given (:mod:`graph.analysis.semantic`)."""
    from graph.analysis.background import analyse_series

    found = read_nodes(store)
    curated: list[Link] = []
    rejected: set[tuple[str, str]] = set()
    if curation is not None:
        curated, rejected = curated_links(curation, found.refs)
    return analyse_series(found.nodes, read_programmes(store), curated, rejected,
                          background=background, semantic=semantic)


def analyse_store(store: ox.Store, curation: str | Path | None = None) -> Lineage:
    """Run the lineage analysis on the findings of *store* (with *curation*, if given),
    with the background and the semantic rescue if the stored lineage shows that its
    build used them (:func:`stored_settings`)."""
    background, semantic = stored_settings(store)
    return analyse_store_series(store, curation, background, semantic).lineage


def stored_settings(store: ox.Store) -> tuple[BackgroundConfig | None, SemanticConfig | None]:
    """The background and semantic settings the stored lineage was built with, as its
    analysis records them (``fynd:lineageOption``).

    Raises
    ------
    StoreError
        If the lineage was built with the semantic rescue and its model is not installed.
    """
    from graph.config import BACKGROUND, SEMANTIC

    options = {sol["o"].value for sol in select(
        store, f"SELECT ?o WHERE {{ GRAPH <{LINEAGE_GRAPH.value}> {{ "
        f"<{ANALYSIS.value}> fynd:lineageOption ?o }} }}")}
    background, semantic = "background" in options, "semantic" in options
    if semantic:
        from graph.analysis.semantic import available
        from graph.errors import StoreError

        if not available():
            raise StoreError("this graph's lineage was built with --semantic: install "
                             "'fynd[semantic]' to run it again (--raw)")
    return (BACKGROUND if background else None), (SEMANTIC if semantic else None)


def lineage_quads(lineage: Lineage) -> Iterator[ox.Quad]:
    """The lineage as quads in the lineage graph."""
    g = LINEAGE_GRAPH
    yield ox.Quad(ANALYSIS, RDF.type, PROV.Activity, g)
    yield ox.Quad(ANALYSIS, RDFS.label, ox.Literal("fynd lineage analysis", language="en"), g)
    for option in lineage.options:
        yield ox.Quad(ANALYSIS, FYND.lineageOption, ox.Literal(option), g)
    direct = {"persists": FYND.persistsAs, "evolves": FYND.evolvesInto,
              "drawsOn": FYND.drawsOn, "answers": FYND.answers}
    for link in [*lineage.links, *lineage.within]:
        s, t, node = (ox.NamedNode(link.source), ox.NamedNode(link.target),
                      link_iri(link.source, link.kind, link.target))
        yield ox.Quad(s, direct[link.kind], t, g)
        yield ox.Quad(node, RDF.type, FYND.Link, g)
        yield ox.Quad(node, FYND.linkSource, s, g)
        yield ox.Quad(node, FYND.linkTarget, t, g)
        yield ox.Quad(node, FYND.kind, ox.Literal(link.kind), g)
        yield ox.Quad(node, FYND.score, ox.Literal(f"{link.score:.4f}", datatype=XSD.decimal), g)
        yield ox.Quad(node, FYND.method, ox.Literal(link.method), g)
        yield ox.Quad(node, FYND.shape, ox.Literal(link.shape), g)
        for term in link.shared:
            yield ox.Quad(node, FYND.sharedTerm, ox.Literal(term), g)
        if link.note:
            yield ox.Quad(node, FYND.note, ox.Literal(link.note), g)
        for lang, text in link.translations:  # the note in other languages
            yield ox.Quad(node, SKOS.note, ox.Literal(text, language=lang), g)
        yield from _signal_quads(link, node, g)
        yield ox.Quad(node, PROV.wasDerivedFrom, s, g)
        yield ox.Quad(node, PROV.wasDerivedFrom, t, g)
        yield ox.Quad(node, PROV.wasGeneratedBy, ANALYSIS, g)
    for iri, status in lineage.status.items():
        f = ox.NamedNode(iri)
        yield ox.Quad(f, FYND.status, ox.Literal(status), g)
        yield ox.Quad(f, FYND.lastSeenIn, report_iri(lineage.last_seen[iri]), g)


def _signal_quads(link: Link, node: ox.NamedNode, g: ox.NamedNode) -> Iterator[ox.Quad]:
    """Which signal made an automatic link across reports and, for the semantic rescue,
    its dense cosine and the background it stood above."""
    if link.method != "auto" or link.kind not in ("persists", "evolves"):
        return
    yield ox.Quad(node, FYND.signal, ox.Literal(link.signal), g)
    if link.background is not None:
        why, bar, standing, dense = link.background
        yield ox.Quad(node, FYND.semanticScore,
                      ox.Literal(f"{dense:.4f}", datatype=XSD.decimal), g)
        yield ox.Quad(node, FYND.backgroundMethod,
                      ox.Literal(f"{why}; this pair stands at z {standing:.2f}"), g)
        yield ox.Quad(node, FYND.backgroundScore,
                      ox.Literal(f"{bar:.4f}", datatype=XSD.decimal), g)


def theme_quads(lineage: Lineage) -> Iterator[ox.Quad]:
    """``finding fynd:theme concept`` for every finding, by the rule the theme scheme
    carries (its trigger terms, see :func:`graph.themes.assign_themes`)."""
    from graph.analysis.themes import assign_themes, load_themes

    themes = load_themes()
    for iri, node in lineage.nodes.items():
        for concept in assign_themes(node.compared, themes):
            yield ox.Quad(ox.NamedNode(iri), FYND.theme, ox.NamedNode(concept), LINEAGE_GRAPH)


def write_lineage(store: ox.Store, lineage: Lineage | SeriesLineage) -> int:
    """Replace the lineage graph of *store* with *lineage* and the findings' themes
    (and, for a :class:`SeriesLineage`, each automatic link's background); return the
    quad count."""
    from graph.analysis.background import SeriesLineage, background_quads

    extra: list[ox.Quad] = []
    if isinstance(lineage, SeriesLineage):
        extra = list(background_quads(lineage))
        lineage = lineage.lineage
    if store.contains_named_graph(LINEAGE_GRAPH):
        store.remove_graph(LINEAGE_GRAPH)
    quads = [*lineage_quads(lineage), *theme_quads(lineage), *extra]
    store.bulk_extend(quads)
    return len(quads)


def read_themes(store: ox.Store) -> dict[str, list[str]]:
    """Finding IRI -> the IRIs of its themes, as the last build assigned them."""
    out: dict[str, list[str]] = {}
    for sol in select(store, "SELECT ?f ?t WHERE { ?f fynd:theme ?t } ORDER BY ?f ?t"):
        out.setdefault(sol["f"].value, []).append(sol["t"].value)
    return out


_LINKS = """
SELECT ?s ?t ?kind ?score ?method ?shape ?note ?signal
       (GROUP_CONCAT(?term; separator="|") AS ?terms)
WHERE {
  GRAPH ?g { ?l a fynd:Link ; fynd:linkSource ?s ; fynd:linkTarget ?t ; fynd:kind ?kind ;
               fynd:score ?score ; fynd:method ?method ; fynd:shape ?shape .
    OPTIONAL { ?l fynd:note ?note }
    OPTIONAL { ?l fynd:signal ?signal }
    OPTIONAL { ?l fynd:sharedTerm ?term } }
}
GROUP BY ?s ?t ?kind ?score ?method ?shape ?note ?signal
"""
_NOTES = """
SELECT ?s ?t ?kind ?note WHERE { GRAPH ?g { ?l a fynd:Link ; fynd:linkSource ?s ;
  fynd:linkTarget ?t ; fynd:kind ?kind ; skos:note ?note } }
"""
_STATUS = """
SELECT ?f ?status ?rid WHERE { GRAPH ?g { ?f fynd:status ?status ; fynd:lastSeenIn ?r } .
  ?r fynd:reportId ?rid }
"""


def read_lineage(store: ox.Store) -> Lineage:
    """The lineage as stored by the last build (curation applied).

    Raises
    ------
    StoreError
        If the store has no lineage graph (built before lineage existed).
    """
    from graph.analysis.lineage import families
    from graph.errors import StoreError

    if not store.contains_named_graph(LINEAGE_GRAPH):
        raise StoreError("the graph has no lineage yet: run 'fynd build' again")
    nodes = {n.iri: n for n in read_nodes(store).nodes}
    links: list[Link] = []
    within: list[Link] = []
    for sol in select(store, _LINKS.replace("?g", f"<{LINEAGE_GRAPH.value}>")):
        link = Link(sol["s"].value, sol["t"].value, sol["kind"].value,
                    float(sol["score"].value), sol["method"].value,
                    # Sorted: a store returns the terms in no set order.
                    tuple(sorted(x for x in sol["terms"].value.split("|") if x)),
                    sol["note"].value if sol["note"] is not None else "",
                    sol["shape"].value)
        if sol["signal"] is not None:
            link.signal = sol["signal"].value
        (links if link.kind in ("persists", "evolves") else within).append(link)
    notes: dict[tuple[str, str, str], list[tuple[str, str]]] = {}
    for sol in select(store, _NOTES.replace("?g", f"<{LINEAGE_GRAPH.value}>")):
        notes.setdefault((sol["s"].value, sol["t"].value, sol["kind"].value), []).append(
            (sol["note"].language or "", sol["note"].value))
    for link in [*links, *within]:
        link.translations = tuple(sorted(notes.get((link.source, link.target, link.kind), ())))
    status, last_seen = {}, {}
    for sol in select(store, _STATUS.replace("?g", f"<{LINEAGE_GRAPH.value}>")):
        status[sol["f"].value] = sol["status"].value
        last_seen[sol["f"].value] = sol["rid"].value
    links.sort(key=lambda x: (nodes[x.source].position, x.source, nodes[x.target].position,
                              x.target))
    return Lineage(nodes, links, status, last_seen, families(nodes, links), within)

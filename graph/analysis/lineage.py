"""Lineage across reports: which findings persist, evolve, are dropped or are new.

The analysis works on plain records (:class:`Node`), so it can be tested on hand-made
graphs; :mod:`graph.analysis.lineage_rdf` reads them from the store and writes the result back.

1. **Candidates** (:mod:`graph.analysis.similarity`): every pair of findings of one type in two
   different reports, earlier to later, scored by cosine similarity of sparse vectors.
2. **Choice**: a link is kept when each end is among the other's best matches in that
   report (within :attr:`~graph.config.LineageConfig.near_best` of the best score), so a later finding may draw on
   several earlier ones (a merge) and an earlier one may feed several later ones (a
   split), at most :attr:`~graph.config.LineageConfig.per_finding` per finding and report pair, but a weak second
   choice is not kept.  A later finding continues the nearest earlier report that has a
   match for it, so a link skips a report only where the chain has a gap and no link is
   implied by others (curated links are followed by a transitive reduction).
3. **Kind**: ``persists`` when the words are nearly the same (score >= :attr:`~graph.config.LineageConfig.persists`)
   and the link is the main line of its merge or split, otherwise ``evolves``.
4. **Status** of each finding relative to the last report: ``persisted``/``evolved``
   (its chain reaches the last report, all by persisting links or not), ``dropped`` (no
   chain to the last report; *last seen* says where it ended), ``new`` (in the last
   report, with no predecessor).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING

from graph.analysis.records import STATUSES, Lineage, Link, Node  # noqa: F401  (re-exported)
from graph.config import LINEAGE, LineageConfig, SemanticConfig
from graph.errors import CurationError

if TYPE_CHECKING:
    from scipy.sparse import csr_matrix


PERSISTS_KIND, EVOLVES_KIND = "persists", "evolves"
def candidate_links(nodes: Sequence[Node], floor: float = LINEAGE.floor,
                    near_best: float | None = LINEAGE.near_best, matrix: csr_matrix | None = None,
                    *, nearest_only: bool = False) -> list[Link]:
    """Score every earlier/later pair of one type, block by block (sparse products),
    keeping mutual near-best pairs only (``near_best=None`` keeps every pair >= floor).
    *matrix* is the nodes' vectors, if already made.  *nearest_only* keeps, for each
    later finding, only the candidates from the nearest earlier report that has one (the
    rule of :func:`choose_links`, applied before any :class:`Link` is made: a long
    series has a candidate in nearly every earlier report)."""
    from graph.analysis.similarity import block_candidates, vectorize

    if not nodes:
        return []
    if matrix is None:
        matrix = vectorize([n.compared for n in nodes]).matrix
    found = block_candidates(matrix, [n.position for n in nodes], floor=floor,
                             same_kind=[n.type for n in nodes], near_best=near_best,
                             per_finding=LINEAGE.per_finding if near_best is not None else None,
                             nearest_only=nearest_only)
    return [Link(nodes[c.source].iri, nodes[c.target].iri, "", round(c.score, 4))
            for c in found]


def _auto_links(nodes: Sequence[Node], matrix: csr_matrix, t: LineageConfig) -> list[Link]:
    """``choose_links(nodes, candidate_links(..., nearest_only=True))`` on arrays: the
    same links, but a :class:`Link` only for each chosen pair, not for every candidate."""
    import numpy as np

    from graph.analysis.similarity import candidate_arrays

    source, target, raw = candidate_arrays(
        matrix, [n.position for n in nodes], floor=t.floor, same_kind=[n.type for n in nodes],
        near_best=t.near_best, per_finding=t.per_finding, nearest_only=True)
    if not len(raw):
        return []
    scores = [round(v, 4) for v in raw.tolist()]  # a Link's score, as candidate_links has it
    score = np.asarray(scores)
    pos = np.asarray([n.position for n in nodes], dtype=np.int64)
    place = pos - pos.min()  # 0.. for the keys
    width = int(place.max()) + 1

    def best_of(keys: np.ndarray) -> np.ndarray:
        groups, at = np.unique(keys, return_inverse=True)
        best = np.zeros(len(groups))
        np.maximum.at(best, at, score)
        return best[at]

    kept = ((score >= t.near_best * best_of(source * width + place[target]))
            & (score >= t.near_best * best_of(target * width + place[source])))
    source, target = source[kept], target[kept]
    # Each target keeps the candidates from the nearest earlier report that has one.
    nearest = np.full(len(nodes), -1, dtype=np.int64)
    np.maximum.at(nearest, target, place[source])
    near = place[source] == nearest[target]
    return [Link(nodes[a].iri, nodes[b].iri, "", scores[k]) for a, b, k in
            zip(source[near].tolist(), target[near].tolist(),
                np.flatnonzero(kept)[near].tolist())]


def choose_links(nodes: Sequence[Node], candidates: Iterable[Link],
                 near_best: float = LINEAGE.near_best) -> list[Link]:
    """Keep mutual near-best candidates, each from the nearest earlier report that has one.

    A later finding continues what the report just before it said; it reaches further
    back only where that report has nothing for it (a gap year).  So no kept link is
    implied by a chain of others, and no transitive reduction of the whole graph is
    needed (curated links are checked afterwards, see :func:`analyse`).
    """
    pos = {n.iri: n.position for n in nodes}
    best_out: dict[tuple[str, int], float] = {}
    best_in: dict[tuple[str, int], float] = {}
    pool = list(candidates)
    for c in pool:
        k_out, k_in = (c.source, pos[c.target]), (c.target, pos[c.source])
        best_out[k_out] = max(best_out.get(k_out, 0.0), c.score)
        best_in[k_in] = max(best_in.get(k_in, 0.0), c.score)
    kept = [c for c in pool
            if c.score >= near_best * best_out[(c.source, pos[c.target])]
            and c.score >= near_best * best_in[(c.target, pos[c.source])]]
    nearest: dict[str, int] = {}
    for c in kept:
        nearest[c.target] = max(nearest.get(c.target, pos[c.source]), pos[c.source])
    return [c for c in kept if pos[c.source] == nearest[c.target]]


def classify(links: list[Link], persists: float = LINEAGE.persists) -> None:
    """Set each link's shape (one-to-one, merge, split) and kind (persists, evolves).

    A link persists when its words are nearly the same (score >= *persists*) and it is
    the main line of a merge or split: the best automatic link into its target and out
    of its source.  Every other link evolves; curated links keep the kind they were
    given.
    """
    out_deg: dict[str, int] = {}
    in_deg: dict[str, int] = {}
    best_in: dict[str, float] = {}
    best_out: dict[str, float] = {}
    for link in links:
        out_deg[link.source] = out_deg.get(link.source, 0) + 1
        in_deg[link.target] = in_deg.get(link.target, 0) + 1
        if link.method != "curated":
            best_in[link.target] = max(best_in.get(link.target, 0.0), link.score)
            best_out[link.source] = max(best_out.get(link.source, 0.0), link.score)
    for link in links:
        merge, split = in_deg[link.target] > 1, out_deg[link.source] > 1
        link.shape = ("merge-split" if merge and split else "merge" if merge
                      else "split" if split else "one-to-one")
        if link.method == "curated" and link.kind:
            continue
        main_line = (link.score >= best_in[link.target]
                     and link.score >= best_out[link.source])
        link.kind = PERSISTS_KIND if (link.score >= persists and main_line) else EVOLVES_KIND


def check_acyclic(nodes: dict[str, Node], links: Iterable[Link]) -> None:
    """Links must go forward in time; a link backwards is an error.  So the links form
    no cycle: every step of one would go to a later report, and none can come back.

    Raises
    ------
    CurationError
        Naming the offending link.
    """
    for link in links:
        s, t = nodes.get(link.source), nodes.get(link.target)
        if s is None or t is None:
            missing = link.source if s is None else link.target
            raise CurationError(f"link names an unknown finding: {missing}")
        if s.position >= t.position:
            raise CurationError(f"link {link.source} -> {link.target} does not go forward in "
                                "time (its source must be in an earlier report)")


def statuses(nodes: dict[str, Node], links: list[Link]) -> tuple[dict[str, str], dict[str, str]]:
    """Each node's status relative to the last report, and the report it was last seen in.

    Links go forward in time (:func:`check_acyclic`), so one pass from the last report
    back to the first decides every node from its successors: linear in nodes and links
    (a search of each node's descendants grew with the square of the graph once chains
    merged into large families).

    Returns
    -------
    (status, last_seen)
        Dicts keyed by IRI.

    Examples
    --------
    >>> a = Node("a", "r1", 1, 2022, "risk", "x")
    >>> b = Node("b", "r2", 2, 2023, "risk", "x")
    >>> c = Node("c", "r1", 1, 2022, "risk", "y")
    >>> statuses({n.iri: n for n in (a, b, c)}, [Link("a", "b", "persists", 0.9)])
    ({'a': 'persisted', 'b': 'persisted', 'c': 'dropped'}, {'a': 'r2', 'b': 'r2', 'c': 'r1'})
    """
    if not nodes:
        return {}, {}
    last = max(n.position for n in nodes.values())
    out: dict[str, list[Link]] = {}
    into: dict[str, set[str]] = {}
    for link in links:
        out.setdefault(link.source, []).append(link)
        into.setdefault(link.target, set()).add(link.kind)
    reaches: dict[str, bool] = {}        # some chain reaches the last report
    persists: dict[str, bool] = {}       # ... persisting at every step
    furthest: dict[str, tuple[int, str]] = {}  # (position, report) it was last seen in
    status: dict[str, str] = {}
    for iri in sorted(nodes, key=lambda x: -nodes[x].position):
        node = nodes[iri]
        seen = (node.position, node.report)
        reach = persist = node.position == last
        for link in out.get(iri, ()):
            t = link.target
            there = furthest[t]  # further: a later position, or at one, the smaller id
            if there[0] > seen[0] or (there[0] == seen[0] and there[1] < seen[1]):
                seen = there
            reach = reach or reaches[t]
            persist = persist or (link.kind == PERSISTS_KIND and persists[t])
        furthest[iri], reaches[iri], persists[iri] = seen, reach, persist
        if node.position == last:
            kinds = into.get(iri, set())
            status[iri] = ("new" if not kinds else "persisted" if PERSISTS_KIND in kinds
                           else "evolved")
        else:
            status[iri] = ("dropped" if not reach else "persisted" if persist else "evolved")
    return ({iri: status[iri] for iri in nodes}, {iri: furthest[iri][1] for iri in nodes})


def families(nodes: dict[str, Node], links: list[Link]) -> list[list[str]]:
    """Connected groups of linked findings (singletons included), oldest first.

    >>> a, b, c = (Node(x, "r", p, 2020, "risk", x) for x, p in (("a", 1), ("b", 2), ("c", 1)))
    >>> families({n.iri: n for n in (b, a, c)}, [Link("a", "b", "persists", 1.0)])
    [['a', 'b'], ['c']]
    """
    import numpy as np
    from scipy.sparse import coo_matrix
    from scipy.sparse.csgraph import connected_components

    # Nodes in (position, iri) order, so each group lists them oldest first as it is.
    order = sorted(nodes, key=lambda x: (nodes[x].position, x))
    index = {iri: i for i, iri in enumerate(order)}
    ends = np.asarray([(index[x.source], index[x.target]) for x in links],
                      dtype=np.int64).reshape(-1, 2)
    graph = coo_matrix((np.ones(len(ends)), (ends[:, 0], ends[:, 1])),
                       shape=(len(order), len(order)))
    _count, label = connected_components(graph, directed=False)
    groups: dict[int, list[str]] = {}
    for iri, component in zip(order, label.tolist()):
        groups.setdefault(component, []).append(iri)
    # A group's first member is its oldest, and groups are met in that order.
    return list(groups.values())


def _drop_implied(links: list[Link]) -> list[Link]:
    """Drop automatic links that a longer chain already implies (curation may add the
    middle step); curated links always stay."""
    import networkx as nx

    if not any(x.method == "curated" for x in links):
        return links  # choose_links keeps no implied link by itself
    g = nx.DiGraph()
    g.add_edges_from((x.source, x.target) for x in links)
    reduced = nx.transitive_reduction(g)
    return [x for x in links if x.method == "curated" or reduced.has_edge(x.source, x.target)]


def _within(links: list[Link], related: set[tuple[str, str]], by_iri: dict[str, Node]
            ) -> list[Link]:
    """The links whose (earlier, later) reports are a pair of *related*."""
    return [x for x in links if (by_iri[x.source].report, by_iri[x.target].report) in related]


def analyse(nodes: Sequence[Node], curated: Sequence[Link] = (), rejected: Iterable[
        tuple[str, str]] = (), thresholds: LineageConfig = LINEAGE,
            semantic: SemanticConfig | None = None, *, matrix: csr_matrix | None = None,
            related: set[tuple[str, str]] | None = None) -> Lineage:
    """Candidate links, choice, classification, curation, statuses and families.

    Parameters
    ----------
    nodes
        The findings to link (of every type; links stay within a type).
    curated
        Links a user added or confirmed (method ``curated``); they are kept as given.
    rejected
        ``(source, target)`` pairs a user rejected; they are removed from the result.
    thresholds
        The floor, near-best and persists numbers (default: :data:`graph.config.LINEAGE`).
    semantic
        If given, findings left without a successor may get one by the semantic rescue
        (:func:`graph.analysis.semantic.rescue`; needs the ``semantic`` extra).
    matrix
        The nodes' TF-IDF rows (:func:`graph.analysis.similarity.vectorize`), if made.
    related
        If given, the (earlier, later) report pairs an automatic link may join (those
        related above the background, :func:`graph.analysis.background.related_pairs`);
        applied before the semantic rescue too, so a finding whose lexical link it
        drops may still be rescued, within a related pair.

    Examples
    --------
    >>> a = Node("a", "r1", 1, 2022, "recommendation", "Säkra samverkan genom rutiner")
    >>> b = Node("b", "r2", 2, 2023, "recommendation", "Säkra samverkan genom rutiner")
    >>> c = Node("c", "r2", 2, 2023, "recommendation", "Helt annat om barns hälsa")
    >>> result = analyse([a, b, c])
    >>> [(l.source, l.target, l.kind) for l in result.links]
    [('a', 'b', 'persists')]
    >>> result.status
    {'a': 'persisted', 'b': 'persisted', 'c': 'new'}
    """
    from graph.analysis.siblings import sibling_bars
    from graph.analysis.similarity import shared_terms, vectorize
    from graph.analysis.within import within_report_links

    t = thresholds
    by_iri = {n.iri: n for n in nodes}
    if matrix is None and nodes:
        matrix = vectorize([n.compared for n in nodes]).matrix
    # nearest_only drops early what choose_links would drop (tests/test_lineage_scale.py).
    auto = _auto_links(nodes, matrix, t) if matrix is not None else []
    if t.sibling_quantile is not None and auto:
        bars = dict(zip((n.iri for n in nodes), sibling_bars(nodes, matrix,
                                                              t.sibling_quantile)))
        auto = [x for x in auto if x.score > max(bars[x.source], bars[x.target])]
    if related is not None:
        auto = _within(auto, related, by_iri)
    if semantic is not None and matrix is not None:
        from graph.analysis.semantic import rescue

        found = rescue(nodes, auto, matrix, semantic, t.sibling_quantile)
        auto += found if related is None else _within(found, related, by_iri)
    rejected = set(rejected)
    curated_pairs = {(c.source, c.target) for c in curated}
    links = [link for link in auto if (link.source, link.target) not in rejected
             and (link.source, link.target) not in curated_pairs]
    links.extend(curated)
    check_acyclic(by_iri, links)
    links = _drop_implied(links)
    row = {n.iri: i for i, n in enumerate(nodes)}
    for link in links:
        if link.method == "curated" and matrix is not None:
            # A curated link's score is still the measured similarity, so a reader sees
            # how far the curator went beyond what the words say.
            pair = matrix[row[link.source]].multiply(matrix[row[link.target]])
            link.score = round(float(pair.sum()), 4)
        if not link.shared:
            link.shared = tuple(shared_terms(by_iri[link.source].compared,
                                             by_iri[link.target].compared))
    classify(links, t.persists)
    links.sort(key=lambda x: (by_iri[x.source].position, x.source, by_iri[x.target].position,
                              x.target))
    status, last_seen = statuses(by_iri, links)
    return Lineage(by_iri, links, status, last_seen, families(by_iri, links),
                   within_report_links(nodes, matrix=matrix))

"""Regressions of lineage at scale: candidate scoring makes one sparse product per report,
not one per pair of reports, and finds exactly the candidates (and links) the pairwise
version found; statuses come from one pass, not a descendant search per finding, and are
the same."""

from __future__ import annotations

import random
import time

import numpy as np
import pytest

from graph.analysis.lineage import Node, analyse, candidate_links
from graph.analysis.similarity import Candidate, _top_k, block_candidates, vectorize


def pairwise_block_candidates(matrix, groups, *, floor=0.15, same_kind=None, near_best=None,
                              per_finding=None, nearest_only=False):
    """The former scoring, kept as the reference: one product per pair of groups, every
    block's candidates (*nearest_only* ignored: choose_links applies that rule)."""
    group_arr = np.asarray(groups)
    kind_arr = np.asarray(same_kind if same_kind is not None else [""] * len(group_arr))
    out = []
    for kind in sorted(set(kind_arr.tolist())):
        of_kind = kind_arr == kind
        order = sorted(set(group_arr[of_kind].tolist()))
        members = {g: np.flatnonzero(of_kind & (group_arr == g)) for g in order}
        for i, early in enumerate(order):
            rows_a = members[early]
            block_a = matrix[rows_a]
            for late in order[i + 1:]:
                rows_b = members[late]
                scores = (block_a @ matrix[rows_b].T).tocoo()
                row, col, val = scores.row, scores.col, scores.data
                keep = val >= floor
                row, col, val = row[keep], col[keep], val[keep]
                if near_best is not None and len(val):
                    row_best = np.zeros(len(rows_a))
                    col_best = np.zeros(len(rows_b))
                    np.maximum.at(row_best, row, val)
                    np.maximum.at(col_best, col, val)
                    keep = (val >= near_best * row_best[row]) & (val >= near_best * col_best[col])
                    row, col, val = row[keep], col[keep], val[keep]
                if per_finding is not None and len(val):
                    keep = _top_k(row, val, per_finding) & _top_k(col, val, per_finding)
                    row, col, val = row[keep], col[keep], val[keep]
                out.extend(Candidate(int(s), int(t), float(v))
                           for s, t, v in zip(rows_a[row], rows_b[col], val))
    return out


def random_nodes(n: int, reports: int, seed: int) -> list[Node]:
    rng = random.Random(seed)
    vocab = [f"ord{k}" for k in range(400)] + [f"samverkans{k}del" for k in range(50)]
    nodes, previous = [], []
    for r in range(reports):
        current = []
        for i in range(n // reports):
            if previous and rng.random() < 0.5:
                words = rng.choice(previous).split()
                words[rng.randrange(len(words))] = rng.choice(vocab)
            else:
                words = rng.choices(vocab, k=rng.randint(3, 9))
            current.append(" ".join(words))
            nodes.append(Node(f"r{r}/f{i}", f"r{r}", rng.choice([r, r, r + 1]) if r else r,
                              2000 + r, rng.choice(["risk", "recommendation"]), current[-1]))
        previous = current
    return nodes


def _as_set(candidates):
    return {(c.source, c.target, round(c.score, 12)) for c in candidates}


@pytest.mark.parametrize("seed", [1, 2, 3])
@pytest.mark.parametrize("options", [{}, {"near_best": 0.7, "per_finding": 3},
                                     {"near_best": 0.5}, {"per_finding": 1}])
def test_one_product_per_report_finds_the_same_candidates(seed, options):
    nodes = random_nodes(600, 12, seed)
    matrix = vectorize([n.text or n.label for n in nodes]).matrix
    args = dict(floor=0.12, same_kind=[n.type for n in nodes], **options)
    groups = [n.position for n in nodes]
    new = block_candidates(matrix, groups, **args)
    old = pairwise_block_candidates(matrix, groups, **args)
    assert len(new) == len(old) > 0
    assert _as_set(new) == _as_set(old)


def test_same_candidates_and_links_on_the_shipped_corpus(store_path):
    from graph.analysis.lineage_rdf import read_nodes
    from graph.rdf.store import open_store

    nodes = read_nodes(open_store(store_path)).nodes
    matrix = vectorize([n.compared for n in nodes]).matrix
    args = {"floor": 0.12, "same_kind": [n.type for n in nodes], "near_best": 0.7,
            "per_finding": 3}
    groups = [n.position for n in nodes]
    assert _as_set(block_candidates(matrix, groups, **args)) == \
        _as_set(pairwise_block_candidates(matrix, groups, **args))
    assert len(candidate_links(nodes)) > 0


def test_links_on_a_random_series_match_the_pairwise_scoring(monkeypatch):
    from graph.analysis import similarity

    def pairwise_arrays(matrix, groups, **args):
        found = pairwise_block_candidates(matrix, groups, **args)
        return (np.asarray([c.source for c in found], dtype=np.int64),
                np.asarray([c.target for c in found], dtype=np.int64),
                np.asarray([c.score for c in found]))

    nodes = random_nodes(800, 16, 7)
    new = analyse(nodes)
    monkeypatch.setattr(similarity, "candidate_arrays", pairwise_arrays)
    old = analyse(nodes)
    key = lambda result: sorted((x.source, x.target, x.kind, x.score) for x in result.links)
    assert key(new) == key(old) and key(new)
    assert new.status == old.status


def test_links_chosen_on_arrays_are_choose_links_of_the_candidate_links():
    """analyse chooses on arrays and makes a Link only for a chosen pair: the same links,
    scores and order as choose_links over a Link per candidate."""
    from graph.analysis.lineage import _auto_links, choose_links
    from graph.config import LINEAGE

    nodes = random_nodes(1200, 12, 3)
    matrix = vectorize([n.compared for n in nodes]).matrix
    want = choose_links(nodes, candidate_links(nodes, matrix=matrix, nearest_only=True))
    got = _auto_links(nodes, matrix, LINEAGE)
    assert [(x.source, x.target, x.score) for x in got] == \
        [(x.source, x.target, x.score) for x in want] and want


def test_scoring_does_not_grow_with_the_square_of_the_reports():
    """100 reports: the products per report are fewer than one per pair (4,950)."""
    nodes = random_nodes(2000, 100, 5)
    matrix = vectorize([n.label for n in nodes]).matrix
    groups, kinds = [n.position for n in nodes], [n.type for n in nodes]
    t = time.perf_counter()
    block_candidates(matrix, groups, floor=0.12, same_kind=kinds, near_best=0.7, per_finding=3)
    new = time.perf_counter() - t
    t = time.perf_counter()
    pairwise_block_candidates(matrix, groups, floor=0.12, same_kind=kinds, near_best=0.7,
                              per_finding=3)
    old = time.perf_counter() - t
    assert new < old / 3, (new, old)


def descendant_statuses(nodes, links):
    """The former statuses, kept as the reference: a descendant search per node."""
    import networkx as nx

    from graph.analysis.lineage import PERSISTS_KIND

    last = max(n.position for n in nodes.values())
    g = nx.DiGraph()
    g.add_nodes_from(nodes)
    for link in links:
        g.add_edge(link.source, link.target, kind=link.kind)
    status, last_seen = {}, {}
    for iri, node in nodes.items():
        later = nx.descendants(g, iri) | {iri}
        last_seen[iri] = nodes[max(later, key=lambda x: nodes[x].position)].report
        if node.position == last:
            kinds = {g.edges[p, iri]["kind"] for p in g.predecessors(iri)}
            status[iri] = ("new" if not kinds else "persisted" if PERSISTS_KIND in kinds
                           else "evolved")
            continue
        reaching = [x for x in later if nodes[x].position == last]
        if not reaching:
            status[iri] = "dropped"
            continue
        sub = g.subgraph(later)
        persisting = nx.DiGraph((u, v) for u, v, k in sub.edges(data="kind")
                                if k == PERSISTS_KIND)
        status[iri] = "persisted" if any(
            persisting.has_node(iri) and persisting.has_node(x)
            and nx.has_path(persisting, iri, x) for x in reaching) else "evolved"
    return status, last_seen


@pytest.mark.parametrize("seed", range(6))
def test_one_pass_statuses_match_the_descendant_search(seed):
    from graph.analysis.lineage import Link, statuses

    rng = random.Random(seed)
    nodes = {f"n{i}": Node(f"n{i}", f"r{p}", p, 2000 + p, "risk", "x")
             for i, p in enumerate(rng.choices(range(6), k=120))}
    by_pos = sorted(nodes.values(), key=lambda n: n.position)
    pairs = {}
    for _ in range(150):  # a random forward DAG: merges, splits, gaps, both kinds
        a, b = rng.sample(by_pos, 2)
        if a.position != b.position:
            a, b = sorted((a, b), key=lambda n: n.position)
            pairs[a.iri, b.iri] = rng.choice(["persists", "evolves"])
    links = [Link(s, t, kind, 0.5) for (s, t), kind in pairs.items()]
    assert statuses(nodes, links) == descendant_statuses(nodes, links)
    result = analyse(random_nodes(600, 8, seed))
    assert statuses(result.nodes, result.links) == descendant_statuses(result.nodes,
                                                                       result.links)


@pytest.mark.parametrize("seed", [1, 4])
def test_nearest_only_keeps_what_choose_links_keeps(seed):
    from benchmarks.synth import Writer, evolve_series, lay_out, vocabulary
    from graph.analysis.lineage import choose_links

    writer = Writer(vocabulary(8000), random.Random(seed))
    nodes = []
    for r, items in enumerate(evolve_series(30, 30, writer), 1):
        lay_out(items, f"Delrapport {r}", writer)
        nodes += [Node(f"r{r}/{k}", f"r{r}", r, 2000, i.type, i.text)
                  for k, i in enumerate(items)]
    every = candidate_links(nodes)
    nearest = candidate_links(nodes, nearest_only=True)
    assert len(nearest) < len(every)
    key = lambda links: sorted((x.source, x.target, x.score) for x in links)
    assert key(choose_links(nodes, nearest)) == key(choose_links(nodes, every))

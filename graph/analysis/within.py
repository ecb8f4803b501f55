"""Links within one report: the proposals a recommendation draws on and the risks it
answers (``fynd:drawsOn``, ``fynd:answers``), by the same similarity as lineage."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from graph.analysis.records import Link, Node
from graph.config import LINEAGE

if TYPE_CHECKING:
    from scipy.sparse import csr_matrix


#: Within one report: what a recommendation draws on (proposals) and answers (risks).
WITHIN = {"proposal": "drawsOn", "risk": "answers"}


def within_report_links(nodes: Sequence[Node], floor: float = LINEAGE.within_floor,
                        near_best: float = LINEAGE.near_best, matrix: csr_matrix | None = None
                        ) -> list[Link]:
    """Link each recommendation to the proposals it draws on and the risks it answers,
    within its own report: near-best matches above *floor*, block by block.

    >>> r = Node("r", "d1", 1, 2022, "recommendation", "Minska omsättningen av personal")
    >>> k = Node("k", "d1", 1, 2022, "risk", "Omsättning av personal")
    >>> [(l.source, l.kind, l.target) for l in within_report_links([r, k])]
    [('r', 'answers', 'k')]
    """
    from graph.analysis.similarity import shared_terms, vectorize

    if not nodes:
        return []
    if matrix is None:
        matrix = vectorize([n.compared for n in nodes]).matrix
    out: list[Link] = []
    rows: dict[tuple[str, str], list[int]] = {}
    for i, n in enumerate(nodes):  # one pass, not one per report
        rows.setdefault((n.report, n.type), []).append(i)
    for report in sorted({n.report for n in nodes}):
        recs = rows.get((report, "recommendation"), [])
        for kind, prop in WITHIN.items():
            others = rows.get((report, kind), [])
            if not recs or not others:
                continue
            scores = (matrix[recs] @ matrix[others].T).toarray()
            for r, row in zip(recs, scores):
                best = float(row.max())
                if best < floor:
                    continue
                for o, score in zip(others, row):
                    if score >= floor and score >= near_best * best:
                        a, b = nodes[r], nodes[o]
                        out.append(Link(a.iri, b.iri, prop, round(float(score), 4),
                                        shared=tuple(shared_terms(b.compared, a.compared)),
                                        shape="within"))
    return out

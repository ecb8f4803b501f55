"""The sibling bar: what a finding shares with the other findings of its type in its own
report, a bar a link across reports must clear (:func:`graph.analysis.lineage.analyse`,
:func:`graph.analysis.semantic.rescue`)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any

from graph.analysis.records import Node

if TYPE_CHECKING:
    import numpy as np
    from scipy.sparse import csr_matrix


def sibling_bars(nodes: Sequence[Node], matrix: csr_matrix, quantile: float, *,
                 sample: int = 1000, seed: int = 0) -> list[float]:
    """Per finding, the *quantile* of its scores against the other findings of its type
    in its own report (0 when it has none); in a report with more than *sample* of them,
    against a seeded draw of *sample* (memory and time then grow with the report, not
    with its square).

    Findings of one report share its formula and subject: the addressee of every
    recommendation ("the Director of OMB should ensure ..."), the report's own terms.
    Two findings of *different* reports that share no more than that are not one
    finding carried over, so an automatic link must score above the bar of both its ends.
    Measured in the series itself, so it adapts to a corpus as a fixed floor cannot.

    >>> from graph.analysis.similarity import vectorize
    >>> ns = [Node("a", "r1", 1, 2022, "risk", "OMB bör säkra data"),
    ...       Node("b", "r1", 1, 2022, "risk", "OMB bör säkra rutiner"),
    ...       Node("c", "r2", 2, 2023, "risk", "OMB bör ändra lagen")]
    >>> [round(x, 2) for x in sibling_bars(ns, vectorize([n.compared for n in ns]).matrix, 0.9)]
    [0.56, 0.56, 0.0]
    """
    import numpy as np

    rows: dict[tuple[str, str], list[int]] = {}
    for i, n in enumerate(nodes):
        rows.setdefault((n.report, n.type), []).append(i)
    rng = np.random.default_rng(seed)
    bars = [0.0] * len(nodes)
    for group in rows.values():
        if len(group) < 2:
            continue
        members = np.asarray(group)
        others = None if len(members) <= sample else np.sort(
            rng.choice(members, size=sample, replace=False))
        found = sibling_quantiles(members, lambda a, b: (matrix[a] @ matrix[b].T).toarray(),
                                  quantile, others)
        for i, bar in zip(group, found.tolist()):
            bars[i] = bar
    return bars


def sibling_quantiles(members: np.ndarray, block: Callable[[np.ndarray, np.ndarray], Any],
                      quantile: float, others: np.ndarray | None = None) -> np.ndarray:
    """The *quantile* of each member's scores (``block(rows, columns)``, a dense array)
    against *others* (default: the members), never against itself; rows 2,000 at a time.

    >>> import numpy as np
    >>> m = np.array([[1.0, 0.2, 0.4], [0.2, 1.0, 0.6], [0.4, 0.6, 1.0]])
    >>> sibling_quantiles(np.arange(3), lambda a, b: m[np.ix_(a, b)], 1.0).tolist()
    [0.4, 0.6, 0.6]
    """
    import numpy as np

    others = members if others is None else others
    out = np.empty(len(members))
    for at in range(0, len(members), 2000):
        part = members[at:at + 2000]
        scores = np.array(block(part, others), dtype=float)
        scores[part[:, None] == others[None, :]] = np.nan  # not against itself
        out[at:at + 2000] = np.nanquantile(scores, quantile, axis=1)
    return out

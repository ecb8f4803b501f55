"""The plain records lineage works on: findings as nodes, links, and the result."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import networkx as nx

STATUSES = ("persisted", "evolved", "dropped", "new")


@dataclass(frozen=True)
class Node:
    """A finding as lineage sees it.

    ``position`` is the report's place in the series (the order links follow) and
    ``text`` what similarity compares (its label and other evidence).
    """

    iri: str
    report: str
    position: int
    year: int
    type: str
    label: str
    text: str = ""
    document: str = ""

    @property
    def compared(self) -> str:
        return self.text or self.label


@dataclass
class Link:
    """A link from an earlier finding to a later one, with why it was made."""

    source: str
    target: str
    kind: str
    score: float
    method: str = "auto"
    shared: tuple[str, ...] = ()
    note: str = ""
    shape: str = "one-to-one"   # or merge / split / merge-split
    #: The curator's note in other languages: ``(language, text)`` pairs.
    translations: tuple[tuple[str, str], ...] = ()
    #: What made an automatic link: the words it shares ("lexical") or the semantic
    #: rescue ("semantic", :mod:`graph.analysis.semantic`).
    signal: str = "lexical"
    #: For a semantic link: (how its background was measured, the bar, the pair's
    #: standing above the background, its dense cosine); see :mod:`graph.analysis.semantic`.
    background: tuple[str, float, float, float] | None = None

    def note_in(self, lang: str) -> str:
        """The note in *lang* if the curator gave one, else the note as written."""
        return dict(self.translations).get(lang, self.note)


@dataclass
class Lineage:
    """The result: links, each node's status (and last report seen), and families."""

    nodes: dict[str, Node]
    links: list[Link]
    status: dict[str, str] = field(default_factory=dict)
    last_seen: dict[str, str] = field(default_factory=dict)
    families: list[list[str]] = field(default_factory=list)
    within: list[Link] = field(default_factory=list)
    #: The optional signals the analysis ran with ("background", "semantic"), stored on
    #: the analysis so that a later ``--raw`` re-run uses them even where curation
    #: replaced every link they made.
    options: tuple[str, ...] = ()

    def graph(self) -> nx.DiGraph:
        """The links as a networkx DiGraph (nodes carry their Node, edges their Link)."""
        import networkx as nx

        g = nx.DiGraph()
        for iri, node in self.nodes.items():
            g.add_node(iri, node=node)
        for link in self.links:
            g.add_edge(link.source, link.target, link=link)
        return g

    def chains(self, family: Sequence[str]) -> list[list[str]]:
        """Every path from a root to a leaf of one family, in time order."""
        return list(self.iter_chains(family))

    def iter_chains(self, family: Sequence[str]) -> Iterator[list[str]]:
        """The paths of :meth:`chains`, one at a time: roots in sorted order, and for each
        its leaves in sorted order.

        One walk from each root reaches all its leaves (a search per pair of root and
        leaf grew with the square of a large family: ``fynd trends`` at 10,000 findings
        spent 20 s there), and a caller that wants the first chain of some kind stops
        there.

        >>> a, b, c = (Node(x, "r", p, 2020, "risk", x) for x, p in (("a", 1), ("b", 2), ("c", 2)))
        >>> lineage = Lineage({n.iri: n for n in (a, b, c)},
        ...                   [Link("a", "c", "evolves", 0.5), Link("a", "b", "persists", 0.9)])
        >>> lineage.chains(["a", "b", "c"])
        [['a', 'b'], ['a', 'c']]
        """
        inside = set(family)
        succ: dict[str, dict[str, None]] = {}  # successors in the order of the links
        for link in self.links:
            if link.source in inside and link.target in inside:
                succ.setdefault(link.source, {})[link.target] = None
        targets = {t for after in succ.values() for t in after}
        present = {x for x in inside if x in self.nodes or x in succ or x in targets}
        leaves = {x for x in present if x not in succ}
        for root in sorted(x for x in present if x not in targets):
            if root in leaves:
                yield [root]
                continue
            found: dict[str, list[list[str]]] = {}
            path, stack = [root], [iter(succ[root])]
            while stack:
                step = next(stack[-1], None)
                if step is None:
                    stack.pop()
                    path.pop()
                elif step in leaves:
                    found.setdefault(step, []).append([*path, step])
                else:
                    path.append(step)
                    stack.append(iter(succ[step]))
            for leaf in sorted(found):
                yield from found[leaf]

"""The plain records lineage works on: findings as nodes, links, and the result."""

from __future__ import annotations

from collections.abc import Sequence
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
        import networkx as nx

        g = self.graph().subgraph(family)
        roots = [n for n in g if g.in_degree(n) == 0]
        leaves = [n for n in g if g.out_degree(n) == 0]
        paths: list[list[str]] = []
        for root in sorted(roots):
            if root in leaves:
                paths.append([root])
                continue
            for leaf in sorted(leaves):
                paths.extend(nx.all_simple_paths(g, root, leaf))
        return paths

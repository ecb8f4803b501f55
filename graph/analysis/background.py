"""Series and background: lineage within each programme, above what chance reaches.

Two things a fixed floor in cosine units cannot know are measured per corpus here:

* **Series.** The catalog may say which reports form one series (``programme`` on a
  ``[[report]]``); lineage is sought within each series only, so reports of different
  programmes never link.  Without ``programme`` all reports are one series, as before.
* **Background (a null model).** What similarity do *unrelated* findings of this series
  reach?  For every finding and every later report, its best score against the findings
  of that report that are of a *different type* (a recommendation against risks,
  proposals, success factors) is one draw of "the best match chance and a shared
  subject give"; a link chosen by best match is compared with the same kind of maximum.
  The background is a high quantile (:attr:`BackgroundConfig.quantile`) of those
  draws, and a link is kept only when it scores above it (and above the fixed floor).
  When the series has too few such draws the fixed floor alone applies.

The background is recorded on each automatic link (``fynd:backgroundMethod``,
``fynd:backgroundScore``), so a reader sees what the score was measured against.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from graph.analysis.lineage import Lineage, Link, Node, analyse
from graph.config import BACKGROUND, LINEAGE, BackgroundConfig, LineageConfig, SemanticConfig
from graph.errors import CurationError

if TYPE_CHECKING:
    import pyoxigraph as ox
    from scipy.sparse import csr_matrix




@dataclass(frozen=True)
class Background:
    """What unrelated findings of one series reach: how measured, and the draws."""

    method: str
    draws: tuple[float, ...] = field(default=(), repr=False)


@dataclass
class SeriesLineage:
    """Lineage of every series, merged, with each series' background."""

    lineage: Lineage
    #: Report id -> its series ("" = the catalog's one series).
    series_of: dict[str, str] = field(default_factory=dict)
    backgrounds: dict[str, Background] = field(default_factory=dict)
    #: (earlier report, later report) -> the bar its best match cleared.
    bars: dict[tuple[str, str], float] = field(default_factory=dict)

    def background_of(self, link: Link) -> tuple[str, float] | None:
        """How an automatic link's background was measured and the bar its pair of
        reports cleared (None for a curated link or without a background)."""
        source, target = self.lineage.nodes[link.source], self.lineage.nodes[link.target]
        bar = self.bars.get((source.report, target.report))
        if link.method != "auto" or bar is None or link.background is not None:
            return None
        return self.backgrounds[self.series_of.get(source.report, "")].method, bar


def derived_best(nodes: Sequence[Node], *, rounds: int = 3, seed: int = 0,
                 max_findings: int = 2000, min_draws: int = 0) -> list[float]:
    """For each finding, its best score against a report's worth of *derived* findings
    of its type: texts of the real lengths made of words drawn at random from the
    findings of that type in the *other* reports of the series.

    They keep the series' wording (the register of a type, its common words) but no
    subject a finding could share with another by more than chance.  *rounds* draws per
    finding (more if needed to reach *min_draws* in all, so the tail is measured), at
    most *max_findings* findings, seeded, so a build is reproducible.

    >>> ns = [Node("a", "r1", 1, 2022, "recommendation", "barns hälsa i skolan"),
    ...       Node("b", "r2", 2, 2023, "recommendation", "vägar och broar byggs")]
    >>> len(derived_best(ns))
    6
    """
    import numpy as np

    from graph.analysis.similarity import vectorize
    from graph.lang.words import words

    rng = np.random.default_rng(seed)
    texts = [n.compared for n in nodes]
    rounds = max(rounds, -(-min_draws // max(1, min(len(nodes), max_findings))))
    sampled = set(range(len(nodes)))
    if len(nodes) > max_findings:
        sampled = set(rng.choice(len(nodes), size=max_findings, replace=False).tolist())
    real: list[int] = []
    derived: list[list[str]] = []   # per real finding: its derived block's texts
    for kind in sorted({n.type for n in nodes}):
        of_kind = [i for i, n in enumerate(nodes) if n.type == kind]
        per_report: dict[str, list[int]] = {}
        for i in of_kind:
            per_report.setdefault(nodes[i].report, []).append(i)
        block = max(1, int(np.median([len(v) for v in per_report.values()])))
        for report, members in per_report.items():
            members = [i for i in members if i in sampled]
            others = [i for i in of_kind if nodes[i].report != report]
            pool = [w for i in others for w in words(texts[i])]
            lengths = [len(words(texts[i])) for i in others]
            if not pool:
                continue
            for i in members:
                for _ in range(rounds):
                    real.append(i)
                    derived.append([" ".join(rng.choice(pool, size=max(1, int(length))))
                                    for length in rng.choice(lengths, size=block)])
    if not real:
        return []
    flat = [t for block_texts in derived for t in block_texts]
    matrix = vectorize(texts + flat).matrix
    sizes = np.asarray([len(b) for b in derived])
    owner = np.repeat(np.asarray(real), sizes)    # the real finding each derived one meets
    scores = np.asarray(matrix[owner].multiply(matrix[len(texts):]).sum(axis=1)).ravel()
    starts = np.r_[0, np.cumsum(sizes)[:-1]]
    return [float(x) for x in np.maximum.reduceat(scores, starts)]


def best_per_report(nodes: Sequence[Node], matrix: csr_matrix
                    ) -> dict[tuple[str, str], list[float]]:
    """``(earlier report, later report)`` -> the best score of each earlier finding
    against the later report's findings of its type (0 when it has none of them).

    >>> from graph.analysis.similarity import vectorize
    >>> ns = [Node("a", "r1", 1, 2022, "risk", "barns hälsa"),
    ...       Node("b", "r2", 2, 2023, "risk", "barns hälsa i skolan")]
    >>> {k: [round(x, 2) for x in v] for k, v in best_per_report(
    ...     ns, vectorize([n.compared for n in ns]).matrix).items()}
    {('r1', 'r2'): [0.71]}
    """
    import numpy as np

    reports = sorted({(n.position, n.report) for n in nodes})
    out: dict[tuple[str, str], list[float]] = {}
    for i, (_pos_a, a) in enumerate(reports):
        for _pos_b, b in reports[i + 1:]:
            draws: list[float] = []
            for kind in sorted({n.type for n in nodes}):
                rows = [k for k, n in enumerate(nodes) if n.report == a and n.type == kind]
                cols = [k for k, n in enumerate(nodes) if n.report == b and n.type == kind]
                if not rows:
                    continue
                if not cols:
                    draws.extend([0.0] * len(rows))
                    continue
                scores = (matrix[rows] @ matrix[cols].T).toarray()
                draws.extend(float(x) for x in np.asarray(scores).max(axis=1))
            out[(a, b)] = draws
    return out


def related_pairs(nodes: Sequence[Node], matrix: csr_matrix, draws: Sequence[float],
                  config: BackgroundConfig = BACKGROUND) -> dict[tuple[str, str], float]:
    """The report pairs related above the background, each with the bar it cleared.

    A pair of reports is related when the best of its findings' best matches exceeds
    what chance gives as the best of as many: the ``(1 - a) ** (1 / n)`` quantile of
    the derived *draws* (*n* = the earlier report's findings, ``a`` = ``alpha`` shared
    among the series' report pairs), so that in a series of unrelated reports some
    pair passes with probability about ``alpha``.
    """
    import numpy as np

    pooled = np.asarray(draws)
    pairs = {pair: best for pair, best in best_per_report(nodes, matrix).items() if best}
    alpha = config.alpha / max(1, len(pairs))   # family-wise over the series' pairs
    out: dict[tuple[str, str], float] = {}
    for pair, best in pairs.items():
        bar = float(np.quantile(pooled, (1 - alpha) ** (1 / len(best))))
        if max(best) > bar:
            out[pair] = round(bar, 4)
    return out


def measure_background(nodes: Sequence[Node], config: BackgroundConfig = BACKGROUND
                       ) -> Background:
    """The background of one series: its derived best matches (:func:`derived_best`).

    >>> measure_background([]).method
    'none'
    """
    draws = derived_best(nodes, rounds=config.rounds, seed=config.seed,
                         max_findings=config.max_findings, min_draws=config.tail_draws)
    if len(draws) < config.min_draws:
        return Background("none", ())
    return Background(f"derived best match, family-wise alpha {config.alpha:g}", tuple(draws))


def _split_curated(curated: Sequence[Link], series_of_node: dict[str, str]
                   ) -> dict[str, list[Link]]:
    out: dict[str, list[Link]] = {}
    for link in curated:
        a, b = series_of_node.get(link.source), series_of_node.get(link.target)
        if a is None or b is None:
            missing = link.source if a is None else link.target
            raise CurationError(f"link names an unknown finding: {missing}")
        if a != b:
            raise CurationError(f"link {link.source} -> {link.target} joins two programmes "
                                f"({a or 'none'!s} and {b or 'none'!s}); lineage stays within "
                                "one series")
        out.setdefault(a, []).append(link)
    return out


def analyse_series(nodes: Sequence[Node], series_of: dict[str, str] | None = None,
                   curated: Sequence[Link] = (), rejected: Iterable[tuple[str, str]] = (),
                   thresholds: LineageConfig = LINEAGE,
                   background: BackgroundConfig | None = None,
                   semantic: SemanticConfig | None = None) -> SeriesLineage:
    """Lineage of each series separately, each above its own background, merged.

    Parameters
    ----------
    nodes
        The findings of every series.
    series_of
        Report id -> series; reports not named are in the series ``""``.
    curated, rejected, thresholds
        As for :func:`graph.analysis.lineage.analyse`; a curated link must stay
        within one series.
    background
        How to measure the background; ``None`` (the default) = the fixed floor alone.
        The background is opt-in (``fynd build --background``): on the shipped corpus it
        costs about 3 s of a build and drops one judged link of a real series (README).
    semantic
        If given, the semantic rescue within each series
        (:func:`graph.analysis.semantic.rescue`).

    Raises
    ------
    CurationError
        If a curated link joins two series or names an unknown finding.

    Examples
    --------
    >>> a = Node("a", "r1", 1, 2022, "recommendation", "Säkra samverkan genom rutiner")
    >>> b = Node("b", "r2", 2, 2023, "recommendation", "Säkra samverkan genom rutiner")
    >>> result = analyse_series([a, b], {"r1": "A", "r2": "B"})
    >>> result.lineage.links, result.lineage.status
    ([], {'a': 'new', 'b': 'new'})
    >>> [(l.source, l.target) for l in analyse_series([a, b]).lineage.links]
    [('a', 'b')]
    """
    from graph.analysis.lineage import families
    from graph.analysis.similarity import vectorize

    series_of = dict(series_of or {})
    groups: dict[str, list[Node]] = {}
    for node in nodes:
        groups.setdefault(series_of.get(node.report, ""), []).append(node)
    for node in nodes:
        series_of.setdefault(node.report, "")
    by_node = {n.iri: series_of[n.report] for n in nodes}
    curated_by = _split_curated(curated, by_node)
    rejected = set(rejected)
    merged = Lineage({}, [])
    backgrounds: dict[str, Background] = {}
    bars: dict[tuple[str, str], float] = {}
    for name in sorted(groups):
        members = groups[name]
        matrix = vectorize([n.compared for n in members]).matrix
        related: set[tuple[str, str]] | None = None
        if background is not None:
            bg = backgrounds[name] = measure_background(members, background)
            if bg.draws:
                cleared = related_pairs(members, matrix, bg.draws, background)
                bars.update(cleared)
                related = set(cleared)
        part = analyse(members, curated_by.get(name, []), rejected, thresholds, semantic,
                       matrix=matrix, related=related)
        merged.nodes.update(part.nodes)
        merged.links.extend(part.links)
        merged.status.update(part.status)
        merged.last_seen.update(part.last_seen)
        merged.within.extend(part.within)
    order = {n.iri: i for i, n in enumerate(nodes)}
    merged.nodes = {n.iri: merged.nodes[n.iri] for n in nodes}
    merged.links.sort(key=lambda x: (merged.nodes[x.source].position, x.source,
                                     merged.nodes[x.target].position, x.target))
    merged.status = dict(sorted(merged.status.items(), key=lambda kv: order[kv[0]]))
    merged.families = families(merged.nodes, merged.links)
    merged.options = tuple(name for name, on in (("background", background is not None),
                                                 ("semantic", semantic is not None)) if on)
    return SeriesLineage(merged, series_of, backgrounds, bars)


def one_series(lineage: Lineage, programmes: dict[str, str], name: str | None = None
               ) -> tuple[Lineage, str]:
    """The part of *lineage* that is the series *name*, and its name.

    *programmes* maps report id -> programme (reports not in it are in the series
    ``""``).  Without *name* the graph must hold one series only.

    Raises
    ------
    InputError
        If *name* is no series of the graph, or none is given and there are several.

    Examples
    --------
    >>> a = Node("a", "r1", 1, 2022, "recommendation", "Säkra samverkan")
    >>> b = Node("b", "r2", 2, 2023, "recommendation", "Vägar och broar")
    >>> part, name = one_series(Lineage({"a": a, "b": b}, []), {"r2": "roads"}, "roads")
    >>> list(part.nodes), name
    (['b'], 'roads')
    """
    from graph.analysis.lineage import families
    from graph.errors import InputError

    names = sorted({programmes.get(n.report, "") for n in lineage.nodes.values()})
    if name is None:
        if len(names) > 1:
            raise InputError(f"the graph holds {len(names)} series ("
                             + ", ".join(x or "(none)" for x in names)
                             + "): choose one with --programme")
        name = names[0] if names else ""
    elif name not in names:
        raise InputError(f"no series {name!r} in the graph; it has "
                         + ", ".join(x or "(none)" for x in names))
    nodes = {i: n for i, n in lineage.nodes.items() if programmes.get(n.report, "") == name}
    links = [x for x in lineage.links if x.source in nodes]
    return Lineage(nodes, links, {i: s for i, s in lineage.status.items() if i in nodes},
                   {i: s for i, s in lineage.last_seen.items() if i in nodes},
                   families(nodes, links), [x for x in lineage.within if x.source in nodes]
                   ), name


def background_quads(result: SeriesLineage) -> Iterator[ox.Quad]:
    """``fynd:backgroundMethod`` and ``fynd:backgroundScore`` on each automatic link."""
    import pyoxigraph as ox

    from graph.rdf.vocab import FYND, LINEAGE_GRAPH, XSD, link_iri

    for link in result.lineage.links:
        found = result.background_of(link)
        if found is None:
            continue
        method, bar = found
        node = link_iri(link.source, link.kind, link.target)
        yield ox.Quad(node, FYND.backgroundMethod, ox.Literal(method), LINEAGE_GRAPH)
        yield ox.Quad(node, FYND.backgroundScore,
                      ox.Literal(f"{bar:.4f}", datatype=XSD.decimal), LINEAGE_GRAPH)

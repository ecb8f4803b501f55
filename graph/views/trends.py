"""The trend report: how the findings of one type fared from report to report.

:func:`trend_report` gathers what people read: each family of linked findings as a
timeline (each finding with its own place in the chain, the family's status once),
what was dropped and when, what is new in each report (no predecessor), counts per type
and theme for each report, and the families that persisted through every report.
:mod:`graph.views.trend_render` writes it; :mod:`graph.views.lineage_view` does one
finding.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from graph.analysis.lineage import Lineage, Link, statuses
from graph.errors import InputError

if TYPE_CHECKING:
    from graph.analysis.themes import Theme


@dataclass
class Entry:
    """One finding in a timeline, with the link it arrived by (if any).

    ``status`` is relative to the last report of the range; ``family`` numbers the
    report's families from 1.
    """

    iri: str
    year: int
    report: str
    type: str
    label: str
    status: str
    themes: list[str] = field(default_factory=list)
    kind: str = ""
    score: float | None = None
    method: str = ""
    family: int = 0
    #: Where the chain goes next: ``(kind, report)`` of each link to a later finding
    #: shown in the report; empty where the chain ends.
    onward: list[tuple[str, str]] = field(default_factory=list)
    #: In the last report of the range.
    last: bool = False


@dataclass
class Dropped:
    """A dropped finding and the report (and its year) where its chain was last seen."""

    entry: Entry
    report: str
    year: int


@dataclass
class TrendReport:
    """Everything :func:`render_trends` writes.

    ``families`` are timelines (oldest first) and ``family_status`` each family's status
    as ``(status, report last seen, its year)``; ``through`` holds, for each family that
    persisted through every report of the range, one chain that did.  ``counts`` and
    ``theme_counts`` count per report id (``reports`` gives each its year, in series
    order).
    """

    type: str
    years: tuple[int, int]
    families: list[list[Entry]]
    dropped: list[Dropped]
    new: dict[str, list[Entry]]
    through: list[list[Entry]]
    counts: dict[str, dict[str, int]]
    theme_counts: dict[str, dict[str, int]]
    links: list[Link]
    findings: list[Entry]
    theme_labels: dict[str, str]
    reports: list[tuple[str, int]] = field(default_factory=list)
    family_status: list[tuple[str, str, int]] = field(default_factory=list)
    #: The series (programme) the report covers; "" = the catalog's one series.
    series: str = ""


def resolve_theme(wanted: str, scheme: list[Theme], used: set[str] | None = None) -> str:
    """The IRI of a theme given by its IRI, its local name or a label in sv or en
    (case-insensitive).

    Raises
    ------
    InputError
        If no theme of the scheme (or IRI in *used*) matches.

    Examples
    --------
    >>> from graph.analysis.themes import load_themes
    >>> resolve_theme("Barn och familjer", load_themes())
    'https://w3id.org/fynd/themes#children'
    """
    w = wanted.strip().lower()
    for t in scheme:
        if w in {t.iri.lower(), t.name.lower(), *(v.lower() for v in t.labels.values())}:
            return t.iri
    for iri in used or ():
        if iri.lower() == w:
            return iri
    names = ", ".join(t.name for t in scheme)
    raise InputError(f"unknown theme {wanted!r}; choose one of {names} (or a label or IRI)")


def trend_report(lineage: Lineage, *, year_from: int | None = None, year_to: int | None = None,
                 type: str | None = None, theme: str | None = None,
                 themes: dict[str, list[str]] | None = None, lang: str = "en",
                 series: str = "") -> TrendReport:
    """Gather the trend report of findings of one *type* (default recommendations).

    Statuses are relative to the last report of the range: with the whole series they
    are the lineage's own; with ``year_to`` before the last report, a finding whose chain
    reaches the range's last report is persisted or evolved there, even if it was dropped
    later.  *New* findings have no predecessor at all and are not in the first report of
    the series; a family *persisted through every report* when one of its chains has a
    finding in every report of the range that has findings of the type.

    Parameters
    ----------
    lineage
        The analysis (as stored, or recomputed with ``--raw``).
    year_from, year_to
        Keep findings of reports issued in these years (inclusive).
    type
        ``success-factor``, ``risk``, ``proposal`` or ``recommendation``.
    theme
        Keep families with a finding of this theme (its IRI, local name or a label in sv
        or en, case-insensitive).
    themes
        Finding IRI -> theme IRIs (see :func:`graph.lineage_rdf.read_themes`).
    lang
        Language of the theme labels (``sv`` or ``en``).
    series
        The programme *lineage* covers (see :func:`graph.analysis.background.one_series`),
        named in the report's title.

    Returns
    -------
    TrendReport

    Raises
    ------
    InputError
        If ``year_from`` is after ``year_to``, or *theme* names no theme.

    Examples
    --------
    >>> from graph.analysis.lineage import Node, analyse
    >>> a = Node("a", "r1", 1, 2022, "recommendation", "Säkra samverkan genom rutiner")
    >>> b = Node("b", "r2", 2, 2025, "recommendation", "Säkra samverkan genom rutiner")
    >>> c = Node("c", "r1", 1, 2022, "recommendation", "Familjecentral för alla barn")
    >>> report = trend_report(analyse([a, b, c]))
    >>> [[e.iri for e in f] for f in report.families]
    [['a', 'b'], ['c']]
    >>> [(d.entry.iri, d.report, d.year) for d in report.dropped]
    [('c', 'r1', 2022)]
    >>> [[e.iri for e in chain] for chain in report.through]
    [['a', 'b']]
    """
    from graph.analysis.themes import load_themes

    kind = type or "recommendation"
    themes = themes or {}
    scheme = load_themes()
    theme_labels = {t.iri: t.label(lang) for t in scheme}
    years = [n.year for n in lineage.nodes.values()] or [0]
    lo = year_from if year_from is not None else min(years)
    hi = year_to if year_to is not None else max(years)
    if lo > hi:
        raise InputError(f"--from {lo} is after --to {hi}")
    wanted = (resolve_theme(theme, scheme, {t for ts in themes.values() for t in ts})
              if theme else None)

    nodes = lineage.nodes
    in_range = {iri: n for iri, n in nodes.items() if lo <= n.year <= hi}
    if len(in_range) == len(nodes):
        status, last_seen = lineage.status, lineage.last_seen
    else:
        status, last_seen = statuses(in_range, [x for x in lineage.links
                                                if x.source in in_range and x.target in in_range])
    incoming: dict[str, Link] = {}
    for link in sorted(lineage.links, key=lambda x: -x.score):
        incoming.setdefault(link.target, link)

    def entry(iri: str) -> Entry:
        n, link = nodes[iri], incoming.get(iri)
        return Entry(iri, n.year, n.report, n.type, n.label, status.get(iri, ""),
                     list(themes.get(iri, [])), link.kind if link else "",
                     link.score if link else None, link.method if link else "")

    families: list[list[Entry]] = []
    for family in lineage.families:
        members = [entry(i) for i in family if i in in_range and nodes[i].type == kind]
        if not members or (wanted and not any(wanted in e.themes for e in members)):
            continue
        for e in members:
            e.family = len(families) + 1
        families.append(members)
    findings = [e for f in families for e in f]
    shown = {e.iri: e for e in findings}

    report_year = {n.report: n.year for n in nodes.values()}
    dropped = [Dropped(e, last_seen.get(e.iri, e.report),
                       report_year.get(last_seen.get(e.iri, e.report), e.year))
               for e in findings if e.status == "dropped"]
    first = min((n.position for n in nodes.values()), default=0)
    targets = {x.target for x in lineage.links}
    new: dict[str, list[Entry]] = {}
    for e in sorted(findings, key=lambda e: (nodes[e.iri].position, e.family)):
        if nodes[e.iri].position != first and e.iri not in targets:
            new.setdefault(e.report, []).append(e)

    positions = {n.position for n in in_range.values() if n.type == kind}
    through: list[list[Entry]] = []
    for members in families:
        if len(positions) < 2 or not {nodes[e.iri].position for e in members} >= positions:
            continue
        chain = next((c for c in lineage.iter_chains([e.iri for e in members])
                      if {nodes[i].position for i in c} >= positions), None)
        if chain:
            through.append([shown[i] for i in chain])

    last_position = max((n.position for n in in_range.values()), default=0)
    for link in links_between(lineage.links, shown):
        shown[link.source].onward.append((link.kind, nodes[link.target].report))
    for e in findings:
        e.last = nodes[e.iri].position == last_position
    family_status = [_family_status(members, last_seen, report_year) for members in families]

    counts: dict[str, dict[str, int]] = {}
    theme_counts: dict[str, dict[str, int]] = {}
    for iri, n in in_range.items():
        counts.setdefault(n.type, {}).setdefault(n.report, 0)
        counts[n.type][n.report] += 1
        if n.type == kind:
            for t in themes.get(iri, []):
                theme_counts.setdefault(t, {}).setdefault(n.report, 0)
                theme_counts[t][n.report] += 1
    links = links_between(lineage.links, shown)
    reports = sorted({(n.position, n.report, n.year) for n in in_range.values()})
    return TrendReport(kind, (lo, hi), families, dropped, new, through, counts, theme_counts,
                       links, findings, theme_labels, [(r, y) for _, r, y in reports],
                       family_status, series)


def links_between(links: list[Link], shown: dict[str, Entry]) -> list[Link]:
    """The links whose both ends are shown, in the lineage's order."""
    return [x for x in links if x.source in shown and x.target in shown]


def _family_status(members: list[Entry], last_seen: dict[str, str],
                   report_year: dict[str, int]) -> tuple[str, str, int]:
    """A family's status: ``dropped`` when no member reaches the last report (with where
    it was last seen), ``new`` when it is only a new finding, else ``persisted`` when
    every chain to the last report persists and ``evolved`` otherwise."""
    kept = {e.status for e in members} - {"dropped", "new"}
    if kept:
        status = "persisted" if kept == {"persisted"} else "evolved"
    elif any(e.status == "new" for e in members):
        status = "new"
    else:
        status = "dropped"
    seen = max(members, key=lambda e: (e.year, e.report))
    report = last_seen.get(seen.iri, seen.report)
    return status, report, report_year.get(report, seen.year)

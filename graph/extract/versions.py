"""Short versions and their full report: which short finding restates which."""

from __future__ import annotations

from graph.config import EXTRACTION
from graph.findings import Finding, FindingType, Span  # noqa: F401 - Span, FindingType: doctest
from graph.lang.words import overlap


def link_restatements(short: list[Finding], full: list[Finding]) -> int:
    """Set ``restates`` on the findings of a short version that restate the full report.

    Pairs are matched one to one, best first, within a type; a short finding is compared
    with every evidence quote of a full finding.

    Returns
    -------
    int
        How many short findings were linked.

    Examples
    --------
    >>> def f(doc, key, label):
    ...     return Finding(doc, key, FindingType.RISK, label, "", 1,
    ...                    [Span(0, len(label), label, "")], "list", 1.0)
    >>> short = [f("s", "risk-1", "Omsättning i personal")]
    >>> link_restatements(short, [f("full", "risk-1", "Omsättning bland personal")])
    1
    >>> short[0].restates
    ('full', 'risk-1')
    """
    pairs = []
    for s in short:
        for g in full:
            if s.type is not g.type:
                continue
            score = max(overlap(s.label, span.quote) for span in g.evidence)
            if score >= EXTRACTION.restates:
                pairs.append((score, s, g))
    pairs.sort(key=lambda p: -p[0])
    taken_short: set[int] = set()
    taken_full: set[int] = set()
    for _score, s, g in pairs:
        if id(s) in taken_short or id(g) in taken_full:
            continue
        s.restates = (g.document, g.key)
        taken_short.add(id(s))
        taken_full.add(id(g))
    return len(taken_short)

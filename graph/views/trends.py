"""The trend report and one finding's lineage, from a :class:`graph.lineage.Lineage`.

:func:`trend_report` gathers what people read: each family of linked findings as a
timeline, what was dropped and when, what is new in each report, counts per type, theme
and year, and the families that persisted through every report.  :func:`render_trends`
writes it as text, Markdown, JSON, CSV or one self-contained HTML file, with headings in
Swedish or English (:data:`WORDS`).  :func:`lineage_of` and :func:`render_lineage` do the
same for one finding's ancestors and descendants.
"""

from __future__ import annotations

import csv
import html
import io
import json
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from graph.analysis.lineage import Lineage, Link, statuses
from graph.errors import InputError

if TYPE_CHECKING:
    from graph.analysis.themes import Theme

#: Every fixed word of the reports, in Swedish and English.
WORDS: dict[str, dict[str, str]] = {
    "title": {"en": "Trend report", "sv": "Trendrapport"},
    "family": {"en": "Family", "sv": "Familj"},
    "family_col": {"en": "family", "sv": "familj"},
    "dropped": {"en": "Dropped (no successor in a later report)",
                "sv": "Försvunna (ingen efterföljare i en senare rapport)"},
    "new": {"en": "New in each report (no predecessor)",
            "sv": "Nytt i varje rapport (ingen föregångare)"},
    "through": {"en": "Persisted through every report", "sv": "Bestod genom alla rapporter"},
    "counts": {"en": "Counts per type and year", "sv": "Antal per typ och år"},
    "themes": {"en": "Counts per theme and year", "sv": "Antal per tema och år"},
    "last_seen": {"en": "last seen in", "sv": "senast sedd i"},
    "none": {"en": "(none)", "sv": "(inga)"},
    "year": {"en": "year", "sv": "år"},
    "report": {"en": "report", "sv": "rapport"},
    "type": {"en": "type", "sv": "typ"},
    "theme": {"en": "theme", "sv": "tema"},
    "status": {"en": "status", "sv": "status"},
    "wording": {"en": "wording", "sv": "lydelse"},
    "link": {"en": "link", "sv": "länk"},
    "links": {"en": "Links", "sv": "Länkar"},
    "shared": {"en": "shared words", "sv": "gemensamma ord"},
    "ancestors": {"en": "Ancestors", "sv": "Föregångare"},
    "descendants": {"en": "Descendants", "sv": "Efterföljare"},
    "finding": {"en": "Finding", "sv": "Fynd"},
    "persists": {"en": "persists", "sv": "består"},
    "evolves": {"en": "evolves", "sv": "utvecklas"},
    "drawsOn": {"en": "draws on", "sv": "bygger på"},
    "answers": {"en": "answers", "sv": "bemöter"},
    "status:persisted": {"en": "persisted", "sv": "bestod"},
    "status:evolved": {"en": "evolved", "sv": "utvecklades"},
    "status:dropped": {"en": "dropped", "sv": "försvann"},
    "status:new": {"en": "new", "sv": "ny"},
    "auto": {"en": "automatic", "sv": "automatisk"},
    "curated": {"en": "curated", "sv": "kurerad"},
    "type:recommendation": {"en": "recommendations", "sv": "rekommendationer"},
    "type:risk": {"en": "risks", "sv": "risker"},
    "type:proposal": {"en": "improvement proposals", "sv": "förbättringsförslag"},
    "type:success-factor": {"en": "success factors", "sv": "framgångsfaktorer"},
    "a:recommendation": {"en": "recommendation", "sv": "rekommendation"},
    "a:risk": {"en": "risk", "sv": "risk"},
    "a:proposal": {"en": "improvement proposal", "sv": "förbättringsförslag"},
    "a:success-factor": {"en": "success factor", "sv": "framgångsfaktor"},
}
FORMATS = ("text", "md", "json", "csv", "html")
LINEAGE_FORMATS = ("text", "md", "json")


def word(key: str, lang: str) -> str:
    """A fixed word in *lang* (``sv`` or ``en``); a key with no entry is returned as is.

    >>> word("dropped", "sv").split()[0]
    'Försvunna'
    >>> word("status:new", "en"), word("type:risk", "sv"), word("unknown", "sv")
    ('new', 'risker', 'unknown')
    """
    words = WORDS.get(key)
    return key if words is None else words.get(lang, words["en"])


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


@dataclass
class Dropped:
    """A dropped finding and the report (and its year) where its chain was last seen."""

    entry: Entry
    report: str
    year: int


@dataclass
class TrendReport:
    """Everything :func:`render_trends` writes.

    ``families`` are timelines (oldest first); ``through`` holds, for each family that
    persisted through every report of the range, one chain that did.
    """

    type: str
    years: tuple[int, int]
    families: list[list[Entry]]
    dropped: list[Dropped]
    new: dict[str, list[Entry]]
    through: list[list[Entry]]
    counts: dict[str, dict[int, int]]
    theme_counts: dict[str, dict[int, int]]
    links: list[Link]
    findings: list[Entry]
    theme_labels: dict[str, str]
    reports: list[tuple[str, int]] = field(default_factory=list)


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
                 themes: dict[str, list[str]] | None = None, lang: str = "en") -> TrendReport:
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
        chain = next((c for c in lineage.chains([e.iri for e in members])
                      if {nodes[i].position for i in c} >= positions), None)
        if chain:
            through.append([shown[i] for i in chain])

    counts: dict[str, dict[int, int]] = {}
    theme_counts: dict[str, dict[int, int]] = {}
    for iri, n in in_range.items():
        counts.setdefault(n.type, {}).setdefault(n.year, 0)
        counts[n.type][n.year] += 1
        if n.type == kind:
            for t in themes.get(iri, []):
                theme_counts.setdefault(t, {}).setdefault(n.year, 0)
                theme_counts[t][n.year] += 1
    links = [x for x in lineage.links if x.source in shown and x.target in shown]
    reports = sorted({(n.position, n.report, n.year) for n in in_range.values()})
    return TrendReport(kind, (lo, hi), families, dropped, new, through, counts, theme_counts,
                       links, findings, theme_labels, [(r, y) for _, r, y in reports])


# --------------------------------------------------------------------------- rendering

def _arrival(e: Entry, lang: str) -> str:
    if not e.kind:
        return ""
    curated = f" ({word('curated', lang)})" if e.method == "curated" else ""
    return f"{word(e.kind, lang)} {e.score or 0:.2f}{curated}"


def _short(text: str, n: int = 60) -> str:
    return text if len(text) <= n else text[:n - 1].rstrip() + "…"


Table = tuple[str, list[str], list[list[str]]]


def _tables(report: TrendReport, lang: str) -> list[Table]:
    """The report as titled tables: the one structure text, md and html all render."""
    def w(key: str) -> str:
        return word(key, lang)

    tables: list[Table] = []
    for n, family in enumerate(report.families, 1):
        rows = [[str(e.year), e.report, _arrival(e, lang), w(f"status:{e.status}"), e.label]
                for e in family]
        span = f"{family[0].year}–{family[-1].year}" if family[0].year != family[-1].year \
            else str(family[0].year)
        tables.append((f"{w('family')} {n} ({span})",
                       [w("year"), w("report"), w("link"), w("status"), w("wording")], rows))
    tables.append((w("dropped"), [w("year"), w("report"), w("last_seen"), w("wording")],
                   [[str(d.entry.year), d.entry.report, f"{d.report} ({d.year})", d.entry.label]
                    for d in report.dropped]))
    tables.append((w("new"), [w("year"), w("report"), w("family_col"), w("wording")],
                   [[str(e.year), r, str(e.family), e.label]
                    for r, es in report.new.items() for e in es]))
    tables.append((w("through"), [w("family_col"), w("wording")],
                   [[str(chain[0].family), " → ".join(
                       f"{e.year} {e.report}: {_short(e.label)}" for e in chain)]
                    for chain in report.through]))
    years = sorted({y for c in report.counts.values() for y in c})
    tables.append((w("counts"), [w("type"), *map(str, years)],
                   [[w(f"type:{t}"), *(str(c.get(y, 0)) for y in years)]
                    for t, c in sorted(report.counts.items())]))
    tables.append((w("themes"), [w("theme"), *map(str, years)],
                   [[report.theme_labels.get(t, t), *(str(c.get(y, 0)) for y in years)]
                    for t, c in sorted(report.theme_counts.items(),
                                       key=lambda kv: (-sum(kv[1].values()), kv[0]))]))
    return tables


def _title(report: TrendReport, lang: str) -> str:
    lo, hi = report.years
    return f"{word('title', lang)}: {word('type:' + report.type, lang)} {lo}–{hi}"


def _json(report: TrendReport) -> str:
    def node(e: Entry) -> dict[str, Any]:
        return {"iri": e.iri, "report": e.report, "year": e.year, "type": e.type,
                "status": e.status, "label": e.label, "themes": e.themes, "family": e.family,
                "kind_in": e.kind, "score_in": e.score, "method_in": e.method}

    key = "recommendations" if report.type == "recommendation" else "findings"
    data = {
        "type": report.type, "years": list(report.years),
        "reports": [{"report": r, "year": y} for r, y in report.reports],
        key: [node(e) for e in report.findings],
        "links": [_link(x) for x in report.links],
        "families": [[e.iri for e in f] for f in report.families],
        "dropped": [{"iri": d.entry.iri, "last_seen": d.report, "last_seen_year": d.year}
                    for d in report.dropped],
        "new": {r: [e.iri for e in es] for r, es in report.new.items()},
        "persisted_through_all": [[e.iri for e in chain] for chain in report.through],
        "counts": {t: {str(y): n for y, n in sorted(c.items())}
                   for t, c in sorted(report.counts.items())},
        "theme_counts": {t: {str(y): n for y, n in sorted(c.items())}
                         for t, c in sorted(report.theme_counts.items())},
        "theme_labels": {t: report.theme_labels.get(t, t) for t in sorted(report.theme_counts)},
    }
    return json.dumps(data, ensure_ascii=False, indent=2)


def _csv(report: TrendReport) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["family", "year", "report", "type", "status", "kind_in", "score_in",
                     "method_in", "themes", "iri", "label"])
    for e in report.findings:
        writer.writerow([e.family, e.year, e.report, e.type, e.status, e.kind,
                         "" if e.score is None else f"{e.score:.4f}", e.method,
                         " ".join(e.themes), e.iri, e.label])
    return out.getvalue()


#: The text report wraps its last column (the wording) at this many characters.
WRAP = 72


def _columns(rows: list[list[str]]) -> list[str]:
    """Rows as aligned columns, the last one wrapped at :data:`WRAP` under itself."""
    import textwrap

    widths = [max(len(r[i]) for r in rows) for i in range(len(rows[0]) - 1)]
    indent = sum(n + 2 for n in widths)
    out = []
    for r in rows:
        head = "".join(c.ljust(n + 2) for c, n in zip(r, widths))
        wrapped = textwrap.wrap(r[-1], WRAP, break_on_hyphens=False) or [""]
        out.append((head + wrapped[0]).rstrip())
        out += [" " * indent + more for more in wrapped[1:]]
    return out


def _text(report: TrendReport, lang: str, md: bool) -> str:
    title = _title(report, lang)
    lines = [f"# {title}" if md else f"{title}\n{'=' * len(title)}", ""]
    for heading, header, rows in _tables(report, lang):
        lines += [f"## {heading}" if md else f"{heading}\n{'-' * len(heading)}"]
        if not rows:
            lines += [word("none", lang), ""]
            continue
        if md:
            lines += ["", "| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
            lines += ["| " + " | ".join(c.replace("|", "\\|") for c in r) + " |" for r in rows]
        else:
            lines += _columns([header, *rows])
        lines.append("")
    return "\n".join(lines)


_CSS = ("body{font-family:system-ui,sans-serif;margin:2em;max-width:75em;color:#222}"
        "table{border-collapse:collapse;margin-bottom:1.5em}"
        "td,th{border:1px solid #ccc;padding:.3em .6em;vertical-align:top;text-align:left}"
        "th{background:#f3f3f3}h2{margin-top:1.6em;font-size:1.2em}")


def _html(report: TrendReport, lang: str) -> str:
    esc = html.escape
    title = esc(_title(report, lang))
    parts = [f'<!DOCTYPE html>\n<html lang="{esc(lang)}"><head><meta charset="utf-8">',
             f"<title>{title}</title><style>{_CSS}</style></head><body>", f"<h1>{title}</h1>"]
    for heading, header, rows in _tables(report, lang):
        parts.append(f"<h2>{esc(heading)}</h2>")
        if not rows:
            parts.append(f"<p>{esc(word('none', lang))}</p>")
            continue
        parts.append("<table><tr>" + "".join(f"<th>{esc(h)}</th>" for h in header) + "</tr>")
        parts += ["<tr>" + "".join(f"<td>{esc(c)}</td>" for c in r) + "</tr>" for r in rows]
        parts.append("</table>")
    parts.append("</body></html>")
    return "\n".join(parts)


def _check_format(fmt: str, lang: str, formats: tuple[str, ...]) -> None:
    if fmt not in formats:
        raise InputError(f"unknown format {fmt!r}; choose one of {', '.join(formats)}")
    if lang not in ("sv", "en"):
        raise InputError(f"unknown language {lang!r}; choose sv or en")


def render_trends(report: TrendReport, fmt: str = "text", lang: str = "en") -> str:
    """Write the report as ``text``, ``md``, ``json``, ``csv`` or ``html``.

    ``html`` is one self-contained page (inline CSS, no scripts, no links out) with every
    text escaped; ``json`` and ``csv`` use the English names of types and statuses.

    Parameters
    ----------
    report
        From :func:`trend_report`.
    fmt
        One of :data:`FORMATS`.
    lang
        ``sv`` or ``en``: headings and fixed words.

    Returns
    -------
    str

    Raises
    ------
    InputError
        For an unknown format or language.

    Examples
    --------
    >>> from graph.analysis.lineage import Node, analyse
    >>> a = Node("a", "r1", 1, 2022, "recommendation", "Säkra samverkan genom rutiner")
    >>> b = Node("b", "r2", 2, 2025, "recommendation", "Säkra samverkan genom rutiner")
    >>> for line in render_trends(trend_report(analyse([a, b])), "text", "sv").splitlines()[:7]:
    ...     print(line)
    Trendrapport: rekommendationer 2022–2025
    ========================================
    <BLANKLINE>
    Familj 1 (2022–2025)
    --------------------
    år    rapport  länk         status  lydelse
    2022  r1                    bestod  Säkra samverkan genom rutiner
    >>> render_trends(trend_report(analyse([a, b])), "csv").splitlines()[2]
    '1,2025,r2,recommendation,persisted,persists,1.0000,auto,,b,Säkra samverkan genom rutiner'
    """
    _check_format(fmt, lang, FORMATS)
    if fmt == "json":
        return _json(report)
    if fmt == "csv":
        return _csv(report)
    if fmt == "html":
        return _html(report, lang)
    return _text(report, lang, fmt == "md")


# --------------------------------------------------------------------------- one finding

def _link(link: Link) -> dict[str, Any]:
    return {"source": link.source, "target": link.target, "kind": link.kind,
            "score": link.score, "method": link.method, "shape": link.shape,
            "shared": list(link.shared), "note": link.note}


def lineage_of(lineage: Lineage, iri: str) -> dict[str, Any]:
    """One finding, its ancestors and its descendants, each link with its evidence.

    Parameters
    ----------
    lineage
        The analysis.
    iri
        The finding.

    Returns
    -------
    dict
        ``finding``, ``last_seen``, ``ancestors`` and ``descendants`` (each finding's
        ``iri``, ``report``, ``year``, ``type``, ``label``, ``status``, oldest first),
        ``links`` among them and ``within`` (links inside the finding's report), each link
        with ``kind``, ``score``, ``method``, ``shape``, ``shared`` (words) and ``note``.

    Raises
    ------
    InputError
        If *iri* is not a finding of the lineage.

    Examples
    --------
    >>> from graph.analysis.lineage import Node, analyse
    >>> a = Node("a", "r1", 1, 2022, "recommendation", "Säkra samverkan genom rutiner")
    >>> b = Node("b", "r2", 2, 2023, "recommendation", "Säkra samverkan genom rutiner")
    >>> result = lineage_of(analyse([a, b]), "b")
    >>> [x["iri"] for x in result["ancestors"]], result["links"][0]["kind"]
    (['a'], 'persists')
    """
    import networkx as nx

    if iri not in lineage.nodes:
        raise InputError(f"no finding {iri} in the graph")
    g = lineage.graph()

    def describe(node_iri: str) -> dict[str, Any]:
        n = lineage.nodes[node_iri]
        return {"iri": node_iri, "report": n.report, "year": n.year, "type": n.type,
                "label": n.label, "status": lineage.status.get(node_iri, "")}

    def order(xs: set[str]) -> list[str]:
        return sorted(xs, key=lambda x: (lineage.nodes[x].position, x))

    up, down = nx.ancestors(g, iri), nx.descendants(g, iri)
    members = up | down | {iri}
    return {
        "finding": describe(iri),
        "last_seen": lineage.last_seen.get(iri, ""),
        "ancestors": [describe(x) for x in order(up)],
        "descendants": [describe(x) for x in order(down)],
        "links": [_link(x) for x in lineage.links
                  if x.source in members and x.target in members],
        "within": [_link(x) for x in lineage.within if iri in (x.source, x.target)],
    }


def render_lineage(result: dict[str, Any], fmt: str = "text", lang: str = "en") -> str:
    """Write :func:`lineage_of`'s result as ``text``, ``md`` or ``json``.

    Raises
    ------
    InputError
        For an unknown format or language.

    Examples
    --------
    >>> from graph.analysis.lineage import Node, analyse
    >>> a = Node("a", "r1", 1, 2022, "recommendation", "Säkra samverkan genom rutiner")
    >>> b = Node("b", "r2", 2, 2023, "recommendation", "Säkra samverkan genom rutiner")
    >>> print(render_lineage(lineage_of(analyse([a, b]), "b"), "text", "sv"))
    Fynd: Säkra samverkan genom rutiner
    r2 (2023), rekommendation, status: bestod, senast sedd i r2
    <BLANKLINE>
    Föregångare
    - 2022 r1: Säkra samverkan genom rutiner
    <BLANKLINE>
    Efterföljare
    (inga)
    <BLANKLINE>
    Länkar
    - r1 → r2: består 1.00, automatisk; gemensamma ord: säkra, samverkan, rutiner
    """
    _check_format(fmt, lang, LINEAGE_FORMATS)
    if fmt == "json":
        return json.dumps(result, ensure_ascii=False, indent=2)
    h = "## " if fmt == "md" else ""
    f = result["finding"]
    lines = [f"{h}{word('finding', lang)}: {f['label']}",
             (f"{f['report']} ({f['year']}), {word('a:' + f['type'], lang)}, "
              f"{word('status', lang)}: {word('status:' + f['status'], lang)}, "
              f"{word('last_seen', lang)} {result['last_seen']}"), ""]
    reports = {x["iri"]: x["report"] for x in [f, *result["ancestors"], *result["descendants"]]}
    for title, items in (("ancestors", result["ancestors"]),
                         ("descendants", result["descendants"])):
        lines.append(f"{h}{word(title, lang)}")
        if not items:
            lines.append(word("none", lang))
        lines += [f"- {x['year']} {x['report']}: {x['label']}" for x in items]
        lines.append("")
    lines.append(f"{h}{word('links', lang)}")
    steps = result["links"] + result["within"]
    if not steps:
        lines.append(word("none", lang))
    for link in steps:
        ends = (f"{reports.get(link['source'], link['source'])} → "
                f"{reports.get(link['target'], link['target'])}")
        shared = (f"; {word('shared', lang)}: {', '.join(link['shared'])}"
                  if link["shared"] else "")
        note = f" — {link['note']}" if link["note"] else ""
        lines.append(f"- {ends}: {word(link['kind'], lang)} {link['score']:.2f}, "
                     f"{word(link['method'], lang)}{shared}{note}")
    return "\n".join(lines)

"""The trend report and one finding's lineage, from a :class:`graph.lineage.Lineage`.

:func:`trend_report` gathers what people read: each family of linked findings as a
timeline, what was dropped and when, what is new in each report, counts per type, theme
and year, and the families that persisted through every report.  :func:`render_trends`
writes it as text, Markdown, JSON, CSV or one self-contained HTML file, with headings in
Swedish or English (:data:`WORDS`).
"""

from __future__ import annotations

import csv
import html
import io
import json
from dataclasses import dataclass, field
from typing import Any

from .errors import InputError
from .lineage import Lineage, Link

#: Every fixed word of the reports, in Swedish and English.
WORDS: dict[str, dict[str, str]] = {
    "title": {"en": "Trend report", "sv": "Trendrapport"},
    "families": {"en": "Families: how each finding fared", "sv": "Familjer: hur varje fynd gick"},
    "family": {"en": "Family", "sv": "Familj"},
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
    "count": {"en": "count", "sv": "antal"},
    "status": {"en": "status", "sv": "status"},
    "wording": {"en": "wording", "sv": "lydelse"},
    "link": {"en": "link", "sv": "länk"},
    "ancestors": {"en": "Ancestors", "sv": "Föregångare"},
    "descendants": {"en": "Descendants", "sv": "Efterföljare"},
    "finding": {"en": "Finding", "sv": "Fynd"},
    "persists": {"en": "persists", "sv": "består"},
    "evolves": {"en": "evolves", "sv": "utvecklas"},
    "status:persisted": {"en": "persisted", "sv": "bestod"},
    "status:evolved": {"en": "evolved", "sv": "utvecklades"},
    "status:dropped": {"en": "dropped", "sv": "försvann"},
    "status:new": {"en": "new", "sv": "ny"},
    "curated": {"en": "curated", "sv": "kurerad"},
}
FORMATS = ("text", "md", "json", "csv", "html")


def word(key: str, lang: str) -> str:
    """A fixed word in *lang* (``sv`` or ``en``).

    >>> word("dropped", "sv").split()[0]
    'Försvunna'
    """
    return WORDS[key].get(lang, WORDS[key]["en"])


@dataclass
class Entry:
    """One finding in a timeline, with the link it arrived by (if any)."""

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


@dataclass
class TrendReport:
    """Everything :func:`render_trends` writes."""

    type: str
    years: tuple[int, int]
    families: list[list[Entry]]
    dropped: list[tuple[Entry, str]]
    new: dict[str, list[Entry]]
    through: list[list[Entry]]
    counts: dict[str, dict[int, int]]
    theme_counts: dict[str, dict[int, int]]
    links: list[Link]
    findings: list[Entry]
    theme_labels: dict[str, str]


def _theme_matches(wanted: str, iri: str, labels: dict[str, dict[str, str]]) -> bool:
    w = wanted.strip().lower()
    return iri.lower() == w or any(v.lower() == w for v in labels.get(iri, {}).values())


def trend_report(lineage: Lineage, *, year_from: int | None = None, year_to: int | None = None,
                 type: str | None = None, theme: str | None = None,
                 themes: dict[str, list[str]] | None = None, lang: str = "en") -> TrendReport:
    """Gather the trend report of findings of one *type* (default recommendations).

    Parameters
    ----------
    lineage
        The analysis (as stored, or recomputed with ``--raw``).
    year_from, year_to
        Keep findings of reports issued in these years (inclusive).
    type
        ``success-factor``, ``risk``, ``proposal`` or ``recommendation``.
    theme
        Keep families with a finding of this theme (its IRI or a label in sv or en).
    themes
        Finding IRI -> theme IRIs (see :func:`graph.lineage_rdf.read_themes`).

    Examples
    --------
    >>> from graph.lineage import Node, analyse
    >>> a = Node("a", "r1", 1, 2022, "recommendation", "Säkra samverkan genom rutiner")
    >>> b = Node("b", "r2", 2, 2025, "recommendation", "Säkra samverkan genom rutiner")
    >>> c = Node("c", "r1", 1, 2022, "recommendation", "Familjecentral för alla barn")
    >>> report = trend_report(analyse([a, b, c]))
    >>> [[e.iri for e in f] for f in report.families], [e.iri for e, _ in report.dropped]
    ([['a', 'b'], ['c']], ['c'])
    """
    from .themes import load_themes

    kind = type or "recommendation"
    themes = themes or {}
    scheme = {t.iri: t.labels for t in load_themes()}
    theme_labels = {iri: labels.get(lang) or iri for iri, labels in scheme.items()}
    years = [n.year for n in lineage.nodes.values()] or [0]
    lo = year_from if year_from is not None else min(years)
    hi = year_to if year_to is not None else max(years)
    if lo > hi:
        raise InputError(f"--from {lo} is after --to {hi}")
    incoming: dict[str, Link] = {}
    for link in sorted(lineage.links, key=lambda x: -x.score):
        incoming.setdefault(link.target, link)

    def entry(iri: str) -> Entry:
        n = lineage.nodes[iri]
        link = incoming.get(iri)
        return Entry(iri, n.year, n.report, n.type, n.label, lineage.status.get(iri, ""),
                     themes.get(iri, []), link.kind if link else "",
                     link.score if link else None, link.method if link else "")

    def keep(iri: str) -> bool:
        n = lineage.nodes[iri]
        return n.type == kind and lo <= n.year <= hi

    families = []
    for family in lineage.families:
        members = [entry(i) for i in family if keep(i)]
        if not members:
            continue
        if theme and not any(_theme_matches(theme, t, scheme) for e in members
                             for t in e.themes):
            continue
        families.append(members)
    shown = {e.iri for f in families for e in f}
    findings = [e for f in families for e in f]
    first = min((n.position for n in lineage.nodes.values()), default=0)
    dropped = [(e, lineage.last_seen.get(e.iri, e.report)) for e in findings
               if e.status == "dropped"]
    new: dict[str, list[Entry]] = {}
    for e in findings:
        if lineage.nodes[e.iri].position != first and not any(
                x.target == e.iri for x in lineage.links):
            new.setdefault(e.report, []).append(e)
    positions = sorted({n.position for n in lineage.nodes.values() if lo <= n.year <= hi})
    through = [f for f in families
               if {lineage.nodes[e.iri].position for e in f} >= set(positions)
               and len(positions) > 1]
    counts: dict[str, dict[int, int]] = {}
    theme_counts: dict[str, dict[int, int]] = {}
    for iri, n in lineage.nodes.items():
        if not lo <= n.year <= hi:
            continue
        counts.setdefault(n.type, {}).setdefault(n.year, 0)
        counts[n.type][n.year] += 1
        if n.type == kind:
            for t in themes.get(iri, []):
                theme_counts.setdefault(t, {}).setdefault(n.year, 0)
                theme_counts[t][n.year] += 1
    links = [x for x in lineage.links if x.source in shown and x.target in shown]
    return TrendReport(kind, (lo, hi), families, dropped, new, through, counts, theme_counts,
                       links, findings, theme_labels)


# --------------------------------------------------------------------------- rendering

def _arrival(e: Entry, lang: str) -> str:
    if not e.kind:
        return ""
    curated = f" ({word('curated', lang)})" if e.method == "curated" else ""
    return f"{word(e.kind, lang)} {e.score:.2f}{curated}"


def _status(status: str, lang: str) -> str:
    return word(f"status:{status}", lang) if f"status:{status}" in WORDS else status


def _tables(report: TrendReport, lang: str) -> list[tuple[str, list[str], list[list[str]]]]:
    """The report as titled tables: the one structure text, md and html all render."""
    def w(key: str) -> str:
        return word(key, lang)

    tables = []
    for n, family in enumerate(report.families, 1):
        rows = [[str(e.year), e.report, _arrival(e, lang), _status(e.status, lang), e.label]
                for e in family]
        tables.append((f"{w('family')} {n}", [w("year"), w("report"), w("link"), w("status"),
                                               w("wording")], rows))
    tables.append((w("dropped"), [w("year"), w("report"), w("last_seen"), w("wording")],
                   [[str(e.year), e.report, last, e.label] for e, last in report.dropped]))
    tables.append((w("new"), [w("report"), w("wording")],
                   [[r, e.label] for r, es in report.new.items() for e in es]))
    tables.append((w("through"), [w("family"), w("wording")],
                   [[str(report.families.index(f) + 1), " → ".join(
                       f"{e.year}: {e.label[:60]}" for e in f)] for f in report.through]))
    years = sorted({y for c in report.counts.values() for y in c})
    tables.append((w("counts"), [w("type"), *map(str, years)],
                   [[t, *(str(c.get(y, 0)) for y in years)]
                    for t, c in sorted(report.counts.items())]))
    tables.append((w("themes"), [w("theme"), *map(str, years)],
                   [[report.theme_labels.get(t, t), *(str(c.get(y, 0)) for y in years)]
                    for t, c in sorted(report.theme_counts.items(),
                                       key=lambda kv: -sum(kv[1].values()))]))
    return tables


def _json(report: TrendReport) -> str:
    def node(e: Entry) -> dict[str, Any]:
        return {"iri": e.iri, "report": e.report, "year": e.year, "type": e.type,
                "status": e.status, "label": e.label, "themes": e.themes}

    key = "recommendations" if report.type == "recommendation" else "findings"
    data = {
        "type": report.type, "years": list(report.years),
        key: [node(e) for e in report.findings],
        "links": [{"source": x.source, "target": x.target, "kind": x.kind, "score": x.score,
                   "method": x.method, "shape": x.shape, "shared": list(x.shared),
                   "note": x.note} for x in report.links],
        "families": [[e.iri for e in f] for f in report.families],
        "dropped": [{"iri": e.iri, "last_seen": last} for e, last in report.dropped],
        "new": {r: [e.iri for e in es] for r, es in report.new.items()},
        "persisted_through_all": [[e.iri for e in f] for f in report.through],
        "counts": {t: {str(y): n for y, n in c.items()} for t, c in report.counts.items()},
        "theme_counts": {t: {str(y): n for y, n in c.items()}
                         for t, c in report.theme_counts.items()},
    }
    return json.dumps(data, ensure_ascii=False, indent=2)


def _csv(report: TrendReport) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["family", "year", "report", "type", "status", "kind_in", "score_in",
                     "method_in", "themes", "iri", "label"])
    for n, family in enumerate(report.families, 1):
        for e in family:
            writer.writerow([n, e.year, e.report, e.type, e.status, e.kind,
                             "" if e.score is None else f"{e.score:.4f}", e.method,
                             " ".join(e.themes), e.iri, e.label])
    return out.getvalue()


def _text(report: TrendReport, lang: str, md: bool) -> str:
    lines = [f"# {word('title', lang)}: {report.type} {report.years[0]}–{report.years[1]}"
             if md else f"{word('title', lang)}: {report.type} {report.years[0]}–"
             f"{report.years[1]}", ""]
    for title, header, rows in _tables(report, lang):
        lines += [f"## {title}" if md else f"{title}\n{'=' * len(title)}", ""]
        if not rows:
            lines += [word("none", lang), ""]
            continue
        if md:
            lines.append("| " + " | ".join(header) + " |")
            lines.append("|" + "---|" * len(header))
            lines += ["| " + " | ".join(c.replace("|", "\\|") for c in r) + " |" for r in rows]
        else:
            widths = [max(len(x) for x in col) for col in zip(header, *rows)]
            lines += ["  ".join(c.ljust(w) for c, w in zip(r, widths)).rstrip()
                      for r in [header, *rows]]
        lines.append("")
    return "\n".join(lines)


_CSS = ("body{font-family:system-ui,sans-serif;margin:2em;max-width:70em}"
        "table{border-collapse:collapse;margin-bottom:1.5em}"
        "td,th{border:1px solid #ccc;padding:.3em .6em;vertical-align:top;text-align:left}"
        "th{background:#f3f3f3}")


def _html(report: TrendReport, lang: str) -> str:
    esc = html.escape
    parts = [f"<!DOCTYPE html><html lang=\"{esc(lang)}\"><head><meta charset=\"utf-8\">",
             f"<title>{esc(word('title', lang))}</title><style>",
             _CSS + "</style></head><body>",
             (f"<h1>{esc(word('title', lang))}: {esc(report.type)} "
              f"{report.years[0]}–{report.years[1]}</h1>")]
    for title, header, rows in _tables(report, lang):
        parts.append(f"<h2>{esc(title)}</h2>")
        if not rows:
            parts.append(f"<p>{esc(word('none', lang))}</p>")
            continue
        parts.append("<table><tr>" + "".join(f"<th>{esc(h)}</th>" for h in header) + "</tr>")
        parts += ["<tr>" + "".join(f"<td>{esc(c)}</td>" for c in r) + "</tr>" for r in rows]
        parts.append("</table>")
    parts.append("</body></html>")
    return "\n".join(parts)


def render_trends(report: TrendReport, fmt: str = "text", lang: str = "en") -> str:
    """Write the report as ``text``, ``md``, ``json``, ``csv`` or ``html``.

    Raises
    ------
    InputError
        For an unknown format.
    """
    if fmt == "json":
        return _json(report)
    if fmt == "csv":
        return _csv(report)
    if fmt == "html":
        return _html(report, lang)
    if fmt in ("text", "md"):
        return _text(report, lang, fmt == "md")
    raise InputError(f"unknown format {fmt!r}; choose one of {', '.join(FORMATS)}")


# --------------------------------------------------------------------------- one finding

def lineage_of(lineage: Lineage, iri: str) -> dict[str, Any]:
    """One finding, its ancestors and its descendants, each with the link's evidence.

    Raises
    ------
    InputError
        If *iri* is not a finding of the lineage.
    """
    import networkx as nx

    if iri not in lineage.nodes:
        raise InputError(f"no finding {iri} in the graph")
    g = lineage.graph()

    def describe(node_iri: str) -> dict[str, Any]:
        n = lineage.nodes[node_iri]
        return {"iri": node_iri, "report": n.report, "year": n.year, "type": n.type,
                "label": n.label, "status": lineage.status.get(node_iri, "")}

    def step(link: Link) -> dict[str, Any]:
        return {"source": link.source, "target": link.target, "kind": link.kind,
                "score": link.score, "method": link.method, "shape": link.shape,
                "shared": list(link.shared), "note": link.note}

    up, down = nx.ancestors(g, iri), nx.descendants(g, iri)
    def order(xs: set[str]) -> list[str]:
        return sorted(xs, key=lambda x: (lineage.nodes[x].position, x))

    return {
        "finding": describe(iri),
        "last_seen": lineage.last_seen.get(iri, ""),
        "ancestors": [describe(x) for x in order(up)],
        "descendants": [describe(x) for x in order(down)],
        "links": [step(x) for x in lineage.links
                  if x.source in up | down | {iri} and x.target in up | down | {iri}],
        "within": [step(x) for x in lineage.within if iri in (x.source, x.target)],
    }


def render_lineage(result: dict[str, Any], fmt: str = "text", lang: str = "en") -> str:
    """Write :func:`lineage_of`'s result as ``text``, ``md`` or ``json``."""
    if fmt == "json":
        return json.dumps(result, ensure_ascii=False, indent=2)
    if fmt not in ("text", "md"):
        raise InputError(f"unknown format {fmt!r}; choose one of text, md, json")
    h = "## " if fmt == "md" else ""
    f = result["finding"]
    lines = [f"{h}{word('finding', lang)}: {f['label']}",
             (f"{f['report']} ({f['year']}), {f['type']}, {word('status', lang)}: "
              f"{f['status']}, {word('last_seen', lang)} {result['last_seen']}"), ""]
    labels = {x["iri"]: x for x in [f, *result["ancestors"], *result["descendants"]]}
    for title, items in (("ancestors", result["ancestors"]),
                         ("descendants", result["descendants"])):
        lines.append(f"{h}{word(title, lang)}")
        if not items:
            lines.append(word("none", lang))
        for item in items:
            lines.append(f"- {item['year']} {item['report']}: {item['label']}")
        lines.append("")
    lines.append(f"{h}{word('link', lang)}")
    for link in result["links"] + result["within"]:
        s, t = labels.get(link["source"]), labels.get(link["target"])
        note = f" — {link['note']}" if link["note"] else ""
        lines.append(f"- {link['kind']} {link['score']:.2f} {link['method']}: "
                     f"{(s or {}).get('report', '')} → {(t or {}).get('report', '')} "
                     f"[{', '.join(link['shared'])}]{note}")
    return "\n".join(lines)


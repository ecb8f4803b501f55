"""Writing a :class:`~graph.views.trends.TrendReport`: text, Markdown, JSON, CSV or one
self-contained HTML page (with its pictures inline).

Every table goes through :func:`graph.views.tables.render`; every fixed word comes from
:func:`graph.views.labels.word` in the asked language.
"""

from __future__ import annotations

import html
import json
import textwrap
from typing import Any

from graph.analysis.lineage import Link
from graph.errors import InputError
from graph.views.labels import check_lang, word
from graph.views.tables import render
from graph.views.trends import Entry, TrendReport

FORMATS = ("text", "md", "json", "csv", "html")
#: The text report wraps its last column (the wording) at this many characters.
WRAP = 72


def link_dict(link: Link) -> dict[str, Any]:
    """A link as JSON-ready data."""
    return {"source": link.source, "target": link.target, "kind": link.kind,
            "score": link.score, "method": link.method, "signal": link.signal,
            "shape": link.shape, "shared": list(link.shared), "note": link.note,
            "notes": dict(link.translations)}


def _arrival(e: Entry, lang: str) -> str:
    if not e.kind:
        return ""
    curated = f" ({word('curated', lang)})" if e.method == "curated" else ""
    return f"{word('kind:' + e.kind, lang)} {e.score or 0:.2f}{curated}"


def _place(e: Entry, lang: str) -> str:
    """Where this row's finding goes next in its chain."""
    if e.onward:
        return ", ".join(word("carried_into" if kind == "persists" else "reworded_in", lang,
                              report=report) for kind, report in e.onward)
    return word("in_last" if e.last else "ends_here", lang)


def _short(text: str, n: int = 60) -> str:
    return text if len(text) <= n else text[:n - 1].rstrip() + "…"


#: A titled table: (heading, column headers, rows, a note under it).
Table = tuple[str, list[str], list[list[str]], str]


def _report_columns(report: TrendReport) -> list[str]:
    return [f"{r} ({y})" for r, y in report.reports]


def tables(report: TrendReport, lang: str) -> list[Table]:
    """The report as titled tables: the one structure text, md and html render."""
    def w(key: str, **fields: object) -> str:
        return word(key, lang, **fields)

    out: list[Table] = []
    for n, (family, (status, seen, year)) in enumerate(
            zip(report.families, report.family_status), 1):
        rows = [[str(e.year), e.report, _arrival(e, lang), _place(e, lang), e.label]
                for e in family]
        span = f"{family[0].year}–{family[-1].year}" if family[0].year != family[-1].year \
            else str(family[0].year)
        state = (w("family_dropped", report=seen, year=year) if status == "dropped"
                 else w("status:" + status))
        out.append((f"{w('family')} {n} ({span}): {state}",
                    [w("year"), w("report"), w("link"), w("in_chain"), w("wording")], rows, ""))
    out.append((w("dropped"), [w("year"), w("report"), w("last_seen"), w("wording")],
                [[str(d.entry.year), d.entry.report, f"{d.report} ({d.year})", d.entry.label]
                 for d in report.dropped], ""))
    out.append((w("new"), [w("year"), w("report"), w("family_col"), w("wording")],
                [[str(e.year), r, str(e.family), e.label]
                 for r, es in report.new.items() for e in es], ""))
    out.append((w("through"), [w("family_col"), w("wording")],
                [[str(chain[0].family), " → ".join(
                    f"{e.year} {e.report}: {_short(e.label)}" for e in chain)]
                 for chain in report.through], ""))
    ids = [r for r, _ in report.reports]
    columns = _report_columns(report)
    out.append((w("counts"), [w("type"), *columns],
                [[w(f"types:{t}"), *(str(c.get(r, 0)) for r in ids)]
                 for t, c in sorted(report.counts.items())], ""))
    out.append((w("themes"), [w("theme"), *columns],
                [[report.theme_labels.get(t, t), *(str(c.get(r, 0)) for r in ids)]
                 for t, c in sorted(report.theme_counts.items(),
                                    key=lambda kv: (-sum(kv[1].values()), kv[0]))],
                w("themes_note")))
    return out


def title(report: TrendReport, lang: str) -> str:
    lo, hi = report.years
    head = f"{word('title', lang)}: {word('types:' + report.type, lang)} {lo}–{hi}"
    return f"{head} ({word('series', lang)}: {report.series})" if report.series else head


def _json(report: TrendReport) -> str:
    def node(e: Entry) -> dict[str, Any]:
        return {"iri": e.iri, "report": e.report, "year": e.year, "type": e.type,
                "status": e.status, "label": e.label, "themes": e.themes, "family": e.family,
                "kind_in": e.kind, "score_in": e.score, "method_in": e.method,
                "onward": [{"kind": k, "report": r} for k, r in e.onward]}

    key = "recommendations" if report.type == "recommendation" else "findings"
    data = {
        "type": report.type, "years": list(report.years), "series": report.series,
        "reports": [{"report": r, "year": y} for r, y in report.reports],
        key: [node(e) for e in report.findings],
        "links": [link_dict(x) for x in report.links],
        "families": [[e.iri for e in f] for f in report.families],
        "family_status": [{"status": s, "last_seen": r, "last_seen_year": y}
                          for s, r, y in report.family_status],
        "dropped": [{"iri": d.entry.iri, "last_seen": d.report, "last_seen_year": d.year}
                    for d in report.dropped],
        "new": {r: [e.iri for e in es] for r, es in report.new.items()},
        "persisted_through_all": [[e.iri for e in chain] for chain in report.through],
        "counts": {t: dict(c) for t, c in sorted(report.counts.items())},
        "theme_counts": {t: dict(c) for t, c in sorted(report.theme_counts.items())},
        "theme_labels": {t: report.theme_labels.get(t, t) for t in sorted(report.theme_counts)},
    }
    return json.dumps(data, ensure_ascii=False, indent=2)


_CSV_COLUMNS = ["family", "year", "report", "type", "status", "kind_in", "score_in",
                "method_in", "themes", "iri", "label"]


def _csv(report: TrendReport) -> str:
    rows = [{"family": e.family, "year": e.year, "report": e.report, "type": e.type,
             "status": e.status, "kind_in": e.kind,
             "score_in": "" if e.score is None else f"{e.score:.4f}", "method_in": e.method,
             "themes": " ".join(e.themes), "iri": e.iri, "label": e.label}
            for e in report.findings]
    return render(rows, "csv", columns=_CSV_COLUMNS)


def _text(report: TrendReport, lang: str, md: bool) -> str:
    head = title(report, lang)
    lines = [f"# {head}" if md else f"{head}\n{'=' * len(head)}", ""]
    for heading, header, rows, note in tables(report, lang):
        lines += [f"## {heading}" if md else f"{heading}\n{'-' * len(heading)}"]
        if not rows:
            lines += [word("none", lang), ""]
            continue
        records = [dict(zip(header, r)) for r in rows]
        if md:
            lines += ["", render(records, "md", columns=header)]
        else:
            lines.append(render(records, "table", columns=header, wrap=WRAP))
        if note:
            lines += ["", note] if md else ["", *textwrap.wrap(note, WRAP + 28)]
        lines.append("")
    return "\n".join(lines)


_CSS = ("body{font-family:system-ui,sans-serif;margin:2em;max-width:75em;color:#222}"
        "table{border-collapse:collapse;margin-bottom:.6em}"
        "td,th{border:1px solid #ccc;padding:.3em .6em;vertical-align:top;text-align:left}"
        "th{background:#f3f3f3}h2{margin-top:1.6em;font-size:1.2em}"
        "p.note{color:#555;font-size:.9em;margin-top:0}"
        "figure{margin:1em 0}figure img{max-width:100%;height:auto}")


def pictures(report: TrendReport, lang: str) -> list[tuple[str, str]]:
    """The report's pictures as ``(caption, data URI of the SVG)``: heatmap, then flow."""
    from graph.views.plots import data_uri, flow_svg, heatmap_svg

    out = []
    for key, svg in (("heatmap_title", heatmap_svg(report, lang)),
                     ("flow_title", flow_svg(report, lang))):
        if svg:
            out.append((word(key, lang), data_uri(svg)))
    return out


def pictures_html(report: TrendReport, lang: str) -> str:
    """The report's two pictures as ``<figure>`` elements with inline (data URI) SVG."""
    esc = html.escape
    parts = [f'<figure><img alt="{esc(caption)}" src="{uri}">'
             f"<figcaption>{esc(caption)}</figcaption></figure>"
             for caption, uri in pictures(report, lang)]
    return "\n".join(parts) or f"<p>{esc(word('no_pictures', lang))}</p>"


def _html(report: TrendReport, lang: str) -> str:
    esc = html.escape
    head = esc(title(report, lang))
    parts = [f'<!DOCTYPE html>\n<html lang="{esc(lang)}"><head><meta charset="utf-8">',
             f"<title>{head}</title><style>{_CSS}</style></head><body>", f"<h1>{head}</h1>"]
    for heading, header, rows, note in tables(report, lang):
        parts.append(f"<h2>{esc(heading)}</h2>")
        if not rows:
            parts.append(f"<p>{esc(word('none', lang))}</p>")
            continue
        parts.append(render([dict(zip(header, r)) for r in rows], "html", columns=header))
        if note:
            parts.append(f'<p class="note">{esc(note)}</p>')
    parts += [f"<h2>{esc(word('pictures', lang))}</h2>", pictures_html(report, lang),
              "</body></html>"]
    return "\n".join(parts)


def check_format(fmt: str, lang: str, formats: tuple[str, ...]) -> None:
    if fmt not in formats:
        raise InputError(f"unknown format {fmt!r}; choose one of {', '.join(formats)}")
    check_lang(lang)


def render_trends(report: TrendReport, fmt: str = "text", lang: str = "en") -> str:
    """Write the report as ``text``, ``md``, ``json``, ``csv`` or ``html``.

    ``html`` is one self-contained page (inline CSS and pictures, no scripts, no links
    out) with every text escaped; ``json`` and ``csv`` use the English names of types
    and statuses; csv cells cannot start a spreadsheet formula.

    Parameters
    ----------
    report
        From :func:`graph.views.trends.trend_report`.
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
    >>> from graph.views.trends import trend_report
    >>> a = Node("a", "r1", 1, 2022, "recommendation", "Säkra samverkan genom rutiner")
    >>> b = Node("b", "r2", 2, 2025, "recommendation", "Säkra samverkan genom rutiner")
    >>> for line in render_trends(trend_report(analyse([a, b])), "text", "sv").splitlines()[:8]:
    ...     print(line)
    Trendrapport: rekommendationer 2022–2025
    ========================================
    <BLANKLINE>
    Familj 1 (2022–2025): bestod
    ----------------------------
    år    rapport  länk         i kedjan           lydelse
    ----  -------  -----------  -----------------  -----------------------------
    2022  r1                    förs vidare i r2   Säkra samverkan genom rutiner
    >>> render_trends(trend_report(analyse([a, b])), "csv").splitlines()[2]
    '1,2025,r2,recommendation,persisted,persists,1.0000,auto,,b,Säkra samverkan genom rutiner'
    """
    check_format(fmt, lang, FORMATS)
    if fmt == "json":
        return _json(report)
    if fmt == "csv":
        return _csv(report)
    if fmt == "html":
        return _html(report, lang)
    return _text(report, lang, fmt == "md")

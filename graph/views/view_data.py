"""What the HTML view draws: findings as a timeline of reports, lineage as edges.

:func:`view_data` turns the findings (as :func:`graph.rdf.read.read_findings` reads
them), the lineage and the themes into plain data: one node per finding (a short
version's restatement is folded into the full report's finding), placed in its report's
column (reports ordered by ``dcterms:issued``) and its type's lane, and one edge per
link.  Past :data:`AGGREGATE_AT` findings the nodes are theme × report groups with
counts, which the page opens on click.  :mod:`graph.views.view_page` writes the page.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from graph.views.labels import word

if TYPE_CHECKING:
    import pyoxigraph as ox

    from graph.analysis.lineage import Lineage
    from graph.rdf.read import FindingRow

#: Past this many findings the view shows theme × report groups (opened on click).
AGGREGATE_AT = 2000
#: Pixels between report columns, between rows of a lane, and between lanes.
COLUMN, ROW, LANE_GAP = 400, 30, 64
#: Lanes from top to bottom; each type's colour and vis-network shape.
TYPE_ORDER = ("recommendation", "proposal", "risk", "success-factor")
TYPE_STYLE = {
    "recommendation": ("#1e88e5", "dot"),
    "proposal": ("#43a047", "diamond"),
    "risk": ("#e53935", "triangle"),
    "success-factor": ("#fb8c00", "square"),
}
LABEL_CHARS = 34
#: Pixels between theme rows of groups (large graphs).
GROUP_ROW = 120


@dataclass(frozen=True)
class ReportInfo:
    """A report as the view heads its column."""

    id: str
    title: str
    issued: str
    year: int
    position: int


@dataclass
class ViewData:
    """Everything the page needs, as JSON-ready parts."""

    reports: list[ReportInfo]
    findings: dict[str, dict[str, Any]]
    links: list[dict[str, Any]]
    themes: dict[str, str]
    aggregated: bool = False
    groups: dict[str, dict[str, Any]] = field(default_factory=dict)
    lanes: list[dict[str, Any]] = field(default_factory=list)


_REPORTS = """
SELECT ?id ?title ?issued ?year ?position WHERE {
  ?r a fynd:Report ; fynd:reportId ?id ; fynd:year ?year ; fynd:seriesPosition ?position .
  OPTIONAL { ?r dcterms:title ?title } OPTIONAL { ?r dcterms:issued ?issued }
}"""


def read_reports(store: ox.Store) -> list[ReportInfo]:
    """The reports of the store, ordered by ``dcterms:issued`` (then series position)."""
    from graph.rdf.store import select

    out = []
    for sol in select(store, _REPORTS):
        issued = sol["issued"].value if sol["issued"] is not None else str(sol["year"].value)
        out.append(ReportInfo(sol["id"].value,
                              sol["title"].value if sol["title"] is not None else "",
                              issued, int(sol["year"].value), int(sol["position"].value)))
    return sort_reports(out)


def sort_reports(reports: Sequence[ReportInfo]) -> list[ReportInfo]:
    """By year of issue, then series position (a bare year says no more than that).

    >>> a = ReportInfo("d4", "", "2025", 2025, 4)
    >>> b = ReportInfo("d3", "", "2025-02-14", 2025, 3)
    >>> [r.id for r in sort_reports([a, b])]
    ['d3', 'd4']
    """
    return sorted(reports, key=lambda r: (r.issued[:4], r.position, r.id))


def short_label(text: str, n: int = LABEL_CHARS) -> str:
    """A node's label: the start of the wording, cut at a word.

    >>> short_label("Inför en tydlig rutin för överlämning mellan skolorna", 30)
    'Inför en tydlig rutin för…'
    """
    text = " ".join(text.split())
    if len(text) <= n:
        return text
    cut = text[:n - 1].rsplit(" ", 1)[0] if " " in text[:n - 1] else text[:n - 1]
    return cut.rstrip(" ,.;:") + "…"


def view_data(rows: Sequence[FindingRow], lineage: Lineage, themes: dict[str, list[str]],
              reports: Sequence[ReportInfo], theme_labels: dict[str, str], *,
              aggregate_at: int = AGGREGATE_AT) -> ViewData:
    """Lay out findings and links for the page.

    Parameters
    ----------
    rows
        Findings (restatements included: they are folded into the finding they restate).
    lineage
        Links across reports (``links``) and within reports (``within``), statuses.
    themes
        Finding IRI -> theme IRIs.
    reports
        Every report, in the order of the columns (see :func:`read_reports`).
    theme_labels
        Theme IRI -> label in the page's language.
    aggregate_at
        From this many findings on, draw theme × report groups.

    Returns
    -------
    ViewData

    Examples
    --------
    >>> from graph.analysis.lineage import Node, analyse
    >>> from graph.rdf.read import FindingRow
    >>> def row(key, report, label, restates=None):
    ...     return FindingRow(f"https://w3id.org/fynd/id/finding/{report}-full/{key}", report,
    ...                       f"{report}-full", 2020 + int(report[1]), "recommendation", label,
    ...                       "", 1, label, 0, len(label), "list", 1.0, restates, 1)
    >>> rows = [row("rec-1", "r1", "Säkra samverkan"), row("rec-1", "r2", "Säkra samverkan")]
    >>> lin = analyse([Node(r.iri, r.report, int(r.report[1]), r.year, r.type, r.label)
    ...                for r in rows])
    >>> reports = [ReportInfo("r1", "", "2021", 2021, 1), ReportInfo("r2", "", "2022", 2022, 2)]
    >>> data = view_data(rows, lin, {}, reports, {})
    >>> [(f["x"], f["y"]) for f in data.findings.values()], len(data.links)
    ([(0, 0), (400, 0)], 1)
    """
    import gc

    # Tens of thousands of small dicts, none of them garbage: a collection pass over them
    # is pure cost (about 15 % of a 20,000-finding page).
    paused = gc.isenabled()
    gc.disable()
    try:
        return _view_data(rows, lineage, themes, reports, theme_labels, aggregate_at)
    finally:
        if paused:
            gc.enable()


def _view_data(rows: Sequence[FindingRow], lineage: Lineage, themes: dict[str, list[str]],
               reports: Sequence[ReportInfo], theme_labels: dict[str, str],
               aggregate_at: int) -> ViewData:
    from graph.views.lineage_view import short_id

    findings: dict[str, dict[str, Any]] = {}
    ids: dict[str, str] = {}
    for row in rows:
        if row.restates:
            continue
        sid = ids[row.iri] = short_id(row.iri)
        findings[sid] = {
            "label": row.label, "type": row.type, "report": row.report,
            "document": row.document, "section": row.section,
            "quotes": [[row.document, s, e, q] for s, e, q in row.spans],
            "status": lineage.status.get(row.iri, ""),
            "lastSeen": lineage.last_seen.get(row.iri, ""),
            "themes": list(themes.get(row.iri, [])), "restatedIn": [],
        }
        if not row.section:
            del findings[sid]["section"]
    for row in rows:
        full = findings.get(ids.get(row.restates or "", ""))
        if row.restates and full is not None:
            full["restatedIn"].append(row.document)
            full["quotes"] += [[row.document, s, e, q] for s, e, q in row.spans]
    links = []
    for n, link in enumerate([*lineage.links, *lineage.within]):
        source, target = ids.get(link.source), ids.get(link.target)
        if source is None or target is None:
            continue
        links.append({"id": f"l{n}", "from": source, "to": target, "kind": link.kind,
                      "score": round(link.score, 2), "method": link.method,
                      "shared": list(link.shared), "note": link.note})
        if link.translations:
            links[-1]["notes"] = dict(link.translations)
    present = {f["report"] for f in findings.values()}
    used_reports = [r for r in reports if r.id in present]
    column = {r.id: n for n, r in enumerate(used_reports)}
    lanes = _place(findings, column)
    for f in findings.values():  # the page fills in empty lists (smaller files)
        for key in ("themes", "restatedIn"):
            if not f[key]:
                del f[key]
    data = ViewData(used_reports, findings, links,
                    {t: theme_labels.get(t, t) for f in findings.values() for t in f.get("themes", ())},
                    lanes=lanes)
    if len(findings) >= aggregate_at:
        _aggregate(data, column)
    return data


def _place(findings: dict[str, dict[str, Any]], column: dict[str, int]) -> list[dict[str, Any]]:
    """x per report column, y per type lane and list order; return the lanes."""
    order = {t: n for n, t in enumerate(TYPE_ORDER)}
    cells: dict[tuple[str, str], list[str]] = {}
    for sid, f in findings.items():
        cells.setdefault((f["report"], f["type"]), []).append(sid)
    lanes, y = [], 0
    for t in sorted({f["type"] for f in findings.values()}, key=lambda t: order.get(t, 9)):
        rows = max(len(v) for (_, kind), v in cells.items() if kind == t)
        lanes.append({"type": t, "y": y, "rows": rows})
        for (report, kind), members in cells.items():
            if kind == t:
                for i, sid in enumerate(members):
                    findings[sid]["x"] = column[report] * COLUMN
                    findings[sid]["y"] = y + i * ROW
        y += rows * ROW + LANE_GAP
    return lanes


def _aggregate(data: ViewData, column: dict[str, int]) -> None:
    """Replace finding nodes by theme × report groups (a finding in its first theme)."""
    groups: dict[str, dict[str, Any]] = {}
    for sid, f in data.findings.items():
        theme = f["themes"][0] if f.get("themes") else ""
        key = f"g:{f['report']}:{theme}"
        group = groups.setdefault(key, {"report": f["report"], "theme": theme, "members": []})
        group["members"].append(sid)
        f["group"] = key
    order = sorted({g["theme"] for g in groups.values()},
                   key=lambda t: (t == "", data.themes.get(t, t)))
    row = {t: n for n, t in enumerate(order)}
    for g in groups.values():
        g["x"] = column[g["report"]] * COLUMN
        g["y"] = row[g["theme"]] * GROUP_ROW
    data.groups = groups
    data.aggregated = True


def node_dicts(data: ViewData, lang: str) -> list[dict[str, Any]]:
    """The vis-network nodes: findings, or groups when aggregated."""
    from graph.views.plots import STATUS_COLOURS

    if data.aggregated:
        out = []
        for key, g in data.groups.items():
            name = data.themes.get(g["theme"], g["theme"]) or word("none", lang)
            out.append({"id": key, "label": f"{short_label(name, 24)}\n"
                        f"{word('group', lang, count=len(g['members']))}",
                        "x": g["x"] + COLUMN // 2 - 30, "y": g["y"], "shape": "box",
                        "fixed": True, "physics": False,
                        "widthConstraint": {"minimum": COLUMN - 80, "maximum": COLUMN - 80},
                        "heightConstraint": {"minimum": 76},
                        "color": {"background": "#eef3fb", "border": "#5c7cab"},
                        "font": {"size": 28, "multi": False}})
        return out
    out = []
    for sid, f in data.findings.items():
        colour, shape = TYPE_STYLE.get(f["type"], ("#777777", "dot"))
        border = STATUS_COLOURS.get(f["status"], "#555555")
        # No vis label: the page draws each label beside its node (see view.js), so
        # rows can be as close as one line of text.
        out.append({"id": sid, "x": f["x"], "y": f["y"],
                    "shape": shape, "size": 9, "fixed": True, "physics": False,
                    "borderWidth": 3, "borderWidthSelected": 5,
                    "color": {"background": colour, "border": border,
                              "highlight": {"background": colour, "border": "#000000"}},
                    "font": {"size": 14, "face": "system-ui, sans-serif"}})
    return out


EDGE_STYLE = {
    "persists": {"dashes": False, "color": "#37474f", "width": 2},
    "evolves": {"dashes": [8, 6], "color": "#37474f", "width": 2},
    "drawsOn": {"dashes": [2, 4], "color": "#26a69a", "width": 1},
    "answers": {"dashes": [2, 4], "color": "#ef6c00", "width": 1},
}
CURATED_COLOUR = "#8e24aa"


def _group_edges(data: ViewData) -> list[dict[str, Any]]:
    """Between groups of one theme: one edge per pair of reports with lineage links,
    labelled with their count (links between themes show when a group is opened)."""
    import math

    counts: dict[tuple[str, str], int] = {}
    for link in data.links:
        if link["kind"] in ("persists", "evolves"):
            a, b = data.findings[link["from"]]["group"], data.findings[link["to"]]["group"]
            counts[a, b] = counts.get((a, b), 0) + 1
    return [{"id": f"g{n}", "from": a, "to": b, "label": str(k), "arrows": "to",
             "width": 1 + math.log2(k), "color": {"color": "#8796a8", "inherit": False},
             "font": {"size": 22, "color": "#52606d", "strokeWidth": 4}}
            for n, ((a, b), k) in enumerate(sorted(counts.items()))
            if a != b and data.groups[a]["theme"] == data.groups[b]["theme"]]


def edge_dicts(data: ViewData, lang: str) -> list[dict[str, Any]]:
    """The vis-network edges: one per link; within-report links hidden at first.  When
    aggregated, one per pair of groups that lineage links join, with their count."""
    if data.aggregated:
        return _group_edges(data)
    out = []
    for link in data.links:
        style = dict(EDGE_STYLE.get(link["kind"], EDGE_STYLE["evolves"]))
        within = link["kind"] in ("drawsOn", "answers")
        edge: dict[str, Any] = {"id": link["id"], "from": link["from"], "to": link["to"],
                                "arrows": "to", "hidden": within, "dashes": style["dashes"],
                                "width": style["width"],
                                "color": {"color": style["color"], "inherit": False}}
        span = abs(data.findings[link["to"]]["x"] - data.findings[link["from"]]["x"])
        if span > COLUMN:  # bend a link that skips a report around that report's findings
            edge["smooth"] = {"enabled": True, "type": "curvedCW",
                              "roundness": min(0.5, 0.12 * span / COLUMN)}
        if link["method"] == "curated":
            edge["color"] = {"color": CURATED_COLOUR, "inherit": False}
            edge["label"] = word("curated", lang)
            edge["font"] = {"size": 11, "color": CURATED_COLOUR, "strokeWidth": 3}
        out.append(edge)
    return out

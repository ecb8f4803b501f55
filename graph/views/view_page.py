"""The interactive HTML view (``fynd view``): one self-contained, offline page.

pyvis (imported lazily) writes the network with vis-network inlined
(``cdn_resources="in_line"``); its two Bootstrap CDN tags are removed, and our own CSS,
data and script (``assets/view.css``, ``assets/view.js``) are added before ``</body>``.
Nodes and edges are handed to pyvis as lists (its ``add_node``/``add_edge`` are
quadratic).  No label or quote is ever markup: node titles are plain strings set by the
script, the panel is filled with ``textContent``, the data sits in a JSON script block
with ``<``, ``>`` and ``&`` escaped, and pyvis' ``heading`` and select menus are unused.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import TYPE_CHECKING, Any

from graph.errors import InputError
from graph.views.labels import check_lang, word, words_for
from graph.views.view_data import (
    COLUMN,
    ROW,
    TYPE_STYLE,
    ViewData,
    edge_dicts,
    node_dicts,
    read_reports,
    view_data,
)

if TYPE_CHECKING:
    import pyoxigraph as ox

_ASSETS = Path(__file__).resolve().parent / "assets"
_CDN_TAGS = re.compile(r"<link[^>]*bootstrap[^>]*>|<script[^>]*bootstrap[^>]*>\s*</script>",
                       re.IGNORECASE | re.DOTALL)
_EMPTY_HEADINGS = re.compile(r"<center>\s*<h1>\s*</h1>\s*</center>")
_OLD_COMMENT = re.compile(r"<!--\s*<link[^>]*node_modules.*?-->", re.DOTALL)
STATUSES = ("persisted", "evolved", "dropped", "new")
KINDS = ("persists", "evolves", "drawsOn", "answers")


def script_json(value: Any) -> str:
    """JSON that is safe inside ``<script>``: no ``<``, ``>`` or ``&`` left as such.

    >>> script_json({"a": "</script><b>&"})
    '{"a":"\\\\u003c/script\\\\u003e\\\\u003cb\\\\u003e\\\\u0026"}'
    """
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    return (text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
            .replace("\u2028", "\\u2028").replace("\u2029", "\\u2029"))


def _options() -> dict[str, Any]:
    return {
        "physics": {"enabled": False},
        "layout": {"improvedLayout": False},
        "interaction": {"hover": True, "tooltipDelay": 150, "multiselect": False,
                        "hideEdgesOnDrag": False, "zoomSpeed": 0.6},
        "edges": {"smooth": {"enabled": True, "type": "cubicBezier",
                             "forceDirection": "horizontal", "roundness": 0.45},
                  "arrows": {"to": {"enabled": True, "scaleFactor": 0.6}}},
        "nodes": {"font": {"size": 14, "strokeWidth": 3, "strokeColor": "#ffffff"}},
    }


def _payload(data: ViewData, lang: str, pictures: list[tuple[str, str]]) -> dict[str, Any]:
    from graph.views.plots import STATUS_BADGES, STATUS_COLOURS

    types = {t: {"label": word("type:" + t, lang), "plural": word("types:" + t, lang),
                 "color": c, "shape": s} for t, (c, s) in TYPE_STYLE.items()}
    return {
        "lang": lang, "words": words_for(lang), "types": types,
        "statuses": {s: {"label": word("status:" + s, lang), "color": STATUS_COLOURS[s],
                         "badge": STATUS_BADGES[s]} for s in STATUSES},
        "kinds": {k: word("kind:" + k, lang) for k in KINDS},
        "methods": {m: word(m, lang) for m in ("auto", "curated")},
        "reports": [{"id": r.id, "title": r.title, "year": r.year, "issued": r.issued,
                     "x": n * COLUMN} for n, r in enumerate(data.reports)],
        "lanes": [{**lane, "label": word("types:" + lane["type"], lang)}
                  for lane in data.lanes],
        "themes": data.themes, "findings": data.findings, "links": data.links,
        "aggregated": data.aggregated, "groups": data.groups, "row": ROW, "column": COLUMN,
        "pictures": pictures,
    }


def render_view(data: ViewData, lang: str = "en",
                pictures: list[tuple[str, str]] | None = None) -> str:
    """The page for *data*: pyvis' network plus our panel, filters, legend and tabs.

    Parameters
    ----------
    data
        From :func:`graph.views.view_data.view_data`.
    lang
        ``sv`` or ``en``: every word of the page.
    pictures
        The second tab's pictures as ``(caption, data URI)`` (see
        :func:`graph.views.trend_render.pictures`).

    Returns
    -------
    str
        One HTML document with no reference outside itself.

    Raises
    ------
    InputError
        For an unknown language.
    """
    check_lang(lang)
    import gc

    paused = gc.isenabled()
    gc.disable()  # as in view_data: the page's many small objects are not garbage
    try:
        return _render_view(data, lang, pictures)
    finally:
        if paused:
            gc.enable()


def _render_view(data: ViewData, lang: str, pictures: list[tuple[str, str]] | None) -> str:
    from pyvis.network import Network

    net = Network(height="100%", width="100%", directed=True, cdn_resources="in_line",
                  heading="")
    net.templateEnv = _template_env(net.templateEnv)
    net.nodes = node_dicts(data, lang)
    net.edges = edge_dicts(data, lang)
    net.options = _options()
    page = net.generate_html()
    page = _CDN_TAGS.sub("", page)
    page = _EMPTY_HEADINGS.sub("", page)
    page = _OLD_COMMENT.sub("", page)
    page = page.replace("<html>", f'<html lang="{lang}">', 1)
    page = page.replace("<head>", '<head>\n<meta charset="utf-8">\n'
                        f"<title>{_esc(word('view_title', lang))}</title>", 1)
    css = (_ASSETS / "view.css").read_text(encoding="utf-8")
    script = (_ASSETS / "view.js").read_text(encoding="utf-8")
    tail = (f"<style>{css}</style>\n"
            f'<script type="application/json" id="fynd-data">'
            f"{script_json(_payload(data, lang, pictures or []))}</script>\n"
            f"<script>{script}</script>\n</body>")
    head, sep, rest = page.rpartition("</body>")
    if not sep:
        raise InputError("pyvis wrote a page without </body>; this pyvis is not supported")
    return head + tail + rest


_ENV: list[Any] = []


def _template_env(env: Any) -> Any:
    """One Jinja environment per process, so pyvis' template is compiled once."""
    if not _ENV:
        _ENV.append(env)
    return _ENV[0]


def _esc(text: str) -> str:
    import html

    return html.escape(text)


def make_view(store: ox.Store, *, report: str | None = None, type: str | None = None,
              theme: str | None = None, status: str | None = None, lang: str = "en",
              raw: bool = False, aggregate_at: int | None = None) -> str:
    """The view page of the findings in *store*, optionally narrowed.

    Parameters
    ----------
    store
        A built graph (findings, lineage, themes).
    report, type, theme, status
        Keep only findings of this report id, type, theme (IRI, name or label) or
        lineage status.
    lang
        ``sv`` or ``en``.
    raw
        Recompute the automatic lineage, ignoring curation.
    aggregate_at
        Group past this many findings (default :data:`graph.views.view_data.AGGREGATE_AT`).

    Raises
    ------
    InputError
        For an unknown type, theme, status or language.
    """
    from graph.analysis.lineage_rdf import analyse_store, read_lineage, read_themes
    from graph.analysis.themes import load_themes
    from graph.rdf.read import read_findings
    from graph.views.trend_render import pictures
    from graph.views.trends import resolve_theme, trend_report
    from graph.views.view_data import AGGREGATE_AT

    check_lang(lang)
    if status is not None and status not in STATUSES:
        raise InputError(f"unknown status {status!r}; choose one of {', '.join(STATUSES)}")
    lineage = analyse_store(store) if raw else read_lineage(store)
    themes = read_themes(store)
    scheme = load_themes()
    rows = read_findings(store, report=report, type=type)
    if theme is not None:
        wanted = resolve_theme(theme, scheme, {t for ts in themes.values() for t in ts})
        keep = {iri for iri, ts in themes.items() if wanted in ts}
        rows = [r for r in rows if r.iri in keep or (r.restates or "") in keep]
    if status is not None:
        rows = [r for r in rows if lineage.status.get(r.restates or r.iri) == status]
    data = view_data(rows, lineage, themes, read_reports(store),
                     {t.iri: t.label(lang) for t in scheme},
                     aggregate_at=aggregate_at or AGGREGATE_AT)
    shown = pictures(trend_report(lineage, themes=themes, lang=lang), lang)
    return render_view(data, lang, shown)

"""One finding's lineage for ``fynd lineage``: :func:`lineage_of` gathers its ancestors,
descendants and links, :func:`render_lineage` writes them with both ends of every link
named by short id (``d3-short/rec-2``) and label, and every fixed word in sv or en.
"""

from __future__ import annotations

import json
from typing import Any

from graph.analysis.lineage import Lineage
from graph.errors import InputError
from graph.rdf.vocab import ID_BASE, parse_finding_iri
from graph.views.labels import word
from graph.views.trend_render import check_format, link_dict

_FINDING_BASE = ID_BASE + "finding/"

LINEAGE_FORMATS = ("text", "md", "json")


def short_id(iri: str) -> str:
    """A finding's short id, ``document/key``; any other IRI as it is.

    >>> short_id("https://w3id.org/fynd/id/finding/d3-short/rec-2"), short_id("a")
    ('d3-short/rec-2', 'a')
    """
    if iri.startswith(_FINDING_BASE) and "%" not in iri:
        rest = iri[len(_FINDING_BASE):]
        if rest.count("/") == 1 and not rest.startswith("/") and not rest.endswith("/"):
            return rest
    try:
        return "/".join(parse_finding_iri(iri))
    except ValueError:
        return iri


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
        with ``kind``, ``score``, ``method``, ``signal``, ``shape``, ``shared`` (words)
        and ``note``;
        ``ends`` names every finding these links touch (``id``, ``label``, ``report``,
        ``year``).

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

    def end(node_iri: str) -> dict[str, Any]:
        n = lineage.nodes.get(node_iri)
        return {"id": short_id(node_iri), "label": n.label if n else "",
                "report": n.report if n else "", "year": n.year if n else 0}

    def order(xs: set[str]) -> list[str]:
        return sorted(xs, key=lambda x: (lineage.nodes[x].position, x))

    up, down = nx.ancestors(g, iri), nx.descendants(g, iri)
    members = up | down | {iri}
    links = [link_dict(x) for x in lineage.links if x.source in members and x.target in members]
    within = [link_dict(x) for x in lineage.within if iri in (x.source, x.target)]
    touched = {x[k] for x in links + within for k in ("source", "target")} | {iri}
    return {
        "finding": describe(iri),
        "last_seen": lineage.last_seen.get(iri, ""),
        "ancestors": [describe(x) for x in order(up)],
        "descendants": [describe(x) for x in order(down)],
        "links": links,
        "within": within,
        "ends": {x: end(x) for x in sorted(touched)},
    }


def _end(result: dict[str, Any], iri: str) -> str:
    e = result["ends"].get(iri, {"id": iri, "label": ""})
    label = e["label"] if len(e["label"]) <= 50 else e["label"][:49].rstrip() + "…"
    return f"{e['id']} “{label}”" if label else e["id"]


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
    - 2022 r1 a: Säkra samverkan genom rutiner
    <BLANKLINE>
    Efterföljare
    (inga)
    <BLANKLINE>
    Länkar
    - a “Säkra samverkan genom rutiner” → b “Säkra samverkan genom rutiner”: består 1.00, automatisk; gemensamma ord: säkra, samverkan, rutiner
    """
    check_format(fmt, lang, LINEAGE_FORMATS)
    if fmt == "json":
        return json.dumps(result, ensure_ascii=False, indent=2)
    h = "## " if fmt == "md" else ""
    f = result["finding"]
    lines = [f"{h}{word('finding', lang)}: {f['label']}",
             (f"{f['report']} ({f['year']}), {word('type:' + f['type'], lang)}, "
              f"{word('status', lang)}: {word('status:' + f['status'], lang)}, "
              f"{word('last_seen', lang)} {result['last_seen']}"), ""]
    for key, items in (("ancestors", result["ancestors"]),
                       ("descendants", result["descendants"])):
        lines.append(f"{h}{word(key, lang)}")
        if not items:
            lines.append(word("none", lang))
        lines += [f"- {x['year']} {x['report']} {short_id(x['iri'])}: {x['label']}"
                  for x in items]
        lines.append("")
    lines.append(f"{h}{word('links', lang)}")
    steps = result["links"] + result["within"]
    if not steps:
        lines.append(word("none", lang))
    for link in steps:
        ends = f"{_end(result, link['source'])} → {_end(result, link['target'])}"
        shared = (f"; {word('shared', lang)}: {', '.join(link['shared'])}"
                  if link["shared"] else "")
        text = link.get("notes", {}).get(lang, link["note"])  # the curator's, in lang if given
        note = f"; {word('note', lang)}: {text}" if text else ""
        semantic = (f" ({word('semantic', lang)})" if link.get("signal") == "semantic"
                    and link["method"] == "auto" else "")
        lines.append(f"- {ends}: {word('kind:' + link['kind'], lang)} {link['score']:.2f}, "
                     f"{word('method:' + link['method'], lang)}{semantic}{shared}{note}")
    return "\n".join(lines)


def render_restatement(about: dict[str, Any], document: str, fmt: str = "text",
                       lang: str = "en") -> str:
    """A restating finding in words: what it restates, then its own evidence.

    *about* is :func:`graph.rdf.lookup.restatement` of the finding.  Quotes are report
    text, so Markdown gets them escaped.

    >>> about = {"id": "s/rec-1", "restates": "https://w3id.org/fynd/id/finding/f/rec-2",
    ...          "evidence": [{"start": 3, "end": 9, "quote": "Gör *x*"}]}
    >>> print(render_restatement(about, "s", "md", "en"), end="")
    ## s/rec-1 (s) restates f/rec-2; the lineage below is that finding's.
    Evidence in s:
    - 3-9: Gör \\*x\\*
    """
    from graph.views.tables import md_cell

    cell = md_cell if fmt == "md" else (lambda text: text)
    head = word("restates_head", lang, id=cell(about["id"]), document=cell(document),
                target=cell(short_id(about["restates"] or "")))
    lines = [f"## {head}" if fmt == "md" else head,
             word("evidence_in", lang, document=cell(document))]
    lines += [f"- {e['start']}-{e['end']}: {cell(' '.join(e['quote'].split()))}"
              for e in about["evidence"]]
    return "\n".join(lines) + "\n"

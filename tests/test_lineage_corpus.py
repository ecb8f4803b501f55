"""Lineage on the shipped corpus: invariance to file order, ids and small rewordings,
and the lineage written into the graph."""

from __future__ import annotations

import tomllib

import pyoxigraph as ox

from graph.analysis.lineage_rdf import analyse_store, read_lineage
from graph.pipeline import build
from graph.rdf.store import open_store, run_query

from .conftest import REPORTS

NEW_IDS = {"d1-full": "initiering", "d1-short": "initiering-kort", "d2-short": "aktiv-fas",
           "d3-short": "piloter", "d4-short": "slutstudie"}
REPORT_IDS = {"d1": "fas1", "d2": "fas2", "d3": "fas3", "d4": "slut"}
REWORDED = {"d3-short": [("Ha tålamod för", "Visa tålamod för")],
            "d4-short": [("Vi rekommenderar", "Vi föreslår")]}


def _shuffled_corpus(tmp_path):
    """The shipped corpus with other file names and ids, documents listed in reverse
    order, and a few findings reworded."""
    catalog = tomllib.loads((REPORTS / "catalog.toml").read_text(encoding="utf-8"))
    lines = []
    for report in reversed(catalog["report"]):
        lines += ["[[report]]", f'id = "{REPORT_IDS[report["id"]]}"',
                  f'title = "{report["title"]}"', f'issued = "{report["issued"]}"',
                  f'series = {report["series"]}', ""]
    for doc in reversed(catalog["document"]):
        old = doc["file"].removesuffix(".txt")
        text = (REPORTS / doc["file"]).read_text(encoding="utf-8")
        for before, after in REWORDED.get(old, []):
            assert before in text
            text = text.replace(before, after)
        (tmp_path / f"{NEW_IDS[old]}.txt").write_text(text, encoding="utf-8")
        lines += ["[[document]]", f'file = "{NEW_IDS[old]}.txt"',
                  f'report = "{REPORT_IDS[doc["report"]]}"', f'version = "{doc["version"]}"']
        if "restates" in doc:
            lines.append(f'restates = "{NEW_IDS[doc["restates"]]}"')
        lines.append("")
    (tmp_path / "catalog.toml").write_text("\n".join(lines), encoding="utf-8")
    return tmp_path


def _chains(lineage, rename=None):
    """Chains as tuples of (document, finding key), document ids mapped back."""
    back = {v: k for k, v in (rename or {}).items()}

    def key(iri):
        doc, finding = iri.rsplit("/", 2)[-2:]
        return back.get(doc, doc), finding

    return sorted(tuple(key(i) for i in chain) for family in lineage.families
                  for chain in lineage.chains(family) if len(chain) > 1)


def test_same_chains_with_other_order_ids_and_rewordings(store_path, tmp_path):
    original = analyse_store(open_store(store_path))
    (tmp_path / "corpus").mkdir()
    corpus = _shuffled_corpus(tmp_path / "corpus")
    other = tmp_path / "store"
    build(corpus, other, raw=True)
    shuffled = analyse_store(open_store(other))
    assert _chains(original)  # there is something to compare
    assert _chains(shuffled, NEW_IDS) == _chains(original)
    status = {k: v for k, v in original.status.items()}
    renamed = {iri: s for iri, s in shuffled.status.items()}
    assert sorted(status.values()) == sorted(renamed.values())


def test_lineage_is_in_the_graph_with_provenance(store_path):
    store = open_store(store_path)
    lineage = read_lineage(store)
    assert lineage.links and lineage.status
    rows = run_query(store, """
        SELECT ?kind ?method (COUNT(?l) AS ?n) WHERE {
          ?l a fynd:Link ; fynd:kind ?kind ; fynd:method ?method ;
             prov:wasGeneratedBy ?activity ; prov:wasDerivedFrom ?f .
        } GROUP BY ?kind ?method""").rows
    kinds = {(k, m) for k, m, _ in rows}
    assert ("persists", "auto") in kinds and ("evolves", "curated") in kinds
    assert any(k == "drawsOn" for k, _ in kinds) or any(k == "answers" for k, _ in kinds)
    # Every recommendation has a status.
    missing = run_query(store, """
        SELECT ?f WHERE { ?f a fynd:Recommendation .
          FILTER NOT EXISTS { ?f fynd:restates ?x }
          FILTER NOT EXISTS { ?f fynd:status ?s } }""").rows
    assert missing == []


def test_curated_links_carry_their_note(store_path):
    rows = run_query(open_store(store_path), """
        SELECT ?note WHERE { ?l fynd:method "curated" ; fynd:note ?note }""").rows
    assert rows and all(r[0] for r in rows)


def test_validate_conforms_with_the_lineage(store_path):
    from graph.rdf.validate import validate

    assert validate(open_store(store_path)).conforms


def test_raw_and_curated_differ_only_where_curation_says(store_path):
    store = open_store(store_path)
    curated = {(x.source, x.target) for x in read_lineage(store).links}
    raw = {(x.source, x.target) for x in analyse_store(store).links}
    assert curated != raw
    assert isinstance(store, ox.Store)

"""Named queries rewritten for speed give the rows of their former, slower wording.

``recommendations-by-year`` chose each recommendation's first evidence span with a
``FILTER NOT EXISTS`` over every pair of spans (207 s at 10,000 findings); ``mentions``
filtered labels after joining every finding to its report (35x the time for 10x the data);
``persisted-first-to-last`` walked the lineage paths of every finding (44x).  The former
texts are kept here as the reference."""

from __future__ import annotations

from graph.rdf.queries import bind, named_query_text
from graph.rdf.store import open_store, run_query

FORMER_RECOMMENDATIONS_BY_YEAR = """
SELECT ?year ?report ?document ?ordinal ?label ?quote ?finding
WHERE {
  ?finding a fynd:Recommendation ; fynd:report ?r ; fynd:document ?d ; fynd:ordinal ?ordinal ;
           rdfs:label ?label ; fynd:evidence ?ev .
  ?r fynd:reportId ?report ; fynd:year ?y ; fynd:seriesPosition ?pos .
  ?d fynd:documentId ?document .
  ?ev oa:hasSelector ?sel ; oa:hasSelector ?at .
  ?sel a oa:TextQuoteSelector ; oa:exact ?quote .
  ?at a oa:TextPositionSelector ; oa:start ?start .
  FILTER NOT EXISTS { ?finding fynd:restates ?other }
  FILTER NOT EXISTS {
    ?finding fynd:evidence ?ev2 . ?ev2 oa:hasSelector ?at2 .
    ?at2 a oa:TextPositionSelector ; oa:start ?start2 .
    FILTER (?start2 < ?start)
  }
  BIND (xsd:integer(STR(?y)) AS ?year)
}
ORDER BY ?pos ?document ?start
"""

FORMER_MENTIONS = """
SELECT ?report ?type ?document ?label ?finding
WHERE {
  ?finding fynd:report ?r ; fynd:document ?d ; rdfs:label ?label ; a ?class .
  ?class rdfs:subClassOf* fynd:Finding .
  FILTER (?class != fynd:Finding)
  ?r fynd:reportId ?report ; fynd:seriesPosition ?pos .
  ?d fynd:documentId ?document .
  FILTER (CONTAINS(LCASE(STR(?label)), LCASE(STR(?term))))
  BIND (STRAFTER(STR(?class), "#") AS ?type)
}
ORDER BY ?pos ?document ?type
"""


FORMER_PERSISTED_FIRST_TO_LAST = """
SELECT ?status ?firstLabel ?lastReport ?lastLabel ?first ?last
WHERE {
  { SELECT (MIN(?p) AS ?minPos) (MAX(?p) AS ?maxPos) WHERE { ?any fynd:seriesPosition ?p } }
  ?first a fynd:Recommendation ; fynd:report ?r1 ; rdfs:label ?firstLabel ; fynd:status ?status .
  ?r1 fynd:seriesPosition ?minPos .
  ?first (fynd:persistsAs|fynd:evolvesInto)+ ?last .
  ?last fynd:report ?r2 ; rdfs:label ?lastLabel .
  ?r2 fynd:seriesPosition ?maxPos ; fynd:reportId ?lastReport .
  FILTER NOT EXISTS { ?first fynd:restates ?x }
}
ORDER BY ?status ?first
"""


def test_persisted_first_to_last_gives_the_rows_of_the_paths_from_every_finding(store_path):
    store = open_store(store_path)
    now = run_query(store, named_query_text("persisted-first-to-last", {})).rows
    former = run_query(store, FORMER_PERSISTED_FIRST_TO_LAST).rows
    assert now
    # ORDER BY leaves the last findings of one first finding in any order.
    assert sorted(now, key=str) == sorted(former, key=str)
    assert [(r[0], r[4]) for r in now] == [(r[0], r[4]) for r in former]


def test_recommendations_by_year_gives_the_rows_of_the_not_exists_wording(store_path):
    store = open_store(store_path)
    now = run_query(store, named_query_text("recommendations-by-year", {})).rows
    assert len(now) > 10
    assert now == run_query(store, FORMER_RECOMMENDATIONS_BY_YEAR).rows


def test_mentions_gives_the_rows_of_the_filter_after_the_joins(store_path):
    store = open_store(store_path)
    for term in ("samverkan", "Risk", "ingen-sådan-term"):
        now = run_query(store, named_query_text("mentions", {"term": term})).rows
        former = run_query(store, bind(FORMER_MENTIONS, {"term": term})).rows
        # ORDER BY leaves findings of one report, document and type in any order.
        assert sorted(now, key=str) == sorted(former, key=str)
        assert [r[:3] for r in now] == [r[:3] for r in former]
    assert run_query(store, named_query_text("mentions", {"term": "samverkan"})).rows


def test_a_parameter_used_only_in_a_subquery_is_bound_there():
    text = named_query_text("mentions", {"term": "samverkan"})
    sub = text.index("SELECT ?finding ?label WHERE {")
    assert text.index('VALUES (?term) { ("samverkan") }') > sub

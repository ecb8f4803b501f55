"""The named queries answer the competency questions on the shipped corpus."""

from __future__ import annotations

import json

import pytest

from graph.cli import app
from graph.rdf.queries import list_queries, named_query_text
from graph.rdf.store import open_store, run_query
from graph.rdf.vocab import finding_iri


def ask(store_path, name, **params):
    result = run_query(open_store(store_path), named_query_text(name, params))
    return [dict(zip(result.columns, row)) for row in result.rows]


def test_every_named_query_says_what_it_answers_and_runs(store_path):
    names = {q.name for q in list_queries()}
    assert {"recommendations-by-year", "findings-by-type", "evidence", "mentions", "counts",
            "chain", "dropped", "persisted-first-to-last"} <= names
    for q in list_queries():
        assert q.description, q.name
        if not q.params:
            assert ask(store_path, q.name), q.name


def test_recommendations_by_year_in_order_with_quotes(store_path):
    rows = ask(store_path, "recommendations-by-year")
    assert [r["year"] for r in rows] == sorted(r["year"] for r in rows)
    d3 = [r for r in rows if r["report"] == "d3"]
    assert [r["ordinal"] for r in d3] == [str(n) for n in range(1, 11)]
    assert all(r["quote"] for r in rows)
    # The d1 short version's box restates the full report: not listed twice.
    assert not any(r["document"] == "d1-short" for r in rows)


def test_findings_by_type_of_one_report(store_path):
    rows = ask(store_path, "findings-by-type", report="d1", type="Risk")
    assert rows and {r["report"] for r in rows} == {"d1"}
    assert {r["typeName"] for r in rows} == {"Risk"}
    assert sum(r["method"] == "table" for r in rows) == 10


def test_evidence_of_a_finding_gives_both_spans_with_sections(store_path):
    rows = ask(store_path, "evidence", finding=finding_iri("d1-full", "rec-2").value)
    assert [r["section"] for r in rows] == ["Sammanfattning", "Diskussion och rekommendationer"]
    assert all(int(r["start"]) < int(r["end"]) for r in rows)


def test_mentions_finds_compounds(store_path):
    rows = ask(store_path, "mentions", term="samverkan")
    assert any("samverkansformer" in r["label"] for r in rows)


def test_counts_per_type_per_report(store_path):
    rows = {(r["report"], r["type"]): int(r["findings"]) for r in ask(store_path, "counts")}
    assert rows[("d3", "Recommendation")] == 10
    assert rows[("d4", "Recommendation")] == 8


def test_dropped_and_persisted_from_first_to_last(store_path):
    dropped = ask(store_path, "dropped")
    assert dropped and all(r["lastSeen"] for r in dropped)
    through = ask(store_path, "persisted-first-to-last")
    assert {r["lastReport"] for r in through} == {"d4"}
    assert any(r["status"] == "persisted" for r in through)


def test_chain_of_a_recommendation_runs_in_time_order(store_path):
    rows = ask(store_path, "chain", finding=finding_iri("d3-short", "rec-2").value)
    assert [r["report"] for r in rows] == ["d3", "d4"]
    assert rows[1]["kind"] == "persists"


def test_unknown_parameter_is_an_error(runner, store_path):
    result = runner.invoke(app, ["query", "--name", "counts", "--param", "x=1",
                                 "--store", str(store_path)])
    assert result.exit_code == 2
    assert "has no parameter 'x'" in result.stderr


def test_findings_json_has_the_documented_fields(runner, store_path):
    result = runner.invoke(app, ["findings", "--report", "d3", "--type", "recommendation",
                                 "--format", "json", "--store", str(store_path)])
    assert result.exit_code == 0, result.output
    rows = json.loads(result.stdout)
    assert len(rows) == 10
    for key in ("iri", "report", "document", "year", "type", "label", "section", "ordinal",
                "quote", "start", "end", "method", "confidence", "restates"):
        assert key in rows[0]
    assert rows[0]["year"] == 2025 and rows[0]["type"] == "recommendation"


@pytest.mark.parametrize("fmt", ["table", "csv", "md"])
def test_findings_formats(runner, store_path, fmt):
    result = runner.invoke(app, ["findings", "--report", "d4", "--format", fmt,
                                 "--store", str(store_path)])
    assert result.exit_code == 0
    assert "Verksamhetsnära målsättningar" in result.stdout

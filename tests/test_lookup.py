"""Every finding `fynd findings` lists can be looked up, by IRI or short IRI; the table
shows the short IRI and the section; every command takes --store; Turtle and JSON-LD
exports round-trip exactly."""

from __future__ import annotations

import json

import pyoxigraph as ox
import pytest

from graph.cli import app
from graph.rdf.store import export, open_store


def _findings(runner, store_path):
    result = runner.invoke(app, ["findings", "--format", "json", "--store", str(store_path)])
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def test_every_listed_finding_resolves_in_lineage(runner, store_path):
    rows = _findings(runner, store_path)
    restating = [r for r in rows if r["restates"]]
    assert len(restating) >= 11
    for row in rows:
        result = runner.invoke(app, ["lineage", row["iri"], "--format", "json",
                                     "--store", str(store_path)])
        assert result.exit_code == 0, (row["iri"], result.output)
        found = json.loads(result.stdout)
        assert found["finding"]["iri"] == (row["restates"] or row["iri"])
        if row["restates"]:
            assert found["restatement"]["iri"] == row["iri"]
            assert found["restatement"]["evidence"][0]["quote"] == row["quote"]


def test_a_restatement_shows_its_own_evidence_and_what_it_restates(runner, store_path):
    row = next(r for r in _findings(runner, store_path) if r["restates"])
    short = row["iri"].split("/finding/")[1]
    result = runner.invoke(app, ["lineage", short, "--store", str(store_path)])
    assert result.exit_code == 0, result.output
    first = result.stdout.splitlines()[0]
    assert first.startswith(f"{short} ({row['document']}) restates "
                            f"{row['restates'].split('/finding/')[1]}")
    assert " ".join(row["quote"].split()) in result.stdout


def test_short_iris_work_for_named_query_parameters(runner, store_path):
    for name in ("evidence", "chain"):
        long = runner.invoke(app, ["query", "--name", name, "--format", "json", "--param",
                                   "finding=https://w3id.org/fynd/id/finding/d1-short/rec-2",
                                   "--store", str(store_path)])
        short = runner.invoke(app, ["query", "--name", name, "--format", "json", "--param",
                                    "finding=d1-short/rec-2", "--store", str(store_path)])
        assert long.exit_code == 0 and long.stdout == short.stdout
        assert json.loads(short.stdout), name  # a restatement has evidence and a chain


def test_an_unknown_finding_is_one_line(runner, store_path):
    result = runner.invoke(app, ["lineage", "d1-short/nope-9", "--store", str(store_path)])
    assert result.exit_code == 2
    assert result.stderr.strip().startswith("Error: no finding d1-short/nope-9 in the graph")


@pytest.mark.parametrize("fmt", ["table", "md", "csv"])
def test_findings_show_the_short_iri_and_the_section(runner, store_path, fmt):
    result = runner.invoke(app, ["findings", "--report", "d1", "--format", fmt,
                                 "--store", str(store_path)])
    assert result.exit_code == 0
    header = result.stdout.splitlines()[0]
    assert "id" in header and "section" in header
    assert "d1-short/rec-2" in result.stdout and "Sammanfattning" in result.stdout


def test_every_command_takes_store(runner, store_path):
    from typer.main import get_command

    for name, command in get_command(app).commands.items():  # type: ignore[attr-defined]
        assert any("--store" in p.opts for p in command.params), name
    for args in (["queries"], ["text", "d1-short", "--raw"]):
        result = runner.invoke(app, [*args, "--store", str(store_path)])
        assert result.exit_code == 0, (args, result.output)


@pytest.mark.parametrize("fmt,rdf_format", [("ttl", ox.RdfFormat.TURTLE),
                                            ("jsonld", ox.RdfFormat.JSON_LD),
                                            ("trig", ox.RdfFormat.TRIG)])
def test_exports_round_trip_exactly(store_path, fmt, rdf_format):
    store = open_store(store_path)
    data = export(store, fmt)
    again = ox.Store()
    again.load(data, format=rdf_format)
    if fmt == "ttl":  # triples: the union of the graphs
        want = {(q.subject, q.predicate, q.object) for q in store}
        got = {(q.subject, q.predicate, q.object) for q in again}
    else:
        want, got = set(store), set(again)
    assert got == want and len(got) > 1000

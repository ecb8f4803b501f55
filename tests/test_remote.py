"""Remote stores: push the graph to a real Oxigraph server on loopback and read it back
with --store URL; every reading command answers as it does on the embedded store."""

from __future__ import annotations

import json

import pyoxigraph as ox
import pytest

from graph.cli import app
from graph.rdf.remote import RemoteStore

from .oxigraph_server import oxigraph_server
from .remote_checks import assert_same_findings, assert_same_trends, run_ok


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    with oxigraph_server(tmp_path_factory.mktemp("oxigraph")) as url:
        yield url


@pytest.fixture(scope="module")
def pushed(server, store_path):
    from typer.testing import CliRunner

    result = CliRunner().invoke(app, ["push", "--store", server, "--from", str(store_path),
                                      "--replace"])
    assert result.exit_code == 0, result.output
    assert "Pushed" in result.stdout
    return server


def test_push_loads_every_quad(pushed, store_path):
    from graph.rdf.store import open_store

    assert len(RemoteStore(pushed)) == len(open_store(store_path))


def test_trends_from_the_server_is_the_same_report(pushed, store_path, runner):
    assert_same_trends(runner, store_path, pushed)


def test_findings_from_the_server_are_the_same_rows(pushed, store_path, runner):
    assert_same_findings(runner, store_path, pushed)
    only = json.loads(run_ok(runner, "findings", "--report", "d2", "--type", "recommendation",
                           "--format", "json", "--store", pushed))
    assert only and {(r["report"], r["type"]) for r in only} == {("d2", "recommendation")}


@pytest.mark.parametrize("args", [["--name", "counts"], ["--name", "dropped"],
                                  ["--name", "findings-by-type", "--param", "report=d1"],
                                  ["ASK { ?f a fynd:Risk }"]])
def test_query_from_the_server_gives_the_same_rows(pushed, store_path, runner, args):
    local = run_ok(runner, "query", *args, "--format", "csv", "--store", str(store_path))
    remote = run_ok(runner, "query", *args, "--format", "csv", "--store", pushed)
    assert sorted(remote.splitlines()) == sorted(local.splitlines())


def test_lineage_export_and_validate_from_the_server(pushed, store_path, runner):
    iri = "https://w3id.org/fynd/id/finding/d3-short/rec-2"
    assert run_ok(runner, "lineage", iri, "--store", pushed) == \
        run_ok(runner, "lineage", iri, "--store", str(store_path))
    local = set(ox.parse(run_ok(runner, "export", "--format", "nq", "--store",
                              str(store_path)).encode(), format=ox.RdfFormat.N_QUADS))
    remote = set(ox.parse(run_ok(runner, "export", "--format", "nq", "--store",
                               pushed).encode(), format=ox.RdfFormat.N_QUADS))
    assert remote == local
    assert "conforms" in run_ok(runner, "validate", "--store", pushed)


def test_per_graph_push_replaces_each_graph(tmp_path, store_path):
    from graph.rdf.push import push
    from graph.rdf.store import open_store

    local = open_store(store_path)
    with oxigraph_server(tmp_path / "db") as url:
        assert push(local, url, replace=True, per_graph=True).quads == len(local)
        assert push(local, url, replace=True, per_graph=True).quads == len(local)
        assert len(RemoteStore(url)) == len(local)


def test_errors_are_one_line(runner, tmp_path):
    from .oxigraph_server import free_port

    url = f"http://127.0.0.1:{free_port()}"
    result = runner.invoke(app, ["findings", "--store", url])
    assert result.exit_code == 2 and "cannot reach" in result.output
    result = runner.invoke(app, ["push", "--store", str(tmp_path)])
    assert result.exit_code == 2 and "must be an http(s):// URL" in result.output


def test_a_bad_query_says_what_the_server_said(pushed, runner):
    result = runner.invoke(app, ["query", "SELECT ?x WHERE {", "--store", pushed])
    assert result.exit_code == 2 and "refused the query" in result.output


def test_the_oxigraph_server_is_told_by_its_answers(server):
    from graph.rdf.remote import OXIGRAPH, server_kind

    assert server_kind(server) == OXIGRAPH
    assert server_kind(server + "/query") == OXIGRAPH

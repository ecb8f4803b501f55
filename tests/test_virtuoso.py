"""Remote stores on Virtuoso 7.2 (Debian ``virtuoso-opensource``), started on loopback by
the test: ``fynd push`` sends each named graph with HTTP Digest auth, and every reading
command on ``--store http://…/sparql`` answers as it does on the embedded store."""

from __future__ import annotations

import pyoxigraph as ox
import pytest

from graph.cli import app
from graph.rdf.remote import GRAPHS, VIRTUOSO, RemoteStore, server_kind

from .remote_checks import assert_same_findings, assert_same_trends, run_ok
from .virtuoso_server import virtuoso_server

#: A fresh Virtuoso database's administrator.
DBA = {"FYND_STORE_AUTH": "dba:dba"}


@pytest.fixture(scope="module")
def virtuoso(tmp_path_factory):
    with virtuoso_server(tmp_path_factory.mktemp("virtuoso")) as url:
        yield url


@pytest.fixture(scope="module")
def pushed(virtuoso, store_path):
    from typer.testing import CliRunner

    # A graph of fynd's that the built graph does not have: --replace deletes it.
    stale = ox.Store()
    stale.add(ox.Quad(ox.NamedNode("https://w3id.org/fynd/id/finding/old/rec-1"),
                      ox.NamedNode("http://www.w3.org/2000/01/rdf-schema#label"),
                      ox.Literal("gammal", language="sv"), ox.NamedNode(GRAPHS + "old")))
    from graph.rdf.push import push

    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("FYND_STORE_AUTH", "dba:dba")
        assert push(stale, virtuoso).graphs == 1
    out = run_ok(CliRunner(), "push", "--store", virtuoso + "/sparql", "--from", str(store_path),
               "--replace", env=DBA)
    assert "virtuoso" in out and "1 graphs no longer built deleted" in out
    return virtuoso + "/sparql"


def test_the_server_is_told_by_its_answers(virtuoso):
    assert server_kind(virtuoso) == VIRTUOSO
    assert server_kind(virtuoso + "/sparql") == VIRTUOSO


def test_push_needs_the_credentials_from_the_environment(virtuoso, store_path, runner):
    result = runner.invoke(app, ["push", "--store", virtuoso, "--from", str(store_path)],
                           env={"FYND_STORE_AUTH": "", "FYND_STORE_TOKEN": ""})
    assert result.exit_code != 0 and "HTTP 401" in result.output
    assert "FYND_STORE_AUTH" in result.output
    result = runner.invoke(app, ["push", "--store", virtuoso, "--from", str(store_path)],
                           env={"FYND_STORE_AUTH": "dba:wrong"})
    assert result.exit_code != 0 and "401" in result.output


def test_push_loads_every_quad_and_no_more(pushed, store_path):
    from graph.rdf.store import open_store

    local = open_store(store_path)
    remote = RemoteStore(pushed)
    assert len(remote) == len(local)
    assert remote.graphs() == sorted({q.graph_name.value for q in local})
    # Virtuoso's own graphs are still there (the push touched only fynd's).
    assert remote.query("ASK { GRAPH <http://www.openlinksw.com/schemas/virtrdf#> "
                        "{ ?s ?p ?o } }")


def test_trends_from_virtuoso_is_the_same_report(pushed, store_path, runner):
    assert_same_trends(runner, store_path, pushed)


def test_findings_query_and_export_from_virtuoso(pushed, store_path, runner):
    assert_same_findings(runner, store_path, pushed)
    for args in (["--name", "counts"], ["ASK { ?f a fynd:Risk }"]):
        assert sorted(run_ok(runner, "query", *args, "--format", "csv", "--store", pushed)
                      .splitlines()) == sorted(run_ok(runner, "query", *args, "--format", "csv",
                                                    "--store", str(store_path)).splitlines())
    exported = {fmt: set(ox.parse(run_ok(runner, "export", "--format", "nq", "--store", where)
                                  .encode(), format=ox.RdfFormat.N_QUADS))
                for fmt, where in (("local", str(store_path)), ("remote", pushed))}
    assert exported["remote"] == exported["local"]

"""The CLI through typer's CliRunner: exit codes, one-line errors, state via the library."""

from __future__ import annotations

import json
import shutil

import pyoxigraph as ox
import pytest

from graph.cli import app
from graph.rdf.store import atomic_store, open_store, run_query

from .conftest import REPORTS


def _one_line_error(result, *parts):
    assert result.exit_code == 2, result.output
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(lines) == 1 and lines[0].startswith("Error: "), result.stderr
    for part in parts:
        assert part in lines[0]
    assert "Traceback" not in result.output


@pytest.fixture
def tiny_store(tmp_path):
    path = tmp_path / "store"
    with atomic_store(path) as store:
        store.add(ox.Quad(ox.NamedNode("http://a"), ox.NamedNode("http://b"), ox.Literal("c"),
                          ox.NamedNode("http://g")))
    return path


def test_help_lists_every_command(runner):
    result = runner.invoke(app, ["--help"])
    assert result.exit_code == 0
    for command in ("build", "validate", "export", "text", "findings", "query", "queries"):
        assert command in result.output


def test_build_of_a_missing_directory_is_a_one_line_error(runner, tmp_path):
    result = runner.invoke(app, ["build", "--reports", str(tmp_path / "nope"),
                                 "--store", str(tmp_path / "s")])
    _one_line_error(result, "reports directory not found")
    assert not (tmp_path / "s").exists()


def test_malformed_catalog_names_line_and_column(runner, tmp_path):
    (tmp_path / "catalog.toml").write_text('[[report]]\nid = "r1\n', encoding="utf-8")
    result = runner.invoke(app, ["build", "--reports", str(tmp_path),
                                 "--store", str(tmp_path / "s")])
    _one_line_error(result, "catalog.toml:2:")


def test_catalog_naming_a_missing_file_is_an_error(runner, tmp_path):
    (tmp_path / "catalog.toml").write_text(
        '[[report]]\nid = "r"\ntitle = "T"\nissued = 2022\nseries = 1\n'
        '[[document]]\nfile = "gone.txt"\nreport = "r"\n', encoding="utf-8")
    result = runner.invoke(app, ["build", "--reports", str(tmp_path),
                                 "--store", str(tmp_path / "s")])
    _one_line_error(result, "file not found: gone.txt")


def test_failed_build_leaves_the_previous_graph_intact(runner, tiny_store, tmp_path):
    bad = tmp_path / "bad"
    shutil.copytree(REPORTS, bad)
    (bad / "d2-short.txt").write_bytes(b"\xff\xfe not utf-8")
    result = runner.invoke(app, ["build", "--reports", str(bad), "--store", str(tiny_store)])
    _one_line_error(result, "d2-short.txt", "not UTF-8")
    rows = run_query(open_store(tiny_store), "SELECT ?o WHERE { ?s ?p ?o }").rows
    assert rows == [["c"]]


def test_invalid_sparql_names_line_and_column(runner, tiny_store):
    result = runner.invoke(app, ["query", "SELECT ?s WHERE {\n ?s ?p }",
                                 "--store", str(tiny_store)])
    _one_line_error(result, "query:2:", "SPARQL syntax error")


def test_unknown_named_query_lists_the_known_ones(runner, tiny_store):
    result = runner.invoke(app, ["query", "--name", "nope", "--store", str(tiny_store)])
    _one_line_error(result, "unknown named query 'nope'", "recommendations-by-year")


def test_query_needs_exactly_one_source(runner, tiny_store):
    result = runner.invoke(app, ["query", "--store", str(tiny_store)])
    _one_line_error(result, "exactly one of")


def test_query_on_a_missing_store_says_to_build(runner, tmp_path):
    result = runner.invoke(app, ["query", "ASK {}", "--store", str(tmp_path / "none")])
    _one_line_error(result, "fynd build")


def test_query_formats(runner, tiny_store):
    result = runner.invoke(app, ["query", "SELECT ?o WHERE { ?s ?p ?o }", "--format", "json",
                                 "--store", str(tiny_store)])
    assert result.exit_code == 0
    assert json.loads(result.stdout) == [{"o": "c"}]
    result = runner.invoke(app, ["query", "SELECT ?o WHERE { ?s ?p ?o }", "--format", "csv",
                                 "--store", str(tiny_store)])
    assert result.stdout.splitlines() == ["o", "c"]
    result = runner.invoke(app, ["query", "SELECT ?o WHERE { ?s ?p ?o }", "--format", "xml",
                                 "--store", str(tiny_store)])
    _one_line_error(result, "unknown format 'xml'")


def test_export_formats_parse_back(runner, tiny_store, tmp_path):
    for fmt, rdf_format in (("ttl", ox.RdfFormat.TURTLE), ("trig", ox.RdfFormat.TRIG),
                            ("nt", ox.RdfFormat.N_TRIPLES), ("jsonld", ox.RdfFormat.JSON_LD)):
        out = tmp_path / f"g.{fmt}"
        result = runner.invoke(app, ["export", "--format", fmt, "--out", str(out),
                                     "--store", str(tiny_store)])
        assert result.exit_code == 0, result.output
        assert len(list(ox.parse(path=str(out), format=rdf_format))) == 1


def test_text_of_an_unknown_document(runner):
    result = runner.invoke(app, ["text", "nope", "--raw", "--reports", str(REPORTS)])
    _one_line_error(result, "no document 'nope'")


def test_text_raw_prints_the_file_as_extracted(runner):
    result = runner.invoke(app, ["text", "d1-short", "--raw", "--reports", str(REPORTS)])
    assert result.exit_code == 0
    assert result.stdout == (REPORTS / "d1-short.txt").read_text(encoding="utf-8")


def test_findings_with_an_unknown_type(runner, tiny_store):
    result = runner.invoke(app, ["findings", "--type", "wish", "--store", str(tiny_store)])
    _one_line_error(result, "unknown type 'wish'")


def test_validate_fails_with_a_readable_list_on_a_broken_graph(runner, tmp_path):
    from graph.rdf.vocab import FYND, XSD, finding_iri, graph_iri

    from .tiny_graph import tiny_quads

    path = tmp_path / "store"
    with atomic_store(path) as store:
        store.extend(tiny_quads())
        store.add(ox.Quad(finding_iri("r1-full", "sf-1"), FYND.confidence,
                          ox.Literal("1.5", datatype=XSD.decimal), graph_iri("r1-full")))
    result = runner.invoke(app, ["validate", "--store", str(path)])
    assert result.exit_code == 1
    assert "finding/r1-full/sf-1" in result.stderr and "confidence" in result.stderr
    assert result.stderr.strip().splitlines()[-1].startswith("Error: the graph does not conform")


def test_validate_conforms_on_the_shipped_corpus(runner, store_path):
    result = runner.invoke(app, ["validate", "--store", str(store_path)])
    assert result.exit_code == 0, result.output
    assert "conforms" in result.stdout


def test_text_stats_shows_repair_reaching_the_clean_texts(runner):
    result = runner.invoke(app, ["text", "all", "--stats", "--format", "json",
                                 "--reports", str(REPORTS)])
    assert result.exit_code == 0, result.output
    rows = {r["document"]: r for r in json.loads(result.stdout)}
    clean = min(float(rows[d]["after repair"]) for d in ("d1-full", "d3-short"))
    for damaged in ("d1-short", "d2-short"):
        assert float(rows[damaged]["in lexicon before"]) < clean
        assert float(rows[damaged]["after repair"]) >= clean


def test_repaired_text_has_no_glyphs_or_gaps(runner):
    from graph.ingest.repair import is_glyph

    for doc in ("d1-short", "d2-short"):
        result = runner.invoke(app, ["text", doc, "--reports", str(REPORTS)])
        assert result.exit_code == 0
        text = result.stdout
        assert not any(is_glyph(ch) for ch in text)
        import re
        assert not re.search(r"\w {2,}\w", text)          # no gap left by a dropped glyph
        assert not re.search(r"\b(fi|fl|ff) [a-zåäö]", text)  # no split ligature


def test_build_shows_counts_and_writes_the_store(runner, tmp_path):
    result = runner.invoke(app, ["build", "--reports", str(REPORTS),
                                 "--store", str(tmp_path / "s"), "--raw"])
    assert result.exit_code == 0, result.output
    assert "recommendation" in result.stdout
    rows = run_query(open_store(tmp_path / "s"),
                     "SELECT (COUNT(?f) AS ?n) WHERE { ?f a fynd:Recommendation }").rows
    assert int(rows[0][0]) > 31


def test_an_interrupted_build_leaves_the_previous_graph_and_no_debris(tiny_store):
    from graph.pipeline import build

    def interrupt(step, done, total):
        if step == "lineage":  # inside the new store, after the findings are written
            raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        build(REPORTS, tiny_store, progress=interrupt, raw=True)
    rows = run_query(open_store(tiny_store), "SELECT ?o WHERE { ?s ?p ?o }").rows
    assert rows == [["c"]]
    assert [p.name for p in tiny_store.parent.iterdir()] == ["store"]

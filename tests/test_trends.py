"""The trend report on small hand-made lineages, and the trends/lineage commands."""

from __future__ import annotations

import json

import pytest

from graph.cli import app
from graph.errors import InputError
from graph.lineage import Node, analyse
from graph.trends import lineage_of, render_lineage, render_trends, trend_report


def rec(iri, position, label):
    return Node(iri, f"r{position}", position, 2021 + position, "recommendation", label)


@pytest.fixture
def lineage():
    return analyse([
        rec("a1", 1, "Säkra samverkan genom gemensamma rutiner och avsatta tider"),
        rec("a2", 2, "Säkra samverkan genom gemensamma rutiner och avsatta tider"),
        rec("a3", 3, "Säkra samverkan genom gemensamma rutiner och avsatta tider i länet"),
        rec("gone", 1, "Kartläggning av vårdnadshavares <delaktighet>"),
        rec("fresh", 3, "Tydlig arbetsdelning mellan region och kommun"),
    ])


def test_families_are_timelines_in_time_order(lineage):
    report = trend_report(lineage)
    first = report.families[0]
    assert [(e.iri, e.year, e.kind) for e in first] == [
        ("a1", 2022, ""), ("a2", 2023, "persists"), ("a3", 2024, "persists")]


def test_dropped_new_and_persisted_through_every_report(lineage):
    report = trend_report(lineage)
    assert [(e.iri, last) for e, last in report.dropped] == [("gone", "r1")]
    assert {r: [e.iri for e in es] for r, es in report.new.items()} == {"r3": ["fresh"]}
    assert [[e.iri for e in f] for f in report.through] == [["a1", "a2", "a3"]]


def test_year_filters(lineage):
    report = trend_report(lineage, year_from=2023)
    assert {e.year for f in report.families for e in f} == {2023, 2024}
    with pytest.raises(InputError):
        trend_report(lineage, year_from=2025, year_to=2022)


def test_json_has_links_and_recommendations_with_status(lineage):
    data = json.loads(render_trends(trend_report(lineage), "json"))
    assert {"source", "target", "kind", "score", "method"} <= set(data["links"][0])
    assert {"iri", "report", "year", "status"} <= set(data["recommendations"][0])
    assert data["counts"]["recommendation"] == {"2022": 2, "2023": 1, "2024": 2}


def test_html_is_one_offline_file_with_escaped_text(lineage):
    page = render_trends(trend_report(lineage), "html", "sv")
    assert page.startswith("<!DOCTYPE html>") and 'lang="sv"' in page
    assert "src=\"http" not in page and "href=\"http" not in page and "<script" not in page
    assert "&lt;delaktighet&gt;" in page and "<delaktighet>" not in page


def test_headings_in_swedish_and_english(lineage):
    report = trend_report(lineage)
    sv, en = render_trends(report, "text", "sv"), render_trends(report, "text", "en")
    assert "Trendrapport" in sv and "Trend report" in en
    assert "försvann" in sv and "dropped" in en


def test_csv_has_a_row_per_finding(lineage):
    rows = render_trends(trend_report(lineage), "csv").strip().splitlines()
    assert rows[0].startswith("family,year,report")
    assert len(rows) == 1 + 5


def test_theme_filter(lineage):
    themes = {"a1": ["https://w3id.org/fynd/themes#collaboration"]}
    report = trend_report(lineage, theme="collaboration and meeting places", themes=themes)
    assert [[e.iri for e in f] for f in report.families] == [["a1", "a2", "a3"]]


def test_lineage_of_one_finding(lineage):
    result = lineage_of(lineage, "a2")
    assert [x["iri"] for x in result["ancestors"]] == ["a1"]
    assert [x["iri"] for x in result["descendants"]] == ["a3"]
    assert all(link["shared"] for link in result["links"])
    assert "persists" in render_lineage(result, "text")
    assert "Föregångare" in render_lineage(result, "md", "sv")


def test_trends_command_on_the_corpus(runner, store_path, tmp_path):
    out = tmp_path / "trends.html"
    result = runner.invoke(app, ["trends", "--format", "html", "--lang", "sv", "--out", str(out),
                                 "--store", str(store_path)])
    assert result.exit_code == 0, result.output
    assert "Tålamod och uthållighet" in out.read_text(encoding="utf-8")
    result = runner.invoke(app, ["trends", "--format", "json", "--raw",
                                 "--store", str(store_path)])
    data = json.loads(result.stdout)
    assert {x["method"] for x in data["links"]} == {"auto"}
    curated = json.loads(runner.invoke(app, ["trends", "--format", "json",
                                             "--store", str(store_path)]).stdout)
    assert "curated" in {x["method"] for x in curated["links"]}


def test_trends_bad_options_are_one_line_errors(runner, store_path):
    for args in (["--format", "pdf"], ["--lang", "de"], ["--type", "wish"]):
        result = runner.invoke(app, ["trends", *args, "--store", str(store_path)])
        assert result.exit_code == 2 and result.stderr.startswith("Error: "), args


def test_lineage_command(runner, store_path):
    iri = "https://w3id.org/fynd/id/finding/d3-short/rec-2"
    result = runner.invoke(app, ["lineage", iri, "--store", str(store_path)])
    assert result.exit_code == 0, result.output
    assert "persists" in result.stdout and "tålamod" in result.stdout
    result = runner.invoke(app, ["lineage", "https://nope", "--store", str(store_path)])
    assert result.exit_code == 2 and "no finding" in result.stderr

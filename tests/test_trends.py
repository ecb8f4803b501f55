"""The trend report on small hand-made lineages, and the trends/lineage commands."""

from __future__ import annotations

import csv
import io
import json

import pytest

from graph.analysis.lineage import Link, Node, analyse
from graph.cli import app
from graph.errors import InputError
from graph.views.lineage_view import lineage_of, render_lineage
from graph.views.trend_render import render_trends
from graph.views.trends import trend_report

SCHEME = "https://w3id.org/fynd/themes#"


def rec(iri, position, label):
    return Node(iri, f"r{position}", position, 2021 + position, "recommendation", label)


@pytest.fixture
def lineage():
    """Three reports: a chain through all three, a merge dropped after r2, a finding
    dropped after r1, one new in r3, and a risk beside them."""
    return analyse([
        rec("a1", 1, "Säkra samverkan genom gemensamma rutiner och avsatta tider"),
        rec("a2", 2, "Säkra samverkan genom gemensamma rutiner och avsatta tider"),
        rec("a3", 3, "Säkra samverkan genom gemensamma rutiner och avsatta tider i länet"),
        rec("m1", 1, "Informationsspridning via nyhetsbrev till vårdnadshavare"),
        rec("n1", 1, "Dialog med vårdnadshavare på familjecentralen"),
        rec("m2", 2, "Informationsspridning via nyhetsbrev och dialog med vårdnadshavare "
                     "på familjecentralen"),
        rec("gone", 1, "Kartläggning av <elevhälsans> kompetens"),
        rec("fresh", 3, "Tydlig arbetsdelning mellan region och kommun"),
        Node("risk", "r2", 2, 2023, "risk", "Hög omsättning av personal"),
    ])


def iris(entries):
    return [e.iri for e in entries]


def test_families_are_timelines_in_time_order(lineage):
    report = trend_report(lineage)
    assert [iris(f) for f in report.families] == [
        ["a1", "a2", "a3"], ["gone"], ["m1", "n1", "m2"], ["fresh"]]
    chain = report.families[0]
    assert [(e.year, e.report, e.kind, e.method, e.status) for e in chain] == [
        (2022, "r1", "", "", "persisted"), (2023, "r2", "persists", "auto", "persisted"),
        (2024, "r3", "persists", "auto", "persisted")]
    assert chain[1].score == 1.0 and chain[0].score is None
    assert {e.family for e in chain} == {1}


def test_a_merge_arrives_by_its_best_link(lineage):
    merged = trend_report(lineage).families[2][-1]
    assert (merged.iri, merged.kind) == ("m2", "persists")
    sources = {x.source for x in trend_report(lineage).links if x.target == "m2"}
    assert sources == {"m1", "n1"}


def test_dropped_with_the_report_and_year_last_seen(lineage):
    dropped = trend_report(lineage).dropped
    assert [(d.entry.iri, d.report, d.year) for d in dropped] == [
        ("gone", "r1", 2022), ("m1", "r2", 2023), ("n1", "r2", 2023), ("m2", "r2", 2023)]


def test_new_findings_per_report_exclude_the_first_report(lineage):
    report = trend_report(lineage)
    assert {r: iris(es) for r, es in report.new.items()} == {"r3": ["fresh"]}


def test_persisted_through_every_report(lineage):
    assert [iris(c) for c in trend_report(lineage).through] == [["a1", "a2", "a3"]]
    # In 2022-2023 the merge reaches the range's last report too.
    through = trend_report(lineage, year_to=2023).through
    assert [iris(c) for c in through] == [["a1", "a2"], ["m1", "m2"]]


def test_persisted_through_needs_one_chain_not_a_family_covering_every_report():
    # c1 feeds both b2 and d3 (curated), a1 feeds b2: the family spans r1-r3 but no one
    # chain does.
    nodes = [rec("a1", 1, "Säkra samverkan genom rutiner"),
             rec("b2", 2, "Säkra samverkan genom rutiner"),
             rec("c1", 1, "Dialog med vårdnadshavare"),
             rec("d3", 3, "Tydlig arbetsdelning mellan region och kommun")]
    curated = [Link("c1", "b2", "evolves", 0.0, method="curated"),
               Link("c1", "d3", "evolves", 0.0, method="curated")]
    report = trend_report(analyse(nodes, curated))
    assert [iris(f) for f in report.families] == [["a1", "c1", "b2", "d3"]]
    assert report.through == []


def test_year_filters_narrow_findings_and_statuses(lineage):
    report = trend_report(lineage, year_from=2023)
    assert {e.year for e in report.findings} == {2023, 2024}
    assert report.years == (2023, 2024)
    assert report.new == {"r3": [e for e in report.findings if e.iri == "fresh"]}
    early = trend_report(lineage, year_to=2023)
    status = {e.iri: e.status for e in early.findings}
    assert status == {"a1": "persisted", "a2": "persisted", "m1": "persisted",
                      "n1": "evolved", "m2": "persisted", "gone": "dropped"}
    # Counted per report (issue 9: two reports of one year are two columns).
    assert early.counts == {"recommendation": {"r1": 4, "r2": 2}, "risk": {"r2": 1}}
    with pytest.raises(InputError):
        trend_report(lineage, year_from=2025, year_to=2022)


def test_other_types(lineage):
    report = trend_report(lineage, type="risk")
    assert iris(report.findings) == ["risk"] and report.through == []
    assert "findings" in json.loads(render_trends(report, "json"))


def test_theme_filter_by_iri_name_or_label_in_either_language(lineage):
    themes = {"a1": [SCHEME + "collaboration"], "m2": [SCHEME + "communication"]}
    for theme in (SCHEME + "collaboration", "collaboration", "Collaboration and meeting places",
                  "SAMVERKAN OCH MÖTESPLATSER"):
        report = trend_report(lineage, theme=theme, themes=themes)
        assert [iris(f) for f in report.families] == [["a1", "a2", "a3"]], theme
    with pytest.raises(InputError, match="unknown theme"):
        trend_report(lineage, theme="weather", themes=themes)


def test_counts_per_theme_and_year(lineage):
    themes = {"a1": [SCHEME + "collaboration"], "a3": [SCHEME + "collaboration"],
              "risk": [SCHEME + "staff"]}
    report = trend_report(lineage, themes=themes, lang="sv")
    assert report.theme_counts == {SCHEME + "collaboration": {"r1": 1, "r3": 1}}
    text = render_trends(report, "text", "sv")
    assert "samverkan och mötesplatser  1          0          1" in text
    assert "r1 (2022)  r2 (2023)  r3 (2024)" in text


def test_json_keys(lineage):
    data = json.loads(render_trends(trend_report(lineage), "json"))
    assert {"links", "recommendations", "families", "dropped", "new", "counts"} <= set(data)
    assert {"source", "target", "kind", "score", "method"} <= set(data["links"][0])
    first = data["recommendations"][0]
    assert {"iri", "report", "year", "status", "label", "type", "themes"} <= set(first)
    assert data["dropped"][0] == {"iri": "gone", "last_seen": "r1", "last_seen_year": 2022}
    assert data["counts"]["recommendation"] == {"r1": 4, "r2": 2, "r3": 2}
    assert data["reports"][0] == {"report": "r1", "year": 2022}
    assert data["persisted_through_all"] == [["a1", "a2", "a3"]]


def test_html_is_one_offline_file_with_escaped_text(lineage):
    page = render_trends(trend_report(lineage), "html", "sv")
    assert page.startswith("<!DOCTYPE html>") and '<html lang="sv">' in page
    assert 'src="http' not in page and 'href="http' not in page and "<script" not in page
    assert "<link" not in page and "<style>" in page and "<table>" in page
    assert "&lt;elevhälsans&gt;" in page and "<elevhälsans>" not in page


@pytest.mark.parametrize("fmt", ["text", "md", "html"])
def test_headings_differ_in_swedish_and_english(lineage, fmt):
    report = trend_report(lineage)
    sv, en = render_trends(report, fmt, "sv"), render_trends(report, fmt, "en")
    assert "Trendrapport: rekommendationer" in sv and "Trend report: recommendations" in en
    assert "Försvunna" in sv and "Dropped" in en and "Dropped" not in sv
    assert "försvann" in sv and "dropped" in en


def test_markdown_tables_escape_pipes():
    report = trend_report(analyse([rec("x", 1, "Mål | medel")]))
    assert "Mål \\| medel" in render_trends(report, "md")


def test_csv_has_a_row_per_finding(lineage):
    rows = list(csv.reader(io.StringIO(render_trends(trend_report(lineage), "csv"))))
    assert rows[0][:8] == ["family", "year", "report", "type", "status", "kind_in",
                           "score_in", "method_in"]
    assert rows[0][-1] == "label" and len(rows) == 1 + 8
    assert rows[2][:7] == ["1", "2023", "r2", "recommendation", "persisted", "persists",
                           "1.0000"]


def test_unknown_format_or_language(lineage):
    with pytest.raises(InputError, match="unknown format"):
        render_trends(trend_report(lineage), "pdf")
    with pytest.raises(InputError, match="unknown language"):
        render_trends(trend_report(lineage), "text", "de")


def test_lineage_of_one_finding(lineage):
    result = lineage_of(lineage, "a2")
    assert [x["iri"] for x in result["ancestors"]] == ["a1"]
    assert [x["iri"] for x in result["descendants"]] == ["a3"]
    assert all(link["shared"] for link in result["links"])
    assert {"kind", "score", "method", "shared", "note"} <= set(result["links"][0])
    assert "persists" in render_lineage(result, "text")
    md = render_lineage(result, "md", "sv")
    assert "## Föregångare" in md and "består" in md
    assert json.loads(render_lineage(result, "json")) == result
    merged = lineage_of(lineage, "m2")
    assert [x["iri"] for x in merged["ancestors"]] == ["m1", "n1"]
    with pytest.raises(InputError, match="no finding"):
        lineage_of(lineage, "nope")


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


# ------------------------------------------------------------------ issue 9: as a user reads it

def test_each_row_has_its_own_place_and_the_family_its_status(lineage):
    report = trend_report(lineage)
    chain = report.families[0]
    assert [e.onward for e in chain] == [[("persists", "r2")], [("persists", "r3")], []]
    assert chain[-1].last and not chain[0].last
    assert report.family_status[0] == ("persisted", "r3", 2024)
    assert report.family_status[1] == ("dropped", "r1", 2022)  # "gone"
    text = render_trends(report, "text", "en")
    assert "Family 1 (2022–2024): persisted" in text
    assert "Family 2 (2022): dropped, last seen in r1 (2022)" in text
    first_row = next(line for line in text.splitlines() if line.startswith("2022  r1"))
    assert "carried into r2" in first_row and "dropped" not in first_row
    sv = render_trends(report, "text", "sv")
    assert "förs vidare i r2" in sv and "i sista rapporten" in sv and "slutar här" in sv


def test_a_dropped_chain_reads_dropped_once_not_on_every_row():
    nodes = [rec("a", 1, "Säkra samverkan genom gemensamma rutiner"),
             rec("b", 2, "Säkra samverkan genom gemensamma rutiner"),
             rec("c", 3, "Tydlig arbetsdelning mellan region och kommun")]
    text = render_trends(trend_report(analyse(nodes)), "text", "en")
    family = text.split("Family 1", 1)[1].split("Family 2", 1)[0]
    assert family.count("dropped") == 1 and "carried into r2" in family
    assert "ends here" in family


def test_new_lists_only_findings_without_a_predecessor(lineage):
    report = trend_report(lineage)
    targets = {x.target for x in lineage.links}
    listed = [e for es in report.new.values() for e in es]
    assert listed and not any(e.iri in targets for e in listed)


def test_counts_are_per_report_with_the_year_beside_it():
    nodes = [rec("a", 1, "Säkra samverkan"),
             Node("b", "r2", 2, 2025, "recommendation", "Tydlig arbetsdelning"),
             Node("c", "r3", 3, 2025, "recommendation", "Dialog med vårdnadshavare")]
    report = trend_report(analyse(nodes))
    assert report.counts == {"recommendation": {"r1": 1, "r2": 1, "r3": 1}}
    text = render_trends(report, "text", "en")
    assert "r2 (2025)  r3 (2025)" in text


def test_a_note_says_theme_counts_can_exceed_the_findings(lineage):
    themes = {"a1": [SCHEME + "collaboration", SCHEME + "time"]}
    for fmt, lang, words in (("text", "en", "several themes"), ("md", "sv", "flera teman"),
                             ("html", "en", "several themes")):
        assert words in render_trends(trend_report(lineage, themes=themes), fmt, lang)


def test_lineage_names_both_ends_by_short_id_and_label(runner, store_path):
    iri = "https://w3id.org/fynd/id/finding/d3-short/rec-2"
    result = runner.invoke(app, ["lineage", iri, "--lang", "sv", "--store", str(store_path)])
    assert result.exit_code == 0, result.output
    links = result.stdout.split("Länkar", 1)[1]
    assert "d3-short/rec-2 “" in links and "d4-short/" in links
    assert "https://" not in links and "d3 → d4" not in links
    assert "består" in links and "automatisk" in links


def test_within_report_links_name_their_ends_too(runner, store_path):
    iri = "https://w3id.org/fynd/id/finding/d1-full/rec-3"
    result = runner.invoke(app, ["lineage", iri, "--store", str(store_path)])
    assert result.exit_code == 0, result.output
    assert "https://" not in result.stdout
    assert "draws on" in result.stdout or "answers" in result.stdout


def test_plot_writes_both_pictures(runner, store_path, tmp_path):
    for suffix in (".png", ".svg"):
        target = tmp_path / f"trends{suffix}"
        result = runner.invoke(app, ["trends", "--plot", str(target), "--lang", "sv",
                                     "--store", str(store_path)])
        assert result.exit_code == 0, result.output
        for name in ("themes", "flow"):
            written = tmp_path / f"trends-{name}{suffix}"
            assert written.stat().st_size > 5_000, written
            assert f"Wrote {written}" in result.stderr
    assert (tmp_path / "trends-themes.svg").read_text(encoding="utf-8").lstrip().startswith("<?xml")
    result = runner.invoke(app, ["trends", "--plot", str(tmp_path / "x.pdf"),
                                 "--store", str(store_path)])
    assert result.exit_code == 2 and "--plot must end in .png or .svg" in result.stderr


def test_html_embeds_both_pictures_and_refers_to_nothing_outside(runner, store_path):
    import base64
    import re

    result = runner.invoke(app, ["trends", "--format", "html", "--store", str(store_path)])
    assert result.exit_code == 0, result.output
    page = result.stdout
    images = re.findall(r'<img [^>]*src="data:image/svg\+xml;base64,([^"]+)"', page)
    assert len(images) == 2
    svg = base64.b64decode(images[0]).decode()
    assert "<svg" in svg and "2022" in svg  # a year heads a column of the heatmap
    tags = re.findall(r"<[a-z][^>]*>", page, flags=re.IGNORECASE)
    assert not [t for t in tags if re.search(r"(src|href)\s*=\s*[\"']?\s*(https?:)?//", t)]
    assert "<script" not in page and "<link" not in page


def test_curator_notes_follow_lang(runner, store_path):
    iri = "https://w3id.org/fynd/id/finding/d4-short/rec-4"
    sv = runner.invoke(app, ["lineage", iri, "--lang", "sv", "--store", str(store_path)])
    en = runner.invoke(app, ["lineage", iri, "--lang", "en", "--store", str(store_path)])
    assert sv.exit_code == en.exit_code == 0, sv.output + en.output
    assert "anteckning: Slutstudien slår ihop" in sv.stdout
    assert "note: The final study merges" in en.stdout and "Slutstudien" not in en.stdout


def test_a_curation_note_in_another_language_is_read(tmp_path):
    from graph.analysis.curation import load_curation

    path = tmp_path / "curation.toml"
    path.write_text('[[link]]\naction = "add"\nsource = "a"\ntarget = "b"\nkind = "evolves"\n'
                    'note = "Why."\nnote_sv = "Varför."\n', encoding="utf-8")
    (entry,) = load_curation(path)
    assert entry.note == "Why." and entry.translations == (("sv", "Varför."),)
    assert Link("a", "b", "evolves", 0.5, note="Why.",
                translations=entry.translations).note_in("sv") == "Varför."

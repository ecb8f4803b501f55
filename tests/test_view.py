"""``fynd view`` without a browser: one offline file, the data it draws, its words in sv
and en, aggregation of large graphs, and the command's errors.  The page in a real
browser: tests/test_view_browser.py."""

from __future__ import annotations

import json
import re

import pytest

from graph.analysis.lineage import Node, analyse
from graph.cli import app
from graph.rdf.read import FindingRow
from graph.views.labels import file_words, word
from graph.views.view_data import ReportInfo, node_dicts, view_data
from graph.views.view_page import render_view
from tests.hostile_graph import TITLE, XSS

_SCRIPTS = re.compile(r"<(script|style)\b[^>]*>.*?</\1>", re.DOTALL | re.IGNORECASE)
_EXTERNAL = re.compile(r"<[a-z][^>]*\b(?:src|href)\s*=\s*[\"']?\s*(?:https?:)?//",
                       re.IGNORECASE)


def external_references(page: str) -> list[str]:
    """Tags outside scripts and styles that point off the page (http, https or //)."""
    return _EXTERNAL.findall(_SCRIPTS.sub("", page))


def page_data(page: str) -> dict:
    raw = page.split('<script type="application/json" id="fynd-data">', 1)[1]
    return json.loads(raw.split("</script>", 1)[0])


@pytest.fixture(scope="module")
def corpus_page(store_path, tmp_path_factory):
    from typer.testing import CliRunner

    out = tmp_path_factory.mktemp("view") / "view.html"
    result = CliRunner().invoke(app, ["view", "--out", str(out), "--store", str(store_path)])
    assert result.exit_code == 0, result.output
    return out.read_text(encoding="utf-8")


def test_the_page_is_one_offline_file(corpus_page):
    assert corpus_page.startswith("<html") or corpus_page.lstrip().startswith("<html")
    assert external_references(corpus_page) == []
    assert "bootstrap" not in corpus_page.lower() and "cdn.jsdelivr" not in corpus_page
    assert "new vis.Network" in corpus_page  # vis-network is inline
    assert "<link" not in _SCRIPTS.sub("", corpus_page)


def test_the_external_reference_check_would_catch_one():
    assert external_references('<link href="https://cdn.x/b.css"><img src=//x/a.png>')
    assert not external_references('<script>var a = "<img src=https://x>";</script>')


def test_restatements_are_one_node_with_the_full_report(built, corpus_page):
    from graph.rdf.read import read_findings
    from graph.rdf.store import open_store

    rows = read_findings(open_store(built[1]))
    data = page_data(corpus_page)
    assert len(data["findings"]) == sum(1 for r in rows if not r.restates)
    restated = [f for f in data["findings"].values() if f.get("restatedIn")]
    assert restated and all(len(f["quotes"]) >= 2 for f in restated)
    assert {f["document"] for f in restated} <= {"d1-full"}


def test_every_report_is_a_column_in_order_of_issue(corpus_page):
    data = page_data(corpus_page)
    assert [r["id"] for r in data["reports"]] == ["d1", "d2", "d3", "d4"]
    xs = {r["id"]: r["x"] for r in data["reports"]}
    for f in data["findings"].values():
        assert f["x"] == xs[f["report"]]


def test_lanes_by_type_hold_the_same_y_across_reports():
    rows = [_row("r1", "rec-1", "recommendation"), _row("r2", "rec-1", "recommendation"),
            _row("r1", "risk-1", "risk"), _row("r1", "risk-2", "risk"), _row("r2", "risk-1", "risk")]
    data = view_data(rows, analyse([]), {}, REPORTS, {})
    ys = {sid: (f["x"], f["y"]) for sid, f in data.findings.items()}
    assert ys["r1-full/rec-1"][1] == ys["r2-full/rec-1"][1]
    assert ys["r1-full/risk-1"][1] == ys["r2-full/risk-1"][1] > ys["r1-full/rec-1"][1]
    assert ys["r1-full/risk-2"][1] > ys["r1-full/risk-1"][1]


def test_within_report_links_are_hidden_edges_and_lineage_links_are_styled(corpus_page):
    data = page_data(corpus_page)
    kinds = {x["kind"] for x in data["links"]}
    assert {"persists", "evolves", "drawsOn"} <= kinds
    edges = json.loads(re.search(r"edges = new vis\.DataSet\((\[.*?\])\);", corpus_page,
                                 re.DOTALL).group(1))
    assert len(edges) == len(data["links"])
    by_id = {x["id"]: x for x in data["links"]}
    for e in edges:
        kind = by_id[e["id"]]["kind"]
        assert e["hidden"] == (kind in ("drawsOn", "answers"))
        if kind == "persists":
            assert e["dashes"] is False
        if kind == "evolves":
            assert e["dashes"]
    curated = [e for e in edges if by_id[e["id"]]["method"] == "curated"]
    assert curated and all(e.get("label") == "curated" for e in curated)


@pytest.mark.parametrize("lang", ["sv", "en"])
def test_every_word_of_the_page_follows_lang(store_path, tmp_path, runner, lang):
    out = tmp_path / "v.html"
    result = runner.invoke(app, ["view", "--lang", lang, "--out", str(out),
                                 "--store", str(store_path)])
    assert result.exit_code == 0, result.output
    data = page_data(out.read_text(encoding="utf-8"))
    assert data["words"] == file_words(lang)
    assert data["types"]["risk"]["plural"] == word("types:risk", lang)
    assert data["statuses"]["dropped"]["label"] == ("försvann" if lang == "sv" else "dropped")
    assert f'<html lang="{lang}">' in out.read_text(encoding="utf-8")


def test_the_language_files_have_the_same_keys():
    assert file_words("sv").keys() == file_words("en").keys()


def test_markup_in_labels_and_titles_stays_data(hostile_store, tmp_path, runner):
    out = tmp_path / "h.html"
    result = runner.invoke(app, ["view", "--out", str(out), "--store", str(hostile_store)])
    assert result.exit_code == 0, result.output
    page = out.read_text(encoding="utf-8")
    assert XSS not in page and TITLE not in page
    assert "<img src=x" not in page and "<b>Rapport" not in page
    data = page_data(page)
    assert data["findings"]["h1-full/rec-2"]["label"] == XSS
    assert data["reports"][0]["title"] == TITLE
    assert "innerHTML" not in page.split('id="fynd-data"', 1)[1]
    assert "title" not in json.dumps(node_dicts_of(page))


def node_dicts_of(page: str) -> list[dict]:
    return json.loads(re.search(r"nodes = new vis\.DataSet\((\[.*?\])\);", page,
                                re.DOTALL).group(1))


def test_filters_narrow_what_is_drawn(store_path, tmp_path, runner):
    out = tmp_path / "v.html"
    for args, check in ((["--report", "d2"], lambda f: f["report"] == "d2"),
                        (["--type", "risk"], lambda f: f["type"] == "risk"),
                        (["--status", "persisted"], lambda f: f["status"] == "persisted"),
                        (["--theme", "Barn och familjer"],
                         lambda f: "https://w3id.org/fynd/themes#children" in f["themes"])):
        result = runner.invoke(app, ["view", *args, "--out", str(out),
                                     "--store", str(store_path)])
        assert result.exit_code == 0, result.output
        found = page_data(out.read_text(encoding="utf-8"))["findings"].values()
        assert found and all(check(f) for f in found), args


def test_bad_options_are_one_line_errors(store_path, tmp_path, runner):
    for args in (["--lang", "de"], ["--status", "gone"], ["--type", "wish"],
                 ["--theme", "weather"]):
        result = runner.invoke(app, ["view", *args, "--out", str(tmp_path / "x.html"),
                                     "--store", str(store_path)])
        assert result.exit_code == 2 and result.stderr.startswith("Error: "), args
        assert not (tmp_path / "x.html").exists()
    result = runner.invoke(app, ["view", "--store", str(tmp_path / "none")])
    assert result.exit_code != 0 and "fynd build" in result.stderr


REPORTS = [ReportInfo("r1", "Rapport 1", "2021", 2021, 1),
           ReportInfo("r2", "Rapport 2", "2022-05-01", 2022, 2)]


def _row(report: str, key: str, type: str, label: str = "Säkra samverkan") -> FindingRow:
    doc = f"{report}-full"
    return FindingRow(f"https://w3id.org/fynd/id/finding/{doc}/{key}", report, doc,
                      2020 + int(report[1:]), type, label, "", 1, label, 0, len(label), "list",
                      1.0, None, 1, int(report[1:]), ((0, len(label), label),))


def test_large_graphs_are_theme_by_report_groups_that_count_every_finding():
    rows = [_row(f"r{1 + n % 2}", f"rec-{n}", "recommendation", f"Förslag {n}")
            for n in range(60)]
    themes = {r.iri: ["https://w3id.org/fynd/themes#time"] if n % 3 else []
              for n, r in enumerate(rows)}
    lineage = analyse([Node(r.iri, r.report, int(r.report[1:]), r.year, r.type, r.label)
                       for r in rows])
    data = view_data(rows, lineage, themes, REPORTS, {}, aggregate_at=50)
    assert data.aggregated
    assert sum(len(g["members"]) for g in data.groups.values()) == 60
    assert len(data.groups) == 4  # 2 reports x (one theme + none)
    nodes = node_dicts(data, "en")
    assert {n["id"] for n in nodes} == set(data.groups)
    assert all("findings" in n["label"] for n in nodes)
    page = render_view(data, "en")
    assert len(page_data(page)["findings"]) == 60


def test_view_help_and_no_pyvis_at_import():
    import subprocess
    import sys

    code = ("import sys; import graph.cli, graph.views.view_page, graph.views.trend_render; "
            "print([m for m in ('pyvis', 'matplotlib', 'networkx') if m in sys.modules])")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=False)
    assert out.stdout.strip() == "[]", out.stdout + out.stderr


def test_curated_links_carry_the_note_in_every_language_given(corpus_page):
    curated = [x for x in page_data(corpus_page)["links"] if x["method"] == "curated"]
    assert curated and all(x["note"] for x in curated)
    assert all(x["notes"]["sv"] for x in curated)

"""The one table renderer is safe for where its output goes (issue 8's output part):
CSV cells cannot be spreadsheet formulas, Markdown cells cannot be markup, HTML is
escaped; and the commands that print tables go through it."""

from __future__ import annotations

import csv
import io
import json

import pytest

from graph.cli import app
from graph.views.tables import csv_cell, md_cell, render
from tests.hostile_graph import FORMULA, MARKDOWN, XSS


@pytest.mark.parametrize("start", ["=", "+", "-", "@", "\t", "\r"])
def test_csv_cells_that_could_start_a_formula_get_a_quote(start):
    text = render([{"a": start + "1+1", "b": "ok"}], "csv")
    rows = list(csv.reader(io.StringIO(text)))
    assert rows[1] == ["'" + start.replace("\r", "\n") + "1+1", "ok"]


def test_csv_leaves_ordinary_cells_alone():
    assert csv_cell("Säkra samverkan") == "Säkra samverkan"
    assert csv_cell(3) == "3" and csv_cell(None) == ""


def test_csv_headers_are_guarded_too():
    assert render([{"=x": 1}], "csv").splitlines()[0] == "'=x"


@pytest.mark.parametrize("char", ["|", "`", "*", "_", "[", "\\"])
def test_markdown_escapes_every_special_character(char):
    cell = render([{"a": f"x{char}y"}], "md").splitlines()[2]
    assert cell == f"| x\\{char}y |"


def test_markdown_writes_angle_brackets_as_entities():
    assert render([{"a": "x<y>z &amp;"}], "md").splitlines()[2] == "| x&lt;y&gt;z &amp;amp; |"


def test_markdown_keeps_a_cell_on_one_line_and_shows_no_tag():
    md = render([{"label": XSS + "\nnext"}], "md")
    assert "<script>" not in md and "<img" not in md
    assert len(md.splitlines()) == 3
    assert md_cell("a\nb") == "a b"


def test_html_escapes_cells_and_headers():
    page = render([{"x": XSS}], "html", headers=["<th>"])
    assert "<script>" not in page and "<img" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page and "&lt;th&gt;" in page


def test_json_keeps_values_whole():
    assert json.loads(render([{"label": FORMULA}], "json")) == [{"label": FORMULA}]


def _csv_column(text: str, name: str) -> list[str]:
    rows = list(csv.DictReader(io.StringIO(text)))
    return [r[name] for r in rows]


def test_findings_csv_guards_a_formula_label(runner, hostile_store):
    result = runner.invoke(app, ["findings", "--format", "csv", "--store", str(hostile_store)])
    assert result.exit_code == 0, result.output
    labels = _csv_column(result.stdout, "label")
    assert "'" + FORMULA in labels and FORMULA not in labels


def test_query_csv_guards_a_formula_label(runner, hostile_store):
    sparql = "SELECT ?label WHERE { ?f a fynd:Recommendation ; rdfs:label ?label }"
    result = runner.invoke(app, ["query", sparql, "--format", "csv",
                                 "--store", str(hostile_store)])
    assert result.exit_code == 0, result.output
    labels = _csv_column(result.stdout, "label")
    assert "'" + FORMULA in labels and FORMULA not in labels


def test_trends_csv_guards_a_formula_label(runner, hostile_store):
    result = runner.invoke(app, ["trends", "--format", "csv", "--store", str(hostile_store)])
    assert result.exit_code == 0, result.output
    labels = _csv_column(result.stdout, "label")
    assert "'" + FORMULA in labels and FORMULA not in labels


@pytest.mark.parametrize("command", [["findings", "--format", "md"],
                                     ["trends", "--format", "md"],
                                     ["trends", "--format", "html"],
                                     ["trends", "--type", "risk", "--format", "md"]])
def test_markup_in_labels_never_reaches_md_or_html_as_markup(runner, hostile_store, command):
    result = runner.invoke(app, [*command, "--store", str(hostile_store)])
    assert result.exit_code == 0, result.output
    assert "<script" not in result.stdout.split("</style>")[-1]
    assert "<img src=x" not in result.stdout and "<b>bold" not in result.stdout


def test_findings_md_shows_markdown_as_text(runner, hostile_store):
    result = runner.invoke(app, ["findings", "--type", "risk", "--format", "md",
                                 "--store", str(hostile_store)])
    assert "Risk \\| with \\*stars\\* \\_under\\_ \\`code\\` \\[link](x)" in result.stdout
    assert MARKDOWN not in result.stdout

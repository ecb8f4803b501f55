"""The lexicon's cache on disk: where it is, and that a stale or corrupt file is rebuilt.

Most tests swap the slow derivation for a tiny one (``fake_derive``), so that they test
the cache and not wordfreq or Hunspell; the last ones check the real word sets.
"""

from __future__ import annotations

import marshal
import zlib
from pathlib import Path

import pytest

from graph.ingest.lexicon import Lexicon, cache_dir, default_lexicon
from graph.ingest.lexicon import cache as cache_module
from graph.ingest.lexicon.cache import (
    MAGIC,
    load_or_build,
    load_verdicts,
    load_word_sets,
    save_verdicts,
)
from graph.ingest.lexicon.resources import Resources
from graph.ingest.lexicon.wordsets import WordSets

SPYLLS_DIC = """4
hus/AB
Sörmland
a\\/b/A
/slash
ord/A\tpo:noun st:ord
"""
SPYLLS_AFF = """SET UTF-8
SFX A Y 1
SFX A 0 et .
SFX B Y 1
SFX B 0 en [^e]
"""


def tiny_word_sets() -> WordSets:
    return WordSets.derive({"och": 7.4, "finns": 6.2, "hus": 5.0},
                           [("hus", {"A"}), ("Sörmland", set())],
                           [("A", "", "et", set(), ".$")], forbidden=set(), needaffix=None)


@pytest.fixture
def cache(tmp_path, monkeypatch):
    """An empty cache directory, and a derivation that counts its calls."""
    monkeypatch.setenv("FYND_CACHE_DIR", str(tmp_path / "cache"))
    calls = []

    def fake_derive(lang, aff, dic):
        calls.append(lang)
        return tiny_word_sets()

    monkeypatch.setattr(cache_module, "derive_word_sets", fake_derive)
    return tmp_path / "cache", calls


def _words_file(where: Path) -> Path:
    return where / "words-sv-sv_SE.bin"


def test_fynd_cache_dir_is_honoured(cache):
    where, calls = cache
    assert cache_dir() == where
    notices = []
    sets = load_word_sets(notice=notices.append)
    assert _words_file(where).is_file()
    assert notices == ["building the word cache for sv_SE (first run only)..."]
    assert sets.inflected("huset") and calls == ["sv"]


def test_a_fresh_cache_is_loaded_not_rebuilt(cache):
    _, calls = cache
    first = load_word_sets()
    notices = []
    again = load_word_sets(notice=notices.append)
    assert calls == ["sv"] and notices == []
    assert again.codes == first.codes and again.words == first.words


def test_a_stale_key_is_rebuilt(cache, monkeypatch):
    _, calls = cache
    load_word_sets()
    monkeypatch.setattr(cache_module, "CACHE_FORMAT", cache_module.CACHE_FORMAT + 1)
    notices = []
    load_word_sets(notice=notices.append)
    assert calls == ["sv", "sv"]
    assert notices == ["building the word cache for sv_SE (its sources changed)..."]
    load_word_sets()  # the rebuilt file has the new key
    assert calls == ["sv", "sv"]


@pytest.mark.parametrize("damage", [
    lambda data: b"",                                   # empty
    lambda data: data[: len(data) // 2],                # truncated
    lambda data: data[:-100] + bytes(100),              # overwritten (checksum fails)
    lambda data: b"not a cache at all" + data,          # foreign
])
def test_a_corrupt_file_is_rebuilt_never_an_error(cache, damage):
    where, calls = cache
    load_word_sets()
    path = _words_file(where)
    path.write_bytes(damage(path.read_bytes()))
    notices = []
    sets = load_word_sets(notice=notices.append)
    assert sets.inflected("huset")
    assert calls == ["sv", "sv"] and "unreadable" in notices[0]
    load_word_sets()  # the file was written anew
    assert calls == ["sv", "sv"]


def test_a_payload_of_the_wrong_shape_is_rebuilt(cache):
    where, calls = cache
    load_word_sets()
    path = _words_file(where)
    key, _ = marshal.loads(path.read_bytes()[len(MAGIC) + 4:])
    body = marshal.dumps((key, {"sorted": 42}))  # a valid file, a nonsense payload
    path.write_bytes(MAGIC + zlib.crc32(body).to_bytes(4, "little") + body)
    assert load_word_sets().inflected("huset")
    assert calls == ["sv", "sv"]


def test_an_unwritable_cache_dir_only_costs_time(tmp_path, monkeypatch):
    blocker = tmp_path / "file"
    blocker.write_text("not a directory")
    notices = []
    value = load_or_build(blocker / "cache", 1, lambda: (1, 2), list, tuple, notices.append,
                          "numbers")
    assert value == (1, 2)
    assert notices[0].startswith("building the numbers")
    assert notices[1].startswith("cannot save the numbers")


def test_the_write_is_atomic_no_temporary_file_is_left(cache):
    where, _ = cache
    load_word_sets()
    assert [p.name for p in where.iterdir()] == ["words-sv-sv_SE.bin"]


def test_a_new_lexicon_announces_the_first_build(cache):
    notices = []
    Lexicon().load(notice=notices.append)
    assert notices == ["building the word cache for sv_SE (first run only)..."]


def test_libhunspell_verdicts_are_saved_and_reused(cache, monkeypatch):
    import graph.ingest.lexicon.hunspell as hunspell_module

    opened = []

    def fake_speller(aff):
        opened.append(aff)
        return lambda word: word == "kvalitetsarbetet"

    monkeypatch.setattr(hunspell_module, "open_speller", fake_speller)
    first = Resources("sv", "sv_SE")
    assert first.spell("kvalitetsarbetet") and not first.spell("kvalitetsxarbetet")
    first.save()
    assert load_verdicts() == {"kvalitetsarbetet": True, "kvalitetsxarbetet": False}
    second = Resources("sv", "sv_SE")
    assert second.spell("kvalitetsarbetet") and not second.spell("kvalitetsxarbetet")
    assert len(opened) == 1  # the second process never loads libhunspell


def test_corrupt_verdicts_are_no_verdicts(cache):
    where, _ = cache
    where.mkdir(parents=True, exist_ok=True)
    (where / "spell-sv_SE.bin").write_bytes(b"garbage")
    assert load_verdicts() == {}
    assert save_verdicts({"hus": True}) is None
    assert load_verdicts() == {"hus": True}


# -- the real word sets ----------------------------------------------------------------------
def test_dic_reader_cuts_lines_as_spylls_does(tmp_path):
    from spylls.hunspell import readers
    from spylls.hunspell.readers.file_reader import FileReader

    from graph.ingest.lexicon.hunspell import read_dictionary

    aff, dic = tmp_path / "xx.aff", tmp_path / "xx.dic"
    aff.write_text(SPYLLS_AFF, encoding="utf-8")
    dic.write_text(SPYLLS_DIC, encoding="utf-8")
    ours = read_dictionary(aff, dic)
    rules, context = readers.read_aff(FileReader(str(aff)))
    theirs = readers.read_dic(FileReader(str(dic), encoding=context.encoding), aff=rules,
                              context=context)
    assert ours.entries == [(w.stem, w.flags) for w in theirs.words]
    assert [s[:3] for s in ours.suffixes] == [("A", "", "et"), ("B", "", "en")]


def test_real_word_sets_survive_the_round_trip():
    sets = default_lexicon().load()._res.sets
    again = WordSets.from_payload(sets.to_payload())
    assert again.codes == sets.codes and again.words == sets.words
    assert again.trigrams == sets.trigrams and again.flag_sets == sets.flag_sets
    assert again.zipfs == sets.zipfs and again.suffixes.keys() == sets.suffixes.keys()


def test_a_build_says_when_it_builds_the_word_cache(runner, tmp_path, monkeypatch):
    from graph.cli import app

    from .conftest import REPORTS

    real_load = Lexicon.load

    def announcing_load(self, notice=None):  # as a load with an empty cache does
        if notice is not None:
            notice("building the word cache for sv_SE (first run only)...")
        return real_load(self)

    monkeypatch.setattr(Lexicon, "load", announcing_load)
    result = runner.invoke(app, ["build", "--reports", str(REPORTS),
                                 "--store", str(tmp_path / "s")])
    assert result.exit_code == 0, result.output
    assert "building the word cache for sv_SE (first run only)...\n" in result.stderr
    assert "Built" in result.stdout

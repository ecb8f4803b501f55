"""Tests of graph.ingest.repair: damage clean Swedish text the ways PDF extraction does, then
check that repair restores it; plus the offset map, hyphenation and clean-text cases.

The damage functions below imitate what the corpus shows, with glyphs and sequences
drawn at random (never the corpus's own mapping): ligature letter sequences replaced by
a glyph outside Latin-1 plus a stray space, ligatures dropped leaving two spaces, split
fi/fl/ff ligatures, and hyphenation at line ends.

Restoration is measured as word-level accuracy (share of the clean text's words found
in order in the repaired text, via difflib). It is not required to be exact: a unigram
lexicon cannot always choose between two real words ("gå till" / "gått till"), and a
rare word missing from the lexicon stays damaged. Each damaged example must reach 0.9,
the aggregate over a fixed sample 0.97 (the repaired corpus files reach about 0.99
lexicon share, above the clean texts).
"""

from __future__ import annotations

import difflib
import random
import re
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from graph.errors import InputError
from graph.ingest.lexicon import Lexicon, default_lexicon
from graph.ingest.repair import (
    Edit,
    RepairedText,
    damage_profile,
    is_glyph,
    lexicon_share,
    repair,
    text_stats,
)

REPORTS = Path(__file__).resolve().parent.parent / "data" / "reports"

# Glyphs a broken font might use: letters outside Latin-1, none of them this corpus's.
GLYPH_POOL = "ǂȸɃʘƺƾǷȜɊʭ"
# Ligature sequences the damage may hit (longest first when replacing).
SEQUENCES = ("tti", "ffi", "ti", "tt", "ft", "fi", "fl", "ff")


# -- damage ---------------------------------------------------------------------------------
def _replace_sequences(text: str, mapping: dict[str, str]) -> str:
    """Replace lower-case ``seq`` inside words by ``mapping[seq]``, longest first."""
    seqs = sorted(mapping, key=len, reverse=True)
    pattern = re.compile("|".join(re.escape(s) for s in seqs))
    return pattern.sub(lambda m: mapping[m.group()], text)


def damage_glyphs(text: str, seqs: list[str], glyphs: str) -> str:
    """Each sequence becomes a glyph followed by one stray space ("iniƟ ering")."""
    return _replace_sequences(text, {s: g + " " for s, g in zip(seqs, glyphs, strict=False)})


def damage_dropped(text: str, seqs: list[str]) -> str:
    """Each sequence is lost, leaving two spaces ("vik  ga")."""
    return _replace_sequences(text, {s: "  " for s in seqs})


def damage_split(text: str) -> str:
    """fi/fl/ff ligatures inside a word are followed by a stray space ("fi nns")."""
    return re.sub(r"(ffi|ffl|fi|fl|ff)(?=[a-zåäö])", r"\1 ", text)


def hyphenate(text: str, width: int, rng: random.Random) -> str:
    """Wrap at ``width``; a long word crossing the margin is hyphenated at a random
    position ("följeforsk-\\nning"). Spaces inside a line are kept as they are."""
    lines, line = [], ""
    for word in re.split(r"(?<=\S) ", text):  # a word keeps the extra spaces before it
        if len(line) + 1 + len(word) <= width or not line:
            line = f"{line} {word}" if line else word
            continue
        core = word.rstrip(".,;:")
        if len(core) >= 8 and core.isalpha() and core.islower():
            cut = rng.randint(3, len(core) - 3)
            lines.append(f"{line} {word[:cut]}-")
            line = word[cut:]
        else:
            lines.append(line)
            line = word
    lines.append(line)
    return "\n".join(lines)


def accuracy(clean: str, repaired: str) -> float:
    """Share of the clean text's words found, in order, in the repaired text."""
    a, b = clean.split(), repaired.split()
    sm = difflib.SequenceMatcher(None, a, b, autojunk=False)
    return sum(m.size for m in sm.get_matching_blocks()) / max(1, len(a))


# -- source text ----------------------------------------------------------------------------
def _sentences() -> list[str]:
    out: list[str] = []
    for name in ("d3-short.txt", "d4-short.txt"):
        text = (REPORTS / name).read_text(encoding="utf-8")
        # drop what a line-end hyphen would make ambiguous, keep running prose
        text = re.sub(r"\S*-\s*\n\s*\S*", " ", text)
        text = re.sub(r"[*•]", " ", text)
        for s in re.split(r"(?<=[.!?])\s+", text):
            s = " ".join(s.split())
            if len(s.split()) >= 6 and re.search("[a-zåäö]", s):
                out.append(s)
    return out


SENTENCES = _sentences()


@pytest.fixture(scope="module")
def lex() -> Lexicon:
    return default_lexicon().load()


def _snippet(start: int, count: int) -> str:
    start %= len(SENTENCES)
    return " ".join(SENTENCES[start:start + count] or SENTENCES[:count])


# -- property tests -------------------------------------------------------------------------
_settings = settings(max_examples=30, deadline=None,
                     suppress_health_check=[HealthCheck.function_scoped_fixture])


@_settings
@given(start=st.integers(0, 10_000), count=st.integers(4, 7),
       seqs=st.lists(st.sampled_from(["ti", "tt", "ft", "tti", "fi", "fl"]), min_size=1,
                     max_size=3, unique=True),
       glyphs=st.text(alphabet=GLYPH_POOL, min_size=3, max_size=3).filter(
           lambda g: len(set(g)) == 3))
def test_glyph_damage_repaired(lex, start, count, seqs, glyphs):
    clean = _snippet(start, count)
    damaged = damage_glyphs(clean, seqs, glyphs)
    r = repair(damaged, lex)
    assert not any(is_glyph(c) for c in r.text if c in glyphs)
    assert accuracy(clean, r.text) >= 0.9, (damaged, r.text)


@_settings
@given(start=st.integers(0, 10_000), count=st.integers(4, 7),
       seqs=st.lists(st.sampled_from(["ti", "tt", "ft"]), min_size=1, max_size=3,
                     unique=True))
def test_dropped_glyphs_repaired(lex, start, count, seqs):
    clean = _snippet(start, count)
    damaged = damage_dropped(clean, seqs)
    r = repair(damaged, lex)
    assert accuracy(clean, r.text) >= 0.9, (damaged, r.text)


@_settings
@given(start=st.integers(0, 10_000), count=st.integers(3, 6), width=st.integers(30, 70),
       seed=st.integers(0, 2**16))
def test_split_ligatures_and_hyphenation_repaired(lex, start, count, width, seed):
    clean = _snippet(start, count)
    damaged = damage_split(hyphenate(clean, width, random.Random(seed)))
    r = repair(damaged, lex)
    assert accuracy(clean, r.text) >= 0.9, (damaged, r.text)
    # line structure kept: no more lines than the damaged text had
    assert r.text.count("\n") <= damaged.count("\n")


def test_aggregate_accuracy(lex):
    """All damage at once over a fixed sample: word accuracy >= 0.97 overall."""
    rng = random.Random(7)
    found = total = 0
    for i in range(6):
        clean = _snippet(rng.randrange(len(SENTENCES)), 5)
        glyphs = rng.sample(GLYPH_POOL, 2)
        # layout first (hyphenation), then the extraction damage
        laid_out = hyphenate(clean, 55, rng)
        damaged = damage_glyphs(laid_out, ["ti", "tt"], "".join(glyphs))
        if i % 2:
            damaged = damage_dropped(laid_out, ["ti", "tt", "ft"])
        damaged = damage_split(damaged)
        r = repair(damaged, lex)
        n = len(clean.split())
        found += round(accuracy(clean, r.text) * n)
        total += n
    assert found / total >= 0.97


# -- the corpus ------------------------------------------------------------------------------
def test_clean_text_unchanged_but_hyphenation(lex):
    raw = (REPORTS / "d3-short.txt").read_text(encoding="utf-8")
    r = repair(raw, lex)
    for e in r.edits:  # d3 has no line-end hyphen: nothing may change
        assert "-" in raw[e.raw_start:e.raw_end], e
    assert r.text == raw


def test_clean_double_space_kept(lex):
    raw = "Tillsammans för barnens bästa i Sörmland,  exempelvis genom samverkan."
    assert repair(raw, lex).text == raw


def test_suspended_compound_kept(lex):
    raw = "samverkan mellan hälso-\noch sjukvård samt regions- \noch kommunnivå"
    assert repair(raw, lex).text == raw


def test_line_end_hyphenation(lex):
    raw = "FoU fick uppdraget att genomföra följeforsk-\nning av arbetet med dialog- \nträffar"
    r = repair(raw, lex)
    assert "följeforskning\nav arbetet" in r.text
    assert "dialogträffar" in r.text
    assert r.text.count("\n") == raw.count("\n") - 1  # the last line was one word


def test_hyphen_kept_when_joined_form_is_no_word(lex):
    raw = "enligt Jan-\nErik och NPF-\nliknande problem"
    text = repair(raw, lex).text
    assert "Jan-Erik" in text and "NPF-liknande" in text


@pytest.mark.parametrize("name", ["d1-short.txt", "d2-short.txt"])
def test_corpus_damage_repaired(lex, name):
    raw = (REPORTS / name).read_text(encoding="utf-8")
    r = repair(raw, lex)
    assert not any(is_glyph(c) for c in r.text)
    assert not re.search(r"\S  +\S", r.text.replace("\n", " \n")), "gap left"
    clean = min(lexicon_share((REPORTS / n).read_text(encoding="utf-8"), lex)
                for n in ("d3-short.txt", "d4-short.txt"))
    assert lexicon_share(r.text, lex) >= clean
    assert r.profile["glyphs"] or r.profile["dropped_glyphs"]


def test_unicode_ligatures(lex):
    r = repair("Det ﬁnns eﬀektmål och ﬂera ﬁ ck uppdraget.", lex)
    assert r.text == "Det finns effektmål och flera fick uppdraget."


def test_profile_of_clean_text(lex):
    p = damage_profile("Det finns ett engagemang hos både politiker och tjänstemän.", lex)
    assert not p["glyphs"] and not p["dropped_glyphs"] and p["split_ligatures"] == 0


def test_stats_use_package_lexicon(lex):
    v = lex.with_vocabulary(["Aytar"])
    s = text_stats("Osman Aytar och Lina", v)
    assert s.tokens == 4 and s.known == 3 and s.share == 0.75


# -- the offset map --------------------------------------------------------------------------
def test_offsets_round_trip_on_edits(lex):
    raw = "FoU i Sörmland fi ck uppdraget aǂ  genomföra följeforsk-\nning av delt-\nagare."
    r = repair(raw + " aǂ  ta", lex)
    assert "fick uppdraget att genomföra följeforskning" in r.text
    for e in r.edits:
        start = r.to_repaired(e.raw_start)
        end = r.to_repaired(e.raw_end)
        assert r.text[start:end] == e.replacement
        assert r.to_raw(start) == e.raw_start
        if e.replacement:  # (a deletion's start and end are one offset: it maps to start)
            assert r.to_raw(end) == e.raw_end
    # every word of the repaired text traces back to raw text that starts the same way
    for m in re.finditer(r"\w+", r.text):
        a = r.to_raw(m.start())
        assert r.raw[a] == m.group()[0] or r.raw[a - 1:a + 1].strip()


def test_offsets_identity_and_bounds():
    r = RepairedText("abc", "abc", [])
    assert [r.to_raw(i) for i in range(4)] == [0, 1, 2, 3]
    with pytest.raises(InputError):
        r.to_raw(4)
    with pytest.raises(InputError):
        r.to_repaired(-1)


@given(st.lists(st.tuples(st.integers(0, 3), st.integers(0, 3), st.text("xy", max_size=3)),
                max_size=6))
@settings(max_examples=50, deadline=None)
def test_offsets_monotone(specs):
    raw = "abcdefghijklmnopqrstuvwxyz"
    edits, pos = [], 0
    for gap, length, rep in specs:
        start = pos + gap
        if start + length > len(raw):
            break
        edits.append(Edit(start, start + length, rep))
        pos = start + length + 1
    text, last = "", 0
    for e in edits:
        text += raw[last:e.raw_start] + e.replacement
        last = e.raw_end
    text += raw[last:]
    r = RepairedText(raw, text, edits)
    mapped = [r.to_repaired(i) for i in range(len(raw) + 1)]
    assert mapped == sorted(mapped) and mapped[0] == 0 and mapped[-1] == len(text)
    back = [r.to_raw(i) for i in range(len(text) + 1)]
    # The ends always map to each other, whatever edit stands at the end.
    assert back == sorted(back) and back[-1] == len(raw)
    for e in edits:
        if e.raw_start == len(raw) or r.to_repaired(e.raw_start) == len(text):
            continue  # an edit at the very end: its offsets are the ends
        s = r.to_repaired(e.raw_start)
        assert text[s:s + len(e.replacement)] == e.replacement
        assert r.to_raw(s) == e.raw_start
        if e.raw_end > e.raw_start:  # (an insertion's start and end coincide)
            assert r.to_repaired(e.raw_end) == s + len(e.replacement)
        if e.replacement:
            assert r.to_raw(s + len(e.replacement)) == e.raw_end


def test_the_ends_map_to_each_other_after_an_edit_at_the_end():
    # Found by hypothesis: a deletion or an insertion at the very end.
    deleted = RepairedText("abcdef", "abc", [Edit(3, 6, "")])
    assert deleted.to_raw(3) == 6 and deleted.to_repaired(6) == 3
    inserted = RepairedText("abc", "abcx", [Edit(3, 3, "x")])
    assert inserted.to_repaired(3) == 4 and inserted.to_raw(4) == 3


# -- a clean document is not searched ---------------------------------------------------------
def _repair_module():
    # (the package exports the function repair, which hides its module of the same name)
    import importlib

    return importlib.import_module("graph.ingest.repair.repair")


def _forbid_search(monkeypatch):
    repair_module = _repair_module()

    calls = []

    def no_search(*args):
        calls.append(args)
        raise AssertionError("a clean text was searched")

    monkeypatch.setattr(repair_module, "search", no_search)
    monkeypatch.setattr(repair_module, "segments", no_search)
    return calls


def test_a_clean_document_gets_no_search_and_no_edit(lex, monkeypatch):
    from graph.ingest.repair import analyse_damage

    raw = (REPORTS / "d3-short.txt").read_text(encoding="utf-8")
    analysis = analyse_damage(raw, lex)
    assert analysis.clean and not analysis.damaged
    calls = _forbid_search(monkeypatch)
    r = repair(raw, lex, analysis=analysis)
    assert r.text == raw and r.edits == [] and not r.changed and not calls
    assert repair(raw, lex).text == raw  # also when repair analyses the text itself


def test_a_damaged_document_is_searched(lex, monkeypatch):
    calls = _forbid_search(monkeypatch)
    with pytest.raises(AssertionError, match="searched"):
        repair("Det fi nns en iniƟ ering.", lex)
    assert calls


def test_the_build_searches_only_documents_with_something_to_repair(monkeypatch):
    from graph.ingest.catalog import load_catalog
    from graph.pipeline import process

    repair_module = _repair_module()
    searched = []
    real_search = repair_module.search

    def counting_search(segs, lex):
        searched.append(len(segs))
        return real_search(segs, lex)

    monkeypatch.setattr(repair_module, "search", counting_search)
    processed = {p.document.id: p for p in process(load_catalog(REPORTS))}
    # d1-short, d2-short (glyphs, gaps) and d4-short (line-end hyphens); not d1-full, d3-short
    assert len(searched) == 3
    for clean in ("d1-full", "d3-short"):
        repaired = processed[clean].text
        assert repaired.text == repaired.raw and not repaired.edits


def test_an_analysis_of_another_text_is_refused(lex):
    from graph.ingest.repair import analyse_damage

    with pytest.raises(InputError):
        repair("Ett annat ord.", lex, analysis=analyse_damage("Ett ord.", lex))


def test_the_analysis_ignores_an_added_vocabulary(lex):
    from graph.ingest.repair import analyse_damage

    raw = "Ordet iniƟ ering och Ɵ ll."
    with_vocabulary = lex.with_vocabulary(["initiering"])
    assert analyse_damage(raw, with_vocabulary).profile() == analyse_damage(raw, lex).profile()

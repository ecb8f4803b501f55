"""Analysis of the damage PDF extraction did to one text, learned from the text itself.

* **Ligature glyphs**: each unknown glyph's letter sequence is learned by voting, every
  occurrence voting for the sequence that makes its word a lexicon word ("iniƟ ering");
  Unicode ligatures (ﬁ ﬂ ﬀ ...) expand by compatibility decomposition.
* **Dropped glyphs**: gaps of spaces between letters ("vik  ga") that a ligature
  sequence explains better than a space; the sequences' shares are learned by voting.
* **Split ligatures** ("fi nns") and **line-end hyphens** are counted.

The analysis decides what a repair may try (:mod:`graph.ingest.repair.candidates`) and
whether a text is damaged at all: an undamaged text needs no search.
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Iterable
from typing import Any

from graph.ingest.lexicon import Lexicon, default_lexicon
from graph.ingest.repair.costs import FILL_COST, MIN_SHARE, UNKNOWN, space_cost
from graph.ingest.repair.glyphs import (
    HYPHEN_BREAK,
    LIGATURE_SEQUENCES,
    case,
    ends_with_split_sequence,
    is_gap,
    is_glyph,
    letters_after,
    letters_before,
    runs,
    unicode_ligature,
)

__all__ = ["DamageAnalysis", "analyse_damage", "damage_profile"]

#: How many sequences the gap votes may propose for filling gaps.
_MAX_FILLS = 5
#: Share of a text's gaps that must be suspicious before gaps count as dropped glyphs.
_SUSPICIOUS_GAP_SHARE = 0.25


_TOKEN = re.compile(r"\w+")
_STROKED = frozenset("ŁłĐđĦħŦŧƗɨ")


def _accented_latin(ch: str) -> bool:
    """A Latin letter with a diacritic: it decomposes into an ASCII letter and marks."""
    base = unicodedata.normalize("NFD", ch)
    return ch in _STROKED or (len(base) > 1 and base[0].isascii() and base[0].isalpha()
                              and all(unicodedata.combining(c) for c in base[1:]))


def name_letters(raw: str, chars: Iterable[str]) -> set[str]:
    """The letters among *chars* that spell names, not ligatures: every word they stand
    in begins with a capital ("Dženan Šimić", "Łukasz").  A glyph standing for a
    ligature sits in ordinary lower-case words ("akƟva") at least once.

    Only accented Latin letters can be such letters (those that decompose into a
    Latin letter and marks, and the letters with a stroke): a glyph such as Ɵ or Ʒ
    never is, even at the start of a capitalised word.

    >>> sorted(name_letters("Dženan Šimić under hösten; akƟva; Ʒllsammans", "žŠćƟƷ"))
    ['ć', 'Š', 'ž']
    """
    wanted = {ch for ch in chars if _accented_latin(ch)}
    if not wanted:
        return set()
    lower_case: set[str] = set()
    seen: set[str] = set()
    for token in _TOKEN.findall(raw):
        present = wanted.intersection(token)
        if not present:
            continue
        seen |= present
        if not token[0].isupper():
            lower_case |= present
    return seen - lower_case


class DamageAnalysis:
    """Per-document knowledge of the damage: glyph mapping, gap fills, counts.

    Build it with :func:`analyse_damage`.
    """

    def __init__(self, raw: str, lex: Lexicon) -> None:
        self.raw = raw
        self.lex = lex
        self.runs = runs(raw)
        glyphs = {ch: n for ch, n in Counter(raw).items() if is_glyph(ch)}
        names = name_letters(raw, glyphs)
        self.glyph_counts = Counter({ch: n for ch, n in glyphs.items() if ch not in names})
        self.glyph_map: dict[str, str] = {}
        self.glyph_stray: dict[str, int] = {}
        self.glyph_votes: dict[str, dict[str, float]] = {}
        self.fill_votes: dict[str, float] = {}
        self.suspicious_gaps = 0
        self.gaps = 0
        self.split_ligatures = 0
        self.line_hyphens = 0

    def __getstate__(self) -> dict[str, Any]:
        """Pickled without its lexicon (another process has its own): set :attr:`lex`
        again before repairing with an unpickled analysis."""
        return {**self.__dict__, "lex": None}

    def known(self, word: str) -> float:
        """The lexicon's score of ``word`` (0.0 for a non-word)."""
        return self.lex.score(word) if word and self.lex.maybe_word(word) else 0.0

    def lp(self, word: str) -> float:
        """Log-probability of ``word`` as a token (:data:`UNKNOWN` for a non-word)."""
        s = self.known(word)
        return s - 9.0 if s > 0 else UNKNOWN

    # -- learning the glyph map by voting -------------------------------------------------
    def learn_glyphs(self) -> None:
        """Learn which letter sequence each unknown glyph stands for, by vote."""
        raw = self.raw
        votes: dict[str, dict[str, float]] = defaultdict(lambda: defaultdict(float))
        evidence: dict[str, dict[str, list[int]]] = defaultdict(lambda: defaultdict(list))
        for pos, ch in enumerate(raw):
            if ch not in self.glyph_counts:
                continue
            uni = unicode_ligature(ch)
            if uni is not None:
                self.glyph_map[ch] = uni
                continue
            left_det = pos == 0 or not is_glyph(raw[pos - 1])
            left = letters_before(raw, pos) if left_det else ""
            j = pos + 1
            while j < len(raw) and raw[j] == " ":
                j += 1
            right_det = True
            right = letters_after(raw, j)
            if j + len(right) < len(raw) and is_glyph(raw[j + len(right)]):
                right_det = False
            # Each occurrence votes for the expansion(s) giving its most plausible words.
            scores: dict[str, float] = {}
            for seq in LIGATURE_SEQUENCES:
                seq_c = case(left or right, seq)
                joined = boundary = 0.0
                if left_det and right_det and (left or right):
                    joined = self.known(left + seq_c + right)
                if j > pos + 1 and left_det and left:  # the space after it is a boundary
                    other = self.known(right) if right_det and right else 9.0
                    boundary = min(self.known(left + seq_c), other)
                if max(joined, boundary) > 0:
                    scores[seq] = max(joined, boundary)
                    if joined > 0 and boundary == 0:
                        evidence[ch][seq].append(j - pos - 1)
            if scores:
                top = max(scores.values())
                winners = [s for s, v in scores.items() if v == top]
                for seq in winners:
                    votes[ch][seq] += 1.0 / len(winners)
        for ch, v in votes.items():
            self.glyph_votes[ch] = dict(v)
            self.glyph_map[ch] = max(v, key=lambda s: v[s])
            # How many stray spaces this glyph leaves: the usual count where the letters
            # around it only make a word when joined.
            ns = Counter(evidence[ch][self.glyph_map[ch]])
            self.glyph_stray[ch] = ns.most_common(1)[0][0] if ns else 1

    # -- learning which sequences dropped glyphs stood for ----------------------------------
    def learn_gaps(self) -> None:
        """Find the gaps a ligature sequence explains better than spaces, and vote."""
        runs_, raw = self.runs, self.raw
        votes: dict[str, float] = defaultdict(float)
        for k in range(1, len(runs_) - 1):
            s, e, is_frag = runs_[k]
            if is_frag or not is_gap(raw[s:e]):
                continue
            left = raw[runs_[k - 1][0]:runs_[k - 1][1]]
            right = raw[runs_[k + 1][0]:runs_[k + 1][1]]
            if not (runs_[k - 1][2] and runs_[k + 1][2]):
                continue
            self.gaps += 1
            keep = self.lp(left) + self.lp(right) - space_cost(e - s, 0, 1)
            best_seq, best = "", keep + FILL_COST
            # A reading with the left or right part alone needs that part to be a word:
            # asked once, not for every sequence (most gaps of a clean text fail here).
            left_known, right_known = bool(self.known(left)), bool(self.known(right))
            for seq in LIGATURE_SEQUENCES:
                options: list[tuple[str, ...]] = [(left + case(left, seq) + right,)]
                if right_known:
                    options.append((left + case(left, seq), right))
                if left_known:
                    options.append((left, case(right, seq) + right))
                for toks in options:
                    if all(self.known(t) for t in toks):
                        sc = sum(self.lp(t) for t in toks)
                        if sc > best:
                            best_seq, best = seq, sc
            if best_seq:
                self.suspicious_gaps += 1
                votes[best_seq] += best - keep
        self.fill_votes = dict(votes)

    def count_breaks(self) -> None:
        """Count split ligatures ("fi nns": a split-prone sequence, a space and letters
        where a neighbour is no word) and line-end hyphens between letters."""
        raw, runs_, lex = self.raw, self.runs, self.lex
        split = hyph = 0
        for k in range(1, len(runs_) - 1):
            s, e, frag = runs_[k]
            if frag or not (runs_[k - 1][2] and runs_[k + 1][2]):
                continue
            left = raw[runs_[k - 1][0]:runs_[k - 1][1]]
            right = raw[runs_[k + 1][0]:runs_[k + 1][1]]
            if raw[s:e] == " " and ends_with_split_sequence(left) and (
                    not lex.is_word(left) or not lex.is_word(right)):
                split += 1
            elif HYPHEN_BREAK.fullmatch(raw[s:e]):
                hyph += 1
        self.split_ligatures, self.line_hyphens = split, hyph

    @property
    def fill_enabled(self) -> bool:
        """Whether the text has lost glyphs (so gaps may be filled)."""
        # One suspicious gap may be chance in a clean text; with other glyph damage or a
        # second one, the document has lost glyphs.
        if self.suspicious_gaps >= 1 and self.glyph_map:
            return True
        return (self.suspicious_gaps >= 2
                and self.suspicious_gaps >= _SUSPICIOUS_GAP_SHARE * self.gaps)

    @property
    def fills(self) -> dict[str, float]:
        """Sequences a gap may stand for -> cost of filling one in: the per-document
        prior -log10(share of the gap votes), plus a base cost."""
        if not self.fill_enabled:
            return {}
        ranked = sorted(self.fill_votes, key=lambda s: -self.fill_votes[s])[:_MAX_FILLS]
        total = sum(self.fill_votes[s] for s in ranked) or 1.0
        out = {s: FILL_COST - math.log10(max(self.fill_votes[s] / total, MIN_SHARE))
               for s in ranked}
        for seq in self.glyph_map.values():  # the font's other ligatures may drop too
            if seq not in out and seq.isalpha():
                out[seq] = FILL_COST - math.log10(MIN_SHARE)
        return out

    @property
    def damaged(self) -> bool:
        """Whether extraction damaged the words: glyphs, dropped glyphs or split
        ligatures (line-end hyphens are layout, not damage)."""
        return bool(self.glyph_counts or self.fill_enabled or self.split_ligatures)

    @property
    def clean(self) -> bool:
        """Whether there is nothing to repair: no damage and no line-end hyphen."""
        return not self.damaged and not self.line_hyphens

    def profile(self) -> dict[str, Any]:
        """The analysis as a plain dict (see :func:`damage_profile`)."""
        return {
            "glyphs": dict(self.glyph_counts),
            "glyph_map": dict(self.glyph_map),
            "glyph_stray_spaces": dict(self.glyph_stray),
            "glyph_votes": self.glyph_votes,
            "gaps": self.gaps,
            "suspicious_gaps": self.suspicious_gaps,
            "fill_votes": self.fill_votes,
            "dropped_glyphs": self.fill_enabled,
            "fills": {s: round(c, 2) for s, c in self.fills.items()},
            "split_ligatures": self.split_ligatures,
            "line_hyphens": self.line_hyphens,
        }


def analyse_damage(raw: str, lexicon: Lexicon | None = None) -> DamageAnalysis:
    """Analyse the extraction damage of ``raw``: learn its glyphs and gaps, count breaks.

    The text is measured against the *package* lexicon (``lexicon.base``): an added
    vocabulary comes from other texts and is meant for choosing repairs, not for
    deciding what damage this text has. So one analysis serves both to choose the
    undamaged texts whose words become that vocabulary and to repair the text.

    Parameters
    ----------
    raw
        Extracted text.
    lexicon
        Defaults to :func:`graph.ingest.lexicon.default_lexicon`; its vocabulary is
        ignored.

    Returns
    -------
    DamageAnalysis

    Examples
    --------
    >>> a = analyse_damage("Ordet iniƟ ering.")
    >>> a.glyph_map, a.damaged
    ({'Ɵ': 'ti'}, True)
    >>> analyse_damage("Ingen skada här.").clean
    True
    """
    analysis = DamageAnalysis(raw, (lexicon or default_lexicon()).base)
    analysis.learn_glyphs()
    analysis.learn_gaps()
    analysis.count_breaks()
    return analysis


def damage_profile(raw: str, lexicon: Lexicon | None = None) -> dict[str, Any]:
    """Describe the extraction damage of ``raw``; used to decide which repairs to try.

    Parameters
    ----------
    raw
        Extracted text.
    lexicon
        Defaults to :func:`graph.ingest.lexicon.default_lexicon`.

    Returns
    -------
    dict
        ``glyphs`` (unknown glyph -> count), ``glyph_map`` (glyph -> learned letters),
        ``glyph_votes``, ``gaps`` (space runs of 2+ between letters), ``suspicious_gaps``
        (those a ligature filling explains better), ``fill_votes``, ``dropped_glyphs``
        (bool), ``fills`` (sequences tried in gaps), ``split_ligatures`` (a split-prone
        sequence + space + letters where a neighbour is no word) and ``line_hyphens``.

    Examples
    --------
    >>> p = damage_profile("Det fi nns ett mål för följeforsk-\\nningen.")
    >>> p["split_ligatures"], p["line_hyphens"], p["glyphs"]
    (1, 1, {})
    """
    return analyse_damage(raw, lexicon).profile()

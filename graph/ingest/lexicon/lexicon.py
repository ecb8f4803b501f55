"""A Swedish lexicon for judging and repairing words extracted from PDF reports.

Three sources are combined:

* wordfreq's Swedish frequency list (fast, has frequencies, but also carries junk
  fragments from badly extracted web text such as "ti" or "nns");
* the Hunspell Swedish dictionary of the ``hunspell-sv`` package, read with spylls
  (slow to load, accepts inflections and compounds by the dictionary's own rules);
* a compound analysis of our own (2-3 known parts, linking -s- allowed), for long
  compounds neither source knows.

Optionally the vocabulary of undamaged texts can be added with
:meth:`Lexicon.with_vocabulary`. Everything heavy is loaded lazily and once per process:
importing this module loads nothing.

>>> lex = Lexicon()
>>> lex.loaded
False
"""

from __future__ import annotations

import math
import os
import sys
import sysconfig
from bisect import bisect_left
from collections.abc import Iterable, Iterator
from functools import lru_cache
from pathlib import Path
from typing import Any

from graph.errors import FyndError

__all__ = [
    "COMPOUND_SCORE",
    "HUNSPELL_ONLY_SCORE",
    "VOCABULARY_SCORE",
    "Lexicon",
    "default_lexicon",
    "find_hunspell_files",
]

#: Score of a word Hunspell accepts but wordfreq does not list (rare but real).
HUNSPELL_ONLY_SCORE = 1.5
#: Score of a word only our compound analysis accepts.
COMPOUND_SCORE = 1.0
#: Score of a word only the added vocabulary (undamaged texts) knows.
VOCABULARY_SCORE = 2.0
#: Penalty on words only wordfreq lists: names, English, and extraction junk.
_WORDFREQ_ONLY_PENALTY = 1.5
#: wordfreq-only words must be this long and this frequent to count: short entries
#: of the list are too often fragments of damaged text.
_WORDFREQ_ONLY_MIN_LEN = 4
_WORDFREQ_ONLY_MIN_ZIPF = 2.5
#: Minimal length of a compound part, and zipf a part needs when only wordfreq knows it.
_PART_MIN_LEN = 3
_PART_MIN_ZIPF = 3.0
_SHORT_PART_MIN_ZIPF = 4.0
_MAX_SUFFIX = 8  # longest suffix tried when undoing inflection
#: Lowest score of an accepted word, and the malus of a compound against its parts.
_SCORE_FLOOR = 0.05
_COMPOUND_MALUS = 1.0
#: wordfreq words at least this frequent feed the trigram shape filter.
_SHAPE_MIN_ZIPF = 1.0


def find_hunspell_files(name: str = "sv_SE") -> tuple[Path, Path] | None:
    """Locate the ``.aff``/``.dic`` pair of a Hunspell dictionary.

    Looks where the ``hunspell-sv`` wheel installs its files (``<prefix>/share/hunspell``
    for the running interpreter, its base and the user base), where the package's
    metadata says they are, in ``$FYND_HUNSPELL_DIR``, and in the directories of
    Debian's ``hunspell-sv`` package.

    Parameters
    ----------
    name
        Dictionary name, e.g. ``"sv_SE"``.

    Returns
    -------
    tuple of Path or None
        ``(aff, dic)``, or None when no directory holds both files.

    Examples
    --------
    >>> pair = find_hunspell_files("xx_NOPE")
    >>> pair is None
    True
    """
    dirs: list[Path] = []
    env = os.environ.get("FYND_HUNSPELL_DIR")
    if env:
        dirs.append(Path(env))
    for prefix in (sys.prefix, sys.base_prefix, sysconfig.get_config_var("userbase") or ""):
        if prefix:
            dirs.append(Path(prefix) / "share" / "hunspell")
    try:  # where the wheel's RECORD says the files went (works for odd prefixes too)
        from importlib.metadata import PackageNotFoundError, distribution

        try:
            for f in distribution("hunspell-sv").files or []:
                if f.name == f"{name}.dic":
                    dirs.append(Path(str(f.locate())).resolve().parent)
        except PackageNotFoundError:
            pass
    except ImportError:  # pragma: no cover
        pass
    dirs += [Path("/usr/share/hunspell"), Path("/usr/local/share/hunspell"),
             Path("/usr/share/myspell"), Path("/usr/share/myspell/dicts")]
    for d in dirs:
        aff, dic = d / f"{name}.aff", d / f"{name}.dic"
        if aff.is_file() and dic.is_file():
            return aff, dic
    return None


class _Resources:
    """The heavy, shareable part of a lexicon, each piece loaded on first use."""

    def __init__(self, lang: str, hunspell_name: str) -> None:
        self.lang = lang
        self.hunspell_name = hunspell_name
        self._freq: dict[str, float] | None = None
        self._hunspell: Any = None
        self._hunspell_cache: dict[str, bool] = {}
        self._stems: frozenset[str] | None = None
        self._trigrams: frozenset[str] | None = None
        self._sorted: list[str] | None = None
        self._suffixes: dict[str, list[tuple[str, str, Any]]] | None = None
        self._stem_flags: dict[str, set[str]] = {}
        self._lower_stems: set[str] = set()
        self._needaffix: str | None = None

    @property
    def freq(self) -> dict[str, float]:
        """Word -> zipf frequency (log10 of occurrences per billion words)."""
        if self._freq is None:
            from wordfreq import get_frequency_dict

            self._freq = {
                w: math.log10(f) + 9.0 for w, f in get_frequency_dict(self.lang).items() if f > 0
            }
        return self._freq

    def hunspell(self, word: str) -> bool:
        """Whether Hunspell accepts ``word`` as written (memoized).

        Hunspell itself accepts a capitalised or upper-case spelling of a lower-case
        entry, but not a lower-case spelling of a name.
        """
        hit = self._hunspell_cache.get(word)
        if hit is None:
            low = word.lower()
            plain_case = word[1:] == low[1:] or word.isupper()  # not "JanErik", "FoU"
            if low.isalpha() and plain_case and self.inflected(low, lower_stem=word == low):
                hit = True  # a plain dictionary form: no need for the slow full lookup
            elif not self.shape_ok(word):
                hit = False  # cheap reject: a lookup of a non-word costs 1-10 ms
            else:
                try:
                    hit = bool(self.dictionary.lookup(word))
                except Exception:  # noqa: BLE001 - spylls can choke on odd input: no word
                    hit = False
            self._hunspell_cache[word] = hit
        return hit

    @property
    def dictionary(self) -> Any:
        """The spylls Hunspell dictionary (loaded on first use, ~3-5 s)."""
        if self._hunspell is None:
            self._load_hunspell()
        return self._hunspell

    @property
    def stems(self) -> frozenset[str]:
        """Lower-cased alphabetic stems of the Hunspell dictionary."""
        if self._stems is None:
            self._stems = frozenset(
                w.stem.lower() for w in self.dictionary.dic.words if w.stem.isalpha()
            )
        return self._stems

    @property
    def sorted_words(self) -> list[str]:
        """Known lower-case words and stems, sorted (for prefix queries)."""
        if self._sorted is None:
            words = {w for w, z in self.freq.items() if z >= _SHAPE_MIN_ZIPF and w.isalpha()}
            self._sorted = sorted(words | self.stems)
        return self._sorted

    def has_prefix(self, prefix: str) -> bool:
        """Whether some known word or stem starts with ``prefix`` (lower case)."""
        words = self.sorted_words
        i = bisect_left(words, prefix)
        return i < len(words) and words[i].startswith(prefix)

    def inflected(self, word: str, lower_stem: bool = False) -> bool:
        """Whether lower-case ``word`` is a stem or a suffixed form of a stem of the
        Hunspell dictionary, by the dictionary's own suffix rules, with set lookups only
        (no compound search). With ``lower_stem``, a name's stem ("Sörmland") does not
        count."""
        if self._suffixes is None:
            aff = self.dictionary.aff
            bad = {f for f in (aff.FORBIDDENWORD, aff.ONLYINCOMPOUND) if f}
            stem_flags: dict[str, set[str]] = {}
            lower: set[str] = set()
            for w in self.dictionary.dic.words:
                if bad & set(w.flags):
                    continue
                low = w.stem.lower()
                stem_flags.setdefault(low, set()).update(w.flags)
                if w.stem == low:
                    lower.add(low)
            index: dict[str, list[tuple[str, str, Any]]] = {}
            for flag, rules in aff.SFX.items():
                for r in rules:
                    if not bad & set(r.flags):
                        index.setdefault(r.add, []).append((r.strip, flag, r.cond_regexp))
            self._stem_flags, self._lower_stems, self._suffixes = stem_flags, lower, index
            self._needaffix = aff.NEEDAFFIX
        n = len(word)
        flags = self._stem_flags.get(word)
        if flags is not None and self._needaffix not in flags and (
                not lower_stem or word in self._lower_stems):
            return True
        for k in range(1, min(n - 1, _MAX_SUFFIX) + 1):
            for strip, flag, cond in self._suffixes.get(word[n - k:], ()):
                stem = word[:n - k] + strip
                flags = self._stem_flags.get(stem)
                if flags and flag in flags and cond.search(stem) and (
                        not lower_stem or stem in self._lower_stems):
                    return True
        return False

    def shape_ok(self, word: str, prefix: bool = False) -> bool:
        """Whether every letter trigram of ``word`` occurs in some known word.

        A character-level filter built from the lexicon itself: strings with a trigram
        no Swedish word has (most candidate repairs that are wrong) need no lookup.
        With ``prefix``, ``word`` may be the start of a longer word.
        """
        if self._trigrams is None:
            grams: set[str] = set()
            words = [w for w, z in self.freq.items() if z >= _SHAPE_MIN_ZIPF and w.isalpha()]
            for w in (*words, *self.stems):
                w = f"<{w}>"
                grams.update(w[i:i + 3] for i in range(len(w) - 2))
            self._trigrams = frozenset(grams)
        w = f"<{word.lower()}" if prefix else f"<{word.lower()}>"
        return all(w[i:i + 3] in self._trigrams for i in range(len(w) - 2))

    def _load_hunspell(self) -> None:
        pair = find_hunspell_files(self.hunspell_name)
        if pair is None:
            raise FyndError(
                f"Hunspell dictionary {self.hunspell_name} not found: "
                "install the hunspell-sv package (pip) or Debian's hunspell-sv"
            )
        from spylls.hunspell import Dictionary

        try:
            self._hunspell = Dictionary.from_files(str(pair[0].with_suffix("")))
        except Exception as exc:  # pragma: no cover - corrupt files
            raise FyndError(f"cannot read Hunspell dictionary {pair[1]}: {exc}") from exc

    @property
    def loaded(self) -> bool:
        return self._freq is not None or self._hunspell is not None


class Lexicon:
    """Swedish words with a plausibility score.

    Parameters
    ----------
    lang
        wordfreq language code.
    hunspell_name
        Name of the Hunspell dictionary files.
    vocabulary
        Extra known words (e.g. the tokens of undamaged texts of the same series).

    Examples
    --------
    >>> lex = Lexicon()  # loads nothing yet
    >>> lex.with_vocabulary(["Aytar"]).vocabulary
    frozenset({'aytar'})
    """

    def __init__(
        self,
        lang: str = "sv",
        hunspell_name: str = "sv_SE",
        vocabulary: Iterable[str] = (),
        *,
        _resources: _Resources | None = None,
        _base: Lexicon | None = None,
    ) -> None:
        self._res = _resources or _Resources(lang, hunspell_name)
        self.vocabulary: frozenset[str] = frozenset(w.lower() for w in vocabulary if w)
        self._base = _base
        self._score_cache: dict[str, float] = {}
        self._logp_cache: dict[str, float | None] = {}
        self._maybe_cache: dict[str, bool] = {}
        self._kind_cache: dict[str, str | None] = {}

    # -- construction -------------------------------------------------------------------
    @property
    def base(self) -> Lexicon:
        """The lexicon without added vocabulary (the package lexicon alone)."""
        return self._base if self._base is not None else self

    def with_vocabulary(self, words: Iterable[str]) -> Lexicon:
        """A lexicon that also knows ``words``, sharing this one's loaded resources.

        Parameters
        ----------
        words
            Words to accept (case-insensitive); non-alphabetic strings are ignored.

        Returns
        -------
        Lexicon
            A new lexicon; its :attr:`base` is the package lexicon.
        """
        vocab = set(self.vocabulary) | {w for w in words if w.isalpha()}
        return Lexicon(vocabulary=vocab, _resources=self._res, _base=self.base)

    def shape_ok(self, word: str, prefix: bool = False) -> bool:
        """Whether ``word`` (or, with ``prefix``, a word starting so) has only letter
        trigrams that known words have: a cheap test that rejects most non-words."""
        return self._res.shape_ok(word, prefix)

    def could_start(self, prefix: str) -> bool:
        """Whether ``prefix`` can begin a word: a known word or stem starts so, or a
        known part is followed by the start of one (compounds).

        Parameters
        ----------
        prefix
            Letters.

        Returns
        -------
        bool
        """
        low = prefix.lower()
        if self._res.has_prefix(low):
            return True
        for i in range(_PART_MIN_LEN, len(low) - 1):
            head = low[:i]
            known = self._part_known(head) or (
                head.endswith("s") and self._part_known(head[:-1]))
            if known and self._res.has_prefix(low[i:]):
                return True
        return False

    @property
    def loaded(self) -> bool:
        """Whether any heavy resource has been loaded yet."""
        return self._res.loaded

    def load(self) -> Lexicon:
        """Load wordfreq and Hunspell now (else on first use); returns self."""
        self._res.shape_ok("och")
        self._res.has_prefix("och")
        self._res.inflected("och")
        self._res.hunspell("och")
        return self

    # -- queries ------------------------------------------------------------------------
    def zipf(self, word: str) -> float:
        """wordfreq's zipf frequency of ``word`` (0.0 when unlisted), case-insensitive."""
        return self._res.freq.get(word.lower(), 0.0)

    def hunspell(self, word: str) -> bool:
        """Whether Hunspell accepts ``word`` (a capitalised or upper-case spelling of a
        lower-case entry counts, a lower-case spelling of a name does not)."""
        return self._res.hunspell(word)

    def kind(self, word: str) -> str | None:
        """Which source accepts ``word``.

        Returns
        -------
        str or None
            ``"frequent"`` (Hunspell and wordfreq), ``"hunspell"`` (Hunspell only),
            ``"wordfreq"`` (wordfreq only, long and frequent enough), ``"vocabulary"``,
            ``"compound"``, ``"hyphenated"`` (every part known), or None.
        """
        if word in self._kind_cache:
            return self._kind_cache[word]
        k = self._kind(word)
        self._kind_cache[word] = k
        return k

    def _kind(self, word: str) -> str | None:
        if not word:
            return None
        if "-" in word.strip("-"):
            parts = [p for p in word.split("-") if p]
            return "hyphenated" if parts and all(self.is_word(p) for p in parts) else None
        if not word.isalpha():
            return None
        z = self.zipf(word)
        if self.hunspell(word):
            return "frequent" if z > 0 else "hunspell"
        if len(word) >= _WORDFREQ_ONLY_MIN_LEN and z >= _WORDFREQ_ONLY_MIN_ZIPF:
            return "wordfreq"
        if word.lower() in self.vocabulary:
            return "vocabulary"
        if not word[1:].islower() and not word.isupper():
            return None  # "JanErik": a capital inside a word is no compound of ours
        if self.split_compound(word) is not None:
            return "compound"
        return None

    def maybe_word(self, word: str) -> bool:
        """Fast test, without Hunspell: could ``word`` be a word at all?

        True for words wordfreq lists, Hunspell stems, vocabulary and compounds of
        such parts; a False is final for :meth:`is_word` in all but rare cases (an
        inflected form of a rare word), a True must be confirmed by :meth:`is_word`.
        Used to skip slow lookups of the many wrong candidates a repair tries.

        Parameters
        ----------
        word
            A token.

        Returns
        -------
        bool
        """
        hit = self._maybe_cache.get(word)
        if hit is None:
            low = word.lower()
            hit = (low in self._res.freq or low in self._res.stems or low in self.vocabulary
                   or (word.isalpha() and self._res.shape_ok(word) and (
                       self._res.inflected(low)
                       or next(self._splits(word, 3), None) is not None)))
            self._maybe_cache[word] = hit
        return hit

    def is_word(self, word: str) -> bool:
        """Whether ``word`` is a Swedish word (case-insensitive, memoized).

        Parameters
        ----------
        word
            A token without surrounding punctuation.

        Returns
        -------
        bool
        """
        return self.score(word) > 0.0

    def score(self, word: str) -> float:
        """Plausibility of ``word``, on wordfreq's zipf scale; 0.0 for a non-word.

        Frequent words score their zipf frequency; words only Hunspell accepts score
        :data:`HUNSPELL_ONLY_SCORE`, vocabulary-only words :data:`VOCABULARY_SCORE`,
        compound-only words :data:`COMPOUND_SCORE`; words only wordfreq lists lose a
        penalty. Used to choose between candidate repairs.

        Parameters
        ----------
        word
            A token.

        Returns
        -------
        float
        """
        hit = self._score_cache.get(word)
        if hit is not None:
            return hit
        k = self.kind(word)
        z = self.zipf(word) if word.isalpha() else 0.0
        if k == "frequent":
            s = max(z, _SCORE_FLOOR)
        elif k == "hunspell":
            s = self._compound_score(word, HUNSPELL_ONLY_SCORE)
        elif k == "wordfreq":
            s = max(z - _WORDFREQ_ONLY_PENALTY, _SCORE_FLOOR)
        elif k == "vocabulary":
            s = VOCABULARY_SCORE
        elif k == "compound":
            s = self._compound_score(word, COMPOUND_SCORE)
        elif k == "hyphenated":
            s = min(self.score(p) for p in word.split("-") if p)
        else:
            s = 0.0
        if k not in (None, "vocabulary") and word.lower() in self.vocabulary:
            s = max(s, VOCABULARY_SCORE)
        self._score_cache[word] = s
        return s

    def logp(self, word: str) -> float | None:
        """Estimated log10 probability of ``word`` as a token; None for a non-word.

        Like :meth:`score` minus 9, except that an unlisted compound gets about the joint
        probability of its parts (less a malus) with no floor, so that a compound does
        not look likelier than its parts written apart.

        Parameters
        ----------
        word
            A token.

        Returns
        -------
        float or None
        """
        hit = self._logp_cache.get(word, 1.0)
        if hit != 1.0:
            return hit
        s = self.score(word)
        lp: float | None = None
        if s > 0:
            lp = s - 9.0
            if self.kind(word) in ("hunspell", "compound") and word.lower() not in self.vocabulary:
                lp = min(lp, self._compound_logp(word))
        self._logp_cache[word] = lp
        return lp

    def _compound_logp(self, word: str) -> float:
        """Log-probability of the likeliest analysis: its parts' less a malus."""
        best: float | None = None
        for head, tail in self._splits(word, 3):
            lp_head = self.logp(head)
            if lp_head is None and head.endswith("s"):
                lp_head = self.logp(head[:-1])  # linking -s-
            lp_tail = self.logp(tail)
            logp = -_COMPOUND_MALUS + sum(
                lp if lp is not None else HUNSPELL_ONLY_SCORE - 9.0 for lp in (lp_head, lp_tail)
            )
            best = logp if best is None else max(best, logp)
        return 0.0 if best is None else best

    def _compound_score(self, word: str, cap: float) -> float:
        """Score of an unlisted compound: about the joint probability of its parts.

        A compound must not look likelier than its parts written apart, else joining
        two words separated by a space would always win (Hunspell accepts odd compounds
        such as "barnfysiska").
        """
        lp = self._compound_logp(word)
        return cap if lp == 0.0 else min(cap, max(_SCORE_FLOOR, lp + 9.0))

    # -- compounds ----------------------------------------------------------------------
    def _part_known(self, part: str, last: bool = False) -> bool:
        # Only fast set lookups here: compound analysis tries many split points.
        # Short parts are where chance splits come from ("for|tia|rande"): a 3-letter
        # part must be a common word, and the last part (the head) at least 4 letters.
        if len(part) < (_PART_MIN_LEN + 1 if last else _PART_MIN_LEN):
            return False
        low = part.lower()
        z = self._res.freq.get(low, 0.0)
        if len(low) == _PART_MIN_LEN:
            return z >= _SHORT_PART_MIN_ZIPF or low in self.vocabulary
        return (z >= _PART_MIN_ZIPF or low in self._res.stems or low in self.vocabulary
                or (last and self._res.inflected(low)))

    def split_compound(self, word: str, max_parts: int = 3) -> tuple[str, ...] | None:
        """Split ``word`` into 2-3 known parts, allowing a linking -s- between parts.

        Parameters
        ----------
        word
            An alphabetic token.
        max_parts
            Most parts to allow.

        Returns
        -------
        tuple of str or None
            The parts (a linking ``s`` stays on the part before it), or None.
        """
        if not word.isalpha() or len(word) < 2 * _PART_MIN_LEN:
            return None
        return self._split(word, max_parts)

    def _splits(self, word: str, max_parts: int) -> Iterator[tuple[str, str]]:
        """Analyses of ``word`` as a known head part and a tail that is a known part or,
        when ``max_parts`` > 2, itself a word or a compound; long heads first."""
        n = len(word)
        for i in range(n - _PART_MIN_LEN - 1, _PART_MIN_LEN - 1, -1):
            head = word[:i]
            if max_parts < 3 and len(head) <= _PART_MIN_LEN:
                continue  # inner parts of 3-part compounds are 4+ letters: fewer chance splits
            heads = [head]
            if head.endswith("s") and len(head) > _PART_MIN_LEN:
                heads.append(head[:-1])  # linking -s-: "implementering|s|arbete"
            if not any(self._part_known(h) for h in heads):
                continue
            tail = word[i:]
            if self._part_known(tail, last=True) or (
                    max_parts > 2 and len(tail) > 2 * _PART_MIN_LEN
                    and next(self._splits(tail, max_parts - 1), None) is not None):
                yield (head, tail)

    def _split(self, word: str, max_parts: int) -> tuple[str, ...] | None:
        for head, tail in self._splits(word, max_parts):
            if max_parts > 2 and not self._part_known(tail, last=True):
                rest = self._split(tail, max_parts - 1)
                if rest is not None:
                    return (head, *rest)
            return (head, tail)
        return None


@lru_cache(maxsize=1)
def default_lexicon() -> Lexicon:
    """The process-wide package lexicon (Swedish), created once and loaded lazily.

    Returns
    -------
    Lexicon
    """
    return Lexicon()

"""A Swedish lexicon for judging and repairing words extracted from PDF reports.

Three sources are combined:

* wordfreq's Swedish frequency list (fast, has frequencies, but also carries junk
  fragments from badly extracted web text such as "ti" or "nns");
* the Hunspell Swedish dictionary of the ``hunspell-sv`` package (accepts inflections
  and compounds by the dictionary's own rules): its stems and suffix rules as sets, and
  libhunspell for the words those cannot decide;
* a compound analysis of our own (2-3 known parts, linking -s- allowed), for long
  compounds neither source knows.

Optionally the vocabulary of undamaged texts can be added with
:meth:`Lexicon.with_vocabulary`. Everything heavy is loaded lazily and once per process
(:mod:`graph.ingest.lexicon.resources`), from a cache on disk after the first run
(:mod:`graph.ingest.lexicon.cache`): importing this module loads nothing.

>>> lex = Lexicon()
>>> lex.loaded
False
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import lru_cache

from graph.ingest.lexicon.cache import Notice
from graph.ingest.lexicon.compounds import PART_MIN_LEN, Compounds
from graph.ingest.lexicon.resources import Resources

__all__ = [
    "COMPOUND_SCORE",
    "HUNSPELL_ONLY_SCORE",
    "VOCABULARY_SCORE",
    "Lexicon",
    "default_lexicon",
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
#: Lowest score of an accepted word, and the malus of a compound against its parts.
_SCORE_FLOOR = 0.05
_COMPOUND_MALUS = 1.0


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
        _resources: Resources | None = None,
        _base: Lexicon | None = None,
    ) -> None:
        self._res = _resources or Resources(lang, hunspell_name)
        self.vocabulary: frozenset[str] = frozenset(w.lower() for w in vocabulary if w)
        self._base = _base
        self._compounds = Compounds(self._res, self.vocabulary)
        self._score_cache: dict[str, float] = {}
        self._logp_cache: dict[str, float | None] = {}
        self._maybe_cache: dict[str, bool] = {}
        self._kind_cache: dict[str, str | None] = {}

    @property
    def language(self) -> str:
        """The language code of the lexicon's word lists (``"sv"``, ``"en"``)."""
        return self._res.lang

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
        for i in range(PART_MIN_LEN, len(low) - 1):
            head = low[:i]
            known = self._compounds.part_known(head) or (
                head.endswith("s") and self._compounds.part_known(head[:-1]))
            if known and self._res.has_prefix(low[i:]):
                return True
        return False

    @property
    def loaded(self) -> bool:
        """Whether any heavy resource has been loaded yet."""
        return self._res.loaded

    def load(self, notice: Notice | None = None) -> Lexicon:
        """Load the word sets and Hunspell now (else on first use); returns self.

        Parameters
        ----------
        notice
            Told, as a short message, when the word sets must be derived because the
            cache is missing or stale (the first run: a few seconds).

        Returns
        -------
        Lexicon
        """
        self._res.load(notice)
        return self

    def save(self) -> None:
        """Save what this process learned from libhunspell, for the next one (see
        :mod:`graph.ingest.lexicon.cache`); nothing when it learned nothing."""
        self._res.save()

    def take_new_verdicts(self) -> dict[str, bool]:
        """What libhunspell told this process since the last call."""
        return self._res.take_new_verdicts()

    def add_verdicts(self, verdicts: dict[str, bool]) -> None:
        """Take libhunspell's verdicts from a build's worker, for :meth:`save`."""
        self._res.add_verdicts(verdicts)

    # -- queries ------------------------------------------------------------------------
    def zipf(self, word: str) -> float:
        """wordfreq's zipf frequency of ``word`` (0.0 when unlisted), case-insensitive."""
        return self._res.zipf(word.lower())

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
            hit = (self._res.listed(low) or self._res.is_stem(low) or low in self.vocabulary
                   or (word.isalpha() and self._res.shape_ok(word) and (
                       self._res.inflected(low)
                       or next(self._compounds.splits(word, 3), None) is not None)))
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
        for head, tail in self._compounds.splits(word, 3):
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

        A compound must not look likelier than its parts written apart, else joining two
        words apart would always win (Hunspell accepts odd compounds: "barnfysiska").
        """
        lp = self._compound_logp(word)
        return cap if lp == 0.0 else min(cap, max(_SCORE_FLOOR, lp + 9.0))

    # -- compounds ----------------------------------------------------------------------
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
        return self._compounds.split(word, max_parts)


@lru_cache(maxsize=8)
def default_lexicon(language: str = "sv") -> Lexicon:
    """The process-wide package lexicon of a language, created once and loaded lazily.

    The dictionaries are those the language's profile names (``graph/lang/<code>.toml``:
    its wordfreq list and the first of its Hunspell dictionaries that is installed).

    Returns
    -------
    Lexicon
    """
    from graph.ingest.lexicon.hunspell import find_hunspell_files
    from graph.lang.profile import load_profile

    profile = load_profile(language)
    names = profile.hunspell or ("sv_SE",)
    name = next((n for n in names if find_hunspell_files(n) is not None), names[0])
    return Lexicon(profile.wordfreq, name)

"""The word sets a lexicon looks words up in, derived from wordfreq and Hunspell.

Half a million words, each with a few facts: whether it is a known word (for prefix
queries and the shape filter), its wordfreq frequency, whether it is a Hunspell stem,
its stem's affix flags, whether that stem is a name. They are kept as one sorted list
of the words and an array of integer codes packing each word's facts; a word is found
by binary search, and what was looked up is remembered. A build looks up some tens of
thousands of distinct words, so this costs less than building a hash table of half a
million entries at every start (and a third of the memory). Deriving the sets takes
seconds; :mod:`graph.ingest.lexicon.cache` keeps the plain :meth:`WordSets.to_payload`
encoding on disk. No Hunspell library is involved here.

>>> sets = WordSets.from_payload(WordSets.derive(
...     {"och": 7.4, "finns": 6.2},
...     [("hus", {"A"}), ("Sörmland", set())], [("A", "", "et", set(), ".$")],
...     forbidden=set(), needaffix=None).to_payload())
>>> sets.inflected("huset"), sets.inflected("sörmland", lower_stem=True)
(True, False)
>>> sets.zipf("och"), sets.zipf("hus"), sets.is_stem("hus"), sets.listed("hus")
(7.4, 0.0, True, False)
>>> sets.has_prefix("fin"), sets.shape_ok("och"), sets.shape_ok("ohc")
(True, True, False)
"""

from __future__ import annotations

import math
import re
import sys
from array import array
from bisect import bisect_left
from collections.abc import Iterable, Mapping
from collections.abc import Set as AbstractSet
from itertools import chain
from typing import Any

__all__ = ["ENCODING", "MAX_SUFFIX", "SHAPE_MIN_ZIPF", "WordSets", "derive_word_sets"]

#: wordfreq words at least this frequent feed the trigram shape filter and prefix queries.
SHAPE_MIN_ZIPF = 1.0
#: Longest suffix tried when undoing inflection.
MAX_SUFFIX = 8
#: Separator of the words in the encoded form (no word contains it).
_SEP = "\n"
_THREE = re.compile("...", re.DOTALL)
#: Most distinct characters for the trigram table (it has this many cubed cells).
_MAX_ALPHABET = 400
_CODE = "Q"  # array type of the codes: unsigned 64 bits
_KNOWN = 1  # the code bit of a known word
#: What the encoding depends on besides the data: byte order and the arrays' item sizes.
ENCODING = (sys.byteorder, array(_CODE).itemsize, array("d").itemsize)

FlagSet = frozenset[str]
Suffixes = dict[str, tuple[tuple[str, str, "re.Pattern[str]"], ...]]


class WordSets:
    """Words and stems of the lexicon's sources, ready for fast lookups.

    A word's code packs, from the lowest bit: a bit for "known word" (a wordfreq word
    at least :data:`SHAPE_MIN_ZIPF` frequent, or a stem: what prefix queries and the
    shape filter know), the number of its zipf frequency in ``zipfs`` (0: wordfreq does
    not list it; ``zipf_bits`` wide), a bit for "Hunspell stem", a bit for "name" (a
    stem the dictionary only has capitalised), and the number of its stem's flag set in
    ``flag_sets`` (0: no entry that is a word alone). A word not in ``words`` has code 0.

    Parameters
    ----------
    words
        Every word with a fact, sorted.
    codes
        The code of each word.
    zipfs
        The distinct zipf frequencies; ``zipfs[0]`` is 0.0.
    zipf_bits
        Width of the zipf number in a code.
    flag_sets
        The distinct flag sets; ``flag_sets[0]`` is None.
    trigrams
        Letter trigrams (``<`` and ``>`` mark the ends) of the known words.
    suffixes
        Added ending -> ``(strip, flag, condition)`` of the suffix rules that add it.
    needaffix
        The flag of stems that are no word without an affix, or None.
    """

    def __init__(self, words: list[str], codes: array[int], zipfs: tuple[float, ...],
                 zipf_bits: int, flag_sets: tuple[FlagSet | None, ...],
                 trigrams: frozenset[str], suffixes: Suffixes, needaffix: str | None) -> None:
        if (zipfs[0] != 0.0 or flag_sets[0] is not None or len(zipfs) > 1 << zipf_bits
                or len(words) != len(codes)):
            raise ValueError("inconsistent word sets")
        self.words = words
        self.codes = codes
        self.zipfs = zipfs
        self.zipf_bits = zipf_bits
        self.flag_sets = flag_sets
        self.trigrams = trigrams
        self.suffixes = suffixes
        self.needaffix = needaffix
        self._zipf_mask = (1 << zipf_bits) - 1
        self._stem = 2 << zipf_bits
        self._name = 4 << zipf_bits
        self._flags_shift = zipf_bits + 3
        self._looked_up: dict[str, int] = {}
        self._inflected: dict[tuple[str, bool], bool] = {}

    # -- queries ------------------------------------------------------------------------
    def code(self, word: str) -> int:
        """The code of ``word`` (0 for a word without facts); remembered."""
        code = self._looked_up.get(word)
        if code is None:
            words = self.words
            i = bisect_left(words, word)
            code = self.codes[i] if i < len(words) and words[i] == word else 0
            self._looked_up[word] = code
        return code

    def zipf(self, word: str) -> float:
        """wordfreq's zipf frequency of ``word`` as written (0.0 when unlisted)."""
        return self.zipfs[self.code(word) >> 1 & self._zipf_mask]

    def listed(self, word: str) -> bool:
        """Whether wordfreq lists ``word`` as written."""
        return self.code(word) >> 1 & self._zipf_mask != 0

    def is_stem(self, word: str) -> bool:
        """Whether ``word`` is a lower-cased alphabetic stem of the Hunspell dictionary."""
        return self.code(word) & self._stem != 0

    def stem_flags(self, word: str) -> FlagSet | None:
        """The affix flags of the lower-cased stem ``word`` (None: no such stem that is
        a word alone)."""
        return self.flag_sets[self.code(word) >> self._flags_shift]

    def has_prefix(self, prefix: str) -> bool:
        """Whether some known word or stem starts with ``prefix`` (lower case)."""
        words, codes = self.words, self.codes
        i = bisect_left(words, prefix)
        while i < len(words) and words[i].startswith(prefix):
            if codes[i] & _KNOWN:
                return True
            i += 1  # a word only for its facts (rare): look further
        return False

    def inflected(self, word: str, lower_stem: bool = False) -> bool:
        """Whether lower-case ``word`` is a stem or a suffixed form of a stem of the
        Hunspell dictionary, by the dictionary's own suffix rules, with lookups only
        (no compound search); remembered. With ``lower_stem``, a name's stem
        ("Sörmland") does not count."""
        hit = self._inflected.get((word, lower_stem))
        if hit is None:
            hit = self._inflected[(word, lower_stem)] = self._inflect(word, lower_stem)
        return hit

    def _inflect(self, word: str, lower_stem: bool) -> bool:
        code_of, flag_sets = self.code, self.flag_sets
        shift, name = self._flags_shift, self._name
        n = len(word)
        code = code_of(word)
        flags = flag_sets[code >> shift]
        if flags is not None and self.needaffix not in flags and (
                not lower_stem or not code & name):
            return True
        for k in range(1, min(n - 1, MAX_SUFFIX) + 1):
            for strip, flag, cond in self.suffixes.get(word[n - k:], ()):
                stem = word[:n - k] + strip
                code = code_of(stem)
                flags = flag_sets[code >> shift]
                if flags and flag in flags and cond.search(stem) and (
                        not lower_stem or not code & name):
                    return True
        return False

    def shape_ok(self, word: str, prefix: bool = False) -> bool:
        """Whether every letter trigram of ``word`` occurs in some known word.

        A character-level filter built from the lexicon itself: strings with a trigram
        no Swedish word has (most candidate repairs that are wrong) need no lookup.
        With ``prefix``, ``word`` may be the start of a longer word.
        """
        w = f"<{word.lower()}" if prefix else f"<{word.lower()}>"
        return all(w[i:i + 3] in self.trigrams for i in range(len(w) - 2))

    # -- construction ---------------------------------------------------------------------
    @classmethod
    def derive(cls, freq: Mapping[str, float],
               entries: Iterable[tuple[str, AbstractSet[str]]],
               suffix_rules: Iterable[tuple[str, str, str, set[str], str]], *,
               forbidden: set[str], needaffix: str | None) -> WordSets:
        """Derive the sets from the sources.

        Parameters
        ----------
        freq
            wordfreq's word -> zipf frequency.
        entries
            Hunspell's ``(stem, flags)`` entries.
        suffix_rules
            Hunspell's suffix rules ``(flag, strip, add, rule flags, condition regex)``.
        forbidden
            Flags of entries and rules that are no words alone.
        needaffix
            Hunspell's NEEDAFFIX flag.

        Returns
        -------
        WordSets
        """
        stems: set[str] = set()
        stem_flags: dict[str, FlagSet] = {}
        lower: set[str] = set()
        for stem, flags in entries:
            low = stem.lower()
            if stem.isalpha():
                stems.add(low)
            if not forbidden.isdisjoint(flags):
                continue
            before = stem_flags.get(low)
            stem_flags[low] = frozenset(flags) if before is None else before | flags
            if stem == low:
                lower.add(low)
        suffixes: dict[str, list[tuple[str, str, re.Pattern[str]]]] = {}
        for flag, strip, add, rule_flags, condition in suffix_rules:
            if not forbidden & rule_flags:
                suffixes.setdefault(add, []).append((strip, flag, re.compile(condition)))
        known = {w for w, z in freq.items() if z >= SHAPE_MIN_ZIPF and w.isalpha()} | stems
        words = sorted(known.union(freq, stem_flags))

        zipfs = (0.0, *sorted(set(freq.values())))
        zipf_no = {z: i for i, z in enumerate(zipfs) if i}
        zipf_bits = max(1, (len(zipfs) - 1).bit_length())
        stem_bit, name_bit, shift = 2 << zipf_bits, 4 << zipf_bits, zipf_bits + 3
        distinct = sorted(set(stem_flags.values()), key=sorted)
        flag_no = {f: i for i, f in enumerate(distinct, 1)}
        flag_code = {w: flag_no[f] << shift | (0 if w in lower else name_bit)
                     for w, f in stem_flags.items()}
        zipf_code = {w: zipf_no[z] << 1 for w, z in freq.items()}
        codes = array(_CODE, (zipf_code.get(w, 0) | flag_code.get(w, 0)
                              | (stem_bit if w in stems else 0) | (_KNOWN if w in known else 0)
                              for w in words))
        return cls(words, codes, zipfs, zipf_bits, (None, *distinct), _trigrams(known),
                   {add: tuple(rules) for add, rules in suffixes.items()}, needaffix)

    def to_payload(self) -> dict[str, Any]:
        """Encode as plain strings, bytes and tuples (for ``marshal``), compactly: the
        words as one string, their codes as one array.

        Returns
        -------
        dict
        """
        if any(_SEP in w for w in chain(self.words, self.trigrams)):
            raise ValueError("a word contains the separator")
        return {
            "words": _SEP.join(self.words),
            "codes": self.codes.tobytes(),
            "zipfs": array("d", self.zipfs).tobytes(),
            "zipf_bits": self.zipf_bits,
            "flag_sets": tuple(tuple(sorted(f)) for f in self.flag_sets[1:] if f is not None),
            "trigrams": _SEP.join(sorted(self.trigrams)),
            "suffixes": tuple((add, strip, flag, cond.pattern)
                              for add, rules in self.suffixes.items()
                              for strip, flag, cond in rules),
            "needaffix": self.needaffix,
        }

    @classmethod
    def from_payload(cls, payload: dict[str, Any]) -> WordSets:
        """Decode :meth:`to_payload`'s encoding.

        Raises
        ------
        ValueError, KeyError, IndexError, TypeError
            If the payload is malformed.
        """
        if not isinstance(payload, dict):
            raise TypeError("the word cache holds no dict")
        words = _split(payload["words"])
        codes = array(_CODE)
        codes.frombytes(payload["codes"])
        zipfs = array("d")
        zipfs.frombytes(payload["zipfs"])
        suffixes: dict[str, list[tuple[str, str, re.Pattern[str]]]] = {}
        for add, strip, flag, condition in payload["suffixes"]:
            try:
                suffixes.setdefault(add, []).append((strip, flag, re.compile(condition)))
            except re.error as exc:
                raise ValueError(f"bad suffix condition in the word cache: {exc}") from None
        needaffix = payload["needaffix"]
        if needaffix is not None and not isinstance(needaffix, str):
            raise TypeError("bad NEEDAFFIX flag in the word cache")
        return cls(
            words,
            codes,
            tuple(zipfs),
            int(payload["zipf_bits"]),
            (None, *(frozenset(f) for f in payload["flag_sets"])),
            frozenset(_split(payload["trigrams"])),
            {add: tuple(rules) for add, rules in suffixes.items()},
            needaffix,
        )


def _split(text: str) -> list[str]:
    if not isinstance(text, str):
        raise TypeError("the word cache holds no words")
    return text.split(_SEP) if text else []


def _trigrams(words: Iterable[str]) -> frozenset[str]:
    """The letter trigrams of ``words``, ``<`` and ``>`` marking their ends.

    Half a million words have millions of trigrams but only some ten thousand distinct
    ones: numpy marks them in a table over the words' alphabet.

    >>> sorted(_trigrams(["och", "ja"]))
    ['<ja', '<oc', 'ch>', 'ja>', 'och']
    """
    import numpy as np

    text = "<" + ">\n<".join(words) + ">"
    points = np.frombuffer(text.encode("utf-32-le"), dtype="<u4")
    alphabet = np.flatnonzero(np.bincount(points))
    k = len(alphabet)
    if k > _MAX_ALPHABET:  # too many characters for the table: sort the trigrams instead
        grams: set[str] = set()
        for start in range(3):  # every position, as three series of non-overlapping slices
            grams.update(_THREE.findall(text, start))
        return frozenset(g for g in grams if _SEP not in g)
    number = np.zeros(int(alphabet[-1]) + 1, dtype=np.int32)  # k**3 < 2**31
    number[alphabet] = np.arange(k, dtype=np.int32)
    ids = number[points]
    gram_ids = ids[:-2] * k
    gram_ids += ids[1:-1]
    gram_ids *= k
    gram_ids += ids[2:]
    seen = np.zeros(k ** 3, dtype=bool)
    seen[gram_ids] = True
    chars = [chr(c) for c in alphabet.tolist()]
    out = []
    for t in np.flatnonzero(seen).tolist():
        a, rest = divmod(t, k * k)
        gram = chars[a] + chars[rest // k] + chars[rest % k]
        if _SEP not in gram:
            out.append(gram)
    return frozenset(out)


def derive_word_sets(lang: str, aff: Any, dic: Any) -> WordSets:
    """Derive the word sets from wordfreq's list for ``lang`` and a Hunspell dictionary
    (the slow path: a few seconds).

    Parameters
    ----------
    lang
        wordfreq language code.
    aff, dic
        Paths of the Hunspell files.

    Returns
    -------
    WordSets
    """
    from wordfreq import get_frequency_dict

    from graph.ingest.lexicon.hunspell import read_dictionary

    freq = {w: math.log10(f) + 9.0 for w, f in get_frequency_dict(lang).items() if f > 0}
    d = read_dictionary(aff, dic)
    return WordSets.derive(freq, d.entries, d.suffixes, forbidden=d.forbidden,
                           needaffix=d.needaffix)

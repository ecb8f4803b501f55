"""The word sets a lexicon looks words up in, derived from wordfreq and Hunspell.

Deriving them takes seconds (reading the dictionary, wordfreq's list, building sets of
half a million words); :mod:`graph.ingest.lexicon.cache` keeps them on disk, as the
plain :meth:`WordSets.to_payload` encoding below. Lookups are set and dict lookups
only: no Hunspell library is involved here.

>>> sets = WordSets.from_payload(WordSets.derive(
...     {"och": 7.4, "finns": 6.2},
...     [("hus", {"A"}), ("Sörmland", set())], [("A", "", "et", set(), ".$")],
...     forbidden=set(), needaffix=None).to_payload())
>>> sets.inflected("huset"), sets.inflected("sörmland", lower_stem=True)
(True, False)
>>> sets.has_prefix("fin"), sets.shape_ok("och"), sets.shape_ok("ohc")
(True, True, False)
"""

from __future__ import annotations

import math
import re
import sys
from array import array
from bisect import bisect_left
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from itertools import compress
from typing import Any

__all__ = ["ENCODING", "WordSets", "derive_word_sets"]

#: wordfreq words at least this frequent feed the trigram shape filter and prefix queries.
SHAPE_MIN_ZIPF = 1.0
#: Longest suffix tried when undoing inflection.
MAX_SUFFIX = 8
#: Separator of the words in the encoded form (no word contains it).
_SEP = "\n"
#: Membership bits of a word in the encoded form, and a translation table per bit that
#: turns the membership bytes into 0/1 selectors.
_FREQ, _STEM, _SORTED, _NAME, _FLAGS = 1, 2, 4, 8, 16
_SELECT = {bit: bytes(1 if b & bit else 0 for b in range(256))
           for bit in (_FREQ, _STEM, _SORTED, _NAME, _FLAGS)}
_THREE = re.compile("...", re.DOTALL)
#: Array type of the flag-set numbers: unsigned, at least 32 bits.
_INDEX = "I" if array("I").itemsize >= 4 else "L"
#: What the encoding depends on besides the data: byte order and the arrays' item sizes.
ENCODING = (sys.byteorder, array(_INDEX).itemsize, array("d").itemsize)


@dataclass(frozen=True)
class WordSets:
    """Words and stems of the lexicon's sources, ready for fast lookups.

    Attributes
    ----------
    sorted_words
        The known lower-case words and stems, sorted (for prefix queries).
    freq
        Word -> zipf frequency (wordfreq: log10 of occurrences per billion words).
    stems
        Lower-cased alphabetic stems of the Hunspell dictionary.
    trigrams
        Letter trigrams (``<`` and ``>`` mark the ends) of the known words.
    stem_flags
        Lower-cased stem -> its affix flags (entries that are words alone).
    names
        Stems of ``stem_flags`` that the dictionary only has capitalised ("Sörmland").
    suffixes
        Added ending -> ``(strip, flag, condition)`` of the suffix rules that add it.
    needaffix
        The flag of stems that are no word without an affix, or None.
    """

    sorted_words: list[str]
    freq: dict[str, float]
    stems: frozenset[str]
    trigrams: frozenset[str]
    stem_flags: dict[str, frozenset[str]]
    names: frozenset[str]
    suffixes: dict[str, tuple[tuple[str, str, re.Pattern[str]], ...]]
    needaffix: str | None

    # -- queries ------------------------------------------------------------------------
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
        n = len(word)
        flags = self.stem_flags.get(word)
        if flags is not None and self.needaffix not in flags and (
                not lower_stem or word not in self.names):
            return True
        for k in range(1, min(n - 1, MAX_SUFFIX) + 1):
            for strip, flag, cond in self.suffixes.get(word[n - k:], ()):
                stem = word[:n - k] + strip
                flags = self.stem_flags.get(stem)
                if flags and flag in flags and cond.search(stem) and (
                        not lower_stem or stem not in self.names):
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
    def derive(cls, freq: Mapping[str, float], entries: Iterable[tuple[str, set[str]]],
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
        stem_flags: dict[str, set[str]] = {}
        lower: set[str] = set()
        for stem, flags in entries:
            low = stem.lower()
            if stem.isalpha():
                stems.add(low)
            if forbidden & flags:
                continue
            if low in stem_flags:
                stem_flags[low].update(flags)
            else:
                stem_flags[low] = set(flags)
            if stem == low:
                lower.add(low)
        suffixes: dict[str, list[tuple[str, str, re.Pattern[str]]]] = {}
        for flag, strip, add, rule_flags, condition in suffix_rules:
            if not forbidden & rule_flags:
                suffixes.setdefault(add, []).append((strip, flag, re.compile(condition)))
        known = sorted({w for w, z in freq.items() if z >= SHAPE_MIN_ZIPF and w.isalpha()}
                       | stems)
        distinct: dict[frozenset[str], frozenset[str]] = {}
        return cls(
            sorted_words=known,
            freq=dict(freq),
            stems=frozenset(stems),
            trigrams=_trigrams(known),
            stem_flags={w: distinct.setdefault(frozenset(f), frozenset(f))
                        for w, f in stem_flags.items()},
            names=frozenset(set(stem_flags) - lower),
            suffixes={add: tuple(rules) for add, rules in suffixes.items()},
            needaffix=needaffix,
        )

    def to_payload(self) -> dict[str, Any]:
        """Encode as plain strings, bytes and tuples (for ``marshal``), compactly: one
        sorted string of all words, a byte of membership bits per word, the zipf
        values and flag-set numbers of the words that have them, in word order.

        Returns
        -------
        dict
        """
        words = sorted(set(self.freq) | set(self.stem_flags) | set(self.sorted_words))
        if any(_SEP in w for w in words) or any(_SEP in g for g in self.trigrams):
            raise ValueError("a word contains the separator")
        flag_sets = sorted({tuple(sorted(f)) for f in self.stem_flags.values()})
        flag_no = {f: i for i, f in enumerate(flag_sets)}
        sorted_words = set(self.sorted_words)
        member = bytearray(len(words))
        for i, w in enumerate(words):
            member[i] = ((_FREQ if w in self.freq else 0) | (_STEM if w in self.stems else 0)
                         | (_SORTED if w in sorted_words else 0)
                         | (_NAME if w in self.names else 0)
                         | (_FLAGS if w in self.stem_flags else 0))
        return {
            "words": _SEP.join(words),
            "member": bytes(member),
            "zipf": array("d", (self.freq[w] for w in words if w in self.freq)).tobytes(),
            "flag_sets": tuple(flag_sets),
            "flags": array(_INDEX, (flag_no[tuple(sorted(self.stem_flags[w]))]
                                    for w in words if w in self.stem_flags)).tobytes(),
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
        words = payload["words"].split(_SEP) if payload["words"] else []
        member: bytes = payload["member"]
        if len(member) != len(words):
            raise ValueError("inconsistent word cache")

        def having(bit: int) -> Iterator[str]:  # the words with this bit, in order
            return compress(words, member.translate(_SELECT[bit]))

        zipf = array("d")
        zipf.frombytes(payload["zipf"])
        flags = array(_INDEX)
        flags.frombytes(payload["flags"])
        flag_sets = [frozenset(f) for f in payload["flag_sets"]]
        suffixes: dict[str, list[tuple[str, str, re.Pattern[str]]]] = {}
        for add, strip, flag, condition in payload["suffixes"]:
            suffixes.setdefault(add, []).append((strip, flag, re.compile(condition)))
        trigrams = payload["trigrams"]
        return cls(
            sorted_words=list(having(_SORTED)),
            freq=dict(zip(having(_FREQ), zipf, strict=True)),
            stems=frozenset(having(_STEM)),
            trigrams=frozenset(trigrams.split(_SEP) if trigrams else ()),
            stem_flags=dict(zip(having(_FLAGS), map(flag_sets.__getitem__, flags),
                                strict=True)),
            names=frozenset(having(_NAME)),
            suffixes={add: tuple(rules) for add, rules in suffixes.items()},
            needaffix=payload["needaffix"],
        )


def _trigrams(words: list[str]) -> frozenset[str]:
    """The letter trigrams of ``words``, ``<`` and ``>`` marking their ends.

    >>> sorted(_trigrams(["och", "ja"]))
    ['<ja', '<oc', 'ch>', 'ja>', 'och']
    """
    text = "<" + ">\n<".join(words) + ">"
    grams: set[str] = set()
    for start in range(3):  # every position, as three series of non-overlapping slices
        grams.update(_THREE.findall(text, start))
    return frozenset(g for g in grams if _SEP not in g)


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

"""Compound analysis: a word as 2-3 known parts, a linking -s- allowed.

Swedish writes compounds as one word ("implementeringsarbete"); neither wordfreq nor
Hunspell knows every one. A part is known when it is frequent enough in wordfreq, a
Hunspell stem, in the added vocabulary, or (the last part, which inflects) an inflected
form of a stem. Only set lookups: the analysis tries many split points.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Iterator

from graph.ingest.lexicon.resources import Resources

__all__ = ["PART_MIN_LEN", "Compounds"]

#: Minimal length of a compound part.
PART_MIN_LEN = 3
#: zipf a part needs when only wordfreq knows it, and a part of 3 letters always.
_PART_MIN_ZIPF = 3.0
_SHORT_PART_MIN_ZIPF = 4.0


class Compounds:
    """Splits words into known parts.

    Parameters
    ----------
    resources
        The word sets.
    vocabulary
        Extra known words, lower case.
    """

    def __init__(self, resources: Resources, vocabulary: frozenset[str]) -> None:
        self._res = resources
        self.vocabulary = vocabulary
        self._sorted_vocabulary = sorted(vocabulary)
        self._known_head: dict[str, bool] = {}
        self._known_last: dict[str, bool] = {}
        self._begun: dict[str, bool] = {}

    def part_known(self, part: str, last: bool = False) -> bool:
        """Whether ``part`` can be a part of a compound (``last``: its final part);
        remembered (the analysis asks about the same parts again and again)."""
        known = self._known_last if last else self._known_head
        hit = known.get(part)
        if hit is None:
            hit = known[part] = self._part_known(part, last)
        return hit

    def _begins(self, prefix: str) -> bool:
        """Whether a listed word, a stem or a vocabulary word begins with ``prefix``
        (remembered: the words around a gap are tried with many fillings)."""
        hit = self._begun.get(prefix)
        if hit is None:
            hit = False
            for entries in (self._res.sets.words, self._sorted_vocabulary):
                k = bisect_left(entries, prefix)
                if k < len(entries) and entries[k].startswith(prefix):
                    hit = True
                    break
            self._begun[prefix] = hit
        return hit

    def _reach(self, word: str, upto: int) -> int:
        """How long a prefix of ``word`` (lower-cased) begins a listed word, a stem or a
        vocabulary word, up to ``upto``: no longer head can be a known part (a head is
        known only if it is one of those)."""
        low = word.lower()
        if len(low) != len(word) or self._begins(low[:upto]):
            return upto  # (a letter that lower-cases to two: no shortcut)
        lo, hi = 0, upto - 1  # binary search: beginning a word holds for every shorter prefix
        while lo < hi:
            mid = (lo + hi + 1) // 2
            if self._begins(low[:mid]):
                lo = mid
            else:
                hi = mid - 1
        return lo

    def _part_known(self, part: str, last: bool) -> bool:
        # Short parts are where chance splits come from ("for|tia|rande"): a 3-letter
        # part must be a common word, and the last part (the head) at least 4 letters.
        if len(part) < (PART_MIN_LEN + 1 if last else PART_MIN_LEN):
            return False
        low = part.lower()
        sets = self._res.sets
        z = sets.zipf(low)
        if len(low) == PART_MIN_LEN:
            return z >= _SHORT_PART_MIN_ZIPF or low in self.vocabulary
        return (z >= _PART_MIN_ZIPF or sets.is_stem(low) or low in self.vocabulary
                or (last and sets.inflected(low)))

    def split(self, word: str, max_parts: int = 3) -> tuple[str, ...] | None:
        """Split ``word`` into 2-``max_parts`` known parts, or None.

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

        Examples
        --------
        >>> compounds = Compounds(Resources("sv", "sv_SE"), frozenset())
        >>> compounds.split("implementeringsarbete"), compounds.split("fortiarande")
        (('implementerings', 'arbete'), None)
        """
        if not word.isalpha() or len(word) < 2 * PART_MIN_LEN:
            return None
        return self._split(word, max_parts)

    def splits(self, word: str, max_parts: int) -> Iterator[tuple[str, str]]:
        """Analyses of ``word`` as a known head part and a tail that is a known part or,
        when ``max_parts`` > 2, itself a word or a compound; long heads first."""
        n = len(word)
        known = self.part_known
        # A head (or the head without a linking -s-) longer than the reach is no part.
        longest = n - PART_MIN_LEN - 1
        if longest > PART_MIN_LEN:
            longest = self._reach(word, longest - 1) + 1
        # Inner parts of 3-part compounds are 4+ letters: fewer chance splits.
        shortest = PART_MIN_LEN + 1 if max_parts < 3 else PART_MIN_LEN
        for i in range(longest, shortest - 1, -1):
            head = word[:i]
            # linking -s-: "implementering|s|arbete"
            if not (known(head) or (i > PART_MIN_LEN and head[-1] == "s"
                                    and known(head[:-1]))):
                continue
            tail = word[i:]
            if self.part_known(tail, last=True) or (
                    max_parts > 2 and len(tail) > 2 * PART_MIN_LEN
                    and next(self.splits(tail, max_parts - 1), None) is not None):
                yield (head, tail)

    def _split(self, word: str, max_parts: int) -> tuple[str, ...] | None:
        for head, tail in self.splits(word, max_parts):
            if max_parts > 2 and not self.part_known(tail, last=True):
                rest = self._split(tail, max_parts - 1)
                if rest is not None:
                    return (head, *rest)
            return (head, tail)
        return None

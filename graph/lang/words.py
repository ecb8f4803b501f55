"""Swedish-aware word overlap: tokens, stems and the small similarity measures that
extraction uses to merge restatements and to link a short version to its full report.

Stems come from Snowball's Swedish stemmer and stop words from the ``stop-words``
package, so no word list of our own is needed.

>>> sorted(content_stems("Inför tydliga rutiner för överlämning."))
['rutin', 'tyd', 'överlämning']
>>> containment("Brist på lokaler",
...             "Bristen på lokaler i kommunerna betraktas som ett hinder")
1.0
"""

from __future__ import annotations

import re
from functools import lru_cache

WORD = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*", re.UNICODE)


@lru_cache(maxsize=1)
def _stemmer():  # type: ignore[no-untyped-def]
    import snowballstemmer

    return snowballstemmer.stemmer("swedish")


@lru_cache(maxsize=1)
def stop_words() -> frozenset[str]:
    """Swedish stop words (from the ``stop-words`` package).

    The package's English list is not added: it holds content words such as
    *information* and *results* that would hide what Swedish findings share.
    """
    from stop_words import get_stop_words

    return frozenset(get_stop_words("swedish"))


def words(text: str) -> list[str]:
    """Lower-cased word tokens of *text* (letters, inner hyphens kept).

    >>> words("Hälso- och sjukvård, 24 personer!")
    ['hälso', 'och', 'sjukvård', 'personer']
    """
    return [w.lower() for w in WORD.findall(text)]


@lru_cache(maxsize=65536)
def stem(word: str) -> str:
    """The Snowball Swedish stem of one lower-case word.

    >>> stem("rekommendationerna")
    'rekommendation'
    """
    return str(_stemmer().stemWord(word))


def content_stems(text: str) -> set[str]:
    """Stems of the words of *text* that are not stop words and have 2+ letters."""
    stops = stop_words()
    return {stem(w) for w in words(text) if len(w) > 1 and w not in stops}


def containment(part: str, whole: str) -> float:
    """Share of *part*'s content stems that also occur in *whole* (0 when *part* has none).

    >>> containment("ett två", "tre")
    0.0
    """
    a = content_stems(part)
    if not a:
        return 0.0
    return len(a & content_stems(whole)) / len(a)


def overlap(a: str, b: str) -> float:
    """Containment of the smaller stem set in the larger one: symmetric, 0..1.

    >>> overlap("Lokaler", "Fler lokaler och mer personal")
    1.0
    """
    sa, sb = content_stems(a), content_stems(b)
    if not sa or not sb:
        return 0.0
    return len(sa & sb) / min(len(sa), len(sb))

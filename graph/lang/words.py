"""Word overlap: tokens, stems and the small similarity measures that extraction uses
to merge restatements and to link a short version to its full report.

Stems come from the Snowball stemmer and stop words from the ``stop-words`` package that
the language's profile names (:mod:`graph.lang.profile`; Swedish by default), so no word
list of our own is needed.

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


def stop_words(language: str = "sv") -> frozenset[str]:
    """The stop words of *language* (from the ``stop-words`` package, as its profile says).

    Only the document's own language: the English list holds content words such as
    *information* and *results* that would hide what Swedish findings share.
    """
    from graph.lang.profile import load_profile

    return load_profile(language).stop_words()


def words(text: str) -> list[str]:
    """Lower-cased word tokens of *text* (letters, inner hyphens kept).

    >>> words("Hälso- och sjukvård, 24 personer!")
    ['hälso', 'och', 'sjukvård', 'personer']
    """
    found = WORD.findall(text)
    # One lower() for the whole text: a token holds no space and no letter lowers to one.
    return " ".join(found).lower().split(" ") if found else []


@lru_cache(maxsize=131072)
def stem(word: str, language: str = "sv") -> str:
    """The Snowball stem of one lower-case word.

    >>> stem("rekommendationerna"), stem("recommendations", "en")
    ('rekommendation', 'recommend')
    """
    from graph.lang.profile import load_profile

    return load_profile(language).stem(word)


@lru_cache(maxsize=16384)
def content_stems(text: str, language: str = "sv") -> frozenset[str]:
    """Stems of the words of *text* that are not stop words and have 2+ letters."""
    from graph.lang.profile import load_profile

    profile = load_profile(language)
    stops = profile.stop_words()
    return frozenset(profile.stem(w) for w in words(text) if len(w) > 1 and w not in stops)


def containment(part: str, whole: str, language: str = "sv") -> float:
    """Share of *part*'s content stems that also occur in *whole* (0 when *part* has none).

    >>> containment("ett två", "tre")
    0.0
    """
    a = content_stems(part, language)
    if not a:
        return 0.0
    return len(a & content_stems(whole, language)) / len(a)


def overlap(a: str, b: str, language: str = "sv") -> float:
    """Containment of the smaller stem set in the larger one: symmetric, 0..1.

    >>> overlap("Lokaler", "Fler lokaler och mer personal")
    1.0
    """
    sa, sb = content_stems(a, language), content_stems(b, language)
    if not sa or not sb:
        return 0.0
    return len(sa & sb) / min(len(sa), len(sb))

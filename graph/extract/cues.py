"""Type cues: which words name a finding type, and sentences that state a finding.

A word names a type when it starts with one of the type's cues (``riskfaktorer``) or,
for compounds, holds a long cue after its first letters (``förbättringsförslag``).
Prose findings are sentences that *present* a finding ("X betraktas som en risk").
"""

from __future__ import annotations

import re
from functools import lru_cache

from graph.findings import FindingType

#: Word prefixes that name a finding type, in Swedish and English.  A word matches a
#: cue when it starts with it (``riskfaktorer``) or, for compounds, ends a word part
#: with it (``förbättringsförslag``).  These are the general terms of evaluation
#: reports, not words of any one report.
TYPE_CUES: dict[FindingType, tuple[str, ...]] = {
    FindingType.SUCCESS_FACTOR: ("framgång", "success", "strength", "styrka"),
    FindingType.RISK: ("risk", "hinder", "farhåg", "utmaning", "obstacle", "barrier",
                       "concern", "threat"),
    FindingType.IMPROVEMENT_PROPOSAL: ("förbättringsförslag", "förslag",
                                       "förbättringsmöjlighet", "förbättringsområde",
                                       "improvement", "proposal", "suggestion"),
    FindingType.RECOMMENDATION: ("rekommend", "recommend"),
}


POINTER = re.compile(r"\b(nedan|följande|below|following)\b|:\s*$", re.IGNORECASE)
DEFINITE = re.compile(r"(na|en|et)$")


def type_of(text: str) -> FindingType | None:
    """The finding type named by *text* (a heading, lead-in or cell), or ``None``.

    The first cue in reading order wins.

    >>> type_of("Risker och hinder under året")
    <FindingType.RISK: 'risk'>
    >>> type_of("Diskussion och rekommendationer").value
    'recommendation'
    >>> type_of("Resultat") is None
    True
    """
    for word in re.findall(r"[^\W\d_]+", text.lower()):
        found = cue_type(word)
        if found is not None:
            return found
    return None


def is_type_word(word: str) -> bool:
    """Does *word* name a finding type ("rekommenderar", "riskfaktorer")?  Such words say
    what kind of finding a text is, not what it is about.

    >>> is_type_word("rekommenderar"), is_type_word("samverkan")
    (True, False)
    """
    return cue_type(word.lower()) is not None


@lru_cache(maxsize=65536)
def cue_type(word: str) -> FindingType | None:
    for ftype, cues in TYPE_CUES.items():
        for cue in cues:
            if word.startswith(cue) or (len(cue) > 5 and cue in word[3:]):
                return ftype
    return None


def _cue_alternation(ftype: FindingType) -> str:
    return "|".join(re.escape(c) for c in TYPE_CUES[ftype])


def prose_type(sentence: str) -> FindingType | None:
    """The type of finding a sentence states outright, or ``None``.

    Only sentences that *present* a finding count: "X betraktas som en risk", "X anses
    vara en framgångsfaktor", "En central rekommendation är att ...", "Vi rekommenderar".
    Sentences pointing at a list ("... följande:"), questions and sentences about the
    findings in general ("Rekommendationerna i rapporten bygger på ...") do not.

    >>> prose_type("Hög sjukfrånvaro betraktas som en risk.").value
    'risk'
    >>> prose_type("En central rekommendation är att resultaten används.").value
    'recommendation'
    >>> prose_type("Rekommendationerna i rapporten är baserade på intervjuer.") is None
    True
    >>> prose_type("Se rekommendationerna i tabellen nedan.") is None
    True
    """
    flat = " ".join(sentence.split())
    if POINTER.search(flat) or flat.endswith("?"):
        return None
    lower = flat.lower()
    for ftype in (FindingType.RECOMMENDATION, FindingType.RISK,
                  FindingType.SUCCESS_FACTOR, FindingType.IMPROVEMENT_PROPOSAL):
        cue = _cue_alternation(ftype)
        noun = rf"(?:\w*(?:{cue})\w*)"
        patterns = (
            # "betraktas som en risk", "anses vara en stor risk", "som ett förbättringsförslag"
            rf"\b(?:som|vara|är|utgör|as|be|is|are)\s+(?:en|ett|an?)\s+(?:\w+\s+){{0,2}}{noun}",
            # "... som viktiga framgångsfaktorer"
            rf"\bsom\s+(?:\w+\s+)?{noun}",
            # "En central rekommendation är att", "Viktiga riskfaktorer är"
            rf"^(?:(?:en|ett|an?|one)\s+)?(?:\w+\s+){{0,2}}({noun})\s+(?:är|var|kan vara|is|was)\b",
        )
        for pattern in patterns:
            match = re.search(pattern, lower)
            if match is None:
                continue
            word = (match.group(1) if match.groups() else match.group(0).split()[-1])
            if DEFINITE.search(word) and not any(word.endswith(c) for c in TYPE_CUES[ftype]):
                continue  # "risken", "rekommendationerna": about a known thing, not a finding
            return ftype
        if ftype is FindingType.RECOMMENDATION and re.search(
                r"\b(vi rekommenderar|rekommenderas|we recommend|is recommended)\b", lower):
            return ftype
    return None


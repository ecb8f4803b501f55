"""Type cues: which words name a finding type, and sentences that state a finding.

The words and patterns come from the document's language profile
(:mod:`graph.lang.profile`); this module holds the rules that use them.  A word names a
type when its stem is one of the type's cues (``styrkor`` -> ``styrk``), or, in a
compounding language, ends with one (``förbättringsförslag``); words that merely
contain a cue are not cues (``riskerar``, ``riskhantering``, ``framgångsrik``).

Prose findings are sentences that *present* a finding ("X betraktas som en risk") or
state one outright with one of the profile's patterns ("X rekommenderar regeringen att
...", "risken är stor att ...", "We recommend ...").
"""

from __future__ import annotations

import re
from functools import lru_cache

from graph.findings import FindingType
from graph.lang.profile import Profile, load_profile

#: The order in which a sentence's type is decided when it could be several.
PROSE_ORDER = (FindingType.RECOMMENDATION, FindingType.RISK, FindingType.SUCCESS_FACTOR,
               FindingType.IMPROVEMENT_PROPOSAL)
_WORDS = re.compile(r"[^\W\d_]+")

Lang = Profile | str


def profile_of(lang: Lang) -> Profile:
    """The profile for a language code, a profile file's path, or a profile itself."""
    return lang if isinstance(lang, Profile) else load_profile(lang)


def type_of(text: str, lang: Lang = "sv") -> FindingType | None:
    """The finding type named by *text* (a heading, lead-in or cell), or ``None``.

    The first cue in reading order wins.

    >>> type_of("Risker och hinder under året")
    <FindingType.RISK: 'risk'>
    >>> type_of("Diskussion och rekommendationer").value
    'recommendation'
    >>> type_of("Resultat") is None, type_of("Barn som riskerar att fara illa") is None
    (True, True)
    >>> type_of("Key strengths of the programme", "en").value
    'success-factor'
    """
    profile = profile_of(lang)
    for word in _WORDS.findall(text):
        found = profile.cue_type(word)
        if found is not None:
            return found
    return None


def is_type_word(word: str, lang: Lang = "sv") -> bool:
    """Does *word* name a finding type ("rekommenderar", "riskfaktorer")?  Such words say
    what kind of finding a text is, not what it is about.

    >>> is_type_word("rekommenderar"), is_type_word("samverkan")
    (True, False)
    """
    return profile_of(lang).cue_type(word) is not None


def cue_type(word: str, lang: Lang = "sv") -> FindingType | None:
    """The type *word* names, or ``None`` (see :meth:`Profile.cue_type`)."""
    return profile_of(lang).cue_type(word)


@lru_cache(maxsize=64)
def _presenting(profile: Profile, ftype: FindingType) -> tuple[re.Pattern[str], ...]:
    stems = "|".join(re.escape(c[:4]) for c in profile.cues.get(ftype, ()))
    noun = rf"(?P<noun>\w*(?:{stems})\w*)"
    return tuple(re.compile(p.replace("{noun}", noun)) for p in profile.presents)


def prose_type(sentence: str, lang: Lang = "sv") -> FindingType | None:
    """The type of finding a sentence states outright, or ``None``.

    Sentences that *present* a finding count ("X betraktas som en risk", "En central
    rekommendation är att ..."), and sentences matching one of the profile's patterns
    ("Vi föreslår ...", "risken är stor att ...", "... bör ..."). Sentences pointing at
    a list ("... följande:"), questions and sentences about the findings in general
    ("Rekommendationerna i rapporten bygger på ...") do not.

    >>> prose_type("Hög sjukfrånvaro betraktas som en risk.").value
    'risk'
    >>> prose_type("En central rekommendation är att resultaten används.").value
    'recommendation'
    >>> prose_type("Rekommendationerna i rapporten är baserade på intervjuer.") is None
    True
    >>> prose_type("Se rekommendationerna i tabellen nedan.") is None
    True
    >>> prose_type("Riksrevisionen rekommenderar regeringen att se över reglerna.").value
    'recommendation'
    >>> prose_type("Kommunen ses som en framgångsrik aktör.") is None
    True
    >>> prose_type("We recommend that the board publishes its minutes.", "en").value
    'recommendation'
    """
    profile = profile_of(lang)
    flat = " ".join(sentence.split())
    if profile.pointer.search(flat) or flat.endswith("?") or len(flat) < 15 \
            or flat.split()[-1].lower() in profile.open_ends:
        return None      # a lead-in ("... regeringen att"), a question, a fragment
    lower = flat.lower()
    if any(p.search(lower) for p in profile.not_findings):
        return None
    for ftype in PROSE_ORDER:
        for pattern in _presenting(profile, ftype):
            for match in pattern.finditer(lower):
                word = match.group("noun")
                if profile.cue_type(word) is not ftype:
                    continue
                definite = profile.definite.search(word)
                if definite and profile.cue_type(word[:definite.start()]) is ftype:
                    continue  # "risken", "rekommendationerna": about a known thing
                return ftype
    if any(p.search(lower) for p in profile.not_stated):
        return None
    for ftype in PROSE_ORDER:
        for pattern in profile.patterns.get(ftype, ()):
            if pattern.search(flat) or pattern.search(lower):
                return ftype
    return None

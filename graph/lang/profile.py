"""Language profiles: what differs between Swedish and English, as data.

One TOML file per language (``graph/lang/sv.toml``, ``graph/lang/en.toml``) holds the
type cues (Snowball stems of the nouns that name a finding), lead-in and prose
patterns, sentence words (abbreviations, words that suspend a hyphen), the stemmer
and stop-word list names, and the dictionaries repair uses.  Code holds the rules;
adding a language is adding a file (or passing a file's path to :func:`load_profile`).

When a document's language is not given, :func:`detect_language` picks the profile
whose stop words make up the largest share of its words (a simple, offline method
that separates Swedish from English on a paragraph already).

>>> sv = load_profile("sv")
>>> sv.cue_type("styrkor").value, sv.cue_type("riskhantering"), sv.cue_type("riskerar")
('success-factor', None, None)
>>> load_profile("en").cue_type("recommendations").value
'recommendation'
>>> detect_language("The review found that the staff should be trained.")
'en'
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from graph.errors import InputError
from graph.findings import FindingType

PROFILE_DIR = Path(__file__).resolve().parent
DEFAULT_LANGUAGE = "sv"
_WORD = re.compile(r"[^\W\d_]+")
#: Shortest cue that may close a compound ("personalrisk" ends with "risk").
COMPOUND_CUE_MIN = 4


@dataclass(frozen=True, eq=False)
class Profile:
    """One language's words and patterns (see ``graph/lang/sv.toml`` for each field).

    Compared and hashed by identity: profiles are loaded once per file.
    """

    code: str
    name: str
    stemmer_name: str
    stop_words_name: str
    hunspell: tuple[str, ...]
    wordfreq: str
    compounds: bool
    cues: dict[FindingType, tuple[str, ...]]
    not_cues: frozenset[str]
    pointer: re.Pattern[str]
    open_ends: frozenset[str]
    first_person: frozenset[str]
    not_sections: frozenset[str]
    abbreviations: tuple[str, ...]
    hyphen_suspenders: frozenset[str]
    numbered_heading: str
    presents: tuple[str, ...]
    definite: re.Pattern[str]
    not_findings: tuple[re.Pattern[str], ...]
    not_stated: tuple[re.Pattern[str], ...]
    patterns: dict[FindingType, tuple[re.Pattern[str], ...]] = field(default_factory=dict)

    def stem(self, word: str) -> str:
        """The Snowball stem of one lower-case word.

        >>> load_profile("sv").stem("rekommendationerna")
        'rekommendation'
        """
        return _stem(self.stemmer_name, word)

    def stop_words(self) -> frozenset[str]:
        """The stop words of the language (from the ``stop-words`` package)."""
        return _stop_words(self.stop_words_name)

    def cue_type(self, word: str) -> FindingType | None:
        """The finding type *word* names, or ``None``.

        A word names a type when it or its stem is one of the type's cues, or (in a
        compounding language) ends with one: the head of a compound says what it is.

        >>> sv = load_profile("sv")
        >>> sv.cue_type("förbättringsförslag").value, sv.cue_type("framgångsrik")
        ('proposal', None)
        """
        return _cue_type(self, word.lower())


@lru_cache(maxsize=65536)
def _cue_type(profile: Profile, word: str) -> FindingType | None:
    if word in profile.not_cues:
        return None
    forms = {word, profile.stem(word)}   # "framgångsfaktor" stems to "framgångsfak"
    for ftype, cues in profile.cues.items():
        for cue in cues:
            for form in forms:
                if form == cue or (profile.compounds and len(cue) >= COMPOUND_CUE_MIN
                                   and form.endswith(cue) and len(form) - len(cue) >= 3):
                    return ftype
    return None


@lru_cache(maxsize=8)
def _stemmer(name: str):  # type: ignore[no-untyped-def]
    import snowballstemmer

    return snowballstemmer.stemmer(name)


@lru_cache(maxsize=131072)
def _stem(name: str, word: str) -> str:
    return str(_stemmer(name).stemWord(word))


@lru_cache(maxsize=8)
def _stop_words(name: str) -> frozenset[str]:
    from stop_words import get_stop_words

    return frozenset(get_stop_words(name))


def available_languages(directory: Path = PROFILE_DIR) -> list[str]:
    """The codes of the profiles shipped in *directory*.

    >>> available_languages()
    ['en', 'sv']
    """
    return sorted(p.stem for p in directory.glob("*.toml"))


@lru_cache(maxsize=32)
def load_profile(language: str | Path = DEFAULT_LANGUAGE) -> Profile:
    """The profile of *language*: a code of a shipped profile, or the path of a file.

    Raises
    ------
    InputError
        If there is no such profile or the file is malformed.

    Examples
    --------
    >>> load_profile("sv").hunspell
    ('sv_SE',)
    >>> load_profile("xx")
    Traceback (most recent call last):
    graph.errors.InputError: no language profile 'xx' (known: en, sv)
    """
    path = Path(language) if str(language).endswith(".toml") else PROFILE_DIR / f"{language}.toml"
    return _load(path.resolve())


@lru_cache(maxsize=16)
def _load(path: Path) -> Profile:
    if not path.is_file():
        known = ", ".join(available_languages())
        raise InputError(f"no language profile {path.stem!r} (known: {known})")
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
        cues = {FindingType(k): tuple(v) for k, v in data["cues"].items() if k != "not_cues"}
        prose = data.get("prose", {})
        sentence = data.get("sentence", {})
        lead_in = data.get("lead_in", {})
        return Profile(
            code=str(data["code"]),
            name=str(data.get("name", data["code"])),
            stemmer_name=str(data["stemmer"]),
            stop_words_name=str(data["stop_words"]),
            hunspell=tuple(data.get("hunspell", ())),
            wordfreq=str(data.get("wordfreq", data["code"])),
            compounds=bool(data.get("compounds", False)),
            cues=cues,
            not_cues=frozenset(data["cues"].get("not_cues", ())),
            pointer=re.compile(lead_in.get("pointer", r":\s*$"), re.IGNORECASE),
            not_sections=frozenset(lead_in.get("not_sections", ())),
            open_ends=frozenset(lead_in.get("open_ends", ())),
            first_person=frozenset(prose.get("first_person", ())),
            abbreviations=tuple(sentence.get("abbreviations", ())),
            hyphen_suspenders=frozenset(sentence.get("hyphen_suspenders", ())),
            numbered_heading=str(sentence.get("numbered_heading", r"(?!x)x")),
            presents=tuple(prose.get("presents", ())),
            definite=re.compile(prose.get("definite", "^$")),
            not_findings=tuple(re.compile(p, re.IGNORECASE)
                               for p in prose.get("not_findings", ())),
            not_stated=tuple(re.compile(p, re.IGNORECASE)
                             for p in prose.get("not_stated", ())),
            patterns={FindingType(k): tuple(re.compile(p) for p in v)
                      for k, v in prose.get("patterns", {}).items()},
        )
    except (tomllib.TOMLDecodeError, KeyError, ValueError, re.error) as exc:
        raise InputError(f"bad language profile {path}: {exc}") from None


def detect_language(text: str, candidates: list[str] | None = None) -> str:
    """The shipped profile whose stop words are the largest share of *text*'s words.

    Each profile's stop words are counted without the words two profiles share, so a
    long list does not win by its length.  Used, with a warning, for a document whose
    catalog entry gives no ``language``.

    >>> detect_language("Vi rekommenderar att kommunen och regionen samverkar mer.")
    'sv'
    """
    codes = candidates or available_languages()
    profiles = [load_profile(c) for c in codes]
    tokens = [w.lower() for w in _WORD.findall(text[:200_000])]
    if not tokens:
        return DEFAULT_LANGUAGE
    stops = [p.stop_words() for p in profiles]
    shares = []
    for i, own in enumerate(stops):
        others = frozenset().union(*(s for j, s in enumerate(stops) if j != i))
        only = own - others
        shares.append(sum(1 for t in tokens if t in only) / len(tokens))
    best = max(range(len(codes)), key=lambda i: shares[i])
    return codes[best] if shares[best] > 0 else DEFAULT_LANGUAGE

"""Themes: the SKOS concept scheme of ``ontology/themes.ttl`` and its assignment rule.

The scheme carries its own rule: each concept's ``skos:hiddenLabel`` values are trigger
terms.  A finding has a theme when one of its words has the Snowball stem of a trigger,
or a compound word of it starts or ends with a trigger's stem of :attr:`~graph.config.ThemeConfig.part_min` letters
or more (*informationsspridning* starts with *information*; *skolpersonal* ends with
*personal*).  A word whose stem is itself a trigger is taken whole, not split into parts,
so the longest trigger wins.  No per-finding table: editing the scheme changes the
assignment.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import cached_property, lru_cache
from pathlib import Path

from graph.config import THEMES
from graph.errors import InputError
from graph.lang.words import stem, words

#: Trigger stems shorter than this match whole words only (``val`` not in ``intervall``).


@dataclass(frozen=True)
class Theme:
    """A concept of the scheme: IRI, labels by language, trigger terms."""

    iri: str
    labels: dict[str, str]
    triggers: tuple[str, ...]

    def label(self, lang: str = "en") -> str:
        """The preferred label in *lang*, else any label, else the IRI."""
        return self.labels.get(lang) or next(iter(self.labels.values()), self.iri)

    @property
    def name(self) -> str:
        """The concept's local name (``collaboration``)."""
        return self.iri.rsplit("#", 1)[-1]

    @cached_property
    def stems(self) -> frozenset[str]:
        """The Snowball stems of the trigger terms."""
        return frozenset(stem(w) for t in self.triggers for w in words(t))


@lru_cache(maxsize=4)
def _load(path: str) -> tuple[Theme, ...]:
    import pyoxigraph as ox

    from graph.rdf.vocab import SKOS

    labels: dict[str, dict[str, str]] = {}
    triggers: dict[str, list[str]] = {}
    try:
        for triple in ox.parse(path=path, format=ox.RdfFormat.TURTLE):
            s, p, o = triple.subject.value, triple.predicate, triple.object
            if p == SKOS.prefLabel and isinstance(o, ox.Literal) and o.language:
                labels.setdefault(s, {})[o.language] = o.value
            elif p == SKOS.hiddenLabel and isinstance(o, ox.Literal):
                triggers.setdefault(s, []).append(o.value)
    except SyntaxError as exc:
        message = str(exc.msg).split(": ", 1)[-1]
        raise InputError(f"theme scheme does not parse: {message}", path=path,
                         line=exc.lineno, column=exc.offset) from None
    except OSError as exc:
        raise InputError(f"cannot read the theme scheme: {exc}", path=path) from None
    return tuple(Theme(iri, labels.get(iri, {}), tuple(sorted(t)))
                 for iri, t in sorted(triggers.items()))


def load_themes(path: str | Path | None = None) -> list[Theme]:
    """The concepts of a theme scheme that carry trigger terms, sorted by IRI.

    Parameters
    ----------
    path
        A Turtle file (default ``ontology/themes.ttl``); parsed once per path.

    Returns
    -------
    list of Theme
        Each with its IRI, ``skos:prefLabel`` by language and ``skos:hiddenLabel``
        triggers.

    Raises
    ------
    InputError
        If the file cannot be read or does not parse (with its line and column).

    Examples
    --------
    >>> themes = load_themes()
    >>> [t.label("sv") for t in themes if t.name == "collaboration"]
    ['samverkan och mötesplatser']
    """
    from graph.rdf.vocab import ONTOLOGY_DIR

    return list(_load(str(path or ONTOLOGY_DIR / "themes.ttl")))


class _Index:
    """The triggers of a scheme by stem, and what each compound stem matches (remembered:
    a series repeats its words, and a scheme has many triggers)."""

    def __init__(self, themes: Sequence[Theme]) -> None:
        self.themes = tuple(themes)
        self.every = frozenset().union(*(t.stems for t in themes))
        self.parts: dict[str, set[int]] = {}  # trigger stem long enough to be a part
        for i, theme in enumerate(themes):
            for trigger in theme.stems:
                if len(trigger) >= THEMES.part_min:
                    self.parts.setdefault(trigger, set()).add(i)
        self._by_part: dict[str, frozenset[int]] = {}

    def part_themes(self, word_stem: str) -> frozenset[int]:
        """The themes with a trigger stem of :attr:`~graph.config.ThemeConfig.part_min`
        letters or more, shorter than *word_stem*, that *word_stem* starts or ends with:
        its beginnings and endings are looked up, not every trigger."""
        hit = self._by_part.get(word_stem)
        if hit is None:
            found: set[int] = set()
            for k in range(THEMES.part_min, len(word_stem)):
                found.update(self.parts.get(word_stem[:k], ()))
                found.update(self.parts.get(word_stem[-k:], ()))
            hit = self._by_part[word_stem] = frozenset(found)
        return hit


_INDEXES: dict[tuple[int, ...], _Index] = {}


def _index(themes: Sequence[Theme]) -> _Index:
    key = tuple(id(t) for t in themes)
    hit = _INDEXES.get(key)
    if hit is None:
        if len(_INDEXES) >= 8:
            _INDEXES.clear()
        hit = _INDEXES[key] = _Index(themes)  # holds the themes: their ids stay theirs
    return hit


def assign_themes(text: str, themes: Sequence[Theme]) -> list[str]:
    """The IRIs of the themes whose triggers *text* uses, sorted by IRI.

    A word matches a trigger when their stems are equal; a word whose stem is no
    trigger's matches the triggers its stem starts or ends with (compound parts).

    Parameters
    ----------
    text
        A finding's wording (label and evidence).
    themes
        The scheme, from :func:`load_themes`.

    Returns
    -------
    list of str
        Theme IRIs; empty when no trigger occurs.

    Examples
    --------
    >>> themes = load_themes()
    >>> [t.rsplit("#", 1)[1] for t in assign_themes("Tydlig informationsspridning", themes)]
    ['communication']
    >>> [t.rsplit("#", 1)[1] for t in assign_themes("Skolpersonalen fick handledning", themes)]
    ['staff']
    >>> assign_themes("Helt annat innehåll här", themes)
    []
    """
    index = _index(themes)
    stems = {stem(w) for w in words(text)}
    whole = stems & index.every
    by_part: set[int] = set()
    for s in stems - index.every:
        by_part |= index.part_themes(s)
    return [theme.iri for i, theme in enumerate(themes) if i in by_part or whole & theme.stems]

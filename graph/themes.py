"""Themes: the SKOS concept scheme of ``ontology/themes.ttl`` and its assignment rule.

The scheme carries its own rule: each concept's ``skos:hiddenLabel`` values are trigger
terms.  A finding has a theme when one of its words has the Snowball stem of a trigger,
or a compound word of it starts or ends with a trigger's stem (*informationsspridning*
starts with *information*; *samverkansformer* with *samverkan*).  No per-finding table:
editing the scheme changes the assignment.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from .textsim import stem, words

#: Compound parts shorter than this are not matched inside a word (``val`` in ``intervall``).
PART_MIN = 5


@dataclass(frozen=True)
class Theme:
    """A concept of the scheme: IRI, labels by language, trigger terms."""

    iri: str
    labels: dict[str, str]
    triggers: tuple[str, ...]

    def label(self, lang: str = "en") -> str:
        return self.labels.get(lang) or next(iter(self.labels.values()), self.iri)

    @property
    def stems(self) -> frozenset[str]:
        return frozenset(stem(w) for t in self.triggers for w in words(t))


@lru_cache(maxsize=4)
def _load(path: str) -> tuple[Theme, ...]:
    import pyoxigraph as ox

    from .vocab import SKOS

    labels: dict[str, dict[str, str]] = {}
    triggers: dict[str, list[str]] = {}
    for triple in ox.parse(path=path, format=ox.RdfFormat.TURTLE):
        s, p, o = triple.subject.value, triple.predicate, triple.object
        if p == SKOS.prefLabel and isinstance(o, ox.Literal) and o.language:
            labels.setdefault(s, {})[o.language] = o.value
        elif p == SKOS.hiddenLabel and isinstance(o, ox.Literal):
            triggers.setdefault(s, []).append(o.value)
    return tuple(Theme(iri, labels.get(iri, {}), tuple(sorted(t)))
                 for iri, t in sorted(triggers.items()))


def load_themes(path: str | Path | None = None) -> list[Theme]:
    """The concepts of the theme scheme (default ``ontology/themes.ttl``) that carry
    trigger terms.

    >>> themes = load_themes()
    >>> any(t.label("sv") == "samverkan och mötesplatser" for t in themes)
    True
    """
    from .vocab import ONTOLOGY_DIR

    return list(_load(str(path or ONTOLOGY_DIR / "themes.ttl")))


def assign_themes(text: str, themes: list[Theme]) -> list[str]:
    """The IRIs of the themes whose triggers *text* uses, in the scheme's order.

    >>> themes = load_themes()
    >>> [t.rsplit("#", 1)[1] for t in assign_themes("Tydlig informationsspridning", themes)]
    ['communication']
    >>> assign_themes("Helt annat innehåll här", themes)
    []
    """
    stems = {stem(w) for w in words(text)}
    found = []
    for theme in themes:
        triggers = theme.stems
        if stems & triggers or any(
                len(t) >= PART_MIN and len(s) > len(t) and (s.startswith(t) or s.endswith(t))
                for s in stems for t in triggers):
            found.append(theme.iri)
    return found

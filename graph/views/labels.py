"""Every word a view shows, in Swedish or English: :func:`word`.

Labels of finding types (singular and plural), statuses and link kinds come from the
ontology (``ontology/fynd.ttl``: ``skos:prefLabel`` and ``fynd:pluralLabel`` in ``sv``
and ``en``; statuses and kinds are SKOS concepts whose ``skos:notation`` is the value
the graph stores), parsed once with pyoxigraph.  The few fixed words the ontology does
not hold (headings, buttons) live in one data file per language, ``lang/sv.toml`` and
``lang/en.toml``.

Keys: ``type:risk`` (singular), ``types:risk`` (plural), ``status:dropped``,
``kind:persists``, ``method:curated``, or a key of the language file.

>>> word("types:risk", "sv"), word("type:proposal", "en"), word("status:dropped", "sv")
('risker', 'improvement proposal', 'försvann')
>>> word("kind:drawsOn", "en"), word("carried_into", "sv", report="d2")
('draws on', 'förs vidare i d2')
"""

from __future__ import annotations

import tomllib
from functools import lru_cache
from pathlib import Path

from graph.errors import InputError

LANGUAGES = ("sv", "en")
_LANG_DIR = Path(__file__).resolve().parent / "lang"


def check_lang(lang: str) -> None:
    """Raise :class:`InputError` unless *lang* is ``sv`` or ``en``.

    >>> check_lang("de")
    Traceback (most recent call last):
    graph.errors.InputError: unknown language 'de'; choose sv or en
    """
    if lang not in LANGUAGES:
        raise InputError(f"unknown language {lang!r}; choose sv or en")


@lru_cache(maxsize=1)
def ontology_words() -> dict[str, dict[str, str]]:
    """Key -> language -> label, from the ontology (parsed once).

    >>> ontology_words()["kind:evolves"]["sv"]
    'utvecklas'
    """
    import pyoxigraph as ox

    from graph.rdf.vocab import FINDING_CLASSES, FYND, ONTOLOGY_PATH, PREFIXES

    store = ox.Store()
    store.load(path=str(ONTOLOGY_PATH), format=ox.RdfFormat.TURTLE)
    out: dict[str, dict[str, str]] = {}
    classes = {cls.value: t.value for t, cls in FINDING_CLASSES.items()}
    classes[FYND.Finding.value] = "finding"
    query = """
    SELECT ?s ?p ?label ?notation ?scheme WHERE {
      ?s ?p ?label . VALUES ?p { skos:prefLabel fynd:pluralLabel }
      OPTIONAL { ?s skos:notation ?notation ; skos:inScheme ?scheme }
    }"""
    answer = store.query(query, prefixes=PREFIXES)
    assert isinstance(answer, ox.QuerySolutions)
    for sol in answer:
        subject, label = sol["s"].value, sol["label"]
        plural = sol["p"] == FYND.pluralLabel
        if subject in classes:
            key = f"{'types' if plural else 'type'}:{classes[subject]}"
        elif sol["notation"] is not None and not plural:
            prefix = "status" if sol["scheme"] == FYND.Statuses else "kind"
            key = f"{prefix}:{sol['notation'].value}"
        else:
            continue
        out.setdefault(key, {})[label.language or "en"] = label.value
    return out


@lru_cache(maxsize=2)
def file_words(lang: str) -> dict[str, str]:
    """The fixed words of one language file (``lang/sv.toml`` or ``lang/en.toml``).

    >>> file_words("sv")["reset"]
    'Återställ'
    """
    check_lang(lang)
    with open(_LANG_DIR / f"{lang}.toml", "rb") as f:
        return {k: str(v) for k, v in tomllib.load(f).items()}


def word(key: str, lang: str, **fields: object) -> str:
    """The word for *key* in *lang*, with ``{fields}`` filled in; an unknown key is
    returned as it is (so a value the graph holds but no label covers still shows).

    >>> word("no such key", "sv")
    'no such key'
    """
    if key.startswith("method:"):
        key = key.split(":", 1)[1]
    labels = ontology_words().get(key)
    if labels is not None:
        return labels.get(lang, labels.get("en", key))
    text = file_words(lang).get(key)
    if text is None:
        return key
    return text.format(**fields) if fields else text


def words_for(lang: str, keys: list[str] | None = None) -> dict[str, str]:
    """Every file word of *lang* (or just *keys*), e.g. for a page's script.

    >>> words_for("en", ["reset"])
    {'reset': 'Reset'}
    """
    table = file_words(lang)
    return {k: table[k] for k in (keys or list(table))}

"""The curation file: a user's confirmations, rejections and additions of lineage links.

``data/curation.toml`` (or any file given with ``--curation``) holds ``[[link]]`` tables::

    [[link]]
    action = "add"                 # add | confirm | reject
    source = "d3-short: Skapa kontinuerliga mötesplatser"
    target = "d4-short: Kontaktytor för erfarenhetsutbyte"
    kind = "evolves"               # persists | evolves (add and confirm)
    note = "Why: meeting places between organisations become contact surfaces."
    note_sv = "Varför: mötesplatser mellan organisationer blir kontaktytor."

A finding is named ``"DOCUMENT: start of its label"`` (case and spacing do not matter)
or by its IRI.  A short version's finding that restates its full report stands for the
full report's finding.  Every entry must say why in ``note``; the build marks curated
links ``method "curated"`` and keeps the note (``fynd:note``; a ``note_sv`` or other
``note_XX`` is the note in that language, kept as ``skos:note`` with its language tag and
shown by ``--lang``), and ``--raw`` shows the automatic result without the file.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from graph.errors import CurationError, toml_error

ACTIONS = ("add", "confirm", "reject")
KINDS = ("persists", "evolves")


@dataclass(frozen=True)
class FindingRef:
    """What a reference can be resolved against: a finding's IRI, document and label."""

    iri: str
    document: str
    label: str
    restates: str | None = None


@dataclass(frozen=True)
class CurationEntry:
    """One ``[[link]]`` of the file, as written (references not yet resolved)."""

    action: str
    source: str
    target: str
    kind: str
    note: str
    line: int
    #: The note in other languages, from ``note_sv = "..."`` etc.: ``(language, text)``.
    translations: tuple[tuple[str, str], ...] = ()


def _norm(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip().lower()


def resolve(ref: str, findings: Sequence[FindingRef]) -> str:
    """The IRI that *ref* names.

    Raises
    ------
    CurationError
        If no finding, or more than one, matches.

    Examples
    --------
    >>> fs = [FindingRef("http://x/1", "d1", "Säkra samverkan genom rutiner"),
    ...       FindingRef("http://x/2", "d1s", "Säkra  samverkan", restates="http://x/1")]
    >>> resolve("d1: säkra samverkan", fs), resolve("d1s: Säkra samverkan", fs)
    ('http://x/1', 'http://x/1')
    >>> resolve("d9: Säkra", fs)
    Traceback (most recent call last):
    graph.errors.CurationError: no finding matches 'd9: Säkra'
    """
    if re.match(r"^https?://", ref):
        for f in findings:
            if f.iri == ref:
                return f.restates or f.iri
        raise CurationError(f"no finding has the IRI {ref}")
    document, sep, prefix = ref.partition(":")
    if not sep or not prefix.strip():
        raise CurationError(f"a finding is named 'DOCUMENT: start of label', not {ref!r}")
    want = _norm(prefix)
    hits = [f for f in findings if f.document == document.strip()
            and _norm(f.label).startswith(want)]
    if not hits:
        raise CurationError(f"no finding matches {ref!r}")
    if len(hits) > 1:
        raise CurationError(f"{ref!r} matches {len(hits)} findings; give more of the label")
    return hits[0].restates or hits[0].iri


def load_curation(path: str | Path) -> list[CurationEntry]:
    """Read and check a curation file (references are resolved later, against the graph).

    Raises
    ------
    CurationError
        For malformed TOML (with line and column), an unknown action or kind, or an
        entry without a note.
    """
    path = Path(path)
    if not path.is_file():
        raise CurationError("curation file not found", path=str(path))
    text = path.read_text(encoding="utf-8")
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise toml_error(exc, str(path), CurationError) from None
    # Line numbers of the [[link]] headers, so errors can say where an entry starts.
    starts = [n for n, line in enumerate(text.splitlines(), 1) if line.strip() == "[[link]]"]
    entries = []
    for i, table in enumerate(data.get("link", [])):
        line = starts[i] if i < len(starts) else 0
        action = table.get("action", "")
        if action not in ACTIONS:
            raise CurationError(f"action must be one of {', '.join(ACTIONS)}, not {action!r}",
                                path=str(path), line=line)
        kind = table.get("kind", "evolves" if action != "reject" else "")
        if action != "reject" and kind not in KINDS:
            raise CurationError(f"kind must be persists or evolves, not {kind!r}",
                                path=str(path), line=line)
        note = str(table.get("note", "")).strip()
        if not note:
            raise CurationError("every entry needs a note saying why", path=str(path),
                                line=line)
        for key in ("source", "target"):
            if not isinstance(table.get(key), str):
                raise CurationError(f"missing {key!r}", path=str(path), line=line)
        translations = tuple(sorted(
            (key[5:], str(value).strip()) for key, value in table.items()
            if re.fullmatch(r"note_[a-z]{2}", key) and str(value).strip()))
        entries.append(CurationEntry(action, table["source"], table["target"], kind, note,
                                     line, translations))
    return entries

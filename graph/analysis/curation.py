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
    >>> resolve("d1: Risker", fs)
    Traceback (most recent call last):
    graph.errors.CurationError: no finding matches 'd1: Risker'
    >>> resolve("d9: Säkra", fs)
    Traceback (most recent call last):
    graph.errors.CurationError: 'd9: Säkra': document 'd9' has no findings in the graph ...
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
    of_document = [f for f in findings if f.document == document.strip()]
    hits = [f for f in of_document if _norm(f.label).startswith(want)]
    if not hits and not of_document:
        raise CurationError(f"{ref!r}: document {document.strip()!r} has no findings in the "
                            "graph (unknown, empty, or a PDF without text: see the build's "
                            "warnings)")
    if not hits:
        raise CurationError(f"no finding matches {ref!r}")
    if len(hits) > 1:
        raise CurationError(f"{ref!r} matches {len(hits)} findings; give more of the label")
    return hits[0].restates or hits[0].iri


#: The name of the curation file that goes with a reports directory (beside it).
CURATION_NAME = "curation.toml"
#: The largest curation file read (a curation file is written by hand).
MAX_CURATION_BYTES = 5_000_000


def default_curation(reports: str | Path) -> Path | None:
    """The curation file that goes with a reports directory: ``curation.toml`` beside it
    (``data/curation.toml`` for ``data/reports``), if there is one.

    The file is found, not named by the user, so it must stay in its box: after
    symbolic links are resolved it must still lie in the directory that holds the
    reports directory.

    Raises
    ------
    CurationError
        If it is a symbolic link leading out of that directory.

    >>> import tempfile, pathlib
    >>> d = pathlib.Path(tempfile.mkdtemp())
    >>> (d / "reports").mkdir()
    >>> default_curation(d / "reports") is None
    True
    >>> _ = (d / "curation.toml").write_text("")
    >>> default_curation(d / "reports").name
    'curation.toml'
    """
    box = Path(reports).resolve().parent
    path = box / CURATION_NAME
    if not path.is_file():
        return None
    if not path.resolve().is_relative_to(box):
        raise CurationError(f"a symbolic link to {path.resolve()}, outside {box}; fynd reads "
                            "no file out of its box unless given with --curation",
                            path=str(path))
    return path


def load_curation(path: str | Path) -> list[CurationEntry]:
    """Read and check a curation file (references are resolved later, against the graph).

    Raises
    ------
    CurationError
        For a missing file or one that is not a regular file, malformed TOML (with line
        and column), an unknown action or kind, or an entry without a note.
    """
    path = Path(path)
    if not path.exists():
        raise CurationError("curation file not found", path=str(path))
    if not path.is_file():
        raise CurationError("not a regular file", path=str(path))
    if path.stat().st_size > MAX_CURATION_BYTES:
        raise CurationError(f"larger than {MAX_CURATION_BYTES / 1e6:g} MB: not a curation "
                            "file", path=str(path))
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        raise CurationError(f"not UTF-8 text at byte {exc.start}", path=str(path)) from None
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

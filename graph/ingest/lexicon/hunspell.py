"""The Hunspell dictionary: finding its files, reading them, spelling with libhunspell.

Two readers for two needs:

* :func:`open_speller` loads the dictionary into libhunspell (the C library, bundled
  by the ``chunspell`` wheel; ~0.3 s) for full lookups, compounds included;
* :func:`read_dictionary` reads the ``.aff`` (with spylls) and the ``.dic`` (itself,
  line by line, as spylls does) into plain entries, from which
  :mod:`graph.ingest.lexicon.wordsets` derives the sets it caches. Only a cold cache
  needs it.

Importing this module loads neither library.
"""

from __future__ import annotations

import os
import re
import sys
import sysconfig
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from graph.errors import FyndError

__all__ = ["Dictionary", "find_hunspell_files", "open_speller", "read_dictionary"]

# How a .dic line is cut up: what spylls' reader does (spylls.hunspell.readers.dic).
_COUNT = re.compile(r"^\d+(\s+|$)")  # the first line may give the entry count
_TAG = re.compile(r"[ \t]\w{2}:")  # morphological data ("po:noun") after the stem
_SLASH = re.compile(r"(?<!\\)/")  # stem/flags; a slash in a stem is escaped
_UTF8_BOM_AS_LATIN1 = "\xef\xbb\xbf"


def find_hunspell_files(name: str = "sv_SE") -> tuple[Path, Path] | None:
    """Locate the ``.aff``/``.dic`` pair of a Hunspell dictionary.

    Looks where the ``hunspell-sv`` wheel installs its files (``<prefix>/share/hunspell``
    for the running interpreter, its base and the user base), where the package's
    metadata says they are, in ``$FYND_HUNSPELL_DIR``, and in the directories of
    Debian's ``hunspell-sv`` package.

    Parameters
    ----------
    name
        Dictionary name, e.g. ``"sv_SE"``.

    Returns
    -------
    tuple of Path or None
        ``(aff, dic)``, or None when no directory holds both files.

    Examples
    --------
    >>> pair = find_hunspell_files("xx_NOPE")
    >>> pair is None
    True
    """
    for d in _candidate_dirs(name):
        aff, dic = d / f"{name}.aff", d / f"{name}.dic"
        if aff.is_file() and dic.is_file():
            return aff, dic
    return None


def _candidate_dirs(name: str) -> Iterator[Path]:
    """Where a dictionary may be, in order of preference (lazily: the package metadata
    is only read when the usual places do not have it)."""
    env = os.environ.get("FYND_HUNSPELL_DIR")
    if env:
        yield Path(env)
    for prefix in (sys.prefix, sys.base_prefix, sysconfig.get_config_var("userbase") or ""):
        if prefix:
            yield Path(prefix) / "share" / "hunspell"
    try:  # where the wheel's RECORD says the files went (works for odd prefixes too)
        from importlib.metadata import PackageNotFoundError, distribution

        try:
            for f in distribution("hunspell-sv").files or []:
                if f.name == f"{name}.dic":
                    yield Path(str(f.locate())).resolve().parent
        except PackageNotFoundError:
            pass
    except ImportError:  # pragma: no cover
        pass
    yield from (Path("/usr/share/hunspell"), Path("/usr/local/share/hunspell"),
                Path("/usr/share/myspell"), Path("/usr/share/myspell/dicts"))
    # chunspell's wheel bundles en_US in its package (``hunspell/dictionaries``).
    import importlib.util

    spec = importlib.util.find_spec("hunspell")
    if spec is not None and spec.origin:
        yield Path(spec.origin).parent / "dictionaries"


def require_hunspell_files(name: str) -> tuple[Path, Path]:
    """Like :func:`find_hunspell_files`, but raise when the dictionary is missing.

    Raises
    ------
    FyndError
        If no directory holds both files.

    Examples
    --------
    >>> require_hunspell_files("xx_NOPE")
    Traceback (most recent call last):
    graph.errors.FyndError: Hunspell dictionary xx_NOPE not found: ...
    """
    pair = find_hunspell_files(name)
    if pair is None:
        raise FyndError(
            f"Hunspell dictionary {name} not found: "
            "install the hunspell-sv package (pip) or Debian's hunspell-sv"
        )
    return pair


def open_speller(aff: Path) -> Callable[[str], bool]:
    """Load a dictionary into libhunspell; return its spell check.

    Parameters
    ----------
    aff
        The ``.aff`` file; the ``.dic`` of the same name must be beside it.

    Returns
    -------
    callable
        ``spell(word) -> bool``: whether Hunspell accepts ``word`` as written. A word
        the dictionary's encoding cannot express is no word.

    Raises
    ------
    FyndError
        If libhunspell cannot read the files.

    Examples
    --------
    >>> spell = open_speller(require_hunspell_files("sv_SE")[0])
    >>> spell("kvalitetsarbetet"), spell("kvalitetsxarbetet"), spell("Ɵ")
    (True, False, False)
    """
    import hunspell  # the chunspell wheel

    try:
        speller = hunspell.Hunspell(aff.stem, hunspell_data_dir=str(aff.parent),
                                    system_encoding=sys.getfilesystemencoding())
    except (OSError, UnicodeError) as exc:  # pragma: no cover - unreadable files
        raise FyndError(f"cannot read Hunspell dictionary {aff}: {exc}") from exc
    spell = speller.spell

    def check(word: str) -> bool:
        try:
            return bool(spell(word))
        except UnicodeError:  # a character the dictionary's encoding lacks
            return False

    return check


@dataclass
class Dictionary:
    """The parts of a Hunspell dictionary the word sets are derived from.

    Attributes
    ----------
    entries
        ``(stem, flags)`` per line of the ``.dic``; equal flag sets are one object.
    suffixes
        The ``.aff``'s suffix rules: ``(flag, strip, add, add_flags, condition regex)``.
    forbidden
        Flags that mark an entry or a rule as no word alone (FORBIDDENWORD,
        ONLYINCOMPOUND).
    needaffix
        The NEEDAFFIX flag (a stem that is no word without an affix), or None.
    """

    entries: list[tuple[str, frozenset[str]]]
    suffixes: list[tuple[str, str, str, set[str], str]]
    forbidden: set[str]
    needaffix: str | None


def read_dictionary(aff: Path, dic: Path) -> Dictionary:
    """Read a dictionary's suffix rules and entries (spylls for the ``.aff``).

    Parameters
    ----------
    aff, dic
        The two files.

    Returns
    -------
    Dictionary

    Raises
    ------
    FyndError
        If the files cannot be read.

    Examples
    --------
    >>> import tempfile
    >>> where = Path(tempfile.mkdtemp())
    >>> _ = (where / "xx.aff").write_text("SET UTF-8\\nSFX A Y 1\\nSFX A 0 et .\\n")
    >>> _ = (where / "xx.dic").write_text("2\\nhus/A\\nSörmland\\n")
    >>> d = read_dictionary(where / "xx.aff", where / "xx.dic")
    >>> d.entries, d.suffixes
    ([('hus', frozenset({'A'})), ('Sörmland', frozenset())], [('A', '', 'et', set(), '.$')])
    """
    from spylls.hunspell import readers
    from spylls.hunspell.readers.file_reader import FileReader

    try:
        rules, context = readers.read_aff(FileReader(str(aff)))
        entries = list(_read_dic(dic, context))
    except (OSError, ValueError) as exc:  # pragma: no cover - corrupt files
        raise FyndError(f"cannot read Hunspell dictionary {dic}: {exc}") from exc
    suffixes = [(flag, r.strip, r.add, set(r.flags), r.cond_regexp.pattern)
                for flag, group in rules.SFX.items() for r in group]
    forbidden = {f for f in (rules.FORBIDDENWORD, rules.ONLYINCOMPOUND) if f}
    return Dictionary(entries, suffixes, forbidden, rules.NEEDAFFIX)


def _read_dic(path: Path, context: Any) -> Iterator[tuple[str, frozenset[str]]]:
    """``(stem, flags)`` per entry of a ``.dic``, cut up as spylls' reader does it (its
    own reader builds a heavy object per entry: seconds for a big dictionary)."""
    parse_flags, ignore = context.parse_flags, context.ignore
    flag_sets: dict[str, frozenset[str]] = {}  # a few thousand distinct ones
    with open(path, encoding=context.encoding, errors="surrogateescape") as lines:
        for num, line in enumerate(lines, 1):
            if num == 1:
                line = line.replace(_UTF8_BOM_AS_LATIN1, "") if line.startswith(
                    _UTF8_BOM_AS_LATIN1) else line
                if _COUNT.match(line.strip()):
                    continue
            line = line.strip()
            if not line:
                continue
            if "\t" in line or ":" in line:  # data after the stem (rare)
                tags = _TAG.search(line)
                tags_start = tags.start() if tags else None
                tab = line.find("\t")
                if tab != -1 and (not tags_start or tags_start > tab):
                    tags_start = tab
                word = line[:tags_start] if tags_start else line
            else:
                word = line
            flags = ""
            if "\\" in word:  # an escaped slash
                if not word.startswith("/"):
                    parts = _SLASH.split(word, 2)
                    if len(parts) == 2:
                        word, flags = parts
                word = word.replace(r"\/", "/")
            elif not word.startswith("/") and word.count("/") == 1:
                word, _, flags = word.partition("/")
            if ignore:
                word = word.translate(ignore.tr)
            flag_set = flag_sets.get(flags)
            if flag_set is None:
                flag_set = flag_sets[flags] = frozenset(parse_flags(flags))
            yield word, flag_set

"""The lexicon's derived data on disk, so that only the first run derives it.

Two files per dictionary, in the user's cache directory
(``platformdirs.user_cache_dir("fynd")``) or in ``$FYND_CACHE_DIR``:

* the **word sets** (:func:`graph.ingest.lexicon.wordsets.derive_word_sets`: seconds to
  derive, a fraction of a second to load), keyed by what they are derived from: the
  versions of ``hunspell-sv``, ``wordfreq`` and ``spylls``, the dictionary files' size
  and time, and :data:`CACHE_FORMAT`;
* libhunspell's **verdicts** on the words it was asked about (a lookup costs up to a
  millisecond, loading the library with the dictionary most of a second), keyed by the
  dictionary files and the ``chunspell`` version; a build whose words were all asked
  before never loads libhunspell.

A missing, stale or corrupt file is rebuilt, never an error; it is written to a
temporary file and renamed into place, so a reader never sees half a file.

File layout: :data:`MAGIC`, the CRC-32 of the rest (4 bytes, little-endian), then
``marshal.dumps((key, payload))``.
"""

from __future__ import annotations

import gc
import marshal
import os
import tempfile
import zlib
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

from graph.ingest.lexicon.hunspell import require_hunspell_files
from graph.ingest.lexicon.wordsets import ENCODING, WordSets, derive_word_sets

__all__ = [
    "CACHE_FORMAT",
    "cache_dir",
    "load_or_build",
    "load_verdicts",
    "load_word_sets",
    "read_payload",
    "save_verdicts",
    "write_payload",
]

#: Version of the cached data's layout: raise it when :class:`WordSets` or its
#: derivation changes, and every cache is rebuilt once.
CACHE_FORMAT = 3
#: First bytes of a cache file.
MAGIC = b"fynd-cache\x00"
#: The packages the word sets are derived with.
_SOURCES = ("hunspell-sv", "wordfreq", "spylls")
#: Most verdicts kept: the file stays small whatever texts are read.
MAX_VERDICTS = 200_000

#: ``notice(message)`` is told when a slow rebuild starts.
Notice = Callable[[str], None]
T = TypeVar("T")


def cache_dir() -> Path:
    """Where fynd caches derived data: ``$FYND_CACHE_DIR``, else the user's cache
    directory (``~/.cache/fynd`` on Linux).

    Returns
    -------
    Path

    Examples
    --------
    >>> from unittest import mock
    >>> with mock.patch.dict("os.environ", {"FYND_CACHE_DIR": "/tmp/somewhere"}):
    ...     cache_dir()
    PosixPath('/tmp/somewhere')
    """
    env = os.environ.get("FYND_CACHE_DIR")
    if env:
        return Path(env)
    from platformdirs import user_cache_dir

    return Path(user_cache_dir("fynd"))


def _versions(*names: str) -> tuple[str, ...]:
    from importlib.metadata import PackageNotFoundError, version

    out = []
    for name in names:
        try:
            out.append(version(name))
        except PackageNotFoundError:
            out.append("")
    return tuple(out)


def _files(*paths: Path) -> tuple[tuple[str, int, int], ...]:
    return tuple((str(p.resolve()), p.stat().st_size, p.stat().st_mtime_ns) for p in paths)


def word_sets_key(lang: str, aff: Path, dic: Path) -> tuple[Any, ...]:
    """What the word sets of ``lang`` and the dictionary ``aff``/``dic`` depend on.

    Parameters
    ----------
    lang
        wordfreq language code.
    aff, dic
        The Hunspell files.

    Returns
    -------
    tuple
        Plain values (comparable after a ``marshal`` round trip).

    Examples
    --------
    >>> from graph.ingest.lexicon import find_hunspell_files
    >>> key = word_sets_key("sv", *find_hunspell_files("sv_SE"))
    >>> key[0] == CACHE_FORMAT, key[2]
    (True, 'sv')
    """
    return (CACHE_FORMAT, ENCODING, lang, _versions(*_SOURCES), _files(aff, dic))


def load_or_build(path: Path, key: Any, build: Callable[[], T], encode: Callable[[T], Any],
                  decode: Callable[[Any], T], notice: Notice | None = None,
                  what: str = "cache") -> T:
    """Load a value from the cache file, or build it and save it there.

    Parameters
    ----------
    path
        The cache file.
    key
        Plain values the value depends on; a file with another key is stale.
    build
        Makes the value.
    encode
        Turns the value into a payload: plain values ``marshal`` can write.
    decode
        Turns a payload back into the value; a payload it rejects (``ValueError``,
        ``KeyError``, ``IndexError``, ``TypeError``) counts as corrupt.
    notice
        Told, before a build, what is being built and why.
    what
        What the cache holds, for the notice.

    Returns
    -------
    The value.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> where = pathlib.Path(tempfile.mkdtemp()) / "squares"
    >>> load_or_build(where, 1, lambda: (1, 4, 9), list, tuple, print, "squares")
    building the squares (first run only)...
    (1, 4, 9)
    >>> load_or_build(where, 1, tuple, list, tuple, print, "squares")  # from the file
    (1, 4, 9)
    >>> load_or_build(where, 2, tuple, list, tuple, print, "squares")
    building the squares (its sources changed)...
    ()
    """
    enabled = gc.isenabled()
    gc.disable()  # many containers at once: collections would only slow the work
    try:
        payload, reason = read_payload(path, key)
        if payload is not None:
            try:
                return decode(payload)
            except (ValueError, KeyError, IndexError, TypeError):
                reason = "the cached file was unreadable"
        if notice is not None:
            notice(f"building the {what} ({reason})...")
        value = build()
        problem = write_payload(path, key, encode(value))
        if problem and notice is not None:
            notice(f"cannot save the {what} at {path}: {problem}")
        return value
    finally:
        if enabled:
            gc.enable()


def read_payload(path: Path, key: Any) -> tuple[Any, str]:
    """The payload stored in the cache file ``path`` under ``key``.

    Returns
    -------
    tuple
        ``(payload, "")``, or ``(None, why)`` for a missing, corrupt or stale file.

    Examples
    --------
    >>> import tempfile
    >>> where = Path(tempfile.mkdtemp()) / "numbers"
    >>> read_payload(where, "key")
    (None, 'first run only')
    >>> write_payload(where, "key", (1, 2)), read_payload(where, "key")
    (None, ((1, 2), ''))
    >>> read_payload(where, "another key")
    (None, 'its sources changed')
    >>> _ = where.write_bytes(b"garbage")
    >>> read_payload(where, "key")
    (None, 'the cached file was unreadable')
    """
    try:
        data = memoryview(path.read_bytes())
    except FileNotFoundError:
        return None, "first run only"
    except OSError:
        return None, "the cached file was unreadable"
    head = len(MAGIC)
    body = data[head + 4:]
    if data[:head] != MAGIC or zlib.crc32(body) != int.from_bytes(data[head:head + 4], "little"):
        return None, "the cached file was unreadable"
    try:
        stored_key, payload = marshal.loads(body)
    except (EOFError, ValueError, TypeError):
        return None, "the cached file was unreadable"
    if stored_key != key:
        return None, "its sources changed"
    return payload, ""


def write_payload(path: Path, key: Any, payload: Any) -> str | None:
    """Write a cache file atomically (a temporary file renamed into place).

    Returns
    -------
    str or None
        What went wrong (the cache is then simply not saved), or None.

    Examples
    --------
    >>> import tempfile
    >>> a_file = Path(tempfile.mkstemp()[1])
    >>> write_payload(a_file / "cache", "key", 1) is not None  # a file is no directory
    True
    >>> a_file.unlink()
    """
    body = marshal.dumps((key, payload))
    tmp = None
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
        with os.fdopen(fd, "wb") as out:
            out.write(MAGIC)
            out.write(zlib.crc32(body).to_bytes(4, "little"))
            out.write(body)
        os.replace(tmp, path)
    except OSError as exc:
        if tmp is not None:
            Path(tmp).unlink(missing_ok=True)
        return exc.strerror or str(exc)
    return None


def load_word_sets(lang: str = "sv", hunspell_name: str = "sv_SE",
                   notice: Notice | None = None) -> WordSets:
    """The word sets of ``lang`` and a Hunspell dictionary, from the cache if fresh.

    Parameters
    ----------
    lang
        wordfreq language code.
    hunspell_name
        Name of the Hunspell dictionary.
    notice
        Told when the sets must be derived (a few seconds, on the first run).

    Returns
    -------
    WordSets

    Raises
    ------
    FyndError
        If the Hunspell dictionary is not installed.

    Examples
    --------
    >>> sets = load_word_sets()
    >>> sets.is_stem("hus"), sets.inflected("huset"), sets.zipf("och") > 7
    (True, True, True)
    """
    aff, dic = require_hunspell_files(hunspell_name)
    return load_or_build(
        cache_dir() / f"words-{lang}-{hunspell_name}.bin",
        word_sets_key(lang, aff, dic),
        lambda: derive_word_sets(lang, aff, dic),
        WordSets.to_payload,
        WordSets.from_payload,
        notice,
        f"word cache for {hunspell_name}",
    )


def _verdicts_place(hunspell_name: str) -> tuple[Path, tuple[Any, ...]]:
    aff, dic = require_hunspell_files(hunspell_name)
    return (cache_dir() / f"spell-{hunspell_name}.bin",
            (CACHE_FORMAT, _versions("chunspell"), _files(aff, dic)))


def load_verdicts(hunspell_name: str = "sv_SE") -> dict[str, bool]:
    """libhunspell's saved verdicts for a dictionary (empty when none are saved).

    Parameters
    ----------
    hunspell_name
        Name of the Hunspell dictionary.

    Returns
    -------
    dict
        Word -> whether libhunspell accepts it.

    Raises
    ------
    FyndError
        If the Hunspell dictionary is not installed.

    Examples
    --------
    >>> isinstance(load_verdicts(), dict)
    True
    """
    path, key = _verdicts_place(hunspell_name)
    payload, _ = read_payload(path, key)
    try:
        accepted, rejected = payload
        return dict.fromkeys(accepted, True) | dict.fromkeys(rejected, False)
    except (TypeError, ValueError):  # none saved, or a payload of another shape
        return {}


def save_verdicts(verdicts: dict[str, bool], hunspell_name: str = "sv_SE") -> str | None:
    """Save libhunspell's verdicts, merged with those saved meanwhile (up to
    :data:`MAX_VERDICTS`).

    Parameters
    ----------
    verdicts
        Word -> whether libhunspell accepts it.
    hunspell_name
        Name of the Hunspell dictionary.

    Returns
    -------
    str or None
        What went wrong (nothing is saved then), or None.

    Examples
    --------
    >>> import tempfile
    >>> from unittest import mock
    >>> with mock.patch.dict("os.environ", {"FYND_CACHE_DIR": tempfile.mkdtemp()}):
    ...     save_verdicts({"huset": True, "hsuet": False})
    ...     load_verdicts()
    {'huset': True, 'hsuet': False}
    """
    merged = load_verdicts(hunspell_name)
    for word, ok in verdicts.items():
        if len(merged) >= MAX_VERDICTS:
            break
        merged[word] = ok
    path, key = _verdicts_place(hunspell_name)
    payload = (tuple(w for w, ok in merged.items() if ok),
               tuple(w for w, ok in merged.items() if not ok))
    return write_payload(path, key, payload)

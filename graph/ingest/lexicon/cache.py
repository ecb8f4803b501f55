"""The lexicon's word sets on disk, so that only the first run derives them.

Deriving the sets (:func:`graph.ingest.lexicon.wordsets.derive_word_sets`) takes
seconds; loading them from the cache a fraction of a second. The cache lives in the
user's cache directory (``platformdirs.user_cache_dir("fynd")``) or in
``$FYND_CACHE_DIR``, one file per dictionary, and is keyed by what the sets are derived
from: the versions of ``hunspell-sv``, ``wordfreq`` and ``spylls``, the dictionary
files' size and time, and :data:`CACHE_FORMAT`. A missing, stale or corrupt file is
rebuilt, never an error; it is written to a temporary file and renamed into place, so a
reader never sees half a file.

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

__all__ = ["CACHE_FORMAT", "cache_dir", "cache_key", "load_or_build", "load_word_sets"]

#: Version of the cached data's layout: raise it when :class:`WordSets` or its
#: derivation changes, and every cache is rebuilt once.
CACHE_FORMAT = 1
#: First bytes of a cache file.
MAGIC = b"fynd-cache\x00"
#: The packages the word sets are derived with.
_SOURCES = ("hunspell-sv", "wordfreq", "spylls")

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


def cache_key(lang: str, aff: Path, dic: Path) -> tuple[Any, ...]:
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
    """
    from importlib.metadata import PackageNotFoundError, version

    versions = []
    for name in _SOURCES:
        try:
            versions.append(version(name))
        except PackageNotFoundError:
            versions.append("")
    files = tuple((str(p.resolve()), p.stat().st_size, p.stat().st_mtime_ns) for p in (aff, dic))
    return (CACHE_FORMAT, ENCODING, lang, tuple(versions), files)


def load_or_build(path: Path, key: Any, build: Callable[[], Any], decode: Callable[[Any], T],
                  notice: Notice | None = None, what: str = "cache") -> T:
    """Load ``decode(payload)`` from the cache file, or build, save and decode it.

    Parameters
    ----------
    path
        The cache file.
    key
        Plain values the payload depends on; a file with another key is stale.
    build
        Makes the payload (plain values ``marshal`` can write).
    decode
        Turns a payload into the value; a payload it rejects (``ValueError``,
        ``KeyError``, ``IndexError``, ``TypeError``) counts as corrupt.
    notice
        Told, before a build, what is being built and why.
    what
        What the cache holds, for the notice.

    Returns
    -------
    The decoded value.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> where = pathlib.Path(tempfile.mkdtemp()) / "squares"
    >>> load_or_build(where, 1, lambda: [1, 4, 9], tuple, print, "squares")
    building the squares (first run only)...
    (1, 4, 9)
    >>> load_or_build(where, 1, lambda: [], tuple, print, "squares")  # from the file
    (1, 4, 9)
    >>> load_or_build(where, 2, lambda: [], tuple, print, "squares")
    building the squares (its sources changed)...
    ()
    """
    enabled = gc.isenabled()
    gc.disable()  # many containers at once: collections would only slow the decoding
    try:
        payload, reason = _read(path, key)
        if payload is not None:
            try:
                return decode(payload)
            except (ValueError, KeyError, IndexError, TypeError):
                reason = "the cached file was unreadable"
        if notice is not None:
            notice(f"building the {what} ({reason})...")
        payload = build()
        value = decode(payload)
        problem = _write(path, key, payload)
        if problem and notice is not None:
            notice(f"cannot save the {what} at {path}: {problem}")
        return value
    finally:
        if enabled:
            gc.enable()


def _read(path: Path, key: Any) -> tuple[Any, str]:
    """The payload stored under ``key`` (or None) and, if None, why."""
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


def _write(path: Path, key: Any, payload: Any) -> str | None:
    """Write atomically (a temporary file renamed into place); the problem, if any."""
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
    """
    aff, dic = require_hunspell_files(hunspell_name)
    return load_or_build(
        cache_dir() / f"words-{lang}-{hunspell_name}.bin",
        cache_key(lang, aff, dic),
        lambda: derive_word_sets(lang, aff, dic).to_payload(),
        WordSets.from_payload,
        notice,
        f"word cache for {hunspell_name}",
    )

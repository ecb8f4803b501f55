"""The embedded graph store on disk: versions, an atomic pointer, locks and leases.

Layout of a store directory ``P`` (default ``.fynd/store``, ``$FYND_STORE``, ``--store``)::

    P/fynd-store.json          the marker and pointer:
                               {"fynd_store": 1, "format": 1, "pyoxigraph": "0.5.13",
                                "current": "20261123T201500-4242-1a2b"}
    P/versions/<name>/         one complete Oxigraph store per version
    P/versions/<name>.lease    readers hold a shared flock on it while they read <name>
    P/versions/.building-<pid>-<name>/   a build in progress (debris if <pid> is gone)
    P/.build.lock              a build holds an exclusive flock on it; holds the pid

**Only fynd's to replace.**  A build writes into ``P`` only if ``P`` is absent, empty, has
the marker, or is an old-style store (see below).  Anything else (a user's directory, a
regular file, ``.``, ``..`` or another ancestor of the working directory) is refused with
a one-line :class:`StoreError` naming the path; fynd never renames or deletes it.

**No moment without a graph.**  A build writes a new version beside the current one,
then makes it current by replacing the marker (write a temporary file, ``os.replace``).
``P`` and the current version exist at every instant; a build that fails or is killed
leaves the previous version current.

**Locks.**  Builds take an exclusive ``fcntl.flock`` on ``P/.build.lock``; a second build
waits up to ``$FYND_LOCK_WAIT`` seconds (default 30), then says which pid holds it.
Readers *lease* a version (:func:`leased_version`): a shared flock on its ``.lease`` file.

**Garbage collection** (:func:`collect_garbage`, at the start of every build and after
every swap, under the build lock) removes versions that are not current and whose lease
can be taken exclusively without waiting (nobody reads them), in-progress directories and
temporary markers of processes that are gone, and an old-style store's files once it is
no longer current.  A version a live reader or server holds is never removed.

**Old-style stores.**  fynd before this layout wrote a bare Oxigraph directory at ``P``.
Such a directory is accepted as fynd's only if it looks exactly like one: a ``CURRENT``
file, at least one ``OPTIONS-*`` or ``*.sst`` file, and nothing but RocksDB's own files
(``CURRENT``, ``IDENTITY``, ``LOCK``, ``LOG*``, ``MANIFEST-*``, ``OPTIONS-*``, ``*.sst``,
``*.log``, ``*.blob``).  The first new build writes the marker with ``"current":
"legacy"`` (the old graph at ``P`` itself stays readable), builds its version, swaps,
and then removes exactly those RocksDB files.

**Leases and :func:`open_store`.**  ``pyoxigraph.Store`` accepts neither attributes nor
weak references, so its lifetime cannot be observed directly.  :func:`open_store` returns
the plain ``pyoxigraph.Store`` and keeps ``(store, lease fd)`` in a module registry; the
lease is released by :func:`close_store`, or found free (nothing but the registry refers
to the store) and released at the next :func:`open_store` or
:func:`release_unused`, or at process exit.  A
long-running reader (a server) should use :func:`leased_version` around its own use.

The format depends on pyoxigraph's on-disk format, which changes between minor versions
(a 0.4 store cannot be opened read-only by 0.5): ``pyproject.toml`` pins one minor series
and the marker records the version that wrote the graph.

The marker, the names of a store's parts and :func:`check_store_path` live in
:mod:`graph.rdf.store_dir` and are re-exported here.
"""

from __future__ import annotations

import fcntl
import os
import re
import shutil
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import cast

import pyoxigraph as ox

from graph.errors import StoreError
from graph.rdf.sparql import (  # noqa: F401  (the store's query API, re-exported)
    EXPORT_FORMATS,
    QueryResult,
    export,
    load_quads,
    run_query,
    select,
)
from graph.rdf.store_dir import (  # noqa: F401  (the marker and the parts' names)
    BUILD_LOCK,
    BUILDING,
    DEFAULT_STORE,
    LEGACY,
    MARKER,
    MARKER_TMP,
    ROCKSDB,
    STORE_FORMAT,
    VERSIONS,
    alive,
    check_store_path,
    current_name,
    fault,
    is_complete,
    is_legacy_store,
    lease_file,
    prepare_store,
    read_marker,
    store_path,
    version_dir,
    write_marker,
)
from graph.rdf.vocab import PREFIXES  # noqa: F401  (re-exported: the prefixes queries get)

#: Seconds a build waits for another build's lock (``$FYND_LOCK_WAIT`` overrides).
LOCK_WAIT = 30.0


@contextmanager
def _build_lock(root: Path, wait: float | None) -> Iterator[None]:
    if wait is None:
        wait = float(os.environ.get("FYND_LOCK_WAIT", LOCK_WAIT))
    fd = os.open(root / BUILD_LOCK, os.O_RDWR | os.O_CREAT, 0o644)
    deadline = time.monotonic() + wait
    try:
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() >= deadline:
                    holder = (os.pread(fd, 32, 0).decode(errors="replace").split() or ["?"])[0]
                    raise StoreError(f"another build (pid {holder}) is writing {root}; waited "
                                     f"{wait:g} s (set FYND_LOCK_WAIT to wait longer)"
                                     ) from None
                time.sleep(0.1)
        os.ftruncate(fd, 0)
        os.pwrite(fd, f"{os.getpid()}\n".encode(), 0)
        yield
    finally:
        os.close(fd)  # closing releases the flock


def current_version(path: str | Path | None = None) -> Path:
    """The directory of the store's current version (no lease taken).

    Raises
    ------
    StoreError
        If there is no graph at *path*.
    """
    root = store_path(path)
    return version_dir(root, current_name(root))


def _open_lease(root: Path, name: str) -> int | None:
    lease = lease_file(root, name)
    try:
        return os.open(lease, os.O_RDWR | os.O_CREAT, 0o644)
    except OSError:
        try:  # a read-only store: nobody can collect it either
            return os.open(lease, os.O_RDONLY)
        except OSError:
            return None


def _lease(root: Path) -> tuple[Path, int | None]:
    for _ in range(50):
        name = current_name(root)
        fd = _open_lease(root, name) if (root / VERSIONS).is_dir() else None
        if fd is not None:
            fcntl.flock(fd, fcntl.LOCK_SH)
        if is_complete(root, name):
            return version_dir(root, name), fd
        if fd is not None:  # a build removed it between the two reads: try again
            os.close(fd)
        time.sleep(0.02)
    raise StoreError(f"the graph at {root} keeps changing; try again")


@contextmanager
def leased_version(path: str | Path | None = None) -> Iterator[Path]:
    """Lease the current version: no build removes it until the ``with`` block ends.

    Reads the pointer, takes a shared flock on ``versions/<name>.lease``, checks the
    version still exists (trying again if a build removed it in between) and yields its
    directory.

    Raises
    ------
    StoreError
        If there is no graph at *path*.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> where = pathlib.Path(tempfile.mkdtemp()) / "store"
    >>> with atomic_store(where) as store:
    ...     store.add(ox.Quad(ox.NamedNode("http://a"), ox.NamedNode("http://b"),
    ...                       ox.Literal("c")))
    >>> with leased_version(where) as version:
    ...     version.parent.name, len(ox.Store.read_only(str(version)))
    ('versions', 1)
    """
    version, fd = _lease(store_path(path))
    try:
        yield version
    finally:
        if fd is not None:
            os.close(fd)


#: Stores opened by :func:`open_store` and their lease fds (see the module docstring).
_OPEN: dict[int, tuple[ox.Store, int | None]] = {}


def release_unused() -> None:
    """Release the leases of stores :func:`open_store` returned that nothing else refers
    to any more (:func:`open_store` does this itself each time it is called)."""
    for key, (store, fd) in list(_OPEN.items()):
        # references: _OPEN's tuple, the loop's tuple unpacking, getrefcount's argument
        if sys.getrefcount(store) <= 3:
            del _OPEN[key]
            if fd is not None:
                os.close(fd)


def open_store(path: str | Path | None = None) -> ox.Store:
    """Open the store's current version read-only, leased while the store is in use; a
    ``http(s)://`` location is a remote SPARQL endpoint (:class:`graph.rdf.remote.RemoteStore`,
    read-only, duck-typed as a store for the readers).

    Raises
    ------
    StoreError
        If there is no graph at the path (``fynd build`` makes one).

    Examples
    --------
    >>> import tempfile, pathlib
    >>> where = pathlib.Path(tempfile.mkdtemp()) / "store"
    >>> open_store(where)
    Traceback (most recent call last):
    graph.errors.StoreError: no graph at ...: run 'fynd build' first (or pass --store)
    """
    location = str(path) if path is not None else os.environ.get("FYND_STORE", "")
    if re.match(r"https?:/", location):  # a URL (a Path collapses //); urllib only then
        from graph.rdf.remote import RemoteStore

        return cast(ox.Store, RemoteStore(location))
    release_unused()
    root = store_path(path)
    version, fd = _lease(root)
    try:
        store = ox.Store.read_only(str(version))
    except OSError as exc:
        if fd is not None:
            os.close(fd)
        raise StoreError(f"cannot open the graph at {root}: {exc}") from None
    _OPEN[id(store)] = (store, fd)
    return store


def close_store(store: ox.Store) -> None:
    """Release the lease of a store :func:`open_store` returned (the store stays usable
    until it is dropped, but a build may then remove its version)."""
    entry = _OPEN.pop(id(store), None)
    if entry is not None and entry[1] is not None:
        os.close(entry[1])


def _remove_version(root: Path, name: str) -> bool:
    """Remove version *name* if nobody leases it; True if it is gone."""
    fd = _open_lease(root, name)
    if fd is None:
        return False
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            return False  # a reader holds it
        if name == LEGACY:
            for entry in root.iterdir():
                if entry.is_file() and ROCKSDB.match(entry.name):
                    entry.unlink()
        else:
            shutil.rmtree(version_dir(root, name), ignore_errors=True)
        lease_file(root, name).unlink(missing_ok=True)
        return True
    finally:
        os.close(fd)


def collect_garbage(path: str | Path | None = None, *, building: Path | None = None
                    ) -> list[str]:
    """Remove what no one needs: versions not current and not leased, and debris of
    builds whose process is gone.  Call it holding the build lock (builds do).

    Parameters
    ----------
    path
        The store directory.
    building
        The in-progress directory of the calling build (kept).

    Returns
    -------
    list of str
        The names removed.
    """
    root = store_path(path)
    marker = read_marker(root)
    if marker is None:
        return []
    current = marker.get("current")
    removed = []
    for entry in root.iterdir():
        found = MARKER_TMP.match(entry.name)
        if found and not alive(int(found[1])):
            entry.unlink(missing_ok=True)
            removed.append(entry.name)
    versions = root / VERSIONS
    if not versions.is_dir():
        return removed
    names = set()
    for entry in versions.iterdir():
        found = BUILDING.match(entry.name)
        if found:
            # Under the build lock no other build writes; the pid check is belt and braces.
            if entry != building and (not alive(int(found[1]))
                                      or int(found[1]) == os.getpid()):
                shutil.rmtree(entry, ignore_errors=True)
                removed.append(entry.name)
        elif entry.name.endswith(".lease"):
            names.add(entry.name[: -len(".lease")])
        elif entry.is_dir():
            names.add(entry.name)
    if current != LEGACY and (root / "CURRENT").is_file():
        names.add(LEGACY)
    for name in sorted(names - {current}):
        fault("collecting")
        if _remove_version(root, name):
            removed.append(name)
    return removed


@contextmanager
def atomic_store(path: str | Path | None = None, *, wait: float | None = None
                 ) -> Iterator[ox.Store]:
    """Yield a new, empty on-disk store that becomes the current version on success.

    Checks the path (:func:`check_store_path`), takes the build lock (waiting up to
    *wait* seconds, default ``$FYND_LOCK_WAIT`` or :data:`LOCK_WAIT`), collects garbage,
    and yields a store written in ``versions/.building-<pid>-<name>``.  When the ``with``
    block ends without an exception, the version is renamed into place and the marker
    replaced atomically; old versions nobody leases are then removed.  On any exception
    (``KeyboardInterrupt`` too) the new version is deleted and the old one stays current.

    Raises
    ------
    StoreError
        If the path is not fynd's to write (see :func:`check_store_path`), or another
        build holds the lock for longer than *wait*.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> where = pathlib.Path(tempfile.mkdtemp()) / "store"
    >>> with atomic_store(where) as store:
    ...     store.add(ox.Quad(ox.NamedNode("http://a"), ox.NamedNode("http://b"),
    ...                       ox.Literal("c")))
    >>> len(list(open_store(where).quads_for_pattern(None, None, None)))
    1
    >>> sorted(p.name for p in where.iterdir())
    ['.build.lock', 'fynd-store.json', 'versions']
    """
    root = prepare_store(path)
    with _build_lock(root, wait):
        name = f"{time.strftime('%Y%m%dT%H%M%S')}-{os.getpid()}-{os.urandom(2).hex()}"
        building = root / VERSIONS / f".building-{os.getpid()}-{name}"
        collect_garbage(root, building=building)
        try:
            store = ox.Store(str(building))
        except OSError as exc:
            raise StoreError(f"cannot create a store at {building}: {exc}") from None
        try:
            yield store
            store.flush()
            fault("version-written")
            os.rename(building, root / VERSIONS / name)
            fault("version-renamed")
            write_marker(root, name)
            fault("swapped")
        finally:
            shutil.rmtree(building, ignore_errors=True)
        collect_garbage(root)

"""The store directory's own parts: the marker, the names of versions, leases and
debris, and the check of what a build may replace.  :mod:`graph.rdf.store` describes
the layout and builds the locks, leases and swap on these.
"""

from __future__ import annotations

import json
import os
import re
import signal
from contextlib import suppress
from pathlib import Path

import pyoxigraph as ox

from graph.errors import StoreError

#: Where the graph lives unless ``--store`` or ``$FYND_STORE`` says otherwise.
DEFAULT_STORE = Path(".fynd") / "store"
MARKER = "fynd-store.json"
VERSIONS = "versions"
BUILD_LOCK = ".build.lock"
#: The layout version written in the marker; a reader refuses a newer one.
STORE_FORMAT = 1
#: The version name of an old-style store (the Oxigraph files at ``P`` itself).
LEGACY = "legacy"

#: The files of a bare Oxigraph (RocksDB) directory; a build in progress; a temporary marker.
ROCKSDB = re.compile(r"^(CURRENT|IDENTITY|LOCK|LOG(\.old\.\d+)?|MANIFEST-\d+|OPTIONS-\d+"
                     r"|\d+\.(sst|log|blob))$")
BUILDING = re.compile(r"^\.building-(\d+)-")
MARKER_TMP = re.compile(rf"^{re.escape(MARKER)}\.tmp-(\d+)$")


def store_path(path: str | Path | None = None) -> Path:
    """Resolve the store location: *path*, else ``$FYND_STORE``, else :data:`DEFAULT_STORE`.

    >>> store_path("x/y")
    PosixPath('x/y')
    """
    if path is not None:
        return Path(path)
    return Path(os.environ.get("FYND_STORE", DEFAULT_STORE))


def fault(point: str) -> None:
    """Fault injection for the crash tests: ``$FYND_FAULT=point`` kills the process here."""
    if os.environ.get("FYND_FAULT") == point:
        os.kill(os.getpid(), signal.SIGKILL)


def alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def is_legacy_store(path: Path) -> bool:
    """Whether *path* looks exactly like a bare Oxigraph (RocksDB) store directory.

    >>> import tempfile, pathlib
    >>> d = pathlib.Path(tempfile.mkdtemp())
    >>> is_legacy_store(d)
    False
    >>> for name in ("CURRENT", "OPTIONS-000007", "000009.sst"):
    ...     _ = (d / name).write_text("")
    >>> is_legacy_store(d)
    True
    >>> _ = (d / "thesis.txt").write_text("mine")
    >>> is_legacy_store(d)
    False
    """
    try:
        entries = list(path.iterdir())
    except OSError:
        return False
    names = {e.name for e in entries}
    return ("CURRENT" in names
            and any(n.startswith("OPTIONS-") or n.endswith(".sst") for n in names)
            and all(e.is_file() and not e.is_symlink() and ROCKSDB.match(e.name)
                    for e in entries))


def read_marker(root: Path) -> dict | None:
    path = root / MARKER
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return None
    except (OSError, ValueError) as exc:
        raise StoreError(f"{path} is not a readable fynd store marker ({exc})") from None
    if not isinstance(data, dict) or data.get("fynd_store") != 1:
        raise StoreError(f"{path} is not a fynd store marker")
    if int(data.get("format", 0)) > STORE_FORMAT:
        raise StoreError(f"the graph at {root} was written by a newer fynd (store format "
                         f"{data.get('format')}); upgrade fynd or build again elsewhere")
    return data


def write_marker(root: Path, current: str | None) -> None:
    data = {"fynd_store": 1, "format": STORE_FORMAT, "pyoxigraph": ox.__version__,
            "current": current}
    tmp = root / f"{MARKER}.tmp-{os.getpid()}"
    with open(tmp, "w", encoding="utf-8") as out:
        out.write(json.dumps(data, indent=2) + "\n")
        out.flush()
        os.fsync(out.fileno())
    fault("marker-written")
    os.replace(tmp, root / MARKER)
    with suppress(OSError):  # make the rename itself durable
        fd = os.open(root, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def check_store_path(path: str | Path | None = None) -> Path:
    """Check that a build may write the store at *path*, without writing anything.

    Returns
    -------
    Path
        The store directory.

    Raises
    ------
    StoreError
        If *path* is a regular file, the working directory or one of its ancestors
        (``.``, ``..``), or a directory that is not empty and is neither a fynd store
        nor an old-style Oxigraph store.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> d = pathlib.Path(tempfile.mkdtemp())
    >>> check_store_path(d / "new") == d / "new"
    True
    >>> _ = (d / "thesis.txt").write_text("mine")
    >>> check_store_path(d)
    Traceback (most recent call last):
    graph.errors.StoreError: .../ is not empty and is not a fynd store: fynd will not write into it; ...
    """
    root = store_path(path)
    full = root.resolve()
    here = Path.cwd().resolve()
    if full == here or full in here.parents:
        raise StoreError(f"--store {root} is the working directory or one of its parents; "
                         "give a directory of its own for the graph, e.g. .fynd/store")
    if root.is_symlink() and not root.exists():
        raise StoreError(f"{root} is a broken symbolic link; give a directory for the graph")
    if root.exists() and not root.is_dir():
        raise StoreError(f"{root} is a file, not a store directory; give a directory for the "
                         "graph, e.g. .fynd/store")
    if not root.exists():
        return root
    if read_marker(root) is not None or is_legacy_store(root):
        return root
    # A first build killed while writing its marker leaves only the temporary marker.
    if any(not MARKER_TMP.match(entry.name) for entry in root.iterdir()):
        raise StoreError(f"{root}/ is not empty and is not a fynd store: fynd will not write "
                         "into it; give an empty or new directory")
    return root


def prepare_store(path: str | Path | None) -> Path:
    """Check *path* (:func:`check_store_path`), create it and claim it with a marker
    before anything else goes in."""
    root = check_store_path(path)
    legacy = root.exists() and read_marker(root) is None and is_legacy_store(root)
    try:
        root.mkdir(parents=True, exist_ok=True)
        if read_marker(root) is None:  # claim it before anything else goes in
            write_marker(root, LEGACY if legacy else None)
        (root / VERSIONS).mkdir(exist_ok=True)
    except OSError as exc:
        raise StoreError(f"cannot write the store at {root}: {exc.strerror}") from None
    return root


def version_dir(root: Path, name: str) -> Path:
    return root if name == LEGACY else root / VERSIONS / name


def lease_file(root: Path, name: str) -> Path:
    return root / VERSIONS / f"{name}.lease"


def is_complete(root: Path, name: str) -> bool:
    return (version_dir(root, name) / "CURRENT").is_file()


def current_name(root: Path) -> str:
    if not root.is_dir():
        raise StoreError(f"no graph at {root}: run 'fynd build' first (or pass --store)")
    marker = read_marker(root)
    if marker is None:
        if is_legacy_store(root):
            return LEGACY
        raise StoreError(f"{root} is not a fynd store: run 'fynd build' first "
                         "(or pass --store)")
    name = marker.get("current")
    if not name:
        raise StoreError(f"no graph at {root} yet: run 'fynd build' first")
    written = str(marker.get("pyoxigraph", ""))
    if written.split(".")[:2] != ox.__version__.split(".")[:2]:
        raise StoreError(f"the graph at {root} was written with pyoxigraph {written}, this "
                         f"fynd uses {ox.__version__}: run 'fynd build' again")
    return str(name)



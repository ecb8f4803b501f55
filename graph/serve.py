"""``fynd serve``: supervise the real Oxigraph SPARQL server over one version of the graph.

The child is ``oxigraph serve-read-only --location <version> --bind HOST:PORT
--union-default-graph --timeout-s N`` (PyPI ``oxigraph``, pinned to pyoxigraph's version:
a store written by pyoxigraph 0.5 does not open in a 0.4 server).  The supervisor:

* serves **one complete version** of the graph and holds a lease on it, so a build never
  removes the files the server reads;
* watches the store's pointer and, after a build, stops the child and starts a new one on
  the new version (a few hundred milliseconds in which connections are refused: never an
  answer mixing two versions);
* starts the child in its own process group with a parent-death signal, and stops it with
  SIGTERM (a server started from a non-interactive shell ignores SIGINT) on Ctrl-C,
  SIGTERM or any error, so no server outlives ``fynd serve``.

The child reads the current version directory of the store itself, under a shared lease
(``graph.rdf.store.leased_version``) for as long as it serves it.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Callable
from contextlib import AbstractContextManager
from dataclasses import dataclass
from pathlib import Path
from typing import IO

from graph.errors import InputError, StoreError

LOOPBACK = ("127.0.0.1", "localhost", "::1", "[::1]")


def oxigraph_binary() -> str:
    """The path of the ``oxigraph`` server binary (PyPI package ``oxigraph``).

    Raises
    ------
    StoreError
        If it is not installed.
    """
    beside = Path(sys.executable).parent / "oxigraph"
    found = str(beside) if beside.is_file() else shutil.which("oxigraph")
    if found is None:
        raise StoreError("the Oxigraph server is not installed: pip install 'oxigraph==0.5.13'")
    return found


def parse_bind(bind: str) -> tuple[str, int]:
    """``HOST:PORT`` -> (host, port).

    >>> parse_bind("127.0.0.1:7878"), parse_bind("[::1]:80")
    (('127.0.0.1', 7878), ('[::1]', 80))
    >>> parse_bind("7878")
    Traceback (most recent call last):
    graph.errors.InputError: --bind must be HOST:PORT, not '7878'
    """
    host, sep, port = bind.rpartition(":")
    if not sep or not host or not port.isdigit() or not 0 < int(port) < 65536:
        raise InputError(f"--bind must be HOST:PORT, not {bind!r}")
    return host, int(port)


def is_loopback(host: str) -> bool:
    """>>> is_loopback("127.0.0.1"), is_loopback("0.0.0.0")
    (True, False)
    """
    return host in LOOPBACK or host.startswith("127.")


# --- the store layout: a key that changes when a build swaps, and a lease ---------------

def version_key(store: Path) -> object:
    """What changes when a build swaps in a new graph (the current version's directory);
    ``None`` if there is no graph."""
    from graph.rdf.store import current_version

    try:
        return str(current_version(store))
    except (OSError, StoreError):
        return None


def lease(store: Path) -> AbstractContextManager[Path]:
    """Hold the current version for serving (a shared lease: no build removes it while
    it is served); yields the version directory the child reads."""
    from graph.rdf.store import leased_version

    return leased_version(store)


# --- the child ----------------------------------------------------------------------

def _die_with_parent() -> None:  # pragma: no cover - runs in the child before exec
    try:
        import ctypes

        ctypes.CDLL("libc.so.6", use_errno=True).prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        pass


@dataclass
class ServeOptions:
    """What ``fynd serve`` was asked for."""

    store: Path
    host: str = "127.0.0.1"
    port: int = 7878
    timeout_s: int = 30
    cors: bool = False
    poll_s: float = 0.5

    @property
    def url(self) -> str:
        return f"http://{self.host}:{self.port}"


#: The stderr file of each running child, by pid.
_LOGS: dict[int, IO[bytes]] = {}


def start_child(options: ServeOptions, location: Path) -> subprocess.Popen[bytes]:
    """Start ``oxigraph serve-read-only`` on *location*, in its own process group."""
    args = [oxigraph_binary(), "serve-read-only", "--location", str(location),
            "--bind", f"{options.host}:{options.port}", "--union-default-graph",
            "--timeout-s", str(options.timeout_s)]
    if options.cors:
        args.append("--cors")
    # stderr to a file, not a pipe nobody drains; read back if the child fails.
    log = tempfile.TemporaryFile()  # noqa: SIM115 - closed by _stderr when the child stops
    # preexec_fn: the CLI runs no threads; it only sets the parent-death signal.
    child = subprocess.Popen(args, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                             stderr=log, start_new_session=True,
                             preexec_fn=_die_with_parent if sys.platform == "linux" else None)  # noqa: PLW1509
    _LOGS[child.pid] = log
    return child


def stop_child(child: subprocess.Popen[bytes], grace: float = 5.0) -> None:
    """SIGTERM the child's process group; SIGKILL it if it has not stopped after *grace*."""
    if child.poll() is not None:
        _stderr(child)
        return
    try:
        os.killpg(child.pid, signal.SIGTERM)
        child.wait(timeout=grace)
    except subprocess.TimeoutExpired:
        os.killpg(child.pid, signal.SIGKILL)
        child.wait()
    except ProcessLookupError:
        child.wait()
    _stderr(child)


def wait_ready(options: ServeOptions, child: subprocess.Popen[bytes], seconds: float = 20.0
               ) -> None:
    """Wait until the child answers ``ASK {}``.

    Raises
    ------
    StoreError
        If the child exits first (with its last error line) or does not answer in time.
    """
    url = f"http://127.0.0.1:{options.port}" if options.host in ("0.0.0.0", "::", "[::]") \
        else options.url
    deadline = time.monotonic() + seconds
    while True:
        if child.poll() is not None:
            err = _stderr(child)
            last = err.strip().splitlines()[-1] if err.strip() else f"exit {child.returncode}"
            raise StoreError(f"the Oxigraph server stopped: {last}")
        try:
            with urllib.request.urlopen(url + "/query?query=ASK%7B%7D", timeout=1):
                return
        except OSError:
            if time.monotonic() > deadline:
                raise StoreError(f"the Oxigraph server did not answer at {url}") from None
            time.sleep(0.05)


def _stderr(child: subprocess.Popen[bytes]) -> str:
    log = _LOGS.pop(child.pid, None)
    if log is None:
        return ""
    log.seek(0)
    text = log.read().decode("utf-8", "replace")
    log.close()
    return text


class Stop(Exception):
    """Raised in the supervisor's loop by SIGTERM, as Ctrl-C raises KeyboardInterrupt."""


def serve(options: ServeOptions, *, announce: Callable[[str], None] = print,
          should_stop: Callable[[], bool] = lambda: False) -> None:
    """Run the server until Ctrl-C, SIGTERM or *should_stop*; move to each new version.

    Parameters
    ----------
    options
        Store, bind address, timeout, CORS.
    announce
        Called with each line to show (the URL, an example, each restart).
    should_stop
        Polled between checks (for tests and embedding).

    Raises
    ------
    StoreError
        If there is no graph or the server cannot start (e.g. the port is taken).
    """
    def on_term(signum: int, frame: object) -> None:
        raise Stop()

    previous = signal.signal(signal.SIGTERM, on_term) if _main_thread() else None
    try:
        first = True
        while True:
            key = version_key(options.store)
            with lease(options.store) as location:
                child = start_child(options, location)
                try:  # the child stops before its version's lease is released
                    wait_ready(options, child)
                    if first:
                        _greet(options, announce)
                        first = False
                    else:
                        announce(f"Serving the new graph ({Path(location).name}).")
                    swapped = _watch(options, child, key, should_stop)
                finally:
                    stop_child(child)
            if not swapped:
                return
    except (KeyboardInterrupt, Stop):
        announce("Stopping the server.")
    finally:
        if previous is not None:
            signal.signal(signal.SIGTERM, previous)


def _watch(options: ServeOptions, child: subprocess.Popen[bytes], key: object,
           should_stop: Callable[[], bool]) -> bool:
    """Wait until a build swaps the graph (True) or the server is to stop (False)."""
    while not should_stop():
        time.sleep(options.poll_s)
        if child.poll() is not None:
            raise StoreError(f"the Oxigraph server exited ({child.returncode})")
        now = version_key(options.store)
        if now is not None and now != key:
            return True
    return False


def _main_thread() -> bool:
    import threading

    return threading.current_thread() is threading.main_thread()


def _greet(options: ServeOptions, announce: Callable[[str], None]) -> None:
    if not is_loopback(options.host):
        announce(f"Warning: serving on {options.host}, reachable from other machines; the "
                 "server is read-only but has no authentication.")
    announce(f"Serving {options.store} read-only at {options.url}/query (YASGUI at "
             f"{options.url}/); Ctrl-C stops it.")
    announce(f"  curl -H 'Accept: text/csv' --data-urlencode 'query=SELECT ?label WHERE "
             f"{{ ?f a <https://w3id.org/fynd#Risk> ; <http://www.w3.org/2000/01/rdf-schema#label>"
             f" ?label }} LIMIT 5' {options.url}/query")

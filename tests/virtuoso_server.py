"""A real Virtuoso (Debian ``virtuoso-opensource`` 7.2) on free loopback ports, for the
tests that need one: its own ``virtuoso.ini`` and database in a temp dir, stopped by PID."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from .oxigraph_server import free_port

#: Where Debian's package puts the pages the HTTP server needs.
SERVER_ROOT = Path("/var/lib/virtuoso-opensource-7/vsp")
#: How long a fresh database may take to answer (measured here: ~4 s).
START_S = 60.0

INI = """\
[Database]
DatabaseFile = {d}/virtuoso.db
ErrorLogFile = {d}/virtuoso.log
LockFile = {d}/virtuoso.lck
TransactionFile = {d}/virtuoso.trx
xa_persistent_file = {d}/virtuoso.pxa
TempStorage = TempDatabase

[TempDatabase]
DatabaseFile = {d}/virtuoso-temp.db
TransactionFile = {d}/virtuoso-temp.trx

[Parameters]
ServerPort = 127.0.0.1:{sql}
DisableUnixSocket = 1
DirsAllowed = ., {d}
NumberOfBuffers = 10000
MaxDirtyBuffers = 6000
CheckpointInterval = 0

[HTTPServer]
ServerPort = 127.0.0.1:{http}
ServerRoot = {root}
ServerThreads = 4
MaxClientConnections = 4

[SPARQL]
ResultSetMaxRows = 1000000
MaxQueryExecutionTime = 120
"""


def virtuoso_binary() -> str:
    """``virtuoso-t`` of Debian's ``virtuoso-opensource`` (skip if it is not installed)."""
    found = shutil.which("virtuoso-t")
    if found is None or not SERVER_ROOT.is_dir():
        pytest.skip("Virtuoso is not installed (Debian: apt-get install virtuoso-opensource)")
    return found


@contextmanager
def virtuoso_server(directory: Path) -> Iterator[str]:
    """A fresh Virtuoso in *directory*; yields its HTTP base URL (``http://127.0.0.1:P``).

    The database user is Virtuoso's default ``dba``/``dba``.  It fails the test (not
    skips it) if the server does not answer within :data:`START_S` seconds.
    """
    binary = virtuoso_binary()
    directory.mkdir(parents=True, exist_ok=True)
    sql, http = free_port(), free_port()
    ini = directory / "virtuoso.ini"
    ini.write_text(INI.format(d=directory, sql=sql, http=http, root=SERVER_ROOT),
                   encoding="utf-8")
    process = subprocess.Popen([binary, "-f", "+configfile", str(ini)], cwd=directory,
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                               start_new_session=True)
    url = f"http://127.0.0.1:{http}"
    try:
        deadline = time.monotonic() + START_S
        while True:
            try:
                with urllib.request.urlopen(url + "/sparql?query=ASK%7B%7D", timeout=2):
                    break
            except OSError:
                if process.poll() is not None or time.monotonic() > deadline:
                    log = (directory / "virtuoso.log")
                    tail = log.read_text("utf-8", "replace")[-1500:] if log.exists() else ""
                    pytest.fail(f"Virtuoso did not answer within {START_S:.0f} s:\n{tail}")
                time.sleep(0.2)
        yield url
    finally:
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGTERM)
            try:
                process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)
                process.wait(timeout=10)

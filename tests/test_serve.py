"""``fynd serve``: the real Oxigraph server over the graph, read-only, moving to a new
build without ever mixing two, and leaving no process behind."""

from __future__ import annotations

import csv
import io
import os
import signal
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

import pytest

from benchmarks.synth import generate
from graph.cli import app

from .conftest import ROOT
from .oxigraph_server import free_port, oxigraph_binary

COUNTS = ("SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g ORDER BY ?g")


def sparql(url: str, query: str) -> list[dict[str, str]]:
    """A SPARQL protocol client: a form POST, CSV results."""
    data = urllib.parse.urlencode({"query": query}).encode()
    request = urllib.request.Request(url + "/query", data=data,
                                     headers={"Accept": "text/csv"})
    with urllib.request.urlopen(request, timeout=10) as response:
        return list(csv.DictReader(io.StringIO(response.read().decode())))


def start_serve(store: Path, port: int) -> subprocess.Popen[str]:
    oxigraph_binary()  # skips the test if the server is not installed
    process = subprocess.Popen(
        [sys.executable, "-m", "graph", "serve", "--store", str(store), "--bind",
         f"127.0.0.1:{port}", "--timeout-s", "10"], cwd=ROOT, text=True,
        stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 30
    while True:
        try:
            sparql(f"http://127.0.0.1:{port}", "ASK {}")
            return process
        except OSError:
            if process.poll() is not None or time.monotonic() > deadline:
                process.kill()
                raise AssertionError(process.communicate()) from None
            time.sleep(0.1)


def oxigraph_processes(port: int) -> list[int]:
    found = []
    for pid in os.listdir("/proc"):
        if not pid.isdigit():
            continue
        try:
            cmd = Path(f"/proc/{pid}/cmdline").read_bytes().split(b"\0")
        except OSError:
            continue
        if b"serve-read-only" in cmd and f"127.0.0.1:{port}".encode() in cmd:
            found.append(int(pid))
    return found


@pytest.fixture(scope="module")
def corpora(tmp_path_factory):
    root = tmp_path_factory.mktemp("serve")
    generate(root / "a", reports=3, per_report=12, seed=1, damaged=0.0)
    generate(root / "b", reports=4, per_report=20, seed=2, damaged=0.0)
    return root


def test_serve_answers_like_fynd_query_refuses_updates_and_moves_to_a_rebuild(corpora,
                                                                             runner):
    from graph.pipeline import build

    store = corpora / "store"
    build(corpora / "a", store)
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    process = start_serve(store, port)
    try:
        # The same rows as fynd query on the same store.
        served = sparql(url, COUNTS)
        local = runner.invoke(app, ["query", COUNTS, "--format", "csv", "--store", str(store)])
        assert local.exit_code == 0, local.output
        assert served == list(csv.DictReader(io.StringIO(local.stdout)))
        assert len(served) > 3
        # Read-only: an update is refused and changes nothing.
        update = urllib.request.Request(
            url + "/update", data=b"INSERT DATA { <http://a> <http://b> <http://c> }",
            headers={"Content-Type": "application/sparql-update"})
        with pytest.raises(urllib.error.HTTPError) as refused:
            urllib.request.urlopen(update, timeout=10)
        assert refused.value.code == 403
        assert sparql(url, COUNTS) == served

        # Rebuild meanwhile: every answer is all of one graph or all of the other.
        seen: list[object] = []
        done = threading.Event()

        def ask() -> None:
            while not done.is_set():
                try:
                    seen.append(tuple(tuple(r.values()) for r in sparql(url, COUNTS)))
                except OSError:
                    seen.append("refused")  # a brief refusal while the child restarts
                time.sleep(0.02)

        asking = threading.Thread(target=ask)
        asking.start()
        try:
            build(corpora / "b", store)
            after = list(csv.DictReader(io.StringIO(runner.invoke(
                app, ["query", COUNTS, "--format", "csv", "--store", str(store)]).stdout)))
            deadline = time.monotonic() + 20
            new = tuple(tuple(r.values()) for r in after)
            while (not seen or seen[-1] != new) and time.monotonic() < deadline:
                time.sleep(0.1)
        finally:
            done.set()
            asking.join()
        old = tuple(tuple(r.values()) for r in served)
        assert seen[-1] == new != old
        assert set(seen) <= {old, new, "refused"}, set(seen) - {old, new, "refused"}
        assert len(seen) > 5 and seen.count("refused") < len(seen) / 2
        child = oxigraph_processes(port)
        assert len(child) == 1
    finally:
        process.send_signal(signal.SIGINT)  # Ctrl-C
        out, err = process.communicate(timeout=20)
    assert process.returncode == 0, err
    assert "Serving" in out and "Stopping" in out
    assert oxigraph_processes(port) == []
    assert not list(corpora.glob(".store.serve-*"))  # no snapshot left behind


def test_sigterm_stops_the_server_with_no_orphan(corpora):
    from graph.pipeline import build

    store = corpora / "store-term"
    build(corpora / "a", store)
    port = free_port()
    process = start_serve(store, port)
    assert len(oxigraph_processes(port)) == 1
    process.terminate()
    process.communicate(timeout=20)
    assert oxigraph_processes(port) == []


def test_bad_options_are_one_line_errors(runner, tmp_path):
    result = runner.invoke(app, ["serve", "--bind", "7878", "--store", str(tmp_path)])
    assert result.exit_code == 2 and "--bind must be HOST:PORT" in result.output
    result = runner.invoke(app, ["serve", "--store", str(tmp_path / "none"),
                                 "--bind", f"127.0.0.1:{free_port()}"])
    assert result.exit_code != 0 and "no graph" in result.output

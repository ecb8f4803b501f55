"""``fynd build --jobs N``: documents read, repaired and extracted in worker processes give
the graph of the serial build, fail with its one-line error, and a killed or interrupted
parallel build leaves no worker behind and no debris."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from graph.cli import app

from .conftest import REPORTS, ROOT
from .small_reports import CATALOG, TEXT, debris, graph_hash, small_reports


def _build(runner, reports, store, *more):
    return runner.invoke(app, ["build", "--reports", str(reports), "--store", str(store),
                               *more])


def test_jobs_2_builds_the_graph_of_jobs_1_quad_for_quad(runner, tmp_path):
    from graph.pipeline import build

    steps: list[str] = []
    build(REPORTS, tmp_path / "parallel", lambda step, done, total: steps.append(step),
          jobs=2)
    assert "start 2 worker processes" in steps  # the pool did run
    serial = _build(runner, REPORTS, tmp_path / "serial", "--jobs", "1")
    assert serial.exit_code == 0, serial.output
    assert graph_hash(tmp_path / "parallel") == graph_hash(tmp_path / "serial")


def test_jobs_must_be_positive(runner, tmp_path):
    result = _build(runner, REPORTS, tmp_path / "store", "--jobs", "0")
    assert result.exit_code == 2
    assert "--jobs" in result.output
    assert not (tmp_path / "store").exists()


def _three_documents(where: Path, bad: bytes | None) -> Path:
    """The tiny reports with two more documents; the last holds *bad* bytes if given."""
    reports = small_reports(where)
    extra = ""
    for name in ("r2", "r3"):
        (reports / f"{name}.txt").write_text(TEXT.format(second="Följ upp målen årligen."),
                                             encoding="utf-8")
        extra += f'\n[[document]]\nfile = "{name}.txt"\nreport = "r1"\nversion = "short"\n'
    if bad is not None:
        (reports / "r3.txt").write_bytes(bad)
    (reports / "catalog.toml").write_text(CATALOG + extra, encoding="utf-8")
    return reports


def test_a_bad_document_in_a_worker_is_the_serial_one_line_error(runner, tmp_path):
    good = _three_documents(tmp_path / "good", None)
    store = tmp_path / "store"
    assert _build(runner, good, store, "--jobs", "2").exit_code == 0
    before = graph_hash(store)
    bad = _three_documents(tmp_path / "bad", "Risker\n\xff\xfe".encode("latin-1"))
    errors = []
    for jobs in ("2", "1"):
        result = _build(runner, bad, store, "--jobs", jobs)
        assert result.exit_code == 2, result.output
        assert "Traceback" not in result.output
        errors.append(result.stderr)
    assert errors[0] == errors[1]
    assert errors[0].count("\n") == 1 and errors[0].startswith("Error: ")
    assert "r3.txt: not UTF-8 text at byte 7" in errors[0]
    assert graph_hash(store) == before


def _workers(pid: int) -> set[int]:
    """The live worker processes *pid* spawned."""
    found = set()
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_text()
                command = (entry / "cmdline").read_bytes()
            except OSError:
                continue
            fields = stat.rsplit(")", 1)[1].split()
            if int(fields[1]) == pid and fields[0] != "Z" and b"spawn_main" in command:
                found.add(int(entry.name))
    return found


def _alive(pid: int) -> bool:
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return False
    return stat.rsplit(")", 1)[1].split()[0] != "Z"  # a zombie has ended


@pytest.fixture(scope="module")
def synthetic(tmp_path_factory) -> Path:
    """A synthetic series large enough that its documents take a few seconds."""
    from benchmarks.synth import generate

    out = tmp_path_factory.mktemp("synth") / "reports"
    generate(out, 12, 60, seed=3, damaged=0.5)
    return out


def _start(reports: Path, store: Path) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-c", "from graph.cli import app; app()", "build", "--reports",
         str(reports), "--store", str(store), "--jobs", "2"],
        cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        start_new_session=True)


def _workers_of(proc: subprocess.Popen) -> set[int]:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and proc.poll() is None:
        workers = _workers(proc.pid)
        if len(workers) >= 2:
            time.sleep(1.0)  # let them load the lexicon and take documents
            return workers
        time.sleep(0.05)
    pytest.fail("the build never started two workers")


def _gone(pids: set[int], within: float = 10.0) -> bool:
    deadline = time.monotonic() + within
    while time.monotonic() < deadline:
        if not any(_alive(p) for p in pids):
            return True
        time.sleep(0.05)
    return False


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="needs Linux /proc")
def test_a_killed_parallel_build_leaves_no_worker_and_no_debris(runner, tmp_path, synthetic):
    store = tmp_path / "store"
    proc = _start(synthetic, store)
    workers = _workers_of(proc)
    assert all(_alive(p) for p in workers)
    proc.kill()  # SIGKILL: the pool gets no chance to stop its workers
    proc.communicate()
    assert proc.returncode == -signal.SIGKILL
    assert _gone(workers), f"orphan workers: {[p for p in workers if _alive(p)]}"
    result = _build(runner, synthetic, store, "--jobs", "2")
    assert result.exit_code == 0, result.output
    assert debris(store) == []


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="needs Linux /proc")
def test_ctrl_c_stops_a_parallel_build_in_one_line(tmp_path, synthetic):
    proc = _start(synthetic, tmp_path / "store")
    workers = _workers_of(proc)
    assert all(_alive(p) for p in workers)
    os.killpg(proc.pid, signal.SIGINT)  # what a terminal sends to the whole group
    _, err = proc.communicate(timeout=60)
    assert proc.returncode == 130
    assert err.strip() == "Interrupted; nothing was changed.", err
    assert _gone(workers)
    assert not (tmp_path / "store").exists() or debris(tmp_path / "store") == []

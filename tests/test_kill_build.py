"""Kill ``fynd build`` with SIGKILL at 20 moments spread over the whole build, the swap
included; after each, ``fynd findings`` gives the old graph or the new one, whole, and the
next build leaves no debris.

Each build is the ``fynd build`` command (the Typer app) in a child forked from a
warmed-up process (tests/build_zygote.py), so the Swedish dictionary is loaded once rather
than twenty times.  Time-based kills are spread evenly over a measured build; the
instants of the swap, too short to hit by timing, are reached by ``$FYND_FAULT``, which
makes the store module kill its own process there.
"""

from __future__ import annotations

import contextlib
import gc
import json
import os
import signal
import subprocess
import sys
import time

from graph.cli import app
from graph.rdf.store import release_unused

from .conftest import REPORTS, ROOT
from .small_reports import debris, small_reports

#: The points of graph/rdf/store.py where $FYND_FAULT kills the build.
FAULTS = ("version-written", "version-renamed", "marker-written", "swapped", "collecting")


class Builds:
    """The warmed-up forking process and the builds it runs."""

    def __init__(self, warm_reports):
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "tests.build_zygote", str(warm_reports)], cwd=ROOT,
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
        assert self._line() == "ready"
        self.codes: list[int] = []
        self.duration: dict[str, float] = {}

    def _line(self) -> str:
        assert self.proc.stdout is not None
        return self.proc.stdout.readline().strip()

    def start(self, reports, store, fault: str | None = None) -> int:
        assert self.proc.stdin is not None
        self.proc.stdin.write(f"{reports} {store} {fault or '-'}\n")
        self.proc.stdin.flush()
        word, pid = self._line().split()
        assert word == "pid"
        return int(pid)

    def wait(self, pid: int) -> int:
        word, ended, code = self._line().split()
        assert word == "exit" and int(ended) == pid
        return int(code)

    def run(self, reports, store, fault: str | None = None) -> int:
        return self.wait(self.start(reports, store, fault))

    def timed(self, reports, store) -> None:
        """Run a whole build and take its duration as the expected one for *reports*."""
        started = time.monotonic()
        assert self.run(reports, store) == 0
        self.duration[str(reports)] = time.monotonic() - started

    def kill_at(self, reports, store, fraction: float) -> int:
        """Kill a build at *fraction* of its expected duration.  Under a varying load a
        build may end before its kill: then the estimate shrinks and the moment is tried
        again (the finished build is one more "next build" that must leave no debris)."""
        for _ in range(4):
            pid = self.start(reports, store)
            time.sleep(self.duration[str(reports)] * fraction)
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signal.SIGKILL)
            code = self.wait(pid)
            if code == -9:
                break
            self.duration[str(reports)] *= 0.7
            assert debris(store) == []
        self.codes.append(code)
        return code

    def close(self) -> None:
        self.proc.kill()
        self.proc.wait()


def _findings(runner, store) -> list[dict]:
    result = runner.invoke(app, ["findings", "--store", str(store), "--format", "json"])
    assert result.exit_code == 0, result.output
    gc.collect()
    release_unused()  # as the end of a `fynd findings` process would
    return json.loads(result.stdout)


def _complete_build(builds, runner, reports, store) -> list[dict]:
    assert builds.run(reports, store) == 0
    assert debris(store) == [], "the next build left debris"
    return _findings(runner, store)


def _round(builds, runner, store, old, new, kill) -> None:
    """Kill a build from *old* to *new*, check what readers see, then build *new* whole."""
    (_, old_findings), (new_reports, new_findings) = old, new
    kill(new_reports)
    seen = _findings(runner, store)
    assert seen in (old_findings, new_findings), "a reader saw a half-built graph"
    assert _complete_build(builds, runner, new_reports, store) == new_findings


def test_sigkill_at_twenty_moments_leaves_the_old_or_new_graph_whole(runner, tmp_path):
    a, b = small_reports(tmp_path / "a", 0), small_reports(tmp_path / "b", 1)
    builds = Builds(a)
    try:
        _twenty_kills(builds, runner, tmp_path, a, b)
    finally:
        builds.close()


def _twenty_kills(builds, runner, tmp_path, a, b):
    store = tmp_path / "store"
    findings_a = _complete_build(builds, runner, a, store)
    builds.timed(b, store)  # one small build, warm
    findings_b = _findings(runner, store)
    assert findings_a != findings_b
    sides = [(a, findings_a), (b, findings_b)]
    moments = 0
    # 12 kills spread evenly over a small build (reading, repair, extraction, writing
    # the new version, lineage, swap, collection).
    builds.duration[str(a)] = builds.duration[str(b)]
    for i in range(12):
        old, new = sides[i % 2], sides[(i + 1) % 2]
        _round(builds, runner, store, old, new,
               lambda r, f=(i + 0.5) / 12: builds.kill_at(r, store, f))
        moments += 1
    # 5 kills at the instants of the swap.
    for i, fault in enumerate(FAULTS):
        old, new = sides[i % 2], sides[(i + 1) % 2]
        if fault == "collecting":  # needs something to collect: what a kill left
            assert builds.run(new[0], store, "version-renamed") == -9
            old = (old[0], _findings(runner, store))
        _round(builds, runner, store, old, new,
               lambda r, fault=fault: builds.run(r, store, fault))
        moments += 1
    # 3 kills on the shipped corpus, early, in the middle and late, over the small graph;
    # the next build (of the small reports) must leave no debris.
    shipped = tmp_path / "shipped"
    builds.timed(REPORTS, shipped)
    findings_shipped = _findings(runner, shipped)
    for fraction in (0.2, 0.55, 0.9):
        assert _complete_build(builds, runner, a, shipped) == findings_a
        builds.kill_at(REPORTS, shipped, fraction)
        assert _findings(runner, shipped) in (findings_a, findings_shipped)
        moments += 1
    assert _complete_build(builds, runner, a, shipped) == findings_a
    assert moments == 20
    assert builds.codes == [-9] * 15, builds.codes  # every timed kill hit a running build

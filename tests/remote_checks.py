"""What every remote store must answer as the embedded one does: shared by the tests of
the real Oxigraph server (test_remote.py) and of Virtuoso (test_virtuoso.py)."""

from __future__ import annotations

import json
from pathlib import Path

from graph.cli import app


def run_ok(runner, *args: str, env: dict[str, str] | None = None) -> str:
    """Standard output of ``fynd ARGS``, which must exit 0."""
    result = runner.invoke(app, list(args), env=env)
    assert result.exit_code == 0, result.output
    return result.stdout


def assert_same_trends(runner, store_path: Path, url: str) -> None:
    """``fynd trends`` (text and JSON) from *url* is the embedded store's report."""
    for fmt in ("text", "json"):
        local = run_ok(runner, "trends", "--format", fmt, "--store", str(store_path))
        remote = run_ok(runner, "trends", "--format", fmt, "--store", url)
        assert remote == local and len(local) > 500


def assert_same_findings(runner, store_path: Path, url: str) -> None:
    """``fynd findings --format json`` from *url* gives the embedded store's rows."""
    local = json.loads(run_ok(runner, "findings", "--format", "json", "--store",
                              str(store_path)))
    remote = json.loads(run_ok(runner, "findings", "--format", "json", "--store", url))
    assert remote == local and len(local) > 50

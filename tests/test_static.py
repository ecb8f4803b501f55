"""Static checks as tests, so the one test command also types and lints the package."""

from __future__ import annotations

import subprocess
import sys

from .conftest import ROOT


def test_mypy_finds_no_type_errors():
    from mypy import api

    out, err, status = api.run(["--config-file", str(ROOT / "pyproject.toml")])
    assert status == 0, out + err


def test_ruff_finds_no_lint_errors():
    result = subprocess.run([sys.executable, "-m", "ruff", "check", "graph", "tests",
                             "benchmarks"], cwd=ROOT, capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stdout + result.stderr


def test_fynd_help_imports_no_heavy_module():
    code = ("import sys; from typer.testing import CliRunner; from graph.cli import app; "
            "CliRunner().invoke(app, ['--help']); "
            "heavy = [m for m in ('rdflib', 'networkx', 'pyvis', 'pyshacl', 'scipy', 'matplotlib', "
            "'sklearn', 'spylls', 'wordfreq') if m in sys.modules]; print(heavy)")
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, check=False,
                            text=True)
    assert result.stdout.strip() == "[]", result.stdout + result.stderr


def test_importing_the_cli_loads_no_lexicon_library():
    # libhunspell (chunspell's module is "hunspell"), the cache's platformdirs and numpy
    # (the trigram table) are for building and repairing only
    code = ("import sys, graph.cli; print([m for m in ('hunspell', 'platformdirs', 'numpy', "
            "'spylls', 'wordfreq') if m in sys.modules])")
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True,
                            check=False, text=True)
    assert result.stdout.strip() == "[]", result.stdout + result.stderr

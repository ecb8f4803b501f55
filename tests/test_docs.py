"""The docs tell the truth: README's commands match the CLI, and its test command is CI's."""

from __future__ import annotations

import re

from graph.cli import app

from .conftest import ROOT

README = (ROOT / "README.md").read_text(encoding="utf-8")


def _cli_commands() -> set[str]:
    from typer.main import get_command

    return set(get_command(app).commands)  # type: ignore[attr-defined]


def test_readme_lists_every_command_and_no_other():
    table = README.split("<!-- commands:", 1)[1].split("\n\n", 1)[0]
    listed = set(re.findall(r"^\| `fynd (\w+)`", table, flags=re.MULTILINE))
    assert listed == _cli_commands()


def test_every_command_has_help_text(runner):
    for name in _cli_commands():
        result = runner.invoke(app, [name, "--help"])
        assert result.exit_code == 0, name
        assert len(result.stdout.split("Options")[0].strip()) > 40, name


def test_ci_runs_the_readme_test_command():
    setup = README.split("## Set-up", 1)[1].split("```sh", 1)[1].split("```", 1)[0]
    commands = [line for line in setup.splitlines() if line and not line.startswith("#")]
    assert len(commands) == 2, commands
    assert "fynd build" in commands[0]
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert commands[1] in ci


def test_readme_names_the_default_store():
    from graph.rdf.store import DEFAULT_STORE

    assert f"`{DEFAULT_STORE}`" in README


def test_readme_examples_print_what_the_commands_print(store_path):
    """Each README example is the command's real output (python -m tests.readme_examples)."""
    from .readme_examples import examples, run

    found = examples(README)
    assert len(found) >= 3
    for command, shown in found:
        assert run(command, store_path) == shown, f"README example out of date: {command}"


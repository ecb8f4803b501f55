"""README examples with output: generated from the commands' real output, checked by a test.

An example in ``README.md`` is a command between markers, followed by what it prints::

    <!-- output: fynd query --name counts --format md -->
    | report | year | ... |
    <!-- end output -->

Markdown output (``--format md``) is inserted as is, so the README renders it as a
table; any other output goes in a ``text`` code block.  ``tests/test_docs.py`` runs every
example against the shipped corpus and compares; after a change that alters what a
command prints, regenerate them::

    python -m tests.readme_examples          # builds the shipped corpus into a temp store
"""

from __future__ import annotations

import re
import shlex
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
README = ROOT / "README.md"
EXAMPLE = re.compile(r"(<!-- output: (fynd [^\n]*?) -->\n)"
                     r"((?:(?!<!-- output:).)*?)(<!-- end output -->)", re.DOTALL)


def examples(text: str) -> list[tuple[str, str]]:
    """``(command, shown output)`` of every example in *text*, the output unfenced."""
    return [(m.group(2), _unfence(m.group(3))) for m in EXAMPLE.finditer(text)]


def _unfence(block: str) -> str:
    block = block.strip("\n")
    if block.startswith("```"):
        block = block.split("\n", 1)[1].rsplit("```", 1)[0]
    return block.strip("\n")


def _fence(command: str, output: str) -> str:
    return output if "--format md" in command else f"```text\n{output}\n```"


def run(command: str, store: Path) -> str:
    """What *command* (``fynd ...``) prints on standard output with the graph at *store*."""
    from typer.testing import CliRunner

    from graph.cli import app

    args = shlex.split(command)[1:] + ["--store", str(store)]
    result = CliRunner().invoke(app, args)
    if result.exit_code != 0:
        raise RuntimeError(f"{command}: exit {result.exit_code}: {result.output}")
    return result.stdout.strip("\n")


def regenerate(text: str, store: Path) -> str:
    """*text* with every example's output replaced by the command's real output."""
    return EXAMPLE.sub(lambda m: m.group(1) + _fence(m.group(2), run(m.group(2), store))
                       + "\n" + m.group(4), text)


def main() -> int:
    from graph.pipeline import build

    with tempfile.TemporaryDirectory() as tmp:
        store = Path(tmp) / "store"
        build(ROOT / "data" / "reports", store)
        text = README.read_text(encoding="utf-8")
        new = regenerate(text, store)
        if new != text:
            README.write_text(new, encoding="utf-8")
        print(f"{len(examples(new))} examples, README {'updated' if new != text else 'unchanged'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""The ``fynd`` command line: argument parsing and output formatting only.

Every command calls one library function and formats its result; ``app`` holds the
shared options and turns library errors into one line.  Each module registers its
commands on import, in the order ``fynd --help`` lists them.
"""

from graph.cli import add, analyse, build, read, server, view  # noqa: F401  (registers the commands)
from graph.cli.app import app

__all__ = ["app"]

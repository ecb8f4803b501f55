"""The one exception tree of fynd.

The library raises these; only the CLI turns them into a one-line ``Error: ...``
and an exit code (2 for bad input or usage, 1 for a failed check).

>>> issubclass(CatalogError, InputError) and issubclass(InputError, FyndError)
True
>>> str(CatalogError("bad value", path="c.toml", line=3, column=7))
'c.toml:3:7: bad value'
"""

from __future__ import annotations

import re


class FyndError(Exception):
    """Base class of every error fynd raises on purpose.

    Parameters
    ----------
    message
        What went wrong, in one line.
    path, line, column
        Where, when the error is about a place in a file (1-based line and column).
    """

    exit_code = 2

    def __init__(
        self,
        message: str,
        *,
        path: str | None = None,
        line: int | None = None,
        column: int | None = None,
    ) -> None:
        super().__init__(message)
        self.message = message
        self.path = path
        self.line = line
        self.column = column

    def __str__(self) -> str:
        where = ":".join(str(p) for p in (self.path, self.line, self.column) if p is not None)
        return f"{where}: {self.message}" if where else self.message


class InputError(FyndError):
    """The user's input (files, arguments) is missing or malformed."""


class CatalogError(InputError):
    """The report catalog is missing, malformed or inconsistent."""


class ReportFileError(InputError):
    """A report file listed in the catalog cannot be read."""


class QueryError(InputError):
    """A SPARQL query is malformed, or a named query does not exist."""


class StoreError(FyndError):
    """The graph store is missing, locked or cannot be written."""


class CurationError(InputError):
    """The curation file is malformed or names findings that do not exist."""


class CheckFailed(FyndError):
    """A check ran and failed (e.g. the graph does not conform to the shapes)."""

    exit_code = 1


def toml_error(exc: Exception, path: str, kind: type[FyndError]) -> FyndError:
    """A *kind* error for a ``tomllib.TOMLDecodeError``, with its line and column moved
    from the message ("... (at line 3, column 7)") to the place.

    >>> import tomllib
    >>> try:
    ...     tomllib.loads('a = 1\\nb = = 2')
    ... except tomllib.TOMLDecodeError as exc:
    ...     print(toml_error(exc, "c.toml", CatalogError))
    c.toml:2:5: Invalid value
    """
    message = str(exc)
    place = re.search(r"\(at line (\d+), column (\d+)\)", message)
    if place is None:
        return kind(message, path=path)
    return kind(message[: place.start()].strip(), path=path, line=int(place[1]),
                column=int(place[2]))

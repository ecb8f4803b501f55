"""The input layout: a directory of report files and the ``catalog.toml`` that lists them.

A catalog has one ``[[report]]`` table per report of the series and one
``[[document]]`` table per file.  A document inherits its report's title,
date, authors and publisher unless it sets its own.  Example::

    [[report]]
    id = "d1"
    title = "Delrapport 1"
    issued = 2022-06-30          # a TOML date, or "2022" / "2022-06" as a string
    series = 1                   # place in the series; two reports may share a year
    programme = "Sörmland"       # optional: reports of one programme form one series
    authors = ["Osman Aytar", "Lina Larsson"]
    publisher = "FoU i Sörmland"

    [[document]]
    file = "d1-full.txt"         # .txt or .pdf, relative to the catalog
    report = "d1"
    version = "full"             # or "short"
    language = "sv"              # a profile in graph/lang/; detected when left out

    [[document]]
    file = "d1-short.txt"        # id defaults to the file name without extension
    report = "d1"
    version = "short"
    restates = "d1-full"         # the full document a short version restates
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path, PurePosixPath

from graph.errors import CatalogError, toml_error
from graph.ingest.read import text_limit

CATALOG_NAME = "catalog.toml"
VERSIONS = ("full", "short")
_ISSUED = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")
_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]*$")


@dataclass(frozen=True)
class Report:
    """One report of the series (which may be published as several documents)."""

    id: str
    title: str
    issued: str
    series: int
    authors: tuple[str, ...] = ()
    publisher: str = ""
    #: The programme (series) the report belongs to; "" = the catalog's one series.
    programme: str = ""

    @property
    def year(self) -> int:
        """The year the report was issued.

        >>> Report("d1", "T", "2022-06-30", 1).year
        2022
        """
        return int(self.issued[:4])


@dataclass(frozen=True)
class Document:
    """One file of a report: its full text or a short version of it."""

    id: str
    path: Path
    report: Report
    title: str
    version: str
    language: str = "sv"
    restates: str | None = None
    authors: tuple[str, ...] = ()
    publisher: str = ""

    @property
    def issued(self) -> str:
        """The date the document's report was issued (ISO 8601, as precise as known)."""
        return self.report.issued


@dataclass(frozen=True)
class Catalog:
    """A validated catalog: reports in series order, documents in catalog order."""

    path: Path
    reports: tuple[Report, ...]
    documents: tuple[Document, ...] = field(default=())
    #: The most bytes of text one document may hold (:func:`graph.ingest.read.text_limit`).
    max_text_bytes: int | None = None

    def document(self, doc_id: str) -> Document:
        """Return the document with id *doc_id*.

        Raises
        ------
        CatalogError
            If no document has that id.
        """
        for doc in self.documents:
            if doc.id == doc_id:
                return doc
        known = ", ".join(d.id for d in self.documents)
        raise CatalogError(f"no document {doc_id!r} in the catalog (known: {known})")


def _issued(value: object, where: str, path: Path) -> str:
    """*value* as an ISO date string, checked to be a real date.

    >>> _issued("2023-02", "report 1", Path("c.toml"))
    '2023-02'
    >>> _issued("2023-13-45", "report 1", Path("c.toml"))
    Traceback (most recent call last):
    graph.errors.CatalogError: c.toml: report 1: 'issued' is not a real date: '2023-13-45'
    """
    if isinstance(value, datetime):
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, int) and 1000 <= value <= 9999:
        return str(value)
    if isinstance(value, str) and _ISSUED.match(value):
        parts = [int(p) for p in value.split("-")]
        try:
            date(parts[0], parts[1] if len(parts) > 1 else 1, parts[2] if len(parts) > 2 else 1)
        except ValueError:
            raise CatalogError(f"{where}: 'issued' is not a real date: {value!r}",
                               path=str(path)) from None
        return value
    raise CatalogError(f"{where}: 'issued' must be a date, a year or YYYY-MM, not {value!r}",
                       path=str(path))


def confined(directory: Path, file: str, where: str, catalog: Path) -> Path:
    """The path of *file* (as the catalog names it) inside *directory*.

    Symbolic links are resolved first; what they lead to must be a regular file inside
    the reports directory.

    Raises
    ------
    CatalogError
        For an absolute path, a ``..`` component, a path (or link) that leads outside
        the directory, a missing file or one that is not a regular file.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> d = pathlib.Path(tempfile.mkdtemp())
    >>> _ = (d / "a.txt").write_text("text")
    >>> confined(d, "a.txt", "document 1", d / "catalog.toml").name
    'a.txt'
    >>> confined(d, "../secret.txt", "document 1", d / "catalog.toml")
    Traceback (most recent call last):
    graph.errors.CatalogError: .../catalog.toml: document 1: file '../secret.txt' is outside the reports directory ('..' is not allowed)
    """
    if PurePosixPath(file).is_absolute() or Path(file).is_absolute():
        raise CatalogError(f"{where}: file {file!r} is an absolute path; name it relative to "
                           "the reports directory", path=str(catalog))
    if ".." in Path(file).parts:
        raise CatalogError(f"{where}: file {file!r} is outside the reports directory "
                           "('..' is not allowed)", path=str(catalog))
    box = directory.resolve()
    real = (directory / file).resolve()
    if not real.is_relative_to(box):
        raise CatalogError(f"{where}: file {file!r} leads outside the reports directory "
                           f"(a symbolic link to {real})", path=str(catalog))
    if not real.exists():
        raise CatalogError(f"{where}: file not found: {file}", path=str(catalog))
    if not real.is_file():
        raise CatalogError(f"{where}: {file!r} is not a regular file", path=str(catalog))
    return directory / file


def _check_size(file_path: Path, limit: int, where: str, catalog: Path) -> None:
    if file_path.suffix.lower() == ".pdf":
        return  # its text is measured as it is extracted (graph.ingest.read)
    size = file_path.stat().st_size
    if size > limit:
        raise CatalogError(f"{where}: {file_path.name} holds {size / 1e6:.1f} MB of text, more "
                           f"than the limit of {limit / 1e6:g} MB per document (raise it with "
                           "--max-text-mb or $FYND_MAX_TEXT_MB)", path=str(catalog))


def _require(table: dict, key: str, kind: type, where: str, path: Path) -> object:
    if key not in table:
        raise CatalogError(f"{where}: missing key {key!r}", path=str(path))
    value = table[key]
    if not isinstance(value, kind):
        raise CatalogError(f"{where}: {key!r} must be a {kind.__name__}, not {value!r}",
                           path=str(path))
    return value


def _check_id(value: str, where: str, path: Path) -> str:
    if not _ID.match(value):
        raise CatalogError(f"{where}: id {value!r} must be letters, digits, '.', '_' or '-'",
                           path=str(path))
    return value


def load_catalog(directory: str | Path, *, max_text_mb: float | None = None) -> Catalog:
    """Read and validate ``catalog.toml`` in *directory*.

    Every file must lie inside *directory* (symbolic links resolved first, no absolute
    paths, no ``..``), every date must be a real date, and no text file may exceed the
    size limit.

    Parameters
    ----------
    directory
        A directory holding ``catalog.toml`` and the report files it lists.
    max_text_mb
        The most text one document may hold, in MB (default ``$FYND_MAX_TEXT_MB`` or 20).

    Returns
    -------
    Catalog
        Reports sorted by their place in the series, documents in catalog order.

    Raises
    ------
    CatalogError
        If the directory or catalog is missing, the TOML is malformed (with line and
        column), a key is missing, a reference does not resolve, a file lies outside
        the directory, a date is not a real date or a file is over the size limit.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> d = pathlib.Path(tempfile.mkdtemp())
    >>> _ = (d / "a.txt").write_text("text")
    >>> _ = (d / "catalog.toml").write_text('''
    ... [[report]]
    ... id = "r1"
    ... title = "Report one"
    ... issued = 2022
    ... series = 1
    ... [[document]]
    ... file = "a.txt"
    ... report = "r1"
    ... version = "full"
    ... ''')
    >>> cat = load_catalog(d)
    >>> [(doc.id, doc.report.id, doc.report.year) for doc in cat.documents]
    [('a', 'r1', 2022)]
    """
    directory = Path(directory)
    path = directory / CATALOG_NAME
    limit = text_limit(max_text_mb)
    if not directory.is_dir():
        raise CatalogError("reports directory not found", path=str(directory))
    if not path.is_file():
        raise CatalogError(f"no {CATALOG_NAME} in the reports directory", path=str(directory))
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except UnicodeDecodeError as exc:
        raise CatalogError(f"not UTF-8 text ({exc.reason})", path=str(path)) from None
    except tomllib.TOMLDecodeError as exc:
        raise toml_error(exc, str(path), CatalogError) from None

    reports: dict[str, Report] = {}
    for i, table in enumerate(data.get("report", []), 1):
        where = f"report {i}"
        rid = _check_id(str(_require(table, "id", str, where, path)), where, path)
        if rid in reports:
            raise CatalogError(f"{where}: duplicate report id {rid!r}", path=str(path))
        if "issued" not in table:
            raise CatalogError(f"{where}: missing key 'issued'", path=str(path))
        reports[rid] = Report(
            id=rid,
            title=str(_require(table, "title", str, where, path)),
            issued=_issued(table["issued"], where, path),
            series=int(_require(table, "series", int, where, path)),  # type: ignore[call-overload]
            authors=tuple(table.get("authors", ())),
            publisher=str(table.get("publisher", "")),
            programme=str(table.get("programme", "")),
        )
    if not reports:
        raise CatalogError("no [[report]] tables", path=str(path))

    documents: dict[str, Document] = {}
    for i, table in enumerate(data.get("document", []), 1):
        where = f"document {i}"
        file = str(_require(table, "file", str, where, path))
        doc_id = _check_id(str(table.get("id", Path(file).stem)), where, path)
        where = f"document {i} ({doc_id})"
        if doc_id in documents:
            raise CatalogError(f"{where}: duplicate document id", path=str(path))
        rid = str(_require(table, "report", str, where, path))
        if rid not in reports:
            raise CatalogError(f"{where}: unknown report {rid!r}", path=str(path))
        version = str(table.get("version", "full"))
        if version not in VERSIONS:
            raise CatalogError(f"{where}: version must be 'full' or 'short', not {version!r}",
                               path=str(path))
        report = reports[rid]
        file_path = confined(directory, file, where, path)
        _check_size(file_path, limit, where, path)
        documents[doc_id] = Document(
            id=doc_id,
            path=file_path,
            report=report,
            title=str(table.get("title", report.title)),
            version=version,
            language=str(table.get("language", "")),   # "": not given, detected later
            restates=table.get("restates"),
            authors=tuple(table.get("authors", report.authors)),
            publisher=str(table.get("publisher", report.publisher)),
        )
    if not documents:
        raise CatalogError("no [[document]] tables", path=str(path))
    for doc in documents.values():
        if doc.restates is None:
            continue
        full = documents.get(doc.restates)
        if full is None or full.report.id != doc.report.id or full.version != "full":
            raise CatalogError(
                f"document {doc.id}: 'restates' must name a full document of the same report,"
                f" not {doc.restates!r}", path=str(path))
    ordered = tuple(sorted(reports.values(), key=lambda r: (r.series, r.issued, r.id)))
    return Catalog(path=path, reports=ordered, documents=tuple(documents.values()),
                   max_text_bytes=limit)

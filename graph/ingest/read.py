"""Getting text out of report files: plain text as it is, PDF through pypdf.

PDF pages are joined by a line holding a form feed (``\\f``), so that a page break
also breaks the line and offsets can be traced back to a page: :func:`page_of` tells
which page an offset of the extracted text stands on.

A document may hold at most :func:`text_limit` bytes of text (20 MB unless
``$FYND_MAX_TEXT_MB`` or ``fynd build --max-text-mb`` says otherwise): a text file is
measured before it is read, a PDF page by page as its text is extracted.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

from graph.errors import InputError, ReportFileError

PAGE_BREAK = "\f"
#: The default most text one document may hold, in MB (10**6 bytes of UTF-8).
MAX_TEXT_MB = 20.0


def text_limit(max_text_mb: float | None = None) -> int:
    """The most bytes of text one document may hold: *max_text_mb*, else
    ``$FYND_MAX_TEXT_MB``, else :data:`MAX_TEXT_MB`.

    >>> text_limit(), text_limit(0.5)
    (20000000, 500000)

    Raises
    ------
    InputError
        If the limit is not a positive number.
    """
    if max_text_mb is None:
        env = os.environ.get("FYND_MAX_TEXT_MB")
        try:
            max_text_mb = float(env) if env else MAX_TEXT_MB
        except ValueError:
            raise InputError(f"$FYND_MAX_TEXT_MB must be a number of MB, not {env!r}") from None
    if not max_text_mb > 0:
        raise InputError(f"the text limit must be a positive number of MB, not {max_text_mb}")
    return int(max_text_mb * 1_000_000)


def _too_big(path: Path, size: int, limit: int) -> ReportFileError:
    return ReportFileError(f"{size / 1e6:.1f} MB of text, more than the limit of "
                           f"{limit / 1e6:g} MB per document (raise it with --max-text-mb or "
                           "$FYND_MAX_TEXT_MB)", path=str(path))


def empty_warning(path: str | Path, text: str, findings: int) -> str | None:
    """The warning for a document that yields no text or no finding, else None.

    >>> empty_warning("scan.pdf", "\\n\\f\\n", 0)
    'scan.pdf: no text could be extracted (a PDF without a text layer: run OCR on it first, e.g. ocrmypdf); no findings from it'
    >>> empty_warning("a.txt", "Inledning", 0)
    'a.txt: no findings in this document (no heading or cue fynd knows)'
    >>> empty_warning("a.txt", "Risker", 3) is None
    True
    """
    name = Path(path).name
    if not text.strip():
        if Path(path).suffix.lower() == ".pdf":
            return (f"{name}: no text could be extracted (a PDF without a text layer: run OCR "
                    "on it first, e.g. ocrmypdf); no findings from it")
        return f"{name}: the document is empty; no findings from it"
    if findings == 0:
        return f"{name}: no findings in this document (no heading or cue fynd knows)"
    return None


def read_text(path: str | Path, limit: int | None = None) -> str:
    """The extracted text of a ``.txt`` (UTF-8) or ``.pdf`` report file.

    Parameters
    ----------
    path
        The file.
    limit
        The most bytes of text it may hold (default :func:`text_limit`).

    Raises
    ------
    ReportFileError
        If the file is missing, not UTF-8, not a readable PDF, of another kind, or holds
        more text than *limit*.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> p = pathlib.Path(tempfile.mkdtemp()) / "r.txt"
    >>> _ = p.write_text("Risker\\n• Omsättning", encoding="utf-8")
    >>> read_text(p)
    'Risker\\n• Omsättning'
    >>> read_text(p.with_suffix(".doc"))
    Traceback (most recent call last):
    graph.errors.ReportFileError: .../r.doc: file not found
    """
    path = Path(path)
    if not path.is_file():
        raise ReportFileError("file not found", path=str(path))
    limit = text_limit() if limit is None else limit
    suffix = path.suffix.lower()
    if suffix == ".pdf":
        return _read_pdf(path, limit)
    if suffix not in (".txt", ".text", ".md"):
        raise ReportFileError(f"unsupported file type {suffix!r} (use .txt or .pdf)",
                              path=str(path))
    size = path.stat().st_size
    if size > limit:
        raise _too_big(path, size, limit)
    try:
        return path.read_text(encoding="utf-8").replace("\r\n", "\n")
    except UnicodeDecodeError as exc:
        raise ReportFileError(f"not UTF-8 text at byte {exc.start}", path=str(path)) from None


def _read_pdf(path: Path, limit: int) -> str:
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    pages, size = [], 0
    try:
        reader = PdfReader(str(path))
        for page in reader.pages:
            pages.append(_page_text(page))
            size += len(pages[-1].encode("utf-8")) + 3
            if size > limit:
                raise _too_big(path, size, limit)
    except (PdfReadError, OSError, ValueError) as exc:
        raise ReportFileError(f"cannot read PDF: {exc}", path=str(path)) from None
    return f"\n{PAGE_BREAK}\n".join(pages)


#: A row of an aligned table in pypdf's layout mode: 3+ cells apart by 3+ spaces.
_ALIGNED_ROW = re.compile(r"^\s*\S.*?\S {3,}\S.*?\S {3,}\S")


def _page_text(page) -> str:  # type: ignore[no-untyped-def]
    """A page's text: pypdf's reading order, or its layout mode for a page with a table.

    pypdf's default mode joins a table's cells with single spaces, losing its columns;
    the layout mode keeps them apart by spaces but pads the page with blank lines.  A
    page whose layout text has three aligned rows of three cells or more is read in
    layout mode, its lines' trailing spaces and runs of blank lines dropped.
    """
    plain = page.extract_text() or ""
    try:
        layout = page.extract_text(extraction_mode="layout") or ""
    except Exception:  # noqa: BLE001 - layout mode is a refinement; plain text will do
        return plain
    lines = layout.split("\n")
    run = best = 0
    for line in lines:
        run = run + 1 if _ALIGNED_ROW.match(line) else 0
        best = max(best, run)
    if best < 3:
        return plain
    tidy = re.sub(r"\n{3,}", "\n\n", "\n".join(line.rstrip() for line in lines))
    return tidy.strip("\n")


def page_of(text: str, offset: int) -> int:
    """The 1-based page of *offset* in text whose pages are joined by form feeds.

    >>> page_of("one\\ftwo", 5)
    2
    """
    return text.count(PAGE_BREAK, 0, offset) + 1

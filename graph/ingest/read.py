"""Getting text out of report files: plain text as it is, PDF through pypdf.

PDF pages are joined by a line holding a form feed (``\\f``), so that a page break
also breaks the line and offsets can be traced back to a page: :func:`page_of` tells
which page an offset of the extracted text stands on.
"""

from __future__ import annotations

import re
from pathlib import Path

from graph.errors import ReportFileError

PAGE_BREAK = "\f"


def read_text(path: str | Path) -> str:
    """The extracted text of a ``.txt`` (UTF-8) or ``.pdf`` report file.

    Raises
    ------
    ReportFileError
        If the file is missing, not UTF-8, not a readable PDF, or of another kind.

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
    suffix = path.suffix.lower()
    if suffix == ".pdf":
        return _read_pdf(path)
    if suffix not in (".txt", ".text", ".md"):
        raise ReportFileError(f"unsupported file type {suffix!r} (use .txt or .pdf)",
                              path=str(path))
    try:
        return path.read_text(encoding="utf-8").replace("\r\n", "\n")
    except UnicodeDecodeError as exc:
        raise ReportFileError(f"not UTF-8 text at byte {exc.start}", path=str(path)) from None


def _read_pdf(path: Path) -> str:
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    try:
        reader = PdfReader(str(path))
        pages = [_page_text(page) for page in reader.pages]
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

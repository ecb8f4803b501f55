"""Getting text out of report files: plain text as it is, PDF through pypdf.

PDF pages are joined by a line holding a form feed (``\\f``), so that a page break
also breaks the line and offsets can be traced back to a page: :func:`page_of` tells
which page an offset of the extracted text stands on.
"""

from __future__ import annotations

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
        pages = [page.extract_text() or "" for page in reader.pages]
    except (PdfReadError, OSError, ValueError) as exc:
        raise ReportFileError(f"cannot read PDF: {exc}", path=str(path)) from None
    return f"\n{PAGE_BREAK}\n".join(pages)


def page_of(text: str, offset: int) -> int:
    """The 1-based page of *offset* in text whose pages are joined by form feeds.

    >>> page_of("one\\ftwo", 5)
    2
    """
    return text.count(PAGE_BREAK, 0, offset) + 1

"""Tables of repaired text: rows of cells separated by tabs or by runs of spaces.

A table is read column-wise later (each non-empty cell is one item of its column).
Tab-separated cells take their column from their place in the row; space-aligned cells
(as pypdf extracts a table) from the header cell whose start column is nearest.  A
short interruption (a footnote, with or without a superscript; a page break; the
header repeated on a new page) is carried over when the row after it has the same
columns; a cell that starts in lower case continues the cell above it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

#: How many non-blank lines may interrupt a table and be carried over.
INTERRUPTION = 3
#: Cells of a space-aligned row are separated by this many spaces or more.
SPACE_GAP = re.compile(r" {2,}|\t")
TOC_PAGE = re.compile(r"^[\divxlcdm]+$", re.IGNORECASE)


@dataclass
class Cell:
    start: int          # offset in the text
    end: int
    column: int         # character column within its line


def cells(text: str, start: int = 0) -> list[Cell]:
    """The cells of one line (separated by tabs, else by 2+ spaces), with their offsets.

    >>> [(c.start, c.end, c.column) for c in cells("Ett  två    tre")]
    [(0, 3, 0), (5, 8, 5), (12, 15, 12)]
    """
    out, pos = [], 0
    for part in SPACE_GAP.split(text) if "\t" not in text else text.split("\t"):
        at = text.index(part, pos) if part else pos
        lead = len(part) - len(part.lstrip())
        body = part.strip()
        out.append(Cell(start + at + lead, start + at + lead + len(body), at + lead))
        pos = at + len(part)
    return out


def is_toc_line(line: str) -> bool:
    """A table-of-contents line: a title, dot leaders or a gap, and a page number.

    >>> is_toc_line("Risker och hinder.....  8"), is_toc_line("Risker\\tTid")
    (True, False)
    """
    parts = [c for c in re.split(r"\t| {2,}", line.strip()) if c]
    if len(parts) >= 2 and all(TOC_PAGE.match(c) for c in parts[1:]):
        return True
    return bool(re.search(r"\.{4,}\s*[\divxlc]*\s*$", line, re.IGNORECASE))


def is_tab_row(line: str) -> bool:
    """A row of a tab-separated table."""
    return "\t" in line and not is_toc_line(line) and any(c.strip() for c in line.split("\t"))


def is_space_row(line: str, min_cells: int = 2) -> bool:
    """A line of 2+ cells separated by runs of 2+ spaces (not indentation alone).

    >>> is_space_row("Styrkor    Risker"), is_space_row("    Styrkor"), is_space_row("a b")
    (True, False, False)
    """
    if "\t" in line or is_toc_line(line):
        return False
    return len([c for c in SPACE_GAP.split(line.strip()) if c]) >= min_cells


def column_of(cell: Cell, starts: list[int], tabbed: bool, index: int) -> int:
    """The header column a cell belongs to: its place (tabs) or the nearest start."""
    if tabbed:
        return index
    return min(range(len(starts)), key=lambda k: abs(starts[k] - cell.column))

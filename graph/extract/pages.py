"""Page furniture: running headers and footers, page numbers and print stamps.

Text extracted from a PDF has its pages joined by a line holding a form feed
(:data:`graph.ingest.read.PAGE_BREAK`).  The lines at the top and bottom of a page that
repeat on other pages (digits aside: "Rapport 2025:4 | 7"), bare page numbers and a
browser's print stamp ("2024-05-03 14:22 Title", "https://... 3/12") are furniture:
layout skips them as it skips blank lines, so the text and its offsets stay as they are
while no label carries a page header or runs on through one.
"""

from __future__ import annotations

import re
from collections import Counter

#: How many non-blank lines at the top and at the bottom of a page may be furniture.
EDGE = 3
#: A line is a running header or footer when it stands at a page edge on this share
#: of the pages, and on three pages at least (a table header repeated once on the next
#: page is the table's, not the page's).
REPEATED_SHARE = 0.3
REPEATED_MIN = 3
PAGE_NUMBER = re.compile(
    r"^\s*(?:page|sida|sid\.|s\.|p\.)?\s*[-–]?\s*\d{1,4}\s*[-–]?\s*"
    r"(?:(?:/|av|of|\|)\s*\d{1,4})?\s*$", re.IGNORECASE)
PRINT_STAMP = re.compile(
    r"^\s*\d{1,4}[-./]\d{1,2}[-./]\d{1,4},?\s+\d{1,2}[:.]\d{2}"      # 2024-05-03 14:22
    r"|https?://\S+\s+\d{1,4}\s*/\s*\d{1,4}\s*$"                     # url 3/12
    r"|^\s*https?://\S+\s*$", re.IGNORECASE)


def _key(line: str) -> str:
    return re.sub(r"\d+", "#", " ".join(line.split()).lower())


def furniture(lines: list[str]) -> set[int]:
    """Indices of the lines of paged text that are page furniture.

    Parameters
    ----------
    lines
        The lines of the text (``text.split("\\n")``); a line holding ``\\f`` breaks pages.

    Returns
    -------
    set of int
        Running headers and footers, page numbers and print stamps at page edges.
        Text with a single page has none.

    Examples
    --------
    >>> pages = ["Rapport 1 | 2\\nRisker\\n• Tid\\n1", "Rapport 1 | 3\\n• Pengar\\n2",
    ...          "Rapport 1 | 4\\nSlut.\\n3"]
    >>> sorted(furniture("\\n\\f\\n".join(pages).split("\\n")))
    [0, 3, 5, 7, 9, 11]
    """
    pages: list[list[int]] = [[]]
    for i, line in enumerate(lines):
        if "\f" in line:
            pages.append([])
        elif line.strip():
            pages[-1].append(i)
    pages = [p for p in pages if p]
    if len(pages) < 2:
        return set()
    edges = [set(p[:EDGE]) | set(p[-EDGE:]) for p in pages]
    seen: Counter[str] = Counter()
    for edge in edges:
        seen.update({_key(lines[i]) for i in edge})
    needed = max(REPEATED_MIN, int(REPEATED_SHARE * len(pages) + 0.999))
    out = set()
    for edge in edges:
        for i in edge:
            text = lines[i]
            if seen[_key(text)] >= needed and len(text.strip()) <= 120 \
                    or PAGE_NUMBER.match(text) or PRINT_STAMP.search(text):
                out.add(i)
    return out

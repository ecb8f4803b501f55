"""Layout blocks of repaired text: headings, paragraphs, lists, tables, boxes.

* **Page furniture** (running headers and footers, page numbers, print stamps; see
  :mod:`graph.extract.pages`) and page breaks are skipped like blank lines, so offsets
  stay those of the text.
* A **heading** is a short line that opens a block, starts with a capital letter and
  does not end like a sentence (or a line in capitals); a numbered line of that shape
  ("4. Rekommendationer", "4.2 Risker") that no item follows is a heading too.  A
  numbered type heading ("Rekommendation 3:", "Recommendation 6") opens an **entry**:
  its text and the paragraphs after it, up to the next heading, are one item.
* A **list** is a run of bulleted, numbered or lettered items (``•``, symbol-font
  bullets, ``1.``, ``4.2``, ``a)``, ``(i)``).  An item goes on over a blank line when
  it has not ended its sentence and the next line starts in lower case (a page or
  column break); it ends at a heading, at a line in capitals after a finished
  sentence that leaves the previous line short (a new paragraph), or at its block's end.
* A **box** is a list under a heading in capitals that interrupts running text: the text
  after it resumes in lower case.
* A **table** is a run of rows of tab- or space-separated cells (:mod:`graph.extract.tables`).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field

from graph.extract.pages import furniture
from graph.extract.tables import (
    INTERRUPTION,
    Cell,
    cells,
    column_of,
    is_space_row,
    is_tab_row,
    is_toc_line,
)
from graph.lang.profile import Profile, load_profile

BULLET = re.compile("^[ \t]*([•●▪◦‣∙·*–\\-■□➢►✓\uf0b7\uf0a7\uf076\uf0d8\uf0fc\uf0a8\uf06e])"
                    "[ \t]+(?=\\S)")
NUMBERED = re.compile(r"^[ \t]*(\d{1,2}(?:\.\d{1,2})*[.)]|\d{1,2}\.\d{1,2}(?:\.\d{1,2})*)"
                      r"[ \t]+(?=\S)")
LETTERED = re.compile(r"^[ \t]*(\(?[a-h]\)|[a-h]\.|\(?(?:i|ii|iii|iv|v|vi|vii|viii|ix|x)\))"
                      r"[ \t]+(?=\S)")
CAPTION = re.compile(r"^\s*(Tabell|Table|Figur|Figure|Bild|Diagram)\s+\d+", re.IGNORECASE)
FOOTNOTE = re.compile(r"^\s*[¹²³⁴⁵⁶⁷⁸⁹⁰]+\s")
SENTENCE_END = re.compile(r"[.!?…][\"”'’)]*\s*$")
# A sentence ends at . ! ? followed by space and a capital (or a quote and a capital).
SENTENCE_SPLIT = re.compile(r"(?<=[.!?…])[\"”’]?\s+(?=[\"”“]?[A-ZÅÄÖÉÜ])")
#: A line ending a sentence this much shorter than the longest line around it ends
#: its paragraph (the text stopped before the margin).
SHORT_LINE = 0.7


@dataclass
class Line:
    start: int
    end: int
    text: str
    skip: bool = False          # page furniture or a page break

    @property
    def blank(self) -> bool:
        return self.skip or not self.text.strip()


@dataclass
class Item:
    start: int
    end: int
    marker: str


@dataclass
class Block:
    kind: str                   # heading | paragraph | list | table | caption | toc | entry
    start: int
    end: int
    lines: list[Line] = field(default_factory=list)
    items: list[Item] = field(default_factory=list)
    columns: list[list[Item]] = field(default_factory=list)
    headers: list[str] = field(default_factory=list)
    boxed: bool = False


def split_lines(text: str) -> list[Line]:
    """Lines of *text* with their offsets (the newline excluded); page furniture marked.

    >>> [(l.start, l.end, l.text) for l in split_lines("ab\\ncd")]
    [(0, 2, 'ab'), (3, 5, 'cd')]
    """
    lines, pos = [], 0
    raw_lines = text.split("\n")
    skip = furniture(raw_lines)
    for k, raw in enumerate(raw_lines):
        lines.append(Line(pos, pos + len(raw), raw, k in skip or "\f" in raw))
        pos += len(raw) + 1
    return lines


def marker_kind(line: str) -> str | None:
    """``number``, ``letter`` or ``bullet`` for a line opening a list item, else ``None``.

    >>> [marker_kind(s) for s in ("4.2 Risker", "a) Tid", "\uf0b7 Tid", "2022 var")]
    ['number', 'letter', 'bullet', None]
    """
    if NUMBERED.match(line):
        return "number"
    if LETTERED.match(line):
        return "letter"
    if BULLET.match(line):
        return "bullet"
    return None


_PATTERN = {"number": NUMBERED, "letter": LETTERED, "bullet": BULLET}
_ROMAN = {"i": 1, "ii": 2, "iii": 3, "iv": 4, "v": 5, "vi": 6, "vii": 7, "viii": 8, "ix": 9,
          "x": 10}


def _ordinal(marker: str) -> tuple[int, ...]:
    """The place a marker gives: ``4.2`` -> (4, 2), ``b)`` -> (2,), ``(iv)`` -> (4,).

    >>> _ordinal("4.2"), _ordinal("b)"), _ordinal("(iv)")
    ((4, 2), (2,), (4,))
    """
    body = marker.strip("().")
    if body.replace(".", "").isdigit():
        return tuple(int(p) for p in body.split(".") if p)
    if body in _ROMAN and body not in ("v", "x"):
        return (_ROMAN[body],)
    return (ord(body[0]) - ord("a") + 1,)


def _follows(before: tuple[int, ...], after: tuple[int, ...]) -> bool:
    return len(before) == len(after) and before[:-1] == after[:-1] \
        and after[-1] == before[-1] + 1


def _heading_like(text: str, profile: Profile) -> bool:
    text = text.strip()
    if not text or CAPTION.match(text) or "\t" in text:
        return False
    letters = [c for c in text if c.isalpha()]
    if len(letters) >= 4 and all(c.isupper() for c in letters):
        return True
    words = text.split()
    if not text[0].isupper() or len(text) > 80 or len(words) > 10:
        return False
    if re.search(r"[.,;:!\-–]$", text) or text.lower().split()[-1] in profile.stop_words():
        return False
    return not re.search(r"[.!?]\s+[A-ZÅÄÖ]", text)  # two sentences: running text


def _capitals(text: str) -> bool:
    letters = [c for c in text if c.isalpha()]
    return len(letters) >= 4 and all(c.isupper() for c in letters)


class _Reader:
    """Reads the blocks of one text; see :func:`blocks`."""

    def __init__(self, text: str, profile: Profile) -> None:
        self.text = text
        self.profile = profile
        self.lines = split_lines(text)
        self.n = len(self.lines)
        self.entry = re.compile(rf"^\s*{profile.numbered_heading}\s+(\d{{1,2}}|[A-Z])\b[.:]?\s*",
                                re.IGNORECASE)

    def next_nonblank(self, i: int) -> int:
        while i < self.n and self.lines[i].blank:
            i += 1
        return i

    def marker(self, i: int) -> str | None:
        return None if self.lines[i].blank else marker_kind(self.lines[i].text)

    def is_heading(self, i: int) -> bool:
        line = self.lines[i].text
        if self.marker(i) or not _heading_like(line, self.profile):
            return False
        nxt = self.next_nonblank(i + 1)
        following = self.lines[nxt].text.strip() if nxt == i + 1 and nxt < self.n else ""
        # A wrapped sentence goes on in lower case on the next line; a heading does not.
        return not (following and following[0].islower())

    def is_numbered_heading(self, i: int) -> bool:
        """A numbered heading-like line that is not in a run of items ("4. Metod").

        Items run on: the item before it or after it has the number just before or
        after its own ("3." "4." "5."); "4. Rekommendationer" before "4.1" is a heading.
        """
        line = self.lines[i].text
        match = NUMBERED.match(line) or LETTERED.match(line)
        if not match or not _heading_like(line[match.end():], self.profile):
            return False
        if len(line[match.end():].split()) > 8:
            return False
        value = _ordinal(match.group(1))
        for k in range(i - 1, max(-1, i - 12), -1):
            other = NUMBERED.match(self.lines[k].text) or LETTERED.match(self.lines[k].text)
            if other:
                if _follows(_ordinal(other.group(1)), value):
                    return False
                break
        j = self.next_nonblank(i + 1)
        while j < self.n and j < i + 12:
            other = NUMBERED.match(self.lines[j].text) or LETTERED.match(self.lines[j].text)
            if other:
                return not _follows(value, _ordinal(other.group(1)))
            j += 1
        return True

    def is_row(self, i: int) -> bool:
        text = self.lines[i].text
        return not self.lines[i].blank and (is_tab_row(text) or self._space_table_at(i))

    def _space_table_at(self, i: int) -> bool:
        """A space-aligned header row: 2+ cells, of which 2+ name finding types."""
        text = self.lines[i].text
        if not is_space_row(text):
            return False
        from graph.extract.cues import type_of

        named = [c for c in cells(text) if type_of(text[c.column:c.column + (c.end - c.start)],
                                                   self.profile)]
        return len(named) >= 2

    def ends_paragraph(self, i: int, first: int) -> bool:
        """Line *i* ends a sentence before the margin: its paragraph ends there.

        The margin is the longest of the block's lines from *first* and the next line.
        """
        text = self.lines[i].text.rstrip()
        if not SENTENCE_END.search(text):
            return False
        width = max(len(self.lines[k].text.rstrip()) for k in range(first, min(i + 2, self.n)))
        return len(text) < SHORT_LINE * width


def blocks(text: str, lang: Profile | str = "sv") -> list[Block]:
    """Split repaired text into headings, paragraphs, lists, tables, entries and captions.

    >>> [b.kind for b in blocks("Risker\\n\\n• Ett\\n• Två\\n\\nSlut.")]
    ['heading', 'list', 'paragraph']
    >>> [b.kind for b in blocks("4. Rekommendationer\\n\\nVi har sett mycket.\\n")]
    ['heading', 'paragraph']
    """
    profile = lang if isinstance(lang, Profile) else load_profile(lang)
    r = _Reader(text, profile)
    lines, n = r.lines, r.n
    out: list[Block] = []
    i = 0
    while i < n:
        line = lines[i]
        if line.blank:
            i += 1
            continue
        if is_toc_line(line.text):
            out.append(Block("toc", line.start, line.end, [line]))
            i += 1
        elif r.entry.match(line.text) and len(line.text.split()) <= 14:
            block, i = _read_entry(r, i)
            out.append(block)
        elif r.is_row(i):
            block, i = _read_table(r, i)
            out.append(block)
        elif r.is_numbered_heading(i):
            out.append(Block("heading", line.start, line.end, [line]))
            i += 1
        elif r.marker(i):
            block, i = _read_list(r, i)
            out.append(block)
        elif CAPTION.match(line.text):
            out.append(Block("caption", line.start, line.end, [line]))
            i += 1
        elif r.is_heading(i):
            out.append(Block("heading", line.start, line.end, [line]))
            i += 1
        else:
            block, i = _read_paragraph(r, i)
            out.append(block)
    _mark_boxes(out)
    return out


def _stops_text(r: _Reader, i: int) -> bool:
    """Line *i* cannot continue running text: an item, a row, a heading or a new entry."""
    text = r.lines[i].text
    return bool(r.marker(i) or r.is_row(i) or is_toc_line(text) or r.entry.match(text))


def _read_paragraph(r: _Reader, i: int) -> tuple[Block, int]:
    lines, n = r.lines, r.n
    start = i
    while True:
        i += 1
        while i < n and not lines[i].blank and not _stops_text(r, i) \
                and not (r.is_heading(i) and (r.ends_paragraph(i - 1, start) or (
                    SENTENCE_END.search(lines[i - 1].text) and _capitals(lines[i].text)))):
            i += 1
        # A page or column break inside a sentence: it goes on in lower case.
        j = r.next_nonblank(i)
        if j == i or j >= n or SENTENCE_END.search(lines[i - 1].text) \
                or not lines[j].text.lstrip()[:1].islower() or _stops_text(r, j):
            break
        i = j
    return Block("paragraph", lines[start].start, lines[i - 1].end, lines[start:i]), i


def _continues_item(r: _Reader, i: int, first: int) -> bool:
    """Does line *i* (right after line i-1 of an item from line *first*) go on with it?"""
    if r.lines[i].blank or _stops_text(r, i):
        return False
    nxt = r.lines[i].text.lstrip()
    if r.ends_paragraph(i - 1, first) and nxt[:1].isupper():
        return False     # a new paragraph after the item
    return not (SENTENCE_END.search(r.lines[i - 1].text) and r.is_heading(i))


def _read_list(r: _Reader, i: int) -> tuple[Block, int]:
    lines, n = r.lines, r.n
    kind = r.marker(i)
    pattern = _PATTERN[kind or "bullet"]
    items: list[Item] = []
    while i < n:
        match = pattern.match(lines[i].text)
        if not match or r.is_numbered_heading(i):
            break
        item = Item(lines[i].start + match.end(), lines[i].end, kind or "")
        first = i
        i += 1
        while True:
            while i < n and _continues_item(r, i, first):
                item.end = lines[i].end
                i += 1
            j = r.next_nonblank(i)
            if j == i or j >= n:
                break
            nxt = lines[j].text.lstrip()
            last = r.text[item.start:item.end].rstrip()
            # A page or column break inside an unfinished item: it goes on in lower case.
            if nxt[:1].islower() and not SENTENCE_END.search(last) and not r.marker(j):
                i = j
                continue
            break
        items.append(item)
        j = r.next_nonblank(i)
        if j < n and r.marker(j) == kind and not r.is_numbered_heading(j):
            i = j
            continue
        break
    return Block("list", items[0].start, items[-1].end, items=items), i


def _read_entry(r: _Reader, i: int) -> tuple[Block, int]:
    """A numbered type heading and its paragraphs: one item, up to the next heading."""
    lines, n = r.lines, r.n
    first = lines[i]
    match = r.entry.match(first.text)
    assert match is not None
    start = first.start + match.end()
    end = first.end
    i += 1
    while i < n:
        if lines[i].blank:
            i += 1
            continue
        if r.entry.match(lines[i].text) or r.is_row(i) or is_toc_line(lines[i].text) \
                or (r.is_heading(i) and SENTENCE_END.search(r.text[start:end].rstrip() or ".")):
            break
        end = lines[i].end
        i += 1
    if start >= end:
        start = first.start
    items = [Item(start, end, "entry")]
    return Block("entry", first.start, end, [first], items=items,
                 headers=[first.text[:match.end()].strip()]), i


def _row(r: _Reader, i: int) -> list[Cell]:
    line = r.lines[i]
    return cells(line.text, line.start)


def _read_table(r: _Reader, i: int) -> tuple[Block, int]:
    lines, n = r.lines, r.n
    first = lines[i]
    tabbed = "\t" in first.text
    header_cells = _row(r, i)
    header = [r.text[c.start:c.end] for c in header_cells]
    starts = [c.column for c in header_cells]

    def fits(k: int) -> bool:
        text = lines[k].text
        if lines[k].blank or is_toc_line(text):
            return False
        if tabbed:
            return is_tab_row(text)
        row = _row(r, k)
        return len(row) <= len(starts) and (len(row) >= 2 or row[0].column > 0)

    rows: list[list[tuple[int, Cell]]] = []
    last = first
    i += 1
    while i < n:
        if lines[i].blank or FOOTNOTE.match(lines[i].text):
            i += 1
            continue
        if not fits(i):
            # A short interruption (footnote, repeated header) with rows of the same
            # columns after it is carried over.
            k, seen = i, 0
            while k < n and seen < INTERRUPTION and not fits(k):
                seen += 0 if lines[k].blank else 1
                k += 1
            k = r.next_nonblank(k)
            if k < n and fits(k) and seen <= INTERRUPTION and _same_width(r, k, header, tabbed):
                i = k
                continue
            break
        row = _row(r, i)
        if [r.text[c.start:c.end] for c in row] != header:   # a header repeated: skip
            rows.append([(column_of(c, starts, tabbed, k), c) for k, c in enumerate(row)])
        last = lines[i]
        i += 1
    while i > 0 and (lines[i - 1].blank or FOOTNOTE.match(lines[i - 1].text)) \
            and lines[i - 1].start > last.end:
        i -= 1
    columns: list[list[Item]] = [[] for _ in header]
    for row in rows:
        for c, cell in row:
            if cell.end <= cell.start or c >= len(columns):
                continue
            column = columns[c]
            if column and r.text[cell.start:cell.start + 1].islower():
                column[-1].end = cell.end  # a cell broken over two rows
            else:
                column.append(Item(cell.start, cell.end, "cell"))
    return Block("table", first.start, last.end, columns=columns, headers=header), i


def _same_width(r: _Reader, k: int, header: list[str], tabbed: bool) -> bool:
    if not tabbed:
        return True
    return len(r.lines[k].text.split("\t")) == len(header)


def _mark_boxes(out: list[Block]) -> None:
    """Mark lists under a capitals heading that interrupt running text as boxes."""
    for k, block in enumerate(out):
        if block.kind != "list" or k == 0 or k + 1 >= len(out):
            continue
        head, after = out[k - 1], out[k + 1]
        capitals = head.kind == "heading" and head.lines[0].text.strip().isupper()
        resumes = after.kind == "paragraph" and after.lines[0].text.lstrip()[:1].islower()
        if capitals and resumes:
            block.boxed = True


def sentences(text: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    """Offsets of the sentences of ``text[start:end]``.

    >>> t = "Det gick bra. Risken är stor, t.ex. för barn. Slut"
    >>> [t[a:b] for a, b in sentences(t, 0, len(t))]
    ['Det gick bra.', 'Risken är stor, t.ex. för barn.', 'Slut']
    """
    pos = start
    for match in SENTENCE_SPLIT.finditer(text, start, end):
        yield pos, match.start()
        pos = match.end()
    if pos < end:
        yield pos, end

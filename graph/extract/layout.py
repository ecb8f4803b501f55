"""Layout blocks of repaired text: headings, paragraphs, lists, tables, boxes.

* A **heading** is a short line that opens a block, starts with a capital letter and
  does not end like a sentence (or a line in capitals).
* A **list** is a run of bulleted or numbered items; an item goes on over a blank line
  when it has not ended its sentence and the next line starts in lower case (a page or
  column break).
* A **box** is a list under a heading in capitals that interrupts running text: the text
  after it resumes in lower case.
* A **table** is a run of tab-separated rows, read column-wise later.  Blank lines and
  footnotes (lines opening with a superscript digit) inside it are a page break, not its
  end; a cell that starts in lower case continues the cell above it.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field

from graph.lang.words import stop_words

BULLET = re.compile(r"^[ \t]*([•●▪◦‣∙·*–-])[ \t]+(?=\S)")
NUMBERED = re.compile(r"^[ \t]*(\d{1,2})[.)][ \t]+(?=\S)")
CAPTION = re.compile(r"^\s*(Tabell|Table|Figur|Figure|Bild|Diagram)\s+\d+", re.IGNORECASE)
FOOTNOTE = re.compile(r"^\s*[¹²³⁴⁵⁶⁷⁸⁹⁰]+\s")
TOC_PAGE = re.compile(r"^[\divxlcdm]+$", re.IGNORECASE)
SENTENCE_END = re.compile(r"[.!?…][\"”'’)]*\s*$")
# A sentence ends at . ! ? followed by space and a capital (or a quote and a capital).
SENTENCE_SPLIT = re.compile(r"(?<=[.!?…])[\"”’]?\s+(?=[\"”“]?[A-ZÅÄÖÉÜ])")


@dataclass
class Line:
    start: int
    end: int
    text: str

    @property
    def blank(self) -> bool:
        return not self.text.strip()


@dataclass
class Item:
    start: int
    end: int
    marker: str


@dataclass
class Block:
    kind: str                   # heading | paragraph | list | table | caption
    start: int
    end: int
    lines: list[Line] = field(default_factory=list)
    items: list[Item] = field(default_factory=list)
    columns: list[list[Item]] = field(default_factory=list)
    headers: list[str] = field(default_factory=list)
    boxed: bool = False


def split_lines(text: str) -> list[Line]:
    """Lines of *text* with their offsets (the newline excluded).

    >>> [(l.start, l.end, l.text) for l in split_lines("ab\\ncd")]
    [(0, 2, 'ab'), (3, 5, 'cd')]
    """
    lines, pos = [], 0
    for raw in text.split("\n"):
        lines.append(Line(pos, pos + len(raw), raw))
        pos += len(raw) + 1
    return lines


def _marker(line: str) -> str | None:
    if NUMBERED.match(line):
        return "number"
    if BULLET.match(line):
        return "bullet"
    return None


def _cells(line: str) -> list[str]:
    return [c.strip() for c in line.split("\t")]


def _is_toc_line(line: str) -> bool:
    """A table-of-contents line: a title, dot leaders or a tab, and a page number."""
    cells = [c for c in _cells(line) if c]
    if len(cells) >= 2 and all(TOC_PAGE.match(c) for c in cells[1:]):
        return True
    return bool(re.search(r"\.{4,}\s*[\divxlc]*\s*$", line, re.IGNORECASE))


def _is_table_row(line: str) -> bool:
    if "\t" not in line or _is_toc_line(line):
        return False
    return any(_cells(line))


def _is_heading(lines: list[Line], i: int) -> bool:
    text = lines[i].text.strip()
    if not text or _marker(text) or CAPTION.match(text) or "\t" in text:
        return False
    letters = [c for c in text if c.isalpha()]
    if len(letters) >= 4 and all(c.isupper() for c in letters):
        return True
    words = text.split()
    if not text[0].isupper() or len(text) > 80 or len(words) > 10:
        return False
    if re.search(r"[.,;:!\-–]$", text) or text.lower().split()[-1] in stop_words():
        return False
    if re.search(r"[.!?]\s+[A-ZÅÄÖ]", text):
        return False  # two sentences: running text
    nxt = lines[i + 1].text.strip() if i + 1 < len(lines) else ""
    # A wrapped sentence goes on in lower case on the next line; a heading does not.
    return not (nxt and nxt[0].islower())


def _ends_sentence(text: str) -> bool:
    return bool(SENTENCE_END.search(text))


def blocks(text: str) -> list[Block]:
    """Split repaired text into headings, paragraphs, lists, tables and captions.

    >>> [b.kind for b in blocks("Risker\\n\\n• Ett\\n• Två\\n\\nSlut.")]
    ['heading', 'list', 'paragraph']
    """
    lines = split_lines(text)
    out: list[Block] = []
    i, n = 0, len(lines)
    while i < n:
        line = lines[i]
        if line.blank:
            i += 1
            continue
        if _is_toc_line(line.text):
            out.append(Block("toc", line.start, line.end, [line]))
            i += 1
        elif _is_table_row(line.text):
            block, i = _read_table(lines, i)
            out.append(block)
        elif _marker(line.text):
            block, i = _read_list(lines, i)
            out.append(block)
        elif CAPTION.match(line.text):
            out.append(Block("caption", line.start, line.end, [line]))
            i += 1
        elif _is_heading(lines, i):
            out.append(Block("heading", line.start, line.end, [line]))
            i += 1
        else:
            start = i
            while True:
                while i < n and not lines[i].blank and not _marker(lines[i].text) \
                        and not _is_table_row(lines[i].text) \
                        and not _is_toc_line(lines[i].text):
                    i += 1
                # A page or column break inside a sentence: it goes on in lower case.
                j = i
                while j < n and lines[j].blank:
                    j += 1
                if j == i or j >= n or _ends_sentence(lines[i - 1].text) \
                        or not lines[j].text.lstrip()[:1].islower() or _marker(lines[j].text) \
                        or _is_table_row(lines[j].text):
                    break
                i = j
            out.append(Block("paragraph", lines[start].start, lines[i - 1].end,
                             lines[start:i]))
    _mark_boxes(out, text)
    return out


def _read_list(lines: list[Line], i: int) -> tuple[Block, int]:
    kind = _marker(lines[i].text)
    items: list[Item] = []
    n = len(lines)
    while i < n:
        line = lines[i]
        match = (NUMBERED if kind == "number" else BULLET).match(line.text)
        if not match:
            break
        item = Item(line.start + match.end(), line.end, kind or "")
        i += 1
        while True:
            # Continuation lines: no blank, no new item.
            while i < n and not lines[i].blank and not _marker(lines[i].text):
                item.end = lines[i].end
                i += 1
            j = i
            while j < n and lines[j].blank:
                j += 1
            if j == i or j >= n:
                break
            nxt = lines[j].text.lstrip()
            current = _item_text(lines, item)
            # A page or column break inside an unfinished item: it goes on in lower case.
            if nxt and nxt[0].islower() and not _ends_sentence(current) \
                    and not _marker(nxt):
                i = j
                continue
            break
        items.append(item)
        j = i
        while j < n and lines[j].blank:
            j += 1
        if j < n and _marker(lines[j].text) == kind:
            i = j
            continue
        break
    block = Block("list", items[0].start, items[-1].end, items=items)
    return block, i


def _item_text(lines: list[Line], item: Item) -> str:
    return " ".join(l.text.strip() for l in lines if item.start <= l.end and l.start <= item.end)


def _read_table(lines: list[Line], i: int) -> tuple[Block, int]:
    rows: list[list[Item]] = []
    n = len(lines)
    header = _cells(lines[i].text)
    first = lines[i]
    last = first
    i += 1
    while i < n:
        line = lines[i]
        if line.blank or FOOTNOTE.match(line.text):
            i += 1
            continue
        if not _is_table_row(line.text):
            break
        rows.append(_row_items(line))
        last = line
        i += 1
    # Step back over trailing blanks and footnotes so the next block starts cleanly.
    while i > 0 and (lines[i - 1].blank or FOOTNOTE.match(lines[i - 1].text)) \
            and lines[i - 1].start > last.end:
        i -= 1
    width = len(header)
    columns: list[list[Item]] = [[] for _ in range(width)]
    for row in rows:
        for c, cell in enumerate(row[:width]):
            if cell.end <= cell.start:
                continue
            column = columns[c]
            cell_text = lines_text(lines, cell)
            if column and cell_text[:1].islower():
                column[-1].end = cell.end  # a cell broken over two rows
            else:
                column.append(cell)
    block = Block("table", first.start, last.end, columns=columns, headers=header)
    return block, i


def lines_text(lines: list[Line], item: Item) -> str:
    for line in lines:
        if line.start <= item.start <= line.end:
            return line.text[item.start - line.start:item.end - line.start].strip()
    return ""


def _row_items(line: Line) -> list[Item]:
    items, pos = [], line.start
    for raw in line.text.split("\t"):
        lead = len(raw) - len(raw.lstrip())
        body = raw.strip()
        items.append(Item(pos + lead, pos + lead + len(body), "cell"))
        pos += len(raw) + 1
    return items


def _mark_boxes(out: list[Block], text: str) -> None:
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


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

from graph.extract.lines import (  # noqa: F401 - re-exported: the layout's vocabulary
    BULLET,
    CAPTION,
    FOOTNOTE,
    LETTERED,
    NUMBERED,
    PATTERN,
    SENTENCE_END,
    Block,
    Item,
    Line,
    Reader,
    capitals,
    marker_kind,
    split_lines,
)
from graph.extract.tables import (
    INTERRUPTION,
    Cell,
    cells,
    column_of,
    is_tab_row,
    is_toc_line,
)
from graph.lang.profile import Profile, load_profile

# A sentence ends at . ! ? followed by space and a capital (or a quote and a capital).
SENTENCE_SPLIT = re.compile(r"(?<=[.!?…])[\"”’]?\s+(?=[\"”“]?[A-ZÅÄÖÉÜ])")

def blocks(text: str, lang: Profile | str = "sv") -> list[Block]:
    """Split repaired text into headings, paragraphs, lists, tables, entries and captions.

    >>> [b.kind for b in blocks("Risker\\n\\n• Ett\\n• Två\\n\\nSlut.")]
    ['heading', 'list', 'paragraph']
    >>> [b.kind for b in blocks("4. Rekommendationer\\n\\nVi har sett mycket.\\n")]
    ['heading', 'paragraph']
    """
    profile = lang if isinstance(lang, Profile) else load_profile(lang)
    r = Reader(text, profile)
    lines, n = r.lines, r.n
    out: list[Block] = []
    i = 0
    while i < n:
        line = lines[i]
        if line.blank:
            i += 1
            continue
        if is_toc_line(line.text) or i in r.toc:
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
        elif out and out[-1].kind == "paragraph" and line.text.lstrip()[:1].islower() \
                and r.opens_list(r.line_at(out[-1].end)) and len(_plain_items(r, i)) >= 2:
            items = _plain_items(r, i)
            out.append(Block("list", items[0].start, items[-1].end, items=items))
            i = r.next_nonblank(r.line_at(items[-1].end) + 1)
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


def _stops_text(r: Reader, i: int) -> bool:
    """Line *i* cannot continue running text: an item, a row, a heading or a new entry."""
    text = r.lines[i].text
    return bool(r.marker(i) or r.is_row(i) or is_toc_line(text) or r.entry.match(text))


def _read_paragraph(r: Reader, i: int) -> tuple[Block, int]:
    lines, n = r.lines, r.n
    start = i
    while True:
        i += 1
        while i < n and not lines[i].blank and not _stops_text(r, i) \
                and not (r.is_heading(i) and (r.ends_paragraph(i - 1, start) or (
                    SENTENCE_END.search(lines[i - 1].text) and capitals(lines[i].text)))) \
                and not (lines[i - 1].text.rstrip().endswith(":")
                         and lines[i].text.lstrip()[:1].isupper()):   # a lead-in ends
            i += 1
        # A page or column break inside a sentence: it goes on in lower case.
        j = r.next_nonblank(i)
        if j == i or j >= n or SENTENCE_END.search(lines[i - 1].text) \
                or not lines[j].text.lstrip()[:1].islower() or _stops_text(r, j) \
                or (r.opens_list(i - 1) and len(_plain_items(r, j)) >= 2):
            break
        i = j
    return Block("paragraph", lines[start].start, lines[i - 1].end, lines[start:i]), i


def _plain_items(r: Reader, i: int) -> list[Item]:
    """Unmarked items from line *i*: blank-separated runs of lines in lower case.

    A list whose bullets were lost ("Riksrevisionen rekommenderar regeringen att" and
    then one line per recommendation); it ends at a line that opens in upper case.
    """
    lines, n = r.lines, r.n
    items: list[Item] = []
    while i < n and lines[i].text.lstrip()[:1].islower() and not _stops_text(r, i):
        first = i
        while i + 1 < n and not lines[i + 1].blank and not _stops_text(r, i + 1):
            i += 1
        items.append(Item(lines[first].start + len(lines[first].text)
                          - len(lines[first].text.lstrip()), lines[i].end, "plain"))
        i = r.next_nonblank(i + 1)
    return items


def _continues_item(r: Reader, i: int, first: int) -> bool:
    """Does line *i* (right after line i-1 of an item from line *first*) go on with it?"""
    if r.lines[i].blank or _stops_text(r, i):
        return False
    nxt = r.lines[i].text.lstrip()
    if r.ends_paragraph(i - 1, first) and nxt[:1].isupper():
        return False     # a new paragraph after the item
    return not (SENTENCE_END.search(r.lines[i - 1].text) and r.is_heading(i))


def _read_list(r: Reader, i: int) -> tuple[Block, int]:
    lines, n = r.lines, r.n
    kind = r.marker(i)
    pattern = PATTERN[kind or "bullet"]
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


def _read_entry(r: Reader, i: int) -> tuple[Block, int]:
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


def _row(r: Reader, i: int) -> list[Cell]:
    line = r.lines[i]
    return cells(line.text, line.start)


def _read_table(r: Reader, i: int) -> tuple[Block, int]:
    lines, n = r.lines, r.n
    first = lines[i]
    tabbed = "\t" in first.text
    header_cells = _row(r, i)
    header = [r.text[c.start:c.end] for c in header_cells]
    starts = [c.column for c in header_cells]

    def fits(k: int, alone: bool = True) -> bool:
        text = lines[k].text
        if lines[k].blank or is_toc_line(text):
            return False
        if tabbed:
            return is_tab_row(text)
        row = _row(r, k)
        if len(row) > len(starts):
            return False
        if len(row) >= 2 or row[0].column > 0:
            return True
        # One cell in the first column ("Politiskt stöd" with the others empty) is a
        # row when it fits the column, is no sentence, and a full row follows soon.
        return alone and len(starts) > 1 and row[0].column + (row[0].end - row[0].start) \
            < starts[1] and not SENTENCE_END.search(text) and any(
                fits(m, False) for m in range(k + 1, min(n, k + 2 + INTERRUPTION)))

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
        found = _row(r, i)
        if [r.text[c.start:c.end] for c in found] != header:   # a header repeated: skip
            rows.append([(column_of(c, starts, tabbed, k), c) for k, c in enumerate(found)])
        last = lines[i]
        i += 1
    while i > 0 and (lines[i - 1].blank or FOOTNOTE.match(lines[i - 1].text)) \
            and lines[i - 1].start > last.end:
        i -= 1
    columns: list[list[Item]] = [[] for _ in header]
    for placed in rows:
        for c, cell in placed:
            if cell.end <= cell.start or c >= len(columns):
                continue
            column = columns[c]
            if column and r.text[cell.start:cell.start + 1].islower():
                column[-1].end = cell.end  # a cell broken over two rows
            else:
                column.append(Item(cell.start, cell.end, "cell"))
    return Block("table", first.start, last.end, columns=columns, headers=header), i


def _same_width(r: Reader, k: int, header: list[str], tabbed: bool) -> bool:
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

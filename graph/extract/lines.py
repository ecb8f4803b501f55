"""Lines of repaired text and what a line can be: list markers, headings, page furniture.

The :class:`Reader` holds a text's lines (page furniture marked to be skipped, see
:mod:`graph.extract.pages`) and answers the questions :mod:`graph.extract.layout` asks
of a line: does it open an item, is it a heading, a numbered heading, a table row, does
it end its paragraph?
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field

from graph.extract.pages import furniture
from graph.extract.tables import cells, is_space_row, is_tab_row
from graph.lang.profile import Profile

BULLET = re.compile("^[ \t]*([•●▪◦‣∙·*–\\-■□➢►✓\uf0b7\uf0a7\uf076\uf0d8\uf0fc\uf0a8\uf06e])"
                    "[ \t]+(?=\\S)")
NUMBERED = re.compile(r"^[ \t]*(\d{1,2}(?:\.\d{1,2})*[.)]|\d{1,2}\.\d{1,2}(?:\.\d{1,2})*)"
                      r"[ \t]+(?=\S)")
LETTERED = re.compile(r"^[ \t]*(\(?[a-h]\)|[a-h]\.|\(?(?:i|ii|iii|iv|v|vi|vii|viii|ix|x)\))"
                      r"[ \t]+(?=\S)")
CAPTION = re.compile(r"^\s*(Tabell|Table|Figur|Figure|Bild|Diagram)\s+\d+", re.IGNORECASE)
FOOTNOTE = re.compile(r"^\s*[¹²³⁴⁵⁶⁷⁸⁹⁰]+\s")
SENTENCE_END = re.compile(r"[.!?…][\"”'’)]*\s*$")
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


MARKUP = re.compile(r"^#{1,6}\s+|\*\*|__")
PATTERN = {"number": NUMBERED, "letter": LETTERED, "bullet": BULLET}
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


def heading_like(text: str, profile: Profile) -> bool:
    text = MARKUP.sub("", text.strip()).strip()   # "#### Recommendations", "**Risks**"
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


def capitals(text: str) -> bool:
    letters = [c for c in text if c.isalpha()]
    return len(letters) >= 4 and all(c.isupper() for c in letters)


#: A line of a table of contents without a tab: a title and a page number.
TOC_ENTRY = re.compile(r"^\s*\D.*?(?:\.{2,}\s*|\s)(?:\d{1,3}|[ivxl]{1,5})\s*$")
#: So many such lines in a row make a table of contents.
TOC_RUN = 3


def _toc_runs(lines: list[Line]) -> set[int]:
    """Indices of lines in runs of table-of-contents entries ("Bilagor 17")."""
    out: set[int] = set()
    run: list[int] = []
    for k, line in enumerate(lines + [Line(0, 0, "")]):
        if not line.blank and TOC_ENTRY.match(line.text) and not marker_kind(line.text):
            run.append(k)
            continue
        if line.blank and run and k + 1 < len(lines) and TOC_ENTRY.match(lines[k + 1].text):
            continue
        if len(run) >= TOC_RUN:
            out.update(run)
        run = []
    return out


class Reader:
    """The lines of one text and the questions layout asks of them."""

    def __init__(self, text: str, profile: Profile) -> None:
        self.text = text
        self.profile = profile
        self.lines = split_lines(text)
        self.n = len(self.lines)
        self._starts = [line.start for line in self.lines]
        self.toc = _toc_runs(self.lines)
        self.entry = re.compile(rf"^\s*{profile.numbered_heading}\s+(\d{{1,2}}|[A-Z])\b[.:]?\s*",
                                re.IGNORECASE)

    def next_nonblank(self, i: int) -> int:
        while i < self.n and self.lines[i].blank:
            i += 1
        return i

    def marker(self, i: int) -> str | None:
        """The kind of item line *i* opens; a dash that goes on with an unfinished line
        above it ("... i Sörmland\n– En länsgemensam modell") opens none."""
        if self.lines[i].blank:
            return None
        kind = marker_kind(self.lines[i].text)
        if kind == "bullet" and self.lines[i].text.lstrip()[:1] in "–-" and i > 0 \
                and not self.lines[i - 1].blank \
                and not re.search(r"[.:!?;]\s*$", self.lines[i - 1].text) \
                and marker_kind(self.lines[i - 1].text) is None:
            return None
        return kind

    def is_heading(self, i: int) -> bool:
        line = self.lines[i].text
        if self.marker(i) or not heading_like(line, self.profile):
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
        if not match or not heading_like(line[match.end():], self.profile):
            return False
        if len(line[match.end():].split()) > 8:
            return False
        value = _ordinal(match.group(1))
        between = False     # running text between: the marker above is a heading too
        for k in range(i - 1, max(-1, i - 12), -1):
            other = NUMBERED.match(self.lines[k].text) or LETTERED.match(self.lines[k].text)
            if other:
                heading_above = between and heading_like(self.lines[k].text[other.end():],
                                                         self.profile)
                if _follows(_ordinal(other.group(1)), value) and not heading_above:
                    return False
                break
            between = between or not self.lines[k].blank
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
        """A space-aligned header row: 2-8 short cells, not sentences, 2+ naming types."""
        text = self.lines[i].text
        if not is_space_row(text):
            return False
        from graph.extract.cues import type_of

        heads = [text[c.column:c.column + (c.end - c.start)] for c in cells(text)]
        if len(heads) > 8 or any(len(h) > 60 or h.rstrip()[-1:] in ".!?:;," for h in heads):
            return False
        return sum(1 for h in heads if type_of(h, self.profile)) >= 2

    def opens_list(self, i: int) -> bool:
        """Line *i* ends with a colon or a word that leads into a list ("att", "to")."""
        words = self.lines[i].text.split()
        return bool(words) and (words[-1].endswith(":")
                                or words[-1].lower() in self.profile.open_ends)

    def line_at(self, offset: int) -> int:
        """The index of the line holding *offset*."""
        return bisect.bisect_right(self._starts, offset) - 1

    def ends_paragraph(self, i: int, first: int) -> bool:
        """Line *i* ends a sentence before the margin: its paragraph ends there.

        The margin is the longest of the block's lines from *first* and the next line.
        """
        text = self.lines[i].text.rstrip()
        if not SENTENCE_END.search(text):
            return False
        width = max(len(self.lines[k].text.rstrip()) for k in range(first, min(i + 2, self.n)))
        return len(text) < SHORT_LINE * width

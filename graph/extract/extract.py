"""Findings from repaired report text: sections, lists, boxes, tables and cue sentences.

The rules are about the *shape* of a report, not about any one report:

* A **heading** is a short line that opens a block, starts with a capital letter and
  does not end like a sentence (or a line in capitals).  Its words decide the type of
  the lists under it, through the type cues of :data:`TYPE_CUES`.
* A **list** is a run of bulleted or numbered items; an item goes on over a blank line
  when it has not ended its sentence and the next line starts in lower case (a page or
  column break).  The sentence that leads into a list ("... rekommendationer:") decides
  its type before the heading does.
* A **box** is a list under a heading in capitals that interrupts running text: the text
  after it resumes in lower case.  Its items are marked ``box`` and the section returns
  to the one the box interrupted.
* A **table** is a run of tab-separated rows whose header cells name finding types.  It
  is read column-wise: each non-empty cell is one item of its column.  Blank lines and
  footnotes (lines opening with a superscript digit) inside it are a page break, not its
  end; a cell that starts in lower case continues the cell above it.
* **Prose** findings are sentences that state a finding outright ("X betraktas som en
  risk", "En central rekommendation är att ..."); they get method ``prose`` and a lower
  confidence.

A statement made twice in one document (a summary list and the same list in the
discussion, or a prose sentence restating a table cell) becomes one finding with several
evidence spans; the first statement in reading order gives the label.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import lru_cache

from graph.findings import Finding, FindingType, Method, Span
from graph.lang.words import containment, overlap, stop_words

#: Word prefixes that name a finding type, in Swedish and English.  A word matches a
#: cue when it starts with it (``riskfaktorer``) or, for compounds, ends a word part
#: with it (``förbättringsförslag``).  These are the general terms of evaluation
#: reports, not words of any one report.
TYPE_CUES: dict[FindingType, tuple[str, ...]] = {
    FindingType.SUCCESS_FACTOR: ("framgång", "success", "strength", "styrka"),
    FindingType.RISK: ("risk", "hinder", "farhåg", "utmaning", "obstacle", "barrier",
                       "concern", "threat"),
    FindingType.IMPROVEMENT_PROPOSAL: ("förbättringsförslag", "förslag",
                                       "förbättringsmöjlighet", "förbättringsområde",
                                       "improvement", "proposal", "suggestion"),
    FindingType.RECOMMENDATION: ("rekommend", "recommend"),
}

BULLET = re.compile(r"^[ \t]*([•●▪◦‣∙·*–-])[ \t]+(?=\S)")
NUMBERED = re.compile(r"^[ \t]*(\d{1,2})[.)][ \t]+(?=\S)")
CAPTION = re.compile(r"^\s*(Tabell|Table|Figur|Figure|Bild|Diagram)\s+\d+", re.IGNORECASE)
FOOTNOTE = re.compile(r"^\s*[¹²³⁴⁵⁶⁷⁸⁹⁰]+\s")
TOC_PAGE = re.compile(r"^[\divxlcdm]+$", re.IGNORECASE)
SENTENCE_END = re.compile(r"[.!?…][\"”'’)]*\s*$")
# A sentence ends at . ! ? followed by space and a capital (or a quote and a capital).
SENTENCE_SPLIT = re.compile(r"(?<=[.!?…])[\"”’]?\s+(?=[\"”“]?[A-ZÅÄÖÉÜ])")
POINTER = re.compile(r"\b(nedan|följande|below|following)\b|:\s*$", re.IGNORECASE)
DEFINITE = re.compile(r"(na|en|et)$")


def type_of(text: str) -> FindingType | None:
    """The finding type named by *text* (a heading, lead-in or cell), or ``None``.

    The first cue in reading order wins.

    >>> type_of("Risker och hinder under året")
    <FindingType.RISK: 'risk'>
    >>> type_of("Diskussion och rekommendationer").value
    'recommendation'
    >>> type_of("Resultat") is None
    True
    """
    for word in re.findall(r"[^\W\d_]+", text.lower()):
        found = _cue_type(word)
        if found is not None:
            return found
    return None


def is_type_word(word: str) -> bool:
    """Does *word* name a finding type ("rekommenderar", "riskfaktorer")?  Such words say
    what kind of finding a text is, not what it is about.

    >>> is_type_word("rekommenderar"), is_type_word("samverkan")
    (True, False)
    """
    return _cue_type(word.lower()) is not None


@lru_cache(maxsize=65536)
def _cue_type(word: str) -> FindingType | None:
    for ftype, cues in TYPE_CUES.items():
        for cue in cues:
            if word.startswith(cue) or (len(cue) > 5 and cue in word[3:]):
                return ftype
    return None


# --------------------------------------------------------------------------- blocks

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


# --------------------------------------------------------------------------- findings

def _clean_label(quote: str) -> str:
    """The label of a quote: whitespace collapsed, paired emphasis asterisks dropped."""
    label = re.sub(r"\*([^*\n]+)\*", r"\1", quote)
    return re.sub(r"\s+", " ", label).strip()


def _span(text: str, start: int, end: int, section: str) -> Span:
    while end > start and text[end - 1].isspace():
        end -= 1
    while start < end and text[start].isspace():
        start += 1
    return Span(start, end, text[start:end], section)


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


def _cue_alternation(ftype: FindingType) -> str:
    return "|".join(re.escape(c) for c in TYPE_CUES[ftype])


def prose_type(sentence: str) -> FindingType | None:
    """The type of finding a sentence states outright, or ``None``.

    Only sentences that *present* a finding count: "X betraktas som en risk", "X anses
    vara en framgångsfaktor", "En central rekommendation är att ...", "Vi rekommenderar".
    Sentences pointing at a list ("... följande:"), questions and sentences about the
    findings in general ("Rekommendationerna i rapporten bygger på ...") do not.

    >>> prose_type("Hög sjukfrånvaro betraktas som en risk.").value
    'risk'
    >>> prose_type("En central rekommendation är att resultaten används.").value
    'recommendation'
    >>> prose_type("Rekommendationerna i rapporten är baserade på intervjuer.") is None
    True
    >>> prose_type("Se rekommendationerna i tabellen nedan.") is None
    True
    """
    flat = " ".join(sentence.split())
    if POINTER.search(flat) or flat.endswith("?"):
        return None
    lower = flat.lower()
    for ftype in (FindingType.RECOMMENDATION, FindingType.RISK,
                  FindingType.SUCCESS_FACTOR, FindingType.IMPROVEMENT_PROPOSAL):
        cue = _cue_alternation(ftype)
        noun = rf"(?:\w*(?:{cue})\w*)"
        patterns = (
            # "betraktas som en risk", "anses vara en stor risk", "som ett förbättringsförslag"
            rf"\b(?:som|vara|är|utgör|as|be|is|are)\s+(?:en|ett|an?)\s+(?:\w+\s+){{0,2}}{noun}",
            # "... som viktiga framgångsfaktorer"
            rf"\bsom\s+(?:\w+\s+)?{noun}",
            # "En central rekommendation är att", "Viktiga riskfaktorer är"
            rf"^(?:(?:en|ett|an?|one)\s+)?(?:\w+\s+){{0,2}}({noun})\s+(?:är|var|kan vara|is|was)\b",
        )
        for pattern in patterns:
            match = re.search(pattern, lower)
            if match is None:
                continue
            word = (match.group(1) if match.groups() else match.group(0).split()[-1])
            if DEFINITE.search(word) and not any(word.endswith(c) for c in TYPE_CUES[ftype]):
                continue  # "risken", "rekommendationerna": about a known thing, not a finding
            return ftype
        if ftype is FindingType.RECOMMENDATION and re.search(
                r"\b(vi rekommenderar|rekommenderas|we recommend|is recommended)\b", lower):
            return ftype
    return None


@dataclass
class _Draft:
    type: FindingType
    ordinal: int
    spans: list[Span]
    method: Method
    group: int                 # drafts from one list, column or section share a group
    label: str = ""

    def __post_init__(self) -> None:
        if not self.label:
            self.label = _clean_label(self.spans[0].quote)


def extract(text: str, document_id: str) -> list[Finding]:
    """Extract the findings of one document from its repaired text.

    Parameters
    ----------
    text
        The repaired text of the document (see :func:`graph.repair.repair`).
    document_id
        The catalog id of the document; it is copied into every finding.

    Returns
    -------
    list of Finding
        In reading order of their first evidence; keys ``{type code}-{n}`` count each
        type from 1.

    Examples
    --------
    >>> doc = '''Rekommendationer
    ...
    ... Våra rekommendationer är följande:
    ...
    ... 1. Inför en tydlig rutin för
    ... överlämning mellan skolor.
    ... 2. Följ upp målen årligen.
    ... '''
    >>> [(f.key, f.label, f.ordinal) for f in extract(doc, "d")]
    [('rec-1', 'Inför en tydlig rutin för överlämning mellan skolor.', 1), ('rec-2', 'Följ upp målen årligen.', 2)]
    """
    drafts = list(_drafts(text))
    drafts = _merge_restatements(drafts)
    drafts.sort(key=lambda d: d.spans[0].start)
    counters: dict[FindingType, int] = {}
    findings = []
    for draft in drafts:
        counters[draft.type] = counters.get(draft.type, 0) + 1
        findings.append(Finding(
            document=document_id,
            key=f"{draft.type.code}-{counters[draft.type]}",
            type=draft.type,
            label=draft.label,
            section=draft.spans[0].section,
            ordinal=draft.ordinal,
            evidence=sorted(draft.spans, key=lambda s: s.start),
            method=draft.method.value,
            confidence=draft.method.confidence,
        ))
    return findings


def _drafts(text: str) -> Iterator[_Draft]:
    parts = blocks(text)
    section = ""
    interrupted = ""           # the section a box interrupted
    lead_in: str | None = None
    group = 0
    for k, block in enumerate(parts):
        if block.kind == "heading":
            heading = _clean_label(block.lines[0].text)
            nxt = parts[k + 1] if k + 1 < len(parts) else None
            if nxt is not None and nxt.kind == "list" and nxt.boxed:
                interrupted = section
            section, lead_in = heading, None
            continue
        if block.kind == "toc":
            continue
        if block.kind == "caption":
            lead_in = _clean_label(text[block.start:block.end])
            continue
        if block.kind == "paragraph":
            if interrupted and block.lines[0].text.lstrip()[:1].islower():
                section, interrupted = interrupted, ""
            group += 1
            yield from _prose(text, block, section, group)
            last = list(sentences(text, block.start, block.end))[-1]
            lead_in = text[last[0]:last[1]] if text[block.end - 1:block.end] == ":" \
                or text[last[0]:last[1]].rstrip().endswith(":") else None
            continue
        group += 1
        if block.kind == "list":
            ftype = (type_of(lead_in) if lead_in else None) or type_of(section)
            if ftype is not None:
                method = Method.BOX if block.boxed else Method.LIST
                for n, item in enumerate(block.items, 1):
                    yield _Draft(ftype, n, [_span(text, item.start, item.end, section)],
                                 method, group)
        elif block.kind == "table":
            for header, column in zip(block.headers, block.columns):
                ftype = type_of(header)
                if ftype is None:
                    continue
                group += 1
                for n, cell in enumerate(column, 1):
                    yield _Draft(ftype, n, [_span(text, cell.start, cell.end, section)],
                                 Method.TABLE, group)
        lead_in = None


def _prose(text: str, block: Block, section: str, group: int) -> Iterator[_Draft]:
    seen: dict[FindingType, int] = {}
    for start, end in sentences(text, block.start, block.end):
        ftype = prose_type(text[start:end])
        if ftype is not None:
            seen[ftype] = seen.get(ftype, 0) + 1
            yield _Draft(ftype, seen[ftype], [_span(text, start, end, section)],
                         Method.PROSE, group)


# --------------------------------------------------------------------------- merging

#: Two lists are one list stated twice when their items pair up this well on average.
SAME_LIST = 0.5
#: A prose sentence restates a list item or table cell that it contains this much of.
SAME_STATEMENT = 0.6
#: Two prose sentences state the same finding when their words overlap this much.
SAME_SENTENCE = 0.8


def _merge_restatements(drafts: list[_Draft]) -> list[_Draft]:
    """Fold restatements within one document into the first statement."""
    structured = [d for d in drafts if d.method is not Method.PROSE]
    prose = [d for d in drafts if d.method is Method.PROSE]
    kept = _merge_lists(structured)
    for sentence in prose:
        target = _best(sentence, kept)
        if target is not None:
            target.spans.extend(sentence.spans)
        else:
            kept.append(sentence)
    return kept


def _without_cues(text: str) -> str:
    """Drop the words that name a type: two risks share "risk" but not their content."""
    return " ".join(w for w in text.split() if _cue_type(w.lower()) is None)


def _best(sentence: _Draft, pool: Iterable[_Draft]) -> _Draft | None:
    best, score = None, 0.0
    said = _without_cues(sentence.label)
    for draft in pool:
        if draft.type is not sentence.type:
            continue
        if draft.method is Method.PROSE:  # two sentences: nearly the same words
            s = overlap(_without_cues(draft.label), said)
            s = s if s >= SAME_SENTENCE else 0.0
        else:                             # a sentence that contains a list item or cell
            s = containment(_without_cues(draft.label), said)
            s = s if s >= SAME_STATEMENT else 0.0
        if s > score:
            best, score = draft, s
    return best


def _merge_lists(drafts: list[_Draft]) -> list[_Draft]:
    groups: dict[int, list[_Draft]] = {}
    for d in drafts:
        groups.setdefault(d.group, []).append(d)
    kept: list[list[_Draft]] = []
    for members in groups.values():
        twin = next((g for g in kept if _same_list(g, members)), None)
        if twin is None:
            kept.append(members)
            continue
        for first, again in zip(twin, members):
            first.spans.extend(again.spans)
    return [d for g in kept for d in g]


def _same_list(a: list[_Draft], b: list[_Draft]) -> bool:
    if len(a) != len(b) or a[0].type is not b[0].type:
        return False
    scores = [overlap(x.label, y.label) for x, y in zip(a, b)]
    return sum(scores) / len(scores) >= SAME_LIST


# --------------------------------------------------------------------------- versions

#: A short version's finding restates a full report's finding that overlaps it this much.
RESTATES = 0.5


def link_restatements(short: list[Finding], full: list[Finding]) -> int:
    """Set ``restates`` on the findings of a short version that restate the full report.

    Pairs are matched one to one, best first, within a type; a short finding is compared
    with every evidence quote of a full finding.

    Returns
    -------
    int
        How many short findings were linked.

    Examples
    --------
    >>> def f(doc, key, label):
    ...     return Finding(doc, key, FindingType.RISK, label, "", 1,
    ...                    [Span(0, len(label), label, "")], "list", 1.0)
    >>> short = [f("s", "risk-1", "Omsättning i personal")]
    >>> link_restatements(short, [f("full", "risk-1", "Omsättning bland personal")])
    1
    >>> short[0].restates
    ('full', 'risk-1')
    """
    pairs = []
    for s in short:
        for g in full:
            if s.type is not g.type:
                continue
            score = max(overlap(s.label, span.quote) for span in g.evidence)
            if score >= RESTATES:
                pairs.append((score, s, g))
    pairs.sort(key=lambda p: -p[0])
    taken_short: set[int] = set()
    taken_full: set[int] = set()
    for _score, s, g in pairs:
        if id(s) in taken_short or id(g) in taken_full:
            continue
        s.restates = (g.document, g.key)
        taken_short.add(id(s))
        taken_full.add(id(g))
    return len(taken_short)

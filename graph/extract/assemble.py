"""Findings from repaired report text: layout blocks and cues assembled into findings.

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
from dataclasses import dataclass

from graph.config import EXTRACTION
from graph.extract.cues import Lang, prose_type, type_of
from graph.extract.entries import about_type, group_entries, paragraph_items
from graph.extract.layout import Block, blocks, sentences
from graph.extract.lines import MARKUP, split_lines
from graph.findings import Finding, FindingType, Method, Span
from graph.lang.profile import Profile, load_profile
from graph.lang.words import containment, overlap


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


def extract(text: str, document_id: str, lang: Lang = "sv") -> list[Finding]:
    """Extract the findings of one document from its repaired text.

    Parameters
    ----------
    text
        The repaired text of the document (see :func:`graph.repair.repair`).
    document_id
        The catalog id of the document; it is copied into every finding.
    lang
        The document's language: a profile code (``"sv"``, ``"en"``), a profile file's
        path or a loaded :class:`~graph.lang.profile.Profile`.

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
    profile = lang if isinstance(lang, Profile) else load_profile(lang)
    drafts = list(_drafts(text, profile))
    drafts = _merge_restatements(drafts, profile)
    drafts.sort(key=lambda d: d.spans[0].start)
    _drop_furniture_from_labels(drafts, text)
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


def _drop_furniture_from_labels(drafts: list[_Draft], text: str) -> None:
    """A label goes on over a page break without the page's header and footer."""
    skipped = [(line.start, line.end) for line in split_lines(text) if line.skip]
    for draft in drafts:
        span = draft.spans[0]
        inside = [(a, b) for a, b in skipped if span.start <= a and b <= span.end]
        if not inside:
            continue
        pieces, pos = [], span.start
        for a, b in inside:
            pieces.append(text[pos:a])
            pos = b
        pieces.append(text[pos:span.end])
        draft.label = _clean_label(" ".join(pieces))


def _drafts(text: str, profile: Profile) -> Iterator[_Draft]:
    parts = group_entries(blocks(text, profile), text, profile)
    section = ""
    section_type: FindingType | None = None     # a section about one type of finding
    pending: list[Block] = []                   # its paragraphs, items if no list follows
    interrupted = ""           # the section a box interrupted
    lead_in: str | None = None
    weak_lead: str | None = None   # the sentence just before a list, without a colon
    group = 0

    def flush() -> Iterator[_Draft]:
        nonlocal group
        items = paragraph_items([text[p.start:p.end] for p in pending], section_type,
                                profile.first_person)
        n = 0
        group += 1
        items_group = group
        for para, is_item in zip(pending, items):
            if is_item and section_type is not None:
                n += 1
                yield _Draft(section_type, n, [_span(text, para.start, para.end, section)],
                             Method.LIST, items_group)
            else:
                group += 1
                yield from _prose(text, para, section, group, profile)
        pending.clear()

    for k, block in enumerate(parts):
        if block.kind == "heading":
            weak_lead = None
            yield from flush()
            heading = _clean_label(MARKUP.sub("", block.lines[0].text))
            nxt = parts[k + 1] if k + 1 < len(parts) else None
            if nxt is not None and nxt.kind == "list" and nxt.boxed:
                interrupted = section
            section, lead_in = heading, None
            section_type = about_type(heading, profile)
            continue
        if block.kind == "toc":
            continue
        if block.kind == "caption":
            lead_in = _clean_label(text[block.start:block.end])
            continue
        if block.kind == "paragraph":
            if interrupted and block.lines[0].text.lstrip()[:1].islower():
                section, interrupted = interrupted, ""
            said = list(sentences(text, block.start, block.end))
            last = text[said[-1][0]:said[-1][1]].rstrip()
            lead_in, weak_lead = None, last
            if last.endswith(":") or last.split()[-1].lower() in profile.open_ends:
                lead_in = last
                if type_of(last, profile) is None and len(said) > 1:
                    # "Riksdagen bör ... . Bland annat att:": the sentence before leads in.
                    before = text[said[-2][0]:said[-2][1]]
                    if prose_type(before, profile) is not None:
                        lead_in = before
            if lead_in is not None or section_type is None or block.lines[0].text.lstrip()[:1] \
                    .islower():
                yield from flush()
                group += 1
                yield from _prose(text, block, section, group, profile)
            else:
                pending.append(block)
            continue
        pending_type = section_type
        if pending:
            section_type = None           # a list or table: the paragraphs were text
            yield from flush()
            section_type = pending_type
        group += 1
        if block.kind in ("list", "entry"):
            ftype = (type_of(lead_in, profile) if lead_in else None) \
                or (prose_type(lead_in, profile) if lead_in else None) \
                or (type_of(block.headers[0], profile) if block.headers else None) \
                or type_of(section, profile) \
                or (type_of(weak_lead, profile) if weak_lead and len(block.items) > 1
                    else None)
            if ftype is not None:
                method = Method.BOX if block.boxed else Method.LIST
                for n, item in enumerate(block.items, 1):
                    yield _Draft(ftype, n, [_span(text, item.start, item.end, section)],
                                 method, group)
        elif block.kind == "table":
            for header, column in zip(block.headers, block.columns):
                ftype = type_of(header, profile)
                if ftype is None:
                    continue
                group += 1
                for n, cell in enumerate(column, 1):
                    yield _Draft(ftype, n, [_span(text, cell.start, cell.end, section)],
                                 Method.TABLE, group)
        lead_in = weak_lead = None
        # A section that gave its findings as a list or table says the rest in text:
        # its later paragraphs are prose, not one item each.
        section_type = None
    yield from flush()


def _prose(text: str, block: Block, section: str, group: int,
           profile: Profile) -> Iterator[_Draft]:
    seen: dict[FindingType, int] = {}
    for start, end in sentences(text, block.start, block.end):
        ftype = prose_type(text[start:end], profile)
        if ftype is None:
            continue
        parts = inline_items(text, start, end)
        if parts:   # "We recommend that CMS (1) conduct ...; (2) identify ...": a list
            for n, (a, b) in enumerate(parts, 1):
                yield _Draft(ftype, n, [_span(text, a, b, section)], Method.LIST, group)
            continue
        seen[ftype] = seen.get(ftype, 0) + 1
        yield _Draft(ftype, seen[ftype], [_span(text, start, end, section)],
                     Method.PROSE, group)


INLINE = re.compile(r"(?:^|(?<=[\s;:,]))\((\d{1,2}|[a-h])\)\s+")


def inline_items(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """The items of an enumeration inside one sentence: "(1) ...; (2) ...; and (3) ...".

    Each item runs from its marker to the next marker, without the joining "; and".
    Markers must count up from 1 (or a).

    >>> t = "We recommend that CMS (1) review claims; (2) train staff; and (3) report."
    >>> [t[a:b] for a, b in inline_items(t, 0, len(t))]
    ['(1) review claims', '(2) train staff', '(3) report.']
    """
    marks = list(INLINE.finditer(text, start, end))
    expected = ["1", "2", "3", "4", "5", "6", "7", "8", "9"] if marks and \
        marks[0].group(1).isdigit() else list("abcdefgh")
    if len(marks) < 2 or [m.group(1) for m in marks] != expected[:len(marks)]:
        return []
    out = []
    for k, m in enumerate(marks):
        stop = marks[k + 1].start() if k + 1 < len(marks) else end
        piece = text[m.start():stop]
        trimmed = re.sub(r"[\s;,]*(?:\b(?:and|or|och|samt|eller)\s*)?$", "", piece)
        out.append((m.start(), m.start() + len(trimmed)))
    return out


def _merge_restatements(drafts: list[_Draft], profile: Profile) -> list[_Draft]:
    """Fold restatements within one document into the first statement."""
    structured = [d for d in drafts if d.method is not Method.PROSE]
    prose = [d for d in drafts if d.method is Method.PROSE]
    kept = _merge_lists(structured, profile)
    plain: dict[str, str] = {}  # label -> label without cue words, made once per label
    for sentence in prose:
        target = _best(sentence, kept, profile, plain)
        if target is not None:
            target.spans.extend(sentence.spans)
        else:
            kept.append(sentence)
    return kept


def _without_cues(text: str, profile: Profile, known: dict[str, str] | None = None) -> str:
    """Drop the words that name a type: two risks share "risk" but not their content
    (remembered in *known*, when given)."""
    if known is not None and text in known:
        return known[text]
    plain = " ".join(w for w in text.split()
                     if profile.cue_type(w.strip(".,:;!?()")) is None)
    if known is not None:
        known[text] = plain
    return plain


def _best(sentence: _Draft, pool: Iterable[_Draft], profile: Profile,
          plain: dict[str, str]) -> _Draft | None:
    best, score = None, 0.0
    said = _without_cues(sentence.label, profile, plain)
    for draft in pool:
        if draft.type is not sentence.type:
            continue
        if draft.method is Method.PROSE:  # two sentences: nearly the same words
            s = overlap(_without_cues(draft.label, profile, plain), said, profile.code)
            s = s if s >= EXTRACTION.same_sentence else 0.0
        else:                             # a sentence that contains a list item or cell
            s = containment(_without_cues(draft.label, profile, plain), said, profile.code)
            s = s if s >= EXTRACTION.same_statement else 0.0
        if s > score:
            best, score = draft, s
    return best


def _merge_lists(drafts: list[_Draft], profile: Profile) -> list[_Draft]:
    groups: dict[int, list[_Draft]] = {}
    for d in drafts:
        groups.setdefault(d.group, []).append(d)
    kept: list[list[_Draft]] = []
    for members in groups.values():
        twin = next((g for g in kept if _same_list(g, members, profile)), None)
        if twin is None:
            kept.append(members)
            continue
        for first, again in zip(twin, members):
            first.spans.extend(again.spans)
    return [d for g in kept for d in g]


def _same_list(a: list[_Draft], b: list[_Draft], profile: Profile) -> bool:
    if len(a) != len(b) or a[0].type is not b[0].type:
        return False
    scores = [overlap(x.label, y.label, profile.code) for x, y in zip(a, b)]
    return sum(scores) / len(scores) >= EXTRACTION.same_list


"""Sections about one type of finding whose items are headed paragraphs.

Under a heading about a type ("Rekommendationer riktade till kommunerna",
"Recommendations"), a run of sub-headings each followed by its paragraph(s) is a list:
each sub-heading with its paragraphs is one item (an ``entry`` block).  The run ends at
a heading with no paragraph after it, a heading about another type, a numbered heading,
a heading in capitals or a heading that is not a section of findings ("Referenser").
"""

from __future__ import annotations

import re

from graph.extract.cues import type_of
from graph.extract.layout import NUMBERED, Block, Item
from graph.findings import FindingType
from graph.lang.profile import Profile

#: A heading is about a type when a word naming it is among its first words.
ABOUT_WORDS = 2
#: Types whose sections list their findings as paragraphs: recommendations and
#: proposals prescribe, one paragraph each; a section on risks or success factors
#: discusses them, and its paragraphs are read for prose findings instead.
PARAGRAPH_TYPES = (FindingType.RECOMMENDATION, FindingType.IMPROVEMENT_PROPOSAL)
#: A paragraph longer than this, or quoting someone, is discussion, not an item.
PARAGRAPH_MAX = 900
QUOTES = re.compile(r"[\"”“„»«]")


def paragraph_items(paragraphs: list[str], ftype: FindingType | None,
                    first_person: frozenset[str] = frozenset()) -> list[bool]:
    """Which paragraphs of a section about *ftype* are its items, one each.

    In a section about recommendations or proposals with two paragraphs or more that
    open with a capital, these paragraphs are its items when every one of them is
    short and quotes no one (no quotation mark, no word of *first_person*: an
    interviewee's "jag"); a paragraph in lower case goes on after a page break and is
    not an item.  Otherwise the section is discussion and none is.

    >>> paragraph_items(["Stärk samverkan.", "Sätt mål."], FindingType.RECOMMENDATION)
    [True, True]
    >>> paragraph_items(["Stärk samverkan.", "Sätt mål."], FindingType.RISK)
    [False, False]
    """
    opens = [p.lstrip()[:1].isupper() for p in paragraphs]
    if ftype not in PARAGRAPH_TYPES or sum(opens) < 2:
        return [False] * len(paragraphs)
    for p, upper in zip(paragraphs, opens):
        words = {w.lower() for w in re.findall(r"[^\W\d_]+", p)}
        if upper and (len(p) > PARAGRAPH_MAX or QUOTES.search(p) or words & first_person):
            return [False] * len(paragraphs)
    return opens


def about_type(heading: str, profile: Profile) -> FindingType | None:
    """The type a heading is about: a cue among its first words, else ``None``.

    >>> from graph.lang.profile import load_profile
    >>> sv = load_profile("sv")
    >>> about_type("Rekommendationer riktade till kommunerna", sv).value
    'recommendation'
    >>> about_type("Diskussion, slutsatser och rekommendationer", sv) is None
    True
    """
    text = NUMBERED.sub("", heading)
    words = re.findall(r"[^\W\d_]+", text)[:ABOUT_WORDS]
    for word in words:
        found = profile.cue_type(word)
        if found is not None:
            return found
    return None


def _ends_run(block: Block, text: str, ftype: FindingType, profile: Profile) -> bool:
    line = block.lines[0].text.strip()
    other = type_of(line, profile)
    letters = [c for c in line if c.isalpha()]
    return (other is not None and other is not ftype) or bool(NUMBERED.match(line)) \
        or (len(letters) >= 4 and all(c.isupper() for c in letters)) \
        or line.lower() in profile.not_sections


def group_entries(parts: list[Block], text: str, profile: Profile) -> list[Block]:
    """Turn headed paragraphs under a heading about a type into ``entry`` blocks.

    >>> from graph.extract.layout import blocks
    >>> from graph.lang.profile import load_profile
    >>> t = "Rekommendationer\\n\\nStärk samverkan\\nGör mer.\\n\\nTydliga mål\\nSätt mål.\\n"
    >>> [b.kind for b in group_entries(blocks(t), t, load_profile("sv"))]
    ['heading', 'entry']
    """
    out: list[Block] = []
    k = 0
    while k < len(parts):
        block = parts[k]
        out.append(block)
        k += 1
        ftype = about_type(block.lines[0].text, profile) if block.kind == "heading" else None
        if ftype is None:
            continue
        items: list[Item] = []
        start = k
        while k + 1 < len(parts) and parts[k].kind == "heading" \
                and parts[k + 1].kind == "paragraph" \
                and not _ends_run(parts[k], text, ftype, profile):
            end = k + 1
            while end + 1 < len(parts) and parts[end + 1].kind == "paragraph":
                end += 1
            items.append(Item(parts[k].start, parts[end].end, "entry"))
            k = end + 1
        if len(items) >= 2:
            out.append(Block("entry", items[0].start, items[-1].end, items=items))
        elif items:   # one headed paragraph: plain text after all
            k = start
    return out

"""The alternative spellings repair may choose between, separator by separator.

The raw text is cut into runs of letters and separators; every separator between two
runs of letters gets a small set of alternatives: a glyph becomes its letters (with or
without its stray spaces), a single space may be a stray one (join), a gap may hold a
dropped glyph (fill), a line-end hyphen may go (join) or stay. Words themselves are
never rewritten.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import NamedTuple

from graph.ingest.lexicon import Lexicon
from graph.ingest.repair.costs import HYPHEN_KEEP_COST, JOIN_COST, SPACE_COST, space_cost
from graph.ingest.repair.damage import DamageAnalysis
from graph.ingest.repair.glyphs import (
    HYPHEN_BREAK,
    case,
    ends_with_split_sequence,
    is_gap,
    is_glyph,
)

__all__ = ["Alt", "Segment", "segments"]

#: Words after which a hyphen at a line end marks a suspended compound ("hälso- och").
_SUSPENSION_WORDS = frozenset({"och", "eller", "samt", "som", "till", "respektive", "resp"})


def suspension_words(language: str) -> frozenset[str]:
    """Words after which a line-end hyphen is suspended ("hälso- och"), from the
    language's profile (the Swedish list when there is no profile).

    >>> "and" in suspension_words("en"), "och" in suspension_words("sv")
    (True, True)
    """
    from graph.errors import InputError
    from graph.lang.profile import load_profile

    try:
        return load_profile(language).hyphen_suspenders or _SUSPENSION_WORDS
    except InputError:
        return _SUSPENSION_WORDS
#: Most alternatives kept while combining the parts of a separator with glyphs.
_MAX_GLYPH_ALTS = 64


class Alt(NamedTuple):
    """One alternative spelling of a segment."""

    text: str
    cost: float = 0.0
    optional: bool = False  # an edit the text does not require: unknown result is penalised
    hyphen: bool = False  # joins across a line break: the break moves after the word
    join: bool = False  # joins across a plain space: the parts must not both be words


@dataclass
class Segment:
    """A run of the raw text (``frag``: of letters) and its alternatives."""

    start: int
    end: int
    frag: bool
    alts: list[Alt]


def segments(analysis: DamageAnalysis, lex: Lexicon) -> list[Segment]:
    """Cut the analysed text into segments, each with its alternative spellings.

    Parameters
    ----------
    analysis
        The damage analysis of the text (glyph map, gap fills).
    lex
        The lexicon that decides which single spaces may be stray ones.

    Returns
    -------
    list of Segment
        In text order; letter runs and unremarkable separators have one alternative.

    Examples
    --------
    >>> from graph.ingest.lexicon import default_lexicon
    >>> from graph.ingest.repair.damage import analyse_damage
    >>> lex = default_lexicon()
    >>> [[a.text for a in s.alts] for s in segments(analyse_damage("fi nns", lex), lex)]
    [['fi'], [' ', ''], ['nns']]
    """
    raw, runs = analysis.raw, analysis.runs
    fills = analysis.fills
    glyphs = frozenset(analysis.glyph_counts)  # every glyph of the text
    segs: list[Segment] = []
    for k, (s, e, is_frag) in enumerate(runs):
        text = raw[s:e]
        if is_frag:
            segs.append(Segment(s, e, True, [Alt(text)]))
            continue
        left = raw[runs[k - 1][0]:runs[k - 1][1]] if k > 0 and runs[k - 1][2] else ""
        right = raw[runs[k + 1][0]:runs[k + 1][1]] if k + 1 < len(runs) and runs[k + 1][2] else ""
        alts = [Alt(text)]
        if glyphs and not glyphs.isdisjoint(text):
            alts = _glyph_alts(text, analysis, right)
        elif left and right and text == " ":
            if (not lex.is_word(left) or not lex.is_word(right)
                    or ends_with_split_sequence(left)):
                alts.append(Alt("", JOIN_COST, optional=True, join=True))
        elif left and right and HYPHEN_BREAK.fullmatch(text):
            alts = _hyphen_alts(text, left, right, fills, suspension_words(lex.language))
        elif left and right and fills and is_gap(text):
            alts = _gap_alts(fills, left, right, text)
        elif fills and (left or right) and text.strip(" "):
            alts = _edge_gap_alts(text, fills, left, right)
        segs.append(Segment(s, e, False, alts))
    return segs


def _glyph_alts(text: str, analysis: DamageAnalysis, right: str) -> list[Alt]:
    """Glyphs become their letters; the spaces after a glyph are its stray spaces plus
    perhaps a word boundary; a line-end hyphen after a glyph may join
    ("förutsäƩ -\\nningar")."""
    parts = re.findall(r"-[ ]*\n[ ]*| +|.", text, flags=re.DOTALL)
    options: list[list[tuple[str, float, bool]]] = []
    for i, p in enumerate(parts):
        if len(p) == 1 and is_glyph(p):
            options.append([(analysis.glyph_map.get(p, p), 0.0, False)])
        elif p.startswith(" ") and i > 0 and is_glyph(parts[i - 1]):
            stray, n = analysis.glyph_stray.get(parts[i - 1], 1), len(p)
            options.append([(" ", SPACE_COST * abs(n - stray - 1), False),
                            ("", SPACE_COST * abs(n - stray), False)])
        elif p.startswith("-") and "\n" in p and (
                i < len(parts) - 1 or (right and right.lower()
                                       not in suspension_words(analysis.lex.language))):
            options.append([("", 0.0, True), ("-", HYPHEN_KEEP_COST, True)])
        else:
            options.append([(p, 0.0, False)])
    alts: list[tuple[str, float, bool]] = [("", 0.0, False)]
    for opt in options:
        alts = [(a + o, c + oc, h or oh) for a, c, h in alts
                for o, oc, oh in opt][:_MAX_GLYPH_ALTS]
    best: dict[tuple[str, bool], float] = {}
    for a, c, h in alts:
        best[(a, h)] = min(c, best.get((a, h), c))
    return [Alt(a, c, hyphen=h) for (a, h), c in best.items()]


def _hyphen_alts(text: str, left: str, right: str, fills: dict[str, float],
                 suspenders: frozenset[str] = _SUSPENSION_WORDS) -> list[Alt]:
    """A line-end hyphen: join, keep it inside the joined word, or (suspended compound
    "hälso- och", or a dash after a space) leave it; a gap on either side of it may be a
    dropped glyph ("organisa  -\\nonen", "iden-\\n fi erade")."""
    m = HYPHEN_BREAK.fullmatch(text)
    if m is None or right.lower() in suspenders:
        return [Alt(text)]
    before, after = m.group(1), m.group(3)
    if not before and len(left) >= 2 and left.isupper() and right.islower():
        return [Alt("-", hyphen=True)]  # Swedish writes acronym compounds with a hyphen
    if before:  # "word -": a dash, unless a dropped glyph left the spaces
        alts = [Alt(text)]
        alts += [Alt(f, c + space_cost(len(before), 1, 0), optional=True, hyphen=True)
                 for f, c in fills.items()]
        return alts
    alts = [Alt("", hyphen=True), Alt("-", HYPHEN_KEEP_COST, hyphen=True)]
    if after:  # a leading space on the next line may be a dropped glyph
        alts += [Alt(case(right, f), c, optional=True, hyphen=True) for f, c in fills.items()]
    return alts


def _gap_alts(fills: dict[str, float], left: str, right: str, text: str) -> list[Alt]:
    """A gap between letters: spaces, or one or two dropped glyphs around a boundary."""
    n = len(text)
    out = [Alt(text, space_cost(n, 0, 1))]
    for f, fc in fills.items():
        fl, fr = case(left, f), case(right, f)
        out += [Alt(fl, fc + space_cost(n, 1, 0), True)]
        one = fc + space_cost(n, 1, 1)
        out += [Alt(" " + fr, one, True), Alt(fl + " ", one, True)]
        if n >= 3:  # two glyphs around a word boundary: "gå    ll" = "gått till"
            out += [Alt(fl + " " + case(right, g), fc + gc + space_cost(n, 2, 1), True)
                    for g, gc in fills.items()]
    return out


def _edge_gap_alts(text: str, fills: dict[str, float], left: str, right: str) -> list[Alt]:
    """A gap next to punctuation or a line break: "arbetssä  , nya", "svår a   \\nreal"."""
    m = re.fullmatch(r"( *)(.*?)( *)", text, flags=re.DOTALL)
    if m is None or not m.group(2):
        return [Alt(text)]
    before, core, after = m.groups()
    keep = 0.0
    if left and len(before) >= 2:  # spaces before punctuation are rare, before a break one
        keep = SPACE_COST * max(0, len(before) - (1 if core.startswith("\n") else 0))
    out = [Alt(text, keep)]
    if left and len(before) >= 2:
        slack = 1 if core.startswith("\n") else 0  # lines often end with a space
        cost = space_cost(len(before), 1, 0, slack)
        out += [Alt(case(left, f) + core + after, fc + cost, True) for f, fc in fills.items()]
    if right and after and (core.endswith("\n") or len(after) >= 2):
        cost = space_cost(len(after), 1, 0 if core.endswith("\n") else 1)
        out += [Alt(before + core + case(right, f), fc + cost, True) for f, fc in fills.items()]
    return out

"""Repair of text damaged by PDF extraction, with an offset map back to the raw text.

Damage handled, all decided by a lexicon and never by a table of expected words:

* **ligature glyphs**: a font's ligatures mapped to wrong code points ("iniƟ ering");
  each unknown glyph's letter sequence is learned per document by voting;
* **Unicode ligatures** (ﬁ ﬂ ﬀ ﬃ ﬄ ...), expanded by compatibility decomposition;
* **stray spaces** inside words, mostly after a ligature ("fi nns", "eff ektmål");
* **dropped glyphs**: a ligature lost entirely, leaving a gap of spaces ("vik  ga");
* **line-end hyphenation** ("följeforsk-\\nning"), keeping suspended compounds
  ("hälso- och") and real hyphen compounds.

Every separator between two runs of letters gets a small set of alternative spellings;
a Viterbi search over the whole text picks the combination whose words are most
plausible under a unigram model (the lexicon's zipf scores), with small costs for
optional edits and a heavy one for an optional edit that yields an unknown word.
Words themselves are never rewritten. Line structure is kept: a word joined across a
line break stays on the first line and the line break moves after it.
"""

from __future__ import annotations

import math
import re
import unicodedata
from bisect import bisect_right
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from itertools import pairwise
from typing import Any, NamedTuple

from graph.errors import InputError
from graph.ingest.lexicon import Lexicon, default_lexicon

__all__ = [
    "LIGATURE_SEQUENCES",
    "Edit",
    "RepairedText",
    "TextStats",
    "damage_profile",
    "is_glyph",
    "lexicon_share",
    "repair",
    "text_stats",
]

#: Letter sequences that Latin typefaces set as one ligature glyph. General typographic
#: knowledge: the candidates an unknown glyph or a dropped glyph may stand for.
LIGATURE_SEQUENCES: tuple[str, ...] = (
    "fi", "fl", "ff", "ffi", "ffl", "ft", "fft", "fj", "fb", "fh", "fk",
    "ti", "tt", "tti", "tf", "th", "st", "ct", "sp",
)
#: Sequences whose ligature is typically split by extraction into letters + a space.
_SPLIT_SEQUENCES = ("ff", "fi", "fl", "ffi", "ffl", "ft", "fft", "fj")
#: Words after which a hyphen at a line end marks a suspended compound ("hälso- och").
_SUSPENSION_WORDS = frozenset({"och", "eller", "samt", "som", "till", "respektive", "resp"})

_LETTERS = "A-Za-zÀ-ÖØ-öø-ÿ"  # the alphabet of the text: Latin with Latin-1 letters
_RUN = re.compile(f"[{_LETTERS}]+|[^{_LETTERS}]+")
_IS_LETTER = re.compile(f"[{_LETTERS}]")
_HYPHEN_BREAK = re.compile(r"( *)-( *)\r?\n( *)")
_WORD = re.compile(r"[^\W\d_]+")

# Model costs, on the log10 scale of the lexicon's zipf scores.
_UNKNOWN = -25.0  # log-probability of an unknown token
_OPT_UNKNOWN = -40.0  # extra per optional edit (join, fill) that made an unknown token
_JOIN_COST = 1.0  # joining across a single space
_FILL_COST = 0.5  # filling a gap with one ligature sequence
_HYPHEN_KEEP_COST = 3.0  # keeping a line-end hyphen: only when the joined form is no word
_MIN_SHARE = 0.02  # floor of a sequence's share among a document's dropped glyphs
_SPACE_COST = 2.0  # per space more or fewer than damage of that kind leaves
_OPEN_ESTIMATE = -9.0  # what a still open, word-like token will probably cost
_BEAM = 24


def is_glyph(ch: str) -> bool:
    """Whether ``ch`` is an unknown glyph rather than a letter of the text or typography.

    Letters outside Latin-1 (e.g. Ɵ, Ʃ, Ō, ƫ), private-use characters and the Unicode
    ligatures are glyphs; digits, punctuation, quotes, dashes, bullets, superscripts
    and symbols are not.

    Parameters
    ----------
    ch
        One character.

    Returns
    -------
    bool

    Examples
    --------
    >>> [is_glyph(c) for c in "Ɵ" "ﬁ" "ö" "é" "•" "¹" "§" "–"]
    [True, True, False, False, False, False, False, False]
    """
    cat = unicodedata.category(ch)
    return cat == "Co" or (cat.startswith("L") and ord(ch) > 0xFF)


def _unicode_ligature(ch: str) -> str | None:
    """The letters a Unicode ligature decomposes to, else None.

    >>> _unicode_ligature("ﬃ"), _unicode_ligature("Ɵ")
    ('ffi', None)
    """
    dec = unicodedata.normalize("NFKC", ch)
    return dec if dec != ch and len(dec) > 1 and dec.isascii() and dec.isalpha() else None


class Edit(NamedTuple):
    """One replacement of ``raw[raw_start:raw_end]`` by ``replacement``."""

    raw_start: int
    raw_end: int
    replacement: str


@dataclass
class RepairedText:
    """A repaired text, its raw original and the edits between them.

    Examples
    --------
    >>> r = RepairedText("a  b-\\nc", "a bc\\n", [Edit(1, 3, " "), Edit(4, 6, ""),
    ...                                          Edit(7, 7, "\\n")])
    >>> r.to_repaired(3), r.to_raw(2), r.to_repaired(6), r.to_raw(3)
    (2, 3, 3, 4)
    """

    raw: str
    text: str
    edits: list[Edit]
    profile: dict[str, Any] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.edits = sorted(self.edits)
        self._raw_starts = [e.raw_start for e in self.edits]
        self._rep_starts: list[int] = []
        delta = 0
        for e in self.edits:
            self._rep_starts.append(e.raw_start + delta)
            delta += len(e.replacement) - (e.raw_end - e.raw_start)

    @property
    def changed(self) -> bool:
        """Whether any edit was made."""
        return bool(self.edits)

    def to_repaired(self, raw_offset: int) -> int:
        """Map an offset in :attr:`raw` to the corresponding offset in :attr:`text`.

        Offsets at edit boundaries map exactly (the start of an edit to the start of its
        replacement, its end to the end); an offset inside an edited span maps into the
        replacement (clamped to its end).

        Parameters
        ----------
        raw_offset
            0 <= raw_offset <= len(raw).

        Returns
        -------
        int
        """
        if not 0 <= raw_offset <= len(self.raw):
            raise InputError(f"raw offset {raw_offset} outside 0..{len(self.raw)}")
        if raw_offset == len(self.raw):
            return len(self.text)  # the ends map to each other, even after an insertion
        i = bisect_right(self._raw_starts, raw_offset) - 1
        if i < 0:
            return raw_offset
        e, rs = self.edits[i], self._rep_starts[i]
        if raw_offset == e.raw_start:
            return rs  # the start of an edit maps to the start of its replacement
        if raw_offset >= e.raw_end:
            return rs + len(e.replacement) + raw_offset - e.raw_end
        return rs + min(raw_offset - e.raw_start, len(e.replacement))

    def to_raw(self, offset: int) -> int:
        """Map an offset in :attr:`text` back to the raw, extracted text.

        The start of a replacement maps to the start of the raw span it replaced (for a
        deletion, where start and end coincide, to the start), its end to the end.

        Parameters
        ----------
        offset
            0 <= offset <= len(text).

        Returns
        -------
        int
        """
        if not 0 <= offset <= len(self.text):
            raise InputError(f"offset {offset} outside 0..{len(self.text)}")
        if offset == len(self.text):
            return len(self.raw)  # the ends map to each other, even after a deletion
        i = bisect_right(self._rep_starts, offset) - 1
        if i < 0:
            return offset
        e, rs = self.edits[i], self._rep_starts[i]
        rep_end = rs + len(e.replacement)
        if offset == rs:
            return e.raw_start  # also for a deletion: the left end of the removed text
        if offset >= rep_end:
            return e.raw_end + offset - rep_end
        return e.raw_start + min(offset - rs, e.raw_end - e.raw_start)

    def span_to_raw(self, start: int, end: int) -> tuple[int, int]:
        """Map a span of the repaired text to the raw span that covers it."""
        return self.to_raw(start), self.to_raw(end)


@dataclass(frozen=True)
class TextStats:
    """How many alphabetic tokens (length >= 2) a text has, and how many are known."""

    tokens: int
    known: int

    @property
    def share(self) -> float:
        """known / tokens (1.0 for a text without tokens)."""
        return self.known / self.tokens if self.tokens else 1.0


def text_stats(text: str, lexicon: Lexicon | None = None) -> TextStats:
    """Count the alphabetic tokens of ``text`` that the *package* lexicon accepts.

    Added vocabulary is ignored (``lexicon.base`` is used), so the measure stays honest
    when repair itself used the vocabulary of the texts.

    Parameters
    ----------
    text
        Any text.
    lexicon
        Defaults to :func:`graph.lexicon.default_lexicon`.

    Returns
    -------
    TextStats
    """
    lex = (lexicon or default_lexicon()).base
    toks = [t for t in _WORD.findall(text) if len(t) >= 2]
    return TextStats(len(toks), sum(1 for t in toks if lex.is_word(t)))


def lexicon_share(text: str, lexicon: Lexicon | None = None) -> float:
    """Share of alphabetic tokens (length >= 2) of ``text`` the package lexicon accepts.

    Parameters
    ----------
    text
        Any text.
    lexicon
        Defaults to :func:`graph.lexicon.default_lexicon`; its vocabulary is ignored.

    Returns
    -------
    float
    """
    return text_stats(text, lexicon).share


# -- segmentation ------------------------------------------------------------------------
class _Alt(NamedTuple):
    text: str
    cost: float = 0.0
    optional: bool = False  # an edit the text does not require: unknown result is penalised
    hyphen: bool = False  # joins across a line break: the break moves after the word
    join: bool = False  # joins across a plain space: the parts must not both be words


@dataclass
class _Seg:
    start: int
    end: int
    frag: bool
    alts: list[_Alt]


def _runs(raw: str) -> list[tuple[int, int, bool]]:
    return [(m.start(), m.end(), bool(_IS_LETTER.match(m.group()))) for m in _RUN.finditer(raw)]


def _ends_with_split_sequence(word: str) -> bool:
    low = word.lower()
    return any(low.endswith(s) for s in _SPLIT_SEQUENCES)


def _is_gap(sep: str) -> bool:
    return len(sep) >= 2 and sep.strip(" ") == ""


class _Context:
    """Per-document knowledge: glyph mapping, gap fills, lexicon."""

    def __init__(self, raw: str, lex: Lexicon) -> None:
        self.raw = raw
        self.lex = lex
        self.runs = _runs(raw)
        self.glyph_counts = Counter(ch for ch in raw if is_glyph(ch))
        self.glyph_map: dict[str, str] = {}
        self.glyph_stray: dict[str, int] = {}
        self.glyph_votes: dict[str, dict[str, float]] = {}
        self.fill_votes: dict[str, float] = {}
        self.suspicious_gaps = 0
        self.gaps = 0

    def known(self, word: str) -> float:
        return self.lex.score(word) if word and self.lex.maybe_word(word) else 0.0

    def lp(self, word: str) -> float:
        s = self.known(word)
        return s - 9.0 if s > 0 else _UNKNOWN

    # -- learning the glyph map by voting -------------------------------------------------
    def learn_glyphs(self) -> None:
        raw = self.raw
        votes: dict[str, dict[str, float]] = defaultdict(lambda: defaultdict(float))
        evidence: dict[str, dict[str, list[int]]] = defaultdict(lambda: defaultdict(list))
        for pos, ch in enumerate(raw):
            if ch not in self.glyph_counts:
                continue
            uni = _unicode_ligature(ch)
            if uni is not None:
                self.glyph_map[ch] = uni
                continue
            left_det = pos == 0 or not is_glyph(raw[pos - 1])
            left = _letters_before(raw, pos) if left_det else ""
            j = pos + 1
            while j < len(raw) and raw[j] == " ":
                j += 1
            right_det = True
            right = _letters_after(raw, j)
            if j + len(right) < len(raw) and is_glyph(raw[j + len(right)]):
                right_det = False
            # Each occurrence votes for the expansion(s) giving its most plausible words.
            scores: dict[str, float] = {}
            for seq in LIGATURE_SEQUENCES:
                seq_c = _case(left or right, seq)
                joined = boundary = 0.0
                if left_det and right_det and (left or right):
                    joined = self.known(left + seq_c + right)
                if j > pos + 1 and left_det and left:  # the space after it is a boundary
                    other = self.known(right) if right_det and right else 9.0
                    boundary = min(self.known(left + seq_c), other)
                if max(joined, boundary) > 0:
                    scores[seq] = max(joined, boundary)
                    if joined > 0 and boundary == 0:
                        evidence[ch][seq].append(j - pos - 1)
            if scores:
                top = max(scores.values())
                winners = [s for s, v in scores.items() if v == top]
                for seq in winners:
                    votes[ch][seq] += 1.0 / len(winners)
        for ch, v in votes.items():
            self.glyph_votes[ch] = dict(v)
            self.glyph_map[ch] = max(v, key=lambda s: v[s])
            # How many stray spaces this glyph leaves: the usual count where the letters
            # around it only make a word when joined.
            ns = Counter(evidence[ch][self.glyph_map[ch]])
            self.glyph_stray[ch] = ns.most_common(1)[0][0] if ns else 1

    # -- learning which sequences dropped glyphs stood for ----------------------------------
    def learn_gaps(self) -> None:
        runs, raw = self.runs, self.raw
        votes: dict[str, float] = defaultdict(float)
        for k in range(1, len(runs) - 1):
            s, e, is_frag = runs[k]
            if is_frag or not _is_gap(raw[s:e]):
                continue
            left, right = raw[runs[k - 1][0]:runs[k - 1][1]], raw[runs[k + 1][0]:runs[k + 1][1]]
            if not (runs[k - 1][2] and runs[k + 1][2]):
                continue
            self.gaps += 1
            keep = self.lp(left) + self.lp(right) - _space_cost(e - s, 0, 1)
            best_seq, best = "", keep + _FILL_COST
            for seq in LIGATURE_SEQUENCES:
                options = [(left + _case(left, seq) + right,),
                           (left + _case(left, seq), right),
                           (left, _case(right, seq) + right)]
                for toks in options:
                    if all(self.known(t) for t in toks):
                        sc = sum(self.lp(t) for t in toks)
                        if sc > best:
                            best_seq, best = seq, sc
            if best_seq:
                self.suspicious_gaps += 1
                votes[best_seq] += best - keep
        self.fill_votes = dict(votes)

    @property
    def fill_enabled(self) -> bool:
        # One suspicious gap may be chance in a clean text; with other glyph damage or a
        # second one, the document has lost glyphs.
        if self.suspicious_gaps >= 1 and self.glyph_map:
            return True
        return self.suspicious_gaps >= 2 and self.suspicious_gaps >= 0.25 * self.gaps

    @property
    def fills(self) -> dict[str, float]:
        """Sequences a gap may stand for -> cost of filling one in: the per-document
        prior -log10(share of the gap votes), plus a base cost."""
        if not self.fill_enabled:
            return {}
        ranked = sorted(self.fill_votes, key=lambda s: -self.fill_votes[s])[:5]
        total = sum(self.fill_votes[s] for s in ranked) or 1.0
        out = {s: _FILL_COST - math.log10(max(self.fill_votes[s] / total, _MIN_SHARE))
               for s in ranked}
        for seq in self.glyph_map.values():  # the font's other ligatures may drop too
            if seq not in out and seq.isalpha():
                out[seq] = _FILL_COST - math.log10(_MIN_SHARE)
        return out


def _letters_before(raw: str, pos: int) -> str:
    i = pos
    while i > 0 and _IS_LETTER.match(raw[i - 1]):
        i -= 1
    return raw[i:pos]


def _letters_after(raw: str, pos: int) -> str:
    j = pos
    while j < len(raw) and _IS_LETTER.match(raw[j]):
        j += 1
    return raw[pos:j]


def _case(neighbour: str, seq: str) -> str:
    """Spell ``seq`` in the case of the word it joins (upper case in upper-case words)."""
    return seq.upper() if len(neighbour) > 1 and neighbour.isupper() else seq


def _segments(ctx: _Context) -> list[_Seg]:
    raw, runs, lex = ctx.raw, ctx.runs, ctx.lex
    fills = ctx.fills
    segs: list[_Seg] = []
    for k, (s, e, is_frag) in enumerate(runs):
        text = raw[s:e]
        if is_frag:
            segs.append(_Seg(s, e, True, [_Alt(text)]))
            continue
        left = raw[runs[k - 1][0]:runs[k - 1][1]] if k > 0 and runs[k - 1][2] else ""
        right = raw[runs[k + 1][0]:runs[k + 1][1]] if k + 1 < len(runs) and runs[k + 1][2] else ""
        alts = [_Alt(text)]
        if any(is_glyph(c) for c in text):
            alts = _glyph_alts(text, ctx, right)
        elif left and right and text == " ":
            if (not lex.is_word(left) or not lex.is_word(right)
                    or _ends_with_split_sequence(left)):
                alts.append(_Alt("", _JOIN_COST, optional=True, join=True))
        elif left and right and _HYPHEN_BREAK.fullmatch(text):
            alts = _hyphen_alts(text, left, right, fills)
        elif left and right and fills and _is_gap(text):
            alts = _gap_alts(fills, left, right, text)
        elif fills and (left or right) and text.strip(" "):
            alts = _edge_gap_alts(text, fills, left, right)
        segs.append(_Seg(s, e, False, alts))
    return segs


def _glyph_alts(text: str, ctx: _Context, right: str) -> list[_Alt]:
    """Glyphs become their letters; the spaces after a glyph are its stray spaces plus
    perhaps a word boundary; a line-end hyphen after a glyph may join
    ("förutsäƩ -\\nningar")."""
    parts = re.findall(r"-[ ]*\n[ ]*| +|.", text, flags=re.DOTALL)
    options: list[list[tuple[str, float, bool]]] = []
    for i, p in enumerate(parts):
        if len(p) == 1 and is_glyph(p):
            options.append([(ctx.glyph_map.get(p, p), 0.0, False)])
        elif p.startswith(" ") and i > 0 and is_glyph(parts[i - 1]):
            stray, n = ctx.glyph_stray.get(parts[i - 1], 1), len(p)
            options.append([(" ", _SPACE_COST * abs(n - stray - 1), False),
                            ("", _SPACE_COST * abs(n - stray), False)])
        elif p.startswith("-") and "\n" in p and (
                i < len(parts) - 1 or (right and right.lower() not in _SUSPENSION_WORDS)):
            options.append([("", 0.0, True), ("-", _HYPHEN_KEEP_COST, True)])
        else:
            options.append([(p, 0.0, False)])
    alts: list[tuple[str, float, bool]] = [("", 0.0, False)]
    for opt in options:
        alts = [(a + o, c + oc, h or oh) for a, c, h in alts for o, oc, oh in opt][:64]
    best: dict[tuple[str, bool], float] = {}
    for a, c, h in alts:
        best[(a, h)] = min(c, best.get((a, h), c))
    return [_Alt(a, c, hyphen=h) for (a, h), c in best.items()]


def _hyphen_alts(text: str, left: str, right: str, fills: dict[str, float]) -> list[_Alt]:
    """A line-end hyphen: join, keep it inside the joined word, or (suspended compound
    "hälso- och", or a dash after a space) leave it; a gap on either side of it may be a
    dropped glyph ("organisa  -\\nonen", "iden-\\n fi erade")."""
    m = _HYPHEN_BREAK.fullmatch(text)
    if m is None or right.lower() in _SUSPENSION_WORDS:
        return [_Alt(text)]
    before, after = m.group(1), m.group(3)
    if not before and len(left) >= 2 and left.isupper() and right.islower():
        return [_Alt("-", hyphen=True)]  # Swedish writes acronym compounds with a hyphen
    if before:  # "word -": a dash, unless a dropped glyph left the spaces
        alts = [_Alt(text)]
        alts += [_Alt(f, c + _space_cost(len(before), 1, 0), optional=True, hyphen=True)
                 for f, c in fills.items()]
        return alts
    alts = [_Alt("", hyphen=True), _Alt("-", _HYPHEN_KEEP_COST, hyphen=True)]
    if after:  # a leading space on the next line may be a dropped glyph
        alts += [_Alt(_case(right, f), c, optional=True, hyphen=True) for f, c in fills.items()]
    return alts


def _space_cost(spaces: int, glyphs: int, boundaries: int, slack: int = 0) -> float:
    """Cost of explaining ``spaces`` spaces by dropped glyphs and word boundaries.

    A dropped glyph leaves one space, or two with its stray space; a boundary one.

    >>> _space_cost(4, 2, 1), _space_cost(4, 1, 1), _space_cost(2, 0, 1)
    (0.0, 2.0, 2.0)
    """
    lo, hi = glyphs + boundaries, 2 * glyphs + boundaries + slack
    return _SPACE_COST * max(0, lo - spaces, spaces - hi)


def _gap_alts(fills: dict[str, float], left: str, right: str, text: str) -> list[_Alt]:
    n = len(text)
    out = [_Alt(text, _space_cost(n, 0, 1))]
    for f, fc in fills.items():
        fl, fr = _case(left, f), _case(right, f)
        out += [_Alt(fl, fc + _space_cost(n, 1, 0), True)]
        one = fc + _space_cost(n, 1, 1)
        out += [_Alt(" " + fr, one, True), _Alt(fl + " ", one, True)]
        if n >= 3:  # two glyphs around a word boundary: "gå    ll" = "gått till"
            out += [_Alt(fl + " " + _case(right, g), fc + gc + _space_cost(n, 2, 1), True)
                    for g, gc in fills.items()]
    return out


def _edge_gap_alts(text: str, fills: dict[str, float], left: str, right: str) -> list[_Alt]:
    """A gap next to punctuation or a line break: "arbetssä  , nya", "svår a   \\nreal"."""
    m = re.fullmatch(r"( *)(.*?)( *)", text, flags=re.DOTALL)
    if m is None or not m.group(2):
        return [_Alt(text)]
    before, core, after = m.groups()
    keep = 0.0
    if left and len(before) >= 2:  # spaces before punctuation are rare, before a break one
        keep = _SPACE_COST * max(0, len(before) - (1 if core.startswith("\n") else 0))
    out = [_Alt(text, keep)]
    if left and len(before) >= 2:
        slack = 1 if core.startswith("\n") else 0  # lines often end with a space
        cost = _space_cost(len(before), 1, 0, slack)
        out += [_Alt(_case(left, f) + core + after, fc + cost, True) for f, fc in fills.items()]
    if right and after and (core.endswith("\n") or len(after) >= 2):
        cost = _space_cost(len(after), 1, 0 if core.endswith("\n") else 1)
        out += [_Alt(before + core + _case(right, f), fc + cost, True) for f, fc in fills.items()]
    return out


# -- the search ---------------------------------------------------------------------------
def _search(segs: list[_Seg], lex: Lexicon) -> list[str]:
    """Viterbi over the segments' alternatives; returns the chosen text per segment.

    A state is the open (unfinished) token, the number of optional edits in it, where
    plain-space joins cut it, and whether a line break moved by a hyphen join is still
    to be placed. Tokens are scored when they close.
    """
    memo: dict[str, float | None] = {}

    def logp(tok: str) -> float | None:
        if tok not in memo:
            ok = all(_IS_LETTER.match(c) for c in tok) and lex.maybe_word(tok)
            memo[tok] = lex.logp(tok) if ok else None
        return memo[tok]

    def lp(tok: str, opt: int, cuts: tuple[int, ...]) -> float:
        s = logp(tok)
        if s is None:
            return _UNKNOWN + _OPT_UNKNOWN * opt
        if cuts:  # joined across spaces: no likelier than the parts written apart
            bounds = (0, *cuts, len(tok))
            parts = [logp(tok[a:b]) for a, b in pairwise(bounds)]
            if all(p is not None for p in parts):
                s = min(s, sum(parts) - _JOIN_COST)  # type: ignore[arg-type]
        return s

    est_memo: dict[tuple[str, int], float] = {}

    def estimate(opn: str, opt: int) -> float:
        """Rough cost still to come for an open token, to rank states fairly."""
        if not opn:
            return 0.0
        key = (opn, opt)
        if key not in est_memo:
            s = logp(opn)
            if s is not None:
                est_memo[key] = s
            elif lex.could_start(opn):
                est_memo[key] = _OPEN_ESTIMATE
            else:
                est_memo[key] = _UNKNOWN + _OPT_UNKNOWN * opt
        return est_memo[key]

    State = tuple[str, int, tuple[int, ...], bool]
    beam: dict[State, float] = {("", 0, (), False): 0.0}
    back: list[dict[State, tuple[State, str]]] = []
    for seg in segs:
        nxt: dict[State, float] = {}
        ptr: dict[State, tuple[State, str]] = {}
        for st, score in beam.items():
            for alt in seg.alts:
                opn, opt, cuts, pending = st
                text = alt.text
                if pending and not seg.frag:
                    if "\n" in text:
                        pending = False
                    elif " " in text:
                        text = re.sub(" +", "\n", text, count=1)
                        pending = False
                total = score - alt.cost
                if alt.optional:
                    opt += 1
                if alt.join:
                    cuts = (*cuts, len(opn))
                if seg.frag or (text.isalpha() and text):
                    opn += text
                else:
                    for ch in text:
                        if ch.isalpha():
                            opn += ch
                            continue
                        if opn:
                            total += lp(opn, opt, cuts)
                        opn, opt, cuts = "", int(alt.optional), ()
                if alt.hyphen:
                    pending = True
                key = (opn, opt, cuts, pending)
                if total > nxt.get(key, float("-inf")):
                    nxt[key] = total
                    ptr[key] = (st, text)
        if len(nxt) > _BEAM:
            ranked = sorted(nxt.items(), key=lambda kv: -(kv[1] + estimate(kv[0][0], kv[0][1])))
            nxt = dict(ranked[:_BEAM])
        beam = nxt
        back.append(ptr)
    final = max(beam, key=lambda st: beam[st] + (lp(*st[:3]) if st[0] else 0.0))
    out: list[str] = []
    st = final
    for ptr in reversed(back):
        st, text = ptr[st]
        out.append(text)
    out.reverse()
    return out


def _analyse(raw: str, lex: Lexicon) -> _Context:
    ctx = _Context(raw, lex)
    ctx.learn_glyphs()
    ctx.learn_gaps()
    return ctx


def damage_profile(raw: str, lexicon: Lexicon | None = None) -> dict[str, Any]:
    """Describe the extraction damage of ``raw``; used to decide which repairs to try.

    Parameters
    ----------
    raw
        Extracted text.
    lexicon
        Defaults to :func:`graph.lexicon.default_lexicon`.

    Returns
    -------
    dict
        ``glyphs`` (unknown glyph -> count), ``glyph_map`` (glyph -> learned letters),
        ``glyph_votes``, ``gaps`` (space runs of 2+ between letters), ``suspicious_gaps``
        (those a ligature filling explains better), ``fill_votes``, ``dropped_glyphs``
        (bool), ``fills`` (sequences tried in gaps), ``split_ligatures`` (a split-prone
        sequence + space + letters where a neighbour is no word) and ``line_hyphens``.
    """
    ctx = _analyse(raw, lexicon or default_lexicon())
    return _profile(ctx)


def _profile(ctx: _Context) -> dict[str, Any]:
    raw, runs, lex = ctx.raw, ctx.runs, ctx.lex
    split = hyph = 0
    for k in range(1, len(runs) - 1):
        s, e, frag = runs[k]
        if frag or not (runs[k - 1][2] and runs[k + 1][2]):
            continue
        left, right = raw[runs[k - 1][0]:runs[k - 1][1]], raw[runs[k + 1][0]:runs[k + 1][1]]
        if raw[s:e] == " " and _ends_with_split_sequence(left) and (
                not lex.is_word(left) or not lex.is_word(right)):
            split += 1
        elif _HYPHEN_BREAK.fullmatch(raw[s:e]):
            hyph += 1
    return {
        "glyphs": dict(ctx.glyph_counts),
        "glyph_map": dict(ctx.glyph_map),
        "glyph_stray_spaces": dict(ctx.glyph_stray),
        "glyph_votes": ctx.glyph_votes,
        "gaps": ctx.gaps,
        "suspicious_gaps": ctx.suspicious_gaps,
        "fill_votes": ctx.fill_votes,
        "dropped_glyphs": ctx.fill_enabled,
        "fills": {s: round(c, 2) for s, c in ctx.fills.items()},
        "split_ligatures": split,
        "line_hyphens": hyph,
    }


def repair(raw: str, lexicon: Lexicon | None = None) -> RepairedText:
    """Repair extraction damage in ``raw``.

    Parameters
    ----------
    raw
        Text as extracted from a PDF.
    lexicon
        The lexicon deciding what is a word; defaults to
        :func:`graph.lexicon.default_lexicon`. A lexicon with the vocabulary of the
        undamaged texts of the same series (:meth:`Lexicon.with_vocabulary`) helps.

    Returns
    -------
    RepairedText
        The repaired text, the edits and the damage profile.
    """
    if not isinstance(raw, str):
        raise InputError(f"repair() needs a str, got {type(raw).__name__}")
    lex = lexicon or default_lexicon()
    ctx = _analyse(raw, lex)
    segs = _segments(ctx)
    chosen = _search(segs, lex)
    edits = [Edit(seg.start, seg.end, t) for seg, t in zip(segs, chosen, strict=True)
             if t != raw[seg.start:seg.end]]
    text = "".join(chosen)
    return RepairedText(raw, text, edits, _profile(ctx))

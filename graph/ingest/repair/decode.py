"""The search for the most plausible reading: a beam search over the segments.

Each segment contributes one of its alternatives; the chosen texts concatenated are the
repaired text. A reading scores the log-probabilities of its words under a unigram model
(the lexicon's), less the alternatives' costs and a heavy malus for an optional edit
that yields an unknown word. Line structure is kept: a word joined across a line break
stays on the first line and the line break moves after it.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from itertools import pairwise

from graph.ingest.lexicon import Lexicon
from graph.ingest.repair.candidates import Segment
from graph.ingest.repair.costs import BEAM, JOIN_COST, OPEN_ESTIMATE, OPT_UNKNOWN, UNKNOWN
from graph.ingest.repair.glyphs import LETTERS_ONLY

__all__ = ["search"]

#: A search state: the open token, its optional edits, where plain-space joins cut it,
#: and whether a line break moved by a hyphen join is still to be placed.
_State = tuple[str, int, tuple[int, ...], bool]


def search(segs: list[Segment], lex: Lexicon) -> list[str]:
    """Choose an alternative per segment: the most plausible reading of the text.

    Tokens are scored when they close; the beam keeps the :data:`BEAM` best states per
    segment, ranked with an estimate of what their open token will cost. The text is
    searched in pieces that end where every state becomes the same (:func:`_chunks`),
    and a piece that offers no choice, most of a text, is not searched at all.

    Parameters
    ----------
    segs
        The segments of the text, with their alternatives.
    lex
        The lexicon that scores words.

    Returns
    -------
    list of str
        The chosen text per segment.

    Examples
    --------
    >>> from graph.ingest.lexicon import default_lexicon
    >>> from graph.ingest.repair.candidates import segments
    >>> from graph.ingest.repair.damage import analyse_damage
    >>> lex = default_lexicon()
    >>> search(segments(analyse_damage("Det fi nns ett mål.", lex), lex), lex)
    ['Det', ' ', 'fi', '', 'nns', ' ', 'ett', ' ', 'mål', '.']
    """
    memo: dict[str, float | None] = {}

    def logp(tok: str) -> float | None:
        if tok not in memo:
            ok = LETTERS_ONLY.fullmatch(tok) is not None and lex.maybe_word(tok)
            memo[tok] = lex.logp(tok) if ok else None
        return memo[tok]

    def lp(tok: str, opt: int, cuts: tuple[int, ...]) -> float:
        s = logp(tok)
        if s is None:
            return UNKNOWN + OPT_UNKNOWN * opt
        if cuts:  # joined across spaces: no likelier than the parts written apart
            bounds = (0, *cuts, len(tok))
            parts = [logp(tok[a:b]) for a, b in pairwise(bounds)]
            if all(p is not None for p in parts):
                s = min(s, sum(parts) - JOIN_COST)  # type: ignore[arg-type]
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
                est_memo[key] = OPEN_ESTIMATE
            else:
                est_memo[key] = UNKNOWN + OPT_UNKNOWN * opt
        return est_memo[key]

    def decode(chunk: list[Segment]) -> list[str]:
        beam: dict[_State, float] = {("", 0, (), False): 0.0}
        back: list[dict[_State, tuple[_State, str]]] = []
        for seg in chunk:
            nxt: dict[_State, float] = {}
            ptr: dict[_State, tuple[_State, str]] = {}
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
            if len(nxt) > BEAM:
                ranked = sorted(nxt.items(),
                                key=lambda kv: -(kv[1] + estimate(kv[0][0], kv[0][1])))
                nxt = dict(ranked[:BEAM])
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

    chosen: list[str] = []
    for chunk, choice in _chunks(segs):
        chosen.extend(decode(chunk) if choice else [seg.alts[0].text for seg in chunk])
    return chosen


def _plain(seg: Segment) -> bool:
    """Whether *seg* offers no choice and changes no state (one alternative, no flags)."""
    if len(seg.alts) != 1:
        return False
    alt = seg.alts[0]
    return not (alt.optional or alt.hyphen or alt.join)


def _closes(seg: Segment) -> bool:
    """Whether every search state leaves *seg* as the same one: a plain separator that
    ends with a character closing any open token and holds a space or a line break
    (where a line break a hyphen join moved is placed)."""
    text = seg.alts[0].text
    return (not seg.frag and _plain(seg) and bool(text) and not text[-1].isalpha()
            and (" " in text or "\n" in text))


def _chunks(segs: list[Segment]) -> Iterator[tuple[list[Segment], bool]]:
    """Cut the segments after each one that every state leaves as the same (:func:`_closes`):
    the best reading is then the best reading of each piece, searched apart (scores
    only add up), and a piece without a choice is read as it is, with no search.
    Yields ``(piece, whether it needs a search)``."""
    start, choice = 0, False
    for i, seg in enumerate(segs):
        choice = choice or not _plain(seg)
        if _closes(seg):
            yield segs[start:i + 1], choice
            start, choice = i + 1, False
    if start < len(segs):
        yield segs[start:], choice

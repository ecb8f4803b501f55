"""The numbers of repair's model, on the log10 scale of the lexicon's zipf scores.

A candidate reading of a text scores the sum of its words' log-probabilities (a unigram
model) less the costs below; the search keeps the best. They were set by hand on the
damage the tests imitate (glyphs, dropped glyphs, split ligatures, hyphenation).
"""

from __future__ import annotations

__all__ = [
    "BEAM",
    "FILL_COST",
    "HYPHEN_KEEP_COST",
    "JOIN_COST",
    "MIN_SHARE",
    "OPEN_ESTIMATE",
    "OPT_UNKNOWN",
    "SPACE_COST",
    "UNKNOWN",
    "space_cost",
]

#: Log-probability of an unknown token.
UNKNOWN = -25.0
#: Extra, per optional edit (join, fill), for an edit that made an unknown token.
OPT_UNKNOWN = -40.0
#: Joining two letter runs across a single space.
JOIN_COST = 1.0
#: Filling a gap with one ligature sequence (before the per-document prior).
FILL_COST = 0.5
#: Keeping a line-end hyphen: chosen only when the joined form is no word.
HYPHEN_KEEP_COST = 3.0
#: Floor of a sequence's share among a document's dropped glyphs.
MIN_SHARE = 0.02
#: Per space more or fewer than the damage of that kind leaves.
SPACE_COST = 2.0
#: What a still open, word-like token will probably cost (to rank search states).
OPEN_ESTIMATE = -9.0
#: Search states kept per segment.
BEAM = 24


def space_cost(spaces: int, glyphs: int, boundaries: int, slack: int = 0) -> float:
    """Cost of explaining ``spaces`` spaces by dropped glyphs and word boundaries.

    A dropped glyph leaves one space, or two with its stray space; a boundary one.

    Parameters
    ----------
    spaces
        Spaces in the separator.
    glyphs
        Dropped glyphs assumed in it.
    boundaries
        Word boundaries assumed in it.
    slack
        Extra spaces allowed for free (a line's trailing space).

    Returns
    -------
    float

    Examples
    --------
    >>> space_cost(4, 2, 1), space_cost(4, 1, 1), space_cost(2, 0, 1)
    (0.0, 2.0, 2.0)
    """
    lo, hi = glyphs + boundaries, 2 * glyphs + boundaries + slack
    return SPACE_COST * max(0, lo - spaces, spaces - hi)

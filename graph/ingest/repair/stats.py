"""How much of a text the package lexicon knows: the measure of a repair's success."""

from __future__ import annotations

import re
from dataclasses import dataclass

from graph.ingest.lexicon import Lexicon, default_lexicon

__all__ = ["TextStats", "lexicon_share", "text_stats"]

#: A word token: a run of letters (no digits, no underscore).
_WORD = re.compile(r"[^\W\d_]+")


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

    Examples
    --------
    >>> text_stats("Det fi nns ett mål.")
    TextStats(tokens=5, known=3)
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

    Examples
    --------
    >>> lexicon_share("Det fi nns ett mål.")
    0.6
    """
    return text_stats(text, lexicon).share

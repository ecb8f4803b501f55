"""The characters of an extracted text: its alphabet, unknown glyphs and ligatures.

Typographic knowledge only, no words: which characters are letters of the text, which
are glyphs a broken font put in their place, which letter sequences a Latin typeface
sets as one ligature, and the shapes of separators (gaps, line-end hyphens).
"""

from __future__ import annotations

import re
import unicodedata

__all__ = [
    "HYPHEN_BREAK",
    "IS_LETTER",
    "LETTERS_ONLY",
    "LIGATURE_SEQUENCES",
    "SPLIT_SEQUENCES",
    "case",
    "ends_with_split_sequence",
    "is_gap",
    "is_glyph",
    "letters_after",
    "letters_before",
    "runs",
    "unicode_ligature",
]

#: Letter sequences that Latin typefaces set as one ligature glyph. General typographic
#: knowledge: the candidates an unknown glyph or a dropped glyph may stand for.
LIGATURE_SEQUENCES: tuple[str, ...] = (
    "fi", "fl", "ff", "ffi", "ffl", "ft", "fft", "fj", "fb", "fh", "fk",
    "ti", "tt", "tti", "tf", "th", "st", "ct", "sp",
)
#: Sequences whose ligature is typically split by extraction into letters + a space.
SPLIT_SEQUENCES: tuple[str, ...] = ("ff", "fi", "fl", "ffi", "ffl", "ft", "fft", "fj")

_LETTERS = "A-Za-zÀ-ÖØ-öø-ÿ"  # the alphabet of the text: Latin with Latin-1 letters
_RUN = re.compile(f"[{_LETTERS}]+|[^{_LETTERS}]+")
#: Matches one letter of the text's alphabet.
IS_LETTER = re.compile(f"[{_LETTERS}]")
#: Fully matches a string of letters of the text's alphabet only (or the empty string).
LETTERS_ONLY = re.compile(f"[{_LETTERS}]*")
#: A hyphen at a line end, with the spaces around it ("följeforsk-\\nning").
HYPHEN_BREAK = re.compile(r"( *)-( *)\r?\n( *)")


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


def unicode_ligature(ch: str) -> str | None:
    """The letters a Unicode ligature decomposes to, else None.

    >>> unicode_ligature("ﬃ"), unicode_ligature("Ɵ")
    ('ffi', None)
    """
    dec = unicodedata.normalize("NFKC", ch)
    return dec if dec != ch and len(dec) > 1 and dec.isascii() and dec.isalpha() else None


def runs(raw: str) -> list[tuple[int, int, bool]]:
    """Split ``raw`` into alternating runs of letters and of other characters.

    >>> runs("fi nns.")
    [(0, 2, True), (2, 3, False), (3, 6, True), (6, 7, False)]
    """
    return [(m.start(), m.end(), bool(IS_LETTER.match(m.group()))) for m in _RUN.finditer(raw)]


def ends_with_split_sequence(word: str) -> bool:
    """Whether ``word`` ends with a ligature sequence that extraction often splits off.

    >>> ends_with_split_sequence("fi"), ends_with_split_sequence("och")
    (True, False)
    """
    return word.lower().endswith(SPLIT_SEQUENCES)


def is_gap(sep: str) -> bool:
    """Whether the separator ``sep`` is two or more spaces (where a glyph may be lost).

    >>> is_gap("  "), is_gap(" "), is_gap(" , ")
    (True, False, False)
    """
    return len(sep) >= 2 and sep.strip(" ") == ""


def letters_before(raw: str, pos: int) -> str:
    """The letters of ``raw`` that end at ``pos``."""
    i = pos
    while i > 0 and IS_LETTER.match(raw[i - 1]):
        i -= 1
    return raw[i:pos]


def letters_after(raw: str, pos: int) -> str:
    """The letters of ``raw`` that start at ``pos``."""
    j = pos
    while j < len(raw) and IS_LETTER.match(raw[j]):
        j += 1
    return raw[pos:j]


def case(neighbour: str, seq: str) -> str:
    """Spell ``seq`` in the case of the word it joins (upper case in upper-case words).

    >>> case("ATT", "ti"), case("att", "ti")
    ('TI', 'ti')
    """
    return seq.upper() if len(neighbour) > 1 and neighbour.isupper() else seq

"""Repair of text damaged by PDF extraction, with an offset map back to the raw text.

Damage handled, all decided by a lexicon and never by a table of expected words:

* **ligature glyphs**: a font's ligatures mapped to wrong code points ("iniƟ ering");
  each unknown glyph's letter sequence is learned per document by voting;
* **Unicode ligatures** (ﬁ ﬂ ﬀ ﬃ ﬄ ...), expanded by compatibility decomposition;
* **stray spaces** inside words, mostly after a ligature ("fi nns", "eff ektmål");
* **dropped glyphs**: a ligature lost entirely, leaving a gap of spaces ("vik  ga");
* **line-end hyphenation** ("följeforsk-\\nning"), keeping suspended compounds
  ("hälso- och") and real hyphen compounds.

The stages, one module each: :mod:`~graph.ingest.repair.damage` analyses the text,
:mod:`~graph.ingest.repair.candidates` gives every separator between two runs of letters
a small set of alternative spellings, :mod:`~graph.ingest.repair.decode` searches for
the most plausible combination, and :mod:`~graph.ingest.repair.offsets` maps offsets
between the raw and the repaired text.
"""

from __future__ import annotations

from graph.errors import InputError
from graph.ingest.lexicon import Lexicon, default_lexicon
from graph.ingest.repair.candidates import segments
from graph.ingest.repair.damage import DamageAnalysis, analyse_damage
from graph.ingest.repair.decode import search
from graph.ingest.repair.offsets import Edit, RepairedText

__all__ = ["repair"]


def repair(raw: str, lexicon: Lexicon | None = None, *,
           analysis: DamageAnalysis | None = None) -> RepairedText:
    """Repair extraction damage in ``raw``.

    A text whose analysis finds nothing to repair (no glyph, no dropped glyph, no split
    ligature, no line-end hyphen; :attr:`DamageAnalysis.clean`) is returned as it is,
    without a search.

    Parameters
    ----------
    raw
        Text as extracted from a PDF.
    lexicon
        The lexicon deciding what is a word; defaults to
        :func:`graph.ingest.lexicon.default_lexicon`. A lexicon with the vocabulary of
        the undamaged texts of the same series (:meth:`Lexicon.with_vocabulary`) helps.
    analysis
        The damage analysis of ``raw`` (:func:`analyse_damage`), if already made.

    Returns
    -------
    RepairedText
        The repaired text, the edits and the damage profile.

    Raises
    ------
    InputError
        If ``raw`` is not a string, or ``analysis`` is of another text.

    Examples
    --------
    >>> repair("Det ﬁnns eﬀektmål.").text
    'Det finns effektmål.'
    """
    if not isinstance(raw, str):
        raise InputError(f"repair() needs a str, got {type(raw).__name__}")
    if analysis is not None and analysis.raw != raw:
        raise InputError("repair() got the damage analysis of another text")
    lex = lexicon or default_lexicon()
    if analysis is None:
        analysis = analyse_damage(raw, lex)
    if analysis.clean:
        return RepairedText(raw, raw, [], analysis.profile())
    segs = segments(analysis, lex)
    chosen = search(segs, lex)
    edits = [Edit(seg.start, seg.end, t) for seg, t in zip(segs, chosen, strict=True)
             if t != raw[seg.start:seg.end]]
    return RepairedText(raw, "".join(chosen), edits, analysis.profile())

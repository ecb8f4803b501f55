"""Findings from repaired text.

``layout`` finds blocks (headings, paragraphs, lists, tables, boxes), ``cues`` the words
and sentences that name a finding type, ``assemble`` turns blocks into findings (one per
statement, restatements within a document merged), ``versions`` links a short version's
findings to its full report's.
"""

from graph.extract.assemble import extract
from graph.extract.cues import is_type_word, prose_type, type_of
from graph.extract.layout import blocks
from graph.extract.versions import link_restatements

__all__ = ["blocks", "extract", "is_type_word", "link_restatements", "prose_type", "type_of"]

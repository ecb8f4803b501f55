"""Repair of text damaged by PDF extraction, with an offset map raw <-> repaired."""
from graph.ingest.repair.repair import (  # noqa: F401
    Edit,
    RepairedText,
    TextStats,
    damage_profile,
    is_glyph,
    lexicon_share,
    repair,
    text_stats,
)

"""Repair of text damaged by PDF extraction, with an offset map raw <-> repaired."""
from graph.ingest.repair.damage import (  # noqa: F401
    DamageAnalysis,
    analyse_damage,
    damage_profile,
)
from graph.ingest.repair.glyphs import LIGATURE_SEQUENCES, is_glyph  # noqa: F401
from graph.ingest.repair.offsets import Edit, RepairedText  # noqa: F401
from graph.ingest.repair.repair import repair  # noqa: F401
from graph.ingest.repair.stats import TextStats, lexicon_share, text_stats  # noqa: F401

"""Findings from repaired text: layout blocks, type cues, assembly, short <-> full."""
from graph.extract.extract import (  # noqa: F401
    blocks,
    extract,
    is_type_word,
    link_restatements,
    prose_type,
    type_of,
)

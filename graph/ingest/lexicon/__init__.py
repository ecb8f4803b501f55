"""The lexicons repair judges words by (Hunspell, wordfreq, compounds)."""
from graph.ingest.lexicon.cache import cache_dir  # noqa: F401
from graph.ingest.lexicon.hunspell import find_hunspell_files  # noqa: F401
from graph.ingest.lexicon.lexicon import (  # noqa: F401
    COMPOUND_SCORE,
    HUNSPELL_ONLY_SCORE,
    VOCABULARY_SCORE,
    Lexicon,
    default_lexicon,
)

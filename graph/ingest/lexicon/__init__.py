"""The lexicons repair judges words by (Hunspell, wordfreq, compounds)."""
from graph.ingest.lexicon.lexicon import (  # noqa: F401
    COMPOUND_SCORE,
    HUNSPELL_ONLY_SCORE,
    VOCABULARY_SCORE,
    Lexicon,
    default_lexicon,
    find_hunspell_files,
)

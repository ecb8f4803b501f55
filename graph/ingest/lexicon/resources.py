"""The heavy, shareable part of a lexicon, each piece loaded on first use.

* the word sets (:class:`~graph.ingest.lexicon.wordsets.WordSets`), from the on-disk
  cache (:mod:`graph.ingest.lexicon.cache`), derived on the first run;
* libhunspell with the dictionary (:func:`~graph.ingest.lexicon.hunspell.open_speller`),
  for the words the sets cannot decide; its verdicts are saved
  (:meth:`Resources.save`) and loaded with the sets, so it is only loaded itself when
  a word comes up that it was never asked about.

Once the sets are loaded, :func:`gc.freeze` moves them (and whatever else exists by
then) out of the garbage collector's sight: they live as long as the process, and
scanning their containers at every full collection, and at exit, only costs time.

>>> Resources("sv", "sv_SE").loaded
False
"""

from __future__ import annotations

import gc
from collections.abc import Callable

from graph.ingest.lexicon.cache import Notice, load_verdicts, load_word_sets, save_verdicts
from graph.ingest.lexicon.wordsets import WordSets

__all__ = ["Resources"]


class Resources:
    """Word sets and Hunspell for one language, loaded lazily and shared by lexicons.

    Parameters
    ----------
    lang
        wordfreq language code.
    hunspell_name
        Name of the Hunspell dictionary files.
    """

    def __init__(self, lang: str, hunspell_name: str) -> None:
        self.lang = lang
        self.hunspell_name = hunspell_name
        self._sets: WordSets | None = None
        self._spell: Callable[[str], bool] | None = None
        self._verdicts: dict[str, bool] | None = None
        self._unsaved = 0
        self._new: dict[str, bool] = {}
        self._hunspell_cache: dict[str, bool] = {}

    @property
    def loaded(self) -> bool:
        """Whether any heavy part has been loaded yet."""
        return self._sets is not None or self._spell is not None

    def load(self, notice: Notice | None = None) -> None:
        """Load the word sets and the saved verdicts now (else on first use).

        Parameters
        ----------
        notice
            Told when the word sets must be derived (first run: a few seconds).
        """
        self._load_sets(notice)
        self._load_verdicts()

    def _load_verdicts(self) -> dict[str, bool]:
        if self._verdicts is None:
            self._verdicts = load_verdicts(self.hunspell_name)
        return self._verdicts

    def save(self) -> None:
        """Save libhunspell's new verdicts, if any, for the next process."""
        if self._unsaved and self._verdicts is not None:
            save_verdicts(self._verdicts, self.hunspell_name)
            self._unsaved = 0

    def _load_sets(self, notice: Notice | None = None) -> WordSets:
        if self._sets is None:
            self._sets = load_word_sets(self.lang, self.hunspell_name, notice)
            gc.freeze()
        return self._sets

    @property
    def sets(self) -> WordSets:
        """The word sets (loaded on first use)."""
        return self._sets if self._sets is not None else self._load_sets()

    def zipf(self, word: str) -> float:
        """See :meth:`WordSets.zipf`."""
        return self.sets.zipf(word)

    def listed(self, word: str) -> bool:
        """See :meth:`WordSets.listed`."""
        return self.sets.listed(word)

    def is_stem(self, word: str) -> bool:
        """See :meth:`WordSets.is_stem`."""
        return self.sets.is_stem(word)

    def has_prefix(self, prefix: str) -> bool:
        """Whether some known word or stem starts with ``prefix`` (lower case)."""
        return self.sets.has_prefix(prefix)

    def inflected(self, word: str, lower_stem: bool = False) -> bool:
        """See :meth:`WordSets.inflected`."""
        return self.sets.inflected(word, lower_stem)

    def shape_ok(self, word: str, prefix: bool = False) -> bool:
        """See :meth:`WordSets.shape_ok`."""
        return self.sets.shape_ok(word, prefix)

    def spell(self, word: str) -> bool:
        """libhunspell's verdict on ``word``: saved, else asked (the library is loaded
        on first use, ~0.3-1 s)."""
        verdicts = self._load_verdicts()
        hit = verdicts.get(word)
        if hit is None:
            if self._spell is None:
                from graph.ingest.lexicon.hunspell import open_speller, require_hunspell_files

                self._spell = open_speller(require_hunspell_files(self.hunspell_name)[0])
            hit = verdicts[word] = self._new[word] = self._spell(word)
            self._unsaved += 1
        return hit

    def take_new_verdicts(self) -> dict[str, bool]:
        """The verdicts libhunspell gave since the last call (for a worker process to
        hand them to the build, which saves them once)."""
        new, self._new = self._new, {}
        return new

    def add_verdicts(self, verdicts: dict[str, bool]) -> None:
        """Take verdicts another process learned, to save with this one's."""
        if not verdicts:
            return
        known = self._load_verdicts()
        for word, ok in verdicts.items():
            if word not in known:
                known[word] = ok
                self._unsaved += 1

    def hunspell(self, word: str) -> bool:
        """Whether Hunspell accepts ``word`` as written (memoized).

        Hunspell itself accepts a capitalised or upper-case spelling of a lower-case
        entry, but not a lower-case spelling of a name.
        """
        hit = self._hunspell_cache.get(word)
        if hit is None:
            low = word.lower()
            plain_case = word[1:] == low[1:] or word.isupper()  # not "JanErik", "FoU"
            if low.isalpha() and plain_case and self.inflected(low, lower_stem=word == low):
                hit = True  # a plain dictionary form: no need for the full lookup
            elif not self.shape_ok(word):
                hit = False  # cheap reject: most candidate repairs are no words
            else:
                hit = self.spell(word)
            self._hunspell_cache[word] = hit
        return hit

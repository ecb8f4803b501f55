"""The text stages of a build, document by document: in this process or in workers.

Documents are independent until lineage, so ``fynd build --jobs N`` reads, repairs and
extracts them in ``N`` worker processes (:class:`concurrent.futures.ProcessPoolExecutor`).
The work comes in two rounds, as in the serial build:

1. **read and analyse** each document (:meth:`TextStages.analyse`): its text, its
   language, its damage analysis and, when it shows no damage, its long words;
2. the calling process joins those words into the shared **repair vocabulary** of each
   language (:class:`Vocabulary`), and each document is **repaired and extracted** with
   it (:meth:`TextStages.repair_extract`).

``--jobs 1`` runs the same two rounds in the calling process, with no pool.

Workers are started with ``spawn``, not ``fork``: a forked child would inherit
whatever threads the parent runs (RocksDB's, when a store is open: Oxigraph's
background threads do not survive a fork) and the locks they hold; a spawned worker
is a fresh interpreter, and its parent is the build itself. Each worker loads the
cached lexicon once (the pool's initializer; the calling process has built the cache
first, so no two workers build it), ignores Ctrl-C (the build handles it and shuts the
pool down, cancelling what has not started) and ends itself as soon as its parent is
gone, so a killed build leaves no orphan worker. What libhunspell told a worker comes
back with its results and is saved once, by the calling process.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import pickle
import threading
import time
import warnings
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, TypeVar

from graph.errors import FyndError

if TYPE_CHECKING:
    from concurrent.futures import Future, ProcessPoolExecutor

    from graph.findings import Finding
    from graph.ingest.catalog import Document
    from graph.ingest.lexicon import Lexicon
    from graph.ingest.repair import DamageAnalysis, RepairedText

__all__ = [
    "Analysed",
    "Extracted",
    "TextStages",
    "Vocabulary",
    "default_jobs",
    "jobs_for",
    "run_stages",
    "with_language",
]

#: Shortest word of the undamaged texts that joins the repair vocabulary.
VOCABULARY_MIN = 5
#: Least size of the report files for which ``fynd build`` starts workers by default:
#: each costs about a second to start (an interpreter and the lexicon), the time the
#: serial build takes for about 200 kB of text.
PARALLEL_MIN_BYTES = 1_000_000
#: How often a worker checks that the build that started it is still there (seconds).
_PARENT_POLL_S = 0.2

T = TypeVar("T")
R = TypeVar("R")


def default_jobs() -> int:
    """How many worker processes ``fynd build`` uses by default: the number of cores.

    >>> default_jobs() >= 1
    True
    """
    return os.cpu_count() or 1


def jobs_for(documents: Sequence[Document], jobs: int | None) -> int:
    """How many processes to use for *documents*: *jobs* (at most one per document), or
    by default (``None``) :func:`default_jobs`, but one for less than
    :data:`PARALLEL_MIN_BYTES` of report files, where starting workers costs more
    than it saves.

    >>> from pathlib import Path
    >>> from graph.ingest.catalog import Document, Report
    >>> docs = [Document(f"d{n}", Path(f"/nonexistent/d{n}.txt"), Report("r", "T", "2024", 1),
    ...                  "T", "full") for n in range(3)]
    >>> jobs_for(docs, 8), jobs_for(docs, 2), jobs_for(docs, None), jobs_for([], 4)
    (3, 2, 1, 1)
    """
    if jobs is None:
        size = 0
        for doc in documents:
            with contextlib.suppress(OSError):
                size += doc.path.stat().st_size
        jobs = default_jobs() if size >= PARALLEL_MIN_BYTES else 1
    return max(1, min(jobs, len(documents)))


class Vocabulary:
    """The shared repair vocabulary of one language: the long words of its undamaged
    documents (see :meth:`graph.ingest.lexicon.Lexicon.with_vocabulary`).

    It is sent with every document to repair, so it pickles as one ready-made blob with
    a key; a worker unpickles each key's words once.

    Examples
    --------
    >>> v = Vocabulary("sv", {"skolan", "samverkan"})
    >>> pickle.loads(pickle.dumps(v)).words == v.words, len(v.key)
    (True, 16)
    """

    def __init__(self, language: str, words: Iterable[str]) -> None:
        self.language = language
        self.words = frozenset(words)
        self._blob: bytes | None = None

    @property
    def blob(self) -> bytes:
        """The pickled words (made once)."""
        if self._blob is None:
            self._blob = pickle.dumps((self.language, sorted(self.words)),
                                      protocol=pickle.HIGHEST_PROTOCOL)
        return self._blob

    @property
    def key(self) -> str:
        """A digest of the language and the words."""
        return hashlib.blake2b(self.blob, digest_size=8).hexdigest()

    def __reduce__(self) -> tuple[Callable[[str, bytes], Vocabulary], tuple[str, bytes]]:
        return _vocabulary, (self.key, self.blob)


_VOCABULARIES: dict[str, Vocabulary] = {}


def _vocabulary(key: str, blob: bytes) -> Vocabulary:
    """The vocabulary of a pickled blob; unpickled once per key in a process."""
    hit = _VOCABULARIES.get(key)
    if hit is None:
        language, words = pickle.loads(blob)
        hit = Vocabulary(language, words)
        hit._blob = blob
        _VOCABULARIES.clear()  # one build's vocabularies at a time
        _VOCABULARIES[key] = hit
    return hit


@dataclass
class Analysed:
    """A document read and analysed (round 1)."""

    document: Document
    raw: str
    analysis: DamageAnalysis
    #: The document's long words when it shows no damage, for the repair vocabulary.
    vocabulary: frozenset[str]
    #: Warnings raised on the way (e.g. a detected language), to repeat in the build.
    warnings: list[str] = field(default_factory=list)
    #: libhunspell's verdicts the worker learned, to save once.
    verdicts: dict[str, bool] = field(default_factory=dict)


@dataclass
class Extracted:
    """A document repaired and extracted (round 2)."""

    document: Document
    text: RepairedText
    findings: list[Finding]
    verdicts: dict[str, bool] = field(default_factory=dict)


class TextStages:
    """The text stages of one process, with the lexicons it keeps between documents."""

    def __init__(self) -> None:
        self._extended: dict[str, tuple[str, Lexicon]] = {}

    @staticmethod
    def lexicon(language: str) -> Lexicon:
        """The package lexicon of *language*, loaded (once per process)."""
        from graph.ingest.lexicon import default_lexicon

        return default_lexicon(language).load()

    def extended(self, vocabulary: Vocabulary) -> Lexicon:
        """The package lexicon with *vocabulary*, made once per vocabulary (its caches
        then serve every document of the language)."""
        have = self._extended.get(vocabulary.language)
        if have is None or have[0] != vocabulary.key:
            lexicon = self.lexicon(vocabulary.language).with_vocabulary(vocabulary.words)
            have = self._extended[vocabulary.language] = (vocabulary.key, lexicon)
        return have[1]

    def analyse(self, document: Document, limit: int | None) -> Analysed:
        """Read *document*, settle its language and analyse its damage."""
        from graph.ingest.read import read_text
        from graph.ingest.repair import analyse_damage
        from graph.lang.words import words

        raw = read_text(document.path, limit)
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            document = with_language(document, raw)
        analysis = analyse_damage(raw, self.lexicon(document.language))
        # Long words only: the vocabulary is for compounds and names the package
        # lexicon lacks; short tokens of clean text are often abbreviation pieces
        # ("fl" of "m.fl.") that would block a repair ("fl era" -> "flera").
        vocabulary = (frozenset() if analysis.damaged else
                      frozenset(w for w in words(raw) if len(w) >= VOCABULARY_MIN))
        return Analysed(document, raw, analysis, vocabulary, [str(w.message) for w in caught],
                        _new_verdicts(document.language))

    def repair_extract(self, analysed: Analysed, vocabulary: Vocabulary | None) -> Extracted:
        """Repair the analysed document with *vocabulary* and extract its findings."""
        from graph.extract import extract
        from graph.ingest.repair import repair

        doc, analysis = analysed.document, analysed.analysis
        analysis.lex = self.lexicon(doc.language).base  # not pickled with the analysis
        lexicon = self.extended(vocabulary) if vocabulary is not None else None
        repaired = repair(analysed.raw, lexicon, analysis=analysis)
        return Extracted(doc, repaired, extract(repaired.text, doc.id, doc.language),
                         _new_verdicts(doc.language))


def with_language(doc: Document, raw: str) -> Document:
    """*doc* with its language: the catalog's, or detected from *raw* with a warning."""
    if doc.language:
        return doc
    import dataclasses

    from graph.lang.profile import detect_language

    language = detect_language(raw)
    warnings.warn(f"{doc.id}: no language in the catalog; detected {language!r} from its "
                  "stop words (set language = ... to be sure)", stacklevel=2)
    return dataclasses.replace(doc, language=language)


def _new_verdicts(language: str) -> dict[str, bool]:
    """What libhunspell told this process since last asked (see
    :meth:`graph.ingest.lexicon.resources.Resources.take_new_verdicts`)."""
    from graph.ingest.lexicon import default_lexicon

    return default_lexicon(language).take_new_verdicts()


# -- in worker processes -------------------------------------------------------------------
_STAGES: TextStages | None = None


def _watch_parent(parent: int) -> None:
    """End this worker when the build that started it is gone (killed: SIGKILL leaves
    it no chance to stop its pool)."""
    while os.getppid() == parent:
        time.sleep(_PARENT_POLL_S)
    os._exit(1)


def _start_worker(parent: int, languages: tuple[str, ...]) -> None:
    """The pool's initializer: watch the parent, leave Ctrl-C to it, load the lexicons."""
    import signal

    global _STAGES
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    threading.Thread(target=_watch_parent, args=(parent,), daemon=True,
                     name="fynd-parent-watch").start()
    _STAGES = TextStages()
    for language in languages:
        _STAGES.lexicon(language)


def _stages() -> TextStages:
    global _STAGES
    if _STAGES is None:
        _STAGES = TextStages()
    return _STAGES


def _analyse(document: Document, limit: int | None) -> Analysed:
    return _stages().analyse(document, limit)


def _repair_extract(analysed: Analysed, vocabulary: Vocabulary | None) -> Extracted:
    return _stages().repair_extract(analysed, vocabulary)


# -- running the rounds -----------------------------------------------------------------
class _Runner:
    """Runs a stage over many items, here or in a pool; results as they come."""

    def __init__(self, pool: ProcessPoolExecutor | None) -> None:
        self.pool = pool
        self.stages = TextStages()

    def map(self, task: Callable[..., R], items: Iterable[tuple[Any, ...]]) -> Iterator[R]:
        if self.pool is None:
            for args in items:
                yield task(*args)
            return
        from concurrent.futures import as_completed
        from concurrent.futures.process import BrokenProcessPool

        futures: list[Future[R]] = [self.pool.submit(task, *args) for args in items]
        try:
            for future in as_completed(futures):
                yield future.result()
        except BrokenProcessPool as exc:
            raise FyndError(f"a worker process of the build died ({exc}); try fewer --jobs "
                            "or --jobs 1") from None
        finally:
            for future in futures:
                future.cancel()


@contextmanager
def run_stages(jobs: int, languages: Iterable[str]) -> Iterator[
        tuple[Callable[[Iterable[tuple[Document, int | None]]], Iterator[Analysed]],
              Callable[[Iterable[tuple[Analysed, Vocabulary | None]]], Iterator[Extracted]]]]:
    """The two rounds, run with *jobs* processes (1: here, with no pool).

    Parameters
    ----------
    jobs
        Worker processes; 1 runs the stages in this process.
    languages
        The languages whose lexicons each worker loads when it starts (more are loaded
        when a document needs them).

    Yields
    ------
    tuple
        ``(analyse, repair_extract)``: each takes an iterable of argument tuples and
        yields results as they are ready (in the order given when *jobs* is 1).

    Raises
    ------
    FyndError
        If a worker process dies.

    Examples
    --------
    >>> from graph.ingest.catalog import load_catalog
    >>> from graph.resources import default_reports
    >>> doc = load_catalog(default_reports()).documents[0]
    >>> with run_stages(1, ["sv"]) as (analyse, _):
    ...     [a.document.id for a in analyse([(doc, None)])] == [doc.id]
    True
    """
    if jobs <= 1:
        runner = _Runner(None)
        stages = runner.stages
        yield ((lambda items: runner.map(stages.analyse, items)),
               (lambda items: runner.map(stages.repair_extract, items)))
        return
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    pool = ProcessPoolExecutor(jobs, mp_context=multiprocessing.get_context("spawn"),
                               initializer=_start_worker,
                               initargs=(os.getpid(), tuple(dict.fromkeys(languages))))
    try:
        runner = _Runner(pool)
        yield ((lambda items: runner.map(_analyse, items)),
               (lambda items: runner.map(_repair_extract, items)))
    finally:
        pool.shutdown(wait=True, cancel_futures=True)

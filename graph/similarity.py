"""Sparse text vectors and block-wise candidate links between findings of different reports.

A finding's vector holds two kinds of features, TF-IDF weighted and L2-normalised:

* the Snowball stems of its content words (stop words dropped), and
* character 5-grams of its long words, so that Swedish compounds that share a part
  (*informationsspridning* / *information*, *samverkansmodell* / *samverkan*) meet even
  though their stems differ.

Candidates are scored block by block: for every pair of reports (earlier, later) one
sparse matrix product ``X_earlier @ X_later.T`` gives all cosine scores at once; only
scores above a floor are kept.  There is no Python loop over pairs of findings, so a
hundred thousand findings score in seconds (see ``benchmarks/bench_lineage.py``).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from .textsim import stem, stop_words, words

if TYPE_CHECKING:
    from scipy.sparse import csr_matrix

#: Words this long or longer also contribute character n-grams (compound parts).
COMPOUND_MIN = 9
NGRAM = 5
#: Weight of a word's n-grams, all together, relative to its stem.
NGRAM_WEIGHT = 0.5
NGRAM_PREFIX = "#"


def features(text: str) -> dict[str, float]:
    """Term counts of *text*: stems, and n-grams (prefixed ``#``) of long words.

    >>> f = features("Tydlig informationsspridning")
    >>> f["tyd"], f["informationsspridning"]
    (1.0, 1.0)
    >>> round(sum(v for k, v in f.items() if k.startswith("#")), 2)
    0.5
    """
    counts: dict[str, float] = {}
    stops = stop_words()
    for word in words(text):
        if len(word) < 2 or word in stops:
            continue
        key = stem(word)
        counts[key] = counts.get(key, 0.0) + 1.0
        if len(word) >= COMPOUND_MIN:
            grams = [word[i:i + NGRAM] for i in range(len(word) - NGRAM + 1)]
            share = NGRAM_WEIGHT / len(grams)
            for gram in grams:
                g = NGRAM_PREFIX + gram
                counts[g] = counts.get(g, 0.0) + share
    return counts


@dataclass
class Vectors:
    """TF-IDF rows of a list of texts, and the feature names of the columns."""

    matrix: csr_matrix
    vocabulary: dict[str, int]


def vectorize(texts: Sequence[str], *, max_df: float = 0.5, min_docs_for_max_df: int = 50
              ) -> Vectors:
    """TF-IDF vectors (rows L2-normalised) of *texts*.

    Features in more than *max_df* of the texts are dropped once there are at least
    *min_docs_for_max_df* texts: they are the stop words of the collection and would
    only fill the products with noise.

    >>> v = vectorize(["säkra samverkan", "samverkan och rutiner", "rutiner"])
    >>> v.matrix.shape[0]
    3
    """
    import numpy as np
    from scipy.sparse import csr_matrix

    rows = [features(t) for t in texts]
    df: dict[str, int] = {}
    for row in rows:
        for key in row:
            df[key] = df.get(key, 0) + 1
    n = len(rows)
    if n >= min_docs_for_max_df:
        df = {k: v for k, v in df.items() if v / n <= max_df}
    vocabulary = {k: i for i, k in enumerate(sorted(df))}
    idf = {k: math.log((n + 1) / (v + 1)) + 1.0 for k, v in df.items()}
    indptr, indices, data = [0], [], []
    for row in rows:
        items = [(vocabulary[k], c * idf[k]) for k, c in row.items() if k in vocabulary]
        norm = math.sqrt(sum(w * w for _, w in items)) or 1.0
        for j, w in sorted(items):
            indices.append(j)
            data.append(w / norm)
        indptr.append(len(indices))
    matrix = csr_matrix((np.array(data, dtype=np.float64), np.array(indices, dtype=np.int64),
                         np.array(indptr, dtype=np.int64)), shape=(n, len(vocabulary)))
    return Vectors(matrix, vocabulary)


@dataclass(frozen=True)
class Candidate:
    """A scored pair: row *source* (earlier report) may continue as row *target*."""

    source: int
    target: int
    score: float


def block_candidates(matrix: csr_matrix, groups: Sequence[int], *, floor: float = 0.15,
                     same_kind: Sequence[str] | None = None) -> list[Candidate]:
    """All pairs of rows in different groups, earlier group first, scoring >= *floor*.

    Parameters
    ----------
    matrix
        L2-normalised rows (see :func:`vectorize`).
    groups
        Each row's group, an ordered key (a report's place in the series): links go from
        a lower group to a higher one only.
    floor
        Scores below it are not candidates.
    same_kind
        If given, each row's kind (e.g. finding type): only rows of one kind pair up.

    Examples
    --------
    >>> v = vectorize(["säkra samverkan genom rutiner", "säkra samverkan", "annat helt"])
    >>> [(c.source, c.target) for c in block_candidates(v.matrix, [1, 2, 2])]
    [(0, 1)]
    """
    import numpy as np

    group_arr = np.asarray(groups)
    kinds = np.asarray(same_kind) if same_kind is not None else None
    order = sorted(set(group_arr.tolist()))
    members = {g: np.flatnonzero(group_arr == g) for g in order}
    out: list[Candidate] = []
    for i, early in enumerate(order):
        rows_a = members[early]
        block_a = matrix[rows_a]
        for late in order[i + 1:]:
            rows_b = members[late]
            scores = (block_a @ matrix[rows_b].T).tocoo()
            keep = scores.data >= floor
            src, tgt, val = rows_a[scores.row[keep]], rows_b[scores.col[keep]], scores.data[keep]
            if kinds is not None:
                same = kinds[src] == kinds[tgt]
                src, tgt, val = src[same], tgt[same], val[same]
            out.extend(Candidate(int(s), int(t), float(v)) for s, t, v in zip(src, tgt, val))
    return out


def shared_terms(a: str, b: str, limit: int = 8) -> list[str]:
    """The content words two texts share (by stem), in *b*'s wording: a link's evidence.

    >>> shared_terms("Tålamod och uthållighet behövs", "Ha tålamod och uthållighet")
    ['tålamod', 'uthållighet']
    """
    stops = stop_words()
    stems_a = {stem(w) for w in words(a) if w not in stops and len(w) > 1}
    out: list[str] = []
    seen: set[str] = set()
    for w in words(b):
        s = stem(w)
        if w in stops or len(w) < 2 or s not in stems_a or s in seen:
            continue
        seen.add(s)
        out.append(w)
        if len(out) >= limit:
            break
    return out

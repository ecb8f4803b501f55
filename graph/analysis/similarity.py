"""Sparse text vectors and block-wise candidate links between findings of different reports.

A finding's vector holds two kinds of features, TF-IDF weighted and L2-normalised:

* the Snowball stems of its content words (stop words dropped), and
* the first and last characters of its long words, so that Swedish compounds that share
  a modifier or a head (*informationsspridning* / *information*, *samverkansmodell* /
  *samverkan*, *dialogträffar* / *träffar*) meet even though their stems differ.  Two
  features a word, not every n-gram, keep the vectors sparse and the products fast.

Candidates are scored block by block: for every report, one sparse matrix product
``X_report @ X_later.T`` of its findings against every finding of the later reports gives
all cosine scores at once; only scores above a floor are kept, and the per-pair-of-reports
filters (mutual near-best, at most *k* per finding) run on the result with numpy, keyed by
the later report.  There is one product per report, not one per pair of reports (which
grew with the square of the number of reports: 100 reports, 2,075 findings took 2.2 s),
and no Python loop over pairs of findings (see ``benchmarks/bench_lineage.py``).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING

from graph.config import SIMILARITY
from graph.lang.words import stem, stop_words, words

if TYPE_CHECKING:
    import numpy as np
    from scipy.sparse import csr_matrix



def features(text: str) -> dict[str, float]:
    """Term counts of *text*: stems, and the edges of long words (``<modifier``, ``>head``).

    >>> f = features("Tydlig informationsspridning")
    >>> f["tyd"], f["informationsspridning"], f["<inform"], f[">idning"]
    (1.0, 1.0, 0.5, 0.5)
    >>> sorted(features("information"))
    ['<inform', '>mation', 'information']
    """
    counts: dict[str, float] = {}
    for word in words(text):
        for key, weight in _word_features(word):
            counts[key] = counts.get(key, 0.0) + weight
    return counts


@lru_cache(maxsize=1 << 18)
def _word_features(word: str) -> tuple[tuple[str, float], ...]:
    """What one word adds to a vector (cached: a corpus has far fewer words than tokens)."""
    from graph.extract import is_type_word

    # Type words ("rekommenderar", "risk") say what a finding is, not what it is about.
    if len(word) < 2 or word in stop_words() or is_type_word(word):
        return ()
    key = stem(word)
    if len(word) < SIMILARITY.compound_min:
        return ((key, 1.0),)
    return ((key, 1.0), ("<" + word[:SIMILARITY.edge], SIMILARITY.edge_weight),
            (">" + key[-SIMILARITY.edge:], SIMILARITY.edge_weight))


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
    from scipy.sparse import csr_matrix, diags

    ids: dict[str, int] = {}
    indptr: list[int] = [0]
    indices: list[int] = []
    counts: list[float] = []
    for text in texts:
        row = features(text)
        indices.extend(ids.setdefault(k, len(ids)) for k in row)
        counts.extend(row.values())
        indptr.append(len(indices))
    n = len(texts)
    tf = csr_matrix((np.asarray(counts, dtype=np.float64), np.asarray(indices, dtype=np.int64),
                     np.asarray(indptr, dtype=np.int64)), shape=(n, len(ids)))
    df = np.bincount(tf.indices, minlength=len(ids))
    keep = np.ones(len(ids), dtype=bool)
    if n >= min_docs_for_max_df:
        keep = df / n <= max_df
    idf = np.where(keep, np.log((n + 1) / (df + 1)) + 1.0, 0.0)
    weighted = (tf @ diags(idf)).tocsr()
    weighted.eliminate_zeros()
    norms = np.sqrt(np.asarray(weighted.multiply(weighted).sum(axis=1)).ravel())
    norms[norms == 0] = 1.0
    matrix = (diags(1.0 / norms) @ weighted).tocsr()
    vocabulary = {k: i for k, i in ids.items() if keep[i]}
    return Vectors(matrix, vocabulary)


@dataclass(frozen=True)
class Candidate:
    """A scored pair: row *source* (earlier report) may continue as row *target*."""

    source: int
    target: int
    score: float


def _top_k(keys: np.ndarray, values: np.ndarray, k: int) -> np.ndarray:
    """Mask of the entries among the *k* highest *values* of their key.

    >>> import numpy as np
    >>> _top_k(np.array([0, 0, 0, 1]), np.array([0.1, 0.9, 0.5, 0.2]), 2).tolist()
    [False, True, True, True]
    """
    import numpy as np

    order = np.lexsort((-values, keys))
    sorted_keys = keys[order]
    starts = np.r_[0, np.flatnonzero(np.diff(sorted_keys)) + 1]
    sizes = np.diff(np.r_[starts, len(order)])
    ranks = np.arange(len(order)) - np.repeat(starts, sizes)
    mask = np.zeros(len(values), dtype=bool)
    mask[order[ranks < k]] = True
    return mask


def block_candidates(matrix: csr_matrix, groups: Sequence[int], *, floor: float = 0.15,
                     same_kind: Sequence[str] | None = None,
                     near_best: float | None = None,
                     per_finding: int | None = None,
                     nearest_only: bool = False) -> list[Candidate]:
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
    near_best
        If given, keep a pair only when its score is at least this share of the best
        score of its source in the target's group *and* of its target in the source's
        group (mutual near-best), computed inside each block with numpy.
    per_finding
        If given, keep at most this many pairs per source and per target in each block
        (the best ones): a merge or split of a few, never a tangle of weak ties.
    nearest_only
        Keep, for each target row, only the pairs from the latest earlier group that has
        one (each block filtered as above first).  The groups are then scored latest
        first, so a long series does not make a candidate in every earlier group.

    Examples
    --------
    >>> v = vectorize(["säkra samverkan genom rutiner", "säkra samverkan", "annat helt"])
    >>> [(c.source, c.target) for c in block_candidates(v.matrix, [1, 2, 2])]
    [(0, 1)]
    """
    import numpy as np

    group_arr = np.asarray(groups)
    kind_arr = np.asarray(same_kind if same_kind is not None else [""] * len(group_arr))
    out: list[Candidate] = []
    for kind in sorted(set(kind_arr.tolist())):
        rows_k = np.flatnonzero(kind_arr == kind)
        # Rows of one kind in group order: each earlier group meets every later row in
        # one product, so there are as many products as groups, not pairs of groups.
        rows_k = rows_k[np.argsort(group_arr[rows_k], kind="stable")]
        kind_groups = group_arr[rows_k]
        order, starts = np.unique(kind_groups, return_index=True)
        ends = np.r_[starts[1:], len(rows_k)]
        group_index = np.searchsorted(order, kind_groups)
        block = matrix[rows_k]
        claimed = np.zeros(len(rows_k), dtype=bool)  # targets a nearer group has
        steps = range(len(order) - 1)
        for i in (reversed(steps) if nearest_only else steps):
            rows_a, later = rows_k[starts[i]:ends[i]], rows_k[ends[i]:]
            scores = (block[starts[i]:ends[i]] @ block[ends[i]:].T).tocoo()
            row, col, val = scores.row, scores.col, scores.data
            keep = val >= floor
            row, col, val = row[keep], col[keep], val[keep]
            # The block of a pair of groups is the column range of the later group.
            late = group_index[ends[i] + col]
            row_key = row.astype(np.int64) * len(order) + late
            if near_best is not None and len(val):
                keys, at = np.unique(row_key, return_inverse=True)
                row_best = np.zeros(len(keys))
                col_best = np.zeros(len(later))
                np.maximum.at(row_best, at, val)
                np.maximum.at(col_best, col, val)
                keep = (val >= near_best * row_best[at]) & (val >= near_best * col_best[col])
                row, col, val, row_key, late = (row[keep], col[keep], val[keep],
                                                row_key[keep], late[keep])
            if per_finding is not None and len(val):
                keep = _top_k(row_key, val, per_finding) & _top_k(col, val, per_finding)
                row, col, val, late = row[keep], col[keep], val[keep], late[keep]
            if nearest_only and len(val):
                keep = ~claimed[ends[i] + col]
                row, col, val, late = row[keep], col[keep], val[keep], late[keep]
                claimed[ends[i] + col] = True
            ranked = np.lexsort((col, row, late))
            out.extend(Candidate(int(s), int(t), float(v)) for s, t, v in
                       zip(rows_a[row[ranked]], later[col[ranked]], val[ranked]))
    return out


def shared_terms(a: str, b: str, limit: int = 8) -> list[str]:
    """The content words two texts share (by stem), in *b*'s wording: a link's evidence.

    >>> shared_terms("Tålamod och uthållighet behövs", "Ha tålamod och uthållighet")
    ['tålamod', 'uthållighet']
    """
    from graph.extract import is_type_word

    stops = stop_words()
    stems_a = {stem(w) for w in words(a) if w not in stops and len(w) > 1}
    out: list[str] = []
    seen: set[str] = set()
    for w in words(b):
        s = stem(w)
        if w in stops or len(w) < 2 or s not in stems_a or s in seen or is_type_word(w):
            continue
        seen.add(s)
        out.append(w)
        if len(out) >= limit:
            break
    return out

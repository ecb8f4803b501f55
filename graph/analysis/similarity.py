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

from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from itertools import chain
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


@lru_cache(maxsize=1 << 17)
def _tokens(text: str) -> tuple[str, ...]:
    """:func:`~graph.lang.words.words` of *text*, kept for the texts of one analysis (the
    vectors and then the shared terms of the chosen links read every text)."""
    return tuple(words(text))


def vectorize(texts: Sequence[str], *, max_df: float = 0.5, min_docs_for_max_df: int = 50
              ) -> Vectors:
    """TF-IDF vectors (rows L2-normalised) of *texts*.

    Features in more than *max_df* of the texts are dropped once there are at least
    *min_docs_for_max_df* texts: they are the stop words of the collection and would
    only fill the products with noise.

    The features of each distinct word are worked out once; the rows are assembled with
    numpy from the word ids, each row's columns in the order the text first gives them
    (so the products sum in the same order as a row built text by text).

    >>> v = vectorize(["säkra samverkan", "samverkan och rutiner", "rutiner"])
    >>> v.matrix.shape[0]
    3
    """
    import numpy as np
    from scipy.sparse import csr_matrix, diags

    tokens = [_tokens(text) for text in texts]
    lengths = [len(t) for t in tokens]
    flat = list(chain.from_iterable(tokens))
    word_ids = {w: i for i, w in enumerate(dict.fromkeys(flat))}  # in first-seen order
    # Each distinct word's features, numbered in the order the texts first give them.
    ids: dict[str, int] = {}
    feature_of: list[int] = []
    weight_of: list[float] = []
    per_word: list[int] = []
    for w in word_ids:
        pairs = _word_features(w)
        feature_of.extend(ids.setdefault(k, len(ids)) for k, _ in pairs)
        weight_of.extend(v for _, v in pairs)
        per_word.append(len(pairs))
    n, n_features = len(texts), len(ids)
    word_start = np.r_[0, np.cumsum(per_word, dtype=np.int64)]
    word_len = np.asarray(per_word, dtype=np.int64)
    occ = np.fromiter(map(word_ids.__getitem__, flat), dtype=np.int64, count=len(flat))
    doc = np.repeat(np.arange(n, dtype=np.int64), lengths)
    # One entry per (occurrence, feature of its word), in text order.
    counts = word_len[occ]
    at = np.repeat(word_start[occ] - np.r_[0, np.cumsum(counts)][:-1], counts) + np.arange(
        int(counts.sum()), dtype=np.int64)
    feature = np.asarray(feature_of, dtype=np.int64)[at]
    weight = np.asarray(weight_of, dtype=np.float64)[at]
    key = np.repeat(doc, counts) * max(n_features, 1) + feature
    keys, first, inverse = np.unique(key, return_index=True, return_inverse=True)
    summed = np.bincount(inverse.ravel(), weights=weight, minlength=len(keys))
    order = np.argsort(first, kind="stable")  # each row's columns in first-seen order
    rows = keys[order] // max(n_features, 1)
    tf = csr_matrix((summed[order], keys[order] % max(n_features, 1),
                     np.r_[0, np.cumsum(np.bincount(rows, minlength=n))]),
                    shape=(n, n_features))
    df = np.bincount(tf.indices, minlength=n_features)
    keep = np.ones(n_features, dtype=bool)
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


def _counts_of(keys: np.ndarray) -> np.ndarray:
    """How many entries share each entry's key (non-negative integers)."""
    import numpy as np

    if keys.max() <= 8 * len(keys) + 4096:  # small keys: count them in place, no sort
        return np.bincount(keys)[keys]
    _, at, counts = np.unique(keys, return_inverse=True, return_counts=True)
    return counts[at.ravel()]


def _top_k(keys: np.ndarray, values: np.ndarray, k: int) -> np.ndarray:
    """Mask of the entries among the *k* highest *values* of their key.

    >>> import numpy as np
    >>> _top_k(np.array([0, 0, 0, 1]), np.array([0.1, 0.9, 0.5, 0.2]), 2).tolist()
    [False, True, True, True]
    """
    import numpy as np

    mask = np.ones(len(values), dtype=bool)
    if not len(keys):
        return mask
    # Only the entries of keys with more than k entries need ranking (their order among
    # themselves is as in the whole array, so ties fall as they would there).
    crowded = np.flatnonzero(_counts_of(keys) > k)
    if not len(crowded):
        return mask
    keys, values = keys[crowded], values[crowded]
    mask[crowded] = False
    order = np.lexsort((-values, keys))
    sorted_keys = keys[order]
    starts = np.r_[0, np.flatnonzero(np.diff(sorted_keys)) + 1]
    sizes = np.diff(np.r_[starts, len(order)])
    ranks = np.arange(len(order)) - np.repeat(starts, sizes)
    mask[crowded[order[ranks < k]]] = True
    return mask


def block_candidates(matrix: csr_matrix, groups: Sequence[int], *, floor: float = 0.15,
                     same_kind: Sequence[str] | None = None,
                     near_best: float | None = None,
                     per_finding: int | None = None,
                     nearest_only: bool = False) -> list[Candidate]:
    """All pairs of rows in different groups, earlier group first, scoring >= *floor*
    (:func:`candidate_arrays` as :class:`Candidate` records).

    >>> v = vectorize(["säkra samverkan genom rutiner", "säkra samverkan", "annat helt"])
    >>> [(c.source, c.target) for c in block_candidates(v.matrix, [1, 2, 2])]
    [(0, 1)]
    """
    source, target, score = candidate_arrays(
        matrix, groups, floor=floor, same_kind=same_kind, near_best=near_best,
        per_finding=per_finding, nearest_only=nearest_only)
    return [Candidate(s, t, v) for s, t, v in
            zip(source.tolist(), target.tolist(), score.tolist())]


def candidate_arrays(matrix: csr_matrix, groups: Sequence[int], *, floor: float = 0.15,
                     same_kind: Sequence[str] | None = None,
                     near_best: float | None = None,
                     per_finding: int | None = None,
                     nearest_only: bool = False) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """All pairs of rows in different groups, earlier group first, scoring >= *floor*,
    as three arrays: source rows, target rows, scores (no Python object per pair).

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
    >>> [a.tolist() for a in candidate_arrays(v.matrix, [1, 2, 2])[:2]]
    [[0], [1]]
    """
    import numpy as np

    group_arr = np.asarray(groups)
    kind_arr = np.asarray(same_kind if same_kind is not None else [""] * len(group_arr))
    out: list[tuple[np.ndarray, np.ndarray, np.ndarray]] = []
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
        # The rows transposed once from each of eight cut points, as scipy would transpose
        # the later rows for a product: a group's product runs against the rows from the
        # last cut before its later groups and keeps the later columns.  That gives the
        # same scores in the same order as a product with the later rows alone, without
        # copying and transposing those rows once per group.
        cuts = sorted({len(rows_k) * c // 8 for c in range(8)})
        transposed = [block[c:].T.tocsr() for c in cuts]
        claimed = np.zeros(len(rows_k), dtype=bool)  # targets a nearer group has
        steps = range(len(order) - 1)
        for i in (reversed(steps) if nearest_only else steps):
            rows_a, later = rows_k[starts[i]:ends[i]], rows_k[ends[i]:]
            cut = bisect_right(cuts, ends[i]) - 1
            scores = block[starts[i]:ends[i]] @ transposed[cut]
            row = np.repeat(np.arange(scores.shape[0]), np.diff(scores.indptr))
            col, val = scores.indices, scores.data
            first = ends[i] - cuts[cut]  # the first column of the later groups
            keep = (val >= floor) & (col >= first)
            row, col, val = row[keep], col[keep] - first, val[keep]
            # The block of a pair of groups is the column range of the later group.
            late = group_index[ends[i] + col]
            row_key = row.astype(np.int64) * len(order) + late
            if near_best is not None and len(val):
                if row_key.max() <= 8 * len(row_key) + 4096:
                    at, width = row_key, int(row_key.max()) + 1  # dense enough as it is
                else:
                    keys, at = np.unique(row_key, return_inverse=True)
                    width = len(keys)
                row_best = np.zeros(width)
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
            out.append((rows_a[row[ranked]], later[col[ranked]], val[ranked]))
    if not out:
        return (np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64), np.zeros(0))
    return (np.concatenate([o[0] for o in out]).astype(np.int64),
            np.concatenate([o[1] for o in out]).astype(np.int64),
            np.concatenate([o[2] for o in out]))


@lru_cache(maxsize=1 << 18)
def _term(word: str) -> tuple[str | None, bool]:
    """A word's stem (``None`` for a stop word or a single letter) and whether it names a
    finding type: what :func:`shared_terms` asks of every word, once per word."""
    from graph.extract import is_type_word

    if word in stop_words() or len(word) < 2:
        return None, False
    return stem(word), is_type_word(word)


def shared_terms(a: str, b: str, limit: int = 8) -> list[str]:
    """The content words two texts share (by stem), in *b*'s wording: a link's evidence.

    >>> shared_terms("Tålamod och uthållighet behövs", "Ha tålamod och uthållighet")
    ['tålamod', 'uthållighet']
    """
    stems_a = {key for key, _ in map(_term, _tokens(a)) if key is not None}
    out: list[str] = []
    seen: set[str] = set()
    for w in _tokens(b):
        s, type_word = _term(w)
        if s is None or s not in stems_a or s in seen or type_word:
            continue
        seen.add(s)
        out.append(w)
        if len(out) >= limit:
            break
    return out

"""Top k by MaxScore, document at a time, compiled with numba: the fast path for large indexes.

Imported only when numba is installed and an index is large enough to repay the import
(`retrieval.index` falls back to numpy otherwise). The postings of the query's terms are
walked in passage order; a term whose upper bound, added to the bounds of all weaker terms,
cannot lift a passage above the current k-th best score stops being walked ("non-essential")
and is only probed, by galloping search, for passages the other terms make promising. As the
k-th best score rises, more terms become non-essential, so common words cost little.
"""

from __future__ import annotations

import numpy as np
from numba import njit

_SLACK = 1e-12  # bounds are loosened by this much, so rounding never prunes a passage
_SEED_MAX = 50_000  # the rarest term seeds the threshold only if it has at most this many


@njit(cache=True, nogil=True)
def _gallop(docs: np.ndarray, lo: int, hi: int, target: int) -> int:
    """First position in docs[lo:hi] (ascending) whose value is >= target."""
    step = 1
    while lo + step < hi and docs[lo + step] < target:
        step *= 2
    left = lo + step // 2 if step > 1 else lo
    right = min(lo + step, hi)
    while left < right:
        mid = (left + right) // 2
        if docs[mid] < target:
            left = mid + 1
        else:
            right = mid
    return left


@njit(cache=True, nogil=True)
def _sift_down(scores: np.ndarray, ids: np.ndarray, size: int, i: int) -> None:
    """Restore the heap below i. The root is the worst kept passage: lowest score, and
    among equal scores the later passage (so an earlier one is never pushed out)."""
    while True:
        left = 2 * i + 1
        worst = i
        for child in (left, left + 1):
            if child < size and (scores[child] < scores[worst] or (
                    scores[child] == scores[worst] and ids[child] > ids[worst])):
                worst = child
        if worst == i:
            return
        scores[i], scores[worst] = scores[worst], scores[i]
        ids[i], ids[worst] = ids[worst], ids[i]
        i = worst


@njit(cache=True, nogil=True)
def _seed(indptr: np.ndarray, docs: np.ndarray, weights: np.ndarray, columns: np.ndarray,
          repeats: np.ndarray, k: int, start: np.ndarray, end: np.ndarray) -> float:
    """The k-th best full score among the passages of the rarest term (0 if fewer than k,
    or if that term is too common for this to be cheap)."""
    m = columns.size
    rarest = 0
    for i in range(1, m):
        if end[i] - start[i] < end[rarest] - start[rarest]:
            rarest = i
    n = end[rarest] - start[rarest]
    if n < k or n > _SEED_MAX:
        return 0.0
    pos = start.copy()
    scores = np.empty(n, np.float64)
    for j in range(n):
        doc = docs[start[rarest] + j]
        score = weights[start[rarest] + j] * repeats[rarest]
        for i in range(m):
            if i == rarest:
                continue
            if pos[i] < end[i] and docs[pos[i]] < doc:
                pos[i] = _gallop(docs, pos[i], end[i], doc)
            if pos[i] < end[i] and docs[pos[i]] == doc:
                score += weights[pos[i]] * repeats[i]
        scores[j] = score
    return np.partition(scores, n - k)[n - k]


@njit(cache=True, nogil=True)
def top_k_maxscore(indptr: np.ndarray, docs: np.ndarray, weights: np.ndarray,
                   columns: np.ndarray, repeats: np.ndarray, bounds: np.ndarray, k: int
                   ) -> tuple[np.ndarray, np.ndarray]:
    """The k best passages with score > 0 (unordered) and their scores.

    `bounds[i]` is repeats[i] times the term's largest weight. Terms early in `columns`
    are the first to become non-essential; any order is correct, and the commonest first
    is cheapest. Passages are visited in ascending order, so among equal scores
    the earlier passage is kept, as `top_k` does.
    """
    m = columns.size
    pos = np.empty(m, np.int64)
    end = np.empty(m, np.int64)
    for i in range(m):
        pos[i] = indptr[columns[i]]
        end[i] = indptr[columns[i] + 1]
    prefix = np.empty(m, np.float64)  # most that terms 0..i together can give
    total = 0.0
    for i in range(m):
        total += bounds[i]
        prefix[i] = total * (1 + _SLACK)
    heap_scores = np.empty(k, np.float64)
    heap_ids = np.empty(k, np.int64)
    size = 0
    # A passage must score above this to enter. Seeded with the k-th best score among the
    # passages of the rarest term (scored fully): every passage of the true top k scores
    # at least that, so they all still enter, while common terms are non-essential early.
    threshold = _seed(indptr, docs, weights, columns, repeats, k, pos, end) * (1 - 1e-9)
    first = 0        # terms before `first` are non-essential
    while first < m and prefix[first] <= threshold:
        first += 1
    no_doc = np.iinfo(np.int64).max
    while first < m:
        doc = no_doc
        for i in range(first, m):
            if pos[i] < end[i] and docs[pos[i]] < doc:
                doc = docs[pos[i]]
        if doc == no_doc:
            break
        score = 0.0
        for i in range(first, m):
            if pos[i] < end[i] and docs[pos[i]] == doc:
                score += weights[pos[i]] * repeats[i]
                pos[i] += 1
        hopeful = True
        for i in range(first - 1, -1, -1):
            if score + prefix[i] <= threshold:
                hopeful = False
                break
            if pos[i] < end[i] and docs[pos[i]] < doc:
                pos[i] = _gallop(docs, pos[i], end[i], doc)
            if pos[i] < end[i] and docs[pos[i]] == doc:
                score += weights[pos[i]] * repeats[i]
        if not hopeful or score <= threshold:
            continue
        if size < k:
            heap_scores[size] = score
            heap_ids[size] = doc
            size += 1
            if size == k:
                for j in range(k // 2 - 1, -1, -1):
                    _sift_down(heap_scores, heap_ids, k, j)
                threshold = heap_scores[0]
        else:
            heap_scores[0] = score
            heap_ids[0] = doc
            _sift_down(heap_scores, heap_ids, k, 0)
            threshold = heap_scores[0]
        if size == k:
            while first < m and prefix[first] <= threshold:
                first += 1
    return heap_ids[:size].copy(), heap_scores[:size].copy()

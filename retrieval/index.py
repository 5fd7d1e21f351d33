"""`BM25Index`: rank-bm25's `BM25Okapi` scores, precomputed at build time, served in milliseconds.

Each (passage, term) weight is computed once when the index is built and stored term-major
(one sorted run of passage ids and float64 weights per term, the CSC layout), so a query
only reads the postings of its own terms. Top k uses MaxScore pruning (as Lucene and PISA
do): the postings of rare terms are walked, those of common terms are only probed for the
passages that can still reach the top k, and the top k is kept in a heap or picked by
partial selection among those passages, never by sorting the whole corpus. Large indexes
use the numba-compiled kernel in `retrieval.maxscore`; without numba, or until it is
loaded, the same plan runs in numpy (`_candidates`).

Scores equal `BM25Okapi` on the same terms (same idf, same epsilon floor, same
term-frequency part, float64 throughout); `tests/test_index.py` proves it.
"""

from __future__ import annotations

import itertools
import json
import logging
import sys
import threading
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

import numpy as np

from retrieval.analyzer import Analyzer
from retrieval.engine import Hit, top_k
from retrieval.errors import IndexFormatError

log = logging.getLogger(__name__)
FORMAT = "article-bot-bm25"
FORMAT_VERSION = 1
_PARAMS_FILE = "params.json"
_ARRAYS = {  # file stem -> dtype; every array of a saved index, nothing else
    "indptr": np.int64,       # term t's postings are [indptr[t], indptr[t + 1])
    "docs": np.int32,         # passage ids, ascending within each term
    "weights": np.float64,    # BM25 weight of the term in that passage
    "idf": np.float64,        # per term, after the epsilon floor
    "max_weight": np.float64,  # per term: its largest weight, MaxScore's upper bound
    "doc_len": np.int32,      # per passage: number of terms
    "vocab_bytes": np.uint8,  # the terms, UTF-8, one after another
    "vocab_offsets": np.int64,  # term t is vocab_bytes[offsets[t]:offsets[t + 1]]
}
# Passages analysed per block while building: bounds the memory of the temporary arrays.
_BLOCK = 20_000
# Below this many postings a query is scored exhaustively: pruning would cost more.
_SMALL = 4_096
# Relative slack on bounds, so that float rounding can never prune a passage that belongs.
_SLACK = 1e-9
# From this many passages the numba MaxScore kernel (when installed) answers questions:
# below it numpy is fast enough, and importing numba (~0.7 s) would slow every start.
KERNEL_MIN_PASSAGES = 5_000


class _Kernel:
    """numba's MaxScore (`retrieval.maxscore`), loaded in a background thread so that no
    question waits for the compiler: until it is ready, numpy answers.

    One per process (`_KERNEL`): compiled code is shared by every index, like an import.
    """

    def __init__(self) -> None:
        self.function: Any = None
        self._lock = threading.Lock()
        self._thread: threading.Thread | None = None

    def start(self) -> None:
        with self._lock:
            if self._thread is None:
                self._thread = threading.Thread(target=self._load, name="bm25-maxscore",
                                                daemon=True)
                self._thread.start()

    def wait(self) -> Any:
        """The compiled function (loading it now if needed), or None without numba."""
        self.start()
        if self._thread is not None:
            self._thread.join()
        return self.function

    def _load(self) -> None:
        try:
            from retrieval.maxscore import top_k_maxscore
        except ImportError:
            log.info("numba is not installed: large indexes are served by numpy")
            return
        try:
            for writeable in (True, False):  # in-memory and memory-mapped indexes
                arrays = (np.array([0, 1], np.int64), np.array([0], np.int32),
                          np.array([1.0]))
                for array in arrays:
                    array.setflags(write=writeable)
                top_k_maxscore(*arrays, np.array([0], np.int64), np.array([1.0]),
                               np.array([1.0]), 1)
        except Exception:  # a broken numba must not stop the bot: numpy still answers
            log.warning("numba could not compile the MaxScore kernel", exc_info=True)
            return
        self.function = top_k_maxscore


_KERNEL = _Kernel()


@dataclass(frozen=True, slots=True)
class BM25Params:
    """rank-bm25's `BM25Okapi` parameters: its defaults are ours."""

    k1: float = 1.5
    b: float = 0.75
    epsilon: float = 0.25


def idf_okapi(doc_freq: np.ndarray, n_docs: int, epsilon: float) -> np.ndarray:
    """BM25Okapi's idf: log((N - df + 0.5) / (df + 0.5)), words in more than half the passages
    floored at epsilon times the mean idf (a mean that includes the negative ones)."""
    df = doc_freq.astype(np.float64)
    raw = np.log(n_docs - df + 0.5) - np.log(df + 0.5)
    if raw.size == 0:
        return raw
    floor = epsilon * float(raw.mean())
    return np.where(raw < 0, floor, raw)


def length_norm(doc_len: np.ndarray, avgdl: float, params: BM25Params) -> np.ndarray:
    """k1 * (1 - b + b * |d| / avgdl): the part of the denominator each passage fixes."""
    if avgdl <= 0:
        return np.full(doc_len.shape, params.k1 * (1 - params.b))
    return params.k1 * (1 - params.b + params.b * doc_len / avgdl)


def tf_part(tf: np.ndarray, norm: np.ndarray, k1: float) -> np.ndarray:
    """tf * (k1 + 1) / (tf + norm): saturating term frequency, in BM25Okapi's order of
    operations so the float64 results are the same."""
    return tf * (k1 + 1) / (tf + norm)


class Vocabulary(dict[str, int]):
    """term -> id, giving each new term the next id."""

    def __missing__(self, term: str) -> int:
        value = self[term] = len(self)
        return value


class _Postings:
    """Collects (term, passage, tf) triples block by block, then lays them out term-major."""

    def __init__(self) -> None:
        self._blocks: list[tuple[np.ndarray, np.ndarray, np.ndarray]] = []
        self._lengths: list[np.ndarray] = []
        self.n_docs = 0

    def add(self, docs: Sequence[Sequence[int]]) -> None:
        """Count the term ids of a block of passages."""
        lengths = np.fromiter(map(len, docs), dtype=np.int64, count=len(docs))
        flat = np.fromiter((t for d in docs for t in d), dtype=np.int64, count=int(lengths.sum()))
        self._add_flat(flat, lengths)

    def _add_flat(self, flat: np.ndarray, lengths: np.ndarray, tfs: np.ndarray | None = None
                  ) -> None:
        if self.n_docs + lengths.size >= KERNEL_MIN_PASSAGES:
            _KERNEL.start()  # compiles in the background while the rest is indexed
        doc = np.repeat(np.arange(self.n_docs, self.n_docs + lengths.size, dtype=np.int64),
                        lengths)
        key = (flat.astype(np.int64) << 32) | doc
        if tfs is None:
            key.sort()
            starts = np.flatnonzero(np.r_[True, key[1:] != key[:-1]]) if key.size else key
            tf = np.diff(np.r_[starts, key.size]).astype(np.int32)
            key = key[starts]
            doc_len = lengths
        else:  # already counted (from saved per-passage counts)
            order = np.argsort(key, kind="stable")
            key, tf = key[order], tfs[order].astype(np.int32)
            running = np.zeros(tfs.size + 1, np.int64)
            np.cumsum(tfs, out=running[1:])
            ends = np.cumsum(lengths)
            doc_len = running[ends] - running[ends - lengths]  # passages without terms: 0
        self._blocks.append(((key >> 32).astype(np.int32), (key & 0xFFFFFFFF).astype(np.int32),
                             tf))
        self._lengths.append(doc_len.astype(np.int32))
        self.n_docs += lengths.size

    def add_counts(self, indptr: np.ndarray, term_ids: np.ndarray, tfs: np.ndarray) -> None:
        """Add passages given as distinct term ids with their frequencies (CSR rows)."""
        self._add_flat(term_ids, np.diff(indptr), tfs)

    def finish(self, vocabulary: Sequence[str], params: BM25Params) -> BM25Index:
        """Weights for every posting, laid out term-major; terms no passage has are dropped."""
        if self.n_docs == 0:
            raise ValueError("cannot index an empty corpus")
        n_terms = len(vocabulary)
        doc_len = np.concatenate(self._lengths) if self._lengths else np.zeros(0, np.int32)
        df = np.zeros(n_terms, np.int64)
        for terms, _, _ in self._blocks:
            df += np.bincount(terms, minlength=n_terms)
        used = np.flatnonzero(df)
        remap = np.full(n_terms, -1, np.int64)
        remap[used] = np.arange(used.size)
        df = df[used]
        indptr = np.zeros(used.size + 1, np.int64)
        np.cumsum(df, out=indptr[1:])
        n_docs = self.n_docs
        avgdl = float(doc_len.sum()) / n_docs
        idf = idf_okapi(df, n_docs, params.epsilon)
        norm = length_norm(doc_len, avgdl, params)
        docs = np.empty(int(indptr[-1]), np.int32)
        weights = np.empty(int(indptr[-1]), np.float64)
        fill = indptr[:-1].copy()
        while self._blocks:
            terms, block_docs, tf = self._blocks.pop(0)
            terms = remap[terms]
            starts = np.flatnonzero(np.r_[True, terms[1:] != terms[:-1]]) if terms.size \
                else terms
            counts = np.diff(np.r_[starts, terms.size])
            first = terms[starts]
            dest = np.repeat(fill[first] - starts, counts) + np.arange(terms.size)
            docs[dest] = block_docs
            weights[dest] = idf[terms] * tf_part(tf, norm[block_docs], params.k1)
            fill[first] += counts
        self._lengths.clear()
        words = [vocabulary[i] for i in used.tolist()]
        max_weight = np.maximum.reduceat(weights, indptr[:-1]) if weights.size \
            else np.zeros(0, np.float64)
        return BM25Index(words, indptr, docs, weights, idf, max_weight, doc_len, params)


def batched(items: Iterable[Any], size: int) -> Iterator[list[Any]]:
    """Consecutive lists of `size` items (the last may be shorter): itertools.batched of 3.12."""
    block: list[Any] = []
    for item in items:
        block.append(item)
        if len(block) == size:
            yield block
            block = []
    if block:
        yield block


def _progress(items: Iterable[Any], enabled: bool, total: int | None) -> Iterable[Any]:
    """A tqdm bar on stderr for large knowledge bases; tqdm is only imported when shown."""
    if not enabled:
        return items
    from tqdm import tqdm

    return tqdm(items, total=total, unit=" passages", unit_scale=True, file=sys.stderr,
                desc="indexing", mininterval=0.5)


class BM25Index:
    """A BM25 index over passages whose scores are rank-bm25's `BM25Okapi`, fast.

    `doc` in each `Hit` is the passage's position in the texts it was built from. Build
    with `build` (texts) or `from_terms` (analysed passages); `save` and `load` keep it
    on disk as plain arrays, loaded memory-mapped.
    """

    name = "bm25"

    def __init__(self, vocabulary: Sequence[str], indptr: np.ndarray, docs: np.ndarray,
                 weights: np.ndarray, idf: np.ndarray, max_weight: np.ndarray,
                 doc_len: np.ndarray, params: BM25Params, analyzer: Analyzer | None = None,
                 column: dict[str, int] | None = None) -> None:
        self._vocabulary = vocabulary
        self._column = column if column is not None else {t: i for i, t in enumerate(vocabulary)}
        self._indptr = indptr
        self._docs = docs
        self._weights = weights
        self._idf = idf
        self._max_weight = max_weight
        self._doc_len = doc_len
        self.params = params
        self.analyzer = analyzer or Analyzer()
        # Negative weights (idf floor below zero: only in tiny corpora where the average
        # word is in most passages) break MaxScore's bounds; such indexes are scored fully.
        self._prunable = not bool((idf < 0).any())
        self._searches = 0

    # -- building -------------------------------------------------------------------------

    @classmethod
    def build(cls, texts: Iterable[str], analyzer: Analyzer | None = None, k1: float = 1.5,
              b: float = 0.75, epsilon: float = 0.25, progress: bool = False) -> BM25Index:
        """Analyse and index passage texts (the project's analyzer unless given one).

        Memory stays bounded: passages are analysed and counted a block at a time.
        """
        analyzer = analyzer or Analyzer()
        vocabulary = Vocabulary()
        total = len(texts) if isinstance(texts, Sequence) else None
        encoded = analyzer.batch_terms(_progress(texts, progress, total), vocabulary.__getitem__)
        return cls._from_ids(encoded, vocabulary, analyzer, BM25Params(k1, b, epsilon))

    @classmethod
    def from_terms(cls, corpus_terms: Iterable[Sequence[str]], analyzer: Analyzer | None = None,
                   k1: float = 1.5, b: float = 0.75, epsilon: float = 0.25,
                   progress: bool = False) -> BM25Index:
        """Index passages that are already analysed (one list of terms each, repeats kept).

        `analyzer` is only used by `search` and `scores` to analyse questions.
        """
        vocabulary = Vocabulary()
        lookup = vocabulary.__getitem__
        total = len(corpus_terms) if isinstance(corpus_terms, Sequence) else None
        encoded = ([lookup(t) for t in terms] for terms in
                   _progress(corpus_terms, progress, total))
        return cls._from_ids(encoded, vocabulary, analyzer, BM25Params(k1, b, epsilon))

    @classmethod
    def from_counts(cls, vocabulary: Sequence[str], indptr: np.ndarray, term_ids: np.ndarray,
                    tfs: np.ndarray, analyzer: Analyzer | None = None,
                    params: BM25Params | None = None) -> BM25Index:
        """Index passages given as rows of (term id, frequency) over `vocabulary`.

        The saved knowledge cache keeps passages this way, so a changed article costs only
        its own analysis; terms of `vocabulary` that no passage uses are dropped.
        """
        postings = _Postings()
        postings.add_counts(np.asarray(indptr), np.asarray(term_ids), np.asarray(tfs))
        index = postings.finish(list(vocabulary), params or BM25Params())
        index.analyzer = analyzer or index.analyzer
        return index

    @classmethod
    def _from_ids(cls, encoded: Iterable[list[int]], vocabulary: Vocabulary,
                  analyzer: Analyzer | None, params: BM25Params) -> BM25Index:
        postings = _Postings()
        for block in batched(encoded, _BLOCK):
            postings.add(block)
        index = postings.finish(list(vocabulary), params)
        index.analyzer = analyzer or index.analyzer
        return index

    def prepare(self) -> bool:
        """Wait until the compiled MaxScore kernel is loaded, for indexes large enough to use
        it (it otherwise loads in the background, numpy answering meanwhile). Call before
        timing queries. True when the kernel will answer."""
        if len(self) < KERNEL_MIN_PASSAGES or not self._prunable:
            return False
        return _KERNEL.wait() is not None

    # -- what the Engine protocol asks ----------------------------------------------------

    def __len__(self) -> int:
        return int(self._doc_len.size)

    @property
    def vocabulary(self) -> Sequence[str]:
        """The indexed terms; term id i is vocabulary[i]."""
        return self._vocabulary

    def idf(self, term: str) -> float | None:
        column = self._column.get(term)
        return None if column is None else float(self._idf[column])

    def doc_freq(self, term: str) -> int:
        column = self._column.get(term)
        return 0 if column is None else int(self._indptr[column + 1] - self._indptr[column])

    def scores(self, query: str) -> np.ndarray:
        """Every passage's score for a question, in corpus order."""
        return self.scores_terms(self.analyzer.terms(query))

    def search(self, query: str, k: int = 10) -> list[Hit]:
        """The best `k` passages for a question, best first; only positive scores."""
        return self.search_terms(self.analyzer.terms(query), k)

    def scores_terms(self, terms: Sequence[str]) -> np.ndarray:
        """Every passage's score, adding each query term's weights in query order, repeats
        included, exactly as `BM25Okapi.get_scores` does."""
        scores = np.zeros(len(self))
        for term in terms:
            column = self._column.get(term)
            if column is not None:
                lo, hi = self._indptr[column], self._indptr[column + 1]
                scores[self._docs[lo:hi]] += self._weights[lo:hi]
        return scores

    def search_terms(self, terms: Sequence[str], k: int = 10) -> list[Hit]:
        """The best `k` passages for analysed terms, best first, ties by position."""
        if k <= 0:
            return []
        counts: dict[int, int] = {}
        for term in terms:
            column = self._column.get(term)
            if column is not None:
                counts[column] = counts.get(column, 0) + 1
        if not counts:
            return []
        if not self._prunable:
            return top_k(self.scores_terms(terms), k)
        columns = np.fromiter(counts.keys(), np.int64, len(counts))
        repeats = np.fromiter(counts.values(), np.float64, len(counts))
        large = len(self) >= KERNEL_MIN_PASSAGES
        kernel = _KERNEL.function if large else None
        if kernel is not None:
            docs, scores = self._maxscore(kernel, columns, repeats, k)
        else:
            docs, scores = self._candidates(columns, repeats, k)
            self._searches += 1
            if large and self._searches > 1:  # a second question: a session, not a one-off
                _KERNEL.start()  # `ask` with one question never pays numba's import
        return _best(docs, scores, k)

    def _maxscore(self, kernel: Any, columns: np.ndarray, repeats: np.ndarray, k: int
                  ) -> tuple[np.ndarray, np.ndarray]:
        """The compiled MaxScore's top k (see `retrieval.maxscore`)."""
        bound = repeats * self._max_weight[columns]
        # Commonest terms first: they become non-essential first, and walking them is what
        # costs. (Ordering by bound, as textbook MaxScore does, keeps a word in 98% of the
        # passages essential, since BM25Okapi's idf floor gives it a high bound.)
        df = self._indptr[columns + 1] - self._indptr[columns]
        order = np.lexsort((bound, -df))
        return kernel(self._indptr, self._docs, self._weights, columns[order], repeats[order],
                      bound[order], k)

    # -- MaxScore -------------------------------------------------------------------------

    def _candidates(self, columns: np.ndarray, repeats: np.ndarray, k: int
                    ) -> tuple[np.ndarray, np.ndarray]:
        """Passages that can be in the top k, with their full scores.

        MaxScore, choosing its terms by cost: a passage that holds none of the "essential"
        terms scores at most the sum of the other terms' upper bounds (repeats times their
        largest weight). Once the k-th best score found so far exceeds that sum, only the
        essential terms' postings are walked; the long postings of common terms are merely
        looked up for the passages that can still reach the top k. The rarest terms seed
        the first estimate of the k-th best score.
        """
        bound = repeats * self._max_weight[columns]
        df = self._indptr[columns + 1] - self._indptr[columns]
        if int(df.sum()) <= _SMALL:
            return self._union(columns, repeats)
        by_df = np.argsort(df, kind="stable")
        n_seed = min(int(np.searchsorted(np.cumsum(df[by_df]), k)) + 1, by_df.size)
        seed, others = by_df[:n_seed], by_df[n_seed:]
        docs, partial = self._union(columns[seed], repeats[seed])
        scores = partial + self._lookup(docs, columns[others], repeats[others])
        threshold = _kth(scores, k) * (1 - _SLACK)
        # The commonest terms become non-essential while their bounds sum below threshold.
        skippable = 0.0
        essential = np.ones(columns.size, bool)
        for j in by_df[::-1].tolist():
            if (skippable + bound[j]) * (1 + _SLACK) >= threshold:
                break
            skippable += bound[j]
            essential[j] = False
        if not essential[others].any():
            return docs, scores
        walk = np.flatnonzero(essential)
        if int(df[walk].sum()) * 8 > len(self):
            return self._dense(columns, repeats, threshold)
        look = np.flatnonzero(~essential)
        look = look[np.argsort(-bound[look], kind="stable")]
        docs, partial = self._union(columns[walk], repeats[walk])
        hopeful = partial + skippable * (1 + _SLACK) >= threshold
        docs, partial = docs[hopeful], partial[hopeful]
        rest = np.cumsum(bound[look][::-1])[::-1]
        return docs, partial + self._lookup(docs, columns[look], repeats[look], partial,
                                            threshold, rest)

    def _dense(self, columns: np.ndarray, repeats: np.ndarray, threshold: float
               ) -> tuple[np.ndarray, np.ndarray]:
        """All postings summed into one array: for questions made only of common words,
        where pruning has too little to skip. Returns the passages at or above threshold."""
        scores = np.zeros(len(self))
        for column, repeat in zip(columns.tolist(), repeats.tolist(), strict=True):
            lo, hi = self._indptr[column], self._indptr[column + 1]
            scores[self._docs[lo:hi]] += self._weights[lo:hi] * repeat
        docs = np.flatnonzero(scores >= threshold) if threshold > 0 else np.flatnonzero(scores)
        return docs, scores[docs]

    def _union(self, columns: np.ndarray, repeats: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Every passage in these terms' postings (ascending) with the sum of their weights."""
        spans = [(int(self._indptr[c]), int(self._indptr[c + 1])) for c in columns]
        if len(spans) == 1:
            lo, hi = spans[0]
            return np.asarray(self._docs[lo:hi]), self._weights[lo:hi] * repeats[0]
        docs = np.concatenate([self._docs[lo:hi] for lo, hi in spans])
        weights = np.concatenate([self._weights[lo:hi] * r for (lo, hi), r in
                                  zip(spans, repeats.tolist(), strict=True)])
        if docs.size * 16 > len(self):  # dense is cheaper than merging this many
            dense = np.bincount(docs, weights, minlength=len(self))
            hit = np.flatnonzero(np.bincount(docs, minlength=len(self)))
            return hit.astype(np.int32), dense[hit]
        order = np.argsort(docs, kind="stable")  # merges the sorted runs
        docs, weights = docs[order], weights[order]
        starts = np.flatnonzero(np.r_[True, docs[1:] != docs[:-1]])
        return docs[starts], np.add.reduceat(weights, starts)

    def _lookup(self, docs: np.ndarray, columns: np.ndarray, repeats: np.ndarray,
                partial: np.ndarray | None = None, threshold: float = 0.0,
                rest: np.ndarray | None = None) -> np.ndarray:
        """What the given terms add to each of `docs`, found by binary search in postings.

        With `partial`, `threshold` and `rest`, passages that can no longer reach the
        threshold are not looked up in the remaining terms (their sum stays partial).
        """
        extra = np.zeros(docs.size)
        alive = np.arange(docs.size)
        for j, (column, repeat) in enumerate(zip(columns.tolist(), repeats.tolist(),
                                                strict=True)):
            if partial is not None and rest is not None and j:
                keep = partial[alive] + extra[alive] + rest[j] * (1 + _SLACK) >= threshold
                alive = alive[keep]
            if alive.size == 0:
                break
            lo, hi = int(self._indptr[column]), int(self._indptr[column + 1])
            postings = self._docs[lo:hi]
            wanted = docs[alive]
            at = np.searchsorted(postings, wanted)
            at[at == postings.size] = 0
            found = postings[at] == wanted
            extra[alive[found]] += self._weights[lo + at[found]] * repeat
        return extra

    # -- saving and loading ---------------------------------------------------------------

    def save(self, directory: Path | str) -> None:
        """Write plain .npy arrays and a JSON of parameters and versions (no pickle)."""
        directory = Path(directory)
        directory.mkdir(parents=True, exist_ok=True)
        encoded = [t.encode("utf-8") for t in self._vocabulary]
        offsets = np.zeros(len(encoded) + 1, np.int64)
        np.cumsum([len(e) for e in encoded], out=offsets[1:])
        arrays = {
            "indptr": self._indptr, "docs": self._docs, "weights": self._weights,
            "idf": self._idf, "max_weight": self._max_weight, "doc_len": self._doc_len,
            "vocab_bytes": np.frombuffer(b"".join(encoded), np.uint8),
            "vocab_offsets": offsets,
        }
        for stem, dtype in _ARRAYS.items():
            np.save(directory / f"{stem}.npy", np.asarray(arrays[stem], dtype=dtype),
                    allow_pickle=False)
        meta = {
            "format": FORMAT, "format_version": FORMAT_VERSION,
            "analyzer_version": self.analyzer.version, **asdict(self.params),
            "n_docs": len(self), "n_terms": len(self._vocabulary),
            "n_postings": int(self._docs.size),
        }
        (directory / _PARAMS_FILE).write_text(json.dumps(meta, indent=1) + "\n")

    @classmethod
    def load(cls, directory: Path | str, mmap: bool = True,
             analyzer: Analyzer | None = None, compile_now: bool = True) -> BM25Index:
        """Open a saved index, memory-mapped unless `mmap` is False.

        A large index starts loading the compiled kernel in the background now, or with
        `compile_now=False` from its second search (for a start that must answer first).

        Raises `IndexFormatError` when a file is missing, truncated, of another format
        version or analyzer version, or inconsistent with the others.
        """
        directory = Path(directory)
        analyzer = analyzer or Analyzer()
        meta = _read_params(directory)
        if meta.get("analyzer_version") != analyzer.version:
            raise IndexFormatError(
                f"{directory}: built with analyzer {meta.get('analyzer_version')!r}, "
                f"this one is {analyzer.version!r}; rebuild the index")
        arrays = {stem: _read_array(directory / f"{stem}.npy", dtype, mmap)
                  for stem, dtype in _ARRAYS.items()}
        try:
            n_docs, n_terms = int(meta["n_docs"]), int(meta["n_terms"])
            n_postings = int(meta["n_postings"])
            params = BM25Params(float(meta["k1"]), float(meta["b"]), float(meta["epsilon"]))
        except (KeyError, TypeError, ValueError) as exc:
            raise IndexFormatError(f"{directory / _PARAMS_FILE}: bad field ({exc})") from None
        _check_shapes(directory, arrays, n_docs, n_terms, n_postings)
        if compile_now and n_docs >= KERNEL_MIN_PASSAGES:
            _KERNEL.start()
        vocabulary = _decode_vocabulary(directory, arrays["vocab_bytes"], arrays["vocab_offsets"])
        column = {t: i for i, t in enumerate(vocabulary)}
        if len(column) != n_terms:
            raise IndexFormatError(f"{directory}: the vocabulary repeats terms")
        return cls(vocabulary, arrays["indptr"], arrays["docs"], arrays["weights"],
                   arrays["idf"], arrays["max_weight"], arrays["doc_len"], params, analyzer,
                   column)


def _best(docs: np.ndarray, scores: np.ndarray, k: int) -> list[Hit]:
    """The `k` best positive scores among candidates, best first, ties by position."""
    positive = scores > 0
    docs, scores = docs[positive], scores[positive]
    if scores.size > k:
        kth = np.partition(scores, scores.size - k)[scores.size - k]
        keep = scores >= kth
        docs, scores = docs[keep], scores[keep]
    order = np.lexsort((docs, -scores))[:k]
    return [Hit(int(d), float(s)) for d, s in zip(docs[order], scores[order], strict=True)]


def _kth(scores: np.ndarray, k: int) -> float:
    """The k-th largest score, or 0 when there are fewer than k."""
    if scores.size < k:
        return 0.0
    return float(np.partition(scores, scores.size - k)[scores.size - k])


def _read_params(directory: Path) -> dict[str, Any]:
    path = directory / _PARAMS_FILE
    try:
        meta = json.loads(path.read_text())
    except FileNotFoundError:
        raise IndexFormatError(f"{directory}: no saved index here ({_PARAMS_FILE} missing)"
                               ) from None
    except (OSError, ValueError) as exc:
        raise IndexFormatError(f"{path}: unreadable ({exc})") from None
    if not isinstance(meta, dict) or meta.get("format") != FORMAT:
        raise IndexFormatError(f"{path}: not a saved {FORMAT} index")
    if meta.get("format_version") != FORMAT_VERSION:
        raise IndexFormatError(f"{path}: format version {meta.get('format_version')!r}, "
                               f"this program reads {FORMAT_VERSION}; rebuild the index")
    return meta


def _read_array(path: Path, dtype: type, mmap: bool) -> np.ndarray:
    """One .npy file, checked for its dtype; pickled objects are refused."""
    try:
        array = np.load(path, mmap_mode="r" if mmap else None, allow_pickle=False)
    except FileNotFoundError:
        raise IndexFormatError(f"{path}: missing") from None
    except (OSError, ValueError, EOFError) as exc:
        raise IndexFormatError(f"{path}: corrupt or truncated ({exc})") from None
    if array.dtype != np.dtype(dtype) or array.ndim != 1:
        raise IndexFormatError(f"{path}: expected a 1-d {np.dtype(dtype)} array, found "
                               f"{array.ndim}-d {array.dtype}")
    return array.view(np.ndarray)  # still mapped; plain views slice faster than np.memmap


def _check_shapes(directory: Path, arrays: dict[str, np.ndarray], n_docs: int, n_terms: int,
                  n_postings: int) -> None:
    """Cheap consistency checks: sizes agree with each other and with params.json."""
    expected = {"indptr": n_terms + 1, "docs": n_postings, "weights": n_postings,
                "idf": n_terms, "max_weight": n_terms, "doc_len": n_docs,
                "vocab_offsets": n_terms + 1}
    for stem, size in expected.items():
        if arrays[stem].size != size:
            raise IndexFormatError(f"{directory / stem}.npy: {arrays[stem].size} entries, "
                                   f"expected {size}; the saved index is inconsistent")
    indptr, offsets = arrays["indptr"], arrays["vocab_offsets"]
    if indptr[0] != 0 or indptr[-1] != n_postings or (np.diff(indptr) <= 0).any():
        raise IndexFormatError(f"{directory}/indptr.npy: postings offsets are corrupt")
    if offsets[0] != 0 or offsets[-1] != arrays["vocab_bytes"].size:
        raise IndexFormatError(f"{directory}/vocab_offsets.npy: vocabulary offsets are corrupt")
    if n_postings and not (0 <= int(arrays["docs"][0]) < n_docs
                           and 0 <= int(arrays["docs"][-1]) < n_docs):
        raise IndexFormatError(f"{directory}/docs.npy: passage ids out of range")


def _decode_vocabulary(directory: Path, blob: np.ndarray, offsets: np.ndarray) -> list[str]:
    """The terms from their UTF-8 bytes; byte offsets become slices of the bytes."""
    data = blob.tobytes()
    bounds = offsets.tolist()
    try:
        if data.isascii():  # the usual case: slice the decoded text, no per-term decode
            text = data.decode("ascii")
            return [text[a:b] for a, b in itertools.pairwise(bounds)]
        return [data[a:b].decode("utf-8") for a, b in itertools.pairwise(bounds)]
    except UnicodeDecodeError as exc:
        raise IndexFormatError(f"{directory}/vocab_bytes.npy: not UTF-8 ({exc})") from None


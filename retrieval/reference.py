"""rank-bm25's `BM25Okapi` behind our `Engine` protocol: the definition of our scores.

Kept selectable (``--engine rank-bm25``) so anyone can check the fast index against the
reference on their own knowledge. It scores every passage in a Python loop per query term,
so it is only fit for small knowledge bases.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

import numpy as np
from rank_bm25 import BM25Okapi

from retrieval.engine import Hit, top_k


class RankBM25Engine:
    """The reference: rank-bm25 over terms, with its k1, b and epsilon idf floor."""

    name = "rank-bm25"

    def __init__(self, corpus_terms: Iterable[Sequence[str]], k1: float = 1.5, b: float = 0.75,
                 epsilon: float = 0.25) -> None:
        corpus = [list(terms) for terms in corpus_terms]
        if not corpus:
            raise ValueError("cannot index an empty corpus")
        # rank-bm25 divides by the average length: an all-empty corpus still needs one token.
        self._empty = all(not terms for terms in corpus)
        self._bm25 = BM25Okapi(corpus if not self._empty else [[""]] * len(corpus),
                               k1=k1, b=b, epsilon=epsilon)
        self._df: dict[str, int] = {}
        for frequencies in self._bm25.doc_freqs:
            for term in frequencies:
                self._df[term] = self._df.get(term, 0) + 1

    def __len__(self) -> int:
        return self._bm25.corpus_size

    def scores_terms(self, terms: Sequence[str]) -> np.ndarray:
        if self._empty:
            return np.zeros(len(self))
        return np.asarray(self._bm25.get_scores(list(terms)), dtype=np.float64)

    def search_terms(self, terms: Sequence[str], k: int = 10) -> list[Hit]:
        return top_k(self.scores_terms(terms), k)

    @property
    def vocabulary(self) -> Sequence[str]:
        """The indexed terms, so unknown question words can be matched against them."""
        return list(self._df)

    def idf(self, term: str) -> float | None:
        return self._bm25.idf.get(term) if term in self._df else None

    def doc_freq(self, term: str) -> int:
        return self._df.get(term, 0)

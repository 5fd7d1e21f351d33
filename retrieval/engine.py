"""What every BM25 engine offers the rest of the code, so engines can be swapped by one flag.

The reference engine wraps rank-bm25 (`retrieval.reference`); the fast one is
`retrieval.index.BM25Index`. Callers only see this protocol and `Hit`.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Protocol

import numpy as np


@dataclass(frozen=True, slots=True)
class Hit:
    """One ranked result: `doc` is the passage's position in what the index was built from."""

    doc: int
    score: float


class Engine(Protocol):
    """A BM25 index over analysed passages; scores follow rank-bm25's `BM25Okapi`."""

    def __len__(self) -> int:
        """How many passages were indexed."""
        ...

    def search_terms(self, terms: Sequence[str], k: int = 10) -> list[Hit]:
        """The best `k` passages for already-analysed query terms, best first, score > 0."""
        ...

    def scores_terms(self, terms: Sequence[str]) -> np.ndarray:
        """Every passage's score in corpus order (for evaluation and the reference test)."""
        ...

    @property
    def vocabulary(self) -> Sequence[str]:
        """Every indexed term; unknown question words are mended against it."""
        ...

    def idf(self, term: str) -> float | None:
        """The term's idf as BM25Okapi weighs it, or None for a term no passage has."""
        ...

    def doc_freq(self, term: str) -> int:
        """In how many passages the term occurs."""
        ...


def top_k(scores: np.ndarray, k: int) -> list[Hit]:
    """The `k` best positive scores, best first, ties by position; a partial sort, not a full."""
    k = min(k, scores.size)
    if k <= 0:
        return []
    top = np.argpartition(-scores, k - 1)[:k] if k < scores.size else np.arange(scores.size)
    top = top[np.lexsort((top, -scores[top]))]
    return [Hit(int(i), float(scores[i])) for i in top if scores[i] > 0]

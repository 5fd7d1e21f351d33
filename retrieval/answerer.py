"""Passages in, answers out: the analyzer, a BM25 engine and answer picking wired together.

This is what every front end holds (console, `ask`, Telegram): build it once from the
loaded knowledge, then call `ask` per question. It is immutable once built, so a reload
builds a new one and swaps it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import cached_property

from knowledge import Passage, PassageKind
from retrieval.analyzer import Analyzer
from retrieval.answer import Answer, RankedPassage
from retrieval.engine import Engine
from retrieval.index import BM25Index
from retrieval.ranking import Ranker
from retrieval.reference import RankBM25Engine

# "bm25": our fast index (the default); "rank-bm25": the reference it is checked against.
ENGINES = ("bm25", "rank-bm25")
DEFAULT_ENGINE = "bm25"
# Captions are searchable but second-class: short, so BM25's length normalisation favours
# them, yet they describe a photo rather than report. Their scores are scaled down.
CAPTION_WEIGHT = 0.5


def passage_text(passage: Passage) -> str:
    """The text indexed for a passage."""
    return passage.text


def make_engine(name: str, corpus: Sequence[Sequence[str]], analyzer: Analyzer) -> Engine:
    """The engine called `name` over analysed passages; the only place that knows them."""
    if name == "bm25":
        return BM25Index.from_terms(corpus, analyzer=analyzer)
    if name == "rank-bm25":
        return RankBM25Engine(corpus)
    raise ValueError(f"unknown engine {name!r} (choose from {', '.join(ENGINES)})")


@dataclass(frozen=True)
class Answerer:
    """Answers questions from a fixed set of passages."""

    passages: Sequence[Passage]  # a tuple, or passages decoded lazily from a saved index
    analyzer: Analyzer
    engine: Engine
    engine_name: str

    @classmethod
    def build(cls, passages: Sequence[Passage], engine: str = DEFAULT_ENGINE,
              analyzer: Analyzer | None = None) -> Answerer:
        """Analyse and index the passages with the chosen engine."""
        if engine not in ENGINES:
            raise ValueError(f"unknown engine {engine!r} (choose from {', '.join(ENGINES)})")
        analyzer = analyzer or Analyzer()
        corpus = [analyzer.terms(passage_text(p)) for p in passages]
        return cls(tuple(passages), analyzer, make_engine(engine, corpus, analyzer), engine)

    @cached_property
    def ranker(self) -> Ranker:
        """Query processing, re-ranking and answer picking around the engine
        (`retrieval.ranking`): typos mended, feedback, article and phrase evidence."""
        return Ranker(self.passages, self.analyzer, self.engine, passage_text, CAPTION_WEIGHT)

    def search(self, question: str, k: int = 10) -> list[RankedPassage]:
        """The best `k` passages for a question, best first."""
        return self.ranker.search(question, k)

    def ask(self, question: str, k: int = 3) -> Answer:
        """The answer to a question, with the `k` best passages (present even if unanswered)."""
        return self.ranker.answer(question, k)

    def neighbours(self, doc: int) -> tuple[Passage | None, Passage | None]:
        """The paragraphs just before and after the passage at position `doc` in its article
        (none for a caption): passages are stored article by article, in reading order, so
        they sit at `doc - 1` and `doc + 1` and nothing else has to be decoded."""
        passage = self.passages[doc]
        if passage.kind is PassageKind.CAPTION:
            return None, None

        def at(position: int, number: int) -> Passage | None:
            if not 0 <= position < len(self.passages):
                return None
            other = self.passages[position]
            same = (other.article == passage.article and other.kind is PassageKind.BODY
                    and other.number == number)
            return other if same else None

        return at(doc - 1, passage.number - 1), at(doc + 1, passage.number + 1)

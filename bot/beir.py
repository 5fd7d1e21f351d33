"""A BEIR benchmark (corpus, queries, qrels) read from disk, and the systems we rank it with.

Our system is the bot's own retrieval path: each document becomes a `Passage` (title and
abstract, as every published BM25 baseline indexes them) and is ranked by
`Answerer.search`, with the same analyzer, engine and query processing a question to the
bot gets. The peers are plain rank-bm25 over regex tokens and bm25s with its default
pipeline, measured in the same run so the figures are comparable.
"""

from __future__ import annotations

import csv
import json
import logging
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path

from knowledge import Passage, PassageKind, split_sentences
from retrieval.analyzer import Analyzer
from retrieval.answerer import CAPTION_WEIGHT, DEFAULT_ENGINE, Answerer, passage_text
from retrieval.engine import Engine
from retrieval.index import BM25Index
from retrieval.ranking import Ranker, Settings
from retrieval.reference import RankBM25Engine

SPLITS = ("test", "train", "dev")
DEPTH = 100  # Recall@100 needs the top 100


class BenchmarkError(Exception):
    """The benchmark folder is missing a file or holds one we cannot read; names the path."""


@dataclass(frozen=True)
class Document:
    """One corpus entry: BEIR keeps the title apart from the text."""

    id: str
    title: str
    text: str


@dataclass(frozen=True)
class Benchmark:
    """The documents, the judged queries of one split, and their relevance judgements."""

    name: str
    split: str
    documents: tuple[Document, ...]
    queries: Mapping[str, str]
    qrels: Mapping[str, Mapping[str, int]]


def _jsonl(path: Path) -> list[dict]:
    try:
        with path.open(encoding="utf-8") as lines:
            return [json.loads(line) for line in lines if line.strip()]
    except (OSError, json.JSONDecodeError, UnicodeDecodeError) as exc:
        raise BenchmarkError(f"{path}: cannot read ({exc})") from None


def read_qrels(path: Path) -> dict[str, dict[str, int]]:
    """`query-id  corpus-id  score` rows after a header line, tab separated."""
    qrels: dict[str, dict[str, int]] = {}
    try:
        with path.open(encoding="utf-8", newline="") as rows:
            reader = csv.reader(rows, delimiter="\t")
            next(reader, None)
            for row in reader:
                if len(row) >= 3:
                    qrels.setdefault(row[0], {})[row[1]] = int(row[2])
    except (OSError, ValueError) as exc:
        raise BenchmarkError(f"{path}: cannot read ({exc})") from None
    return qrels


def read_benchmark(folder: Path, split: str = "test") -> Benchmark:
    """Read a BEIR folder; only the queries judged in `split` are kept."""
    qrels = read_qrels(folder / "qrels" / f"{split}.tsv")
    documents = tuple(Document(str(row["_id"]), row.get("title") or "", row.get("text") or "")
                      for row in _jsonl(folder / "corpus.jsonl"))
    queries = {str(row["_id"]): row["text"] for row in _jsonl(folder / "queries.jsonl")
               if str(row["_id"]) in qrels}
    if not documents:
        raise BenchmarkError(f"{folder / 'corpus.jsonl'}: no documents")
    return Benchmark(folder.name, split, documents, queries, qrels)


def document_text(document: Document) -> str:
    """Title and text as one field, as the published BM25 baselines index them."""
    return f"{document.title} {document.text}".strip()


def as_passages(documents: tuple[Document, ...]) -> list[Passage]:
    """The documents in the shape the bot indexes; the title also stays the passage's title."""
    return [Passage(id=d.id, article=d.id, number=1, kind=PassageKind.BODY,
                    text=document_text(d), sentences=split_sentences(document_text(d)),
                    title=d.title, date=None, source=d.id) for d in documents]


Run = dict[str, list[str]]  # query id -> document ids, best first


def build_ours(benchmark: Benchmark, engine: str = DEFAULT_ENGINE, k1: float | None = None,
               b: float | None = None) -> Answerer:
    """The bot's answerer over the benchmark's documents, with BM25 parameters if given."""
    passages = as_passages(benchmark.documents)
    analyzer = Analyzer()
    corpus = [analyzer.terms(passage_text(p)) for p in passages]
    params = {"k1": k1 if k1 is not None else 1.5, "b": b if b is not None else 0.75}
    index: Engine = (BM25Index.from_terms(corpus, analyzer=analyzer, **params)
                     if engine == "bm25" else RankBM25Engine(corpus, **params))
    return Answerer(tuple(passages), analyzer, index, engine)


def run_ours(benchmark: Benchmark, engine: str = DEFAULT_ENGINE, k1: float | None = None,
             b: float | None = None, settings: Settings | None = None) -> Run:
    """The bot's own retrieval path, `Answerer.search`, for every query; `settings` (for
    tuning) runs the same `Ranker` with other knobs."""
    answerer = build_ours(benchmark, engine, k1, b)
    search = answerer.search if settings is None else Ranker(
        answerer.passages, answerer.analyzer, answerer.engine, passage_text, CAPTION_WEIGHT,
        settings).search
    return {qid: [r.passage.id for r in search(text, DEPTH)]
            for qid, text in benchmark.queries.items()}


def run_rank_bm25(benchmark: Benchmark) -> Run:
    """Plain rank-bm25 `BM25Okapi()` with its defaults over `\\w+` tokens of lower-cased text."""
    import numpy as np
    from rank_bm25 import BM25Okapi

    def tokens(text: str) -> list[str]:
        return re.findall(r"\w+", text.lower())

    ids = [d.id for d in benchmark.documents]
    bm25 = BM25Okapi([tokens(document_text(d)) for d in benchmark.documents])
    run: Run = {}
    for qid, text in benchmark.queries.items():
        scores = bm25.get_scores(tokens(text))
        top = np.argsort(-scores, kind="stable")[:DEPTH]
        run[qid] = [ids[i] for i in top]
    return run


def run_bm25s(benchmark: Benchmark) -> Run:
    """bm25s's default pipeline: English stop words, Snowball stemming, method "lucene"."""
    import bm25s
    import Stemmer

    logging.getLogger("bm25s").setLevel(logging.WARNING)  # it logs each build at DEBUG
    stemmer = Stemmer.Stemmer("english")
    ids = [d.id for d in benchmark.documents]
    retriever = bm25s.BM25()
    retriever.index(bm25s.tokenize([document_text(d) for d in benchmark.documents],
                                   stopwords="en", stemmer=stemmer, show_progress=False),
                    show_progress=False)
    qids = list(benchmark.queries)
    tokens = bm25s.tokenize([benchmark.queries[q] for q in qids], stopwords="en",
                            stemmer=stemmer, show_progress=False)
    results, _ = retriever.retrieve(tokens, k=min(DEPTH, len(ids)), show_progress=False)
    return {qid: [ids[int(i)] for i in row] for qid, row in zip(qids, results, strict=True)}


PEERS: dict[str, Callable[[Benchmark], Run]] = {
    "rank-bm25 (regex tokens)": run_rank_bm25,
    "bm25s (stem + stop words, lucene)": run_bm25s,
}

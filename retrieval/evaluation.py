"""Measuring answer quality: a question set's format, judging one answer, and the metrics.

Pure functions over values: they see questions, the bot's answers and rankings, and return
figures. Reading files and running the bot is the caller's business (`bot.evaluate`).

Two kinds of judgement:
- our own question set: each question names its right passage (a substring of its text) and
  its answer (a substring of the right sentence), or says the articles cannot answer it;
- BEIR benchmarks: a ranking of document ids against graded relevance judgements (qrels).
"""

from __future__ import annotations

import json
import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from retrieval.answer import Answer

NEAR_MISS = "near_miss"


class QuestionSetError(ValueError):
    """A line of a question set cannot be used; the message names the line and the field."""


@dataclass(frozen=True, slots=True)
class Question:
    """One question of an evaluation set, with what a right answer looks like."""

    id: str
    question: str
    answerable: bool
    passages: tuple[str, ...]  # any of these substrings marks a right passage
    answers: tuple[str, ...]  # any of these substrings marks a right answer sentence
    tags: tuple[str, ...] = ()

    @property
    def near_miss(self) -> bool:
        """Uses the articles' names but asks what they do not say."""
        return NEAR_MISS in self.tags


@dataclass(frozen=True, slots=True)
class Judgement:
    """How the bot did on one question."""

    question: Question
    rank: int | None  # 1-based rank of the first right passage, None if not listed
    answered: bool
    sentence_right: bool  # answered with a sentence holding the expected answer
    sentence: str | None
    best_passage: str | None  # the passage the bot ranked first, for reading misses


@dataclass(frozen=True, slots=True)
class QualityReport:
    """The figures for a question set; shares are 0..1, `None` when nothing to measure."""

    answerable: int
    unanswerable: int
    near_misses: int
    top1: float | None
    mrr10: float | None
    sentence_accuracy: float | None
    abstention_precision: float | None
    abstention_recall: float | None
    wrongly_abstained: float | None
    near_miss_abstained: float | None


def _strings(value: object, field: str, where: str) -> tuple[str, ...]:
    if isinstance(value, str):
        value = [value]
    if (not isinstance(value, list) or not value
            or not all(isinstance(v, str) and v.strip() for v in value)):
        raise QuestionSetError(f"{where}: {field!r} must be a non-empty string or list of them")
    return tuple(value)


def parse_question(line: str, where: str = "line") -> Question:
    """One JSON line of a question set; raises `QuestionSetError` naming what is wrong."""
    try:
        row = json.loads(line)
    except json.JSONDecodeError as exc:
        raise QuestionSetError(f"{where}: not JSON ({exc.msg})") from None
    if not isinstance(row, dict):
        raise QuestionSetError(f"{where}: expected a JSON object")
    question = row.get("question")
    if not isinstance(question, str) or not question.strip():
        raise QuestionSetError(f"{where}: 'question' must be a non-empty string")
    answerable = row.get("answerable", True)
    if not isinstance(answerable, bool):
        raise QuestionSetError(f"{where}: 'answerable' must be true or false")
    tags = row.get("tags", [])
    if not isinstance(tags, list) or not all(isinstance(t, str) for t in tags):
        raise QuestionSetError(f"{where}: 'tags' must be a list of strings")
    passages: tuple[str, ...] = ()
    answers: tuple[str, ...] = ()
    if answerable:
        passages = _strings(row.get("passage"), "passage", where)
        answers = _strings(row.get("answer"), "answer", where)
    return Question(id=str(row.get("id", where)), question=question, answerable=answerable,
                    passages=passages, answers=answers, tags=tuple(tags))


def parse_questions(lines: Iterable[str], name: str = "questions") -> list[Question]:
    """A question set from JSON lines; blank lines are skipped, ids must be unique."""
    out: list[Question] = []
    seen: set[str] = set()
    for number, line in enumerate(lines, 1):
        if not line.strip():
            continue
        question = parse_question(line, f"{name}:{number}")
        if question.id in seen:
            raise QuestionSetError(f"{name}:{number}: id {question.id!r} used twice")
        seen.add(question.id)
        out.append(question)
    return out


def _normal(text: str) -> str:
    """Case and spacing do not matter when matching an expected substring."""
    return " ".join(text.split()).casefold()


def contains_any(text: str, expected: Sequence[str]) -> bool:
    """Whether the text holds one of the expected substrings."""
    haystack = _normal(text)
    return any(_normal(e) in haystack for e in expected)


def judge(question: Question, answer: Answer) -> Judgement:
    """Compare one answer of the bot with what the question set expects."""
    texts = [r.passage.text for r in answer.passages]
    rank = None
    if question.answerable:
        rank = next((i for i, t in enumerate(texts, 1) if contains_any(t, question.passages)),
                    None)
    right = (question.answerable and answer.answered and answer.sentence is not None
             and rank == 1 and contains_any(answer.sentence, question.answers))
    return Judgement(question=question, rank=rank, answered=answer.answered,
                     sentence_right=right, sentence=answer.sentence,
                     best_passage=texts[0] if texts else None)


def reciprocal_rank(rank: int | None, k: int = 10) -> float:
    """1/rank of the first right result within the top k, else 0."""
    return 1.0 / rank if rank is not None and rank <= k else 0.0


def _share(hits: int, total: int) -> float | None:
    return hits / total if total else None


def quality_report(judgements: Sequence[Judgement]) -> QualityReport:
    """The set's figures.

    top-1 and MRR@10 rate the ranking of answerable questions whether or not the bot dared to
    answer; answer-sentence accuracy needs an answer from the right passage holding the
    expected text. Abstention precision: of the questions the bot declined, the share it
    could not have answered; recall: of the unanswerable ones, the share it declined.
    """
    answerable = [j for j in judgements if j.question.answerable]
    unanswerable = [j for j in judgements if not j.question.answerable]
    near = [j for j in unanswerable if j.question.near_miss]
    abstained = [j for j in judgements if not j.answered]
    return QualityReport(
        answerable=len(answerable),
        unanswerable=len(unanswerable),
        near_misses=len(near),
        top1=_share(sum(j.rank == 1 for j in answerable), len(answerable)),
        mrr10=(sum(reciprocal_rank(j.rank) for j in answerable) / len(answerable)
               if answerable else None),
        sentence_accuracy=_share(sum(j.sentence_right for j in answerable), len(answerable)),
        abstention_precision=_share(sum(not j.question.answerable for j in abstained),
                                    len(abstained)),
        abstention_recall=_share(sum(not j.answered for j in unanswerable), len(unanswerable)),
        wrongly_abstained=_share(sum(not j.answered for j in answerable), len(answerable)),
        near_miss_abstained=_share(sum(not j.answered for j in near), len(near)),
    )


def misses(judgements: Iterable[Judgement]) -> list[Judgement]:
    """The judgements that count against a figure: wrong passage, wrong sentence, a wrong
    abstention, or an answer to a question the articles cannot answer."""
    return [j for j in judgements
            if (j.question.answerable and (j.rank != 1 or not j.sentence_right))
            or (not j.question.answerable and j.answered)]


# --- ranked retrieval (BEIR) ---------------------------------------------------------------


def dcg(gains: Sequence[float]) -> float:
    """Discounted cumulative gain with linear gains, as trec_eval computes it."""
    return sum(g / math.log2(i + 2) for i, g in enumerate(gains))


def ndcg_at_k(ranking: Sequence[str], relevant: Mapping[str, int], k: int = 10) -> float:
    """nDCG@k of one ranking of ids against graded judgements (grade > 0 is relevant)."""
    ideal = dcg(sorted((g for g in relevant.values() if g > 0), reverse=True)[:k])
    if ideal <= 0:
        return 0.0
    gains = [max(relevant.get(doc, 0), 0) for doc in ranking[:k]]
    return dcg(gains) / ideal


def recall_at_k(ranking: Sequence[str], relevant: Mapping[str, int], k: int = 100) -> float:
    """Share of the relevant ids found in the top k."""
    wanted = {doc for doc, grade in relevant.items() if grade > 0}
    if not wanted:
        return 0.0
    return len(wanted.intersection(ranking[:k])) / len(wanted)


def mean(values: Iterable[float]) -> float:
    """Arithmetic mean; 0.0 for nothing (no query, no score)."""
    values = list(values)
    return sum(values) / len(values) if values else 0.0


@dataclass(frozen=True, slots=True)
class RankingScores:
    """Mean nDCG@10 and Recall@100 of a system over the judged queries."""

    ndcg10: float
    recall100: float
    queries: int


def ranking_scores(runs: Mapping[str, Sequence[str]],
                   qrels: Mapping[str, Mapping[str, int]]) -> RankingScores:
    """Score each judged query's ranking (a missing ranking scores 0), then average."""
    judged = [q for q, rel in qrels.items() if any(g > 0 for g in rel.values())]
    return RankingScores(
        ndcg10=mean(ndcg_at_k(runs.get(q, ()), qrels[q], 10) for q in judged),
        recall100=mean(recall_at_k(runs.get(q, ()), qrels[q], 100) for q in judged),
        queries=len(judged),
    )

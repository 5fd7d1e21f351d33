"""`python -m bot eval`: how good the answers are, on a question set or a BEIR benchmark.

A question set (JSON lines, see tests/data/README.md) is asked through the same `Answerer`
every front end uses, and judged by `retrieval.evaluation`. A BEIR folder is ranked by the
bot's retrieval path and, in the same run, by plain rank-bm25 and bm25s for comparison.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import asdict
from pathlib import Path
from typing import Any

from bot.beir import PEERS, SPLITS, Benchmark, BenchmarkError, read_benchmark, run_ours
from bot.knowledge_base import KnowledgeBase
from retrieval.answerer import DEFAULT_ENGINE, Answerer
from retrieval.evaluation import (
    Judgement,
    QualityReport,
    Question,
    QuestionSetError,
    judge,
    misses,
    parse_questions,
    quality_report,
    ranking_scores,
)

DEPTH = 10  # passages listed per question: MRR@10 needs ten

# What the issue asks of our own set; shown beside each figure.
TARGETS: dict[str, tuple[str, float]] = {
    "top1": (">=", 0.96),
    "sentence_accuracy": (">=", 0.90),
    "abstention_recall": (">=", 0.80),
    "wrongly_abstained": ("<=", 0.04),
    "near_miss_abstained": (">=", 0.50),
}
_LABELS = {
    "top1": "top-1 passage (answerable)",
    "mrr10": "MRR@10 (answerable)",
    "sentence_accuracy": "answer sentence (answerable)",
    "abstention_recall": "unanswerable abstained (recall)",
    "abstention_precision": "abstention precision",
    "wrongly_abstained": "answerable wrongly abstained",
    "near_miss_abstained": "near misses abstained",
}


def read_questions(path: Path) -> list[Question]:
    """The question set in a JSON-lines file; raises `QuestionSetError` naming the line."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise QuestionSetError(f"{path}: cannot read ({exc})") from None
    return parse_questions(text.splitlines(), str(path))


def judge_all(answerer: Answerer, questions: Sequence[Question]) -> list[Judgement]:
    """Ask every question as a user would and judge the answer."""
    return [judge(q, answerer.ask(q.question, k=DEPTH)) for q in questions]


def _miss_reason(j: Judgement) -> str:
    if not j.question.answerable:
        return "answered an unanswerable question"
    if not j.answered:
        return "abstained" + ("" if j.rank == 1 else f" (right passage at rank {j.rank})")
    if j.rank != 1:
        return f"wrong passage (right one at rank {j.rank})"
    return "wrong sentence"


def quality_json(report: QualityReport, judgements: Sequence[Judgement]) -> dict[str, Any]:
    """The figures, the targets, and every miss with what the bot said."""
    return {
        "figures": asdict(report),
        "targets": {name: {"op": op, "value": value} for name, (op, value) in TARGETS.items()},
        "misses": [{"id": j.question.id, "question": j.question.question,
                    "why": _miss_reason(j), "answered": j.answered, "rank": j.rank,
                    "answer": j.sentence, "expected": list(j.question.answers),
                    "best_passage": j.best_passage}
                   for j in misses(judgements)],
    }


def _meets(name: str, value: float | None) -> str:
    if name not in TARGETS or value is None:
        return ""
    op, target = TARGETS[name]
    ok = value >= target if op == ">=" else value <= target
    return f"  target {op} {target:.0%}  {'ok' if ok else 'MISSED'}"


def quality_text(report: QualityReport, judgements: Sequence[Judgement]) -> str:
    """The figures as a small table for people, then the misses, one block each."""
    lines = [f"{report.answerable} answerable, {report.unanswerable} unanswerable "
             f"({report.near_misses} near misses)"]
    for name, label in _LABELS.items():
        value = getattr(report, name)
        shown = "n/a" if value is None else (f"{value:.3f}" if name == "mrr10"
                                              else f"{value:6.1%}")
        lines.append(f"  {label:34s} {shown:>7s}{_meets(name, value)}")
    wrong = misses(judgements)
    lines.append(f"\nmisses ({len(wrong)}):" if wrong else "\nno misses")
    for j in wrong:
        lines.append(f"- {j.question.id}: {j.question.question}\n    {_miss_reason(j)}")
        if j.sentence:
            lines.append(f"    said: {j.sentence[:160]}")
        if j.question.answerable:
            lines.append(f"    expected: {' | '.join(j.question.answers)}")
    return "\n".join(lines)


def run_question_set(answerer: Answerer, path: Path, as_json: bool) -> int:
    """Print the figures of one question set; exit code 2 if the set cannot be read."""
    try:
        questions = read_questions(path)
    except QuestionSetError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    judgements = judge_all(answerer, questions)
    report = quality_report(judgements)
    if as_json:
        sys.stdout.write(json.dumps(quality_json(report, judgements), ensure_ascii=False) + "\n")
    else:
        print(quality_text(report, judgements))
    return 0


# --- BEIR ---------------------------------------------------------------------------------

System = tuple[str, Callable[[Benchmark], dict[str, list[str]]]]


def beir_systems(engine: str | None, k1: float | None, b: float | None,
                 peers: bool) -> list[System]:
    """Ours first (with the chosen BM25 parameters), then the peers that are installed."""
    label = "ours (analyzer + query processing + BM25Okapi"
    label += f", k1={k1}, b={b})" if k1 is not None or b is not None else ", defaults)"
    systems: list[System] = [(label, lambda bench: run_ours(bench, engine or DEFAULT_ENGINE,
                                                            k1, b))]
    if peers:
        systems.extend(PEERS.items())
    return systems


def beir_rows(benchmark: Benchmark, systems: Sequence[System]) -> list[dict[str, Any]]:
    """Each system's nDCG@10 and Recall@100 on the benchmark, measured one after another."""
    rows = []
    for name, run in systems:
        started = time.perf_counter()
        try:
            ranking = run(benchmark)
        except ImportError as exc:
            rows.append({"system": name, "error": f"not installed ({exc.name})"})
            continue
        scores = ranking_scores(ranking, benchmark.qrels)
        rows.append({"system": name, "ndcg@10": round(scores.ndcg10, 4),
                     "recall@100": round(scores.recall100, 4), "queries": scores.queries,
                     "seconds": round(time.perf_counter() - started, 1)})
    return rows


def beir_text(benchmark: Benchmark, rows: Sequence[dict[str, Any]]) -> str:
    """A Markdown table, ready for the README."""
    lines = [f"{benchmark.name}, {benchmark.split} split: {len(benchmark.queries)} queries, "
             f"{len(benchmark.documents)} documents", "",
             "| system | nDCG@10 | Recall@100 | seconds |", "| --- | ---: | ---: | ---: |"]
    for row in rows:
        if "error" in row:
            lines.append(f"| {row['system']} | {row['error']} | | |")
        else:
            lines.append(f"| {row['system']} | {row['ndcg@10']:.4f} | {row['recall@100']:.4f} "
                         f"| {row['seconds']} |")
    return "\n".join(lines)


def run_beir(folder: Path, split: str, as_json: bool, engine: str | None = None,
             k1: float | None = None, b: float | None = None, peers: bool = True) -> int:
    """Rank a BEIR benchmark with ours and the peers, print the table."""
    try:
        benchmark = read_benchmark(folder, split)
    except BenchmarkError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    rows = beir_rows(benchmark, beir_systems(engine, k1, b, peers))
    if as_json:
        sys.stdout.write(json.dumps({"benchmark": benchmark.name, "split": split,
                                     "queries": len(benchmark.queries), "systems": rows}) + "\n")
    else:
        print(beir_text(benchmark, rows))
    return 0


# --- the command ----------------------------------------------------------------------------


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """The `eval` subcommand's options."""
    parser.add_argument("questions", nargs="?", type=Path, metavar="QA.jsonl",
                        help="question set, one JSON object a line")
    parser.add_argument("--beir", type=Path, metavar="DIR",
                        help="rank a BEIR benchmark folder instead (corpus, queries, qrels/)")
    parser.add_argument("--split", default="test", choices=SPLITS,
                        help="BEIR split to score (default: %(default)s; tune on train)")
    parser.add_argument("--k1", type=float, help="BM25 k1 for the BEIR run (default: 1.5)")
    parser.add_argument("--b", type=float, help="BM25 b for the BEIR run (default: 0.75)")
    parser.add_argument("--no-peers", action="store_true",
                        help="BEIR: skip rank-bm25 and bm25s")
    parser.add_argument("--json", action="store_true", help="one JSON object with the figures")


def run_eval(args: argparse.Namespace, base: KnowledgeBase | None) -> int:
    """`python -m bot eval`: a question set against the knowledge, or a BEIR benchmark."""
    if args.beir is not None:
        return run_beir(args.beir, args.split, args.json, engine=args.engine, k1=args.k1,
                        b=args.b, peers=not args.no_peers)
    if args.questions is None or base is None:
        print("error: give a question set (QA.jsonl) or --beir DIR", file=sys.stderr)
        return 2
    return run_question_set(base.answerer, args.questions, args.json)

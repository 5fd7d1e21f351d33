"""The quality figures are computed the way their definitions say, on examples small enough
to work out by hand; question sets and BEIR folders are read as documented."""

from __future__ import annotations

import json
import math
import subprocess
import sys
from pathlib import Path

import pytest

from bot.beir import BenchmarkError, read_benchmark, run_ours, run_rank_bm25
from knowledge import Passage, PassageKind
from retrieval.answer import Answer, RankedPassage
from retrieval.evaluation import (
    Judgement,
    Question,
    QuestionSetError,
    judge,
    misses,
    ndcg_at_k,
    parse_questions,
    quality_report,
    ranking_scores,
    recall_at_k,
    reciprocal_rank,
)


def passage(text: str, number: int = 1) -> Passage:
    return Passage(id=f"a:{number}", article="a", number=number, kind=PassageKind.BODY,
                   text=text, sentences=(text,), title="A", date=None, source="a.txt")


def answer(question: str, texts: list[str], sentence: str | None) -> Answer:
    ranked = tuple(RankedPassage(passage(t, i), 1.0 / i) for i, t in enumerate(texts, 1))
    return Answer(question=question, answered=sentence is not None, sentence=sentence,
                  passages=ranked, terms=())


def asked(id: str, answerable: bool = True, tags: tuple[str, ...] = ()) -> Question:
    return Question(id=id, question=id, answerable=answerable,
                    passages=("right passage",) if answerable else (),
                    answers=("42",) if answerable else (), tags=tags)


def judged(question: Question, rank: int | None, answered: bool, right: bool) -> Judgement:
    return Judgement(question=question, rank=rank, answered=answered, sentence_right=right,
                     sentence="42" if answered else None, best_passage=None)


# --- ranking metrics --------------------------------------------------------------------


def test_reciprocal_rank_counts_only_the_top_k():
    assert reciprocal_rank(1) == 1.0
    assert reciprocal_rank(3) == pytest.approx(1 / 3)
    assert reciprocal_rank(11, k=10) == 0.0
    assert reciprocal_rank(None) == 0.0


def test_ndcg_of_one_relevant_document_at_rank_two():
    # DCG = 1 / log2(3); the ideal ranking has it first, DCG 1.
    assert ndcg_at_k(["x", "a", "y"], {"a": 1}) == pytest.approx(1 / math.log2(3))


def test_ndcg_with_two_relevant_documents_and_grades():
    dcg = 1 / math.log2(3) + 2 / math.log2(4)
    ideal = 2 + 1 / math.log2(3)
    assert ndcg_at_k(["x", "a", "b"], {"a": 1, "b": 2}) == pytest.approx(dcg / ideal)
    assert ndcg_at_k(["b", "a"], {"a": 1, "b": 2}) == pytest.approx(1.0)


def test_ndcg_ignores_documents_below_the_cut_and_unjudged_queries():
    assert ndcg_at_k(["x"] * 10 + ["a"], {"a": 1}, k=10) == 0.0
    assert ndcg_at_k(["a"], {}) == 0.0


def test_recall_is_the_share_of_relevant_documents_found():
    assert recall_at_k(["a", "x", "b"], {"a": 1, "b": 1, "c": 1}) == pytest.approx(2 / 3)
    assert recall_at_k(["x", "a"], {"a": 1}, k=1) == 0.0


def test_ranking_scores_average_over_judged_queries_and_a_missing_run_scores_zero():
    qrels = {"q1": {"a": 1}, "q2": {"b": 1}}
    scores = ranking_scores({"q1": ["a"]}, qrels)
    assert scores.queries == 2
    assert scores.ndcg10 == pytest.approx(0.5)
    assert scores.recall100 == pytest.approx(0.5)


# --- question sets -----------------------------------------------------------------------


def test_a_question_is_judged_by_its_passage_and_its_answer_sentence():
    question = asked("q")
    right = judge(question, answer("q", ["the right passage", "other"], "It was 42."))
    assert (right.rank, right.answered, right.sentence_right) == (1, True, True)
    second = judge(question, answer("q", ["other", "The Right  Passage"], "other"))
    assert (second.rank, second.sentence_right) == (2, False)
    declined = judge(question, answer("q", ["the right passage"], None))
    assert (declined.rank, declined.answered, declined.sentence_right) == (1, False, False)


def test_quality_report_on_a_hand_counted_set():
    near = ("unanswerable", "near_miss")
    judgements = [
        judged(asked("a1"), 1, True, True),
        judged(asked("a2"), 2, True, False),          # wrong passage
        judged(asked("a3"), 1, False, False),         # wrongly abstained
        judged(asked("a4"), None, True, False),       # not found at all
        judged(asked("u1", False), None, False, False),
        judged(asked("u2", False, near), None, True, False),   # answered a near miss
        judged(asked("u3", False, near), None, False, False),
    ]
    report = quality_report(judgements)
    assert (report.answerable, report.unanswerable, report.near_misses) == (4, 3, 2)
    assert report.top1 == pytest.approx(2 / 4)
    assert report.mrr10 == pytest.approx((1 + 0.5 + 1 + 0) / 4)
    assert report.sentence_accuracy == pytest.approx(1 / 4)
    assert report.abstention_recall == pytest.approx(2 / 3)
    assert report.abstention_precision == pytest.approx(2 / 3)  # declined: a3, u1, u3
    assert report.wrongly_abstained == pytest.approx(1 / 4)
    assert report.near_miss_abstained == pytest.approx(1 / 2)
    assert [j.question.id for j in misses(judgements)] == ["a2", "a3", "a4", "u2"]


def test_an_empty_set_has_no_figures_rather_than_a_division_by_zero():
    report = quality_report([])
    assert report.top1 is None and report.abstention_precision is None


def test_question_set_lines_accept_strings_or_lists_and_default_to_answerable():
    lines = [
        json.dumps({"id": "a", "question": "how many?", "passage": "p", "answer": ["1", "one"]}),
        "",
        json.dumps({"id": "b", "question": "capital of France?", "answerable": False,
                    "tags": ["unanswerable", "near_miss"]}),
    ]
    first, second = parse_questions(lines)
    assert first.answerable and first.passages == ("p",) and first.answers == ("1", "one")
    assert not second.answerable and second.near_miss


@pytest.mark.parametrize("line, complaint", [
    ('{"id": "a", "question": "q"}', "'passage'"),
    ('{"id": "a", "question": "q", "passage": "p", "answer": []}', "'answer'"),
    ('{"id": "a", "question": ""}', "'question'"),
    ('{"id": "a", "question": "q", "answerable": "no"}', "'answerable'"),
    ("not json", "not JSON"),
])
def test_a_bad_question_line_is_named_with_what_is_wrong(line, complaint):
    with pytest.raises(QuestionSetError, match=complaint) as raised:
        parse_questions([line], "qa.jsonl")
    assert "qa.jsonl:1" in str(raised.value)


def test_question_ids_must_be_unique():
    line = '{"id": "a", "question": "q", "answerable": false}'
    with pytest.raises(QuestionSetError, match="used twice"):
        parse_questions([line, line])


# --- BEIR ----------------------------------------------------------------------------------


@pytest.fixture
def tiny_beir(tmp_path: Path) -> Path:
    """Three documents, two judged test queries, one train query, in BEIR's layout."""
    docs = [
        {"_id": "d1", "title": "Dialysis units", "text": "Dialysis is offered in the district."},
        {"_id": "d2", "title": "Hospital beds", "text": "The province has 2,762 hospital beds."},
        {"_id": "d3", "title": "Vaccines", "text": "Children were vaccinated against measles."},
    ]
    queries = [{"_id": "1", "text": "how many hospital beds"},
               {"_id": "2", "text": "measles vaccination of children"},
               {"_id": "3", "text": "dialysis"}]
    (tmp_path / "corpus.jsonl").write_text("\n".join(json.dumps(d) for d in docs) + "\n")
    (tmp_path / "queries.jsonl").write_text("\n".join(json.dumps(q) for q in queries) + "\n")
    (tmp_path / "qrels").mkdir()
    (tmp_path / "qrels" / "test.tsv").write_text("query-id\tcorpus-id\tscore\n1\td2\t1\n2\td3\t1\n")
    (tmp_path / "qrels" / "train.tsv").write_text("query-id\tcorpus-id\tscore\n3\td1\t1\n")
    return tmp_path


def test_beir_reader_keeps_the_judged_queries_of_the_split(tiny_beir: Path):
    test = read_benchmark(tiny_beir, "test")
    assert [d.id for d in test.documents] == ["d1", "d2", "d3"]
    assert set(test.queries) == {"1", "2"}
    assert test.qrels == {"1": {"d2": 1}, "2": {"d3": 1}}
    assert set(read_benchmark(tiny_beir, "train").queries) == {"3"}


def test_beir_runs_of_ours_and_the_reference_find_the_judged_documents(tiny_beir: Path):
    benchmark = read_benchmark(tiny_beir, "test")
    for run in (run_ours(benchmark), run_rank_bm25(benchmark)):
        assert ranking_scores(run, benchmark.qrels).ndcg10 == pytest.approx(1.0)


def test_a_missing_beir_file_is_named(tmp_path: Path):
    with pytest.raises(BenchmarkError, match=r"test\.tsv"):
        read_benchmark(tmp_path, "test")


def test_eval_command_ranks_a_beir_folder_beside_the_peers(tiny_beir: Path):
    done = subprocess.run([sys.executable, "-m", "bot", "eval", "--beir", str(tiny_beir),
                           "--json"], capture_output=True, text=True, timeout=120, check=False)
    assert done.returncode == 0, done.stderr
    result = json.loads(done.stdout)
    assert result["split"] == "test" and result["queries"] == 2
    ours, reference = result["systems"][0], result["systems"][1]
    assert ours["system"].startswith("ours") and ours["ndcg@10"] == pytest.approx(1.0)
    assert reference["system"].startswith("rank-bm25") and reference["recall@100"] == 1.0
    # bm25s is an optional peer (the bench extra): measured when installed, else named
    assert "ndcg@10" in result["systems"][2] or "not installed" in result["systems"][2]["error"]

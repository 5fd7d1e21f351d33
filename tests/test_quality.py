"""Issue 5's floors on our own question set (tests/data/qa.jsonl), asked through the same
`Answerer` every front end uses, and the `eval` command that prints the figures."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from bot.evaluate import judge_all, read_questions
from knowledge import Knowledge
from retrieval.answerer import Answerer
from retrieval.evaluation import Judgement, QualityReport, contains_any, misses, quality_report

ROOT = Path(__file__).resolve().parent.parent
QUESTIONS = ROOT / "tests" / "data" / "qa.jsonl"
# Written by a hundred sessions that saw only the articles, never the code or our set: the
# nearest we have to the held-back set issue 5 is judged on (tests/data/README.md).
# Every set in the folder: a new one is judged from the day it lands, and fails until it has
# its floors below.
OUTSIDE = sorted((ROOT / "tests" / "data").glob("qa_outside_*.jsonl"))
# What each set measures today (docs/quality.md), a little under: top 1, answer sentence,
# unanswerable declined, and at most this share of answerable ones wrongly declined.
OUTSIDE_FLOORS = {
    "a": (0.91, 0.91, 0.94, 0.04),
    "b": (0.95, 0.95, 0.89, 0.02),
    "c": (0.96, 0.96, 0.94, 0.03),
    "d": (0.95, 0.93, 0.86, 0.03),
    "e": (0.96, 0.93, 0.91, 0.04),
    "f": (0.97, 0.97, 0.91, 0.02),
    "g": (0.98, 0.98, 0.94, 0.02),
    "h": (0.98, 0.98, 0.97, 0.02),
    "i": (0.96, 0.96, 0.91, 0.02),
    "j": (0.96, 0.96, 0.88, 0.03),
    "k": (0.98, 0.98, 0.94, 0.02),
    "l": (0.96, 0.96, 0.94, 0.01),
    "m": (0.96, 0.93, 0.91, 0.02),
    # readers who heard the stories second-hand, asking loosely in their own words: n only
    # ever scored, p read; what they miss is mostly meaning BM25 cannot see (docs/quality.md)
    "n": (0.92, 0.87, 0.94, 0.11),
    "o": (0.95, 0.93, 0.94, 0.03),
    "p": (0.83, 0.73, 0.94, 0.16),
    # the eighth round: q as a hired tester favouring small facts, r as hurried phone typing,
    # both read; s (foreign and Vietnamese readers, researchers) only ever scored
    "q": (0.98, 0.97, 0.91, 0.03),
    "r": (0.96, 0.93, 0.94, 0.03),
    "s": (0.96, 0.96, 0.97, 0.01),
    # the ninth round: t as speech-to-text dictation and patients' relatives, u as students
    # preparing an assignment, both read; v (journalists fact-checking, in synonyms the
    # articles do not use) only ever scored
    "t": (0.98, 0.98, 0.94, 0.02),
    "u": (0.91, 0.91, 0.97, 0.03),
    "v": (0.93, 0.85, 0.97, 0.13),
    # the tenth round: w as a hospital's staff and health officials ("DOH", "GS", "EMR") and
    # y as Vietnamese readers writing English ("có bao nhiêu", "10.000"), both read; x
    # (members of a public Telegram group: greetings, emoji, text-speak) only ever scored
    "w": (0.98, 0.98, 0.97, 0.03),
    "x": (0.96, 0.94, 0.94, 0.04),
    "y": (0.98, 0.95, 0.97, 0.04),
    # the eleventh round: z to issue 5's own description, only ever scored; za as Vietnamese
    # put through a machine translator ("Lang Son have how many hospital of province
    # level?") and zb as careful readers asking after every paragraph's details, both read
    "z": (0.97, 0.96, 0.97, 0.03),
    "za": (0.96, 0.94, 0.94, 0.04),
    "zb": (0.97, 0.97, 0.97, 0.02),
    # the twelfth round: zc to issue 5's own description again, only ever scored; zd as n and
    # p's second-hand askers and ze as older readers' long polite messages, yes/no and
    # comparison questions and rounded figures, both read
    "zc": (0.95, 0.93, 0.94, 0.02),
    "zd": (0.93, 0.88, 0.97, 0.06),
    "ze": (0.97, 0.97, 0.97, 0.02),
    # the thirteenth round: zf to issue 5's own description, only ever scored; zg as orders,
    # search-engine strings and South Asian, Filipino and African English ("kindly tell",
    # "total no. of") and zh as health professionals' jargon ("CHSs", "HCWs", "LS"), both read
    "zf": (0.98, 0.96, 0.97, 0.03),
    "zg": (0.95, 0.92, 0.97, 0.03),
    "zh": (0.98, 0.97, 0.94, 0.03),
    # the fifteenth round: zi and zj to issue 5's own description, zj only ever scored; zk as
    # people outside health with a practical reason to ask (aid workers, equipment suppliers,
    # teachers, an editor checking figures): context around the question, yes/no, two parts
    "zi": (0.98, 0.98, 0.97, 0.01),
    "zj": (0.96, 0.94, 0.91, 0.03),
    "zk": (0.96, 0.96, 0.97, 0.04),
    # then zl and zm to issue 5's own description, zm only ever scored, and zn as a
    # fact-checking desk: false premises, wrong details, "is it true that ...", both articles
    "zl": (0.98, 0.97, 0.97, 0.02),
    "zm": (0.97, 0.96, 0.94, 0.01),
    "zn": (0.96, 0.90, 0.91, 0.08),
    # the sixteenth round: zo to issue 5's own description, only ever scored; zp as people
    # after figures, dates and shares, asked many ways; zq as quiz makers (multiple choice,
    # true or false, blanks); then zr to issue 5's description again, only ever scored; zs as
    # Lang Son and Hanoi residents in everyday words; zt as half-remembered facts and figures
    "zo": (0.92, 0.89, 0.97, 0.05),
    "zp": (0.95, 0.92, 0.97, 0.07),
    "zq": (0.96, 0.96, 0.97, 0.02),
    "zr": (0.96, 0.92, 0.97, 0.05),
    "zs": (0.93, 0.89, 0.97, 0.04),
    "zt": (0.97, 0.97, 0.91, 0.01),
    # the seventeenth round: zu to issue 5's description, only ever scored; zv as people,
    # roles and words said; zw as time and sequence (dates, years, durations)
    "zu": (0.97, 0.93, 0.88, 0.03),
    "zv": (0.96, 0.93, 0.88, 0.04),
    "zw": (0.95, 0.92, 0.94, 0.05),
    # then zx to issue 5's description again, only ever scored; zy as lists, parts and
    # comparisons; zz as ideas, values and reasons in the reader's own words
    "zx": (0.93, 0.90, 0.91, 0.07),
    "zy": (0.98, 0.95, 0.88, 0.04),
    "zz": (0.90, 0.81, 0.73, 0.06),
    # the eighteenth round: zza to issue 5's description, only ever scored; zzb as broad
    # requests ("tell me about ...", "anything on ..."); zzc as purpose, role, meaning and
    # "how" questions
    "zza": (0.97, 0.97, 0.94, 0.02),
    "zzb": (0.98, 0.93, 0.82, 0.02),
    "zzc": (0.93, 0.84, 0.82, 0.07),
    # then zzd to issue 5's description again, only ever scored; zze as hardships, problems
    # and contrasts ("despite ...", "what was lacking"); zzf as the articles themselves and
    # their parts (headline, date, source, photos, who is quoted)
    "zzd": (0.98, 0.93, 0.94, 0.02),
    "zze": (0.97, 0.85, 0.88, 0.13),
    "zzf": (0.92, 0.87, 0.97, 0.09),
    # the nineteenth round: zzg to issue 5's description, only ever scored; zzh as mangled
    # spelling (phonetic slips, speech-to-text, autocorrect); zzi as things named by another
    # fact about them and two-step questions; then zzj to issue 5's description again, only
    # ever scored; zzk as plain English from children and learners, who describe what they
    # cannot name; zzl as long messages with greetings, asides and a signature
    "zzg": (0.96, 0.89, 0.94, 0.07),
    "zzh": (0.98, 0.93, 0.97, 0.07),
    "zzi": (0.90, 0.81, 0.91, 0.08),
    "zzj": (0.98, 0.95, 0.97, 0.01),
    "zzk": (0.68, 0.53, 0.94, 0.25),
    "zzl": (0.93, 0.84, 0.94, 0.1),
    # the twentieth round: zzm to issue 5's description, only ever scored; zzn as wording
    # half remembered ("the Cao-Bac-something campaign", "sometime in the 1940s"); zzo as
    # other names for the same places, bodies and titles ("CPV", "Meritorious Doctors");
    # then zzp to issue 5's description again, only ever scored; zzq as the articles' ideas
    # in other word forms ("how did it digitise"); zzr as broader or narrower words ("which
    # medical facility", "kidney machines", "how old")
    "zzm": (0.98, 0.98, 0.94, 0.01),
    "zzn": (0.98, 0.93, 0.91, 0.05),
    "zzo": (0.98, 0.98, 0.94, 0.01),
    "zzp": (0.96, 0.96, 0.91, 0.02),
    "zzq": (0.95, 0.89, 0.85, 0.05),
    "zzr": (0.86, 0.74, 0.97, 0.14),
    # the twenty-first round: zzs and zzv to issue 5's description, only ever scored; zzt as
    # comparisons and rankings ("more or fewer than 3,000 beds?"); zzu as Vietnamese
    # speakers' English ("how many bv tỉnh Lang Son have?"); zzw as dates and figures in
    # other forms ("the 27th of Feb", "seventy-first"); zzx as the jargon of health staff
    # and newsrooms ("pt satisfaction KPI LS?")
    "zzs": (0.96, 0.96, 0.97, 0.02),
    "zzt": (0.95, 0.92, 0.88, 0.05),
    "zzu": (0.96, 0.93, 0.91, 0.02),
    "zzv": (0.95, 0.92, 1.0, 0.04),
    "zzw": (0.92, 0.87, 0.97, 0.05),
    "zzx": (0.9, 0.8, 0.82, 0.16),
    # the twenty-second round: zzy to issue 5's description, only ever scored; zzz as two
    # questions in one and statements to correct ("set up in 1955, wasn't it?"); zzza in
    # quiz formats ("Lang Son has ___ commune health stations", "a) 1948 b) 1955"); zzzb as
    # time from the reader's present ("how old is ...", "last month's visit")
    "zzy": (0.98, 0.95, 0.91, 0.02),
    "zzz": (0.93, 0.89, 0.91, 0.07),
    "zzza": (0.96, 0.96, 0.88, 0.0),
    "zzzb": (0.9, 0.87, 1.0, 0.04),
    # the twenty-third round: zzzc to issue 5's description, only ever scored; zzzd as the
    # English of speakers of other languages ("the hospital Huu Nghi is where?", "actual
    # director", "two Things"); zzze through negation and exception ("besides dialysis, which
    # ...", "is any station still without a doctor?"); zzzf as text pasted or half quoted into
    # the chat ("finish the sentence: ...", "is this true: ...")
    "zzzc": (0.98, 0.98, 0.91, 0.02),
    "zzzd": (0.98, 0.93, 0.97, 0.05),
    "zzze": (0.93, 0.87, 0.85, 0.07),
    "zzzf": (0.95, 0.89, 0.91, 0.07),
    # the twenty-fourth round: zzzg to issue 5's description, only ever scored; zzzh as
    # search-box keywords ("huu nghi hospital director name", "laparoscopic surgery cost");
    # zzzi in the formal English of ministries ("Kindly enumerate ...", "the said hospital");
    # zzzj as social-media posts ("@QAbot", "#LangSon", "do ALL stations ...?? y/n")
    "zzzg": (0.96, 0.95, 0.94, 0.02),
    "zzzh": (0.98, 0.92, 0.94, 0.04),
    "zzzi": (0.98, 0.93, 0.91, 0.05),
    "zzzj": (0.98, 0.98, 0.94, 0.0),
    # the twenty-fifth round: zzzk to issue 5's description, only ever scored; zzzl typed fast
    # on a phone ("hiw many", "to lamb", "princi ples"); zzzm as indirect questions ("Not sure
    # how many ...", "Would be good to know ..."); zzzn as note-taking shorthand ("LS Health
    # Dept. est. – yr?", "drs care 4 patients", "# beds")
    "zzzk": (0.98, 0.96, 0.79, 0.04),
    "zzzl": (0.98, 0.93, 0.94, 0.05),
    "zzzm": (0.96, 0.95, 0.94, 0.04),
    "zzzn": (0.98, 0.96, 0.97, 0.0),
    # the twenty-sixth round: zzzo to issue 5's description, only ever scored; zzzp leaving
    # the name out ("the hospital", "he", "the 194"); zzzq in other countries' health words
    # ("county", "CEO", "MDs", "community health center"); zzzr wrapped in instructions for
    # the answer ("Just the number:", "(year only)", "TL;DR:")
    "zzzo": (0.98, 0.98, 0.85, 0.0),
    "zzzp": (0.98, 0.98, 0.88, 0.0),
    "zzzq": (0.95, 0.93, 0.94, 0.04),
    "zzzr": (0.98, 0.98, 0.94, 0.0),
    "zzzs": (1.0, 0.96, 0.91, 0.02),
    "zzzt": (0.96, 0.96, 0.85, 0.02),
    "zzzu": (0.98, 0.95, 0.82, 0.02),
    "zzzv": (0.98, 0.98, 0.94, 0.02),
}
# The sets only ever scored, never read to choose a change (tests/data/README.md)
SCORED_ONLY = frozenset({"c", "f", "i", "l", "n", "s", "v", "x", "z", "zc", "zf", "zj", "zm",
                         "zo", "zr", "zu", "zx", "zza", "zzd", "zzg", "zzj", "zzm", "zzp",
                         "zzs", "zzv", "zzy", "zzzc", "zzzg", "zzzk", "zzzo", "zzzs"})
# Near misses declined, where a set is under the 0.9 most hold
NEAR_MISS_FLOORS = {"o": 0.9, "zq": 0.93, "zr": 0.93, "zt": 0.86, "zu": 0.86, "zv": 0.86,
                    "zw": 0.86, "zy": 0.86, "zz": 0.53, "zzb": 0.86,
                    "zzc": 0.73, "zze": 0.8, "zzi": 0.8, "zzl": 0.86, "zzo": 0.86,
                    "zzq": 0.73, "zzt": 0.86, "zzx": 0.66, "zzza": 0.73,
                    "zzze": 0.86, "zzzf": 0.86, "zzzi": 0.86, "zzzk": 0.86,
                    "zzzo": 0.86, "zzzs": 0.86, "zzzt": 0.86, "zzzu": 0.66}


@pytest.fixture(scope="module")
def judgements(shipped: Knowledge) -> list[Judgement]:
    return judge_all(Answerer.build(shipped.passages), read_questions(QUESTIONS))


@pytest.fixture(scope="module")
def report(judgements: list[Judgement]) -> QualityReport:
    return quality_report(judgements)


def _missed(judgements: list[Judgement]) -> str:
    return "; ".join(f"{j.question.id} {j.question.question!r}" for j in misses(judgements))


def test_the_set_is_as_varied_as_the_issue_asks():
    questions = read_questions(QUESTIONS)
    answerable = [q for q in questions if q.answerable]
    tags = {t for q in questions for t in q.tags}
    assert len(questions) >= 100
    assert len(questions) - len(answerable) >= 20
    assert sum(q.near_miss for q in questions) >= 8
    assert {"typo", "british", "diacritics", "keyword", "how-many", "when", "who",
            "where"} <= tags
    assert {q.id.split("-")[0] for q in answerable} == {"ls", "hn"}  # both articles


def test_every_expected_passage_and_answer_is_in_the_articles(shipped: Knowledge):
    for question in read_questions(QUESTIONS):
        if not question.answerable:
            continue
        holding = [p for p in shipped.passages if contains_any(p.text, question.passages)]
        assert holding, question.id
        assert any(contains_any(s, question.answers) for p in holding for s in p.sentences), \
            question.id


def test_issue_3_floor_at_least_85_percent_right_at_top_1(report, judgements):
    assert report.top1 is not None and report.top1 >= 0.85, _missed(judgements)


def test_at_least_95_percent_right_at_top_1_as_measured(report, judgements):
    """The floor this set holds today, so that a change cannot lose ground unnoticed."""
    assert report.top1 is not None and report.top1 >= 0.95, _missed(judgements)


def test_at_least_96_percent_of_answerable_questions_right_at_top_1(report, judgements):
    assert report.top1 is not None and report.top1 >= 0.96, _missed(judgements)


def test_at_least_90_percent_answered_with_the_right_sentence(report, judgements):
    assert report.sentence_accuracy is not None and report.sentence_accuracy >= 0.90, \
        _missed(judgements)


def test_at_least_80_percent_of_unanswerable_questions_declined(report, judgements):
    assert report.abstention_recall is not None and report.abstention_recall >= 0.80, \
        _missed(judgements)


def test_at_most_4_percent_of_answerable_questions_wrongly_declined(report, judgements):
    assert report.wrongly_abstained is not None and report.wrongly_abstained <= 0.04, \
        _missed(judgements)


def test_at_least_half_of_near_misses_declined(report, judgements):
    assert report.near_miss_abstained is not None and report.near_miss_abstained >= 0.5, \
        _missed(judgements)


def test_eval_command_prints_the_figures_and_the_misses_as_json():
    done = subprocess.run([sys.executable, "-m", "bot", "eval", str(QUESTIONS), "--json"],
                          capture_output=True, text=True, cwd=ROOT, timeout=120, check=False)
    assert done.returncode == 0, done.stderr
    result = json.loads(done.stdout)
    figures = result["figures"]
    assert figures["answerable"] + figures["unanswerable"] == len(read_questions(QUESTIONS))
    for name in ("top1", "mrr10", "sentence_accuracy", "abstention_precision",
                 "abstention_recall", "wrongly_abstained", "near_miss_abstained"):
        assert 0.0 <= figures[name] <= 1.0
    assert all({"id", "question", "why"} <= set(miss) for miss in result["misses"])


def test_eval_command_names_a_broken_question_set(tmp_path: Path):
    broken = tmp_path / "qa.jsonl"
    broken.write_text('{"id": "a", "question": "how many?"}\n', encoding="utf-8")
    done = subprocess.run([sys.executable, "-m", "bot", "eval", str(broken)],
                          capture_output=True, text=True, cwd=ROOT, timeout=120, check=False)
    assert done.returncode == 2
    assert "qa.jsonl:1" in done.stderr and "'passage'" in done.stderr


# --- the sets written apart from the code ----------------------------------------------------


@pytest.fixture(scope="module")
def outside(shipped: Knowledge) -> dict[str, tuple[QualityReport, list[Judgement]]]:
    answerer = Answerer.build(shipped.passages)
    reports = {}
    for path in OUTSIDE:
        judged = judge_all(answerer, read_questions(path))
        reports[path.name] = (quality_report(judged), judged)
    return reports


def test_outside_sets_hold_the_figures_measured_on_them(outside):
    """Floors a little under what the sets measure today (docs/quality.md), so that a change
    tuned on our own set cannot quietly lose what generalises."""
    for name, (report, judged) in outside.items():
        key = name.removesuffix(".jsonl").removeprefix("qa_outside_")
        top1, sentence, declined, wrongly = OUTSIDE_FLOORS[key]
        # a set only ever scored names its misses by id, so that a failure does not read them
        missed = (" ".join(j.question.id for j in misses(judged)) if key in SCORED_ONLY
                  else _missed(judged))
        assert report.top1 >= top1, (name, missed)
        assert report.sentence_accuracy >= sentence, (name, missed)
        assert report.abstention_recall >= declined, (name, missed)
        assert report.wrongly_abstained <= wrongly, (name, missed)
        assert report.near_miss_abstained >= NEAR_MISS_FLOORS.get(key, 0.9), (name, missed)


@pytest.mark.xfail(strict=True, reason="issue 5's targets are not all met on the outside sets: "
                   "top 1 is missed on twenty-five of a hundred (a, n, p, u, v, zd, zo, zs, "
                   "zw, zx, zz, zzc, zzf, zzi, zzk, zzl, zzr, zzt, zzw, zzx, zzz, zzzb, zzze, "
                   "zzzf, zzzq), the answer sentence on p, v, zs, zz, zzc, zze, zzf, zzi, "
                   "zzk, zzl, zzr, zzw, zzx, zzz, zzzb and zzze, the unanswerable declined on zz "
                   "and zzzk, wrongly declining on n, p, v, zd, zn, zo, zr, zx, zz, zzc, zze, "
                   "zzf, zzg, zzh, zzi, zzk, zzl, zzq, zzr, zzt, zzw, zzx, zzz, zzzd, zzze, zzzf, "
                   "zzzi and zzzl; b to m, o, q, r, s, t, w, x, y, z, za, zb, zc, ze to zm, zp, "
                   "zq, zt, zu, zv, zy, zza, zzb, zzd, zzj, zzm, zzn, zzo, zzp, zzs, zzu, zzv, "
                   "zzy, zzza, zzzc, zzzg, zzzh, zzzj, zzzm, zzzn, zzzo, zzzp, zzzr, zzzs, zzzt, "
                   "zzzu and zzzv meet all (docs/quality.md)")
def test_outside_sets_meet_issue_5s_targets(outside):
    for report, _ in outside.values():
        assert report.top1 >= 0.96 and report.sentence_accuracy >= 0.90
        assert report.abstention_recall >= 0.80 and report.wrongly_abstained <= 0.04

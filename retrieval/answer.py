"""Pick the answer from ranked passages: the best sentence, or an honest "not answered".

Pure functions: they see the question, the ranked passages and the idf of the question's
terms, and decide. The front ends only format what comes out (`Answer`).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from enum import StrEnum

from knowledge import Passage
from retrieval.analyzer import Analyzer

IdfLookup = Callable[[str], "float | None"]

# Share of the question's idf mass the best passage must match to count as answering it.
MIN_COVERAGE = 0.5


class AnswerType(StrEnum):
    """What kind of text would answer the question, read from its first words."""

    NUMBER = "number"
    DATE = "date"
    PERSON = "person"
    PLACE = "place"
    OTHER = "other"


_TYPE_PATTERNS: tuple[tuple[AnswerType, re.Pattern[str]], ...] = (
    (AnswerType.NUMBER, re.compile(
        r"\b(how (many|much|far|long|old|big|large)|number of|what (percentage|percent|share|"
        r"proportion|rate|ratio|number)|how high)\b", re.I)),
    (AnswerType.DATE, re.compile(r"\b(when|what (year|date|day|month)|which (year|date|day))\b",
                                 re.I)),
    (AnswerType.PERSON, re.compile(r"\b(who|whom|whose)\b", re.I)),
    (AnswerType.PLACE, re.compile(r"\b(where|which (city|province|place|district|country))\b",
                                  re.I)),
)
_HAS_NUMBER = re.compile(r"\d|\b(one|two|three|four|five|six|seven|eight|nine|ten|eleven|"
                         r"twelve|hundred|thousand|million|dozen)\b", re.I)
_HAS_DATE = re.compile(
    r"\b(1[89]\d\d|20\d\d)\b|\b(january|february|march|april|may|june|july|august|september|"
    r"october|november|december)\b", re.I)
_HAS_NAME = re.compile(r"(?<!^)(?<![.!?] )\b[A-Z][a-z]+(?: [A-Z][a-z]+)+")


@dataclass(frozen=True, slots=True)
class RankedPassage:
    """A passage with its BM25 score for this question."""

    passage: Passage
    score: float


@dataclass(frozen=True, slots=True)
class Answer:
    """What the bot says to a question: the sentence that answers, and where it comes from.

    `passages` are best first and present even when not answered, so a front end can offer
    "the nearest I found". `terms` are the question's analysed terms, for highlighting.
    """

    question: str
    answered: bool
    sentence: str | None
    passages: tuple[RankedPassage, ...]
    terms: tuple[str, ...]
    reason: str | None = None

    @property
    def best(self) -> RankedPassage | None:
        """The passage the answer comes from (or the nearest one when not answered)."""
        return self.passages[0] if self.passages else None


def answer_type(question: str) -> AnswerType:
    """The kind of answer a question asks for: "how many" wants a number, "when" a date."""
    for kind, pattern in _TYPE_PATTERNS:
        if pattern.search(question):
            return kind
    return AnswerType.OTHER


def fits_type(sentence: str, kind: AnswerType) -> bool:
    """Whether a sentence holds the kind of thing the question asks for."""
    if kind is AnswerType.NUMBER:
        return _HAS_NUMBER.search(sentence) is not None
    if kind is AnswerType.DATE:
        return _HAS_DATE.search(sentence) is not None
    if kind in (AnswerType.PERSON, AnswerType.PLACE):
        return _HAS_NAME.search(sentence) is not None
    return False


def _term_weight(term: str, idf: IdfLookup, unknown: float) -> float:
    value = idf(term)
    return unknown if value is None else max(value, 0.0)


def coverage(terms: Sequence[str], passage_terms: set[str], idf: IdfLookup,
             unknown: float) -> float:
    """Share of the question's idf mass that the passage contains (1.0: every word found)."""
    weights = {t: _term_weight(t, idf, unknown) for t in terms}
    total = sum(weights.values())
    if total <= 0:
        return 0.0
    return sum(w for t, w in weights.items() if t in passage_terms) / total


def pick_sentence(question: str, passage: Passage, terms: Sequence[str], idf: IdfLookup,
                  analyzer: Analyzer) -> str:
    """The sentence of the passage that matches most of the question, preferring the right type.

    Matching is weighed by idf, so a rare word ("dialysis") counts more than a common one;
    a sentence holding what the question asks for (a number for "how many") gets a bonus
    worth half the question's weight, enough to win over a sentence that merely repeats words.
    """
    sentences = passage.sentences or (passage.text,)
    wanted = set(terms)
    weights = {t: _term_weight(t, idf, 0.0) for t in wanted}
    kind = answer_type(question)
    bonus = 0.5 * sum(weights.values())

    def score(sentence: str) -> float:
        found = wanted.intersection(analyzer.terms(sentence))
        value = sum(weights[t] for t in found)
        if found and fits_type(sentence, kind):
            value += bonus
        return value

    return max(sentences, key=score)  # max keeps the first of equals: earlier sentence wins


def pick_answer(question: str, ranked: Sequence[RankedPassage], terms: Sequence[str],
                idf: IdfLookup, unknown_idf: float, analyzer: Analyzer) -> Answer:
    """Decide whether the best passage answers the question, and with which sentence."""
    unique = tuple(dict.fromkeys(terms))
    common = dict(question=question, passages=tuple(ranked), terms=unique)
    if not unique:
        return Answer(answered=False, sentence=None, reason="no searchable words", **common)
    if not ranked:
        return Answer(answered=False, sentence=None, reason="no passage matches", **common)
    best = ranked[0].passage
    share = coverage(unique, set(analyzer.terms(best.text)), idf, unknown_idf)
    if share < MIN_COVERAGE:
        return Answer(answered=False, sentence=None,
                      reason=f"weak match ({share:.0%} of the question found)", **common)
    sentence = pick_sentence(question, best, unique, idf, analyzer)
    return Answer(answered=True, sentence=sentence, **common)

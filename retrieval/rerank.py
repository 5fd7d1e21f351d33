"""Re-order the engine's best passages with evidence BM25 cannot see.

BM25 scores each passage as a bag of words, alone, and rewards repeating a word. A person
judging the same passages also sees which of the question's words each passage holds at
all, the names its article is about (a paragraph of the Lang Son article is about Lang Son
even when it does not say so), and whether one sentence answers the whole question with the
kind of thing asked for (a count next to what is counted, for "how many"). Each is added to
the BM25 score in one unit, idf mass: the summed idf of the question's terms that the
evidence covers, times a weight. Pure functions; the ranker supplies the analysed texts.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from retrieval.answer import AnswerType, count_near, fits_type, tells_age
from retrieval.synonyms import Alternatives, matched

IdfLookup = Callable[[str], "float | None"]


@dataclass(frozen=True, slots=True)
class Weights:
    """How much each kind of evidence counts, per unit of idf mass it covers.

    The defaults were chosen on the bot's own question set (tests/data/qa.jsonl): short
    questions over news paragraphs, where holding each asked word once matters more than
    repeating some of them.
    """

    coverage: float = 1.0  # question terms the passage holds (a name: or its article does)
    article: float = 1.0  # share of a name's weight its article lends a passage lacking it
    sentence: float = 0.2  # question terms met in the passage's best single sentence
    answer_type: float = 0.6  # ... in its best sentence holding what is asked for
    # question terms in its title: a paper's title says what it is about; the bot's
    # headlines add nothing its article's names do not already lend, so 0 for the bot
    title: float = 0.0


@dataclass(frozen=True, slots=True)
class PassageView:
    """What re-ranking needs to know about one candidate passage, already analysed."""

    terms: Sequence[str]  # the passage's terms in order
    sentences: Sequence[tuple[str, Sequence[str]]]  # each sentence with its terms
    # the terms its article is about (in the headline or two passages): only those are lent,
    # so one paragraph's "Doctors' Day" does not make every other one about that day
    article_terms: frozenset[str]
    title_terms: frozenset[str] = frozenset()  # the terms of its title


def idf_mass(terms: Sequence[str] | set[str] | frozenset[str], idf: IdfLookup) -> float:
    """Sum of the (non-negative) idf of distinct terms; unknown terms weigh nothing here."""
    return math.fsum(max(idf(t) or 0.0, 0.0) for t in set(terms))  # exact in any order


def holds_answer(sentence: str, terms: Sequence[str], query: set[str], kind: AnswerType) -> bool:
    """Whether a sentence holds what the question asks for: for "how many", a count next to
    one of the question's words; for "when", a date; for "how old", an age of something it
    names."""
    if kind is AnswerType.NUMBER:
        return count_near(sentence, query, terms, parts=False)
    if kind is AnswerType.DATE:
        return fits_type(sentence, kind)
    if kind is AnswerType.AGE:
        return tells_age(terms, query)
    return False


def missing_but_in_article(query: Sequence[str], view: PassageView) -> set[str]:
    """Question terms the passage lacks and its article has: the only ones a name can lend."""
    return (set(query) - set(view.terms)) & view.article_terms


def evidence(query: Sequence[str], view: PassageView, names: frozenset[str], idf: IdfLookup,
             kind: AnswerType, weights: Weights, alternatives: Alternatives | None = None,
             named: frozenset[str] = frozenset()) -> float:
    """The extra score a passage earns beyond BM25, in idf mass; `names` are the terms its
    article writes as names; a question term counts as held when one of its `alternatives`
    (words meaning the same) is. `named` are the terms the question writes as names: a count
    beside one counts something else ("how many people work in Lang Son" is not answered by
    "over the past 70 years, Lang Son's health sector")."""
    alternatives = alternatives or {}
    wanted = set(query)
    near = wanted.union(*alternatives.values()) - named
    present = matched(query, view.terms, alternatives)
    lent = (wanted - present) & view.article_terms & names
    score = weights.coverage * (idf_mass(present, idf) + weights.article * idf_mass(lent, idf))
    best = fitting = 0.0
    for text, terms in view.sentences:
        mass = idf_mass(matched(query, terms, alternatives), idf)
        best = max(best, mass)
        if mass > fitting and holds_answer(text, terms, near, kind):
            fitting = mass
    titled = weights.title * idf_mass(wanted & view.title_terms, idf) if weights.title else 0.0
    return score + weights.sentence * best + weights.answer_type * fitting + titled
